import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { answerOf, bodyOf } from '../../helpers/client';
import { expectError } from '../../helpers/http';
import { perTest } from '../../helpers/template';
import { recordsWorld, sample } from './helpers';

const w = perTest(recordsWorld);

describe('deliberations', () => {
  it('takes the agenda, options and votes in one body and publishes them with the deliberation', async () => {
    const records = w.records();
    const created = await records.deliberations.$post({
      json: sample.deliberation({ building: '3 栋' }),
    });
    expect(created.status).toBe(201);
    const d = await bodyOf(created, 201);
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
    expect(d.agendaItems[0]!.options.map((o) => [o.position, o.label, o.votes])).toEqual([
      [1, '方案 A', 8],
      [2, '方案 B', 15],
      [3, '弃权', 2],
    ]);

    const published = await records.deliberations[':id'].publish.$post({
      param: { id: String(d.id) },
    });
    expect(published.status).toBe(200);
    expect(await bodyOf(published, 200)).toMatchObject({
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
    const res = await answerOf(await w.records().deliberations.$post({ json: tooMany }));
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

    const d = await bodyOf(
      await w.records().deliberations.$post({ json: sample.deliberation() }),
      201,
    );
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
    const records = w.records();
    const org = await bodyOf(
      await records.organizations.$post({ json: sample.organization() }),
      201,
    );
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
    const d = await bodyOf(await records.deliberations.$post({ json: two }), 201);
    const [first, second] = d.agendaItems;
    const patched = await records.deliberations[':id'].$patch({
      param: { id: String(d.id) },
      json: {
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
      },
    });
    expect(patched.status).toBe(200);
    expect((await bodyOf(patched, 200)).agendaItems).toMatchObject([
      {
        id: first!.id,
        title: '议题一（改）',
        options: [
          { label: '同意', votes: 18 },
          { label: '反对', votes: 2 },
        ],
      },
    ]);
    expect(await w.rows(sql`select id from agenda_items where id = ${second!.id}`)).toEqual([]);

    const d2 = await bodyOf(await records.deliberations.$post({ json: two }), 201);
    await records.deliberations[':id'].followups.$post({
      param: { id: String(d2.id) },
      json: {
        title: '落实',
        responsibleId: org.id,
        dueDate: '2026-04-01',
        agendaItemId: d2.agendaItems[1]!.id,
      },
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
