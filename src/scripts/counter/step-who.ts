import { field, focusOn, h, replace } from '../dom';
import { tr } from '../i18n';
import { classify } from '../qr-scan';
import { say } from '../ui';
import type { Counter } from './context';
import { scanPanel } from './scanner';

/** Step 1: who (scan, 6 digits, or paper card + PIN). */
export function stepWho(c: Counter, prefill?: Partial<{ card: string }>, error?: string): void {
  c.scan.stop();
  const heading = h('h2', { tabindex: '-1' }, tr('counter.step1'));
  const codeIn = h('input', { type: 'text', inputmode: 'numeric', autocomplete: 'off', maxlength: 7, pattern: '\\d{3} ?\\d{3}', class: 'code-input', name: 'code', enterkeyhint: 'next' });
  const code = field(tr('counter.code'), codeIn, { hint: tr('counter.codeHint') });
  const scan = scanPanel(
    c,
    (got) => {
      if ('code' in got) return c.amount(got);
      c.who({ card: got.card });
      focusOn(c.stage.querySelector<HTMLElement>('input[name=pin]'));
    },
    () => codeIn.focus(),
  );
  const next = h('button', { type: 'submit', class: 'button primary huge' }, tr('common.next'));
  const cardToggle = h('button', { type: 'button', class: 'button wide', 'aria-expanded': 'false' }, tr('counter.useCard'));
  const cardNo = field(tr('counter.card'), h('input', { type: 'text', autocomplete: 'off', autocapitalize: 'characters', spellcheck: 'false', name: 'card' }), { hint: tr('counter.cardHint') });
  const pin = field(tr('counter.pin'), h('input', { type: 'password', inputmode: 'numeric', autocomplete: 'off', maxlength: 4, name: 'pin' }), { hint: tr('counter.pinHint') });
  const cardBox = h('div', { class: 'stack', hidden: true }, cardNo.wrap, pin.wrap);
  const form = h('form', { class: 'stack', novalidate: true }, code.wrap, h('p', { class: 'or' }, tr('counter.or')), cardToggle, cardBox, next);
  replace(c.stage, heading, scan, form);
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
  if (prefill?.card) {
    useCard(true);
    (cardNo.input as HTMLInputElement).value = prefill.card;
  }
  /** Marks the field wrong and puts the cursor in it; the step goes no further. */
  const wrong = (f: typeof code, text: string) => {
    f.setError(text);
    f.input.focus();
  };
  const submit = () => {
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
      if (!/^\d{6}$/.test(typed)) return wrong(code, tr('counter.codeInvalid'));
      c.amount({ code: typed });
    } else {
      const card = (cardNo.input as HTMLInputElement).value.trim().toUpperCase();
      const p = (pin.input as HTMLInputElement).value.trim();
      if (!/^C\d{4,8}$/.test(card)) return wrong(cardNo, tr('counter.cardInvalid'));
      if (!/^\d{4}$/.test(p)) return wrong(pin, tr('counter.pinInvalid'));
      c.amount({ card, pin: p });
    }
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    submit();
  });
  codeIn.addEventListener('input', () => {
    if (/^\d{6}$/.test(codeIn.value.replace(/\s+/g, ''))) submit();
  });
  if (error) say(c.msg, 'error', error);
  c.top();
  // With a mouse or a keyboard-style scanner (pointer: fine), the cursor waits in the code field;
  // on a touch screen the heading takes focus so no on-screen keyboard covers the scan button.
  const fine = window.matchMedia?.('(pointer: fine)').matches;
  focusOn(prefill?.card ? (pin.input as HTMLElement) : fine ? codeIn : heading);
}
