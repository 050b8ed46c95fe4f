import { describe, expect, it } from 'vitest';
import { builtFiles, decodePagefind, query, read, SITE_ORIGIN } from './site';

/** A volunteer activity's own page: the public part, as an Event, linked both ways with its deliberation. */
const jsonLd = (html: string) =>
  JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)![1]!) as Record<
    string,
    unknown
  >;

describe('activity pages', () => {
  it('each activity a deliberation names has a page in both languages, an Event linked back to it, and the deliberation links to it', async () => {
    const [d] = await query<{ id: number }>(
      "select d.id from deliberations d where d.status = 'published' and exists (select 1 from activities a where a.deliberation_id = d.id)",
    );
    const acts = await query<{ id: number; title: string; date: string; place: string }>(
      `select id, title, date, place from activities where deliberation_id = ${d!.id}`,
    );
    expect(acts.length).toBeGreaterThan(0);
    for (const prefix of ['', 'en/']) {
      const deliberation = read(`${prefix}deliberations/${d!.id}/index.html`);
      for (const a of acts) {
        const path = `/${prefix}activities/${a.id}/`;
        expect(deliberation).toContain(`href="${path}"`);
        const html = read(`${prefix}activities/${a.id}/index.html`);
        expect(html).toContain(`<link rel="canonical" href="${SITE_ORIGIN}${path}">`);
        expect(html).toContain(`href="/${prefix}deliberations/${d!.id}/#activity-${a.id}"`);
        expect(html).toMatch(/data-pagefind-body/);
        const event = jsonLd(html);
        expect(event).toMatchObject({
          '@context': 'https://schema.org',
          '@type': 'Event',
          name: a.title,
          startDate: a.date,
          location: { '@type': 'Place', name: a.place },
          eventStatus: 'https://schema.org/EventScheduled',
          url: `${SITE_ORIGIN}${path}`,
        });
        expect((event.organizer as { name: string }).name).toBeTruthy();
      }
    }
  });

  it('an activity page shows team totals and points, never a volunteer', async () => {
    const [a] = await query<{ id: number; team: string; n: number; hours: number }>(
      `select a.id, t.name as team, count(p.resident_id) as n, sum(p.hours) as hours from activities a join teams t on t.id = a.team_id
       join participations p on p.activity_id = a.id where a.status = 'closed' group by a.id order by a.id limit 1`,
    );
    const [points] = await query<{ n: number }>(
      `select coalesce(sum(p.amount), 0) as n from ledger_entries e join postings p on p.entry_id = e.id and p.amount > 0 where e.kind = 'award' and e.activity_id = ${a!.id}`,
    );
    const names = await query<{ name: string }>(
      `select r.full_name as name from participations p join residents r on r.user_id = p.resident_id where p.activity_id = ${a!.id}`,
    );
    const html = read(`activities/${a!.id}/index.html`);
    expect(html).toContain(`>${a!.team}</a>`);
    expect(html).toMatch(new RegExp(`<strong[^>]*>${Number(a!.n)}</strong>参加人数`));
    expect(html).toMatch(
      new RegExp(`<strong[^>]*>${Number(points!.n).toLocaleString('zh-CN')}</strong>发放积分`),
    );
    for (const { name } of names) expect(html).not.toContain(name);
    expect(jsonLd(html)).toMatchObject({ organizer: { name: a!.team } });
  });

  it('the volunteers page, the sitemap and the search index list activity pages', async () => {
    const [latest] = await query<{ id: number }>(
      'select id from activities order by date desc, id desc limit 1',
    );
    expect(read('volunteers/index.html')).toContain(`href="/activities/${latest!.id}/"`);
    expect(read('en/volunteers/index.html')).toContain(`href="/en/activities/${latest!.id}/"`);
    const sitemap = read('sitemap-0.xml');
    expect(sitemap).toContain(`<loc>${SITE_ORIGIN}/activities/${latest!.id}/</loc>`);
    const indexed = builtFiles()
      .filter((f) => f.startsWith('pagefind/fragment/'))
      .map((f) => (JSON.parse(decodePagefind(f)) as { url: string }).url);
    expect(indexed).toContain(`/activities/${latest!.id}/`);
    expect(indexed).toContain(`/en/activities/${latest!.id}/`);
  });
});
