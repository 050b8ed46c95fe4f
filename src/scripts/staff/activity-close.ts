import type { Activity } from '../../../functions/domain/activities/catalog';
import { linli, newKey, request, sendIdempotent } from '../api';
import { focusOn, h, replace } from '../dom';
import { errorText, fmtNum, tr } from '../i18n';
import { say } from '../ui';
import { table } from './common';

/** Closing an activity: the award preview (hours, points, caps, whether approval is needed), then one confirmed close. */
export const closePreview = async (
  a: Activity,
  box: HTMLElement,
  msg: HTMLElement,
  closed: (text: string) => Promise<void>,
) => {
  const res = await request(
    linli.staff.activities[':id']['close-preview'].$get({ param: { id: String(a.id) } }),
  );
  if (!res.ok) return say(msg, 'error', errorText(res));
  const p = res.data;
  // One confirmation = one key: a double click or a retry closes the activity once.
  const key = newKey();
  const confirm = h(
    'button',
    { type: 'button', class: 'button primary wide', 'data-confirm-close': '' },
    tr('staff.act.confirmClose', { n: fmtNum(p.totalPoints), people: p.lines.length }),
  );
  const cancel = h('button', { type: 'button', class: 'button wide' }, tr('common.cancel'));
  const state = h('p', { role: 'status' });
  const heading = h('h4', { tabindex: '-1' }, tr('staff.act.previewTitle'));
  replace(
    box,
    h(
      'div',
      { class: 'preview' },
      heading,
      table(
        [tr('staff.res.name'), tr('staff.act.hours'), tr('staff.act.points'), ''],
        p.lines.map((l) =>
          h(
            'tr',
            {},
            h('td', {}, `${l.name}（${l.login}）`),
            h('td', { class: 'num' }, l.hours),
            h('td', { class: 'num' }, fmtNum(l.points)),
            h('td', {}, l.capped ? tr('staff.act.capped', { cap: p.dailyCap }) : ''),
          ),
        ),
      ),
      h(
        'p',
        {},
        h(
          'strong',
          {},
          tr('staff.act.total', { n: fmtNum(p.totalPoints), people: p.lines.length }),
        ),
      ),
      p.needsApproval
        ? h(
            'p',
            { class: 'msg msg-warn', role: 'status' },
            tr('staff.act.needsApproval', {
              per: p.thresholds.perAward,
              batch: p.thresholds.perBatch,
            }),
          )
        : null,
      p.lines.length === 0
        ? h('p', { class: 'msg msg-warn' }, tr('staff.act.noneCheckedIn'))
        : null,
      confirm,
      cancel,
      state,
    ),
  );
  focusOn(heading);
  cancel.addEventListener('click', () => box.replaceChildren());
  let sent = false;
  confirm.addEventListener('click', async () => {
    if (sent) return;
    sent = true;
    confirm.disabled = true;
    cancel.disabled = true;
    state.textContent = tr('common.sending');
    const done = await sendIdempotent(
      (o) =>
        linli.staff.activities[':id'].close.$post(
          {
            param: { id: String(a.id) },
            json: { preview: p.fingerprint },
            header: { 'idempotency-key': key },
          },
          o,
        ),
      {
        onRetry: (r) =>
          (state.textContent = tr('common.retrying', {
            n: r.attempt,
            s: Math.ceil(r.waitMs / 1000),
          })),
      },
    );
    if (!done.ok) {
      sent = false;
      confirm.disabled = false;
      cancel.disabled = false;
      state.textContent = '';
      return say(msg, 'error', errorText(done));
    }
    const text =
      done.status === 202
        ? tr('staff.act.closedPending', { n: fmtNum(done.data.totalPoints) })
        : tr('staff.act.closedAwarded', {
            n: fmtNum(done.data.totalPoints),
            people: p.lines.length,
          });
    await closed(text);
  });
};
