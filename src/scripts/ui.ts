import { type ApiFail, type ApiResult, linli, onApiEvent, request } from './api';
import { h, replace } from './dom';
import { errorText, tr } from './i18n';

/**
 * The offline banner: shown while the device is offline or the server cannot be reached, in words
 * (role="status"), with a button that retries whatever failed last.
 */
export function initNetBanner(): void {
  const banner = document.getElementById('net-banner');
  if (!banner) return;
  const text = banner.querySelector<HTMLElement>('[data-net-text]')!;
  const retry = banner.querySelector<HTMLButtonElement>('[data-net-retry]')!;
  const show = (msg: string | null) => {
    banner.hidden = !msg;
    if (msg) text.textContent = msg;
  };
  const update = (fail?: ApiFail) => {
    if (!navigator.onLine) show(tr('net.offline'));
    else if (fail) show(fail.status >= 500 ? tr('net.server') : tr('net.unreachable'));
    else show(null);
  };
  window.addEventListener('offline', () => update());
  window.addEventListener('online', () => {
    update();
    retryLast();
  });
  onApiEvent((event, detail) => {
    if (event === 'offline') update(detail);
    else if (event === 'online') update();
  });
  retry.addEventListener('click', () => {
    show(tr('net.retrying'));
    retryLast();
  });
  update();
}

let lastRetry: (() => void) | undefined;
const retryLast = () => {
  const fn = lastRetry;
  lastRetry = undefined;
  // Nothing waiting to be reloaded: just ask the server, which updates the banner either way.
  if (fn) fn();
  else void request(linli.health.$get({ query: {} }));
};

export type Tone = 'ok' | 'error' | 'info' | 'warn';
/** An inline message: role="alert" for errors (announced at once), role="status" otherwise. */
export function say(el: HTMLElement, tone: Tone, text: string | null, extra?: Node): void {
  el.hidden = !text;
  el.className = `msg msg-${tone}`;
  el.setAttribute('role', tone === 'error' ? 'alert' : 'status');
  replace(el, text ?? '', extra ?? null);
}

export const msgBox = () =>
  h('div', { class: 'msg', role: 'status', hidden: true, 'aria-live': 'polite' });

/**
 * Loads into a container: a loading line, then the rendered data, or the error in words with a
 * retry button (also reachable from the network banner). Never a blank or a silent failure.
 */
/** The latest load started into each container: an answer to an earlier one is stale. */
const latestLoad = new WeakMap<HTMLElement, number>();
let loads = 0;

export async function loadInto<T>(
  container: HTMLElement,
  load: () => Promise<ApiResult<T>>,
  render: (data: T) => void,
): Promise<boolean> {
  const mine = ++loads;
  latestLoad.set(container, mine);
  container.setAttribute('aria-busy', 'true');
  replace(container, h('p', { class: 'loading' }, tr('common.loading')));
  const res = await load();
  // A filter changed while this was on its way (another list was asked for): its answer must not
  // replace the newer list, whichever arrives last.
  if (latestLoad.get(container) !== mine) return false;
  container.removeAttribute('aria-busy');
  if (res.ok) {
    container.replaceChildren();
    render(res.data);
    return true;
  }
  const again = () => void loadInto(container, load, render);
  if (res.retryable) lastRetry = again;
  replace(container, failBlock(res, again));
  return false;
}

export function failBlock(fail: ApiFail, retry?: () => void): HTMLElement {
  return h(
    'div',
    { class: 'msg msg-error', role: 'alert' },
    h('span', {}, errorText(fail)),
    retry
      ? h('button', { type: 'button', class: 'button', onclick: retry }, tr('common.retry'))
      : null,
  );
}

/** Runs an action with its button disabled (no double submit) and marked busy. */
export async function busy<T>(
  button: HTMLButtonElement | null | undefined,
  run: () => Promise<T>,
): Promise<T> {
  if (button) {
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
  }
  try {
    return await run();
  } finally {
    if (button) {
      button.disabled = false;
      button.removeAttribute('aria-busy');
    }
  }
}

/** Remembered last-used values (activity type, place, team…): staff never type the same thing twice. */
export const remember = {
  get(key: string): string | null {
    try {
      return localStorage.getItem(`linli-last-${key}`);
    } catch {
      return null;
    }
  },
  set(key: string, value: string): void {
    try {
      localStorage.setItem(`linli-last-${key}`, value);
    } catch {
      /* private mode: nothing remembered */
    }
  },
};
