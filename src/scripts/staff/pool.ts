import type { Activity } from '../../../functions/domain/activities/catalog';
import type { PoolGrant } from '../../../functions/domain/awards/pool';
import { type ApiFail, linli, newKey, request, sendIdempotent } from '../api';
import { field, h, replace } from '../dom';
import { errorText, fmtDate, fmtDateTime, fmtNum, tr } from '../i18n';
import { busy, loadInto, msgBox, say } from '../ui';
import { residentPicker, select } from './common';
import { whoAmI } from './me';

/** The pool's refusal in its own words: "not enough points" here is the pool's, not a resident's. */
const poolError = (res: ApiFail) =>
  res.code === 'insufficient_points' ? tr('pool.short') : errorText(res);

/**
 * The community pool: its balance, a grant to a resident or to an activity's volunteers (always
 * waiting for an accountant), the grants this person may approve, and their own still waiting.
 */
export function mountPool(root: HTMLElement): void {
  const balance = h('p', { role: 'status' });
  const form = h('div');
  const queue = h('div');
  const mine = h('div');
  replace(
    root,
    h('h3', { id: 'pool-h' }, tr('pool.title')),
    balance,
    h('p', { class: 'hint' }, tr('pool.rule')),
    h('h4', {}, tr('pool.give')),
    form,
    queue,
    h('h4', {}, tr('pool.mineTitle')),
    mine,
  );

  const refresh = async () => {
    const me = whoAmI();
    await refreshBalance();
    if (me?.can.includes('approve')) {
      replace(queue, h('h4', {}, tr('pool.approveTitle')), h('div'));
      await loadInto(
        queue.lastElementChild as HTMLElement,
        () => request(linli.staff.pool.grants.$get({ query: { approvable: 'true', limit: '50' } })),
        ({ items: grants }) => list(queue.lastElementChild as HTMLElement, grants, 'approve'),
      );
    }
    const myId = me?.userId ?? -1;
    await loadInto(
      mine,
      () => request(linli.staff.pool.grants.$get({ query: { status: 'pending', limit: '100' } })),
      ({ items: grants }) =>
        list(
          mine,
          grants.filter((g) => g.createdBy.id === myId),
          'withdraw',
        ),
    );
  };

  const list = (box: HTMLElement, grants: PoolGrant[], mode: 'approve' | 'withdraw') => {
    if (grants.length === 0) return box.append(h('p', { class: 'meta' }, tr('pool.none')));
    box.append(
      h(
        'ul',
        { class: 'cards' },
        grants.map((g) => card(g, mode)),
      ),
    );
  };

  const card = (g: PoolGrant, mode: 'approve' | 'withdraw') => {
    const msg = msgBox();
    const target =
      g.target.kind === 'resident'
        ? g.target.name
        : `${g.target.title}（${fmtDate(g.target.date)}）`;
    const reason = field(
      tr(mode === 'approve' ? 'pool.rejectReason' : 'pool.withdrawReason'),
      h('input', { type: 'text', maxlength: 200 }),
    );
    const no = h(
      'button',
      { type: 'button', class: 'button danger' },
      tr(mode === 'approve' ? 'pool.reject' : 'pool.withdraw'),
    );
    const yes =
      mode === 'approve'
        ? h('button', { type: 'button', class: 'button primary' }, tr('pool.approve'))
        : null;
    const done = () => {
      no.disabled = true;
      if (yes) yes.disabled = true;
    };
    const key = newKey();
    yes?.addEventListener('click', () =>
      busy(yes, async () => {
        const res = await sendIdempotent((o) =>
          linli.staff.pool.grants[':id'].approve.$post(
            { param: { id: String(g.id) }, json: {}, header: { 'idempotency-key': key } },
            o,
          ),
        );
        if (!res.ok) return say(msg, 'error', poolError(res));
        say(
          msg,
          'ok',
          tr('pool.approved', { n: fmtNum(res.data.totalPoints), id: res.data.entryId ?? '' }),
        );
        done();
        void refreshBalance();
      }),
    );
    no.addEventListener('click', () =>
      busy(no, async () => {
        const r = (reason.input as HTMLInputElement).value.trim();
        if (!r) return reason.setError(tr('common.required'));
        reason.setError(null);
        const res = await request(
          linli.staff.pool.grants[':id'].reject.$post({
            param: { id: String(g.id) },
            json: { reason: r },
          }),
        );
        if (!res.ok) return say(msg, 'error', errorText(res));
        say(msg, 'ok', tr('pool.rejected'));
        done();
        void refreshBalance();
      }),
    );
    return h(
      'li',
      { class: 'card', 'data-grant': g.id },
      h(
        'p',
        {},
        h('strong', {}, tr('pool.line', { target, p: fmtNum(g.points), n: fmtNum(g.totalPoints) })),
      ),
      g.target.kind === 'activity'
        ? h('p', { class: 'meta' }, g.recipients.map((r) => r.name).join('、'))
        : null,
      h(
        'p',
        { class: 'meta' },
        tr('pool.who', { by: g.createdBy.name, at: fmtDateTime(g.createdAt), reason: g.reason }),
      ),
      yes ? h('div', { class: 'row' }, yes) : null,
      reason.wrap,
      no,
      msg,
    );
  };

  const refreshBalance = async () => {
    const pool = await request(linli.staff.pool.$get());
    if (pool.ok)
      balance.textContent =
        tr('pool.balance', { n: fmtNum(pool.data.balance) }) +
        (pool.data.pending.grants
          ? tr('pool.pendingSum', {
              c: pool.data.pending.grants,
              n: fmtNum(pool.data.pending.points),
            })
          : '');
  };

  void loadInto(
    form,
    () => request(linli.staff.activities.$get({ query: { limit: '60' } })),
    ({ items: activities }) => form.append(grantForm(activities, refresh)),
  );
  void refresh();
}

function grantForm(activities: Activity[], after: () => Promise<void>): HTMLFormElement {
  const msg = msgBox();
  const kind = field(
    tr('pool.to'),
    select(
      [
        ['resident', tr('pool.toResident')],
        ['activity', tr('pool.toActivity')],
      ],
      'resident',
    ),
  );
  const resident = residentPicker(tr('pool.resident'));
  const activity = field(
    tr('pool.activity'),
    select(
      activities.map((a): [string, string] => [
        String(a.id),
        `${fmtDate(a.date)} · ${a.title}（${tr('staff.act.summary', { s: a.signups, c: a.checkedIn, st: tr(`staff.act.st.${a.status}`) })}）`,
      ]),
      null,
      tr('pool.pickActivity'),
    ),
  );
  const points = field(
    tr('pool.points'),
    h('input', { type: 'number', inputmode: 'numeric', min: 1, max: 1000, step: 1 }),
  );
  const reason = field(tr('pool.reason'), h('input', { type: 'text', maxlength: 200 }));
  const go = h('button', { type: 'submit', class: 'button primary' }, tr('pool.submit'));
  const show = () => {
    const toActivity = (kind.input as HTMLSelectElement).value === 'activity';
    resident.wrap.hidden = toActivity;
    activity.wrap.hidden = !toActivity;
  };
  kind.input.addEventListener('change', show);
  show();
  const form = h(
    'form',
    { class: 'stack', novalidate: true },
    kind.wrap,
    resident.wrap,
    activity.wrap,
    points.wrap,
    reason.wrap,
    go,
    msg,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const toActivity = (kind.input as HTMLSelectElement).value === 'activity';
    const who = toActivity
      ? Number((activity.input as HTMLSelectElement).value) || null
      : (resident.value?.id ?? null);
    (toActivity ? activity : resident).setError(who ? null : tr('common.required'));
    const n = Number((points.input as HTMLInputElement).value);
    const pointsOk = Number.isInteger(n) && n >= 1 && n <= 1000;
    points.setError(pointsOk ? null : tr('set.intInvalid', { min: 1, max: 1000 }));
    const r = (reason.input as HTMLInputElement).value.trim();
    reason.setError(r ? null : tr('common.required'));
    if (!who || !pointsOk || !r) return;
    const body = {
      ...(toActivity ? { activityId: who } : { toResidentId: who }),
      points: n,
      reason: r,
    };
    // One submission, one key: sendIdempotent retries it until a definite answer; the next submission is a new request.
    const key = newKey();
    void busy(go, async () => {
      const res = await sendIdempotent((o) =>
        linli.staff.pool.grants.$post({ json: body, header: { 'idempotency-key': key } }, o),
      );
      if (!res.ok) return say(msg, 'error', poolError(res));
      form.reset();
      resident.clear();
      show();
      say(msg, 'ok', tr('pool.submitted', { n: fmtNum(res.data.totalPoints) }));
      await after();
    });
  });
  return form;
}
