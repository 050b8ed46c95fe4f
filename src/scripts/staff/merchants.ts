import type { MerchantJson } from '../../../functions/routes/staff/merchants';
import { linli, request } from '../api';
import { field, focusOn, h, replace } from '../dom';
import { errorText, fmtDate, tr } from '../i18n';
import { shopEditForm } from '../shop-fields';
import { busy, loadInto, msgBox, say } from '../ui';
import { table } from './common';

/**
 * The partner merchants (一刻钟合伙人), for staff: each shop's public profile and whether it may
 * redeem; edit a profile, pause a shop's redemptions with a reason (asked for in the page), resume
 * them. New merchant accounts are an admin's (the accounts panel).
 */
export function mount(root: HTMLElement): void {
  const listBox = h('div', { 'aria-live': 'polite' });
  const action = h('div', { class: 'stack', 'aria-live': 'polite' });
  replace(root, h('section', {}, h('h3', {}, tr('mer.list')), listBox, action));

  const load = () =>
    loadInto(
      listBox,
      () => request(linli.staff.merchants.$get()),
      (d) => {
        listBox.append(
          d.merchants.length
            ? table(
                [
                  tr('mer.shopName'),
                  tr('mer.category'),
                  tr('mer.address'),
                  tr('mer.hours'),
                  tr('mer.status'),
                  tr('acc.actions'),
                ],
                d.merchants.map(row),
                tr('mer.list'),
              )
            : h('p', { class: 'meta' }, tr('mer.none')),
        );
      },
    );

  const row = (m: MerchantJson) => {
    const status = [
      m.suspendedAt ? tr('mer.suspended', { reason: m.suspendedReason ?? '' }) : tr('mer.active'),
      m.disabled ? tr('mer.accountDisabled') : null,
    ]
      .filter(Boolean)
      .join(' · ');
    return h(
      'tr',
      { 'data-merchant': m.id },
      h(
        'td',
        {},
        m.shopName,
        h('br'),
        h('span', { class: 'meta' }, `${m.login} · ${fmtDate(m.joinedAt)}`),
      ),
      h('td', {}, m.category),
      h('td', {}, m.address),
      h('td', {}, m.openingHours || '—'),
      h('td', {}, status),
      h(
        'td',
        { class: 'actions' },
        h(
          'button',
          {
            type: 'button',
            class: 'button',
            'data-merchant-action': 'edit',
            onclick: () => edit(m),
          },
          tr('mer.edit'),
        ),
        m.suspendedAt
          ? h(
              'button',
              {
                type: 'button',
                class: 'button',
                'data-merchant-action': 'reinstate',
                onclick: (e: Event) =>
                  void busy(e.currentTarget as HTMLButtonElement, () => reinstate(m)),
              },
              tr('mer.reinstate'),
            )
          : h(
              'button',
              {
                type: 'button',
                class: 'button danger',
                'data-merchant-action': 'suspend',
                onclick: () => suspend(m),
              },
              tr('mer.suspend'),
            ),
      ),
    );
  };

  const act = (m: MerchantJson, ...children: Node[]) => {
    const heading = h('h4', { tabindex: '-1' }, m.shopName);
    replace(action, heading, ...children);
    focusOn(heading);
  };
  const done = async (text: string) => {
    const msg = msgBox();
    replace(action, msg);
    say(msg, 'ok', text);
    await load();
    focusOn(msg);
  };

  const edit = (m: MerchantJson) =>
    act(
      m,
      shopEditForm(
        m,
        (json) =>
          request(linli.staff.merchants[':id'].$patch({ param: { id: String(m.id) }, json })),
        () => done(tr('mer.saved')),
        { 'data-merchant-edit': m.id },
      ),
    );

  const suspend = (m: MerchantJson) => {
    const reason = field(tr('mer.reason'), h('textarea', { maxlength: 200, rows: 2 }));
    const go = h('button', { type: 'submit', class: 'button danger' }, tr('mer.suspendYes'));
    const msg = msgBox();
    const f = h(
      'form',
      { class: 'stack' },
      reason.wrap,
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
      msg,
    );
    f.addEventListener('submit', (e) => {
      e.preventDefault();
      const r = reason.input.value.trim();
      reason.setError(r ? null : tr('common.required'));
      if (!r) return;
      void busy(go, async () => {
        const res = await request(
          linli.staff.merchants[':id'].suspend.$post({
            param: { id: String(m.id) },
            json: { reason: r },
          }),
        );
        if (!res.ok) return say(msg, 'error', errorText(res));
        await done(tr('mer.suspendedDone', { shop: m.shopName }));
      });
    });
    act(m, f);
  };

  const reinstate = async (m: MerchantJson) => {
    const res = await request(
      linli.staff.merchants[':id'].reinstate.$post({ param: { id: String(m.id) } }),
    );
    if (!res.ok) {
      const msg = msgBox();
      act(m, msg);
      return say(msg, 'error', errorText(res));
    }
    await done(tr('mer.reinstated', { shop: m.shopName }));
  };

  void load();
}
