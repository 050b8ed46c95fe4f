import type { ResidentDetails } from '../../../functions/domain/people/register';
import { linli, newKey, sendIdempotent } from '../api';
import { field, h } from '../dom';
import { errorText, fmtNum, tr } from '../i18n';
import { busy, msgBox, remember, say } from '../ui';
import { chainPicker } from './records-options';

/** A manual award (one line of an award batch: above the thresholds it waits for a second staff member). */
export const awardForm = (d: ResidentDetails) => {
  const msg = msgBox();
  const pts = field(
    tr('staff.award.points'),
    h('input', { type: 'number', min: 1, max: 1000, step: 1, inputmode: 'numeric' }),
  );
  const reason = field(
    tr('staff.award.reason'),
    h('input', { type: 'text', maxlength: 200, value: remember.get('award-reason') ?? '' }),
  );
  const chain = chainPicker(true);
  const go = h('button', { type: 'submit', class: 'button primary' }, tr('staff.award.go'));
  const f = h(
    'form',
    { class: 'stack' },
    h('h4', {}, tr('staff.award.title')),
    pts.wrap,
    reason.wrap,
    chain.wraps,
    go,
    msg,
  );
  let key = newKey();
  f.addEventListener('input', () => (key = newKey()));
  f.addEventListener('submit', (e) => {
    e.preventDefault();
    const n = Number((pts.input as HTMLInputElement).value);
    const r = (reason.input as HTMLInputElement).value.trim();
    pts.setError(
      Number.isInteger(n) && n >= 1 && n <= 1000 ? null : tr('staff.award.pointsInvalid'),
    );
    reason.setError(r ? null : tr('common.required'));
    if (!(Number.isInteger(n) && n >= 1 && n <= 1000) || !r) return;
    remember.set('award-reason', r);
    void busy(go, async () => {
      const res = await sendIdempotent((o) =>
        linli.staff['award-batches'].$post(
          {
            json: { reason: r, ...chain.read(), lines: [{ residentId: d.id, points: n }] },
            header: { 'idempotency-key': key },
          },
          o,
        ),
      );
      if (!res.ok) return say(msg, 'error', errorText(res));
      key = newKey();
      say(
        msg,
        'ok',
        res.status === 202
          ? tr('staff.award.pending')
          : tr('staff.award.done', { n: fmtNum(n), name: d.displayName }),
      );
      (pts.input as HTMLInputElement).value = '';
    });
  });
  return f;
};
