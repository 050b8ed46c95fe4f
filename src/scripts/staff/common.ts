import type { ResidentRow } from '../../../functions/domain/people/directory';
import type { AppKey } from '../../i18n/app';
import { linli, request } from '../api';
import { field, h, nextId } from '../dom';
import { fmtNum, tr } from '../i18n';

/**
 * Resident autocomplete: type a name, login, card number or building; pick from the suggestions
 * (buttons, keyboard reachable). Staff never retype a resident's details.
 */
export function residentPicker(labelText: string, onPick?: (r: ResidentRow | null) => void) {
  const input = h('input', {
    type: 'search',
    autocomplete: 'off',
    role: 'combobox',
    'aria-autocomplete': 'list',
    'aria-expanded': 'false',
  });
  const f = field(labelText, input, { hint: tr('staff.res.pickHint') });
  const listId = nextId('sugg');
  const list = h('ul', { class: 'suggest', id: listId, hidden: true });
  input.setAttribute('aria-controls', listId);
  const chosen = h('p', { class: 'found', role: 'status' });
  f.wrap.append(list, chosen);
  let picked: ResidentRow | null = null;
  let timer = 0;
  let seq = 0;
  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
  };
  input.addEventListener('input', () => {
    picked = null;
    chosen.textContent = '';
    onPick?.(null);
    window.clearTimeout(timer);
    const q = input.value.trim();
    if (q.length < 1) return close();
    timer = window.setTimeout(async () => {
      const mine = ++seq;
      const res = await request(linli.staff.residents.$get({ query: { query: q, limit: '8' } }));
      if (mine !== seq) return;
      list.replaceChildren();
      if (!res.ok) {
        list.append(h('li', { class: 'msg msg-error' }, tr('err.network')));
      } else if (res.data.items.length === 0) {
        list.append(h('li', { class: 'meta' }, tr('staff.res.noMatch')));
      } else {
        for (const r of res.data.items)
          list.append(
            h(
              'li',
              {},
              h(
                'button',
                { type: 'button', 'data-resident': r.id, onclick: () => pick(r) },
                `${r.name} · ${r.login}${r.card ? ` · ${r.card}` : ''}${r.building ? ` · ${r.building}` : ''}${r.movedAwayAt ? ` · ${tr('life.movedBadge')}` : ''}`,
              ),
            ),
          );
      }
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
    }, 200);
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown') {
      list.querySelector<HTMLButtonElement>('button')?.focus();
      e.preventDefault();
    } else if (e.key === 'Escape') close();
  });
  list.addEventListener('keydown', (e) => {
    const buttons = [...list.querySelectorAll<HTMLButtonElement>('button')];
    const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'ArrowDown') buttons[Math.min(i + 1, buttons.length - 1)]?.focus();
    else if (e.key === 'ArrowUp') (i <= 0 ? input : buttons[i - 1])?.focus();
    else if (e.key === 'Escape') {
      close();
      input.focus();
    } else return;
    e.preventDefault();
  });
  const pick = (r: ResidentRow) => {
    picked = r;
    input.value = `${r.name}（${r.login}）`;
    chosen.textContent = tr('staff.res.picked', {
      name: r.name,
      login: r.login,
      balance: fmtNum(r.balance),
    });
    close();
    input.focus();
    onPick?.(r);
  };
  return {
    wrap: f.wrap,
    input,
    setError: f.setError,
    get value() {
      return picked;
    },
    clear() {
      picked = null;
      input.value = '';
      chosen.textContent = '';
    },
  };
}

/** A <select> from code/label pairs, preselecting a remembered or given value. */
export function select(
  options: Array<[string, string]>,
  value?: string | null,
  placeholder?: string,
): HTMLSelectElement {
  const s = h('select', {});
  if (placeholder !== undefined) s.append(h('option', { value: '' }, placeholder));
  for (const [v, l] of options) s.append(h('option', { value: v, selected: v === value }, l));
  return s;
}

export const table = (head: string[], rows: HTMLElement[], caption?: string) =>
  h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      {},
      caption ? h('caption', {}, caption) : null,
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          head.map((x) => h('th', { scope: 'col' }, x)),
        ),
      ),
      h('tbody', {}, rows),
    ),
  );

/**
 * A CSV file as the import routes take it: the bytes themselves (text/csv), so the server decodes
 * GBK from Excel or WPS exactly as the CLI does. Reading it here with File.text() would turn GBK
 * into replacement characters before the server could see it.
 */
export const csvUpload = (file: File): Blob => new Blob([file], { type: 'text/csv' });

/** The word for a code the API sends (lbl.<group>.<code>); a code newer than this page shows as itself. */
export const word = (group: string, code: string) => {
  const key = `lbl.${group}.${code}` as AppKey;
  const text = tr(key);
  return text === key ? code : text;
};
