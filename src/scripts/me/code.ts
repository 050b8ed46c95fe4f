import { linli, type OkOf, request } from '../api';
import { countdown } from '../countdown';
import { focusOn, h, replace } from '../dom';
import { errorText, fmtNum, tr } from '../i18n';
import { itemText } from '../statement';
import { busy, msgBox, say } from '../ui';
import type { Me } from './app';

/** The code as the phone got it; `id` is what it asks GET /api/me/redeem-codes/{id} about. */
type Issued = OkOf<(typeof linli.me)['redeem-codes']['$post']>;
type CodeState = OkOf<(typeof linli.me)['redeem-codes'][':id']['$get']>;

const POLL_MS = 2000;

/**
 * 到店兑换: a one-time code as a QR and 6 large digits, with a visible countdown to its expiry and
 * a new code on tap. While it is shown (and the page is visible) the phone asks the code itself
 * every two seconds what became of it, so it says "redeemed" — at which shop, for what, the new
 * balance — as soon as the merchant has used it, and stops asking once it is used or expired.
 */
export function mountCode(
  root: HTMLElement,
  deps: { changed(): Promise<Me | null> },
): { stop(): void } {
  const button = h(
    'button',
    { type: 'button', class: 'button primary huge', 'data-new-code': '' },
    tr('code.show'),
  );
  const card = h('div', { class: 'code-card', hidden: true });
  const msg = msgBox();
  replace(root, h('p', { class: 'hint' }, tr('code.intro')), button, msg, card);
  let stopCountdown = () => {};
  let pollTimer = 0;
  /** Which code the answers are for: a newer code (or stop) makes an older answer moot. */
  let watching = 0;

  const stopPolling = () => {
    window.clearTimeout(pollTimer);
    watching = 0;
  };
  const used = async (entry: NonNullable<CodeState['entry']>) => {
    stopPolling();
    stopCountdown();
    card.hidden = true;
    button.textContent = tr('code.show');
    const vars = {
      n: fmtNum(-entry.points),
      shop: entry.counterparty.name,
      balance: fmtNum(entry.balanceAfter),
    };
    say(
      msg,
      'ok',
      entry.item
        ? tr('code.usedItem', { ...vars, item: itemText(entry.item) })
        : tr('code.used', vars),
    );
    focusOn(msg);
    await deps.changed();
  };
  const poll = (id: number) => {
    stopPolling();
    watching = id;
    const ask = async () => {
      if (watching !== id) return;
      if (!document.hidden) {
        const res = await request(
          linli.me['redeem-codes'][':id'].$get({ param: { id: String(id) } }),
        );
        if (watching !== id) return;
        if (res.ok && res.data.status === 'used' && res.data.entry)
          return void (await used(res.data.entry));
        // Expired: the countdown says so; nothing more to learn from the code.
        if (res.ok && res.data.status === 'expired') return stopPolling();
      }
      pollTimer = window.setTimeout(() => void ask(), POLL_MS);
    };
    pollTimer = window.setTimeout(() => void ask(), POLL_MS);
  };

  const show = (c: Issued) => {
    stopCountdown();
    const digits = `${c.code.slice(0, 3)} ${c.code.slice(3)}`;
    const shown = h('p', { class: 'countdown', 'aria-hidden': 'true' });
    const spoken = h('p', { class: 'sr-only', 'aria-live': 'polite' });
    const bar = h('progress', { class: 'code-bar', 'aria-hidden': 'true' });
    const img = h('img', {
      class: 'qr',
      src: c.qr,
      alt: tr('code.qrAlt', { code: c.code.split('').join(' ') }),
      width: 240,
      height: 240,
    });
    const heading = h('h3', { tabindex: '-1' }, tr('code.heading'));
    replace(
      card,
      heading,
      img,
      h(
        'p',
        {
          class: 'code-digits',
          'data-code-digits': c.code,
          'aria-label': tr('code.digitsLabel', { code: c.code.split('').join(' ') }),
        },
        digits,
      ),
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
      const res = await request(linli.me['redeem-codes'].$post());
      if (!res.ok) {
        say(
          msg,
          'error',
          `${tr('code.failed')} ${errorText(res)}`,
          h(
            'button',
            { type: 'button', class: 'button', onclick: () => button.click() },
            tr('common.retry'),
          ),
        );
        return;
      }
      show(res.data);
      poll(res.data.id);
    }),
  );

  return {
    stop() {
      stopCountdown();
      stopPolling();
    },
  };
}
