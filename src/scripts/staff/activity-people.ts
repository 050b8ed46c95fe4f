import type { Activity, Participant } from '../../../functions/domain/activities/catalog';
import { linli, request } from '../api';
import { h, replace } from '../dom';
import { errorText, fmtDateTime, today, tr } from '../i18n';
import { say } from '../ui';

export type ActivityDetail = Activity & { participants: Participant[] };

/** Who signed up and who came: a tick checks one in (or out) while the activity is open and under way. */
export const renderPeople = (
  box: HTMLElement,
  a: ActivityDetail,
  msg: HTMLElement,
  changed: () => Promise<void>,
) => {
  if (a.participants.length === 0)
    return replace(box, h('p', { class: 'meta' }, tr('staff.act.nobody')));
  const editable = a.status !== 'closed' && a.date <= today();
  replace(
    box,
    h(
      'ul',
      { class: 'check-list' },
      a.participants.map((p) => {
        const id = `ci-${a.id}-${p.residentId}`;
        const cb = h('input', {
          type: 'checkbox',
          id,
          checked: !!p.checkedInAt,
          disabled: !editable,
          'data-checkin': p.login,
        });
        cb.addEventListener('change', async () => {
          cb.disabled = true;
          const res = cb.checked
            ? await request(
                linli.staff.activities[':id']['check-ins'].$post({
                  param: { id: String(a.id) },
                  json: { residentId: p.residentId },
                }),
              )
            : await request(
                linli.staff.activities[':id']['check-ins'][':residentId'].$delete({
                  param: { id: String(a.id), residentId: String(p.residentId) },
                }),
              );
          cb.disabled = false;
          if (!res.ok) {
            cb.checked = !cb.checked;
            return say(msg, 'error', `${p.name}：${errorText(res)}`);
          }
          say(
            msg,
            'ok',
            cb.checked
              ? tr('staff.act.checkedIn', { name: p.name })
              : tr('staff.act.unchecked', { name: p.name }),
          );
          await changed();
        });
        const state = p.awardEntryId
          ? tr('staff.act.awardedEntry', { id: p.awardEntryId })
          : p.checkedInAt
            ? tr('staff.act.arrived', { time: fmtDateTime(p.checkedInAt) })
            : p.signedUpAt
              ? tr('act.status.signed_up')
              : '';
        return h(
          'li',
          {},
          h(
            'div',
            { class: 'choice' },
            cb,
            h(
              'label',
              { for: id },
              `${p.name}（${p.login}）`,
              h('span', { class: 'meta' }, ` ${state}`),
            ),
          ),
        );
      }),
    ),
  );
};
