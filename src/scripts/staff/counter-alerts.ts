import { linli, request } from '../api';
import { h, replace } from '../dom';
import { fmtDateTime, tr } from '../i18n';

/**
 * A notice on the console's first screen naming the counters that were paused for too many wrong
 * codes or PINs: which shop, when, until when, and which budget. Nothing is shown when there is
 * none (nor if they cannot be read: the panels say when the server cannot be reached).
 */
export async function showCounterAlerts(): Promise<void> {
  const app = document.querySelector<HTMLElement>('[data-view="app"]');
  if (!app) return;
  let box = app.querySelector<HTMLElement>('[data-counter-alerts]');
  if (!box) {
    box = h('section', {
      'data-counter-alerts': '',
      class: 'msg msg-warn',
      'aria-labelledby': 'counter-alerts-h',
      hidden: true,
    });
    app.querySelector('nav')?.before(box);
  }
  const res = await request(linli.staff['counter-alerts'].$get());
  if (!res.ok || res.data.alerts.length === 0) return hideCounterAlerts();
  replace(
    box,
    h('h2', { id: 'counter-alerts-h' }, tr('counterAlerts.title')),
    h('p', {}, tr('counterAlerts.intro')),
    h(
      'ul',
      {},
      res.data.alerts.map((a) =>
        h(
          'li',
          { 'data-counter-alert': a.merchantId },
          h(
            'strong',
            {},
            tr('counterAlerts.line', {
              shop: a.shopName,
              at: fmtDateTime(a.at),
              until: fmtDateTime(a.until),
            }),
          ),
          ` · ${tr(a.window === 'burst' ? 'counterAlerts.burst' : 'counterAlerts.daily', { n: a.failures })}`,
        ),
      ),
    ),
  );
  box.hidden = false;
}

export function hideCounterAlerts(): void {
  const box = document.querySelector<HTMLElement>('[data-counter-alerts]');
  if (box) {
    box.hidden = true;
    box.replaceChildren();
  }
}
