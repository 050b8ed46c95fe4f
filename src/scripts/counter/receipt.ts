import { focusOn, h, replace } from '../dom';
import { fmtNum, fmtTime, tr } from '../i18n';
import type { Attempt } from './attempt';
import type { Counter, Receipt } from './context';
import { loadTotals } from './overview';

/** The receipt after a redemption went through: who, how much, the balance left, and on to the next resident. */
export function showReceipt(c: Counter, r: Receipt, attempt: Attempt): void {
  const heading = h('h2', { tabindex: '-1', class: 'ok-title' }, tr('counter.done'));
  const nextOne = h('button', { type: 'button', class: 'button primary huge', 'data-next': '' }, tr('counter.next'));
  replace(
    c.stage,
    heading,
    h(
      'dl',
      { class: 'receipt', 'data-receipt': r.id },
      h('dt', {}, tr('counter.resident')),
      h('dd', {}, r.resident.maskedName),
      h('dt', {}, tr('counter.redeemed')),
      h('dd', { class: 'big' }, tr('pts.n', { n: fmtNum(r.points) })),
      h('dt', {}, tr('counter.balanceAfter')),
      h('dd', { 'data-balance-after': r.balanceAfter }, tr('pts.n', { n: fmtNum(r.balanceAfter) })),
      attempt.body.note ? [h('dt', {}, tr('counter.note')), h('dd', {}, attempt.body.note)] : null,
      h('dt', {}, tr('counter.time')),
      h('dd', {}, fmtTime(r.at)),
      h('dt', {}, tr('counter.receiptNo')),
      h('dd', {}, `#${r.id}`),
    ),
    nextOne,
  );
  nextOne.addEventListener('click', () => c.who());
  c.top();
  focusOn(heading);
  // The totals beside the counter now include this redemption.
  void loadTotals();
}
