import type { RecipientJson as Recipient } from '../../../functions/routes/me/account';
import { linli, newKey, request, sendIdempotent } from '../api';
import { field, focusOn, h, replace } from '../dom';
import { errorText, fmtNum, tr } from '../i18n';
import { msgBox, say } from '../ui';

/**
 * Give points to a neighbour (found by login or paper-card number, shown only as a masked name)
 * or to the community pool: fill in, confirm, done. One confirmation = one Idempotency-Key, so a
 * retried or double-tapped confirm gives once.
 */
export function mountGive(
  root: HTMLElement,
  deps: { balance(): number; changed(): Promise<unknown> },
): void {
  const form = h('form', { class: 'stack', novalidate: true });
  const toNeighbour = h('input', {
    type: 'radio',
    name: 'give-to',
    value: 'neighbour',
    id: 'give-to-n',
    checked: true,
  });
  const toPool = h('input', { type: 'radio', name: 'give-to', value: 'pool', id: 'give-to-p' });
  const who = field(
    tr('give.who'),
    h('input', {
      type: 'text',
      autocomplete: 'off',
      autocapitalize: 'none',
      spellcheck: 'false',
      name: 'who',
    }),
    { hint: tr('give.whoHint') },
  );
  const find = h('button', { type: 'button', class: 'button' }, tr('give.find'));
  const found = h('p', { class: 'found', role: 'status' });
  const neighbourBox = h('div', { class: 'stack' }, who.wrap, find, found);
  const points = field(
    tr('give.points'),
    h('input', {
      type: 'number',
      inputmode: 'numeric',
      min: 1,
      step: 1,
      name: 'points',
      class: 'num-input',
    }),
  );
  const memo = field(tr('give.memo'), h('input', { type: 'text', maxlength: 200, name: 'memo' }), {
    hint: tr('common.optional'),
  });
  const next = h('button', { type: 'submit', class: 'button primary wide' }, tr('give.next'));
  const msg = msgBox();
  form.append(
    h(
      'fieldset',
      {},
      h('legend', {}, tr('give.to')),
      h(
        'div',
        { class: 'choice' },
        toNeighbour,
        h('label', { for: 'give-to-n' }, tr('give.toNeighbour')),
      ),
      h('div', { class: 'choice' }, toPool, h('label', { for: 'give-to-p' }, tr('give.toPool'))),
    ),
    neighbourBox,
    points.wrap,
    memo.wrap,
    next,
  );
  const confirmBox = h('div', { class: 'confirm', hidden: true });
  replace(root, h('p', { class: 'hint' }, tr('give.intro')), form, confirmBox, msg);

  let recipient: Recipient | null = null;
  const syncTo = () => {
    neighbourBox.hidden = toPool.checked;
  };
  toNeighbour.addEventListener('change', syncTo);
  toPool.addEventListener('change', syncTo);
  who.input.addEventListener('input', () => {
    recipient = null;
    found.textContent = '';
  });

  const lookup = async (): Promise<boolean> => {
    const raw = who.input.value.trim();
    who.setError(null);
    if (!raw) {
      who.setError(tr('give.whoMissing'));
      who.input.focus();
      return false;
    }
    const query = /^[Cc]\d{4,8}$/.test(raw) ? { card: raw.toUpperCase() } : { login: raw };
    find.disabled = true;
    found.textContent = tr('common.loading');
    const res = await request(linli.me.recipients.$get({ query }));
    find.disabled = false;
    if (!res.ok) {
      found.textContent = '';
      who.setError(res.status === 404 ? tr('give.notFound') : errorText(res));
      who.input.focus();
      return false;
    }
    if (res.data.self) {
      found.textContent = '';
      who.setError(tr('give.self'));
      return false;
    }
    recipient = res.data;
    found.textContent = tr('give.found', { name: res.data.maskedName });
    return true;
  };
  find.addEventListener('click', () => void lookup());

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    say(msg, 'info', null);
    points.setError(null);
    const pool = toPool.checked;
    if (!pool && !recipient && !(await lookup())) return;
    const n = Number(points.input.value);
    if (!Number.isInteger(n) || n < 1) {
      points.setError(tr('give.pointsInvalid'));
      points.input.focus();
      return;
    }
    if (n > deps.balance()) {
      points.setError(tr('give.tooMany', { balance: fmtNum(deps.balance()) }));
      points.input.focus();
      return;
    }
    openConfirm(
      { to: pool ? 'pool' : recipient!.id, points: n, memo: memo.input.value.trim() || undefined },
      pool ? tr('give.poolName') : recipient!.maskedName,
    );
  });

  const openConfirm = (
    body: { to: number | 'pool'; points: number; memo?: string },
    name: string,
  ) => {
    // The key is made when the confirmation opens: every tap and retry of this confirmation reuses it.
    const key = newKey();
    form.hidden = true;
    const yes = h('button', { type: 'button', class: 'button primary wide' }, tr('give.confirm'));
    const back = h('button', { type: 'button', class: 'button wide' }, tr('common.back'));
    const heading = h('h3', { tabindex: '-1' }, tr('give.confirmTitle'));
    const state = h('p', { role: 'status' });
    replace(
      confirmBox,
      heading,
      h('p', { class: 'confirm-line' }, tr('give.confirmLine', { n: fmtNum(body.points), name })),
      h('p', { class: 'hint' }, tr('give.final')),
      yes,
      back,
      state,
    );
    confirmBox.hidden = false;
    focusOn(heading);
    back.addEventListener('click', () => {
      confirmBox.hidden = true;
      form.hidden = false;
      points.input.focus();
    });
    yes.addEventListener('click', async () => {
      if (yes.disabled) return;
      yes.disabled = true;
      back.disabled = true;
      state.textContent = tr('common.sending');
      const res = await sendIdempotent(
        (o) => linli.me.transfers.$post({ json: body, header: { 'idempotency-key': key } }, o),
        {
          onRetry: (p) =>
            (state.textContent = tr('common.retrying', {
              n: p.attempt,
              s: Math.ceil(p.waitMs / 1000),
            })),
        },
      );
      if (!res.ok) {
        yes.disabled = false;
        back.disabled = false;
        state.textContent = '';
        say(msg, 'error', errorText(res));
        return;
      }
      confirmBox.hidden = true;
      form.reset();
      recipient = null;
      found.textContent = '';
      syncTo();
      form.hidden = false;
      say(
        msg,
        'ok',
        tr('give.done', { n: fmtNum(body.points), name, balance: fmtNum(res.data.balanceAfter) }),
      );
      focusOn(msg);
      void deps.changed();
    });
  };
}
