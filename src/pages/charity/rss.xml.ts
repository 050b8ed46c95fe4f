import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { communityName } from '../../../functions/domain/community/settings';
import { label } from '../../i18n/labels';
import { publicData } from '../../lib/data';
import { buildDatabase } from '../../lib/db';
import { money } from '../../lib/format';
import { recordPath, type RecordKind } from '../../lib/charity';
import { siteOrigin } from '../../lib/origin';

/** How many of the newest money records the feed carries. */
const LIMIT = 100;

const localMidnight = (date: string) => new Date(`${date}T00:00:00+08:00`);

interface Entry {
  date: string;
  /** Orders same-day entries: corrections after what they correct. */
  order: number;
  id: number;
  title: string;
  link: string;
  category: string;
  description: string;
}

/** /charity/rss.xml — new donations, fund income, expenses and corrections (RSS 2.0), newest first. */
export const GET: APIRoute = async ({ site }) => {
  const base = siteOrigin(site);
  const [{ charity }, name] = await Promise.all([publicData(), communityName(buildDatabase().read)]);
  const fundName = new Map(charity.funds.map((f) => [f.id, f.name]));
  // Each entry links to its row on its fund's statement for its month, which lists every record of
  // the month for good (the fund page only lists the latest months, so an anchor there would break
  // as the entry ages); the fragment keeps every item's link (and guid) unique.
  const link = (kind: RecordKind, record: { id: number; fundCode: string; date: string }) => new URL(recordPath(kind, record), base).href;

  const entries: Entry[] = [
    ...charity.donations.map((d) => ({
      date: d.date,
      order: 0,
      id: d.id,
      title:
        d.form === 'money'
          ? `捐赠 ${money(d.amountFen)} · ${d.donor}`
          : `物资捐赠 ${d.itemDescription ?? ''}${d.quantity ? ` ${d.quantity}` : ''}（估值 ${money(d.amountFen)}）· ${d.donor}`,
      link: link('donation', d),
      category: '捐赠',
      description: [`${d.date} · ${label('zh-cn', 'donorType', d.donorType)} · ${fundName.get(d.fundId)}`, d.outcome ? `去向：${d.outcome}` : '', `收据编号 ${d.receiptNo}`].filter(Boolean).join('\n'),
    })),
    ...charity.incomes.map((i) => ({
      date: i.date,
      order: 1,
      id: i.id,
      title: `收入 ${money(i.amountFen)} · ${i.source}`,
      link: link('income', i),
      category: '收入',
      description: [`${i.date} · ${label('zh-cn', 'incomeKind', i.kind)} · ${fundName.get(i.fundId)}`, `收据编号 ${i.receiptNo}`].join('\n'),
    })),
    ...charity.expenses.map((e) => ({
      date: e.date,
      order: 2,
      id: e.id,
      title: `支出 ${money(e.amountFen)} · ${e.description}`,
      link: link('expense', e),
      category: '支出',
      description: [
        `${e.date} · ${label('zh-cn', 'budgetLine', e.budgetLine)} · ${fundName.get(e.fundId)}`,
        `收款方：${e.payee}`,
        e.beneficiaries ? `受益人：${e.beneficiaries}` : '',
        e.approved ? '已审批' : '待审批',
        `收据编号 ${e.receiptNo}`,
      ]
        .filter(Boolean)
        .join('\n'),
    })),
    ...charity.corrections.map((c) => ({
      date: c.date,
      order: 3,
      id: c.id,
      title: `更正 ${label('zh-cn', 'correctionEntity', c.entity)} #${c.entityId}：${money(c.amountDeltaFen, { signed: true })}`,
      link: link('correction', c),
      category: '更正',
      description: [`${c.date} · ${fundName.get(c.fundId)}`, c.explanation].join('\n'),
    })),
  ];
  entries.sort((a, b) => (a.date !== b.date ? (a.date < b.date ? 1 : -1) : b.order - a.order || b.id - a.id));

  return rss({
    title: `${name} · 慈善与微基金`,
    description: `${name}社区微基金和慈善项目的每一笔捐赠、收入、支出和更正。`,
    site: base,
    customData: '<language>zh-cn</language>',
    items: entries.slice(0, LIMIT).map((e) => ({ title: e.title, link: e.link, pubDate: localMidnight(e.date), categories: [e.category], description: e.description })),
  });
};
