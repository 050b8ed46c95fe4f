import { XMLParser } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtFiles, decodePagefind, query, read, readJson, resolves } from './site';

/** The demo revises and withdraws an organisation and a follow-up (db/seed/records-versions.ts). */
type Change = { id: number; reason: string };
let org: { revised: Change; withdrawn: Change };
let followup: {
  revised: Change & { deliberationId: number };
  withdrawn: Change & { deliberationId: number };
};

async function changes(entity: string): Promise<Record<'revised' | 'withdrawn', Change>> {
  const rows = await query<{ record_id: number; kind: string; reason: string }>(
    `select record_id, kind, reason from record_versions where entity = '${entity}' and kind <> 'published' order by id`,
  );
  const find = (kind: string) => {
    const row = rows.find((r) => r.kind === kind);
    if (!row) throw new Error(`the demo has no ${kind} ${entity}`);
    return { id: Number(row.record_id), reason: row.reason };
  };
  return { revised: find('revised'), withdrawn: find('withdrawn') };
}

beforeAll(async () => {
  org = await changes('organization');
  const f = await changes('followup');
  const meeting = async (c: Change) => ({
    ...c,
    deliberationId: Number(
      (
        await query<{ d: number }>(`select deliberation_id as d from followups where id = ${c.id}`)
      )[0]!.d,
    ),
  });
  followup = { revised: await meeting(f.revised), withdrawn: await meeting(f.withdrawn) };
});

const jsonLd = (page: string) =>
  JSON.parse(
    page.match(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/)![1]!,
  ) as Record<string, unknown>;

describe('organisations on the public site', () => {
  it('gives each organisation its own page in both languages, with Organization JSON-LD, canonical link and search body', async () => {
    const [row] = await query<{ id: number; name: string }>(
      "select id, name from organizations where status = 'published' order by id limit 1",
    );
    for (const [file, prefix] of [
      [`organizations/${row!.id}/index.html`, ''],
      [`en/organizations/${row!.id}/index.html`, '/en'],
    ] as const) {
      const page = read(file);
      expect(page).toContain(
        `<link rel="canonical" href="https://linli.example.org${prefix}/organizations/${row!.id}/">`,
      );
      expect(page).toMatch(/<meta name="description" content="[^"]+"/);
      expect(page).toContain('data-pagefind-body');
      const ld = jsonLd(page);
      expect(ld).toMatchObject({
        '@type': 'Organization',
        name: row!.name,
        url: `https://linli.example.org${prefix}/organizations/${row!.id}/`,
      });
    }
    expect(read('organizations/index.html')).toContain(`href="/organizations/${row!.id}/"`);
  });

  it('shows the revised organisation with its note and history, and keeps the withdrawn one as a tombstone', () => {
    const revised = read(`organizations/${org.revised.id}/index.html`);
    expect(revised).toMatch(/data-revised[^>]*>修订于 [^<]*：/);
    expect(revised).toContain(`href="/organizations/${org.revised.id}/history/"`);
    const history = read(`en/organizations/${org.revised.id}/history/index.html`);
    expect(history).toContain('Version 2');
    expect(history).toMatch(/<tr data-field="contact"/);
    const gone = read(`organizations/${org.withdrawn.id}/index.html`);
    expect(gone).toMatch(/data-withdrawn[^>]*>\s*<strong[^>]*>已撤回<\/strong>/);
    expect(gone).toContain(org.withdrawn.reason);
    const list = read('organizations/index.html');
    const card = list.slice(list.indexOf(`id="org-${org.withdrawn.id}"`));
    expect(card.slice(0, card.indexOf('</article>'))).toContain('已撤回');
    expect(read('sitemap-0.xml')).toContain(
      `https://linli.example.org/organizations/${org.withdrawn.id}/`,
    );
  });

  it('announces the revision and the withdrawal in the services feed, zh and en', () => {
    for (const [file, prefix] of [
      ['services/rss.xml', ''],
      ['en/services/rss.xml', '/en'],
    ] as const) {
      const items = new XMLParser({ isArray: (n) => n === 'item' }).parse(read(file)).rss.channel
        .item as Array<{ title: string; link: string; description: string }>;
      const gone = items.find((i) =>
        i.link.endsWith(`${prefix}/organizations/${org.withdrawn.id}/history/#v2`),
      );
      expect(gone?.description, file).toContain(org.withdrawn.reason);
      expect(
        items.find((i) => i.link.endsWith(`${prefix}/organizations/${org.revised.id}/history/#v2`)),
        file,
      ).toBeDefined();
      expect(resolves(gone!.link).ok).toBe(true);
    }
  });

  it('keeps the withdrawn organisation in open data with its status', () => {
    const rows = readJson<Array<{ id: number; status: string }>>('data/organizations.json');
    expect(rows.find((r) => r.id === org.withdrawn.id)?.status).toBe('withdrawn');
    expect(rows.find((r) => r.id === org.revised.id)?.status).toBe('published');
    const schema = readJson<{
      resources: Array<{
        name: string;
        schema: { fields: Array<{ name: string; constraints?: { enum?: string[] } }> };
      }>;
    }>('data/datapackage.json');
    const status = schema.resources
      .find((r) => r.name === 'organizations')
      ?.schema.fields.find((f) => f.name === 'status');
    expect(status?.constraints?.enum).toEqual(['published', 'withdrawn']);
  });
});

describe('follow-ups revised and withdrawn', () => {
  it("shows the withdrawn follow-up on its deliberation's page as a tombstone with the reason", () => {
    const page = read(`deliberations/${followup.withdrawn.deliberationId}/index.html`);
    const item = page.slice(page.indexOf(`id="followup-${followup.withdrawn.id}"`));
    expect(item.slice(0, item.indexOf('</article>'))).toMatch(/data-withdrawn[\s\S]*经复核/);
  });

  it("notes the revision, linking the deliberation's history page, which lists the follow-up's versions", () => {
    const { id, deliberationId, reason } = followup.revised;
    const page = read(`deliberations/${deliberationId}/index.html`);
    expect(page).toContain(`href="/deliberations/${deliberationId}/history/#followup-${id}"`);
    expect(page).toContain(reason);
    const history = read(`deliberations/${deliberationId}/history/index.html`);
    expect(history).toMatch(new RegExp(`id="followup-${id}-v2"`));
    expect(history).toContain(reason);
    expect(history).toMatch(/<tr data-field="dueDate"/);
    expect(read(`en/deliberations/${deliberationId}/history/index.html`)).toContain(
      `id="followup-${id}-v2"`,
    );
  });

  it('announces both in the deliberations feed, and open data tells their publication apart from progress', () => {
    const items = new XMLParser({ isArray: (n) => n === 'item' }).parse(
      read('deliberations/rss.xml'),
    ).rss.channel.item as Array<{ title: string; link: string; description: string }>;
    for (const c of [followup.revised, followup.withdrawn]) {
      const item = items.find((i) =>
        i.link.endsWith(`/deliberations/${c.deliberationId}/history/#followup-${c.id}-v2`),
      );
      expect(item?.description).toContain(c.reason);
      expect(resolves(item!.link).ok).toBe(true);
    }
    const rows =
      readJson<Array<{ id: number; publication: string; status: string }>>('data/followups.json');
    expect(rows.find((r) => r.id === followup.withdrawn.id)?.publication).toBe('withdrawn');
    expect(rows.find((r) => r.id === followup.revised.id)?.publication).toBe('published');
  });
});

describe('organisations in site search', () => {
  it('indexes every organisation page in both languages, the withdrawn one too', () => {
    const urls = new Set(
      builtFiles()
        .filter((f) => f.startsWith('pagefind/fragment/'))
        .map((f) => (JSON.parse(decodePagefind(f)) as { url: string }).url),
    );
    for (const prefix of ['', '/en']) {
      expect(urls.has(`${prefix}/organizations/${org.revised.id}/`)).toBe(true);
      expect(urls.has(`${prefix}/organizations/${org.withdrawn.id}/`)).toBe(true);
    }
  });
});

describe('follow-ups in English', () => {
  it("shows a follow-up's English title on the /en/ page, and marks one without English as in Chinese only", async () => {
    const [other] = await query<{ id: number }>(
      `select id from followups where deliberation_id = ${followup.revised.deliberationId} and title_en is null and id <> ${followup.revised.id} limit 1`,
    );
    const page = read(`en/deliberations/${followup.revised.deliberationId}/index.html`);
    const item = (id: number) => {
      const at = page.slice(page.indexOf(`id="followup-${id}"`));
      return at.slice(0, at.indexOf('</article>'));
    };
    expect(item(followup.revised.id)).toMatch(
      /<h3[^>]*>Sign partner agreements with the first merchants<\/h3>/,
    );
    expect(item(followup.revised.id)).not.toContain('chinese-only');
    if (other) expect(item(other.id)).toContain('chinese-only');
    expect(read(`deliberations/${followup.revised.deliberationId}/index.html`)).not.toContain(
      'Sign partner agreements',
    );
  });
});
