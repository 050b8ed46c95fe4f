import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { answerOf, bodyOf, client } from '../helpers/client';
import { count } from '../helpers/daily-use';
import { call, expectError, newKey, useWorld } from '../helpers/http';
import { balanceOf, rows } from '../helpers/ledger';

/** Teams and activity types as the administrator keeps them; a rate change reaches new activities only. */
describe('admin teams', () => {
  const w = useWorld(['admin', 'staff']);
  const admin = (token = w.tokens.admin) => client(w.app, { token }).admin;
  const team = (_id: number | string) => admin().teams[':id'];
  const join = (id: number, residentId: number) =>
    team(id).members.$post({ param: { id: String(id) }, json: { residentId } });
  const leave = (id: number, residentId: number) =>
    team(id).members[':residentId'].leave.$post({
      param: { id: String(id), residentId: String(residentId) },
    });
  const raw = (path: string, body: unknown, method = 'POST') =>
    call(w.app, method, `/api/admin${path}`, { token: w.tokens.admin, body });
  const audits = (entity: string) =>
    rows<{ action: string; entity_id: number; actor_id: number; detail: string }>(
      w.t.database.read,
      sql`select action, entity_id, actor_id, detail from audit_log where entity = ${entity} order by id`,
    );

  it('creates a team with a leader, adds and lets members leave, all audited, nothing deleted', async () => {
    const [r1, r2, r3] = w.f.residents as [number, number, number];
    const created = await bodyOf(
      await admin().teams.$post({
        json: { name: '红袖章巡防队', description: '夜间巡防', leaderId: r1 },
      }),
      201,
    );
    const id = created.id;
    expect(created).toMatchObject({
      name: '红袖章巡防队',
      description: '夜间巡防',
      leader: { id: r1, name: '张三华' },
    });
    // The leader is a member too.
    expect(created.members.map((m) => m.residentId)).toEqual([r1]);

    expect((await join(id, r2)).status).toBe(201);
    expectError(await answerOf(await join(id, r2)), 409, 'already_member');
    const renamed = await bodyOf(
      await team(id).$patch({
        param: { id: String(id) },
        json: { name: '红袖章志愿队', leaderId: r3 },
      }),
      200,
    );
    expect(renamed.leader).toEqual({ id: r3, name: '王建国' });
    expect(renamed.members.map((m) => m.residentId)).toEqual([r1, r2, r3]);

    const left = await bodyOf(await leave(id, r3), 200);
    expect(left.leader).toBeNull();
    expect(left.members.map((m) => m.residentId)).toEqual([r1, r2]);
    expectError(await answerOf(await leave(id, r3)), 404, 'not_found');
    // Kept with the date it ended.
    const kept = await rows<{ resident_id: number; left_at: string | null }>(
      w.t.database.read,
      sql`select resident_id, left_at from team_members where team_id = ${id} order by id`,
    );
    expect(kept).toEqual([
      { resident_id: r1, left_at: null },
      { resident_id: r2, left_at: null },
      { resident_id: r3, left_at: w.time.now.toISOString() },
    ]);
    // Rejoining starts a new membership.
    expect((await join(id, r3)).status).toBe(201);

    const list = await bodyOf(await admin().teams.$get(), 200);
    expect(list.teams).toEqual([expect.objectContaining({ id, name: '红袖章志愿队' })]);
    expect((await audits('team')).map((a) => a.action)).toEqual(['create', 'update']);
    expect(JSON.parse((await audits('team'))[1]!.detail).changes).toEqual({
      name: { from: '红袖章巡防队', to: '红袖章志愿队' },
      leaderId: { from: r1, to: r3 },
    });
    expect((await audits('team_member')).length).toBe(5);
    // Staff see the team in the activity form.
    const form = await bodyOf(
      await client(w.app, { token: w.tokens.staff }).staff['activity-types'].$get(),
      200,
    );
    expect(form.teams).toEqual([{ id, name: '红袖章志愿队', description: '夜间巡防' }]);
  });

  it('refuses bad input and unknown people without changing anything', async () => {
    const ok = await bodyOf(await admin().teams.$post({ json: { name: '助老队' } }), 201);
    const before = {
      teams: await count(w.t.database, 'teams'),
      members: await count(w.t.database, 'team_members'),
      audit: await count(w.t.database, 'audit_log'),
    };
    const create = async (json: { name: string; leaderId?: number }, token?: string) =>
      answerOf(await admin(token).teams.$post({ json }));
    for (const json of [{ name: '' }, { name: 'x'.repeat(65) }, { name: '队', leaderId: 0 }]) {
      expectError(await create(json), 400, 'invalid_request');
    }
    // Missing fields, unknown fields and wrong types are what the typed client cannot send.
    for (const body of [{}, { name: '队', extra: 1 }, { name: '队', leaderId: 'a' }]) {
      expectError(await raw('/teams', body), 400, 'invalid_request');
    }
    expectError(await create({ name: '助老队' }), 409, 'team_name_taken');
    expectError(await create({ name: '新队', leaderId: w.f.staffId }), 422, 'invalid_reference');
    expectError(await create({ name: '新队', leaderId: 9999 }), 422, 'invalid_reference');
    expectError(
      await answerOf(await team(ok.id).$patch({ param: { id: String(ok.id) }, json: {} })),
      400,
      'invalid_request',
    );
    expectError(
      await answerOf(await team(9999).$patch({ param: { id: '9999' }, json: { name: '别的' } })),
      404,
      'not_found',
    );
    expectError(await answerOf(await join(ok.id, w.f.merchants[0]!)), 422, 'invalid_reference');
    expectError(await raw(`/teams/${ok.id}/members`, {}), 400, 'invalid_request');
    expectError(await answerOf(await join(9999, w.f.residents[0]!)), 404, 'not_found');
    expectError(await create({ name: '新队' }, w.tokens.staff), 403, 'forbidden');
    expect({
      teams: await count(w.t.database, 'teams'),
      members: await count(w.t.database, 'team_members'),
      audit: await count(w.t.database, 'audit_log'),
    }).toEqual(before);
  });
});

describe('admin activity types', () => {
  const w = useWorld(['admin', 'staff']);
  type NewType = {
    code?: string;
    nameZh: string;
    nameEn: string;
    pointsPerHour: number;
    dailyCap: number;
  };
  type TypeChange = {
    nameZh?: string;
    nameEn?: string;
    pointsPerHour?: number;
    dailyCap?: number;
    active?: boolean;
  };
  const types = (token = w.tokens.admin) => client(w.app, { token }).admin['activity-types'];
  const post = async (json: NewType, token?: string) => types(token).$post({ json });
  const made = async (json: NewType) => bodyOf(await post(json), 201);
  const patch = async (id: number, json: TypeChange, token?: string) =>
    types(token)[':id'].$patch({ param: { id: String(id) }, json });
  const staff = () => client(w.app, { token: w.tokens.staff }).staff;
  const createActivity = (type: string, title: string) =>
    staff().activities.$post({
      json: { type, title, date: '2026-03-09', place: '一区', hours: 2 },
    });
  const activity = (_id: number) => staff().activities[':id'];
  const param = (id: number) => ({ param: { id: String(id) } });
  const raw = (path: string, body: unknown, method = 'POST') =>
    call(w.app, method, `/api/admin${path}`, { token: w.tokens.admin, body });

  it('lists, creates and changes types; a rate change does not alter an existing activity', async () => {
    const list = await bodyOf(await types().$get(), 200);
    expect(list.types).toEqual([
      {
        id: expect.any(Number),
        code: 'patrol',
        nameZh: '巡防',
        nameEn: 'Patrol',
        pointsPerHour: 10,
        dailyCap: 50,
        active: true,
        activities: 1,
      },
    ]);
    const type = await made({
      nameZh: '助老服务',
      nameEn: 'Elder care',
      pointsPerHour: 15,
      dailyCap: 60,
    });
    expect(type).toMatchObject({
      code: expect.stringMatching(/^type_\d+$/),
      nameZh: '助老服务',
      pointsPerHour: 15,
      dailyCap: 60,
      active: true,
      activities: 0,
    });

    const before = await bodyOf(await createActivity(type.code, '探访独居老人'), 201);
    expect(before.type).toMatchObject({ pointsPerHour: 15, dailyCap: 60 });

    const changed = await bodyOf(await patch(type.id, { pointsPerHour: 40, dailyCap: 100 }), 200);
    expect(changed).toMatchObject({ pointsPerHour: 40, dailyCap: 100, activities: 1 });
    const audit = await rows<{ detail: string }>(
      w.t.database.read,
      sql`select detail from audit_log where entity = 'activity_type' and action = 'update'`,
    );
    expect(JSON.parse(audit[0]!.detail).changes).toEqual({
      pointsPerHour: { from: 15, to: 40 },
      dailyCap: { from: 60, to: 100 },
    });

    // The existing activity keeps 15/h capped at 60; a new one earns 40/h capped at 100.
    const after = await bodyOf(await createActivity(type.code, '陪老人就医'), 201);
    expect(
      (await bodyOf(await activity(before.id).$get(param(before.id)), 200)).type,
    ).toMatchObject({ pointsPerHour: 15, dailyCap: 60 });
    expect(after.type).toMatchObject({ pointsPerHour: 40, dailyCap: 100 });
    const r = w.f.residents[0]!;
    for (const a of [before.id, after.id]) {
      expect(
        (await activity(a)['check-ins'].$post({ ...param(a), json: { residentId: r } })).status,
      ).toBe(201);
    }
    const preview = await bodyOf(
      await activity(before.id)['close-preview'].$get(param(before.id)),
      200,
    );
    expect(preview).toMatchObject({ pointsPerHour: 15, dailyCap: 60, totalPoints: 30 });
    const closed = await activity(before.id).close.$post({
      ...param(before.id),
      header: { 'idempotency-key': newKey() },
      json: { preview: preview.fingerprint },
    });
    expect(closed.status).toBe(201);
    expect(await balanceOf(w.t.database, r)).toBe(30);
    // Caps count per type and day against the activity's own rule: the old activity's cap of 60 refuses a 40-point award.
    const award = await staff().awards.$post({
      header: { 'idempotency-key': newKey() },
      json: { residentId: r, points: 40, reason: '补发', activityId: before.id },
    });
    expectError(await answerOf(award), 422, 'daily_cap_exceeded');
    const second = await bodyOf(
      await activity(after.id)['close-preview'].$get(param(after.id)),
      200,
    );
    expect(second).toMatchObject({
      pointsPerHour: 40,
      dailyCap: 100,
      lines: [expect.objectContaining({ uncapped: 80, earnedToday: 30, points: 70, capped: true })],
    });
  });

  it('a retired type is offered for no new activity, and comes back when restored', async () => {
    const type = await made({
      code: 'clean_up',
      nameZh: '环境清洁',
      nameEn: 'Clean-up',
      pointsPerHour: 8,
      dailyCap: 40,
    });
    expect((await bodyOf(await patch(type.id, { active: false }), 200)).active).toBe(false);
    const form = await bodyOf(await staff()['activity-types'].$get(), 200);
    expect(form.types.map((t) => t.code)).toEqual(['patrol']);
    expectError(
      await answerOf(await createActivity('clean_up', '清理楼道')),
      422,
      'invalid_reference',
    );
    await patch(type.id, { active: true });
    expect((await createActivity('clean_up', '清理楼道')).status).toBe(201);
  });

  it('refuses bad input without changing anything', async () => {
    const type = await made({
      code: 'tutoring',
      nameZh: '课业辅导',
      nameEn: 'Tutoring',
      pointsPerHour: 10,
      dailyCap: 30,
    });
    const before = {
      types: await rows(w.t.database.read, sql`select * from activity_types order by id`),
      audit: await count(w.t.database, 'audit_log'),
    };
    const good = { nameZh: '义诊', nameEn: 'Free clinic', pointsPerHour: 10, dailyCap: 30 };
    for (const json of [
      { ...good, pointsPerHour: 0 },
      { ...good, dailyCap: -1 },
      { ...good, pointsPerHour: 1.5 },
      { ...good, nameZh: '' },
      { ...good, code: 'Bad Code' },
    ]) {
      expectError(await answerOf(await post(json)), 400, 'invalid_request');
    }
    // Missing fields, unknown fields and wrong types are what the typed client cannot send.
    for (const body of [{}, { ...good, extra: true }, { ...good, active: 'yes' }]) {
      expectError(await raw('/activity-types', body), 400, 'invalid_request');
    }
    expectError(await answerOf(await post({ ...good, code: 'tutoring' })), 409, 'type_code_taken');
    for (const json of [{}, { pointsPerHour: 0 }])
      expectError(await answerOf(await patch(type.id, json)), 400, 'invalid_request');
    for (const body of [{ code: 'other' }, { dailyCap: 'many' }])
      expectError(await raw(`/activity-types/${type.id}`, body, 'PATCH'), 400, 'invalid_request');
    expectError(await answerOf(await patch(9999, { pointsPerHour: 5 })), 404, 'not_found');
    expectError(await answerOf(await post(good, w.tokens.staff)), 403, 'forbidden');
    expectError(
      await answerOf(await patch(type.id, { pointsPerHour: 5 }, w.tokens.staff)),
      403,
      'forbidden',
    );
    expect({
      types: await rows(w.t.database.read, sql`select * from activity_types order by id`),
      audit: await count(w.t.database, 'audit_log'),
    }).toEqual(before);
  });
});
