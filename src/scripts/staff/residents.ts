import type { InferRequestType } from 'hono/client';
import type { ResidentDetails } from '../../../functions/domain/people/register';
import { linli, request } from '../api';
import { field, focusOn, h, replace } from '../dom';
import { errorText, fmtDate, fmtDateTime, fmtNum, tr } from '../i18n';
import { busy, loadInto, msgBox, say } from '../ui';
import { openPrintStatement } from './print-statement';
import { awardForm } from './resident-award';
import { behalfSection } from './resident-behalf';
import {
  editSection,
  lifeFacts,
  moveAwaySection,
  passwordSection,
  statementSection,
} from './resident-card';
import { importSection } from './resident-import';
import { registerForm } from './resident-register';

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

  registerForm(reg, (id) => show(id, false));
  importSection(imp, () => void run(true));
}
