import { linli, request } from '../api';
import { h } from '../dom';
import { fmtDateTime, tr } from '../i18n';
import { say } from '../ui';

/**
 * A banner at the top of the console when the public site's last build failed: what the public
 * sees meanwhile and what to do. Nothing is shown otherwise (nor if the state cannot be read:
 * the console's own panels say when the server cannot be reached).
 */
export async function showSiteBanner(): Promise<void> {
  const app = document.querySelector<HTMLElement>('[data-view="app"]');
  if (!app) return;
  let banner = app.querySelector<HTMLElement>('[data-site-banner]');
  if (!banner) {
    banner = h('div', { 'data-site-banner': '', hidden: true });
    app.querySelector('nav')?.before(banner);
  }
  const res = await request(linli.staff.site.$get());
  if (!res.ok || res.data.state !== 'failed') {
    hideSiteBanner();
    return;
  }
  const s = res.data;
  const what = s.builtAt
    ? tr('site.failed.old', { built: fmtDateTime(s.builtAt) })
    : tr('site.failed.none');
  const details = s.error
    ? h(
        'details',
        {},
        h('summary', {}, tr('site.failed.details')),
        h('pre', { class: 'site-error' }, s.error),
      )
    : null;
  say(
    banner,
    'error',
    `${tr('site.failed', { at: s.failedAt ? fmtDateTime(s.failedAt) : '' })} ${what} ${tr('site.failed.todo')}`,
    details ?? undefined,
  );
}

export function hideSiteBanner(): void {
  const banner = document.querySelector<HTMLElement>('[data-site-banner]');
  if (banner) say(banner, 'error', null);
}
