import type { InferRequestType } from 'hono/client';
import type { AccountJson } from '../../../functions/routes/admin/accounts';
import type { AppKey } from '../../i18n/app';
import { linli, request } from '../api';
import { field, focusOn, h, replace } from '../dom';
import { errorText, fmtDateTime, tr } from '../i18n';
import { shopFields } from '../shop-fields';
import { busy, loadInto, msgBox, say } from '../ui';
import { select, table } from './common';

type NewAccount = InferRequestType<typeof linli.admin.accounts.$post>['json'];

const ROLES = ['staff', 'accountant', 'admin', 'merchant'] as const;
const roleWord = (role: string) => tr(`role.${role}` as AppKey);

/**
 * Accounts, for admins: the list with role and status in words, a new account (a shop's profile
 * for a merchant), and per account rename, disable / enable and a temporary password. Anything
 * that cannot be undone at once asks first, in the page (never a pop-up dialog).
 */
export function mount(root: HTMLElement): void {
  const roleFilter = field(
    tr('acc.filterRole'),
    select(
      ROLES.map((r) => [r, roleWord(r)]),
      null,
      tr('acc.allRoles'),
    ),
  );
  const search = field(tr('acc.search'), h('input', { type: 'search', autocomplete: 'off' }), {
    hint: tr('acc.searchHint'),
  });
  const listBox = h('div', { 'aria-live': 'polite' });
  const more = h('button', { type: 'button', class: 'button', hidden: true }, tr('common.more'));
  const action = h('div', { class: 'stack', 'aria-live': 'polite' });
  const create = h('section', {}, h('h3', {}, tr('acc.create')));
  replace(
    root,
    h(
      'section',
      {},
      h('h3', {}, tr('acc.list')),
      h('div', { class: 'row' }, roleFilter.wrap, search.wrap),
      listBox,
      more,
      action,
    ),
    create,
  );

  let cursor: string | null = null;
  let rows: HTMLElement[] = [];
  const load = async (reset: boolean) => {
    if (reset) {
      cursor = null;
      rows = [];
    }
    const query: InferRequestType<typeof linli.admin.accounts.$get>['query'] = { limit: '50' };
    if (roleFilter.input.value) query.role = roleFilter.input.value as typeof query.role;
    if (search.input.value.trim()) query.query = search.input.value.trim();
    if (cursor) query.cursor = cursor;
    const ok = await loadInto(
      listBox,
      () => request(linli.admin.accounts.$get({ query })),
      (d) => {
        rows.push(...d.items.map(row));
        cursor = d.nextCursor;
        listBox.append(
          rows.length
            ? table(
                [
                  tr('acc.name'),
                  tr('acc.login'),
                  tr('acc.role'),
                  tr('acc.status'),
                  tr('acc.lastSignIn'),
                  tr('acc.actions'),
                ],
                rows,
                tr('acc.list'),
              )
            : h('p', { class: 'meta' }, tr('acc.none')),
        );
      },
    );
    more.hidden = !ok || !cursor;
  };
  let timer = 0;
  roleFilter.input.addEventListener('change', () => void load(true));
  search.input.addEventListener('input', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void load(true), 250);
  });
  more.addEventListener('click', () => void load(false));

  const row = (a: AccountJson) => {
    const status = [
      tr(`status.${a.status}`),
      a.mustChangePassword ? tr('acc.mustChange') : null,
      a.shop?.suspended ? tr('mer.paused') : null,
    ]
      .filter(Boolean)
      .join(' · ');
    const button = (label: AppKey, run: () => void, cls = 'button') =>
      h(
        'button',
        { type: 'button', class: cls, 'data-account-action': label, onclick: run },
        tr(label),
      );
    return h(
      'tr',
      { 'data-account': a.login },
      h('td', {}, a.shop ? `${a.name}（${a.shop.shopName}）` : a.name),
      h('td', {}, a.login),
      h('td', {}, roleWord(a.role)),
      h('td', {}, status),
      h('td', {}, a.lastSignInAt ? fmtDateTime(a.lastSignInAt) : tr('acc.never')),
      h(
        'td',
        { class: 'actions' },
        button('acc.rename', () => rename(a)),
        a.status === 'active'
          ? button('acc.disable', () => disable(a), 'button danger')
          : button('acc.enable', () => void enable(a)),
        button('acc.reset', () => reset(a)),
      ),
    );
  };

  /** The action area below the list: a heading for the account, then a form or a confirmation. */
  const act = (a: AccountJson, ...children: Node[]) => {
    const heading = h('h4', { tabindex: '-1' }, `${a.name}（${a.login}）`);
    replace(action, heading, ...children);
    focusOn(heading);
  };
  const done = async (tone: 'ok' | 'error', text: string, extra?: Node) => {
    const msg = msgBox();
    replace(action, msg);
    say(msg, tone, text, extra);
    if (tone === 'ok') await load(true);
    focusOn(msg);
  };
  const confirmStep = (
    a: AccountJson,
    ask: string,
    yes: AppKey,
    run: (button: HTMLButtonElement) => Promise<void>,
  ) => {
    const go = h('button', { type: 'button', class: 'button danger' }, tr(yes));
    go.addEventListener('click', () => void busy(go, () => run(go)));
    act(
      a,
      h('p', { class: 'msg msg-warn', role: 'status' }, ask),
      h(
        'div',
        { class: 'row' },
        go,
        h(
          'button',
          { type: 'button', class: 'button', onclick: () => replace(action) },
          tr('common.cancel'),
        ),
      ),
    );
  };

  const rename = (a: AccountJson) => {
    const name = field(
      tr('acc.newName'),
      h('input', { type: 'text', maxlength: 32, value: a.name }),
    );
    const save = h('button', { type: 'submit', class: 'button primary' }, tr('common.save'));
    const msg = msgBox();
    const f = h('form', { class: 'row' }, name.wrap, save);
    f.addEventListener('submit', (e) => {
      e.preventDefault();
      const v = name.input.value.trim();
      name.setError(v ? null : tr('common.required'));
      if (!v) return;
      void busy(save, async () => {
        const res = await request(
          linli.admin.accounts[':id'].$patch({ param: { id: String(a.id) }, json: { name: v } }),
        );
        if (!res.ok) return say(msg, 'error', errorText(res));
        await done('ok', tr('acc.renamed', { name: res.data.name }));
      });
    });
    act(a, f, msg);
  };

  const patchDisabled = async (a: AccountJson, disabled: boolean) => {
    const res = await request(
      linli.admin.accounts[':id'].$patch({ param: { id: String(a.id) }, json: { disabled } }),
    );
    if (!res.ok) return done('error', errorText(res));
    await done('ok', tr(disabled ? 'acc.disabled' : 'acc.enabled', { name: a.name }));
  };
  const disable = (a: AccountJson) =>
    confirmStep(a, tr('acc.disableAsk', { name: a.name, login: a.login }), 'acc.disableYes', () =>
      patchDisabled(a, true),
    );
  const enable = (a: AccountJson) => patchDisabled(a, false);

  const reset = (a: AccountJson) =>
    confirmStep(
      a,
      tr('acc.resetAsk', { name: a.name, login: a.login }),
      'acc.resetYes',
      async () => {
        const res = await request(
          linli.admin.accounts[':id']['password-reset'].$post({ param: { id: String(a.id) } }),
        );
        if (!res.ok) return done('error', errorText(res));
        await done(
          'ok',
          tr('acc.temporary', { name: a.name }),
          h(
            'p',
            {},
            h(
              'code',
              { class: 'temporary-password', 'data-temporary-password': '' },
              res.data.temporaryPassword,
            ),
          ),
        );
      },
    );

  mountCreate(create, () => load(true));
  void load(true);
}

/** The new-account form: role as a choice, the shop's fields only for a merchant. */
function mountCreate(box: HTMLElement, created: () => Promise<void>): void {
  const role = field(
    tr('acc.role'),
    select(
      ROLES.map((r) => [r, roleWord(r)]),
      'staff',
    ),
  );
  const login = field(
    tr('acc.login'),
    h('input', {
      type: 'text',
      autocomplete: 'off',
      autocapitalize: 'none',
      spellcheck: 'false',
      maxlength: 32,
    }),
    { hint: tr('acc.loginHint') },
  );
  const name = field(
    tr('acc.name'),
    h('input', { type: 'text', maxlength: 32, autocomplete: 'off' }),
  );
  const password = field(
    tr('acc.password'),
    h('input', { type: 'text', autocomplete: 'off', maxlength: 128 }),
    { hint: tr('acc.passwordHint') },
  );
  const mustChange = h('input', { type: 'checkbox', id: 'acc-must-change', checked: true });
  let shop = shopFields();
  const shopBox = h('div', { hidden: true }, shop.wrap);
  const go = h('button', { type: 'submit', class: 'button primary' }, tr('acc.create'));
  const msg = msgBox();
  const form = h(
    'form',
    { class: 'stack', 'data-new-account': '' },
    h('p', { class: 'hint' }, tr('acc.createHint')),
    role.wrap,
    login.wrap,
    name.wrap,
    password.wrap,
    h(
      'div',
      { class: 'choice' },
      mustChange,
      h('label', { for: 'acc-must-change' }, tr('acc.mustChangeBox')),
    ),
    shopBox,
    go,
    msg,
  );
  box.append(form);
  role.input.addEventListener('change', () => (shopBox.hidden = role.input.value !== 'merchant'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const l = login.input.value.trim();
    const n = name.input.value.trim();
    const p = password.input.value;
    login.setError(/^[a-z0-9_.-]{3,32}$/.test(l) ? null : tr('acc.loginHint'));
    name.setError(n ? null : tr('common.required'));
    password.setError(p.length >= 8 ? null : tr('password.short', { n: 8 }));
    const merchant = role.input.value === 'merchant';
    const profile = merchant ? shop.read() : undefined;
    if (!/^[a-z0-9_.-]{3,32}$/.test(l) || !n || p.length < 8 || profile === null) return;
    void busy(go, async () => {
      const res = await request(
        linli.admin.accounts.$post({
          json: {
            role: role.input.value as NewAccount['role'],
            login: l,
            name: n,
            password: p,
            mustChangePassword: mustChange.checked,
            ...(profile ? { shop: profile } : {}),
          },
        }),
      );
      if (!res.ok) {
        if (res.code === 'login_taken') login.setError(errorText(res));
        return say(msg, 'error', errorText(res));
      }
      for (const f of [login, name, password]) f.input.value = '';
      shop = shopFields();
      shopBox.replaceChildren(shop.wrap);
      say(msg, 'ok', tr('acc.created', { login: res.data.login, role: roleWord(res.data.role) }));
      await created();
    });
  });
}
