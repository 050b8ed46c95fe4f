import { describe, expect, it } from 'vitest';
import { VersionsSchema } from '../../../functions/routes/staff/records/versions';
import { expectError } from '../../helpers/http';
import { perTest } from '../../helpers/template';
import { idOf, recordsWorld, sample } from './helpers';

const w = perTest(recordsWorld);

/** A published deliberation with one follow-up (in English too) and its responsible organisation. */
async function followupOfPublished(): Promise<{ deliberation: number; followup: number }> {
  const org = idOf(await w.api('POST', '/organizations', sample.organization()));
  await w.api('POST', `/organizations/${org}/publish`);
  const delib = idOf(await w.api('POST', '/deliberations', sample.deliberation()));
  const created = await w.api('POST', `/deliberations/${delib}/followups`, {
    title: '加装扶手',
    titleEn: 'Fit handrails',
    summaryEn: 'In every stairwell.',
    responsibleId: org,
    dueDate: '2026-06-30',
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  expect(created.body).toMatchObject({
    titleEn: 'Fit handrails',
    summaryEn: 'In every stairwell.',
    publication: 'published',
  });
  expect((await w.api('POST', `/deliberations/${delib}/publish`)).status).toBe(200);
  return { deliberation: delib, followup: idOf(created) };
}

describe('follow-ups revised and withdrawn', () => {
  it('revises with a reason and withdraws with a reason, as versions; progress is kept apart from publication', async () => {
    const { deliberation, followup } = await followupOfPublished();
    await w.api('POST', `/followups/${followup}/updates`, {
      date: '2026-04-01',
      status: 'in_progress',
      progress: 40,
      note: '已采购',
    });
    expectError(
      await w.api('PATCH', `/followups/${followup}`, { dueDate: '2026-07-31' }),
      400,
      'invalid_request',
    );
    const revised = await w.api('PATCH', `/followups/${followup}`, {
      dueDate: '2026-07-31',
      titleEn: 'Fit handrails in stairwells',
      reason: '施工排期调整',
    });
    expect(revised.status, JSON.stringify(revised.body)).toBe(200);
    expect(revised.body).toMatchObject({
      dueDate: '2026-07-31',
      titleEn: 'Fit handrails in stairwells',
      status: 'in_progress',
      publication: 'published',
    });

    const before = await w.dump();
    for (const body of [{}, { reason: '' }, { reason: '   ' }, { reason: '撤回', extra: 1 }])
      expectError(
        await w.api('POST', `/followups/${followup}/withdraw`, body),
        400,
        'invalid_request',
      );
    expect(await w.dump()).toEqual(before);

    const withdrawn = await w.api('POST', `/followups/${followup}/withdraw`, {
      reason: '已并入其他事项',
    });
    expect(withdrawn.status, JSON.stringify(withdrawn.body)).toBe(200);
    expect(withdrawn.body).toMatchObject({
      publication: 'withdrawn',
      status: 'in_progress',
      progress: 40,
    });
    expect(w.published.map((p) => p.event.entity)).toContain('followup');
    expectError(
      await w.api('POST', `/followups/${followup}/withdraw`, { reason: '再撤' }),
      409,
      'record_withdrawn',
    );
    expectError(
      await w.api('PATCH', `/followups/${followup}`, { title: '改', reason: '撤回后' }),
      409,
      'record_withdrawn',
    );
    expectError(
      await w.api('POST', `/followups/${followup}/updates`, {
        date: '2026-04-02',
        status: 'done',
        note: '完成',
      }),
      409,
      'record_withdrawn',
    );

    const body = VersionsSchema.parse((await w.api('GET', `/followups/${followup}/versions`)).body);
    expect(body.items.map((v) => [v.version, v.kind, v.reason, v.changed])).toEqual([
      [1, 'published', null, []],
      [2, 'revised', '施工排期调整', ['titleEn', 'dueDate']],
      [3, 'withdrawn', '已并入其他事项', ['status']],
    ]);
    expect(body.items[2]!.snapshot).toMatchObject({
      status: 'withdrawn',
      progressStatus: 'in_progress',
    });
    expect(revised.body).toMatchObject({ deliberationId: deliberation });
    expect((await w.api('GET', `/followups?deliberationId=${deliberation}`)).body).toMatchObject({
      items: [{ publication: 'withdrawn' }],
    });
  });

  it('refuses to withdraw a follow-up of a draft deliberation, or one that does not exist', async () => {
    const org = idOf(await w.api('POST', '/organizations', sample.organization()));
    const delib = idOf(await w.api('POST', '/deliberations', sample.deliberation()));
    const f = idOf(
      await w.api('POST', `/deliberations/${delib}/followups`, {
        title: '落实',
        responsibleId: org,
        dueDate: '2026-06-30',
      }),
    );
    expectError(
      await w.api('POST', `/followups/${f}/withdraw`, { reason: '不要了' }),
      409,
      'not_published',
    );
    expect((await w.api('GET', `/followups/${f}/versions`)).body).toEqual({ items: [] });
    expectError(await w.api('GET', '/followups/999/versions'), 404, 'not_found');
    expectError(await w.api('POST', '/followups/999/withdraw', { reason: 'x' }), 404, 'not_found');
  });
});

describe('organisations revised and withdrawn', () => {
  it('withdraws with a reason; an empty reason is 400 and changes nothing', async () => {
    const org = idOf(await w.api('POST', '/organizations', sample.organization()));
    await w.api('POST', `/organizations/${org}/publish`);
    expect(
      (
        await w.api('PATCH', `/organizations/${org}`, {
          contact: '居委会一楼',
          reason: '办公地点迁移',
        })
      ).status,
    ).toBe(200);
    const before = await w.dump();
    expectError(
      await w.api('POST', `/organizations/${org}/withdraw`, { reason: ' ' }),
      400,
      'invalid_request',
    );
    expect(await w.dump()).toEqual(before);
    expect(
      (await w.api('POST', `/organizations/${org}/withdraw`, { reason: '组织已解散' })).body,
    ).toMatchObject({ status: 'withdrawn' });
  });
});
