import { linli, request } from '../api';
import { focusOn, h, replace } from '../dom';
import { fmtNum, tr } from '../i18n';
import { say } from '../ui';
import type { Found, Who } from './attempt';
import type { Counter } from './context';

/** POST /api/counter/lookup: who, their balance and what expires next. Moves nothing. */
export const lookUp = (who: Who) => request(linli.counter.lookup.$post({ json: who }));

/** The next lapse as the receipt and the look-up say it: "X 分将于 YYYY-MM-DD 到期". */
export const expiryLine = (e: { points: number; on: string }) =>
  tr('counter.expiryLine', { n: fmtNum(e.points), on: e.on });

/** The resident as found: masked name, balance, and the expiries (all, or only the next). */
export function foundBlock(found: Found, allExpiries = false): HTMLElement {
  const expiries = allExpiries ? found.expiring : found.expiring.slice(0, 1);
  return h(
    'dl',
    { class: 'receipt', 'data-found': '' },
    h('dt', {}, tr('counter.resident')),
    h('dd', { 'data-masked-name': '' }, found.maskedName),
    h('dt', {}, tr('counter.balance')),
    h(
      'dd',
      { class: 'big', 'data-balance': found.balance },
      tr('pts.n', { n: fmtNum(found.balance) }),
    ),
    h('dt', {}, tr('counter.expiry')),
    expiries.length
      ? expiries.map((e) => h('dd', { 'data-expiry': e.on }, expiryLine(e)))
      : h('dd', {}, tr('counter.noExpiry')),
  );
}

/** "只查余额": the look-up's answer and a done button; nothing is redeemed. */
export function showBalance(c: Counter, who: Who, found: Found): void {
  c.scan.stop();
  say(c.msg, 'info', null);
  const heading = h('h2', { tabindex: '-1' }, tr('counter.balanceTitle'));
  const done = h(
    'button',
    { type: 'button', class: 'button primary huge', 'data-balance-done': '' },
    tr('counter.balanceDone'),
  );
  const redeem = h('button', { type: 'button', class: 'button wide' }, tr('counter.toAmount'));
  replace(c.stage, heading, foundBlock(found, true), done, redeem);
  done.addEventListener('click', () => c.who());
  redeem.addEventListener('click', () => c.amount(who, found));
  c.top();
  focusOn(heading);
}
