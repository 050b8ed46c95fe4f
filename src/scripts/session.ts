import type { Capability } from '../../functions/domain/people/roles';
import type { WhoAmIJson as WhoAmI } from '../../functions/routes/auth/session';
import { type ApiFail, type ApiResult, abandonRequests, linli, onApiEvent, request } from './api';
import { $, $$, focusOn } from './dom';
import { errorText, tr } from './i18n';
import { wirePasswordForms } from './password';
import { failBlock, initNetBanner, say } from './ui';

export type Role = 'resident' | 'merchant' | 'staff' | 'accountant' | 'admin';
type View = 'loading' | 'signin' | 'wrongrole' | 'password' | 'app' | 'failed';

export type { Capability, WhoAmI };

/**
 * The signed-in pages' shell: find out who this device is signed in as, show the sign-in form, a
 * temporary password's change form, or the app; sign out. The session cookie lasts 90 days for
 * residents: sign in once on the phone and stay signed in.
 *
 * The session cookie is HttpOnly, invisible to scripts. Beside it this device keeps a readable hint,
 * the cookie `linli_signed_in=<role>` (no secret in it: the role only), with the session's expiry:
 * set on signing in, cleared on signing out and whenever the API says the session is gone. Without
 * the hint the page shows the sign-in form at once (AppShell decides before the first paint) and
 * asks the API nothing — a signed-out visit makes no request that fails. With it, the page asks the
 * API who is signed in (GET /api/auth/me), which stays the judge: a stale hint costs one 401 and is
 * then cleared.
 */
export interface ShellOptions<T> {
  /** What the page needs the account to be able to do (functions/domain/people/roles.ts). */
  capability: Capability;
  /** A GET the app starts from, asked once the account is known to fit (its answer is `ready`'s data). */
  load?: () => Promise<ApiResult<T>>;
  /** Starts the app; a promise settles once it has (its code loaded, mounted): signing out waits for it. */
  ready: (data: T, who: WhoAmI) => void | Promise<void>;
  signedOut?: () => void;
}

export const HINT_COOKIE = 'linli_signed_in';

/** The role this device says it is signed in as, if any (the hint, not proof: the API decides). */
export function sessionHint(): Role | null {
  const m = new RegExp(
    `(?:^|;\\s*)${HINT_COOKIE}=(resident|merchant|staff|accountant|admin)(?:;|$)`,
  ).exec(document.cookie);
  return (m?.[1] as Role | undefined) ?? null;
}

function setHint(role: Role, expiresAt: string): void {
  const secure = location.protocol === 'https:' ? '; Secure' : '';
  // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is missing from WeChat's and older phones' browsers
  document.cookie = `${HINT_COOKIE}=${role}; Path=/; Expires=${new Date(expiresAt).toUTCString()}; SameSite=Lax${secure}`;
}

function clearHint(): void {
  // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is missing from WeChat's and older phones' browsers
  document.cookie = `${HINT_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax`;
}

export function show(view: View): void {
  for (const el of $$<HTMLElement>('[data-view]')) el.hidden = el.dataset.view !== view;
}

export async function startShell<T>(opts: ShellOptions<T>): Promise<void> {
  initNetBanner();
  const form = $<HTMLFormElement>('form[data-signin]');
  const msg = $('[data-signin-msg]', form);
  let started = false;
  let starting: Promise<void> = Promise.resolve();

  const fail = (res: ApiFail): View => {
    $('[data-view="failed"] [data-failed]').replaceChildren(failBlock(res, () => void probe()));
    show('failed');
    return 'failed';
  };
  const signedOutView = (): View => {
    clearHint();
    show('signin');
    return 'signin';
  };

  const probe = async (): Promise<View> => {
    show('loading');
    const who = await request(linli.auth.me.$get());
    if (!who.ok) return who.status === 401 ? signedOutView() : fail(who);
    if (!who.data.can.includes(opts.capability)) {
      show('wrongrole');
      focusOn($('[data-view="wrongrole"] h2'));
      return 'wrongrole';
    }
    // A temporary password (set by an admin or staff): nothing else until it is changed.
    if (who.data.mustChangePassword) {
      show('password');
      focusOn($('[data-view="password"] h2'));
      return 'password';
    }
    let data = undefined as T;
    if (opts.load) {
      const res = await opts.load();
      if (!res.ok) return res.status === 401 ? signedOutView() : fail(res);
      data = res.data;
    }
    show('app');
    started = true;
    starting = Promise.resolve(opts.ready(data, who.data));
    await starting;
    return 'app';
  };

  // The forced change (a temporary password) starts the app once done; the session bar's form only says so.
  wirePasswordForms(
    () =>
      void probe().then(
        (view) =>
          view === 'app' &&
          focusOn(
            document.querySelector<HTMLElement>(
              '[data-view="app"] h2, [data-view="app"] [data-focus-first]',
            ),
          ),
      ),
  );

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
    const res = await request(linli.auth.login.$post({ json: { login, password } }));
    button.disabled = false;
    if (!res.ok) {
      say(msg, 'error', errorText(res));
      (form.elements.namedItem('password') as HTMLInputElement).select();
      return;
    }
    (form.elements.namedItem('password') as HTMLInputElement).value = '';
    setHint(res.data.role, res.data.expiresAt);
    say(msg, 'ok', null);
    if ((await probe()) === 'app')
      focusOn(
        document.querySelector<HTMLElement>(
          '[data-view="app"] h2, [data-view="app"] [data-focus-first]',
        ),
      );
  });

  for (const b of $$<HTMLButtonElement>('[data-signout]')) {
    b.addEventListener('click', async () => {
      b.disabled = true;
      // Let the app finish starting (its code may still be loading, and would then ask the API),
      // stop it (its timers) and drop what it still has in flight, then end the session: nothing
      // the signed-in page sent can come back as a 401.
      await starting.catch(() => undefined);
      opts.signedOut?.();
      abandonRequests();
      const res = await request(linli.auth.logout.$post());
      b.disabled = false;
      // (A 401: the session had ended already — signed out all the same.)
      if (!res.ok && res.status !== 401) {
        // Still signed in: bring the app back (stopped above), then say why signing out failed.
        await probe();
        const where = b.closest('[data-view]')?.querySelector<HTMLElement>('[data-signout-msg]');
        if (where) say(where, 'error', errorText(res));
        return;
      }
      clearHint();
      show('signin');
      focusOn($('[data-view="signin"] h2'));
    });
  }

  // A session that ends while the page is open (expired, signed out elsewhere): back to sign-in, saying so.
  onApiEvent((event) => {
    if (event !== 'unauthorized' || !started) return;
    clearHint();
    opts.signedOut?.();
    show('signin');
    say(msg, 'warn', tr('signin.expired'));
  });

  // A sign-in sent before this script was ready was held by AppShell's inline guard: send it now.
  form.dataset.ready = '1';
  const held = form.dataset.pending === '1';
  delete form.dataset.pending;

  if (sessionHint()) await probe();
  else show('signin');
  if (held) form.requestSubmit();
}
