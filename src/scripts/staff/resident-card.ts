import type { InferRequestType } from 'hono/client';
import type { ResidentDetails } from '../../../functions/domain/people/register';
import { linli, newKey, request, sendIdempotent } from '../api';
import { field, focusOn, h, replace } from '../dom';
import { errorText, fmtDate, fmtDateTimeFull, fmtNum, fmtSigned, tr } from '../i18n';
import { itemText, kindWord, partyText } from '../statement';
import { busy, failBlock, msgBox, say } from '../ui';

/**
 * One resident's life at the desk, below their details: the statement with its expiry schedule,
 * correcting the record, a temporary password, and moving away (an inline confirmation that says
 * where the points go). `reload` redraws the resident after a change, with its outcome.
 */

export function statementSection(d: ResidentDetails): HTMLElement {
  const box = h(
    'section',
    { class: 'stack', 'aria-labelledby': `res-st-${d.id}` },
    h('h4', { id: `res-st-${d.id}` }, tr('life.statement')),
  );
  const head = h('div');
  const rows = h('tbody');
  const status = h('p', { class: 'meta', role: 'status' });
  const more = h('button', { type: 'button', class: 'button', hidden: true }, tr('statement.more'));
  box.append(
    head,
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        {},
        h('caption', {}, tr('life.statement')),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            [
              tr('life.col.date'),
              tr('life.col.kind'),
              tr('print.col.party'),
              tr('life.col.points'),
              tr('life.col.after'),
              tr('life.col.memo'),
            ].map((x) => h('th', { scope: 'col' }, x)),
          ),
        ),
        rows,
      ),
    ),
    status,
    more,
  );
  let cursor: string | null = null;
  const page = async (first: boolean) => {
    status.textContent = tr('common.loading');
    const query: InferRequestType<
      (typeof linli.staff.residents)[':id']['entries']['$get']
    >['query'] = { limit: '20' };
    if (!first && cursor) query.cursor = cursor;
    const res = await request(
      linli.staff.residents[':id'].entries.$get({ param: { id: String(d.id) }, query }),
    );
    if (!res.ok) {
      replace(
        status,
        failBlock(res, () => void page(first)),
      );
      return;
    }
    const s = res.data;
    if (first) {
      replace(
        head,
        h(
          'p',
          {},
          h(
            'strong',
            { 'data-statement-balance': '' },
            tr('life.balanceNow', { n: tr('pts.n', { n: fmtNum(s.balance) }) }),
          ),
        ),
        h('h5', {}, tr('life.expiring')),
        s.expiring.length
          ? h(
              'ul',
              {},
              s.expiring.map((x) =>
                h('li', {}, tr('life.expiringLine', { date: fmtDate(x.at), n: fmtNum(x.points) })),
              ),
            )
          : h('p', { class: 'meta' }, tr('life.noExpiry')),
      );
    }
    const lines = s.items.map((e) =>
      h(
        'tr',
        { 'data-entry': e.id },
        h('td', {}, h('time', { datetime: e.at }, fmtDateTimeFull(e.at))),
        h('td', {}, kindWord(e.kind)),
        h('td', {}, partyText(e), e.item ? h('br') : null, e.item ? itemText(e.item) : null),
        h('td', { class: 'num' }, tr('pts.signed', { n: fmtSigned(e.points) })),
        h('td', { class: 'num' }, fmtNum(e.balanceAfter)),
        h('td', {}, e.memo || '—'),
      ),
    );
    rows.append(...lines);
    cursor = s.nextCursor;
    more.hidden = !cursor;
    status.textContent =
      rows.children.length === 0
        ? tr('life.noEntries')
        : first
          ? ''
          : tr('statement.loaded', { n: lines.length });
    if (!first && lines[0]) focusOn(lines[0].querySelector('td'));
  };
  more.addEventListener('click', () => void busy(more, () => page(false)));
  void page(true);
  return box;
}

const val = (f: { input: HTMLElement }) => (f.input as HTMLInputElement).value.trim();
const text = (
  label: string,
  value: string,
  props: Record<string, string | number> = {},
  hint?: string,
) => field(label, h('input', { type: 'text', autocomplete: 'off', value, ...props }), { hint });

export function editSection(
  d: ResidentDetails,
  reload: (flash: string) => Promise<void>,
): HTMLElement {
  const msg = msgBox();
  const fullName = text(tr('staff.reg.fullName'), d.fullName, { maxlength: 64 });
  const displayName = text(tr('staff.reg.displayName'), d.displayName, { maxlength: 32 });
  const phone = text(
    tr('staff.res.phone'),
    d.phone ?? '',
    { inputmode: 'tel' },
    tr('life.phoneHint'),
  );
  const hh = d.household;
  const compound = text(tr('staff.reg.compound'), hh?.compound ?? '', { maxlength: 64 });
  const building = text(tr('staff.reg.building'), hh?.building ?? '', { maxlength: 64 });
  const unit = text(tr('staff.reg.unit'), hh?.unit ?? '', { maxlength: 64 });
  const door = text(tr('staff.reg.door'), hh?.door ?? '', { maxlength: 64 });
  const save = h('button', { type: 'submit', class: 'button primary' }, tr('life.save'));
  const form = h(
    'form',
    { class: 'stack', novalidate: true },
    h('p', { class: 'hint' }, tr('life.editHint')),
    fullName.wrap,
    displayName.wrap,
    phone.wrap,
    h(
      'fieldset',
      { class: 'stack' },
      h('legend', {}, tr('staff.res.home')),
      compound.wrap,
      building.wrap,
      unit.wrap,
      door.wrap,
    ),
    save,
    msg,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const body: Record<string, unknown> = {};
    for (const [f, key, was] of [
      [fullName, 'fullName', d.fullName],
      [displayName, 'displayName', d.displayName],
    ] as const) {
      f.setError(val(f) ? null : tr('common.required'));
      if (val(f) && val(f) !== was) body[key] = val(f);
    }
    const p = val(phone).replace(/[\s-]/g, '');
    phone.setError(p && !/^(\+?86)?1\d{10}$/.test(p) ? tr('life.phoneInvalid') : null);
    if (p !== (d.phone ?? '')) body.phone = p || null;
    const address = [compound, building, unit, door];
    const filled = address.filter((f) => val(f)).length;
    for (const f of address) f.setError(filled > 0 && !val(f) ? tr('common.required') : null);
    if (
      filled === 4 &&
      address.map(val).join('\n') !== [hh?.compound, hh?.building, hh?.unit, hh?.door].join('\n')
    ) {
      body.household = {
        compound: val(compound),
        building: val(building),
        unit: val(unit),
        door: val(door),
      };
    }
    const bad = [fullName, displayName, phone, ...address].find(
      (f) => f.input.getAttribute('aria-invalid') === 'true',
    );
    if (bad) return bad.input.focus();
    if (Object.keys(body).length === 0) return say(msg, 'info', tr('life.noChange'));
    void busy(save, async () => {
      const res = await request(
        linli.staff.residents[':id'].$patch({ param: { id: String(d.id) }, json: body }),
      );
      if (!res.ok) return say(msg, 'error', errorText(res));
      await reload(tr('life.saved'));
    });
  });
  return h('details', { 'data-edit-resident': '' }, h('summary', {}, tr('life.edit')), form);
}

export function passwordSection(d: ResidentDetails): HTMLElement {
  const msg = msgBox();
  const go = h('button', { type: 'button', class: 'button' }, tr('life.pwdGo'));
  go.addEventListener('click', () =>
    busy(go, async () => {
      const res = await request(
        linli.staff.residents[':id']['password-reset'].$post({ param: { id: String(d.id) } }),
      );
      if (!res.ok) return say(msg, 'error', errorText(res));
      say(
        msg,
        'ok',
        tr('life.pwdDone', { login: res.data.login }),
        h(
          'strong',
          { class: 'temp-password', 'data-temporary-password': '', lang: 'en' },
          ` ${res.data.temporaryPassword}`,
        ),
      );
    }),
  );
  return h(
    'details',
    {},
    h('summary', {}, tr('life.pwd')),
    h('div', { class: 'stack' }, h('p', { class: 'hint' }, tr('life.pwdHint')), go, msg),
  );
}

export function moveAwaySection(
  d: ResidentDetails,
  reload: (flash: string) => Promise<void>,
): HTMLElement {
  const msg = msgBox();
  const members = d.householdMembers.filter((m) => m.movedAwayAt === null);
  const choices: Array<[string, string]> = [
    ['pool', tr('life.pool')],
    ...members.map((m): [string, string] => [
      String(m.id),
      tr('life.member', { name: m.fullName }),
    ]),
  ];
  const group = h(
    'fieldset',
    { class: 'stack' },
    h('legend', {}, tr('life.moveTo')),
    choices.map(([v, label], i) =>
      h(
        'label',
        { class: 'choice' },
        h('input', { type: 'radio', name: `move-to-${d.id}`, value: v, checked: i === 0 }),
        ` ${label}`,
      ),
    ),
    members.length ? null : h('p', { class: 'hint' }, tr('life.noMembers')),
  );
  const reason = field(
    tr('life.reason'),
    h('input', { type: 'text', maxlength: 200, autocomplete: 'off' }),
    { hint: tr('life.reasonHint') },
  );
  const next = h('button', { type: 'submit', class: 'button' }, tr('life.moveNext'));
  const confirmBox = h('div', { class: 'stack', hidden: true });
  const form = h(
    'form',
    { class: 'stack', novalidate: true },
    h('p', { class: 'hint' }, tr('life.moveHint')),
    group,
    reason.wrap,
    next,
    confirmBox,
    msg,
  );
  const fieldsOf = () => [...group.querySelectorAll('input'), reason.input, next];
  let key = newKey();
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const why = val(reason);
    reason.setError(why ? null : tr('common.required'));
    if (!why) return reason.input.focus();
    const picked = group.querySelector<HTMLInputElement>('input:checked')?.value ?? 'pool';
    const toLabel = choices.find(([v]) => v === picked)?.[1] ?? tr('life.pool');
    const body = {
      to: picked === 'pool' ? ('pool' as const) : { residentId: Number(picked) },
      reason: why,
    };
    // The inline confirmation: what happens, stated in full, before anything is sent.
    const text = h(
      'p',
      { class: 'msg msg-warn', role: 'status', tabindex: '-1' },
      tr('life.moveConfirmText', { name: d.fullName, n: fmtNum(d.balance), to: toLabel }),
    );
    const yes = h('button', { type: 'button', class: 'button danger' }, tr('life.moveConfirm'));
    const back = h('button', { type: 'button', class: 'button' }, tr('common.back'));
    replace(confirmBox, text, h('div', { class: 'row' }, yes, back));
    confirmBox.hidden = false;
    for (const el of fieldsOf()) (el as HTMLInputElement).disabled = true;
    focusOn(text);
    back.addEventListener('click', () => {
      confirmBox.hidden = true;
      for (const el of fieldsOf()) (el as HTMLInputElement).disabled = false;
      key = newKey();
      next.focus();
    });
    yes.addEventListener('click', () =>
      busy(yes, async () => {
        const res = await sendIdempotent((o) =>
          linli.staff.residents[':id']['move-away'].$post(
            { param: { id: String(d.id) }, json: body, header: { 'idempotency-key': key } },
            o,
          ),
        );
        if (!res.ok) return say(msg, 'error', errorText(res));
        await reload(tr('life.moved', { n: fmtNum(res.data.points), to: toLabel }));
      }),
    );
  });
  return h('details', { 'data-move-away': '' }, h('summary', {}, tr('life.move')), form);
}

/** The facts that change over a resident's life, for the details list. */
export function lifeFacts(d: ResidentDetails): Array<[string, string]> {
  const status = d.movedAwayAt
    ? tr('life.movedAway', { date: fmtDate(d.movedAwayAt) })
    : `${tr('life.living')}${d.mustChangePassword ? ` · ${tr('life.mustChange')}` : ''}`;
  const facts: Array<[string, string]> = [[tr('life.status'), status]];
  if (d.householdMembers.length)
    facts.push([
      tr('life.members'),
      d.householdMembers
        .map((m) => (m.movedAwayAt ? `${m.fullName}（${tr('life.movedBadge')}）` : m.fullName))
        .join('、'),
    ]);
  return facts;
}
