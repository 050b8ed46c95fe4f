import { describe, expect, it } from 'vitest';
import { query, read } from './site';

/** The chain on the built site: a deliberation shows what followed from it; satisfaction only from 5 ratings. */
describe('the chain on the site', () => {
  it('a deliberation page lists its follow-ups, activities, volunteer hours and points, and its expenses link back', async () => {
    const [d] = await query<{ id: number; title: string }>(
      'select d.id, d.title from deliberations d where exists (select 1 from activities a where a.deliberation_id = d.id)',
    );
    const acts = await query<{ id: number; title: string }>(
      `select id, title from activities where deliberation_id = ${d!.id} order by date, id`,
    );
    const [hours] = await query<{ h: number }>(
      `select coalesce(sum(p.hours), 0) as h from participations p join activities a on a.id = p.activity_id where a.deliberation_id = ${d!.id} and p.checked_in_at is not null`,
    );
    const [points] = await query<{ n: number }>(
      `select coalesce(sum(p.amount), 0) as n from ledger_entries e join postings p on p.entry_id = e.id and p.amount > 0 join activities a on a.id = e.activity_id
       where e.kind = 'award' and a.deliberation_id = ${d!.id}`,
    );
    const fus = await query<{ id: number }>(
      `select id from followups where deliberation_id = ${d!.id}`,
    );
    expect(acts.length).toBeGreaterThan(0);
    expect(Number(points!.n)).toBeGreaterThan(0);
    for (const [prefix, hoursLabel, pointsLabel] of [
      ['', '志愿服务时长（小时）', '发放积分'],
      ['en/', 'volunteer hours', 'points awarded'],
    ] as const) {
      const html = read(`${prefix}deliberations/${d!.id}/index.html`);
      const chain = html.slice(html.indexOf('data-chain'));
      const figure = (value: string, label: string) =>
        new RegExp(`<strong[^>]*>${value}</strong>${label}`);
      expect(chain).toMatch(
        figure(
          Number(hours!.h).toLocaleString(prefix ? 'en' : 'zh-CN', { maximumFractionDigits: 1 }),
          hoursLabel.replace(/[()（）]/g, '.'),
        ),
      );
      expect(chain).toMatch(
        figure(Number(points!.n).toLocaleString(prefix ? 'en' : 'zh-CN'), pointsLabel),
      );
      for (const a of acts) expect(chain).toContain(`id="activity-${a.id}"`);
      for (const f of fus) expect(html).toContain(`id="followup-${f.id}"`);
    }
    // Each expense the deliberation approved names it back on its fund's statement.
    const spent = await query<{ code: string }>(
      `select f.code from expenses e join funds f on f.id = e.fund_id where e.deliberation_id = ${d!.id} and e.status = 'published'`,
    );
    if (spent.length > 0) {
      const statement = read(`charity/${spent[0]!.code}/index.html`);
      expect(
        statement.includes(`href="/deliberations/${d!.id}/"`) ||
          read('charity/index.html').includes(`/deliberations/${d!.id}/`),
      ).toBe(true);
    }
  });

  it('a service page shows its satisfaction only from 5 ratings on, and so does its provider', async () => {
    const rated = await query<{ id: number; providerId: number; n: number }>(
      "select s.id, s.provider_id as providerId, count(r.id) as n from services s join service_requests r on r.service_id = s.id and r.rating is not null and r.status = 'done' where s.status = 'published' group by s.id",
    );
    const five = rated.find((r) => Number(r.n) >= 5)!;
    const few = rated.find((r) => Number(r.n) < 5)!;
    const shown = read(`services/${five.id}/index.html`);
    expect(shown).toMatch(/data-satisfaction[\s\S]*平均 \d\.\d 分（满分 5 分），共 \d+ 条评价/);
    expect(read(`en/services/${five.id}/index.html`)).toMatch(
      /Average \d\.\d out of 5, from \d+ ratings/,
    );
    const hidden = read(`services/${few.id}/index.html`);
    expect(hidden).toContain('评价不足 5 条，暂不显示');
    expect(hidden).not.toMatch(/data-satisfaction[\s\S]*平均 \d/);
    expect(read('organizations/index.html')).toMatch(
      new RegExp(`id="org-${five.providerId}-satisfaction"`),
    );
  });
});
