import type { ApiResult } from '../api';
import { focusOn, h, replace } from '../dom';
import { errorText, tr } from '../i18n';
import { busy, msgBox, remember, say } from '../ui';
import { expenseExtras } from './records-expense';
import { control, show } from './records-fields';
import { followups } from './records-followups';
import { forgetOptions } from './records-options';
import { donationOutcomes } from './records-outcomes';
import { reasonField, revisionActions, VERSIONED } from './records-revise';
import { requestRecord, routesOf } from './records-routes';
import { badge, fl, kindName, type Options, type Rec, SPECS, type Spec } from './records-specs';

/** What the editor needs from the records panel around it. */
export interface Desk {
  editor: HTMLElement;
  options(): Options | null;
  loadList(): unknown;
  /** Shows a record afresh from the server, after a change made below its form. */
  open(id: number): Promise<void>;
}

/** The record field by field; the published view keeps line breaks (class pre), the preview does not. */
const facts = (
  k: string,
  spec: Spec,
  values: Record<string, unknown>,
  options: Options | null,
  dd: { class?: string },
) =>
  h(
    'dl',
    { class: 'facts' },
    spec.fields.flatMap((f) => [
      h('dt', {}, fl(k, f.name)),
      h('dd', dd, show(f, values[f.name], options)),
    ]),
  );

/**
 * Draft → preview → save → publish for one record of kind `k` (a new one when `rec` is null);
 * `revising` opens a published record's form again, with its reason.
 */
export function edit(desk: Desk, k: string, rec: Rec | null, revising = false): void {
  const { editor } = desk;
  const spec = SPECS[k]!;
  const heading = h(
    'h3',
    { id: 'rec-edit-h', tabindex: '-1' },
    rec ? `${kindName(k)} #${rec.id}` : tr('staff.rec.newOf', { kind: kindName(k) }),
    rec ? [' ', badge(rec.status)] : null,
  );
  const msg = msgBox();
  const previewBox = h('div', { class: 'preview', hidden: true, 'aria-live': 'polite' });
  const readOnly = rec !== null && rec.status !== 'draft' && !revising;
  const reason = revising ? reasonField(k) : null;
  const controls = spec.fields.map((f) => control(k, f, rec, readOnly, desk.options()));
  const form = h(
    'form',
    { class: 'stack', novalidate: true },
    controls.map((c) => c.wrap),
  );
  const previewBtn = h('button', { type: 'button', class: 'button' }, tr('staff.rec.preview'));
  // A revision is public as soon as it is saved: no draft to save, nothing left to publish.
  const saveBtn = h(
    'button',
    { type: 'submit', class: 'button primary' },
    tr(revising ? 'staff.rev.save' : 'staff.rec.save'),
  );
  const publishBtn = h(
    'button',
    {
      type: 'button',
      class: 'button primary',
      hidden: !rec || readOnly || revising,
      'data-publish': '',
    },
    tr('staff.rec.publish'),
  );
  if (reason) form.append(reason.wrap);
  if (!readOnly) form.append(h('div', { class: 'row' }, previewBtn, saveBtn, publishBtn));
  replace(editor, heading, msg, form, previewBox);
  if (readOnly) {
    // A published record reads as it is published; its follow-ups (below) keep getting updates.
    form.hidden = true;
    const note = !VERSIONED.has(k)
      ? 'staff.rec.readOnly'
      : rec!.status === 'withdrawn'
        ? 'staff.rev.withdrawnNote'
        : 'staff.rev.publishedNote';
    editor.insertBefore(h('p', { class: 'msg msg-info', role: 'status' }, tr(note)), form);
    replace(previewBox, facts(k, spec, rec!, desk.options(), { class: 'pre' }));
    previewBox.hidden = false;
  }

  const collect = (): Record<string, unknown> | null => {
    const body: Record<string, unknown> = {};
    let firstBad: HTMLElement | null = null;
    for (const c of controls) {
      const v = c.read();
      if (v.error) {
        c.setError(v.error);
        firstBad ??= c.focusable;
        continue;
      }
      c.setError(null);
      if (v.value === undefined) {
        if (rec) body[c.name] = null; // clearing an optional field of a draft
        continue;
      }
      body[c.name] = v.value;
    }
    if (firstBad) {
      firstBad.focus();
      say(msg, 'error', tr('staff.rec.fix'));
      return null;
    }
    if (reason) {
      const why = reason.read();
      if (!why) return null;
      body.reason = why;
    }
    say(msg, 'info', null);
    return body;
  };

  // Saving and publishing both redraw the editor from the server's answer, then say so in its message line.
  const settle = (res: ApiResult<Rec>, done: (saved: Rec) => string) => {
    if (!res.ok) return say(msg, 'error', errorText(res));
    // A record just published or withdrawn changes what the chain links and references offer.
    forgetOptions();
    void desk.loadList();
    edit(desk, k, res.data);
    const m = editor.querySelector<HTMLElement>('.msg');
    if (m) say(m, 'ok', done(res.data));
  };

  previewBtn.addEventListener('click', () => {
    const body = collect();
    if (!body) return;
    replace(
      previewBox,
      h('h4', { tabindex: '-1' }, tr('staff.rec.previewTitle')),
      facts(k, spec, body, desk.options(), {}),
    );
    previewBox.hidden = false;
    focusOn(previewBox.querySelector('h4'));
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const body = collect();
    if (!body) return;
    for (const f of spec.fields)
      if (f.kind === 'ref' && f.remember && body[f.name])
        remember.set(`rec-${f.name}`, String(body[f.name]));
    void busy(saveBtn, async () => {
      // The body the form engine built for this kind: its route's schema checks it (see routesOf).
      const json = body as never;
      const res = rec
        ? await requestRecord(
            routesOf(spec.path)[':id'].$patch({ param: { id: String(rec.id) }, json }),
          )
        : await requestRecord(routesOf(spec.path).$post({ json }));
      settle(res, (saved) =>
        revising ? tr('staff.rev.revised') : tr('staff.rec.saved', { id: saved.id }),
      );
    });
  });
  publishBtn.addEventListener('click', () => {
    const yes = h(
      'button',
      { type: 'button', class: 'button primary', 'data-confirm-publish': '' },
      tr('staff.rec.publishYes'),
    );
    const no = h('button', { type: 'button', class: 'button' }, tr('common.cancel'));
    const box = h(
      'div',
      { class: 'confirm' },
      h('p', { class: 'confirm-line' }, tr('staff.rec.publishSure')),
      h('p', {}, tr('staff.rec.publishHint')),
      yes,
      no,
    );
    publishBtn.replaceWith(box);
    yes.focus();
    no.addEventListener('click', () => box.replaceWith(publishBtn));
    yes.addEventListener('click', () =>
      busy(yes, async () => {
        settle(
          await requestRecord(
            routesOf(spec.path)[':id'].publish.$post({ param: { id: String(rec!.id) } }),
          ),
          () => tr('staff.rec.publishedNow'),
        );
      }),
    );
  });
  if (rec && readOnly && VERSIONED.has(k))
    editor.append(revisionActions(k, rec, () => edit(desk, k, rec, true), settle));
  if (rec && k === 'expenses') editor.append(expenseExtras(rec, () => void desk.open(rec.id)));
  if (rec && k === 'deliberations')
    editor.append(followups(rec, desk.options(), () => desk.open(rec.id)));
  if (rec && k === 'donations') editor.append(donationOutcomes(rec, () => desk.open(rec.id)));
  focusOn(heading);
}
