import { minutesSeconds } from '../lib/format';
import { serverNow } from './api';
import { tr } from './i18n';

/**
 * A visible countdown to an ISO instant ("还剩 4:32"), by the server's clock. Screen readers hear
 * it once a minute and at 30 and 10 seconds (a live region ticking every second would drown them).
 */
export function countdown(
  shown: HTMLElement,
  spoken: HTMLElement,
  until: string,
  opts: { bar?: HTMLProgressElement | null; total?: number; onEnd: () => void },
): () => void {
  const end = Date.parse(until);
  const total = opts.total ?? Math.max(1, end - serverNow());
  let lastSpoken = '';
  let timer = 0;
  const tick = () => {
    const left = Math.max(0, end - serverNow());
    const s = Math.floor(left / 1000);
    const mmss = minutesSeconds(s);
    shown.textContent = left > 0 ? tr('code.left', { time: mmss }) : tr('code.expired');
    if (opts.bar) {
      opts.bar.max = total;
      opts.bar.value = left;
    }
    const say =
      left <= 0
        ? tr('code.expired')
        : s % 60 === 0 || s === 30 || s === 10
          ? tr('code.left', { time: mmss })
          : '';
    if (say && say !== lastSpoken) {
      spoken.textContent = say;
      lastSpoken = say;
    }
    if (left <= 0) {
      stop();
      opts.onEnd();
    }
  };
  const stop = () => window.clearInterval(timer);
  timer = window.setInterval(tick, 250);
  tick();
  return stop;
}
