import type { ShopProfile } from '../../functions/domain/people/accounts';
import type { AppKey } from '../i18n/app';
import type { ApiResult } from './api';
import { field, h } from './dom';
import { errorText, tr } from './i18n';
import { busy, msgBox, say } from './ui';

export type { ShopProfile };

const SPECS: Array<{
  key: keyof ShopProfile;
  label: AppKey;
  max: number;
  hint?: AppKey;
  long?: boolean;
}> = [
  { key: 'shopName', label: 'mer.shopName', max: 40 },
  { key: 'category', label: 'mer.category', max: 20 },
  { key: 'address', label: 'mer.address', max: 80 },
  { key: 'openingHours', label: 'mer.hours', max: 60, hint: 'mer.hoursHint' },
  { key: 'offer', label: 'mer.offer', max: 200, long: true },
];

/**
 * A shop's public profile as form fields (the console's new-merchant and edit forms, the counter's
 * own profile): every field required, limits as the API's. `read()` answers the values, or null
 * after marking what is missing; `changes()` only the fields that differ from those given.
 */
export function shopFields(values: Partial<ShopProfile> = {}) {
  const fields = SPECS.map((s) => {
    const input = s.long
      ? h('textarea', { maxlength: s.max, rows: 2 })
      : h('input', { type: 'text', maxlength: s.max, autocomplete: 'off' });
    input.value = values[s.key] ?? '';
    return { key: s.key, f: field(tr(s.label), input, s.hint ? { hint: tr(s.hint) } : {}) };
  });
  const read = (): ShopProfile | null => {
    const out = {} as ShopProfile;
    let ok = true;
    for (const { key, f } of fields) {
      const v = f.input.value.trim();
      f.setError(v ? null : tr('common.required'));
      ok &&= v !== '';
      out[key] = v;
    }
    return ok ? out : null;
  };
  return {
    wrap: h(
      'fieldset',
      {},
      h('legend', {}, tr('acc.shop')),
      fields.map((x) => x.f.wrap),
    ),
    read,
    changes(): Partial<ShopProfile> | null {
      const all = read();
      if (!all) return null;
      return Object.fromEntries(
        Object.entries(all).filter(([k, v]) => values[k as keyof ShopProfile] !== v),
      );
    },
  };
}

/**
 * The edit form of a shop's profile: sends only what changed (`send`, the route's PATCH); nothing
 * changed is said at once without a request. `saved` gets the answer and the form's message line.
 */
export function shopEditForm<T>(
  values: Partial<ShopProfile>,
  send: (changes: Partial<ShopProfile>) => Promise<ApiResult<T>>,
  saved: (data: T, msg: HTMLElement) => void | Promise<void>,
  attrs: Record<string, string | number> = {},
): HTMLFormElement {
  const shop = shopFields(values);
  const save = h('button', { type: 'submit', class: 'button primary' }, tr('common.save'));
  const msg = msgBox();
  const form = h('form', { class: 'stack', ...attrs }, shop.wrap, save, msg);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const changes = shop.changes();
    if (!changes) return;
    if (Object.keys(changes).length === 0) return say(msg, 'ok', tr('common.saved'));
    void busy(save, async () => {
      const res = await send(changes);
      if (!res.ok) return say(msg, 'error', errorText(res));
      await saved(res.data, msg);
    });
  });
  return form;
}
