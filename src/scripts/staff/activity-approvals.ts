import { linli, newKey, type OkBody, request, sendIdempotent } from '../api';
import { field, h } from '../dom';
import { errorText, fmtDateTime, fmtNum, tr } from '../i18n';
import { busy, loadInto, msgBox, say } from '../ui';
import { table, word } from './common';
import { whoAmI } from './me';

type Batch = OkBody<
  Awaited<ReturnType<(typeof linli.staff)['award-batches']['$get']>>
>['items'][number];

/** Award batches waiting for a second staff member; returns the loader that (re)fills the section. */
export function approvalsLoader(approvals: HTMLElement): () => Promise<unknown> {
  // Only what this person may approve (an accountant, not their own), with the rule said before any click.
  const loadApprovals = async () => {
    const box = approvals.lastElementChild as HTMLElement;
    const approver = whoAmI()?.can.includes('approve') ?? false;
    return loadInto(
      box,
      () =>
        request(linli.staff['award-batches'].$get({ query: { approvable: 'true', limit: '50' } })),
      ({ items: batches, thresholds }) => {
        box.append(
          h(
            'p',
            { class: 'hint' },
            tr(approver ? 'appr.ruleApprover' : 'appr.ruleStaff', {
              per: fmtNum(thresholds.perAward),
              batch: fmtNum(thresholds.perBatch),
            }),
          ),
        );
        if (!approver) return;
        if (batches.length === 0)
          return box.append(h('p', { class: 'meta' }, tr('staff.act.noApprovals')));
        box.append(
          h(
            'ul',
            { class: 'cards' },
            batches.map((b) => approvalCard(b)),
          ),
        );
      },
    );
  };
  const approvalCard = (b: Batch) => {
    const msg = msgBox();
    const lines = h('div');
    const approve = h(
      'button',
      { type: 'button', class: 'button primary' },
      tr('staff.act.approve'),
    );
    const reason = field(
      tr('staff.act.rejectReason'),
      h('input', { type: 'text', maxlength: 200 }),
    );
    const reject = h('button', { type: 'button', class: 'button danger' }, tr('staff.act.reject'));
    const key = newKey();
    approve.addEventListener('click', () =>
      busy(approve, async () => {
        const res = await sendIdempotent((o) =>
          linli.staff['award-batches'][':id'].approve.$post(
            { param: { id: String(b.id) }, json: {}, header: { 'idempotency-key': key } },
            o,
          ),
        );
        if (!res.ok) return say(msg, 'error', errorText(res));
        say(msg, 'ok', tr('staff.act.approved', { n: fmtNum(res.data.totalPoints) }));
        approve.disabled = true;
        reject.disabled = true;
      }),
    );
    reject.addEventListener('click', () =>
      busy(reject, async () => {
        const r = (reason.input as HTMLInputElement).value.trim();
        if (!r) return reason.setError(tr('common.required'));
        reason.setError(null);
        const res = await request(
          linli.staff['award-batches'][':id'].reject.$post({
            param: { id: String(b.id) },
            json: { reason: r },
          }),
        );
        if (!res.ok) return say(msg, 'error', errorText(res));
        say(msg, 'ok', tr('staff.act.rejected'));
        approve.disabled = true;
      }),
    );
    void loadInto(
      lines,
      () => request(linli.staff['award-batches'][':id'].$get({ param: { id: String(b.id) } })),
      (d) => {
        lines.append(
          h(
            'p',
            { class: 'meta' },
            tr('staff.act.by', { name: d.createdBy.name, at: fmtDateTime(d.createdAt) }),
          ),
          table(
            [tr('staff.res.name'), tr('staff.act.points')],
            d.lines.map((l) =>
              h(
                'tr',
                {},
                h('td', {}, `${l.name}（${l.login}）`),
                h('td', { class: 'num' }, fmtNum(l.points)),
              ),
            ),
          ),
        );
      },
    );
    return h(
      'li',
      { class: 'card' },
      h('h4', {}, b.reason),
      h(
        'p',
        {},
        `${word('batch.kind', b.kind)} · ${word('batch.status', b.status)} · `,
        tr('staff.act.batchTotal', { n: fmtNum(b.totalPoints) }),
      ),
      lines,
      h('div', { class: 'row' }, approve),
      reason.wrap,
      reject,
      msg,
    );
  };
  return loadApprovals;
}
