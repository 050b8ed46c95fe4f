import type { StatementEntryJson } from '../../functions/http/schemas';
import type { AppKey } from '../i18n/app';
import { linli, request } from './api';
import { focusOn, h, nextId, replace } from './dom';
import { fmtDateTimeFull, fmtMonth, fmtNum, fmtSigned, tr } from './i18n';
import { failBlock } from './ui';

export type Entry = StatementEntryJson;

const KINDS = ['earn', 'redeem', 'transfer_in', 'transfer_out', 'reversal', 'expiry'] as const;

/** Each kind in words (earned, redeemed, given, received, reversed, expired) — colour only repeats it. */
export const kindWord = (kind: string) => tr(`kind.${kind}` as AppKey);

/** Who or what was on the other side, in words: 商户：明亮眼镜店, 邻居：李*英, 活动：夜间巡防… */
export const partyText = (e: Entry) =>
  e.counterparty.kind === 'pool'
    ? tr('stmt.cp.pool')
    : tr(`stmt.cp.${e.counterparty.kind}`, { name: e.counterparty.name });

/** What a redemption bought, with its price: 老花镜 × 2（每件 6 分）. */
export const itemText = (item: NonNullable<Entry['item']>) =>
  tr('stmt.item', { name: item.name, qty: fmtNum(item.quantity), unit: fmtNum(item.unitPoints) });

export function entryItem(e: Entry): HTMLLIElement {
  return h(
    'li',
    { class: `entry kind-${e.kind}`, 'data-entry': e.id },
    h(
      'div',
      { class: 'entry-top' },
      h('span', { class: 'kind-word' }, kindWord(e.kind)),
      h(
        'strong',
        { class: `pts ${e.points < 0 ? 'neg' : 'pos'}` },
        tr('pts.signed', { n: fmtSigned(e.points) }),
      ),
    ),
    h('p', { class: 'entry-party', 'data-counterparty': e.counterparty.kind }, partyText(e)),
    e.item ? h('p', { class: 'entry-item' }, itemText(e.item)) : null,
    e.memo ? h('p', { class: 'entry-memo' }, e.memo) : null,
    h(
      'p',
      { class: 'meta' },
      h('time', { datetime: e.at }, fmtDateTimeFull(e.at)),
      ' · ',
      tr('statement.after', { n: fmtNum(e.balanceAfter) }),
      ` · #${e.id}`,
    ),
  );
}

/**
 * The paginated statement, newest first, under month headings (2026年12月), with a filter by kind
 * and the whole statement as a CSV download. "More" loads the next page into the same months.
 */
export function statement(root: HTMLElement): { reload(): Promise<void> } {
  const filterId = nextId('stmt-kind');
  const filter = h(
    'select',
    { id: filterId, 'data-statement-kind': '' },
    h('option', { value: '' }, tr('stmt.filter.all')),
    KINDS.map((k) => h('option', { value: k }, kindWord(k))),
  );
  const tools = h(
    'div',
    { class: 'row statement-tools' },
    h('div', { class: 'field' }, h('label', { for: filterId }, tr('stmt.filter')), filter),
    h(
      'a',
      {
        class: 'button',
        href: '/api/me/entries.csv',
        download: '',
        'data-statement-csv': '',
        title: tr('stmt.csvHint'),
      },
      tr('stmt.csv'),
    ),
  );
  const months = h('div', { class: 'months' });
  const status = h('p', { class: 'meta', role: 'status' });
  const more = h(
    'button',
    { type: 'button', class: 'button wide', hidden: true },
    tr('statement.more'),
  );
  const error = h('div');
  let cursor: string | null = null;
  /** The month being filled (the last heading) and its list: a page may continue it. */
  let open: { month: string; list: HTMLOListElement } | null = null;
  let generation = 0;

  const place = (e: Entry): HTMLLIElement => {
    const month = fmtMonth(e.at);
    if (open?.month !== month) {
      const headingId = nextId('stmt-month');
      const list = h('ol', { class: 'entries', 'aria-labelledby': headingId });
      months.append(
        h(
          'section',
          { class: 'month' },
          h('h3', { id: headingId, class: 'month-heading' }, month),
          list,
        ),
      );
      open = { month, list };
    }
    const li = entryItem(e);
    open.list.append(li);
    return li;
  };

  const page = async (reset: boolean) => {
    const mine = reset ? ++generation : generation;
    more.disabled = true;
    status.textContent = tr('common.loading');
    const query = {
      limit: '20',
      ...(filter.value ? { kind: filter.value as (typeof KINDS)[number] } : {}),
      ...(!reset && cursor ? { cursor } : {}),
    };
    const res = await request(linli.me.entries.$get({ query }));
    // A newer filter choice has started over: this answer belongs to the old one.
    if (mine !== generation) return;
    more.disabled = false;
    if (!res.ok) {
      status.textContent = '';
      replace(
        error,
        failBlock(res, () => void page(reset)),
      );
      return;
    }
    error.replaceChildren();
    if (reset) {
      months.replaceChildren();
      open = null;
    }
    const items = res.data.items.map(place);
    cursor = res.data.nextCursor;
    more.hidden = !cursor;
    const empty = months.querySelector('.entry') === null;
    status.textContent = empty
      ? filter.value
        ? tr('stmt.emptyKind')
        : tr('statement.empty')
      : reset
        ? ''
        : tr('statement.loaded', { n: items.length });
    // After "more", focus the first new line so keyboard and screen-reader users carry on reading there.
    if (!reset && items[0]) focusOn(items[0]);
  };
  filter.addEventListener('change', () => void page(true));
  more.addEventListener('click', () => void page(false));
  replace(root, tools, months, status, error, more);
  return { reload: () => page(true) };
}
