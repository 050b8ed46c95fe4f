import { describe, expect, it } from 'vitest';
import { expectError } from '../../helpers/http';
import { perTest } from '../../helpers/template';
import { recordsWorld, sample } from './helpers';

/** Budget lines take an English title and summary like funds, and keep them through revisions. */
describe('English title and summary of money records', () => {
  const w = perTest(recordsWorld);

  it('are taken and returned on budgets, and revised with a reason once published', async () => {
    const { body: fund } = await w.api('POST', '/funds', sample.fund({ titleEn: 'Micro-fund' }));
    expect(fund).toMatchObject({ titleEn: 'Micro-fund', summaryEn: null });
    await w.api('POST', `/funds/${fund.id}/publish`);
    const created = await w.api('POST', '/budgets', {
      fundId: fund.id,
      year: 2026,
      budgetLine: 'activities',
      plannedFen: 100_000,
      titleEn: 'Activities',
      summaryEn: 'Festivals and outings',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      titleEn: 'Activities',
      summaryEn: 'Festivals and outings',
    });
    expect((await w.api('POST', `/budgets/${created.body.id}/publish`)).status).toBe(200);
    expectError(
      await w.api('PATCH', `/budgets/${created.body.id}`, { titleEn: 'Community activities' }),
      400,
      'invalid_request',
    );
    const revised = await w.api('PATCH', `/budgets/${created.body.id}`, {
      titleEn: 'Community activities',
      reason: '英文名称更准确',
    });
    expect(revised.status, JSON.stringify(revised.body)).toBe(200);
    expect(revised.body).toMatchObject({
      titleEn: 'Community activities',
      summaryEn: 'Festivals and outings',
    });
    const versions = await w.api('GET', `/budgets/${created.body.id}/versions`);
    expect(versions.body.items.at(-1)).toMatchObject({
      kind: 'revised',
      reason: '英文名称更准确',
      changed: ['titleEn'],
    });
  });

  it('refuses an overlong English title on a budget with 400 and creates nothing', async () => {
    const { body: fund } = await w.api('POST', '/funds', sample.fund());
    const before = await w.counts();
    expectError(
      await w.api('POST', '/budgets', {
        fundId: fund.id,
        year: 2026,
        budgetLine: 'activities',
        plannedFen: 100,
        titleEn: 'x'.repeat(201),
      }),
      400,
      'invalid_request',
    );
    expect(await w.counts()).toEqual(before);
  });
});
