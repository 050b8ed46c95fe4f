import type { InferRequestType } from 'hono/client';
import type { Activity } from '../../../functions/domain/activities/catalog';
import type { AppKey } from '../../i18n/app';
import { linli, request } from '../api';
import { field, focusOn, h, replace } from '../dom';
import { errorText, fmtDate, today, tr } from '../i18n';
import { cameraPossible, classify, type ScanSession, startScan } from '../qr-scan';
import { busy, loadInto, msgBox, say } from '../ui';
import { approvalsLoader } from './activity-approvals';
import { closePreview } from './activity-close';
import { activityCreateForm } from './activity-create';
import { type ActivityDetail, renderPeople } from './activity-people';
import { residentPicker, select, table } from './common';

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

  const loadApprovals = approvalsLoader(approvals);
  activityCreateForm(create, async (id) => {
    await loadList();
    await show(id, true);
  });

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

  const renderActivity = (box: HTMLElement, a: ActivityDetail) => {
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
      close.addEventListener('click', () =>
        busy(close, () => closePreview(a, previewBox, msg, (text) => afterClose(a.id, msg, text))),
      );
      box.append(
        h('h4', {}, tr('staff.act.closeTitle')),
        h('p', { class: 'hint' }, tr('staff.act.closeHint')),
        close,
        previewBox,
      );
    }
  };

  // The activity is shown again (now closed); the outcome goes in its message line.
  const afterClose = async (id: number, msg: HTMLElement, text: string) => {
    await show(id, false);
    const m = detail.querySelector<HTMLElement>('[data-activity-msg]') ?? msg;
    say(m, 'ok', text);
    void loadList();
    void loadApprovals();
    focusOn(m);
  };

  void loadList();
  void loadApprovals();
}
