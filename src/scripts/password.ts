import { linli, request } from './api';
import { errorText, tr } from './i18n';
import { busy, say } from './ui';

const MIN = 8;

/**
 * The change-password forms of a signed-in page (components/app/PasswordForm.astro): the one a
 * temporary password forces before anything else (`data-password="forced"`), and the one behind
 * the session bar's "修改密码" (`data-password="own"`). The server checks everything again; these
 * checks only save a round trip and say what is wrong beside the field.
 */
export function wirePasswordForms(onForcedDone: () => void): void {
  for (const form of document.querySelectorAll<HTMLFormElement>('form[data-password]')) {
    const msg = form.querySelector<HTMLElement>('[data-password-msg]')!;
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value;
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const current = value('currentPassword');
      const next = value('newPassword');
      const problem =
        !current || !next
          ? 'password.missing'
          : next.length < MIN
            ? 'password.short'
            : next !== value('repeat')
              ? 'password.mismatch'
              : next === current
                ? 'password.same'
                : null;
      if (problem) return say(msg, 'error', tr(problem, { n: MIN }));
      void busy(form.querySelector<HTMLButtonElement>('button[type=submit]'), async () => {
        const res = await request(
          linli.auth.password.$post({ json: { currentPassword: current, newPassword: next } }),
        );
        if (!res.ok)
          return say(
            msg,
            'error',
            res.code === 'invalid_credentials' ? tr('password.wrongCurrent') : errorText(res),
          );
        form.reset();
        if (form.dataset.password === 'forced') {
          say(msg, 'ok', null);
          onForcedDone();
          return;
        }
        say(msg, 'ok', tr('password.done'));
      });
    });
  }
}
