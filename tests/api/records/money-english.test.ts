import { describe, expect, it } from 'vitest';
import { answerOf, bodyOf } from '../../helpers/client';
import { expectError } from '../../helpers/http';
import { perTest } from '../../helpers/template';
import { recordsWorld, sample } from './helpers';

/** Budget lines take an English title and summary like funds, and keep them through revisions. */
describe('English title and summary of money records', () => {
  const w = perTest(recordsWorld);

  it('are taken and returned on budgets, and revised with a reason once published', async () => {
    const records = w.records();
    const fund = await bodyOf(
      await records.funds.$post({ json: sample.fund({ titleEn: 'Micro-fund' }) }),
      201,
    );
    expect(fund).toMatchObject({ titleEn: 'Micro-fund', summaryEn: null });
    await records.funds[':id'].publish.$post({ param: { id: String(fund.id) } });
    const created = await records.budgets.$post({
      json: {
        fundId: fund.id,
        year: 2026,
        budgetLine: 'activities',
        plannedFen: 100_000,
        titleEn: 'Activities',
        summaryEn: 'Festivals and outings',
      },
    });
    const budget = await bodyOf(created, 201);
    expect(budget).toMatchObject({
      titleEn: 'Activities',
      summaryEn: 'Festivals and outings',
    });
    const param = { id: String(budget.id) };
    expect((await records.budgets[':id'].publish.$post({ param })).status).toBe(200);
    expectError(
      await answerOf(
        await records.budgets[':id'].$patch({ param, json: { titleEn: 'Community activities' } }),
      ),
      400,
      'invalid_request',
    );
    const revised = await bodyOf(
      await records.budgets[':id'].$patch({
        param,
        json: { titleEn: 'Community activities', reason: '英文名称更准确' },
      }),
      200,
    );
    expect(revised).toMatchObject({
      titleEn: 'Community activities',
      summaryEn: 'Festivals and outings',
    });
    const versions = await bodyOf(await records.budgets[':id'].versions.$get({ param }), 200);
    expect(versions.items.at(-1)).toMatchObject({
      kind: 'revised',
      reason: '英文名称更准确',
      changed: ['titleEn'],
    });
  });

  it('refuses an overlong English title on a budget with 400 and creates nothing', async () => {
    const fund = await bodyOf(await w.records().funds.$post({ json: sample.fund() }), 201);
    const before = await w.counts();
    expectError(
      await answerOf(
        await w.records().budgets.$post({
          json: {
            fundId: fund.id,
            year: 2026,
            budgetLine: 'activities',
            plannedFen: 100,
            titleEn: 'x'.repeat(201),
          },
        }),
      ),
      400,
      'invalid_request',
    );
    expect(await w.counts()).toEqual(before);
  });
});
