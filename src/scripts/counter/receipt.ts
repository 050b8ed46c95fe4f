import { focusOn, h, replace } from '../dom';
import { fmtNum, fmtTime, today, tr } from '../i18n';
import type { Attempt } from './attempt';
import type { Counter, Receipt } from './context';
import { expiryLine } from './lookup';
import { loadTotals } from './overview';

/**
 * The receipt after a redemption went through: the shop, who, what for, how much, the balance
 * left and the next expiry; printable; and on to the next resident.
 */
export function showReceipt(c: Counter, r: Receipt, attempt: Attempt): void {
  const heading = h('h2', { tabindex: '-1', class: 'ok-title' }, tr('counter.done'));
  const nextOne = h(
    'button',
    { type: 'button', class: 'button primary huge', 'data-next': '' },
    tr('counter.next'),
  );
  const print = h(
    'button',
    { type: 'button', class: 'button wide', 'data-print': '' },
    tr('counter.print'),
  );
  // The server's answer names the item; a server without items falls back to the attempt's own.
  const item = r.item ?? attempt.item;
  const next = r.expiring?.[0];
  replace(
    c.stage,
    heading,
    h(
      'dl',
      { class: 'receipt', 'data-receipt': r.id },
      h('dt', {}, tr('counter.shop')),
      h('dd', {}, c.shop()),
      h('dt', {}, tr('counter.resident')),
      h('dd', {}, r.resident.maskedName),
      item
        ? [
            h('dt', {}, tr('counter.item')),
            h('dd', { 'data-receipt-item': '' }, `${item.name} × ${item.quantity}`),
          ]
        : null,
      h('dt', {}, tr('counter.redeemed')),
      h('dd', { class: 'big' }, tr('pts.n', { n: fmtNum(r.points) })),
      h('dt', {}, tr('counter.balanceAfter')),
      h('dd', { 'data-balance-after': r.balanceAfter }, tr('pts.n', { n: fmtNum(r.balanceAfter) })),
      r.expiring
        ? [
            h('dt', {}, tr('counter.expiry')),
            h(
              'dd',
              { 'data-receipt-expiry': '' },
              next ? expiryLine(next) : tr('counter.noExpiry'),
            ),
          ]
        : null,
      attempt.body.note ? [h('dt', {}, tr('counter.note')), h('dd', {}, attempt.body.note)] : null,
      h('dt', {}, tr('counter.time')),
      h('dd', {}, `${today(new Date(r.at))} ${fmtTime(r.at)}`),
      h('dt', {}, tr('counter.receiptNo')),
      h('dd', {}, `#${r.id}`),
    ),
    nextOne,
    print,
  );
  nextOne.addEventListener('click', () => c.who());
  print.addEventListener('click', () => window.print());
  c.top();
  focusOn(heading);
  // The totals beside the counter now include this redemption.
  void loadTotals();
}
