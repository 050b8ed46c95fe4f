import { XMLParser } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { MONEY_FUND, REASONS, WITHDRAWN_FUND } from './money-versions-records';
import { query, read, readJson, resolves } from './site';

/** The funds and records money-versions-records.ts revised and withdrew through the API before the build. */
let ids: {
  fund: number;
  gone: number;
  kept: number;
  dropped: number;
  income: number;
  undone: number;
  budget: number;
};

beforeAll(async () => {
  const one = async (sql: string) => Number((await query<{ id: number }>(sql))[0]!.id);
  const fund = await one(`select id from funds where code = '${MONEY_FUND}'`);
  ids = {
    fund,
    gone: await one(`select id from funds where code = '${WITHDRAWN_FUND}'`),
    kept: await one(`select id from donations where fund_id = ${fund} and status = 'published'`),
    dropped: await one(`select id from donations where fund_id = ${fund} and status = 'withdrawn'`),
    income: await one(`select id from incomes where fund_id = ${fund}`),
    undone: await one(`select id from expenses where fund_id = ${fund} and status = 'withdrawn'`),
    budget: await one(`select id from budgets where fund_id = ${fund}`),
  };
});

const rowOf = (page: string, anchor: string) =>
  page.match(
    new RegExp(`<tr id="${anchor}"[^>]*>[\\s\\S]*?</tr>\\s*(<tr class="row-note"[\\s\\S]*?</tr>)?`),
  )?.[0];

describe('withdrawn and revised money records on the public site', () => {
  it('counts withdrawn records in no balance, on the page and in open data', () => {
    // 1,000 donated − 100 spent; the withdrawn donation (50), income (200) and expense (300) count nowhere.
    const funds =
      readJson<
        Array<{ id: number; status: string; balanceFen: number; inFen: number; outFen: number }>
      >('data/funds.json');
    expect(funds.find((f) => f.id === ids.fund)).toMatchObject({
      status: 'published',
      balanceFen: 90_000,
      inFen: 100_000,
      outFen: 10_000,
    });
    expect(read(`charity/${MONEY_FUND}/index.html`)).toContain('¥900.00');
    const budgets =
      readJson<Array<{ fundId: number; status: string; plannedFen: number; actualFen: number }>>(
        'data/budgets.json',
      );
    expect(budgets.find((b) => b.fundId === ids.fund)).toMatchObject({
      status: 'published',
      plannedFen: 60_000,
      actualFen: 10_000,
    });
  });

  it('keeps every withdrawn row in open data with its status', () => {
    const status = (file: string, id: number) =>
      readJson<Array<{ id: number; status: string }>>(file).find((r) => r.id === id)?.status;
    expect(status('data/donations.json', ids.dropped)).toBe('withdrawn');
    expect(status('data/donations.json', ids.kept)).toBe('published');
    expect(status('data/incomes.json', ids.income)).toBe('withdrawn');
    expect(status('data/expenses.json', ids.undone)).toBe('withdrawn');
    expect(status('data/funds.json', ids.gone)).toBe('withdrawn');
    const schema = readJson<{
      resources: Array<{
        name: string;
        schema: { fields: Array<{ name: string; constraints?: { enum?: string[] } }> };
      }>;
    }>('data/datapackage.json');
    for (const name of ['funds', 'donations', 'incomes', 'expenses', 'budgets']) {
      const field = schema.resources
        .find((r) => r.name === name)
        ?.schema.fields.find((f) => f.name === 'status');
      expect(field?.constraints?.enum, name).toEqual(['published', 'withdrawn']);
    }
  });

  it('marks withdrawn and revised rows in words, each linked to its section of the fund history', () => {
    const page = read(`charity/${MONEY_FUND}/index.html`);
    for (const [anchor, reason, mark] of [
      [`donation-${ids.dropped}`, REASONS.donationWithdrawn, '已撤回'],
      [`income-${ids.income}`, REASONS.income, '已撤回'],
      [`expense-${ids.undone}`, REASONS.expense, '已撤回'],
      [`donation-${ids.kept}`, REASONS.donation, '修订于'],
      [`budget-line-${ids.budget}`, REASONS.budget, '修订于'],
    ] as const) {
      const row = rowOf(page, anchor);
      expect(row, anchor).toBeDefined();
      expect(row).toContain(mark);
      expect(row).toContain(reason);
      const section = anchor.replace('budget-line-', 'budget-');
      expect(row).toContain(`href="/charity/${MONEY_FUND}/history/#${section}"`);
    }
  });

  it('shows the fund revised and links its history page, where each record has its section', () => {
    const page = read(`charity/${MONEY_FUND}/index.html`);
    expect(page).toMatch(/data-revised[^>]*>修订于 [^<]*：/);
    expect(page).toContain(REASONS.fund);
    const history = read(`charity/${MONEY_FUND}/history/index.html`);
    for (const section of [
      `fund-${ids.fund}`,
      `donation-${ids.kept}`,
      `donation-${ids.dropped}`,
      `income-${ids.income}`,
      `expense-${ids.undone}`,
      `budget-${ids.budget}`,
    ]) {
      expect(resolves(`/charity/${MONEY_FUND}/history/#${section}`).ok, section).toBe(true);
    }
    expect(history).toMatch(
      /<tr data-field="plannedFen"[^>]*>[\s\S]*?<del>50000<\/del>[\s\S]*?<ins>60000<\/ins>/,
    );
    expect(history).toContain(REASONS.budget);
    expect(read(`en/charity/${MONEY_FUND}/history/index.html`)).toContain('Version 2');
  });

  it("keeps a withdrawn fund's page as a tombstone, listed on /charity/ marked withdrawn", () => {
    const page = read(`charity/${WITHDRAWN_FUND}/index.html`);
    expect(page).toContain('已撤回的测试基金');
    expect(page).toMatch(/data-withdrawn/);
    expect(page).toContain(REASONS.fundWithdrawn);
    expect(page).toContain('D-T3');
    expect(read(`charity/${WITHDRAWN_FUND}/2026-03/index.html`)).toContain(REASONS.fundWithdrawn);
    expect(read('sitemap-0.xml')).toContain(`/charity/${MONEY_FUND}/history/</loc>`);
    const index = read('charity/index.html');
    const card = index.match(/<article[^>]*data-status="withdrawn"[\s\S]*?<\/article>/)?.[0];
    expect(card).toContain(`/charity/${WITHDRAWN_FUND}/`);
    expect(card).toContain('已撤回');
  });

  it('shows English titles on /en/ and says when a fund is in Chinese only', () => {
    const en = read(`en/charity/${MONEY_FUND}/index.html`);
    expect(en).toMatch(/<h1[^>]*>Test fund<\/h1>/);
    expect(en).toContain('Meal subsidies');
    expect(read(`en/charity/${WITHDRAWN_FUND}/index.html`)).toMatch(/class="chinese-only"/);
  });

  it('announces the withdrawals and revisions in the charity feed, in both languages', () => {
    for (const [file, withdrawn, revised] of [
      ['charity/rss.xml', /^撤回：/, /^修订：/],
      ['en/charity/rss.xml', /^Withdrawn: /, /^Revised: /],
    ] as const) {
      const doc = new XMLParser({ isArray: (name) => name === 'item' }).parse(read(file));
      const items = doc.rss.channel.item as Array<{
        title: string;
        link: string;
        description: string;
      }>;
      for (const reason of [
        REASONS.donationWithdrawn,
        REASONS.income,
        REASONS.expense,
        REASONS.fundWithdrawn,
      ]) {
        const item = items.find((i) => i.description.includes(reason));
        expect(item?.title, `${file} ${reason}`).toMatch(withdrawn);
        const target = resolves(item!.link);
        expect(target.ok, target.ok ? '' : target.why).toBe(true);
      }
      for (const reason of [REASONS.fund, REASONS.budget]) {
        const item = items.find((i) => i.description.includes(reason));
        expect(item?.title, `${file} ${reason}`).toMatch(revised);
        const target = resolves(item!.link);
        expect(target.ok, target.ok ? '' : target.why).toBe(true);
      }
      expect(new Set(items.map((i) => i.link)).size, 'every link (the guid) is unique').toBe(
        items.length,
      );
    }
  });
});
