import type { UpcomingActivity } from '../../../functions/domain/activities/signups';
import type { AppKey } from '../../i18n/app';
import { linli, request } from '../api';
import { focusOn, h, replace } from '../dom';
import { errorText, fmtDate, fmtNum, tr } from '../i18n';
import { loadInto, msgBox, say } from '../ui';

/** Volunteer activities: sign up or cancel for upcoming ones (the 9th-day services marked), and my record with hours and points. */
export function mountActivities(root: HTMLElement): { stop?(): void } {
  const upcoming = h('div');
  const mine = h('div');
  const msg = msgBox();
  replace(root, msg, h('h3', {}, tr('act.upcoming')), upcoming, h('h3', {}, tr('act.mine')), mine);

  const loadUpcoming = () =>
    loadInto(
      upcoming,
      () => request(linli.me.activities.upcoming.$get({ query: { limit: '30' } })),
      ({ activities }) => {
        if (activities.length === 0)
          return upcoming.append(h('p', { class: 'meta' }, tr('act.none')));
        // Five at a time: the page stays short on a phone.
        const list = h('ul', { class: 'cards' });
        const more = h('button', { type: 'button', class: 'button wide' }, tr('act.more'));
        let shown = 0;
        const showMore = () => {
          const next = activities.slice(shown, shown + 5).map(card);
          list.append(...next);
          shown += next.length;
          more.hidden = shown >= activities.length;
          return next[0];
        };
        more.addEventListener('click', () => focusOn(showMore()?.querySelector('h4')));
        showMore();
        upcoming.append(list, more);
      },
    );
  const loadMine = () =>
    loadInto(
      mine,
      () => request(linli.me.activities.$get({ query: { limit: '20' } })),
      ({ items: activities }) => {
        if (activities.length === 0)
          return mine.append(h('p', { class: 'meta' }, tr('act.mineNone')));
        mine.append(
          h(
            'ul',
            { class: 'link-list' },
            activities.map((a) =>
              h(
                'li',
                {},
                h('strong', {}, a.title),
                h(
                  'span',
                  { class: 'meta' },
                  `${fmtDate(a.date)} · ${a.place} · `,
                  h(
                    'span',
                    { class: `status status-${a.status}` },
                    tr(`act.status.${a.status}` as AppKey),
                  ),
                ),
                a.hours !== null || a.points !== null
                  ? h(
                      'span',
                      { class: 'meta' },
                      [
                        a.hours !== null ? tr('act.hours', { n: a.hours }) : '',
                        a.points !== null ? tr('act.points', { n: fmtNum(a.points) }) : '',
                      ]
                        .filter(Boolean)
                        .join(' · '),
                    )
                  : null,
              ),
            ),
          ),
        );
      },
    );

  const card = (a: UpcomingActivity) => {
    const button = h(
      'button',
      {
        type: 'button',
        class: `button wide ${a.signedUp ? '' : 'primary'}`,
        'data-signup': a.id,
        disabled: a.checkedIn,
      },
      a.checkedIn ? tr('act.checkedIn') : a.signedUp ? tr('act.cancel') : tr('act.signup'),
    );
    const state = h('p', { class: 'meta', role: 'status' }, a.signedUp ? tr('act.youreIn') : '');
    button.addEventListener('click', async () => {
      button.disabled = true;
      const signup = linli.me.activities[':id'].signup;
      const param = { id: String(a.id) };
      const res = await (a.signedUp
        ? request(signup.$delete({ param }))
        : request(signup.$post({ param })));
      button.disabled = false;
      if (!res.ok) return say(msg, 'error', `${a.title}：${errorText(res)}`);
      a.signedUp = !a.signedUp;
      a.signups += a.signedUp ? 1 : -1;
      button.textContent = a.signedUp ? tr('act.cancel') : tr('act.signup');
      button.classList.toggle('primary', !a.signedUp);
      state.textContent = a.signedUp
        ? tr('act.signedUp', { title: a.title })
        : tr('act.cancelled', { title: a.title });
      void loadMine();
    });
    return h(
      'li',
      { class: 'card', 'data-activity': a.id },
      h('h4', {}, a.title),
      a.volunteerDay ? h('p', {}, h('span', { class: 'tag ninth' }, tr('act.ninth'))) : null,
      h('p', { class: 'act-when' }, h('strong', {}, fmtDate(a.date)), ` · ${a.place}`),
      h(
        'p',
        { class: 'meta' },
        [
          a.type.name,
          a.team,
          tr('act.hours', { n: a.hours }),
          tr('act.points', { n: fmtNum(a.points) }),
          tr('act.signupsN', { n: fmtNum(a.signups) }),
        ]
          .filter(Boolean)
          .join(' · '),
      ),
      button,
      state,
    );
  };

  void loadUpcoming();
  void loadMine();
  return {};
}
