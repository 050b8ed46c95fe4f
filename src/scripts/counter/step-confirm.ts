import { linli, sendIdempotent } from '../api';
import { focusOn, h, replace } from '../dom';
import { errorText, fmtNum, tr } from '../i18n';
import { type Attempt, attemptStore, cardKept, splitAttempt } from './attempt';
import type { Counter } from './context';
import { AMOUNT_ERRORS, CARD_ERRORS, counterError, statedBalance } from './messages';

/**
 * Step 3: confirm, then send, retrying with the same key until a definite answer. `resumed`: the
 * attempt came back from sessionStorage (a reload or a new sign-in), so say so. A refusal goes
 * back to the step that can fix it, with the amount (and item) kept.
 */
export function stepConfirm(c: Counter, attempt: Attempt, resumed = false): void {
  const heading = h('h2', { tabindex: '-1' }, tr('counter.step3'));
  const confirm = h(
    'button',
    { type: 'button', class: 'button primary huge', 'data-confirm': '' },
    tr('counter.confirm', { n: fmtNum(attempt.body.points) }),
  );
  const back = h('button', { type: 'button', class: 'button wide' }, tr('counter.edit'));
  const retryNow = h(
    'button',
    { type: 'button', class: 'button wide', hidden: true },
    tr('common.retryNow'),
  );
  const state = h('p', { class: 'send-state', role: 'status', 'aria-live': 'polite' });
  const wake = new EventTarget();
  const item = attempt.item;
  replace(
    c.stage,
    heading,
    resumed ? h('p', { class: 'msg msg-warn', role: 'status' }, tr('counter.resumed')) : null,
    h('p', { class: 'confirm-big' }, tr('counter.redeemN', { n: fmtNum(attempt.body.points) })),
    item
      ? h(
          'p',
          { class: 'who', 'data-confirm-item': '' },
          tr('counter.itemTotal', {
            item: item.name,
            q: item.quantity,
            n: fmtNum(attempt.body.points),
          }),
        )
      : null,
    h(
      'p',
      { class: 'who' },
      attempt.found ? `${attempt.found.maskedName} · ` : '',
      attempt.label,
      attempt.body.note ? ` · ${attempt.body.note}` : '',
    ),
    confirm,
    state,
    retryNow,
    back,
  );
  const { who, keep } = splitAttempt(attempt);
  back.addEventListener('click', () => {
    attemptStore.clear();
    if (attempt.found) c.amount(who, attempt.found, keep);
    else c.who({ card: cardKept(who), keep });
  });
  retryNow.addEventListener('click', () => wake.dispatchEvent(new Event('wake')));
  let sending = false;
  const send = async () => {
    // Disabled on the first tap; a second tap (or a tap during a retry) does nothing.
    if (sending) return;
    sending = true;
    confirm.disabled = true;
    back.disabled = true;
    confirm.textContent = tr('counter.sending');
    attemptStore.save({ ...attempt, stage: 'sending' });
    state.textContent = tr('common.sending');
    const header = { 'idempotency-key': attempt.key };
    const res = await sendIdempotent(
      (o) => linli.counter.redemptions.$post({ json: attempt.body, header }, o),
      {
        wake,
        onRetry: (p) => {
          retryNow.hidden = false;
          state.textContent = tr('counter.retrying', {
            n: p.attempt,
            s: Math.ceil(p.waitMs / 1000),
            why: errorText(p.last),
          });
        },
      },
    );
    // Signed out meanwhile: not an answer about the points. Keep the attempt; it resumes after sign-in.
    if (!res.ok && res.status === 401) return;
    // A definite answer (2xx or 4xx): the attempt is over either way.
    attemptStore.clear();
    if (res.ok) return c.receipt(res.data, attempt);
    if (AMOUNT_ERRORS.has(res.code)) {
      // The balance as the refusal states it (it may have moved since step 1): step 2 checks against it.
      const balance = res.code === 'insufficient_points' ? statedBalance(res) : undefined;
      const found =
        attempt.found && balance !== undefined ? { ...attempt.found, balance } : attempt.found;
      // The shop's list changed under this attempt: offer the items as they are now.
      if (res.code.startsWith('item_')) await c.reloadItems();
      if (found) c.amount(who, found, keep);
      else c.who({ card: cardKept(who), keep });
      return c.fail(counterError(res));
    }
    c.who({
      card: CARD_ERRORS.has(res.code) ? cardKept(who) : undefined,
      keep,
      error: counterError(res),
    });
  };
  confirm.addEventListener('click', () => void send());
  c.top();
  if (attempt.stage === 'sending') void send();
  else focusOn(heading);
}
