import { api } from './api';
import { focusOn, h, replace } from './dom';
import { fmtDateTime, fmtNum, fmtSigned, tr } from './i18n';
import type { AppKey } from '../i18n/app';
import { failBlock } from './ui';
import type { StatementEntryJson } from '../../functions/http/schemas';

export type Entry = StatementEntryJson;

/** Each kind in words (earned, redeemed, given, received, reversed, expired) — colour only repeats it. */
export const kindWord = (kind: string) => tr(`kind.${kind}` as AppKey);

export function entryItem(e: Entry): HTMLLIElement {
  return h(
    'li',
    { class: `entry kind-${e.kind}`, 'data-entry': e.id },
    h('div', { class: 'entry-top' }, h('span', { class: 'kind-word' }, kindWord(e.kind)), h('strong', { class: `pts ${e.points < 0 ? 'neg' : 'pos'}` }, tr('pts.signed', { n: fmtSigned(e.points) }))),
    h('p', { class: 'entry-memo' }, e.memo || '—'),
    h('p', { class: 'meta' }, h('time', { datetime: e.at }, fmtDateTime(e.at)), ' · ', tr('statement.after', { n: fmtNum(e.balanceAfter) }), ` · #${e.id}`),
  );
}

/** The paginated statement: newest first, "more" loads the next page into the same list. */
export function statement(root: HTMLElement): { reload(): Promise<void> } {
  const list = h('ol', { class: 'entries', 'aria-label': tr('statement.title') });
  const status = h('p', { class: 'meta', role: 'status' });
  const more = h('button', { type: 'button', class: 'button wide', hidden: true }, tr('statement.more'));
  const error = h('div');
  let cursor: string | null = null;
  const page = async (reset: boolean) => {
    more.disabled = true;
    status.textContent = tr('common.loading');
    const q = new URLSearchParams({ limit: '20' });
    if (!reset && cursor) q.set('cursor', cursor);
    const res = await api<{ entries: Entry[]; nextCursor: string | null }>(`/me/entries?${q}`);
    more.disabled = false;
    if (!res.ok) {
      status.textContent = '';
      replace(error, failBlock(res, () => void page(reset)));
      return;
    }
    error.replaceChildren();
    if (reset) list.replaceChildren();
    const items = res.data.entries.map(entryItem);
    list.append(...items);
    cursor = res.data.nextCursor;
    more.hidden = !cursor;
    status.textContent = list.children.length === 0 ? tr('statement.empty') : reset ? '' : tr('statement.loaded', { n: items.length });
    // After "more", focus the first new line so keyboard and screen-reader users carry on reading there.
    if (!reset && items[0]) focusOn(items[0]);
  };
  more.addEventListener('click', () => void page(false));
  replace(root, list, status, error, more);
  return { reload: () => page(true) };
}
