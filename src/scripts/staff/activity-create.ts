import { linli, request } from '../api';
import { field, h } from '../dom';
import { errorText, fmtDate, isEn, today, tr } from '../i18n';
import { busy, loadInto, msgBox, remember, say } from '../ui';
import { select } from './common';
import { chainPicker } from './records-options';

/** The plan-an-activity form: the last-used type, team, title, place and hours are remembered for the next one. */
export function activityCreateForm(
  create: HTMLElement,
  created: (id: number) => Promise<void>,
): void {
  const msg = msgBox();
  void loadInto(
    create.appendChild(h('div')),
    () => request(linli.staff['activity-types'].$get()),
    (t) => {
      const box = create.lastElementChild as HTMLElement;
      const type = field(
        tr('staff.act.type'),
        select(
          t.types.map((x) => [
            x.code,
            `${isEn() ? x.nameEn : x.name}（${tr('staff.act.rate', { n: x.pointsPerHour, cap: x.dailyCap })}）`,
          ]),
          remember.get('act-type'),
        ),
      );
      const team = field(
        tr('staff.act.team'),
        select(
          t.teams.map((x) => [String(x.id), x.name]),
          remember.get('act-team'),
          tr('staff.act.noTeam'),
        ),
      );
      const title = field(
        tr('staff.act.title'),
        h('input', { type: 'text', maxlength: 100, value: remember.get('act-title') ?? '' }),
      );
      const date = field(tr('staff.act.date'), h('input', { type: 'date', value: today() }));
      const places = h(
        'datalist',
        { id: 'act-places' },
        (remember.get('act-places') ?? '')
          .split('\n')
          .filter(Boolean)
          .map((p) => h('option', { value: p })),
      );
      const place = field(
        tr('staff.act.place'),
        h('input', {
          type: 'text',
          maxlength: 100,
          list: 'act-places',
          value: remember.get('act-place') ?? '',
        }),
      );
      const hours = field(
        tr('staff.act.hours'),
        h('input', {
          type: 'number',
          min: 0.5,
          max: 24,
          step: 0.5,
          value: remember.get('act-hours') ?? '2',
        }),
      );
      const chain = chainPicker(true);
      const go = h(
        'button',
        { type: 'submit', class: 'button primary wide' },
        tr('staff.act.createGo'),
      );
      const form = h(
        'form',
        { class: 'stack', novalidate: true },
        type.wrap,
        team.wrap,
        title.wrap,
        h('div', { class: 'row' }, date.wrap, hours.wrap),
        place.wrap,
        places,
        chain.wraps,
        go,
        msg,
      );
      box.append(form);
      const v = (f: { input: HTMLElement }) => (f.input as HTMLInputElement).value.trim();
      form.addEventListener('submit', (e) => {
        e.preventDefault();
        title.setError(v(title) ? null : tr('common.required'));
        place.setError(v(place) ? null : tr('common.required'));
        const hrs = Number(v(hours));
        hours.setError(
          hrs >= 0.5 && hrs <= 24 && Number.isInteger(hrs * 2)
            ? null
            : tr('staff.act.hoursInvalid'),
        );
        date.setError(v(date) ? null : tr('common.required'));
        if (
          !v(title) ||
          !v(place) ||
          !v(date) ||
          !(hrs >= 0.5 && hrs <= 24 && Number.isInteger(hrs * 2))
        )
          return;
        const body = {
          type: v(type),
          teamId: v(team) ? Number(v(team)) : null,
          title: v(title),
          date: v(date),
          place: v(place),
          hours: hrs,
          ...chain.read(),
        };
        void busy(go, async () => {
          const res = await request(linli.staff.activities.$post({ json: body }));
          if (!res.ok) return say(msg, 'error', errorText(res));
          remember.set('act-type', body.type);
          remember.set('act-team', v(team));
          remember.set('act-title', body.title);
          remember.set('act-place', body.place);
          remember.set('act-hours', String(hrs));
          const known = new Set([
            body.place,
            ...(remember.get('act-places') ?? '').split('\n').filter(Boolean),
          ]);
          remember.set('act-places', [...known].slice(0, 20).join('\n'));
          say(
            msg,
            'ok',
            tr('staff.act.created', { title: res.data.title, date: fmtDate(res.data.date) }),
          );
          await created(res.data.id);
        });
      });
    },
  );
}
