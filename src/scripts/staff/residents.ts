import type { InferRequestType } from 'hono/client';
import { linli, newKey, request, sendIdempotent } from '../api';
import { $, field, focusOn, h, replace } from '../dom';
import { errorText, fmtDate, fmtDateTime, fmtNum, tr } from '../i18n';
import { busy, loadInto, msgBox, remember, say } from '../ui';
import { csvUpload, table } from './common';

/** The CSV import routes take the file itself as the raw body (csvUpload), which the typed client's `json` cannot carry: no typed part; request() sends the file. */
const csvFile = {} as never;

import type { ResidentDetails } from '../../../functions/domain/people/register';
import { openPrintStatement } from './print-statement';
import { chainPicker } from './records-options';
import { behalfSection } from './resident-behalf';
import {
  editSection,
  lifeFacts,
  moveAwaySection,
  passwordSection,
  statementSection,
} from './resident-card';

/** Residents at the desk: find, details, reset a PIN, issue and print a card, register one, import many. */
export function mount(root: HTMLElement): void {
  const search = h('input', { type: 'search', autocomplete: 'off', name: 'q' });
  const sf = field(tr('staff.res.search'), search, { hint: tr('staff.res.searchHint') });
  const results = h('div', { 'aria-live': 'polite' });
  const more = h('button', { type: 'button', class: 'button', hidden: true }, tr('common.more'));
  const detail = h(
    'section',
    { class: 'detail', 'aria-labelledby': 'res-detail-h' },
    h('h3', { id: 'res-detail-h', tabindex: '-1' }, tr('staff.res.detail')),
    h('p', { class: 'meta' }, tr('staff.res.pickOne')),
  );
  const reg = h('section', {}, h('h3', {}, tr('staff.res.register')));
  const imp = h('section', {}, h('h3', {}, tr('staff.res.import')));
  replace(
    root,
    h('div', { class: 'panel-grid' }, h('div', {}, sf.wrap, results, more), detail),
    h('div', { class: 'panel-grid' }, reg, imp),
  );

  let cursor: string | null = null;
  let query = '';
  let timer = 0;
  const rowsBody = h('tbody');
  const run = async (reset: boolean) => {
    if (reset) {
      cursor = null;
      rowsBody.replaceChildren();
    }
    const q: InferRequestType<typeof linli.staff.residents.$get>['query'] = { query, limit: '25' };
    if (cursor) q.cursor = cursor;
    const ok = await loadInto(
      results,
      () => request(linli.staff.residents.$get({ query: q })),
      (d) => {
        for (const r of d.residents) {
          const open = h(
            'button',
            { type: 'button', class: 'button', 'data-open-resident': r.id },
            tr('staff.res.open'),
          );
          open.addEventListener('click', () => void show(r.id, true));
          rowsBody.append(
            h(
              'tr',
              {},
              h('td', {}, r.name, r.movedAwayAt ? ` · ${tr('life.movedBadge')}` : ''),
              h('td', {}, r.login),
              h('td', {}, r.card ?? '—'),
              h('td', {}, r.building ?? '—'),
              h('td', { class: 'num' }, fmtNum(r.balance)),
              h('td', {}, open),
            ),
          );
        }
        cursor = d.nextCursor;
        results.append(
          rowsBody.children.length
            ? h(
                'div',
                { class: 'table-wrap' },
                h(
                  'table',
                  {},
                  h('caption', {}, tr('staff.res.results')),
                  h(
                    'thead',
                    {},
                    h(
                      'tr',
                      {},
                      [
                        tr('staff.res.name'),
                        tr('signin.login'),
                        tr('staff.res.card'),
                        tr('staff.res.building'),
                        tr('staff.res.balance'),
                        '',
                      ].map((x) => h('th', { scope: 'col' }, x)),
                    ),
                  ),
                  rowsBody,
                ),
              )
            : h('p', { class: 'meta' }, tr('staff.res.noMatch')),
        );
      },
    );
    more.hidden = !ok || !cursor;
  };
  search.addEventListener('input', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => {
      query = search.value.trim();
      void run(true);
    }, 250);
  });
  more.addEventListener('click', () => void run(false));
  void run(true);

  // ---- One resident ----
  /** `flash`: the outcome of what was just done, shown above the redrawn resident. */
  const show = async (id: number, focus: boolean, flash?: string) => {
    const heading = h('h3', { id: 'res-detail-h', tabindex: '-1' }, tr('staff.res.detail'));
    const outcome = msgBox();
    const body = h('div');
    replace(detail, heading, outcome, body);
    await loadInto(
      body,
      () => request(linli.staff.residents[':id'].$get({ param: { id: String(id) } })),
      (d) => renderDetail(body, d),
    );
    if (flash) say(outcome, 'ok', flash);
    if (focus || flash) focusOn(heading);
  };
  const renderDetail = (box: HTMLElement, d: ResidentDetails) => {
    const msg = msgBox();
    const facts: Array<[string, string]> = [
      [tr('staff.res.name'), `${d.fullName}（${d.displayName}）`],
      [tr('signin.login'), `${d.login}${d.hasPassword ? '' : ` · ${tr('staff.res.noPassword')}`}`],
      [tr('staff.res.phone'), d.phone ?? '—'],
      [
        tr('staff.res.home'),
        d.household
          ? `${d.household.compound} ${d.household.building} ${d.household.unit} ${d.household.door}`
          : '—',
      ],
      [tr('staff.res.balance'), tr('pts.n', { n: fmtNum(d.balance) })],
      ...lifeFacts(d),
      [
        tr('staff.res.card'),
        d.card
          ? `${d.card.cardNo} · ${tr('staff.res.issued', { date: fmtDate(d.card.issuedAt) })}${d.card.lockedUntil && Date.parse(d.card.lockedUntil) > Date.now() ? ` · ${tr('staff.res.locked', { until: fmtDateTime(d.card.lockedUntil) })}` : ''}`
          : tr('staff.res.noCard'),
      ],
    ];
    const print = h(
      'button',
      { type: 'button', class: 'button', 'data-print-statement': '' },
      tr('print.action'),
    );
    print.addEventListener('click', () => void openPrintStatement(d, print));
    box.append(
      h(
        'dl',
        { class: 'facts' },
        facts.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]),
      ),
      h('p', {}, print),
      msg,
    );
    const reload = (flash: string) => show(d.id, false, flash);
    if (d.movedAwayAt) {
      // Their account is closed: the record can still be corrected and the history read.
      box.append(editSection(d, reload), statementSection(d));
      return;
    }
    if (d.card) {
      box.append(
        h(
          'p',
          {},
          h(
            'a',
            {
              class: 'button',
              href: `/api/staff/residents/${d.id}/card.pdf`,
              target: '_blank',
              rel: 'noopener',
              'data-card-pdf': '',
            },
            tr('staff.res.print'),
          ),
        ),
      );
      const pin = field(
        tr('staff.res.newPin'),
        h('input', { type: 'text', inputmode: 'numeric', maxlength: 4, autocomplete: 'off' }),
        { hint: tr('staff.res.pinHint') },
      );
      const save = h(
        'button',
        { type: 'submit', class: 'button primary' },
        tr('staff.res.resetPin'),
      );
      const f = h('form', { class: 'row' }, pin.wrap, save);
      f.addEventListener('submit', (e) => {
        e.preventDefault();
        const v = (pin.input as HTMLInputElement).value.trim();
        if (!/^\d{4}$/.test(v)) return pin.setError(tr('counter.pinInvalid'));
        pin.setError(null);
        void busy(save, async () => {
          const res = await request(
            linli.staff.residents[':id'].pin.$post({
              param: { id: String(d.id) },
              json: { pin: v },
            }),
          );
          if (!res.ok) return say(msg, 'error', errorText(res));
          (pin.input as HTMLInputElement).value = '';
          say(msg, 'ok', tr('staff.res.pinDone', { card: d.card!.cardNo }));
        });
      });
      box.append(f);
    } else {
      const cardNo = field(
        tr('staff.res.card'),
        h('input', { type: 'text', autocomplete: 'off', autocapitalize: 'characters' }),
        { hint: tr('counter.cardHint') },
      );
      const pin = field(
        tr('counter.pin'),
        h('input', { type: 'text', inputmode: 'numeric', maxlength: 4, autocomplete: 'off' }),
      );
      const save = h('button', { type: 'submit', class: 'button primary' }, tr('staff.res.issue'));
      const f = h('form', { class: 'row' }, cardNo.wrap, pin.wrap, save);
      f.addEventListener('submit', (e) => {
        e.preventDefault();
        const c = (cardNo.input as HTMLInputElement).value.trim().toUpperCase();
        const p = (pin.input as HTMLInputElement).value.trim();
        cardNo.setError(/^C\d{4,8}$/.test(c) ? null : tr('counter.cardInvalid'));
        pin.setError(/^\d{4}$/.test(p) ? null : tr('counter.pinInvalid'));
        if (!/^C\d{4,8}$/.test(c) || !/^\d{4}$/.test(p)) return;
        void busy(save, async () => {
          const res = await request(
            linli.staff.residents[':id'].card.$post({
              param: { id: String(d.id) },
              json: { cardNo: c, pin: p },
            }),
          );
          if (!res.ok) return say(msg, 'error', errorText(res));
          await show(d.id, false);
        });
      });
      box.append(f);
    }
    box.append(
      awardForm(d),
      editSection(d, reload),
      passwordSection(d),
      moveAwaySection(d, reload),
      statementSection(d),
      behalfSection(d, reload),
    );
  };

  /** A manual award (one line of an award batch: above the thresholds it waits for a second staff member). */
  const awardForm = (d: ResidentDetails) => {
    const msg = msgBox();
    const pts = field(
      tr('staff.award.points'),
      h('input', { type: 'number', min: 1, max: 1000, step: 1, inputmode: 'numeric' }),
    );
    const reason = field(
      tr('staff.award.reason'),
      h('input', { type: 'text', maxlength: 200, value: remember.get('award-reason') ?? '' }),
    );
    const chain = chainPicker(true);
    const go = h('button', { type: 'submit', class: 'button primary' }, tr('staff.award.go'));
    const f = h(
      'form',
      { class: 'stack' },
      h('h4', {}, tr('staff.award.title')),
      pts.wrap,
      reason.wrap,
      chain.wraps,
      go,
      msg,
    );
    let key = newKey();
    f.addEventListener('input', () => (key = newKey()));
    f.addEventListener('submit', (e) => {
      e.preventDefault();
      const n = Number((pts.input as HTMLInputElement).value);
      const r = (reason.input as HTMLInputElement).value.trim();
      pts.setError(
        Number.isInteger(n) && n >= 1 && n <= 1000 ? null : tr('staff.award.pointsInvalid'),
      );
      reason.setError(r ? null : tr('common.required'));
      if (!(Number.isInteger(n) && n >= 1 && n <= 1000) || !r) return;
      remember.set('award-reason', r);
      void busy(go, async () => {
        const res = await sendIdempotent((o) =>
          linli.staff['award-batches'].$post(
            {
              json: { reason: r, ...chain.read(), lines: [{ residentId: d.id, points: n }] },
              header: { 'idempotency-key': key },
            },
            o,
          ),
        );
        if (!res.ok) return say(msg, 'error', errorText(res));
        key = newKey();
        say(
          msg,
          'ok',
          res.status === 202
            ? tr('staff.award.pending')
            : tr('staff.award.done', { n: fmtNum(n), name: d.displayName }),
        );
        (pts.input as HTMLInputElement).value = '';
      });
    });
    return f;
  };

  // ---- Register ----
  const regMsg = msgBox();
  const mk = (label: string, props: Record<string, string | number> = {}, hint?: string) =>
    field(label, h('input', { type: 'text', autocomplete: 'off', ...props }), { hint });
  const fullName = mk(tr('staff.reg.fullName'), { maxlength: 64 });
  const displayName = mk(
    tr('staff.reg.displayName'),
    { maxlength: 32 },
    tr('staff.reg.displayHint'),
  );
  const phone = mk(
    tr('staff.res.phone'),
    { inputmode: 'tel', autocomplete: 'off' },
    tr('common.optional'),
  );
  const compound = mk(tr('staff.reg.compound'), { value: remember.get('compound') ?? '' });
  const building = mk(tr('staff.reg.building'), { value: remember.get('building') ?? '' });
  const unit = mk(tr('staff.reg.unit'));
  const door = mk(tr('staff.reg.door'));
  const login = mk(tr('signin.login'), { autocapitalize: 'none' }, tr('staff.reg.loginHint'));
  const password = mk(
    tr('signin.password'),
    { type: 'password', autocomplete: 'new-password' },
    tr('staff.reg.passwordHint'),
  );
  const cardNo = mk(
    tr('staff.res.card'),
    { autocapitalize: 'characters' },
    tr('staff.reg.cardHint'),
  );
  const pin = mk(tr('counter.pin'), { inputmode: 'numeric', maxlength: 4 });
  const regGo = h(
    'button',
    { type: 'submit', class: 'button primary wide' },
    tr('staff.reg.submit'),
  );
  const regForm = h(
    'form',
    { class: 'stack', novalidate: true, 'data-register': '' },
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
    h(
      'fieldset',
      { class: 'stack' },
      h('legend', {}, tr('staff.reg.access')),
      login.wrap,
      password.wrap,
      cardNo.wrap,
      pin.wrap,
    ),
    regGo,
    regMsg,
  );
  reg.append(regForm);
  const val = (f: { input: HTMLElement }) => (f.input as HTMLInputElement).value.trim();
  regForm.addEventListener('submit', (e) => {
    e.preventDefault();
    const required = [fullName, compound, building, unit, door];
    let bad: HTMLElement | null = null;
    for (const f of required) {
      f.setError(val(f) ? null : tr('common.required'));
      if (!val(f) && !bad) bad = f.input;
    }
    const card = val(cardNo).toUpperCase();
    cardNo.setError(card && !/^C\d{4,8}$/.test(card) ? tr('counter.cardInvalid') : null);
    pin.setError(card && !/^\d{4}$/.test(val(pin)) ? tr('counter.pinInvalid') : null);
    if (bad) return bad.focus();
    if (card && (!/^C\d{4,8}$/.test(card) || !/^\d{4}$/.test(val(pin)))) return;
    const body: InferRequestType<typeof linli.staff.residents.$post>['json'] = {
      fullName: val(fullName),
      household: {
        compound: val(compound),
        building: val(building),
        unit: val(unit),
        door: val(door),
      },
    };
    if (val(displayName)) body.displayName = val(displayName);
    if (val(phone)) body.phone = val(phone);
    if (val(login)) body.login = val(login);
    if (val(password)) body.password = (password.input as HTMLInputElement).value;
    if (card) body.card = { cardNo: card, pin: val(pin) };
    remember.set('compound', val(compound));
    remember.set('building', val(building));
    void busy(regGo, async () => {
      const res = await request(linli.staff.residents.$post({ json: body }));
      if (!res.ok) return say(regMsg, 'error', errorText(res));
      say(regMsg, 'ok', tr('staff.reg.done', { name: res.data.fullName, login: res.data.login }));
      for (const f of [fullName, displayName, phone, unit, door, login, password, cardNo, pin])
        (f.input as HTMLInputElement).value = '';
      await show(res.data.id, false);
      fullName.input.focus();
    });
  });

  // ---- CSV import ----
  const file = h('input', { type: 'file', accept: '.csv,text/csv' });
  const ff = field(tr('staff.imp.file'), file, { hint: tr('staff.imp.hint') });
  const check = h('button', { type: 'button', class: 'button' }, tr('staff.imp.check'));
  const doImport = h(
    'button',
    { type: 'button', class: 'button primary', disabled: true },
    tr('staff.imp.go'),
  );
  const report = h('div', { class: 'report', 'aria-live': 'polite' });
  imp.append(
    h('div', { class: 'stack' }, ff.wrap, h('div', { class: 'row' }, check, doImport)),
    report,
  );
  // The file's bytes go to the server as they are: it reads GBK (Excel, WPS) exactly as the CLI does.
  let csv: File | null = null;
  file.addEventListener('change', () => {
    csv = file.files?.[0] ?? null;
    doImport.disabled = true;
    report.replaceChildren();
  });
  check.addEventListener('click', () =>
    busy(check, async () => {
      if (!csv) return ff.setError(tr('staff.imp.noFile'));
      ff.setError(null);
      const res = await request((o) => linli.staff.residents.import.check.$post(csvFile, o), {
        raw: csvUpload(csv),
      });
      if (!res.ok)
        return replace(report, h('p', { class: 'msg msg-error', role: 'alert' }, errorText(res)));
      const { ok, rows, issues } = res.data;
      doImport.disabled = !ok;
      replace(
        report,
        h(
          'p',
          { class: `msg ${ok ? 'msg-ok' : 'msg-error'}`, role: ok ? 'status' : 'alert' },
          ok ? tr('staff.imp.ok', { n: rows }) : tr('staff.imp.bad', { n: issues.length, rows }),
        ),
        issues.length
          ? table(
              [tr('staff.imp.line'), tr('staff.imp.problem')],
              issues.map((i) =>
                h(
                  'tr',
                  {},
                  h('td', { class: 'num' }, i.line),
                  h('td', {}, document.documentElement.lang === 'en' ? i.en : i.message),
                ),
              ),
              tr('staff.imp.report'),
            )
          : null,
      );
    }),
  );
  doImport.addEventListener('click', () =>
    busy(doImport, async () => {
      if (!csv) return ff.setError(tr('staff.imp.noFile'));
      const res = await request((o) => linli.staff.residents.import.$post(csvFile, o), {
        raw: csvUpload(csv),
      });
      if (!res.ok)
        return replace(report, h('p', { class: 'msg msg-error', role: 'alert' }, errorText(res)));
      doImport.disabled = true;
      replace(
        report,
        h(
          'p',
          { class: 'msg msg-ok', role: 'status' },
          tr('staff.imp.done', {
            n: res.data.imported,
            h: res.data.households,
            r: res.data.reusedHouseholds,
            c: res.data.cards,
          }),
        ),
      );
      void run(true);
    }),
  );
  void $;
}
