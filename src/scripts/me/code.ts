import { api } from '../api';
import { countdown } from '../countdown';
import { focusOn, h, replace } from '../dom';
import { errorText, fmtNum, tr } from '../i18n';
import { busy, msgBox, say } from '../ui';
import type { RedeemCodeJson as Code } from '../../../functions/routes/me';
import type { Me } from './app';

/**
 * 到店兑换: a one-time code as a QR and 6 large digits, with a visible countdown to its expiry and
 * a new code on tap. While it is shown the balance is checked every few seconds, so the phone says
 * "redeemed" as soon as the merchant has scanned it.
 */
export function mountCode(root: HTMLElement, deps: { balance(): number; poll(): Promise<Me | null> }): { stop(): void } {
  const button = h('button', { type: 'button', class: 'button primary huge', 'data-new-code': '' }, tr('code.show'));
  const card = h('div', { class: 'code-card', hidden: true });
  const msg = msgBox();
  replace(root, h('p', { class: 'hint' }, tr('code.intro')), button, msg, card);
  let stopCountdown = () => {};
  let pollTimer = 0;
  let before = 0;

  const stopPolling = () => window.clearInterval(pollTimer);
  const poll = () => {
    stopPolling();
    pollTimer = window.setInterval(async () => {
      if (document.hidden) return;
      const me = await deps.poll();
      if (me && me.balance < before) {
        const spent = before - me.balance;
        stopPolling();
        stopCountdown();
        card.hidden = true;
        button.textContent = tr('code.show');
        say(msg, 'ok', tr('code.redeemed', { n: fmtNum(spent), balance: fmtNum(me.balance) }));
        focusOn(msg);
      } else if (me) before = me.balance;
    }, 4000);
  };

  const show = (c: Code) => {
    stopCountdown();
    const digits = `${c.code.slice(0, 3)} ${c.code.slice(3)}`;
    const shown = h('p', { class: 'countdown', 'aria-hidden': 'true' });
    const spoken = h('p', { class: 'sr-only', 'aria-live': 'polite' });
    const bar = h('progress', { class: 'code-bar', 'aria-hidden': 'true' });
    const img = h('img', { class: 'qr', src: c.qr, alt: tr('code.qrAlt', { code: c.code.split('').join(' ') }), width: 240, height: 240 });
    const heading = h('h3', { tabindex: '-1' }, tr('code.heading'));
    replace(
      card,
      heading,
      img,
      h('p', { class: 'code-digits', 'data-code-digits': c.code, 'aria-label': tr('code.digitsLabel', { code: c.code.split('').join(' ') }) }, digits),
      shown,
      bar,
      spoken,
      h('p', { class: 'hint' }, tr('code.howto')),
    );
    card.hidden = false;
    card.classList.remove('expired');
    button.textContent = tr('code.again');
    stopCountdown = countdown(shown, spoken, c.expiresAt, {
      bar,
      onEnd: () => {
        card.classList.add('expired');
        img.hidden = true;
        stopPolling();
        say(msg, 'warn', tr('code.expiredHint'));
      },
    });
    focusOn(heading);
  };

  button.addEventListener('click', () =>
    busy(button, async () => {
      say(msg, 'info', null);
      const res = await api<Code>('/me/redeem-codes', { method: 'POST' });
      if (!res.ok) {
        say(msg, 'error', `${tr('code.failed')} ${errorText(res)}`, h('button', { type: 'button', class: 'button', onclick: () => button.click() }, tr('common.retry')));
        return;
      }
      before = deps.balance();
      show(res.data);
      poll();
    }),
  );

  return {
    stop() {
      stopCountdown();
      stopPolling();
    },
  };
}
