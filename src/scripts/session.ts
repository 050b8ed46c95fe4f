import { api, onApiEvent, type ApiResult } from './api';
import { $, $$, focusOn } from './dom';
import { errorText, tr } from './i18n';
import { failBlock, initNetBanner, say } from './ui';

export type Role = 'resident' | 'merchant' | 'staff';
type View = 'loading' | 'signin' | 'wrongrole' | 'app' | 'failed';

/**
 * The signed-in pages' shell: find out whether this device is signed in (the HttpOnly cookie is
 * invisible to scripts, so ask the API), show the sign-in form or the app, sign out. The session
 * cookie lasts 90 days for residents: sign in once on the phone and stay signed in.
 */
export interface ShellOptions<T> {
  role: Role;
  /** A cheap GET that only this role may call: 200 signed in, 401 not, 403 another role. */
  probe: string;
  ready: (data: T) => void | Promise<void>;
  signedOut?: () => void;
}

export function show(view: View): void {
  for (const el of $$<HTMLElement>('[data-view]')) el.hidden = el.dataset.view !== view;
}

export async function startShell<T>(opts: ShellOptions<T>): Promise<void> {
  initNetBanner();
  const form = $<HTMLFormElement>('form[data-signin]');
  const msg = $('[data-signin-msg]', form);
  let started = false;

  const probe = async () => {
    show('loading');
    const res: ApiResult<T> = await api<T>(opts.probe);
    if (res.ok) {
      show('app');
      if (!started) {
        started = true;
      }
      await opts.ready(res.data);
      return;
    }
    if (res.status === 401) {
      show('signin');
      return;
    }
    if (res.status === 403) {
      show('wrongrole');
      focusOn($('[data-view="wrongrole"] h2'));
      return;
    }
    const box = $('[data-view="failed"] [data-failed]');
    box.replaceChildren(failBlock(res, () => void probe()));
    show('failed');
  };

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const login = (form.elements.namedItem('login') as HTMLInputElement).value.trim();
    const password = (form.elements.namedItem('password') as HTMLInputElement).value;
    if (!login || !password) {
      say(msg, 'error', tr('signin.missing'));
      return;
    }
    const button = form.querySelector<HTMLButtonElement>('button[type=submit]')!;
    button.disabled = true;
    say(msg, 'info', tr('signin.busy'));
    const res = await api<{ role: Role }>('/auth/login', { body: { login, password } });
    button.disabled = false;
    if (!res.ok) {
      say(msg, 'error', errorText(res));
      (form.elements.namedItem('password') as HTMLInputElement).select();
      return;
    }
    (form.elements.namedItem('password') as HTMLInputElement).value = '';
    say(msg, 'ok', null);
    await probe();
    if (res.data.role === opts.role) focusOn(document.querySelector<HTMLElement>('[data-view="app"] h2, [data-view="app"] [data-focus-first]'));
  });

  for (const b of $$<HTMLButtonElement>('[data-signout]')) {
    b.addEventListener('click', async () => {
      b.disabled = true;
      const res = await api('/auth/logout', { method: 'POST' });
      b.disabled = false;
      if (!res.ok) {
        const where = b.closest('[data-view]')?.querySelector<HTMLElement>('[data-signout-msg]');
        if (where) say(where, 'error', errorText(res));
        return;
      }
      opts.signedOut?.();
      show('signin');
      focusOn($('[data-view="signin"] h2'));
    });
  }

  // A session that ends while the page is open (expired, signed out elsewhere): back to sign-in, saying so.
  onApiEvent((event) => {
    if (event !== 'unauthorized' || !started) return;
    opts.signedOut?.();
    show('signin');
    say(msg, 'warn', tr('signin.expired'));
  });

  await probe();
}
