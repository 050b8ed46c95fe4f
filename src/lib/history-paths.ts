import { historyKey, type PublicHistory } from '../../functions/domain/publishing/versions';
import { publicData } from './data';

/** A record published on another's page (a deliberation's follow-up): its versions go on that page's history. */
interface Part {
  entity: string;
  id: number;
  title: string;
}

const NONE: PublicHistory = { versions: [], revised: null, withdrawn: null };

/**
 * /<record>/history/ for every record of a type that has been revised or withdrawn, or whose parts
 * have (both languages).
 */
async function historyPaths<R extends { id: number; title: string; url: string }>(
  entity: string,
  records: R[],
  partsOf: (record: R) => Part[] = () => [],
) {
  const { histories } = await publicData();
  return records.flatMap((r) => {
    const history = histories[historyKey(entity, r.id)] ?? NONE;
    const parts = partsOf(r).flatMap((p) => {
      const h = histories[historyKey(p.entity, p.id)];
      return h && h.versions.length > 1
        ? [{ anchor: `${p.entity}-${p.id}`, heading: p.title, headingLang: 'zh-CN', history: h }]
        : [];
    });
    return history.versions.length > 1 || parts.length > 0
      ? [
          {
            params: { id: String(r.id) },
            props: { title: r.title, path: r.url, history, sections: parts },
          },
        ]
      : [];
  });
}

export type HistoryProps = Awaited<ReturnType<typeof historyPaths>>[number]['props'];

export const serviceHistoryPaths = async () =>
  historyPaths('service', (await publicData()).services);
export const organizationHistoryPaths = async () =>
  historyPaths(
    'organization',
    (await publicData()).organizations.map((o) => ({ ...o, title: o.name })),
  );
export const deliberationHistoryPaths = async () =>
  historyPaths('deliberation', (await publicData()).deliberations, (d) =>
    d.followups.map((f) => ({ entity: 'followup', id: f.id, title: f.title })),
  );

export type MoneyEntity = 'fund' | 'donation' | 'income' | 'expense' | 'budget';

/**
 * /charity/<code>/history/ for every fund: the fund's versions and those of each of its donations,
 * incomes, expenses and budget lines that was revised or withdrawn (a record first published and
 * never changed has nothing to show there beyond its row).
 */
export async function fundHistoryPaths() {
  const { charity, histories } = await publicData();
  return charity.funds.map((fund) => {
    const changed = (entity: MoneyEntity, rows: Array<{ id: number; fundId?: number }>) =>
      rows.flatMap((r) => {
        const history = histories[historyKey(entity, r.id)];
        return history && history.versions.length > 1 ? [{ entity, id: r.id, history }] : [];
      });
    const own = <T extends { fundId: number }>(rows: T[]) =>
      rows.filter((r) => r.fundId === fund.id);
    const fundHistory = histories[historyKey('fund', fund.id)];
    const records = [
      ...(fundHistory ? [{ entity: 'fund' as const, id: fund.id, history: fundHistory }] : []),
      ...changed('donation', own(charity.donations)),
      ...changed('income', own(charity.incomes)),
      ...changed('expense', own(charity.expenses)),
      ...changed('budget', fund.budget),
    ];
    return { params: { code: fund.code }, props: { fund, records } };
  });
}

export type FundHistoryProps = Awaited<ReturnType<typeof fundHistoryPaths>>[number]['props'];
