import { sendIdempotent } from '../api';
import { focusOn, h, replace } from '../dom';
import { errorText, fmtNum, tr } from '../i18n';
import { say } from '../ui';
import { attemptStore, cardKept, splitBody, type Attempt } from './attempt';
import type { Counter, Receipt } from './context';

/** Answers that send the merchant back to the points (the amount is what is wrong). */
const AMOUNT_ERRORS = new Set(['insufficient_points', 'idempotency_mismatch']);
/** Answers about the paper card: back to step 1 with the card number kept, for the PIN again. */
const CARD_ERRORS = new Set(['pin_invalid', 'card_locked', 'card_invalid']);

/**
 * Step 3: confirm, then send, retrying with the same key until a definite answer. `resumed`: the
 * attempt came back from sessionStorage (a reload or a new sign-in), so say so.
 */
export function stepConfirm(c: Counter, attempt: Attempt, resumed = false): void {
  const heading = h('h2', { tabindex: '-1' }, tr('counter.step3'));
  const confirm = h('button', { type: 'button', class: 'button primary huge', 'data-confirm': '' }, tr('counter.confirm', { n: fmtNum(attempt.body.points) }));
  const back = h('button', { type: 'button', class: 'button wide' }, tr('counter.edit'));
  const retryNow = h('button', { type: 'button', class: 'button wide', hidden: true }, tr('common.retryNow'));
  const state = h('p', { class: 'send-state', role: 'status', 'aria-live': 'polite' });
  const wake = new EventTarget();
  replace(
    c.stage,
    heading,
    resumed ? h('p', { class: 'msg msg-warn', role: 'status' }, tr('counter.resumed')) : null,
    h('p', { class: 'confirm-big' }, tr('counter.redeemN', { n: fmtNum(attempt.body.points) })),
    h('p', { class: 'who' }, attempt.label, attempt.body.note ? ` · ${attempt.body.note}` : ''),
    confirm,
    state,
    retryNow,
    back,
  );
  back.addEventListener('click', () => {
    attemptStore.clear();
    const { who, keep } = splitBody(attempt.body);
    c.amount(who, keep);
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
    const res = await sendIdempotent<Receipt>('/counter/redemptions', attempt.body, attempt.key, {
      wake,
      onRetry: (p) => {
        retryNow.hidden = false;
        state.textContent = tr('counter.retrying', { n: p.attempt, s: Math.ceil(p.waitMs / 1000), why: errorText(p.last) });
      },
    });
    // Signed out meanwhile: not an answer about the points. Keep the attempt; it resumes after sign-in.
    if (!res.ok && res.status === 401) return;
    // A definite answer (2xx or 4xx): the attempt is over either way.
    attemptStore.clear();
    if (res.ok) return c.receipt(res.data, attempt);
    const { who, keep } = splitBody(attempt.body);
    const text = errorText(res);
    if (AMOUNT_ERRORS.has(res.code)) c.amount(who, keep);
    else if (CARD_ERRORS.has(res.code)) c.who(cardKept(who));
    else c.who();
    say(c.msg, 'error', text);
    focusOn(c.msg);
  };
  confirm.addEventListener('click', () => void send());
  c.top();
  if (attempt.stage === 'sending') void send();
  else focusOn(heading);
}
