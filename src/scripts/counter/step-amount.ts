import { newKey } from '../api';
import { field, focusOn, h, replace } from '../dom';
import { fmtNum, tr } from '../i18n';
import { say } from '../ui';
import {
  type Attempt,
  attemptStore,
  bodyOf,
  cardKept,
  type Found,
  type Keep,
  type Who,
  whoLabel,
} from './attempt';
import type { Counter, Item } from './context';
import { foundBlock } from './lookup';

/**
 * Step 2: how many points, typed, or one of the shop's items and how many of it (points = price ×
 * quantity, shown). The resident found in step 1 stays in view; more than their balance stops
 * here. `keep` refills the choice on the way back.
 */
export function stepAmount(c: Counter, who: Who, found: Found, keep?: Keep): void {
  c.scan.stop();
  say(c.msg, 'info', null);
  const items = c.items();
  const heading = h('h2', { tabindex: '-1' }, tr('counter.step2'));
  const pts = field(
    tr('counter.points'),
    h('input', {
      type: 'number',
      inputmode: 'numeric',
      min: 1,
      step: 1,
      class: 'num-input big-input',
      name: 'points',
      value: keep?.points ?? '',
    }),
  );
  const qty = field(
    tr('counter.quantity'),
    h('input', {
      type: 'number',
      inputmode: 'numeric',
      min: 1,
      max: 99,
      step: 1,
      class: 'num-input',
      name: 'quantity',
      value: 1,
    }),
  );
  const total = h('p', { class: 'confirm-line', role: 'status', 'data-item-total': '' });
  const itemBox = h('div', { class: 'stack', hidden: true }, qty.wrap, total);
  const note = field(
    tr('counter.note'),
    h('input', { type: 'text', maxlength: 200, name: 'note', value: keep?.note ?? '' }),
    { hint: tr('common.optional') },
  );
  const change = h('button', { type: 'button', class: 'button' }, tr('counter.change'));
  const next = h(
    'button',
    { type: 'submit', class: 'button primary huge' },
    tr('counter.toConfirm'),
  );
  const ptsIn = pts.input as HTMLInputElement;
  const qtyIn = qty.input as HTMLInputElement;

  let picked: Item | null = null;
  const quantity = () => Number(qtyIn.value);
  const showTotal = () => {
    if (!picked) return;
    const q = quantity();
    const ok = Number.isInteger(q) && q >= 1 && q <= 99;
    qty.setError(ok ? null : tr('counter.quantityInvalid'));
    if (!ok) return;
    ptsIn.value = String(picked.points * q);
    total.textContent = tr('counter.itemTotal', {
      item: picked.name,
      q,
      n: fmtNum(picked.points * q),
    });
  };
  const pick = (it: Item | null, q = 1) => {
    picked = it;
    for (const b of itemButtons)
      b.setAttribute('aria-pressed', String(it !== null && b.dataset.item === String(it.id)));
    itemBox.hidden = !it;
    if (!it) return;
    qtyIn.value = String(q);
    showTotal();
  };
  const itemButtons = items.map((it) => {
    const b = h(
      'button',
      { type: 'button', class: 'button item', 'aria-pressed': 'false', 'data-item': it.id },
      h('span', {}, it.name),
      h('strong', {}, tr('pts.n', { n: fmtNum(it.points) })),
    );
    b.addEventListener('click', () => {
      pick(it);
      next.focus();
    });
    return b;
  });
  const form = h(
    'form',
    { class: 'stack', novalidate: true },
    itemButtons.length
      ? h(
          'fieldset',
          { class: 'items' },
          h('legend', {}, tr('counter.items')),
          h('div', { class: 'item-grid' }, itemButtons),
          itemBox,
        )
      : null,
    pts.wrap,
    note.wrap,
    next,
  );
  replace(
    c.stage,
    heading,
    h('p', { class: 'who' }, whoLabel(who), ' ', change),
    foundBlock(found),
    form,
  );
  change.addEventListener('click', () => c.who({ card: cardKept(who), keep: current() ?? keep }));
  // Typing points by hand is a plain redemption: no item.
  ptsIn.addEventListener('input', () => pick(null));
  qtyIn.addEventListener('input', showTotal);
  const kept = keep?.item ? items.find((i) => i.id === keep.item!.id) : undefined;
  if (kept) pick(kept, keep!.item!.quantity);

  /** The choice as it stands, or null while it is not a valid amount. */
  function current(): Keep | null {
    const n = Number(ptsIn.value);
    if (!Number.isInteger(n) || n < 1 || n > 1_000_000) return null;
    const noteText = (note.input as HTMLInputElement).value.trim();
    const item = picked
      ? { id: picked.id, name: picked.name, unitPoints: picked.points, quantity: quantity() }
      : undefined;
    return { points: n, ...(noteText ? { note: noteText } : {}), ...(item ? { item } : {}) };
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    pts.setError(null);
    if (picked) {
      const q = quantity();
      if (!Number.isInteger(q) || q < 1 || q > 99) {
        qty.setError(tr('counter.quantityInvalid'));
        return qtyIn.focus();
      }
    }
    const choice = current();
    if (!choice) {
      pts.setError(tr('counter.pointsInvalid'));
      return ptsIn.focus();
    }
    // Stopped here, with the balance said, rather than refused at the last step.
    if (choice.points > found.balance) {
      pts.setError(tr('counter.overBalance', { balance: fmtNum(found.balance) }));
      return ptsIn.focus();
    }
    // The attempt (and its key) is born here, when the confirm screen opens.
    const attempt: Attempt = {
      key: newKey(),
      body: bodyOf(who, choice),
      label: whoLabel(who),
      stage: 'confirm',
      openedAt: new Date().toISOString(),
      found,
      item: choice.item,
    };
    attemptStore.save(attempt);
    c.confirm(attempt);
  });
  c.top();
  focusOn(items.length ? heading : ptsIn);
}
