import type { ClientResponse } from 'hono/client';
import type { Followup } from '../../../functions/domain/records/deliberations';
import { codes, label } from '../../i18n/labels';
import { linli, request } from '../api';
import { field, h } from '../dom';
import { errorText, fmtDate, locale, today, tr } from '../i18n';
import { busy, msgBox, say } from '../ui';
import { select } from './common';
import { withdrawButton } from './records-revise';
import type { Options, Rec } from './records-specs';

type Answer = ClientResponse<unknown, number, string>;

/**
 * Below a deliberation: what it decided to follow up, each with its dated updates and a form for
 * the next one, and a form for a new follow-up item. `reopen` shows the deliberation afresh.
 */
export function followups(
  rec: Rec,
  options: Options | null,
  reopen: () => Promise<void>,
): HTMLElement {
  const msg = msgBox();
  const box = h('div', { class: 'stack' }, h('h4', {}, tr('staff.rec.followups')), msg);
  /** Sends what `read` gathered (null: a field is missing and says so) and reopens on success. */
  const postOnSubmit = <B, R extends Answer>(
    form: HTMLFormElement,
    button: HTMLButtonElement,
    read: () => B | null,
    send: (json: B) => Promise<R>,
  ) =>
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const body = read();
      if (!body) return;
      void busy(button, async () => {
        const res = await request(send(body));
        if (!res.ok) return say(msg, 'error', errorText(res));
        await reopen();
      });
    });
  const statusName = (status: string) => label(locale(), 'followupStatus', status);

  for (const fu of (rec.followups as Followup[]) ?? []) {
    const date = field(tr('staff.rec.f.date'), h('input', { type: 'date', value: today() }));
    const st = field(
      tr('staff.req.status'),
      select(
        codes('followupStatus').map((c) => [c, statusName(c)]),
        fu.status,
      ),
    );
    const pr = field(
      tr('staff.rec.progress'),
      h('input', { type: 'number', min: 0, max: 100, step: 5, value: fu.progress }),
    );
    const note = field(tr('staff.req.note'), h('textarea', { maxlength: 2000, rows: 2 }));
    const add = h('button', { type: 'submit', class: 'button' }, tr('staff.rec.addUpdate'));
    const f = h(
      'form',
      { class: 'stack' },
      h('div', { class: 'row' }, date.wrap, st.wrap, pr.wrap),
      note.wrap,
      add,
    );
    postOnSubmit(
      f,
      add,
      () => {
        const n = (note.input as HTMLTextAreaElement).value.trim();
        note.setError(n ? null : tr('common.required'));
        if (!n) return null;
        return {
          date: (date.input as HTMLInputElement).value,
          status: (st.input as HTMLSelectElement).value as Followup['status'],
          progress: Number((pr.input as HTMLInputElement).value),
          note: n,
        };
      },
      (json) =>
        linli.staff.records.followups[':id'].updates.$post({ param: { id: String(fu.id) }, json }),
    );
    const withdrawn = fu.publication === 'withdrawn';
    const summary = `${fu.title} · ${statusName(fu.status)} ${fu.progress}% · ${tr('staff.rec.due', { date: fmtDate(fu.dueDate) })}`;
    // Withdrawing a follow-up of a published deliberation is public at once, so it asks its reason.
    const actions = h('div', { class: 'row' });
    if (rec.status === 'published' && !withdrawn) {
      actions.append(
        withdrawButton('followups', actions, async (reason) => {
          const res = await request(
            linli.staff.records.followups[':id'].withdraw.$post({
              param: { id: String(fu.id) },
              json: { reason },
            }),
          );
          if (!res.ok) return say(msg, 'error', errorText(res));
          await reopen();
        }),
      );
    }
    box.append(
      h(
        'details',
        { 'data-followup': fu.id },
        h('summary', {}, withdrawn ? `${summary} · ${tr('staff.rec.withdrawn')}` : summary),
        h(
          'ol',
          { class: 'timeline' },
          fu.updates.map((u) =>
            h('li', {}, `${fmtDate(u.date)} · ${statusName(u.status)} ${u.progress}% — ${u.note}`),
          ),
        ),
        withdrawn ? '' : f,
        actions,
      ),
    );
  }
  // A new follow-up item
  const title = field(tr('staff.rec.followupTitle'), h('input', { type: 'text', maxlength: 200 }));
  const resp = field(
    tr('staff.rec.responsible'),
    select(options?.organizations ?? [], null, tr('req.pick')),
  );
  const due = field(tr('staff.rec.dueDate'), h('input', { type: 'date', value: today() }));
  const add = h('button', { type: 'submit', class: 'button' }, tr('staff.rec.addFollowup'));
  const f = h(
    'form',
    { class: 'stack' },
    h('h5', {}, tr('staff.rec.newFollowup')),
    title.wrap,
    resp.wrap,
    due.wrap,
    add,
  );
  postOnSubmit(
    f,
    add,
    () => {
      const t = (title.input as HTMLInputElement).value.trim();
      const r = (resp.input as HTMLSelectElement).value;
      title.setError(t ? null : tr('common.required'));
      resp.setError(r ? null : tr('common.required'));
      if (!t || !r) return null;
      return { title: t, responsibleId: Number(r), dueDate: (due.input as HTMLInputElement).value };
    },
    (json) =>
      linli.staff.records.deliberations[':id'].followups.$post({
        param: { id: String(rec.id) },
        json,
      }),
  );
  box.append(f);
  return box;
}
