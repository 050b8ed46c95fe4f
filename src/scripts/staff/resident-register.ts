import type { InferRequestType } from 'hono/client';
import { linli, request } from '../api';
import { field, h } from '../dom';
import { errorText, tr } from '../i18n';
import { busy, msgBox, remember, say } from '../ui';

/** Registering one resident: name, home (compound and building remembered), optional login, password and card. */
export function registerForm(reg: HTMLElement, registered: (id: number) => Promise<void>): void {
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
      await registered(res.data.id);
      fullName.input.focus();
    });
  });
}
