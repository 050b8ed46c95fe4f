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
