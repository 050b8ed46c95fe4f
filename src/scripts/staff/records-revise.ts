import type { AppKey } from '../../i18n/app';
import { type ApiResult, request } from '../api';
import { field, h } from '../dom';
import { fmtDateTime, tr } from '../i18n';
import { busy } from '../ui';
import { requestRecord, versionedRoutesOf } from './records-routes';
import { type Rec, SPECS } from './records-specs';

/**
 * A published record is revised (the form again, plus the reason, 修订说明 — for money 更正说明)
 * or withdrawn (the reason, asked inline): each is a new version the public site shows.
 */
export const VERSIONED = new Set([
  'organizations',
  'services',
  'deliberations',
  'funds',
  'donations',
  'incomes',
  'expenses',
  'budgets',
]);
const MONEY = new Set(['donations', 'incomes', 'expenses']);

/** The reason box of a revision form: required, shown publicly. */
export function reasonField(k: string): { wrap: HTMLElement; read(): string | null } {
  const input = h('textarea', {
    rows: 2,
    maxlength: 2000,
    required: true,
    'data-reason': '',
  }) as HTMLTextAreaElement;
  const f = field(tr(MONEY.has(k) ? 'staff.rev.moneyReason' : 'staff.rev.reason'), input);
  return {
    wrap: f.wrap,
    read: () => {
      const text = input.value.trim();
      f.setError(text ? null : tr('staff.rev.reasonNeeded'));
      if (!text) input.focus();
      return text || null;
    },
  };
}

/** Under a published record: revise, withdraw (with its reason, inline), and its versions so far. */
export function revisionActions(
  k: string,
  rec: Rec,
  revise: () => void,
  settle: (res: ApiResult<Rec>, done: () => string) => void,
): HTMLElement {
  const routes = versionedRoutesOf(SPECS[k]!.path)[':id'];
  const param = { id: String(rec.id) };
  const versions = h('div', { 'aria-live': 'polite' });
  void request(routes.versions.$get({ param })).then((res) => {
    if (!res.ok || res.data.items.length === 0) return;
    versions.append(
      h('h4', {}, tr('staff.rev.history')),
      h(
        'ol',
        {},
        res.data.items.map((v) =>
          h(
            'li',
            {},
            tr('staff.rev.version', {
              n: v.version,
              kind: tr(
                `lbl.audit.action.${v.kind === 'published' ? 'publish' : v.kind === 'revised' ? 'revise' : 'withdraw'}` as AppKey,
              ),
              at: fmtDateTime(v.at),
            }),
            v.reason ? ` — ${v.reason}` : '',
            v.changed.length ? ` (${v.changed.join(', ')})` : '',
          ),
        ),
      ),
    );
  });
  if (rec.status !== 'published') return h('div', {}, versions);

  const reviseBtn = h(
    'button',
    { type: 'button', class: 'button', 'data-revise': '' },
    tr('staff.rev.revise'),
  );
  const row = h('div', { class: 'row' }, reviseBtn);
  reviseBtn.addEventListener('click', revise);
  row.append(
    withdrawButton(k, row, (reason) =>
      requestRecord(routes.withdraw.$post({ param, json: { reason } })).then((res) =>
        settle(res, () => tr('staff.rev.withdrawnNow')),
      ),
    ),
  );
  return h('div', { class: 'stack' }, row, versions);
}

/**
 * 撤回: asks for the reason inline in place of `row` (the record's action row), then `withdraw`s;
 * cancelling puts the row back.
 */
export function withdrawButton(
  k: string,
  row: HTMLElement,
  withdraw: (reason: string) => Promise<void>,
): HTMLButtonElement {
  const button = h(
    'button',
    { type: 'button', class: 'button', 'data-withdraw': '' },
    tr('staff.rev.withdraw'),
  ) as HTMLButtonElement;
  button.addEventListener('click', () => {
    const reason = reasonField(k);
    reason.wrap.querySelector('label')!.textContent = tr('staff.rev.withdrawReason');
    const yes = h(
      'button',
      { type: 'button', class: 'button primary', 'data-confirm-withdraw': '' },
      tr('staff.rev.withdrawYes'),
    );
    const no = h('button', { type: 'button', class: 'button' }, tr('common.cancel'));
    const box = h(
      'div',
      { class: 'confirm' },
      h('p', { class: 'confirm-line' }, tr('staff.rev.withdrawSure')),
      reason.wrap,
      h('div', { class: 'row' }, yes, no),
    );
    row.replaceWith(box);
    box.querySelector('textarea')!.focus();
    no.addEventListener('click', () => box.replaceWith(row));
    yes.addEventListener('click', () => {
      const text = reason.read();
      if (text) void busy(yes, () => withdraw(text));
    });
  });
  return button;
}
