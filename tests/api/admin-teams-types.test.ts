import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { count } from '../helpers/daily-use';
import { call, expectError, newKey, useWorld } from '../helpers/http';
import { balanceOf, rows } from '../helpers/ledger';

/** Teams and activity types as the administrator keeps them; a rate change reaches new activities only. */
describe('admin teams', () => {
  const w = useWorld(['admin', 'staff']);
  const post = (path: string, body: unknown, token = w.tokens.admin) => call(w.app, 'POST', `/api/admin${path}`, { token, body });
  const patch = (path: string, body: unknown, token = w.tokens.admin) => call(w.app, 'PATCH', `/api/admin${path}`, { token, body });
  const audits = (entity: string) => rows<{ action: string; entity_id: number; actor_id: number; detail: string }>(w.t.database.read, sql`select action, entity_id, actor_id, detail from audit_log where entity = ${entity} order by id`);

  it('creates a team with a leader, adds and lets members leave, all audited, nothing deleted', async () => {
    const [r1, r2, r3] = w.f.residents as [number, number, number];
    const created = await post('/teams', { name: '红袖章巡防队', description: '夜间巡防', leaderId: r1 });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect(created.body).toMatchObject({ name: '红袖章巡防队', description: '夜间巡防', leader: { id: r1, name: '张三华' } });
    // The leader is a member too.
    expect(created.body.members.map((m: { residentId: number }) => m.residentId)).toEqual([r1]);

    expect((await post(`/teams/${id}/members`, { residentId: r2 })).status).toBe(201);
    expectError(await post(`/teams/${id}/members`, { residentId: r2 }), 409, 'already_member');
    const renamed = await patch(`/teams/${id}`, { name: '红袖章志愿队', leaderId: r3 });
    expect(renamed.status).toBe(200);
    expect(renamed.body.leader).toEqual({ id: r3, name: '王建国' });
    expect(renamed.body.members.map((m: { residentId: number }) => m.residentId)).toEqual([r1, r2, r3]);

    const left = await post(`/teams/${id}/members/${r3}/leave`, undefined);
    expect(left.status).toBe(200);
    expect(left.body.leader).toBeNull();
    expect(left.body.members.map((m: { residentId: number }) => m.residentId)).toEqual([r1, r2]);
    expectError(await post(`/teams/${id}/members/${r3}/leave`, undefined), 404, 'not_found');
    // Kept with the date it ended.
    const kept = await rows<{ resident_id: number; left_at: string | null }>(w.t.database.read, sql`select resident_id, left_at from team_members where team_id = ${id} order by id`);
    expect(kept).toEqual([
      { resident_id: r1, left_at: null },
      { resident_id: r2, left_at: null },
      { resident_id: r3, left_at: w.time.now.toISOString() },
    ]);
    // Rejoining starts a new membership.
    expect((await post(`/teams/${id}/members`, { residentId: r3 })).status).toBe(201);

    const list = await call(w.app, 'GET', '/api/admin/teams', { token: w.tokens.admin });
    expect(list.body.teams).toEqual([expect.objectContaining({ id, name: '红袖章志愿队' })]);
    expect((await audits('team')).map((a) => a.action)).toEqual(['create', 'update']);
    expect(JSON.parse((await audits('team'))[1]!.detail).changes).toEqual({ name: { from: '红袖章巡防队', to: '红袖章志愿队' }, leaderId: { from: r1, to: r3 } });
    expect((await audits('team_member')).length).toBe(5);
    // Staff see the team in the activity form.
    const form = await call(w.app, 'GET', '/api/staff/activity-types', { token: w.tokens.staff });
    expect(form.body.teams).toEqual([{ id, name: '红袖章志愿队', description: '夜间巡防' }]);
  });

  it('refuses bad input and unknown people without changing anything', async () => {
    const ok = await post('/teams', { name: '助老队' });
    expect(ok.status).toBe(201);
    const before = { teams: await count(w.t.database, 'teams'), members: await count(w.t.database, 'team_members'), audit: await count(w.t.database, 'audit_log') };
    for (const body of [{}, { name: '' }, { name: 'x'.repeat(65) }, { name: '队', extra: 1 }, { name: '队', leaderId: 'a' }, { name: '队', leaderId: 0 }]) {
      expectError(await post('/teams', body), 400, 'invalid_request');
    }
    expectError(await post('/teams', { name: '助老队' }), 409, 'team_name_taken');
    expectError(await post('/teams', { name: '新队', leaderId: w.f.staffId }), 422, 'invalid_reference');
    expectError(await post('/teams', { name: '新队', leaderId: 9999 }), 422, 'invalid_reference');
    expectError(await patch(`/teams/${ok.body.id}`, {}), 400, 'invalid_request');
    expectError(await patch('/teams/9999', { name: '别的' }), 404, 'not_found');
    expectError(await post(`/teams/${ok.body.id}/members`, { residentId: w.f.merchants[0] }), 422, 'invalid_reference');
    expectError(await post(`/teams/${ok.body.id}/members`, {}), 400, 'invalid_request');
    expectError(await post('/teams/9999/members', { residentId: w.f.residents[0] }), 404, 'not_found');
    expectError(await post('/teams', { name: '新队' }, w.tokens.staff), 403, 'forbidden');
    expect({ teams: await count(w.t.database, 'teams'), members: await count(w.t.database, 'team_members'), audit: await count(w.t.database, 'audit_log') }).toEqual(before);
  });
});

describe('admin activity types', () => {
  const w = useWorld(['admin', 'staff']);
  const post = (body: unknown, token = w.tokens.admin) => call(w.app, 'POST', '/api/admin/activity-types', { token, body });
  const patch = (id: number, body: unknown, token = w.tokens.admin) => call(w.app, 'PATCH', `/api/admin/activity-types/${id}`, { token, body });
  const createActivity = (type: string, title: string) =>
    call(w.app, 'POST', '/api/staff/activities', { token: w.tokens.staff, body: { type, title, date: '2026-03-09', place: '一区', hours: 2 } });

  it('lists, creates and changes types; a rate change does not alter an existing activity', async () => {
    const list = await call(w.app, 'GET', '/api/admin/activity-types', { token: w.tokens.admin });
    expect(list.body.types).toEqual([{ id: expect.any(Number), code: 'patrol', nameZh: '巡防', nameEn: 'Patrol', pointsPerHour: 10, dailyCap: 50, active: true, activities: 1 }]);
    const made = await post({ nameZh: '助老服务', nameEn: 'Elder care', pointsPerHour: 15, dailyCap: 60 });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ code: expect.stringMatching(/^type_\d+$/), nameZh: '助老服务', pointsPerHour: 15, dailyCap: 60, active: true, activities: 0 });

    const before = await createActivity(made.body.code, '探访独居老人');
    expect(before.status).toBe(201);
    expect(before.body.type).toMatchObject({ pointsPerHour: 15, dailyCap: 60 });

    const changed = await patch(made.body.id, { pointsPerHour: 40, dailyCap: 100 });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ pointsPerHour: 40, dailyCap: 100, activities: 1 });
    const audit = await rows<{ detail: string }>(w.t.database.read, sql`select detail from audit_log where entity = 'activity_type' and action = 'update'`);
    expect(JSON.parse(audit[0]!.detail).changes).toEqual({ pointsPerHour: { from: 15, to: 40 }, dailyCap: { from: 60, to: 100 } });

    // The existing activity keeps 15/h capped at 60; a new one earns 40/h capped at 100.
    const after = await createActivity(made.body.code, '陪老人就医');
    expect((await call(w.app, 'GET', `/api/staff/activities/${before.body.id}`, { token: w.tokens.staff })).body.type).toMatchObject({ pointsPerHour: 15, dailyCap: 60 });
    expect(after.body.type).toMatchObject({ pointsPerHour: 40, dailyCap: 100 });
    const r = w.f.residents[0]!;
    for (const a of [before.body.id, after.body.id]) {
      expect((await call(w.app, 'POST', `/api/staff/activities/${a}/check-ins`, { token: w.tokens.staff, body: { residentId: r } })).status).toBe(201);
    }
    const preview = await call(w.app, 'GET', `/api/staff/activities/${before.body.id}/close-preview`, { token: w.tokens.staff });
    expect(preview.body).toMatchObject({ pointsPerHour: 15, dailyCap: 60, totalPoints: 30 });
    const closed = await call(w.app, 'POST', `/api/staff/activities/${before.body.id}/close`, { token: w.tokens.staff, idempotencyKey: newKey(), body: { preview: preview.body.fingerprint } });
    expect(closed.status).toBe(201);
    expect(await balanceOf(w.t.database, r)).toBe(30);
    // Caps count per type and day against the activity's own rule: the old activity's cap of 60 refuses a 40-point award.
    expectError(await call(w.app, 'POST', '/api/staff/awards', { token: w.tokens.staff, idempotencyKey: newKey(), body: { residentId: r, points: 40, reason: '补发', activityId: before.body.id } }), 422, 'daily_cap_exceeded');
    const second = await call(w.app, 'GET', `/api/staff/activities/${after.body.id}/close-preview`, { token: w.tokens.staff });
    expect(second.body).toMatchObject({ pointsPerHour: 40, dailyCap: 100, lines: [expect.objectContaining({ uncapped: 80, earnedToday: 30, points: 70, capped: true })] });
  });

  it('a retired type is offered for no new activity, and comes back when restored', async () => {
    const made = await post({ code: 'clean_up', nameZh: '环境清洁', nameEn: 'Clean-up', pointsPerHour: 8, dailyCap: 40 });
    expect((await patch(made.body.id, { active: false })).body.active).toBe(false);
    const form = await call(w.app, 'GET', '/api/staff/activity-types', { token: w.tokens.staff });
    expect(form.body.types.map((t: { code: string }) => t.code)).toEqual(['patrol']);
    expectError(await createActivity('clean_up', '清理楼道'), 422, 'invalid_reference');
    await patch(made.body.id, { active: true });
    expect((await createActivity('clean_up', '清理楼道')).status).toBe(201);
  });

  it('refuses bad input without changing anything', async () => {
    const made = await post({ code: 'tutoring', nameZh: '课业辅导', nameEn: 'Tutoring', pointsPerHour: 10, dailyCap: 30 });
    const before = { types: await rows(w.t.database.read, sql`select * from activity_types order by id`), audit: await count(w.t.database, 'audit_log') };
    const good = { nameZh: '义诊', nameEn: 'Free clinic', pointsPerHour: 10, dailyCap: 30 };
    for (const body of [{}, { ...good, pointsPerHour: 0 }, { ...good, dailyCap: -1 }, { ...good, pointsPerHour: 1.5 }, { ...good, nameZh: '' }, { ...good, code: 'Bad Code' }, { ...good, extra: true }, { ...good, active: 'yes' }]) {
      expectError(await post(body), 400, 'invalid_request');
    }
    expectError(await post({ ...good, code: 'tutoring' }), 409, 'type_code_taken');
    for (const body of [{}, { pointsPerHour: 0 }, { code: 'other' }, { dailyCap: 'many' }]) expectError(await patch(made.body.id, body), 400, 'invalid_request');
    expectError(await patch(9999, { pointsPerHour: 5 }), 404, 'not_found');
    expectError(await post(good, w.tokens.staff), 403, 'forbidden');
    expectError(await patch(made.body.id, { pointsPerHour: 5 }, w.tokens.staff), 403, 'forbidden');
    expect({ types: await rows(w.t.database.read, sql`select * from activity_types order by id`), audit: await count(w.t.database, 'audit_log') }).toEqual(before);
  });
});
