/**
 * The year of money the demo's funds see, as dated events before they become rows: the listed
 * donations, incomes and expenses (records-funds.ts) with the recurring ones (monthly gifts, meal
 * subsidies, interest…) laid out over the seeded year, and the receipt numbers they are given.
 */
import { GIVEN_NAMES, SURNAMES } from './community';
import {
  DONATIONS,
  type DonationSpec,
  EXPENSES,
  type ExpenseSpec,
  INCOMES,
  type IncomeSpec,
  MERCHANT_GIFTS,
  PERSONAL_AMOUNTS,
  PERSONAL_GIFT_VALUES,
  PERSONAL_GIFTS,
  PERSONAL_NOTES,
} from './records-funds';
import { addDays, type SeedContext } from './records-util';

type Dated<T> = T & { date: string };

/** Local dates in (start, today) whose day of month is `day`, optionally only in some months. */
function monthly(ctx: SeedContext, day: number, months?: number[]): string[] {
  const out: string[] = [];
  for (let d = addDays(ctx.start, 1); d < ctx.today; d = addDays(d, 1)) {
    if (Number(d.slice(8, 10)) === day && (!months || months.includes(Number(d.slice(5, 7)))))
      out.push(d);
  }
  return out;
}

export function plannedDonations(ctx: SeedContext): Array<Dated<DonationSpec>> {
  const { rng } = ctx;
  const out: Array<Dated<DonationSpec>> = DONATIONS.map((d) => ({
    ...d,
    date: addDays(ctx.today, -d.daysAgo),
  }));
  // The 一刻钟合伙人 merchants' 9th-day gifts, three merchants a month in rotation.
  monthly(ctx, 9).forEach((date, month) => {
    for (let k = 0; k < 3; k++) {
      const g = MERCHANT_GIFTS[(month * 3 + k) % MERCHANT_GIFTS.length]!;
      const n = rng.int(g.min, g.max);
      out.push({
        fund: 'micro',
        daysAgo: 0,
        date,
        donorType: 'merchant',
        donor: g.shop,
        org: `m:${g.shop}`,
        yuan: n * g.each,
        inKind: {
          item: g.item,
          quantity: `${n} ${g.unit}`,
          outcome: g.outcome.replace('{n}', String(n)),
        },
        note: '公益换宣传：9 日志愿服务日',
      });
    }
  });
  // Individual donors (爱心传递): about a quarter ask to stay anonymous.
  for (let i = 0; i < 38; i++) {
    const date = addDays(ctx.start, rng.int(3, 362));
    const donor = rng.pick(SURNAMES) + rng.pick(GIVEN_NAMES);
    const anonymous = i % 4 === 1;
    const kind = i % 7 === 3 ? (i / 7) | 0 : -1;
    const note = anonymous ? '捐赠人要求匿名' : (rng.pick(PERSONAL_NOTES) ?? undefined);
    if (date >= ctx.today) continue;
    out.push({
      fund: 'micro',
      daysAgo: 0,
      date,
      donorType: 'individual',
      donor,
      anonymous,
      note,
      ...(kind >= 0
        ? {
            yuan: PERSONAL_GIFT_VALUES[kind % PERSONAL_GIFTS.length]!,
            inKind: PERSONAL_GIFTS[kind % PERSONAL_GIFTS.length]!,
          }
        : { yuan: rng.pick(PERSONAL_AMOUNTS) }),
    });
  }
  return out;
}

export function plannedIncomes(ctx: SeedContext): Array<Dated<IncomeSpec>> {
  const { rng } = ctx;
  const out: Array<Dated<IncomeSpec>> = INCOMES.map((i) => ({
    ...i,
    date: addDays(ctx.today, -i.daysAgo),
  }));
  for (const date of monthly(ctx, 5)) {
    out.push({
      fund: 'micro',
      daysAgo: 0,
      date,
      source: '长者饭堂社会化运营收益反哺（颐康居家养老服务中心）',
      kind: 'enterprise',
      yuan: rng.int(180, 320) * 10 + rng.pick([0, 0.5]),
    });
  }
  for (const date of monthly(ctx, 21, [3, 6, 9, 12])) {
    out.push({
      fund: 'micro',
      daysAgo: 0,
      date,
      source: '银行活期存款利息',
      kind: 'interest',
      yuan: rng.int(3000, 9000) / 100,
    });
  }
  return out;
}

export function plannedExpenses(ctx: SeedContext): Array<Dated<ExpenseSpec>> {
  const { rng } = ctx;
  const out: Array<Dated<ExpenseSpec>> = EXPENSES.map((e) => ({
    ...e,
    date: addDays(ctx.today, -e.daysAgo),
  }));
  const meals = ctx.deliberation('meals').date;
  const kids = addDays(ctx.deliberation('kids430').date, 30);
  const nineday = ctx.deliberation('nineday').date;
  const elderCenter = '颐康居家养老服务中心';
  for (const date of monthly(ctx, 25)) {
    out.push(
      date < meals
        ? {
            fund: 'micro',
            daysAgo: 0,
            date,
            line: 'service_subsidy',
            description: '长者饭堂低保老人餐费补贴',
            payee: elderCenter,
            beneficiaries: `${rng.int(15, 19)} 位低保老人`,
            yuan: rng.int(90, 130) * 10,
          }
        : {
            fund: 'micro',
            daysAgo: 0,
            date,
            line: 'service_subsidy',
            description: '长者饭堂高龄、低保老人餐费补贴（每餐 6 元）',
            payee: elderCenter,
            beneficiaries: '61 位 80 岁以上及低保老人',
            yuan: rng.int(180, 250) * 10 + 6 * rng.int(0, 9),
            deliberation: 'meals',
          },
    );
  }
  for (const date of monthly(ctx, 28)) {
    if (date < kids) continue;
    const summer = ['07', '08'].includes(date.slice(5, 7));
    out.push({
      fund: 'micro',
      daysAgo: 0,
      date,
      line: 'service_subsidy',
      description: summer
        ? '暑期托管班运营补贴（低保家庭儿童免费名额）'
        : '四点半课堂运营补贴（材料、保险）',
      payee: '童心儿童发展服务中心',
      beneficiaries: summer ? '12 名低保、残疾人家庭儿童' : '30 名儿童（其中低保家庭 7 名）',
      yuan: rng.int(120, 160) * 10,
      deliberation: 'kids430',
    });
  }
  monthly(ctx, 9).forEach((date, i) => {
    if (i % 2 === 1 || date < nineday) return;
    out.push({
      fund: 'micro',
      daysAgo: 0,
      date,
      line: 'activities',
      description: '9 日志愿服务日物料（饮用水、便民维修配件、宣传单）',
      payee: rng.pick(['邻家便利超市', '平安家电维修', '邕城五金机电商行']),
      yuan: rng.int(30, 80) * 10,
      deliberation: 'nineday',
    });
  });
  for (const date of monthly(ctx, 20, [3, 6, 9, 12])) {
    const n = rng.int(8, 20);
    out.push({
      fund: 'micro',
      daysAgo: 0,
      date,
      line: 'service_subsidy',
      description: '低保、特困老人助浴补贴（每次 30 元）',
      payee: elderCenter,
      beneficiaries: `${n} 人次`,
      yuan: 30 * n,
    });
  }
  return out;
}

/** Receipt numbers per kind and year in date order: XFL-JZ-2025-0007. */
export function numbered<T extends { date: string }>(
  items: T[],
  prefix: string,
): Array<T & { receiptNo: string }> {
  const counters = new Map<string, number>();
  return [...items]
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
    .map((item) => {
      const year = item.date.slice(0, 4);
      const n = (counters.get(year) ?? 0) + 1;
      counters.set(year, n);
      return { ...item, receiptNo: `XFL-${prefix}-${year}-${String(n).padStart(4, '0')}` };
    });
}
