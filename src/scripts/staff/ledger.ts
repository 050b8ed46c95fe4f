import type { InferRequestType } from 'hono/client';
import type { EntryWithPostings } from '../../../functions/domain/ledger/queries';
import type { AuditAction } from '../../../functions/domain/records/audit';
import { AUDIT_ENTITIES } from '../../i18n/app-console-labels';
import { linli, newKey, request, sendIdempotent } from '../api';
import { append, field, focusOn, h, replace } from '../dom';
import { errorText, fmtDateTime, fmtNum, fmtSigned, tr } from '../i18n';
import { busy, loadInto, msgBox, say } from '../ui';
import { select, table, word } from './common';
import { mountJobs } from './jobs';
import { mountPool } from './pool';

/** What GET /api/staff/entries/{id} answers: the entry without its predecessor's hash. */
type Entry = Omit<EntryWithPostings, 'prevHash'>;

const ACTIONS: AuditAction[] = [
  'create',
  'update',
  'publish',
  'approve',
  'upload_receipt',
  'add_update',
  'set_budget',
];
const person = (p: { name: string; login: string } | null) =>
  p ? `${p.name}（${p.login}）` : tr('lbl.system');

/** The ledger: look up any entry with its postings, reverse it with a reason (confirmed, idempotent), read the audit trail, spend the community pool. */
export function mount(root: HTMLElement): void {
  const idIn = field(
    tr('staff.led.entry'),
    h('input', { type: 'number', min: 1, inputmode: 'numeric' }),
    { hint: tr('staff.led.entryHint') },
  );
  const find = h('button', { type: 'submit', class: 'button primary' }, tr('common.search'));
  const form = h('form', { class: 'row' }, idIn.wrap, find);
  const entryBox = h('div', { 'aria-live': 'polite' });
  const auditBox = h('div');
  // Choices, not free text: record types and actions by their words, people from the staff list.
  const entity = field(
    tr('staff.led.entity'),
    select(
      AUDIT_ENTITIES.map((e): [string, string] => [e, word('audit.entity', e)]),
      null,
      tr('lbl.anyEntity'),
    ),
  );
  const action = field(
    tr('staff.led.action'),
    select(
      ACTIONS.map((a): [string, string] => [a, word('audit.action', a)]),
      null,
      tr('lbl.anyAction'),
    ),
  );
  const actor = field(tr('staff.led.actor'), select([], null, tr('lbl.anyActor')));
  const auditForm = h('form', { class: 'row' }, entity.wrap, action.wrap, actor.wrap);
  const jobsBox = h('div');
  const poolBox = h('section', { 'aria-labelledby': 'pool-h' });
  replace(
    root,
    h(
      'div',
      { class: 'panel-grid' },
      h('div', {}, h('section', {}, h('h3', {}, tr('staff.led.lookup')), form, entryBox), jobsBox),
      h('section', {}, h('h3', {}, tr('staff.led.audit')), auditForm, auditBox),
    ),
    poolBox,
  );
  mountJobs(jobsBox);
  mountPool(poolBox);
  void request(linli.staff.audit.actors.$get()).then((res) => {
    if (!res.ok) return;
    for (const a of res.data.actors)
      actor.input.append(
        h(
          'option',
          { value: a.login },
          `${a.name}（${a.login}${a.disabled ? ` · ${tr('lbl.disabled')}` : ''}）`,
        ),
      );
  });

  const show = (id: number) =>
    loadInto(
      entryBox,
      () => request(linli.staff.entries[':id'].$get({ param: { id: String(id) } })),
      (e) => {
        const msg = msgBox();
        entryBox.append(
          h(
            'h4',
            { tabindex: '-1' },
            tr('staff.led.entryN', { id: e.id }),
            ' · ',
            word('entry.kind', e.kind),
          ),
          h(
            'dl',
            { class: 'facts' },
            h('dt', {}, tr('counter.time')),
            h('dd', {}, fmtDateTime(e.at)),
            h('dt', {}, tr('staff.led.memo')),
            h('dd', {}, e.memo || '—'),
            h('dt', {}, tr('staff.led.actorId')),
            h('dd', {}, person(e.actor)),
            e.activity ? [h('dt', {}, tr('staff.act.title')), h('dd', {}, e.activity.title)] : null,
            e.reversesId
              ? [h('dt', {}, tr('staff.led.reverses')), h('dd', {}, linkTo(e.reversesId))]
              : null,
            e.reversedBy
              ? [h('dt', {}, tr('staff.led.reversedBy')), h('dd', {}, linkTo(e.reversedBy))]
              : null,
            h('dt', {}, tr('staff.led.hash')),
            h('dd', { class: 'hash' }, e.hash),
          ),
          table(
            [tr('staff.led.account'), tr('staff.led.amount'), tr('staff.led.after')],
            e.postings.map((p) =>
              h(
                'tr',
                {},
                h(
                  'td',
                  {},
                  p.owner
                    ? `${p.owner.name}（${word('account.kind', p.kind)} · ${p.owner.login}）`
                    : word('account.kind', p.kind),
                ),
                h('td', { class: 'num' }, fmtSigned(p.amount)),
                h('td', { class: 'num' }, fmtNum(p.balanceAfter)),
              ),
            ),
            tr('staff.led.postings'),
          ),
          msg,
        );
        if (!e.reversedBy && e.kind !== 'reversal') entryBox.append(reverseForm(e, msg));
        focusOn(entryBox.querySelector('h4'));
      },
    );
  const linkTo = (id: number) =>
    h('button', { type: 'button', class: 'button link', onclick: () => void show(id) }, `#${id}`);

  const reverseForm = (e: Entry, msg: HTMLElement) => {
    const reason = field(tr('staff.led.reason'), h('textarea', { maxlength: 200, rows: 2 }));
    const next = h('button', { type: 'submit', class: 'button danger' }, tr('staff.led.reverse'));
    const f = h(
      'form',
      { class: 'stack' },
      h('h4', {}, tr('staff.led.reverseTitle')),
      reason.wrap,
      next,
    );
    f.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const r = (reason.input as HTMLTextAreaElement).value.trim();
      if (!r) return reason.setError(tr('common.required'));
      reason.setError(null);
      const key = newKey();
      const yes = h(
        'button',
        { type: 'button', class: 'button primary' },
        tr('staff.led.confirmReverse', { id: e.id }),
      );
      const no = h('button', { type: 'button', class: 'button' }, tr('common.cancel'));
      const box = h(
        'div',
        { class: 'confirm' },
        h('p', { class: 'confirm-line' }, tr('staff.led.sure', { id: e.id })),
        h('p', {}, r),
        yes,
        no,
      );
      f.replaceWith(box);
      yes.focus();
      no.addEventListener('click', () => box.replaceWith(f));
      yes.addEventListener('click', () =>
        busy(yes, async () => {
          no.disabled = true;
          const res = await sendIdempotent((o) =>
            linli.staff.entries[':id'].reverse.$post(
              {
                param: { id: String(e.id) },
                json: { reason: r },
                header: { 'idempotency-key': key },
              },
              o,
            ),
          );
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
    const query: InferRequestType<typeof linli.staff.audit.$get>['query'] = { limit: '30' };
    for (const [name, f] of [
      ['entity', entity],
      ['action', action],
      ['actor', actor],
    ] as const) {
      const v = (f.input as HTMLSelectElement).value;
      if (v) query[name] = v as never;
    }
    if (!reset && cursor) query.cursor = cursor;
    return loadInto(
      auditBox,
      () => request(linli.staff.audit.$get({ query })),
      (d) => {
        cursor = d.nextCursor;
        if (d.items.length === 0)
          return auditBox.append(h('p', { class: 'meta' }, tr('staff.rec.none')));
        append(auditBox, [
          table(
            [
              tr('counter.time'),
              tr('staff.led.actorId'),
              tr('staff.led.action'),
              tr('staff.led.entity'),
            ],
            d.items.map((a) =>
              h(
                'tr',
                {},
                h('td', {}, fmtDateTime(a.at)),
                h('td', {}, person(a.actor)),
                h('td', {}, word('audit.action', a.action)),
                h(
                  'td',
                  {},
                  word('audit.entity', a.entity),
                  a.entityId ? ` #${a.entityId}` : '',
                  summaryOf(a.detail),
                ),
              ),
            ),
            tr('staff.led.audit'),
          ),
          cursor
            ? h(
                'button',
                { type: 'button', class: 'button', onclick: () => void loadAudit(false) },
                tr('common.more'),
              )
            : null,
        ]);
      },
    );
  };
  const summaryOf = (detail: unknown) => {
    const t =
      detail && typeof detail === 'object' && 'title' in detail
        ? String((detail as { title: unknown }).title)
        : '';
    return t ? h('span', { class: 'meta' }, ` · ${t}`) : null;
  };
  auditForm.addEventListener('change', () => void loadAudit(true));
  auditForm.addEventListener('submit', (ev) => ev.preventDefault());
  void loadAudit(true);
}
