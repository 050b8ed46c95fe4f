import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { call } from '../../helpers/api';
import { expectError } from '../../helpers/http';
import { perTest } from '../../helpers/template';
import { BASE, recordsWorld, sample } from './helpers';

const w = perTest(recordsWorld);

describe('draft → published', () => {
  it('creates a draft that is not public, then publishes it with who/when, a publish event, audit rows and one onPublish after commit', async () => {
    const created = await w.api('POST', '/organizations', sample.organization());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: 'draft',
      publishedAt: null,
      publishedBy: null,
      createdBy: w.f.staffId,
      createdAt: w.time.now.toISOString(),
    });
    const id = created.body.id as number;
    expect(await w.rows(sql`select * from publish_events`)).toEqual([]);
    expect(w.published).toEqual([]);
    // Nobody outside staff can read it.
    expect((await call(w.app, 'GET', `${BASE}/organizations/${id}`)).status).toBe(401);
    expect((await w.api('GET', `/organizations/${id}`, undefined, w.resident)).status).toBe(403);
    expect((await w.api('GET', '/organizations?status=published')).body.items).toEqual([]);

    w.time.advance(60_000);
    const published = await w.api('POST', `/organizations/${id}/publish`, undefined, w.staff2);
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({
      id,
      status: 'published',
      publishedBy: w.f.staff2Id,
      publishedAt: w.time.now.toISOString(),
    });

    const events = await w.rows(sql`select actor_id, entity, entity_id, at from publish_events`);
    expect(events).toEqual([
      {
        actor_id: w.f.staff2Id,
        entity: 'organization',
        entity_id: id,
        at: w.time.now.toISOString(),
      },
    ]);
    const audit = await w.rows<{
      action: string;
      actor_id: number;
      entity: string;
      entity_id: number;
      detail: string;
    }>(sql`select action, actor_id, entity, entity_id, detail from audit_log order by id`);
    expect(audit.map((a) => [a.action, a.actor_id, a.entity, a.entity_id])).toEqual([
      ['create', w.f.staffId, 'organization', id],
      ['publish', w.f.staff2Id, 'organization', id],
    ]);
    expect(JSON.parse(audit[0]!.detail).fields).toMatchObject({ name: '阳光社工站' });

    expect(w.published.map((p) => p.event)).toEqual([{ entity: 'organization', id }]);
    // The hook ran after the commit: a separate reader already saw the record published.
    expect(await w.published[0]!.seen).toEqual({ status: 'published', events: 1 });
    expect(
      (await w.api('GET', '/organizations?status=published')).body.items.map(
        (o: { id: number }) => o.id,
      ),
    ).toEqual([id]);
  });

  it('refuses to publish twice or to edit a published record, and tells nobody', async () => {
    const { body } = await w.api('POST', '/organizations', sample.organization());
    await w.api('POST', `/organizations/${body.id}/publish`);
    const before = await w.dump();
    expectError(await w.api('POST', `/organizations/${body.id}/publish`), 409, 'already_published');
    // A published record changes only by a revision with its reason.
    expectError(
      await w.api('PATCH', `/organizations/${body.id}`, { name: '改名' }),
      400,
      'invalid_request',
    );
    expect(await w.dump()).toEqual(before);
    expect(w.published).toHaveLength(1);
  });

  it('edits a draft with an audited before/after, and an empty change writes nothing', async () => {
    const { body } = await w.api('POST', '/organizations', sample.organization());
    const patched = await w.api('PATCH', `/organizations/${body.id}`, {
      name: '阳光社工服务站',
      covers: '一区、二区',
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      name: '阳光社工服务站',
      covers: '一区、二区',
      status: 'draft',
    });
    const [update] = await w.rows<{ detail: string }>(
      sql`select detail from audit_log where action = 'update'`,
    );
    expect(JSON.parse(update!.detail)).toEqual({
      changes: {
        name: { from: '阳光社工站', to: '阳光社工服务站' },
        covers: { from: null, to: '一区、二区' },
      },
    });
    const before = await w.counts();
    expect(
      (await w.api('PATCH', `/organizations/${body.id}`, { name: '阳光社工服务站' })).status,
    ).toBe(200);
    expect(await w.counts()).toEqual(before);
  });

  it('stores an injected script verbatim (the site escapes it)', async () => {
    const title = '<script>alert(1)</script>';
    const { body: org } = await w.api(
      'POST',
      '/organizations',
      sample.organization({ name: title }),
    );
    const { body: service } = await w.api(
      'POST',
      '/services',
      sample.service(org.id, { title, howToAsk: `"'><img src=x onerror=alert(1)>` }),
    );
    expect(service.title).toBe(title);
    const [row] = await w.rows<{ title: string; how_to_ask: string }>(
      sql`select title, how_to_ask from services where id = ${service.id}`,
    );
    expect(row).toEqual({ title, how_to_ask: `"'><img src=x onerror=alert(1)>` });
    expect((await w.api('GET', `/organizations/${org.id}`)).body.name).toBe(title);
  });

  it('keeps the organisation map free of loops and checks merchant accounts', async () => {
    const { body: top } = await w.api(
      'POST',
      '/organizations',
      sample.organization({ kind: 'party_committee', name: '社区党委' }),
    );
    const { body: branch } = await w.api(
      'POST',
      '/organizations',
      sample.organization({ kind: 'party_branch', name: '第一支部', parentId: top.id }),
    );
    expectError(
      await w.api('PATCH', `/organizations/${top.id}`, { parentId: branch.id }),
      400,
      'invalid_request',
    );
    expectError(
      await w.api('PATCH', `/organizations/${top.id}`, { parentId: top.id }),
      400,
      'invalid_request',
    );
    expectError(
      await w.api('POST', '/organizations', sample.organization({ parentId: 999 })),
      422,
      'invalid_reference',
    );
    expectError(
      await w.api(
        'POST',
        '/organizations',
        sample.organization({ kind: 'merchant', merchantUserId: w.f.residents[0] }),
      ),
      400,
      'invalid_request',
    );
    expect(
      (
        await w.api(
          'POST',
          '/organizations',
          sample.organization({ kind: 'merchant', merchantUserId: w.f.merchants[0] }),
        )
      ).status,
    ).toBe(201);
    // A branch is published only under a published committee.
    expectError(
      await w.api('POST', `/organizations/${branch.id}/publish`),
      409,
      'dependency_unpublished',
    );
    await w.api('POST', `/organizations/${top.id}/publish`);
    expect((await w.api('POST', `/organizations/${branch.id}/publish`)).status).toBe(200);
  });
});

describe('services', () => {
  it('publishes a service only once its provider (and its deliberation) are public', async () => {
    const { body: org } = await w.api('POST', '/organizations', sample.organization());
    const { body: delib } = await w.api('POST', '/deliberations', sample.deliberation());
    const created = await w.api(
      'POST',
      '/services',
      sample.service(org.id, {
        audiences: ['elders', 'elders_alone', 'elders'],
        deliberationId: delib.id,
      }),
    );
    expect(created.status).toBe(201);
    expect(created.body.audiences).toEqual(['elders', 'elders_alone']);
    expectError(await w.api('POST', '/services', sample.service(999)), 422, 'invalid_reference');
    expectError(
      await w.api('POST', '/services', sample.service(org.id, { deliberationId: 999 })),
      422,
      'invalid_reference',
    );

    expectError(
      await w.api('POST', `/services/${created.body.id}/publish`),
      409,
      'dependency_unpublished',
    );
    await w.api('POST', `/organizations/${org.id}/publish`);
    expectError(
      await w.api('POST', `/services/${created.body.id}/publish`),
      409,
      'dependency_unpublished',
    );
    await w.api('POST', `/deliberations/${delib.id}/publish`);
    const published = await w.api('POST', `/services/${created.body.id}/publish`);
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ status: 'published', deliberationId: delib.id });
    expect(w.published.map((p) => p.event.entity)).toEqual([
      'organization',
      'deliberation',
      'service',
    ]);
  });

  it('lists by status and provider, newest first, paged', async () => {
    const { body: org } = await w.api('POST', '/organizations', sample.organization());
    for (let i = 0; i < 3; i++)
      await w.api('POST', '/services', sample.service(org.id, { title: `服务 ${i}` }));
    const first = await w.api('GET', `/services?limit=2&providerId=${org.id}`);
    expect(first.body.items.map((s: { title: string }) => s.title)).toEqual(['服务 2', '服务 1']);
    const second = await w.api('GET', `/services?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body).toMatchObject({ items: [{ title: '服务 0' }], nextCursor: null });
    expect((await w.api('GET', '/services?status=published')).body.items).toEqual([]);
    expectError(await w.api('GET', '/services?status=secret'), 400, 'invalid_request');
  });
});

describe('deliberations', () => {
  it('takes the agenda, options and votes in one body and publishes them with the deliberation', async () => {
    const created = await w.api(
      'POST',
      '/deliberations',
      sample.deliberation({ building: '3 栋' }),
    );
    expect(created.status).toBe(201);
    const d = created.body;
    expect(d).toMatchObject({
      status: 'draft',
      expected: 30,
      present: 25,
      quorum: 16,
      building: '3 栋',
      followups: [],
    });
    expect(d.agendaItems).toHaveLength(1);
    expect(d.agendaItems[0]).toMatchObject({
      position: 1,
      title: '停车收费标准',
      decision: '采用方案 B',
    });
    expect(
      d.agendaItems[0].options.map((o: { label: string; votes: number; position: number }) => [
        o.position,
        o.label,
        o.votes,
      ]),
    ).toEqual([
      [1, '方案 A', 8],
      [2, '方案 B', 15],
      [3, '弃权', 2],
    ]);

    const published = await w.api('POST', `/deliberations/${d.id}/publish`);
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({
      status: 'published',
      publishedBy: w.f.staffId,
      agendaItems: [{ options: [{}, {}, {}] }],
    });
    const [audit] = await w.rows<{ detail: string }>(
      sql`select detail from audit_log where action = 'publish'`,
    );
    expect(JSON.parse(audit!.detail)).toEqual({ agendaItems: 1, followups: 0 });
    expectError(
      await w.api('PATCH', `/deliberations/${d.id}`, { title: '改' }),
      400,
      'invalid_request',
    );
  });

  it('refuses impossible attendance and tallies, changing nothing', async () => {
    const before = await w.dump();
    expectError(
      await w.api('POST', '/deliberations', sample.deliberation({ present: 31 })),
      400,
      'invalid_request',
    );
    expectError(
      await w.api('POST', '/deliberations', sample.deliberation({ quorum: 31 })),
      400,
      'invalid_request',
    );
    const tooMany = sample.deliberation({ present: 20 });
    const res = await w.api('POST', '/deliberations', tooMany);
    expectError(res, 400, 'invalid_request');
    expect(res.body.error.message).toContain('超过到会人数');
    expectError(
      await w.api(
        'POST',
        '/deliberations',
        sample.deliberation({
          agendaItems: [
            { title: 't', description: 'd', decision: 'x', options: [{ label: 'a', votes: -1 }] },
          ],
        }),
      ),
      400,
      'invalid_request',
    );
    expectError(
      await w.api('POST', '/deliberations', sample.deliberation({ agendaItems: [] })),
      400,
      'invalid_request',
    );
    expectError(
      await w.api('POST', '/deliberations', sample.deliberation({ date: '2026-02-30' })),
      400,
      'invalid_request',
    );
    expectError(
      await w.api('POST', '/deliberations', sample.deliberation({ body: 'politburo' })),
      400,
      'invalid_request',
    );
    expect(await w.dump()).toEqual(before);

    const { body: d } = await w.api('POST', '/deliberations', sample.deliberation());
    const mid = await w.dump();
    // A patch is checked against the record it produces.
    expectError(
      await w.api('PATCH', `/deliberations/${d.id}`, { present: 20 }),
      400,
      'invalid_request',
    );
    expect(await w.dump()).toEqual(mid);
  });

  it('replaces agenda items position by position and keeps those a follow-up names', async () => {
    const { body: org } = await w.api('POST', '/organizations', sample.organization());
    const two = sample.deliberation({
      agendaItems: [
        {
          title: '议题一',
          description: 'd1',
          decision: 'x1',
          options: [{ label: '同意', votes: 20 }],
        },
        { title: '议题二', description: 'd2', decision: 'x2', options: [] },
      ],
    });
    const { body: d } = await w.api('POST', '/deliberations', two);
    const [first, second] = d.agendaItems;
    const patched = await w.api('PATCH', `/deliberations/${d.id}`, {
      agendaItems: [
        {
          title: '议题一（改）',
          description: 'd1',
          decision: 'x1',
          options: [
            { label: '同意', votes: 18 },
            { label: '反对', votes: 2 },
          ],
        },
      ],
    });
    expect(patched.status).toBe(200);
    expect(patched.body.agendaItems).toMatchObject([
      {
        id: first.id,
        title: '议题一（改）',
        options: [
          { label: '同意', votes: 18 },
          { label: '反对', votes: 2 },
        ],
      },
    ]);
    expect(await w.rows(sql`select id from agenda_items where id = ${second.id}`)).toEqual([]);

    const { body: d2 } = await w.api('POST', '/deliberations', two);
    await w.api('POST', `/deliberations/${d2.id}/followups`, {
      title: '落实',
      responsibleId: org.id,
      dueDate: '2026-04-01',
      agendaItemId: d2.agendaItems[1].id,
    });
    const before = await w.dump();
    expectError(
      await w.api('PATCH', `/deliberations/${d2.id}`, { agendaItems: [two.agendaItems[0]] }),
      409,
      'agenda_in_use',
    );
    expect(await w.dump()).toEqual(before);
  });
});

describe('follow-ups', () => {
  async function setup() {
    const { body: org } = await w.api(
      'POST',
      '/organizations',
      sample.organization({ name: '物业公司', kind: 'property_company' }),
    );
    const { body: d } = await w.api('POST', '/deliberations', sample.deliberation());
    return { org, d };
  }

  it('adds follow-ups with a dated timeline; each update sets the current status and progress', async () => {
    const { org, d } = await setup();
    const created = await w.api('POST', `/deliberations/${d.id}/followups`, {
      title: '划线施工',
      responsibleId: org.id,
      dueDate: '2026-04-30',
      agendaItemId: d.agendaItems[0].id,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      deliberationId: d.id,
      status: 'pending',
      progress: 0,
      updates: [],
    });
    const fid = created.body.id as number;

    const u1 = await w.api('POST', `/followups/${fid}/updates`, {
      date: '2026-03-05',
      status: 'in_progress',
      progress: 40,
      note: '已采购材料',
    });
    expect(u1.status).toBe(201);
    expect(u1.body).toMatchObject({
      status: 'in_progress',
      progress: 40,
      updates: [{ date: '2026-03-05', note: '已采购材料', createdBy: w.f.staffId }],
    });
    // Back-dated history does not override the later state.
    const u0 = await w.api('POST', `/followups/${fid}/updates`, {
      date: '2026-03-02',
      status: 'pending',
      progress: 0,
      note: '联系施工队',
    });
    expect(u0.body).toMatchObject({ status: 'in_progress', progress: 40 });
    expect(u0.body.updates.map((u: { date: string }) => u.date)).toEqual([
      '2026-03-02',
      '2026-03-05',
    ]);
    const done = await w.api(
      'POST',
      `/followups/${fid}/updates`,
      { date: '2026-03-08', status: 'done', note: '完工验收' },
      w.staff2,
    );
    expect(done.body).toMatchObject({ status: 'done', progress: 100 });
    expectError(
      await w.api('POST', `/followups/${fid}/updates`, {
        date: '2026-03-08',
        status: 'done',
        progress: 50,
        note: 'x',
      }),
      400,
      'invalid_request',
    );
    expectError(
      await w.api('POST', `/followups/${fid}/updates`, {
        date: '2026-02-01',
        status: 'pending',
        note: '会前',
      }),
      400,
      'invalid_request',
    );
    expect(
      (await w.api('GET', `/followups?status=done&deliberationId=${d.id}`)).body.items.map(
        (f: { id: number }) => f.id,
      ),
    ).toEqual([fid]);
    // Nothing was public yet: no rebuilds.
    expect(w.published).toEqual([]);
    expect((await w.api('GET', `/deliberations/${d.id}`)).body.followups[0].updates).toHaveLength(
      3,
    );
  });

  it('checks the responsible organisation, the agenda item and the due date', async () => {
    const { org, d } = await setup();
    const { body: other } = await w.api('POST', '/deliberations', sample.deliberation());
    const before = await w.dump();
    expectError(
      await w.api('POST', `/deliberations/${d.id}/followups`, {
        title: 't',
        responsibleId: 999,
        dueDate: '2026-04-01',
      }),
      422,
      'invalid_reference',
    );
    expectError(
      await w.api('POST', `/deliberations/${d.id}/followups`, {
        title: 't',
        responsibleId: org.id,
        dueDate: '2026-04-01',
        agendaItemId: other.agendaItems[0].id,
      }),
      400,
      'invalid_request',
    );
    expectError(
      await w.api('POST', `/deliberations/${d.id}/followups`, {
        title: 't',
        responsibleId: org.id,
        dueDate: '2026-02-01',
      }),
      400,
      'invalid_request',
    );
    expectError(
      await w.api('POST', `/deliberations/999/followups`, {
        title: 't',
        responsibleId: org.id,
        dueDate: '2026-04-01',
      }),
      404,
      'not_found',
    );
    expectError(
      await w.api('POST', `/followups/999/updates`, {
        date: '2026-03-05',
        status: 'done',
        note: 'x',
      }),
      404,
      'not_found',
    );
    expect(await w.dump()).toEqual(before);
  });

  it('on a published deliberation, follow-ups and updates are public at once and ask for a rebuild', async () => {
    const { org, d } = await setup();
    const { body: f } = await w.api('POST', `/deliberations/${d.id}/followups`, {
      title: '划线施工',
      responsibleId: org.id,
      dueDate: '2026-04-30',
    });
    // The responsible organisation must be public before the deliberation can be.
    expectError(
      await w.api('POST', `/deliberations/${d.id}/publish`),
      409,
      'dependency_unpublished',
    );
    await w.api('POST', `/organizations/${org.id}/publish`);
    await w.api('POST', `/deliberations/${d.id}/publish`);
    expect(w.published.map((p) => p.event)).toEqual([
      { entity: 'organization', id: org.id },
      { entity: 'deliberation', id: d.id },
    ]);
    expectError(
      await w.api('PATCH', `/followups/${f.id}`, { dueDate: '2026-05-30' }),
      400,
      'invalid_request',
    );
    const revised = await w.api('PATCH', `/followups/${f.id}`, {
      dueDate: '2026-05-30',
      reason: '施工队延期进场',
    });
    expect(revised.body).toMatchObject({ dueDate: '2026-05-30' });
    const [version] = await w.rows<{ kind: string; reason: string; changed: string }>(
      sql`select kind, reason, changed from record_versions where entity = 'followup' and record_id = ${f.id} and version = 2`,
    );
    expect(version).toEqual({ kind: 'revised', reason: '施工队延期进场', changed: '["dueDate"]' });

    expect(
      (
        await w.api('POST', `/followups/${f.id}/updates`, {
          date: '2026-03-05',
          status: 'in_progress',
          progress: 50,
          note: '施工中',
        })
      ).status,
    ).toBe(201);
    expect(w.published.at(-1)!.event).toEqual({ entity: 'followup', id: f.id });
    const { body: f2 } = await w.api('POST', `/deliberations/${d.id}/followups`, {
      title: '增设充电桩',
      responsibleId: org.id,
      dueDate: '2026-06-30',
    });
    expect(w.published.at(-1)!.event).toEqual({ entity: 'followup', id: f2.id });
    expect(
      await w.rows(
        sql`select entity, entity_id from publish_events where entity = 'followup' order by id`,
      ),
    ).toEqual([
      { entity: 'followup', entity_id: f.id }, // the revision
      { entity: 'followup', entity_id: f.id },
      { entity: 'followup', entity_id: f2.id },
    ]);
  });
});
