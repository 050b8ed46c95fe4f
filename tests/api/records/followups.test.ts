import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { bodyOf } from '../../helpers/client';
import { expectError } from '../../helpers/http';
import { perTest } from '../../helpers/template';
import { recordsWorld, sample } from './helpers';

const w = perTest(recordsWorld);

describe('follow-ups', () => {
  async function setup() {
    const records = w.records();
    const org = await bodyOf(
      await records.organizations.$post({
        json: sample.organization({ name: '物业公司', kind: 'property_company' }),
      }),
      201,
    );
    const d = await bodyOf(await records.deliberations.$post({ json: sample.deliberation() }), 201);
    return { org, d };
  }

  it('adds follow-ups with a dated timeline; each update sets the current status and progress', async () => {
    const { org, d } = await setup();
    const records = w.records();
    const created = await records.deliberations[':id'].followups.$post({
      param: { id: String(d.id) },
      json: {
        title: '划线施工',
        responsibleId: org.id,
        dueDate: '2026-04-30',
        agendaItemId: d.agendaItems[0]!.id,
      },
    });
    expect(created.status).toBe(201);
    const followup = await bodyOf(created, 201);
    expect(followup).toMatchObject({
      deliberationId: d.id,
      status: 'pending',
      progress: 0,
      updates: [],
    });
    const fid = followup.id;
    const param = { id: String(fid) };

    const u1 = await records.followups[':id'].updates.$post({
      param,
      json: { date: '2026-03-05', status: 'in_progress', progress: 40, note: '已采购材料' },
    });
    expect(u1.status).toBe(201);
    expect(await bodyOf(u1, 201)).toMatchObject({
      status: 'in_progress',
      progress: 40,
      updates: [{ date: '2026-03-05', note: '已采购材料', createdBy: w.f.staffId }],
    });
    // Back-dated history does not override the later state.
    const u0 = await bodyOf(
      await records.followups[':id'].updates.$post({
        param,
        json: { date: '2026-03-02', status: 'pending', progress: 0, note: '联系施工队' },
      }),
      201,
    );
    expect(u0).toMatchObject({ status: 'in_progress', progress: 40 });
    expect(u0.updates.map((u) => u.date)).toEqual(['2026-03-02', '2026-03-05']);
    const done = await w.records(w.staff2).followups[':id'].updates.$post({
      param,
      json: { date: '2026-03-08', status: 'done', note: '完工验收' },
    });
    expect(await bodyOf(done, 201)).toMatchObject({ status: 'done', progress: 100 });
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
      (
        await bodyOf(
          await records.followups.$get({
            query: { status: 'done', deliberationId: String(d.id) },
          }),
          200,
        )
      ).items.map((f) => f.id),
    ).toEqual([fid]);
    // Nothing was public yet: no rebuilds.
    expect(w.published).toEqual([]);
    const read = await bodyOf(
      await records.deliberations[':id'].$get({ param: { id: String(d.id) } }),
      200,
    );
    expect(read.followups[0]!.updates).toHaveLength(3);
  });

  it('checks the responsible organisation, the agenda item and the due date', async () => {
    const { org, d } = await setup();
    const other = await bodyOf(
      await w.records().deliberations.$post({ json: sample.deliberation() }),
      201,
    );
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
        agendaItemId: other.agendaItems[0]!.id,
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
    const records = w.records();
    const f = await bodyOf(
      await records.deliberations[':id'].followups.$post({
        param: { id: String(d.id) },
        json: { title: '划线施工', responsibleId: org.id, dueDate: '2026-04-30' },
      }),
      201,
    );
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
    const revised = await records.followups[':id'].$patch({
      param: { id: String(f.id) },
      json: { dueDate: '2026-05-30', reason: '施工队延期进场' },
    });
    expect(await bodyOf(revised, 200)).toMatchObject({ dueDate: '2026-05-30' });
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
    const f2 = await bodyOf(
      await records.deliberations[':id'].followups.$post({
        param: { id: String(d.id) },
        json: { title: '增设充电桩', responsibleId: org.id, dueDate: '2026-06-30' },
      }),
      201,
    );
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
