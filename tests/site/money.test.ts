import { describe, expect, it } from 'vitest';
import { htmlFiles, read, readJson } from './site';

/** Issue 19: outcomes told after publishing and the reason an expense has no receipt, on the public pages. */
const pagesWith = (text: string) => htmlFiles().filter((f) => read(f).includes(text));

describe('money records on the public site', () => {
  it("shows a donation's later outcome entries in date order, in both languages", () => {
    const zh = pagesWith('已发放给 14 户困难家庭').filter((f) => !f.startsWith('en/'));
    const en = pagesWith('已发放给 14 户困难家庭').filter((f) => f.startsWith('en/'));
    expect(zh.length).toBeGreaterThan(0);
    expect(en.length).toBeGreaterThan(0);
    for (const f of [...zh, ...en]) {
      const list = read(f)
        .match(/<ol class="outcomes[^"]*"[^>]*aria-label="([^"]+)"[^>]*>([\s\S]*?)<\/ol>/g)!
        .find((l) => l.includes('已发放给 14 户困难家庭'))!;
      const dates = [...list.matchAll(/<time datetime="([\d-]+)"/g)].map((m) => m[1]!);
      expect(dates.length).toBe(2);
      expect([...dates].sort()).toEqual(dates);
      expect(list.indexOf('已发放给 14 户困难家庭')).toBeLessThan(list.indexOf('30 床全部发完'));
      expect(list).toContain(f.startsWith('en/') ? 'What became of it' : '后续去向');
    }
  });

  it('shows why an expense has no receipt, and counts the scans of those that have one', () => {
    const zh = pagesWith('临时救助款直接发给受助家庭').filter((f) => !f.startsWith('en/'));
    expect(zh.length).toBeGreaterThan(0);
    for (const f of zh)
      expect(read(f)).toMatch(/无票据原因：<span[^>]*>临时救助款直接发给受助家庭/);
    const en = pagesWith('临时救助款直接发给受助家庭').filter((f) => f.startsWith('en/'));
    expect(en.length).toBeGreaterThan(0);
    for (const f of en) expect(read(f)).toContain('Why there is no receipt: ');
    expect(pagesWith('票据扫描件 1 份').length).toBeGreaterThan(0);
  });

  it('puts the outcomes and the no-receipt reason in open data', () => {
    const donations = readJson<{ data?: unknown[] } | unknown[]>('data/donations.json');
    const rows = (Array.isArray(donations) ? donations : (donations.data ?? [])) as Array<{
      outcomes?: string[];
    }>;
    expect(
      rows.some((r) =>
        r.outcomes?.some((o) => /^\d{4}-\d{2}-\d{2} 已发放给 14 户困难家庭$/.test(o)),
      ),
    ).toBe(true);
    const expenses = readJson<{ data?: unknown[] } | unknown[]>('data/expenses.json');
    const out = (Array.isArray(expenses) ? expenses : (expenses.data ?? [])) as Array<{
      noReceiptReason: string | null;
      receiptCount: number;
      hasReceipt: boolean;
    }>;
    expect(out.length).toBeGreaterThan(0);
    for (const e of out)
      expect(e.receiptCount > 0 || (e.noReceiptReason?.length ?? 0) >= 4).toBe(true);
  });
});
