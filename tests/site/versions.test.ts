import { XMLParser } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { query, read, readJson, resolves } from './site';

/** The demo seeds one revised and one withdrawn service (db/seed/records-versions.ts). */
let revised: { id: number; reason: string };
let withdrawn: { id: number; reason: string };

beforeAll(async () => {
  const rows = await query<{ record_id: number; kind: string; reason: string }>(
    "select record_id, kind, reason from record_versions where entity = 'service' and kind <> 'published' order by id",
  );
  const find = (kind: string) => {
    const row = rows.find((r) => r.kind === kind);
    if (!row) throw new Error(`the demo has no ${kind} service`);
    return { id: Number(row.record_id), reason: row.reason };
  };
  revised = find('revised');
  withdrawn = find('withdrawn');
});

describe('revised and withdrawn records on the public site', () => {
  it('shows a revised service with its note and a link to its history, in both languages', () => {
    const zh = read(`services/${revised.id}/index.html`);
    expect(zh).toMatch(/data-revised[^>]*>修订于 [^<]*：/);
    expect(zh).toContain(revised.reason);
    expect(zh).toContain(`href="/services/${revised.id}/history/"`);
    const en = read(`en/services/${revised.id}/index.html`);
    expect(en).toMatch(/data-revised[^>]*>Revised on /);
    expect(en).toContain(`href="/en/services/${revised.id}/history/"`);
  });

  it('lists each version on the history page with the field that changed, old → new', () => {
    const page = read(`services/${revised.id}/history/index.html`);
    expect(page).toContain('第 2 版');
    expect(page).toContain('第 1 版');
    expect(page).toContain(revised.reason);
    const row = page.match(/<tr data-field="schedule"[^>]*>([\s\S]*?)<\/tr>/);
    expect(row, 'the schedule change').not.toBeNull();
    expect(row![1]).toMatch(/<del>[^<]+<\/del>[\s\S]*<ins>[^<]*节假日顺延[^<]*<\/ins>/);
    expect(read(`en/services/${revised.id}/history/index.html`)).toContain('Version 2');
  });

  it("keeps a withdrawn service's page as a tombstone with the reason, and offers no request", () => {
    const page = read(`services/${withdrawn.id}/index.html`);
    expect(page).toMatch(/data-withdrawn/);
    expect(page).toContain(withdrawn.reason);
    expect(page).toContain('data-no-request');
    expect(page).not.toContain('data-request-service');
    const rows = readJson<Array<{ id: number; status: string }>>('data/services.json');
    expect(rows.find((r) => r.id === withdrawn.id)?.status).toBe('withdrawn');
    expect(rows.find((r) => r.id === revised.id)?.status).toBe('published');
  });

  it('announces the revision and the withdrawal in the services feed, linked to the history', () => {
    const doc = new XMLParser({ isArray: (name) => name === 'item' }).parse(
      read('services/rss.xml'),
    );
    const items = doc.rss.channel.item as Array<{
      title: string;
      link: string;
      description: string;
    }>;
    const gone = items.find((i) => i.link.endsWith(`/services/${withdrawn.id}/history/#v2`));
    expect(gone?.title).toMatch(/^撤回：/);
    expect(gone?.description).toContain(withdrawn.reason);
    const fixed = items.find((i) => i.link.endsWith(`/services/${revised.id}/history/#v2`));
    expect(fixed?.title).toMatch(/^修订：/);
    for (const item of [gone!, fixed!]) {
      const target = resolves(item.link);
      expect(target.ok, target.ok ? '' : target.why).toBe(true);
    }
  });

  it("announces a money record's revision in the charity feed, in both languages, linked to its row", async () => {
    const [donation] = await query<{ record_id: number; reason: string }>(
      "select record_id, reason from record_versions where entity = 'donation' and kind = 'revised' order by id limit 1",
    );
    expect(donation, 'the demo revises a donation').toBeDefined();
    for (const [file, title] of [
      ['charity/rss.xml', /^修订：捐赠 #/],
      ['en/charity/rss.xml', /^Revised: Donation #/],
    ] as const) {
      const doc = new XMLParser({ isArray: (name) => name === 'item' }).parse(read(file));
      const items = doc.rss.channel.item as Array<{
        title: string;
        link: string;
        description: string;
      }>;
      const item = items.find(
        (i) => i.title === `${i.title.match(title)?.[0] ?? ''}${donation!.record_id}`,
      );
      expect(item, file).toBeDefined();
      expect(item!.description).toContain(donation!.reason);
      expect(item!.link).toMatch(/[?&]v=2#/);
      expect(new Set(items.map((i) => i.link)).size, 'every link (the guid) is unique').toBe(
        items.length,
      );
      const target = resolves(item!.link);
      expect(target.ok, target.ok ? '' : target.why).toBe(true);
    }
  });

  it('publishes every version in open data, with its reason and the fields it changed', () => {
    const rows =
      readJson<
        Array<{
          id: string;
          entity: string;
          recordId: number;
          version: number;
          kind: string;
          reason: string | null;
          changedFields: string | null;
        }>
      >('data/versions.json');
    expect(rows.find((r) => r.id === `service-${revised.id}-v1`)).toMatchObject({
      kind: 'published',
      reason: null,
    });
    expect(rows.find((r) => r.id === `service-${revised.id}-v2`)).toMatchObject({
      entity: 'service',
      recordId: revised.id,
      version: 2,
      kind: 'revised',
      reason: revised.reason,
      changedFields: 'schedule',
    });
    expect(rows.find((r) => r.id === `service-${withdrawn.id}-v2`)).toMatchObject({
      kind: 'withdrawn',
      reason: withdrawn.reason,
    });
    expect(read('data/versions.csv')).toContain(revised.reason);
  });
});
