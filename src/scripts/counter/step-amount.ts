import { newKey } from '../api';
import { field, focusOn, h, replace } from '../dom';
import { fmtNum, tr } from '../i18n';
import { say } from '../ui';
import { attemptStore, cardKept, whoLabel, type Attempt, type RedemptionBody, type Who } from './attempt';
import type { Counter } from './context';

/** Step 2: how many points (or one of the shop's items). `keep` refills the fields on the way back. */
export function stepAmount(c: Counter, who: Who, keep?: { points: number; note?: string }): void {
  c.scan.stop();
  say(c.msg, 'info', null);
  const items = c.items();
  const heading = h('h2', { tabindex: '-1' }, tr('counter.step2'));
  const pts = field(tr('counter.points'), h('input', { type: 'number', inputmode: 'numeric', min: 1, step: 1, class: 'num-input big-input', name: 'points', value: keep?.points ?? '' }));
  const note = field(tr('counter.note'), h('input', { type: 'text', maxlength: 200, name: 'note', value: keep?.note ?? '' }), { hint: tr('common.optional') });
  const change = h('button', { type: 'button', class: 'button' }, tr('counter.change'));
  const itemButtons = items.map((it) => {
    const b = h('button', { type: 'button', class: 'button item', 'aria-pressed': 'false', 'data-item': it.id }, h('span', {}, it.name), h('strong', {}, tr('pts.n', { n: fmtNum(it.points) })));
    b.addEventListener('click', () => {
      for (const o of itemButtons) o.setAttribute('aria-pressed', String(o === b));
      (pts.input as HTMLInputElement).value = String(it.points);
      (note.input as HTMLInputElement).value = it.name;
      next.focus();
    });
    return b;
  });
  const next = h('button', { type: 'submit', class: 'button primary huge' }, tr('counter.toConfirm'));
  const form = h(
    'form',
    { class: 'stack', novalidate: true },
    itemButtons.length ? h('fieldset', { class: 'items' }, h('legend', {}, tr('counter.items')), h('div', { class: 'item-grid' }, itemButtons)) : null,
    pts.wrap,
    note.wrap,
    next,
  );
  replace(c.stage, heading, h('p', { class: 'who' }, whoLabel(who), ' ', change), form);
  change.addEventListener('click', () => c.who(cardKept(who)));
  pts.input.addEventListener('input', () => itemButtons.forEach((b) => b.setAttribute('aria-pressed', 'false')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const n = Number((pts.input as HTMLInputElement).value);
    if (!Number.isInteger(n) || n < 1 || n > 1_000_000) {
      pts.setError(tr('counter.pointsInvalid'));
      pts.input.focus();
      return;
    }
    const noteText = (note.input as HTMLInputElement).value.trim();
    const body: RedemptionBody = { ...who, points: n, ...(noteText ? { note: noteText } : {}) };
    // The attempt (and its key) is born here, when the confirm screen opens.
    const attempt: Attempt = { key: newKey(), body, label: whoLabel(who), stage: 'confirm', openedAt: new Date().toISOString() };
    attemptStore.save(attempt);
    c.confirm(attempt);
  });
  c.top();
  focusOn(items.length ? heading : (pts.input as HTMLElement));
}
