import { api, newKey, sendIdempotent } from '../api';
import { append, field, focusOn, h, replace } from '../dom';
import { errorText, fmtDateTime, fmtSigned, fmtNum, tr } from '../i18n';
import { kindWord } from '../statement';
import { busy, loadInto, msgBox, say } from '../ui';
import { table } from './common';
import { mountPool } from './pool';
import type { AuditRow } from '../../../functions/domain/audit/trail';
import type { EntryWithPostings } from '../../../functions/domain/ledger/queries';

/** What GET /api/staff/entries/{id} answers: the entry without its predecessor's hash. */
type Entry = Omit<EntryWithPostings, 'prevHash'>;
/** The ledger: look up any entry with its postings, reverse it with a reason (confirmed, idempotent), read the audit trail, spend the community pool. */
export function mount(root: HTMLElement): void {
  const idIn = field(tr('staff.led.entry'), h('input', { type: 'number', min: 1, inputmode: 'numeric' }), { hint: tr('staff.led.entryHint') });
  const find = h('button', { type: 'submit', class: 'button primary' }, tr('common.search'));
  const form = h('form', { class: 'row' }, idIn.wrap, find);
  const entryBox = h('div', { 'aria-live': 'polite' });
  const auditBox = h('div');
  const entity = field(tr('staff.led.entity'), h('input', { type: 'text', placeholder: 'activity / expense / resident …' }));
  const actor = field(tr('staff.led.actor'), h('input', { type: 'text', autocapitalize: 'none' }));
  const auditGo = h('button', { type: 'submit', class: 'button' }, tr('common.search'));
  const auditForm = h('form', { class: 'row' }, entity.wrap, actor.wrap, auditGo);
  const poolBox = h('section', { 'aria-labelledby': 'pool-h' });
  replace(root, h('div', { class: 'panel-grid' }, h('section', {}, h('h3', {}, tr('staff.led.lookup')), form, entryBox), h('section', {}, h('h3', {}, tr('staff.led.audit')), auditForm, auditBox)), poolBox);
  mountPool(poolBox);

  const show = (id: number) =>
    loadInto(entryBox, () => api<Entry>(`/staff/entries/${id}`), (e) => {
      const msg = msgBox();
      entryBox.append(
        h('h4', { tabindex: '-1' }, tr('staff.led.entryN', { id: e.id }), ' · ', kindWord(e.kind)),
        h(
          'dl',
          { class: 'facts' },
          h('dt', {}, tr('counter.time')),
          h('dd', {}, fmtDateTime(e.at)),
          h('dt', {}, tr('staff.led.memo')),
          h('dd', {}, e.memo || '—'),
          h('dt', {}, tr('staff.led.actorId')),
          h('dd', {}, e.actorId === null ? '—' : `#${e.actorId}`),
          e.reversesId ? [h('dt', {}, tr('staff.led.reverses')), h('dd', {}, linkTo(e.reversesId))] : null,
          e.reversedBy ? [h('dt', {}, tr('staff.led.reversedBy')), h('dd', {}, linkTo(e.reversedBy))] : null,
          h('dt', {}, tr('staff.led.hash')),
          h('dd', { class: 'hash' }, e.hash),
        ),
        table(
          [tr('staff.led.account'), tr('staff.led.amount'), tr('staff.led.after')],
          e.postings.map((p) => h('tr', {}, h('td', {}, `${p.kind}${p.ownerId ? ` #${p.ownerId}` : ''}`), h('td', { class: 'num' }, fmtSigned(p.amount)), h('td', { class: 'num' }, fmtNum(p.balanceAfter)))),
          tr('staff.led.postings'),
        ),
        msg,
      );
      if (!e.reversedBy && e.kind !== 'reversal') entryBox.append(reverseForm(e, msg));
      focusOn(entryBox.querySelector('h4'));
    });
  const linkTo = (id: number) => h('button', { type: 'button', class: 'button link', onclick: () => void show(id) }, `#${id}`);

  const reverseForm = (e: Entry, msg: HTMLElement) => {
    const reason = field(tr('staff.led.reason'), h('textarea', { maxlength: 200, rows: 2 }));
    const next = h('button', { type: 'submit', class: 'button danger' }, tr('staff.led.reverse'));
    const f = h('form', { class: 'stack' }, h('h4', {}, tr('staff.led.reverseTitle')), reason.wrap, next);
    f.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const r = (reason.input as HTMLTextAreaElement).value.trim();
      if (!r) return reason.setError(tr('common.required'));
      reason.setError(null);
      const key = newKey();
      const yes = h('button', { type: 'button', class: 'button primary' }, tr('staff.led.confirmReverse', { id: e.id }));
      const no = h('button', { type: 'button', class: 'button' }, tr('common.cancel'));
      const box = h('div', { class: 'confirm' }, h('p', { class: 'confirm-line' }, tr('staff.led.sure', { id: e.id })), h('p', {}, r), yes, no);
      f.replaceWith(box);
      yes.focus();
      no.addEventListener('click', () => box.replaceWith(f));
      yes.addEventListener('click', () =>
        busy(yes, async () => {
          no.disabled = true;
          const res = await sendIdempotent<{ id: number }>(`/staff/entries/${e.id}/reverse`, { reason: r }, key);
          if (!res.ok) {
            no.disabled = false;
            return say(msg, 'error', errorText(res));
          }
          await show(res.data.id);
          const m = entryBox.querySelector<HTMLElement>('.msg');
          if (m) say(m, 'ok', tr('staff.led.reversed', { id: e.id, rid: res.data.id }));
        }),
      );
    });
    return f;
  };

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const id = Number((idIn.input as HTMLInputElement).value);
    if (!Number.isInteger(id) || id < 1) return idIn.setError(tr('staff.led.entryInvalid'));
    idIn.setError(null);
    void busy(find, () => show(id));
  });

  let cursor: string | null = null;
  const loadAudit = (reset: boolean) => {
    const q = new URLSearchParams({ limit: '30' });
    const en = (entity.input as HTMLInputElement).value.trim();
    const ac = (actor.input as HTMLInputElement).value.trim();
    if (en) q.set('entity', en);
    if (ac) q.set('actor', ac);
    if (!reset && cursor) q.set('cursor', cursor);
    return loadInto(auditBox, () => api<{ entries: AuditRow[]; nextCursor: string | null }>(`/staff/audit?${q}`), (d) => {
      cursor = d.nextCursor;
      append(auditBox, [
        table(
          [tr('counter.time'), tr('staff.led.actor'), tr('staff.led.action'), tr('staff.led.entity')],
          d.entries.map((a) =>
            h('tr', {}, h('td', {}, fmtDateTime(a.at)), h('td', {}, a.actor ? `${a.actor.name}（${a.actor.login}）` : '—'), h('td', {}, a.action), h('td', {}, `${a.entity}${a.entityId ? ` #${a.entityId}` : ''}`, summaryOf(a.detail))),
          ),
          tr('staff.led.audit'),
        ),
        cursor ? h('button', { type: 'button', class: 'button', onclick: () => void loadAudit(false) }, tr('common.more')) : null,
      ]);
    });
  };
  const summaryOf = (detail: unknown) => {
    const t = detail && typeof detail === 'object' && 'title' in detail ? String((detail as { title: unknown }).title) : '';
    return t ? h('span', { class: 'meta' }, ` · ${t}`) : null;
  };
  auditForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void busy(auditGo, () => loadAudit(true));
  });
  void loadAudit(true);
}
