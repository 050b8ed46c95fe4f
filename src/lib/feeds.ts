import { communityName } from '../../functions/domain/community/settings';
import { label } from '../i18n/labels';
import { type Locale, t } from '../i18n/ui';
import { type RecordKind, recordPath } from './charity';
import { publicData } from './data';
import { buildDatabase } from './db';
import { money } from './format';
import { href, inEnglish } from './links';
import { type Feed, htmlLines, localMidnight, rssResponse } from './rss';
import { versionItems } from './version-feed';

/**
 * The RSS feeds of both languages (src/pages/[...locale]/…/rss.xml.ts), written by
 * src/lib/rss.ts: a feed's channel links to the site's home page in the feed's language.
 */
const feedResponse = (feed: Omit<Feed, 'site'>) =>
  rssResponse({ ...feed, site: new URL(href(feed.locale, '/'), feed.base).href });

/** How many of the newest deliberations the feed carries. */
const DELIBERATIONS = 50;

export async function deliberationsFeed(locale: Locale, base: URL): Promise<Response> {
  const en = locale === 'en';
  const [{ deliberations, histories }, name] = await Promise.all([
    publicData(),
    communityName(buildDatabase().read),
  ]);
  // The projection is newest first by meeting date; revisions join by when they happened (a stable sort keeps the rest).
  return feedResponse({
    locale,
    base,
    path: '/deliberations/rss.xml',
    title: en ? `${name} · Deliberations` : `${name} · 议事协商`,
    description: en
      ? `Minutes and resolutions of the residents' councils, building councils and forums of ${name}.`
      : `${name}居民议事会、楼栋议事会、家物会和居民论坛的会议记录与决议（民有所呼，我有所应）。`,
    items: [
      ...deliberations.slice(0, DELIBERATIONS).map((d) => ({
        title: d.title,
        link: new URL(href(locale, d.url), base).href,
        pubDate: localMidnight(d.date),
        categories: [label(locale, 'body', d.body)],
        description: htmlLines([
          `${d.date} · ${label(locale, 'body', d.body)} · ${d.place}`,
          d.summary,
          `${en ? 'Resolution: ' : '决议：'}${d.resolution}`,
        ]),
      })),
      // Revisions and withdrawals, announced when they happened.
      ...versionItems(locale, histories, 'deliberation', deliberations, base, htmlLines),
      // A follow-up's versions are on its deliberation's history page, under the follow-up.
      ...versionItems(
        locale,
        histories,
        'followup',
        deliberations.flatMap((d) =>
          d.followups.map((f) => ({ id: f.id, title: f.title, url: d.url })),
        ),
        base,
        htmlLines,
        (f, version) =>
          new URL(`${href(locale, f.url)}history/#followup-${f.id}-v${version}`, base).href,
      ),
    ].sort((a, b) => b.pubDate.getTime() - a.pubDate.getTime()),
  });
}

/** How many of the newest services the feed carries (revisions and withdrawals come on top). */
const SERVICES = 50;

/** Services as they are published, revised and withdrawn, and their providers' revisions and withdrawals, newest first. */
export async function servicesFeed(locale: Locale, base: URL): Promise<Response> {
  const en = locale === 'en';
  const [{ services, organizations, histories }, name] = await Promise.all([
    publicData(),
    communityName(buildDatabase().read),
  ]);
  const newest = services
    .filter((s) => s.publishedAt)
    .sort((a, b) => (a.publishedAt! < b.publishedAt! ? 1 : -1))
    .slice(0, SERVICES);
  const items = [
    ...newest.map((s) => ({
      title: s.title,
      link: new URL(href(locale, s.url), base).href,
      pubDate: new Date(s.publishedAt!),
      categories: [label(locale, 'category', s.category)],
      description: htmlLines([`${s.provider.name} · ${s.schedule} · ${s.place}`, s.description]),
    })),
    ...versionItems(locale, histories, 'service', services, base, htmlLines),
    // The providers change too: an organisation revised or withdrawn is announced beside its services.
    ...versionItems(
      locale,
      histories,
      'organization',
      organizations.map((o) => ({ id: o.id, title: o.name, url: o.url })),
      base,
      htmlLines,
    ),
  ].sort((a, b) => b.pubDate.getTime() - a.pubDate.getTime());
  return feedResponse({
    locale,
    base,
    path: '/services/rss.xml',
    title: en ? `${name} · Services` : `${name} · 服务清单`,
    description: en
      ? `The services ${name} offers, and every revision and withdrawal of a service or its provider, with its reason.`
      : `${name}公开提供的服务，以及服务和提供方的每一次修订和撤回（附说明）。`,
    items,
  });
}

/** How many of the newest money records the feed carries. */
const CHARITY = 100;

const words = {
  'zh-cn': {
    donation: '捐赠',
    inKind: '物资捐赠',
    value: '估值',
    income: '收入',
    expense: '支出',
    correction: '更正',
    outcome: '去向：',
    receipt: '收据编号',
    payee: '收款方：',
    beneficiaries: '受益人：',
    approved: '已审批',
    pending: '待审批',
    sep: '：',
  },
  en: {
    donation: 'Donation',
    inKind: 'Goods donated',
    value: 'valued at',
    income: 'Income',
    expense: 'Expense',
    correction: 'Correction',
    outcome: 'What became of it: ',
    receipt: 'Receipt no.',
    payee: 'Paid to: ',
    beneficiaries: 'Beneficiaries: ',
    approved: 'Approved',
    pending: 'Awaiting approval',
    sep: ': ',
  },
} as const;

interface Entry {
  date: string;
  /** Orders same-day entries: corrections after what they correct. */
  order: number;
  id: number;
  title: string;
  link: string;
  category: string;
  description: string[];
}

export async function charityFeed(locale: Locale, base: URL): Promise<Response> {
  const en = locale === 'en';
  const w = words[locale];
  const [{ charity, histories }, name] = await Promise.all([
    publicData(),
    communityName(buildDatabase().read),
  ]);
  const fundName = new Map(charity.funds.map((f) => [f.id, f.name]));
  // Each entry links to its row on its fund's statement for its month, which lists every record of
  // the month for good (the fund page only lists the latest months, so an anchor there would break
  // as the entry ages); the fragment keeps every item's link (and guid) unique.
  const link = (kind: RecordKind, record: { id: number; fundCode: string; date: string }) =>
    new URL(href(locale, recordPath(kind, record)), base).href;
  const amount = (fen: number, signed = false) => money(fen, { signed });

  const entries: Entry[] = [
    ...charity.donations.map((d) => ({
      date: d.date,
      order: 0,
      id: d.id,
      title:
        d.form === 'money'
          ? `${w.donation} ${amount(d.amountFen)} · ${d.donor}`
          : `${w.inKind} ${d.itemDescription ?? ''}${d.quantity ? ` ${d.quantity}` : ''}（${w.value} ${amount(d.amountFen)}）· ${d.donor}`,
      link: link('donation', d),
      category: w.donation,
      description: [
        `${d.date} · ${label(locale, 'donorType', d.donorType)} · ${fundName.get(d.fundId)}`,
        d.outcome ? `${w.outcome}${d.outcome}` : '',
        `${w.receipt} ${d.receiptNo}`,
      ],
    })),
    ...charity.incomes.map((i) => ({
      date: i.date,
      order: 1,
      id: i.id,
      title: `${w.income} ${amount(i.amountFen)} · ${i.source}`,
      link: link('income', i),
      category: w.income,
      description: [
        `${i.date} · ${label(locale, 'incomeKind', i.kind)} · ${fundName.get(i.fundId)}`,
        `${w.receipt} ${i.receiptNo}`,
      ],
    })),
    ...charity.expenses.map((e) => ({
      date: e.date,
      order: 2,
      id: e.id,
      title: `${w.expense} ${amount(e.amountFen)} · ${e.description}`,
      link: link('expense', e),
      category: w.expense,
      description: [
        `${e.date} · ${label(locale, 'budgetLine', e.budgetLine)} · ${fundName.get(e.fundId)}`,
        `${w.payee}${e.payee}`,
        e.beneficiaries ? `${w.beneficiaries}${e.beneficiaries}` : '',
        e.approved ? w.approved : w.pending,
        `${w.receipt} ${e.receiptNo}`,
      ],
    })),
    ...charity.corrections.map((c) => ({
      date: c.date,
      order: 3,
      id: c.id,
      title: `${w.correction} ${label(locale, 'correctionEntity', c.entity)} #${c.entityId}${w.sep}${amount(c.amountDeltaFen, true)}`,
      link: link('correction', c),
      category: w.correction,
      description: [`${c.date} · ${fundName.get(c.fundId)}`, c.explanation],
    })),
  ];
  entries.sort((a, b) =>
    a.date !== b.date ? (a.date < b.date ? 1 : -1) : b.order - a.order || b.id - a.id,
  );

  return feedResponse({
    locale,
    base,
    path: '/charity/rss.xml',
    title: en ? `${name} · Charity and funds` : `${name} · 慈善与微基金`,
    description: en
      ? `Every donation, income, expense and correction of the community funds of ${name}, and every revision and withdrawal with its reason.`
      : `${name}社区微基金和慈善项目的每一笔捐赠、收入、支出和更正，以及每一次修订和撤回（附说明）。`,
    items: [
      ...entries.slice(0, CHARITY).map((e) => ({
        title: e.title,
        link: e.link,
        pubDate: localMidnight(e.date),
        categories: [e.category],
        description: htmlLines(e.description),
      })),
      // Revisions of money records, announced when they happened, linked to the record's row.
      ...(['donation', 'income', 'expense'] as const).flatMap((kind) => {
        const rows =
          kind === 'donation'
            ? charity.donations
            : kind === 'income'
              ? charity.incomes
              : charity.expenses;
        const records = rows.map((r) => ({
          id: r.id,
          title: `${w[kind]} #${r.id}`,
          url: link(kind, r),
        }));
        // The row's own address, told apart from the record's first item (an item's link is its guid) by the version.
        return versionItems(locale, histories, kind, records, base, htmlLines, (r, version) => {
          const url = new URL(r.url);
          url.searchParams.set('v', String(version));
          return url.href;
        });
      }),
      // Revisions and withdrawals of funds and budget lines, linked to their section of the fund's history page.
      ...charity.funds.flatMap((f) => {
        const historyUrl = (section: string) => (_: unknown, version: number) =>
          new URL(`${href(locale, f.url)}history/#${section}-v${version}`, base).href;
        const fundTitle = t(locale, 'charity.feed.fund', {
          name: inEnglish(locale, f, f.name, f.description).title,
        });
        return [
          ...versionItems(
            locale,
            histories,
            'fund',
            [{ id: f.id, title: fundTitle, url: f.url }],
            base,
            htmlLines,
            historyUrl(`fund-${f.id}`),
          ),
          ...f.budget.flatMap((b) =>
            versionItems(
              locale,
              histories,
              'budget',
              [
                {
                  id: b.id,
                  title: `${t(locale, 'charity.feed.budget', { id: b.id })} · ${f.name} ${b.year} ${label(locale, 'budgetLine', b.budgetLine)}`,
                  url: f.url,
                },
              ],
              base,
              htmlLines,
              historyUrl(`budget-${b.id}`),
            ),
          ),
        ];
      }),
    ].sort((a, b) => b.pubDate.getTime() - a.pubDate.getTime()),
  });
}
