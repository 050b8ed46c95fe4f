import type { InferRequestType } from 'hono/client';
import type { Activity, Participant } from '../../../functions/domain/activities/catalog';
import type { AppKey } from '../../i18n/app';
import { linli, newKey, type OkBody, request, sendIdempotent } from '../api';
import { field, focusOn, h, replace } from '../dom';
import { errorText, fmtDate, fmtDateTime, fmtNum, isEn, today, tr } from '../i18n';
import { cameraPossible, classify, type ScanSession, startScan } from '../qr-scan';
import { busy, loadInto, msgBox, remember, say } from '../ui';
import { residentPicker, select, table, word } from './common';
import { whoAmI } from './me';
import { chainPicker } from './records-options';

type Detail = Activity & { participants: Participant[] };
type Batch = OkBody<
  Awaited<ReturnType<(typeof linli.staff)['award-batches']['$get']>>
>['items'][number];
const STATUSES = ['planned', 'open', 'closed'] as const;
const countsOf = (a: Activity) => `${a.signups} / ${a.checkedIn}`;
const summaryOf = (a: Activity) =>
  tr('staff.act.summary', {
    s: a.signups,
    c: a.checkedIn,
    st: tr(`staff.act.st.${a.status}` as AppKey),
  });

/** Activities: plan one (last-used type, place, team remembered), check volunteers in (tick or scan), close and award in one confirmed batch, approve others' batches. */
export function mount(root: HTMLElement): void {
  const approvals = h(
    'section',
    { 'aria-labelledby': 'appr-h' },
    h('h3', { id: 'appr-h' }, tr('staff.act.approvals')),
    h('div'),
  );
  const create = h('section', {}, h('h3', {}, tr('staff.act.create')));
  const listBox = h('section', {}, h('h3', {}, tr('staff.act.list')), h('div'));
  const detail = h(
    'section',
    { 'aria-labelledby': 'act-detail-h' },
    h('h3', { id: 'act-detail-h', tabindex: '-1' }, tr('staff.act.detail')),
    h('p', { class: 'meta' }, tr('staff.act.pickOne')),
  );
  replace(
    root,
    approvals,
    h('div', { class: 'panel-grid' }, h('div', {}, create, listBox), detail),
  );

  // ---- Create ----
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
          await loadList();
          await show(res.data.id, true);
        });
      });
    },
  );

  // ---- List ----
  const statusPick = field(
    tr('staff.act.status'),
    select(
      STATUSES.map((st): [string, string] => [st, tr(`staff.act.st.${st}` as AppKey)]),
      null,
      tr('staff.req.all'),
    ),
  );
  listBox.insertBefore(statusPick.wrap, listBox.lastElementChild);
  statusPick.input.addEventListener('change', () => void loadList());
  const loadList = () => {
    const box = listBox.lastElementChild as HTMLElement;
    const from = new Date(Date.now() - 30 * 86400_000);
    const status = (statusPick.input as HTMLSelectElement).value;
    const query: InferRequestType<typeof linli.staff.activities.$get>['query'] = {
      limit: '60',
      from: today(from),
    };
    if (status) query.status = status as typeof query.status;
    return loadInto(
      box,
      () => request(linli.staff.activities.$get({ query })),
      ({ items: activities }) => {
        if (activities.length === 0)
          return box.append(h('p', { class: 'meta' }, tr('lbl.noActivities')));
        const sorted = [...activities].sort(
          (a, b) =>
            Math.abs(Date.parse(a.date) - Date.now()) - Math.abs(Date.parse(b.date) - Date.now()),
        );
        box.append(
          table(
            [
              tr('staff.act.date'),
              tr('staff.act.title'),
              tr('staff.act.status'),
              tr('staff.act.counts'),
              '',
            ],
            sorted.map((a) =>
              h(
                'tr',
                { 'data-activity-row': a.id },
                h(
                  'td',
                  {},
                  fmtDate(a.date),
                  a.date === today() ? h('strong', {}, ` · ${tr('staff.act.today')}`) : null,
                ),
                h(
                  'td',
                  {},
                  a.title,
                  h('br'),
                  h(
                    'span',
                    { class: 'meta' },
                    `${a.type.name}${a.team ? ` · ${a.team.name}` : ''} · ${a.place}`,
                  ),
                ),
                h('td', { 'data-status': '' }, tr(`staff.act.st.${a.status}` as AppKey)),
                h('td', { class: 'num', 'data-counts': '' }, countsOf(a)),
                h(
                  'td',
                  {},
                  h(
                    'button',
                    { type: 'button', class: 'button', onclick: () => void show(a.id, true) },
                    tr('staff.act.open'),
                  ),
                ),
              ),
            ),
            tr('staff.act.listCaption'),
          ),
        );
      },
    );
  };

  // ---- One activity: check-in and close ----
  let scan: ScanSession | null = null;
  const show = async (id: number, focus: boolean) => {
    scan?.stop();
    scan = null;
    const heading = h('h3', { id: 'act-detail-h', tabindex: '-1' }, tr('staff.act.detail'));
    const body = h('div');
    replace(detail, heading, body);
    await loadInto(
      body,
      () => request(linli.staff.activities[':id'].$get({ param: { id: String(id) } })),
      (a) => renderActivity(body, a),
    );
    if (focus) focusOn(heading);
  };

  const renderActivity = (box: HTMLElement, a: Detail) => {
    const msg = msgBox();
    const summary = h('p', { class: 'meta', 'data-activity-summary': '' }, summaryOf(a));
    msg.setAttribute('data-activity-msg', '');
    const closed = a.status === 'closed';
    const notYet = a.date > today();
    box.append(
      h('h4', {}, a.title),
      h(
        'p',
        {},
        `${fmtDate(a.date)} · ${a.place} · ${a.type.name}${a.team ? ` · ${a.team.name}` : ''} · ${tr('act.hours', { n: a.hours })}`,
      ),
      summary,
      msg,
    );
    if (notYet)
      box.append(h('p', { class: 'msg msg-info', role: 'status' }, tr('staff.act.notYet')));
    // Check-in by scan, code, card or login
    if (!closed && !notYet) {
      const who = field(
        tr('staff.act.who'),
        h('input', { type: 'text', autocomplete: 'off', autocapitalize: 'none' }),
        { hint: tr('staff.act.whoHint') },
      );
      const go = h('button', { type: 'submit', class: 'button primary' }, tr('staff.act.checkIn'));
      const scanBtn = h(
        'button',
        { type: 'button', class: 'button', hidden: !cameraPossible() },
        tr('counter.scan'),
      );
      const video = h('video', {
        class: 'scan-video',
        hidden: true,
        muted: true,
        playsinline: true,
        'aria-label': tr('counter.camera'),
      });
      const form = h(
        'form',
        { class: 'stack', novalidate: true },
        who.wrap,
        h('div', { class: 'row' }, go, scanBtn),
        video,
      );
      const checkIn = async (text: string) => {
        const c = classify(text);
        const body = c ? c : { login: text.trim() };
        const res = await request(
          linli.staff.activities[':id']['check-ins'].$post({
            param: { id: String(a.id) },
            json: body,
          }),
        );
        if (!res.ok) return say(msg, 'error', errorText(res));
        say(
          msg,
          'ok',
          res.data.alreadyCheckedIn
            ? tr('staff.act.already', { name: res.data.name })
            : tr('staff.act.checkedIn', { name: res.data.name }),
        );
        (who.input as HTMLInputElement).value = '';
        await refreshList();
      };
      form.addEventListener('submit', (e) => {
        e.preventDefault();
        const t = (who.input as HTMLInputElement).value.trim();
        if (!t) return who.setError(tr('common.required'));
        who.setError(null);
        void busy(go, () => checkIn(t));
      });
      scanBtn.addEventListener('click', async () => {
        if (scan) {
          scan.stop();
          scan = null;
          video.hidden = true;
          scanBtn.textContent = tr('counter.scan');
          return;
        }
        video.hidden = false;
        scanBtn.textContent = tr('counter.stopScan');
        // Keep scanning one volunteer after another; the same code is ignored for a few seconds.
        let last = '';
        let lastAt = 0;
        scan = await startScan(
          video,
          (text) => {
            if (text === last && Date.now() - lastAt < 5000) return false;
            last = text;
            lastAt = Date.now();
            void checkIn(text);
            return false;
          },
          (why) => {
            video.hidden = true;
            scanBtn.textContent = tr('counter.scan');
            say(
              msg,
              'error',
              tr(
                why === 'denied'
                  ? 'scan.denied'
                  : why === 'no_camera'
                    ? 'scan.noCamera'
                    : 'scan.failed',
              ),
            );
          },
        );
      });
      box.append(h('h4', {}, tr('staff.act.checkInTitle')), form);
      const walkIn = residentPicker(tr('staff.act.walkIn'), (r) => {
        if (r) void checkIn(r.login).then(() => walkIn.clear());
      });
      box.append(walkIn.wrap);
    }
    const listBox = h('div');
    box.append(h('h4', {}, tr('staff.act.people')), listBox);
    // After each check-in the counts follow at once: the summary here and the activity's row in the list.
    const refreshList = async () => {
      const res = await request(
        linli.staff.activities[':id'].$get({ param: { id: String(a.id) } }),
      );
      if (!res.ok) return;
      summary.textContent = summaryOf(res.data);
      const row = listBox.ownerDocument.querySelector(`[data-activity-row="${a.id}"]`);
      const counts = row?.querySelector('[data-counts]');
      const status = row?.querySelector('[data-status]');
      if (counts) counts.textContent = countsOf(res.data);
      if (status) status.textContent = tr(`staff.act.st.${res.data.status}` as AppKey);
      renderPeople(listBox, res.data, msg, refreshList);
    };
    renderPeople(listBox, a, msg, refreshList);
    if (!closed && !notYet) {
      const close = h(
        'button',
        { type: 'button', class: 'button primary wide', 'data-close-activity': '' },
        tr('staff.act.close'),
      );
      const previewBox = h('div');
      close.addEventListener('click', () => busy(close, () => preview(a, previewBox, msg)));
      box.append(
        h('h4', {}, tr('staff.act.closeTitle')),
        h('p', { class: 'hint' }, tr('staff.act.closeHint')),
        close,
        previewBox,
      );
    }
  };

  const renderPeople = (
    box: HTMLElement,
    a: Detail,
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

  const preview = async (a: Activity, box: HTMLElement, msg: HTMLElement) => {
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
      // The activity is shown again (now closed); the outcome goes in its message line.
      await show(a.id, false);
      const m = detail.querySelector<HTMLElement>('[data-activity-msg]') ?? msg;
      say(m, 'ok', text);
      void loadList();
      void loadApprovals();
      focusOn(m);
    });
  };

  // ---- Approvals by a second staff member ----
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

  void loadList();
  void loadApprovals();
}
