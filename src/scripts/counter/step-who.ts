import { field, focusOn, h, replace } from '../dom';
import { fmtNum, tr } from '../i18n';
import { classify } from '../qr-scan';
import { busy, say } from '../ui';
import type { Who } from './attempt';
import type { Counter, WhoStart } from './context';
import { lookUp } from './lookup';
import { CARD_ERRORS, CODE_ERRORS, counterError } from './messages';
import { scanPanel } from './scanner';

/** A typed code: the 6 digits on the phone, or the QR's 16 from a keyboard-style scanner. */
const CODE = /^(\d{6}|\d{16})$/;
/** A pause after the 6th digit before looking up, so a keyboard-style scanner can finish its 16. */
const TYPED_PAUSE_MS = 350;

/**
 * Step 1: who (scan, 6 digits, or paper card + PIN), looked up before anything else — the merchant
 * sees the masked name and the balance first. `start.keep` is the amount chosen before an error:
 * it waits for the next resident found. "只查余额" shows the look-up and redeems nothing.
 */
export function stepWho(c: Counter, start: WhoStart = {}): void {
  c.scan.stop();
  const keep = start.keep;
  const heading = h('h2', { tabindex: '-1' }, tr('counter.step1'));
  const codeIn = h('input', {
    type: 'text',
    inputmode: 'numeric',
    autocomplete: 'off',
    maxlength: 19,
    class: 'code-input',
    name: 'code',
    enterkeyhint: 'next',
  });
  const code = field(tr('counter.code'), codeIn, { hint: tr('counter.codeHint') });
  const next = h('button', { type: 'submit', class: 'button primary huge' }, tr('common.next'));
  const balanceOnly = h(
    'button',
    {
      type: 'button',
      class: 'button wide',
      'data-balance-only': '',
      'aria-describedby': 'balance-only-hint',
    },
    tr('counter.balanceOnly'),
  );
  const cardToggle = h(
    'button',
    { type: 'button', class: 'button wide', 'aria-expanded': 'false' },
    tr('counter.useCard'),
  );
  const cardNo = field(
    tr('counter.card'),
    h('input', {
      type: 'text',
      autocomplete: 'off',
      autocapitalize: 'characters',
      spellcheck: 'false',
      name: 'card',
    }),
    { hint: tr('counter.cardHint') },
  );
  const pin = field(
    tr('counter.pin'),
    h('input', {
      type: 'password',
      inputmode: 'numeric',
      autocomplete: 'off',
      maxlength: 4,
      name: 'pin',
    }),
    { hint: tr('counter.pinHint') },
  );
  const cardBox = h('div', { class: 'stack', hidden: true }, cardNo.wrap, pin.wrap);
  const kept = keep
    ? h(
        'p',
        { class: 'msg msg-info', role: 'status', 'data-kept': keep.points },
        keep.item
          ? tr('counter.keptItem', {
              item: keep.item.name,
              q: keep.item.quantity,
              n: fmtNum(keep.points),
            })
          : tr('counter.kept', { n: fmtNum(keep.points) }),
      )
    : null;
  const form = h(
    'form',
    { class: 'stack', novalidate: true },
    code.wrap,
    h('p', { class: 'or' }, tr('counter.or')),
    cardToggle,
    cardBox,
    next,
    balanceOnly,
    h('p', { class: 'hint', id: 'balance-only-hint' }, tr('counter.balanceOnlyHint')),
  );
  const scan = scanPanel(
    c,
    (got) => {
      if ('code' in got) return void find(got, 'redeem');
      useCard(true);
      (cardNo.input as HTMLInputElement).value = got.card;
      pin.input.focus();
    },
    () => codeIn.focus(),
  );
  replace(c.stage, heading, kept, scan, form);

  const useCard = (on: boolean) => {
    cardBox.hidden = !on;
    code.wrap.hidden = on;
    cardToggle.setAttribute('aria-expanded', String(on));
    cardToggle.textContent = on ? tr('counter.useCode') : tr('counter.useCard');
  };
  cardToggle.addEventListener('click', () => {
    const on = cardBox.hidden === true;
    useCard(on);
    (on ? cardNo.input : codeIn).focus();
  });
  if (start.card) {
    useCard(true);
    (cardNo.input as HTMLInputElement).value = start.card;
  }

  let looking = false;
  /** Looks the resident up; on an error says what to do and stays here, the amount still kept. */
  const find = async (who: Who, mode: 'redeem' | 'balance') => {
    if (looking) return;
    looking = true;
    say(c.msg, 'info', tr('counter.looking'));
    const res = await busy(mode === 'balance' ? balanceOnly : next, () => lookUp(who));
    looking = false;
    if (res.ok) {
      say(c.msg, 'info', null);
      return mode === 'balance' ? c.balance(who, res.data) : c.amount(who, res.data, keep);
    }
    if (res.status === 401) return say(c.msg, 'info', null);
    if (CODE_ERRORS.has(res.code)) codeIn.value = '';
    if (CARD_ERRORS.has(res.code)) (pin.input as HTMLInputElement).value = '';
    c.fail(counterError(res));
  };

  /** Marks the field wrong and puts the cursor in it; the step goes no further. */
  const wrong = (f: typeof code, text: string) => {
    f.setError(text);
    f.input.focus();
  };
  const submit = (mode: 'redeem' | 'balance') => {
    code.setError(null);
    cardNo.setError(null);
    pin.setError(null);
    if (cardBox.hidden) {
      const typed = codeIn.value.replace(/\s+/g, '');
      // A keyboard-style scanner (or a typed card number) in the code field: switch to the card.
      const got = classify(typed);
      if (got && 'card' in got) {
        useCard(true);
        (cardNo.input as HTMLInputElement).value = got.card;
        codeIn.value = '';
        pin.input.focus();
        return;
      }
      if (!CODE.test(typed)) return wrong(code, tr('counter.codeInvalid'));
      void find({ code: typed }, mode);
    } else {
      const card = (cardNo.input as HTMLInputElement).value.trim().toUpperCase();
      const p = (pin.input as HTMLInputElement).value.trim();
      if (!/^C\d{4,8}$/.test(card)) return wrong(cardNo, tr('counter.cardInvalid'));
      if (!/^\d{4}$/.test(p)) return wrong(pin, tr('counter.pinInvalid'));
      void find({ card, pin: p }, mode);
    }
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    submit('redeem');
  });
  balanceOnly.addEventListener('click', () => submit('balance'));
  let pause = 0;
  codeIn.addEventListener('input', () => {
    window.clearTimeout(pause);
    const typed = codeIn.value.replace(/\s+/g, '');
    if (typed.length === 16 && CODE.test(typed)) submit('redeem');
    else if (typed.length === 6 && CODE.test(typed))
      pause = window.setTimeout(() => submit('redeem'), TYPED_PAUSE_MS);
  });
  c.top();
  if (start.error) {
    c.fail(start.error);
    return;
  }
  // With a mouse or a keyboard-style scanner (pointer: fine), the cursor waits in the code field;
  // on a touch screen the heading takes focus so no on-screen keyboard covers the scan button.
  const fine = window.matchMedia?.('(pointer: fine)').matches;
  focusOn(start.card ? (pin.input as HTMLElement) : fine ? codeIn : heading);
}
