import { linli, request } from '../api';
import { field, h } from '../dom';
import { errorText, fmtDate, today, tr } from '../i18n';
import { busy, msgBox, say } from '../ui';
import type { Rec } from './records-specs';

/**
 * Below a donation: what became of it, told in dated entries as it becomes known (after
 * publishing too), and a form for the next entry. Entries are never edited; `reopen` shows the
 * donation afresh once one is added.
 */
export function donationOutcomes(rec: Rec, reopen: () => Promise<void>): HTMLElement {
  const msg = msgBox();
  const entries = (rec.outcomes as Array<{ id: number; date: string; text: string }>) ?? [];
  const date = field(
    tr('staff.rec.f.date'),
    h('input', { type: 'date', value: today(), required: true }),
  );
  const text = field(
    tr('staff.rec.outcomeText'),
    h('textarea', { maxlength: 1000, rows: 2, required: true }),
  );
  const add = h('button', { type: 'submit', class: 'button' }, tr('staff.rec.addOutcome'));
  const form = h('form', { class: 'stack', novalidate: true }, date.wrap, text.wrap, add);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const d = (date.input as HTMLInputElement).value;
    const t = (text.input as HTMLTextAreaElement).value.trim();
    date.setError(d ? null : tr('common.required'));
    text.setError(t ? null : tr('common.required'));
    if (!d || !t) return (d ? text : date).input.focus();
    void busy(add, async () => {
      const res = await request(
        linli.staff.records.donations[':id'].outcomes.$post({
          param: { id: String(rec.id) },
          json: { date: d, text: t },
        }),
      );
      if (!res.ok) return say(msg, 'error', errorText(res));
      await reopen();
    });
  });
  return h(
    'div',
    { class: 'stack' },
    h('h4', {}, tr('staff.rec.outcomes')),
    entries.length
      ? h(
          'ol',
          { class: 'timeline' },
          entries.map((o) => h('li', {}, `${fmtDate(o.date)} — ${o.text}`)),
        )
      : h('p', { class: 'meta' }, tr('staff.rec.noOutcomes')),
    form,
    msg,
  );
}
