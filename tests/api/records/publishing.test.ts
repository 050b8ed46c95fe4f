import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { call } from '../../helpers/api';
import { bodyOf } from '../../helpers/client';
import { expectError } from '../../helpers/http';
import { perTest } from '../../helpers/template';
import { BASE, recordsWorld, sample } from './helpers';

const w = perTest(recordsWorld);

describe('draft → published', () => {
  it('creates a draft that is not public, then publishes it with who/when, a publish event, audit rows and one onPublish after commit', async () => {
    const records = w.records();
    const created = await records.organizations.$post({ json: sample.organization() });
    expect(created.status).toBe(201);
    const org = await bodyOf(created, 201);
    expect(org).toMatchObject({
      status: 'draft',
      publishedAt: null,
      publishedBy: null,
      createdBy: w.f.staffId,
      createdAt: w.time.now.toISOString(),
    });
    const id = org.id;
    expect(await w.rows(sql`select * from publish_events`)).toEqual([]);
    expect(w.published).toEqual([]);
    // Nobody outside staff can read it.
    expect((await call(w.app, 'GET', `${BASE}/organizations/${id}`)).status).toBe(401);
    expect((await w.api('GET', `/organizations/${id}`, undefined, w.resident)).status).toBe(403);
    expect(
      (await bodyOf(await records.organizations.$get({ query: { status: 'published' } }), 200))
        .items,
    ).toEqual([]);

    w.time.advance(60_000);
    const published = await w
      .records(w.staff2)
      .organizations[':id'].publish.$post({ param: { id: String(id) } });
    expect(published.status).toBe(200);
    expect(await bodyOf(published, 200)).toMatchObject({
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
      (
        await bodyOf(await records.organizations.$get({ query: { status: 'published' } }), 200)
      ).items.map((o) => o.id),
    ).toEqual([id]);
  });

  it('refuses to publish twice or to edit a published record, and tells nobody', async () => {
    const body = await bodyOf(
      await w.records().organizations.$post({ json: sample.organization() }),
      201,
    );
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
    const body = await bodyOf(
      await w.records().organizations.$post({ json: sample.organization() }),
      201,
    );
    const patched = await w.records().organizations[':id'].$patch({
      param: { id: String(body.id) },
      json: { name: '阳光社工服务站', covers: '一区、二区' },
    });
    expect(patched.status).toBe(200);
    expect(await bodyOf(patched, 200)).toMatchObject({
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
    const records = w.records();
    const org = await bodyOf(
      await records.organizations.$post({ json: sample.organization({ name: title }) }),
      201,
    );
    const service = await bodyOf(
      await records.services.$post({
        json: sample.service(org.id, { title, howToAsk: `"'><img src=x onerror=alert(1)>` }),
      }),
      201,
    );
    expect(service.title).toBe(title);
    const [row] = await w.rows<{ title: string; how_to_ask: string }>(
      sql`select title, how_to_ask from services where id = ${service.id}`,
    );
    expect(row).toEqual({ title, how_to_ask: `"'><img src=x onerror=alert(1)>` });
    const read = await records.organizations[':id'].$get({ param: { id: String(org.id) } });
    expect((await bodyOf(read, 200)).name).toBe(title);
  });

  it('keeps the organisation map free of loops and checks merchant accounts', async () => {
    const records = w.records();
    const top = await bodyOf(
      await records.organizations.$post({
        json: sample.organization({ kind: 'party_committee' as const, name: '社区党委' }),
      }),
      201,
    );
    const branch = await bodyOf(
      await records.organizations.$post({
        json: sample.organization({
          kind: 'party_branch' as const,
          name: '第一支部',
          parentId: top.id,
        }),
      }),
      201,
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
    const records = w.records();
    const org = await bodyOf(
      await records.organizations.$post({ json: sample.organization() }),
      201,
    );
    const delib = await bodyOf(
      await records.deliberations.$post({ json: sample.deliberation() }),
      201,
    );
    const res = await records.services.$post({
      json: sample.service(org.id, {
        audiences: ['elders' as const, 'elders_alone' as const, 'elders' as const],
        deliberationId: delib.id,
      }),
    });
    expect(res.status).toBe(201);
    const created = await bodyOf(res, 201);
    expect(created.audiences).toEqual(['elders', 'elders_alone']);
    expectError(await w.api('POST', '/services', sample.service(999)), 422, 'invalid_reference');
    expectError(
      await w.api('POST', '/services', sample.service(org.id, { deliberationId: 999 })),
      422,
      'invalid_reference',
    );

    expectError(
      await w.api('POST', `/services/${created.id}/publish`),
      409,
      'dependency_unpublished',
    );
    await w.api('POST', `/organizations/${org.id}/publish`);
    expectError(
      await w.api('POST', `/services/${created.id}/publish`),
      409,
      'dependency_unpublished',
    );
    await w.api('POST', `/deliberations/${delib.id}/publish`);
    const published = await records.services[':id'].publish.$post({
      param: { id: String(created.id) },
    });
    expect(published.status).toBe(200);
    expect(await bodyOf(published, 200)).toMatchObject({
      status: 'published',
      deliberationId: delib.id,
    });
    expect(w.published.map((p) => p.event.entity)).toEqual([
      'organization',
      'deliberation',
      'service',
    ]);
  });

  it('lists by status and provider, newest first, paged', async () => {
    const records = w.records();
    const org = await bodyOf(
      await records.organizations.$post({ json: sample.organization() }),
      201,
    );
    for (let i = 0; i < 3; i++)
      await records.services.$post({ json: sample.service(org.id, { title: `服务 ${i}` }) });
    const first = await bodyOf(
      await records.services.$get({ query: { limit: '2', providerId: String(org.id) } }),
      200,
    );
    expect(first.items.map((s) => s.title)).toEqual(['服务 2', '服务 1']);
    const second = await bodyOf(
      await records.services.$get({ query: { limit: '2', cursor: `${first.nextCursor}` } }),
      200,
    );
    expect(second).toMatchObject({ items: [{ title: '服务 0' }], nextCursor: null });
    expect(
      (await bodyOf(await records.services.$get({ query: { status: 'published' } }), 200)).items,
    ).toEqual([]);
    expectError(await w.api('GET', '/services?status=secret'), 400, 'invalid_request');
  });
});
