import type { MeJson } from '../../../functions/routes/me/points';
import { linli, request } from '../api';
import { $, h, replace } from '../dom';
import { fmtDate, fmtNum, tr } from '../i18n';
import { statement } from '../statement';
import { mountActivities } from './activities';
import { mountAffordable } from './affordable';
import { mountCode } from './code';
import { mountGive } from './give';
import { mountRequests } from './requests';

export type Me = MeJson;
/** The signed-in /me/: balance first and large, then the code for the counter, the statement, giving, activities and requests. */
export function mount(me: Me): { stop(): void } {
  const app = $('[data-view="app"]');
  let current = me;
  const afford = mountAffordable($('[data-affordable]', app));
  const showMe = (m: Me) => {
    current = m;
    $('[data-hello]', app).textContent = tr('me.hello', { name: m.displayName });
    $('[data-balance]', app).textContent = fmtNum(m.balance);
    afford.show(m.balance);
    const exp = $('[data-expiring]', app);
    const notice = m.expiryNotice;
    replace(
      exp,
      // Said in words at the top, before the list: points about to lapse are the one thing to act on.
      notice
        ? h(
            'p',
            { class: 'msg msg-warn expiry-notice' },
            h(
              'strong',
              {},
              tr('me.expiryNotice', { n: fmtNum(notice.points), date: fmtDate(notice.on) }),
            ),
          )
        : null,
      m.expiring.length === 0
        ? h('p', { class: 'meta' }, tr('me.expiring.none'))
        : h(
            'ul',
            { class: 'expiring' },
            m.expiring.map((x) =>
              h('li', {}, tr('me.expiring.line', { n: fmtNum(x.points), date: fmtDate(x.at) })),
            ),
          ),
    );
  };
  const loadSummary = async () => {
    const res = await request(linli.me.summary.$get());
    const box = $('[data-summary]', app);
    if (!res.ok) return box.replaceChildren();
    const s = res.data;
    replace(
      box,
      h(
        'dl',
        { class: 'summary' },
        ...(
          [
            ['me.sum.earned', s.earned],
            ['me.sum.redeemed', s.redeemed],
            ['me.sum.given', s.given],
            ['me.sum.received', s.received],
            ['me.sum.hours', s.hours],
            ['me.sum.activities', s.activities],
          ] as const
        ).map(([k, v]) => h('div', {}, h('dt', {}, tr(k)), h('dd', {}, fmtNum(v)))),
      ),
    );
  };

  const stmt = statement($('[data-statement]', app));
  /** Balance, expiry, totals and the statement again: after any movement of points. */
  const refresh = async () => {
    const res = await request(linli.me.$get());
    if (res.ok) showMe(res.data);
    void loadSummary();
    void stmt.reload();
    return res.ok ? res.data : null;
  };

  showMe(me);
  void loadSummary();
  void stmt.reload();
  const code = mountCode($('[data-code]', app), { changed: refresh });
  mountGive($('[data-give]', app), { balance: () => current.balance, changed: refresh });
  const acts = mountActivities($('[data-activities]', app));
  const reqs = mountRequests($('[data-requests]', app));
  return {
    stop() {
      code.stop();
      acts.stop?.();
      reqs.stop?.();
    },
  };
}
