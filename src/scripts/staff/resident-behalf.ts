import type { ResidentDetails } from '../../../functions/domain/people/register';
import { type ApiFail, type ApiResult, linli, newKey, request, sendIdempotent } from '../api';
import { field, h, replace } from '../dom';
import { errorText, fmtDate, fmtNum, today, tr } from '../i18n';
import { busy, loadInto, msgBox, say, type Tone } from '../ui';
import { residentPicker, select } from './common';

/**
 * Acting for a resident who has only a paper card: give points to a neighbour (found by name, not
 * typed as an id), sign up for an activity picked from the coming ones, ask for a service picked
 * from the menu. The server records each as done by this staff member for the resident.
 */
export function behalfSection(
  d: ResidentDetails,
  changed: (flash: string) => Promise<void>,
): HTMLElement {
  return h(
    'section',
    { class: 'stack', 'aria-labelledby': `res-behalf-${d.id}` },
    h('h4', { id: `res-behalf-${d.id}` }, tr('life.behalf')),
    h('p', { class: 'hint' }, tr('life.behalfHint')),
    giftForm(d, changed),
    signupForm(d),
    requestForm(d),
  );
}

function giftForm(d: ResidentDetails, changed: (flash: string) => Promise<void>): HTMLElement {
  const msg = msgBox();
  const to = residentPicker(tr('life.giftTo'));
  const pts = field(
    tr('life.giftPoints'),
    h('input', { type: 'number', min: 1, max: d.balance, step: 1, inputmode: 'numeric' }),
    { hint: tr('life.balanceNow', { n: tr('pts.n', { n: fmtNum(d.balance) }) }) },
  );
  const note = field(
    tr('life.giftReason'),
    h('input', { type: 'text', maxlength: 200, autocomplete: 'off' }),
    { hint: tr('common.optional') },
  );
  const go = h('button', { type: 'submit', class: 'button primary' }, tr('life.giftGo'));
  const form = h(
    'form',
    { class: 'stack', novalidate: true },
    to.wrap,
    pts.wrap,
    note.wrap,
    go,
    msg,
  );
  let key = newKey();
  form.addEventListener('input', () => (key = newKey()));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const neighbour = to.value;
    const n = Number((pts.input as HTMLInputElement).value);
    const okPoints = Number.isInteger(n) && n >= 1 && n <= d.balance;
    to.setError(neighbour ? null : tr('life.pickNeighbour'));
    pts.setError(okPoints ? null : tr('life.giftPointsInvalid'));
    if (!neighbour) return to.input.focus();
    if (!okPoints) return pts.input.focus();
    const reason = (note.input as HTMLInputElement).value.trim();
    void busy(go, async () => {
      const res = await sendIdempotent((o) =>
        linli.staff.residents[':id'].gifts.$post(
          {
            param: { id: String(d.id) },
            json: { to: neighbour.id, points: n, ...(reason ? { reason } : {}) },
            header: { 'idempotency-key': key },
          },
          o,
        ),
      );
      if (!res.ok) return say(msg, 'error', errorText(res));
      key = newKey();
      // The resident is drawn again (balance, statement) with the outcome on top.
      await changed(
        tr('life.giftDone', {
          to: neighbour.name,
          n: fmtNum(n),
          balance: fmtNum(res.data.balanceAfter),
        }),
      );
    });
  });
  return h('details', { 'data-behalf': 'gift' }, h('summary', {}, tr('life.gift')), form);
}

function signupForm(d: ResidentDetails): HTMLElement {
  return pickAndSend({
    name: 'signup',
    title: tr('life.signup'),
    label: tr('life.activity'),
    go: tr('life.signupGo'),
    empty: tr('life.noActivities'),
    load: () => request(linli.staff.activities.$get({ query: { limit: '60', from: today() } })),
    options: ({ items: activities }) =>
      activities
        .filter((a) => a.status !== 'closed')
        .sort((a, b) => a.date.localeCompare(b.date) || a.id - b.id)
        .map((a) => [
          String(a.id),
          tr('life.activityLine', { date: fmtDate(a.date), title: a.title, place: a.place }),
        ]),
    send: async (id) => {
      const res = await request(
        linli.staff.residents[':id'].signups.$post({
          param: { id: String(d.id) },
          json: { activityId: id },
        }),
      );
      if (!res.ok) return res;
      const vars = { name: d.fullName, title: res.data.title, date: fmtDate(res.data.date) };
      return res.data.alreadySignedUp
        ? ['info', tr('life.signupAlready', vars)]
        : ['ok', tr('life.signupDone', vars)];
    },
  });
}

function requestForm(d: ResidentDetails): HTMLElement {
  const note = field(tr('life.note'), h('textarea', { rows: 3, maxlength: 500 }), {
    hint: tr('req.detailHint'),
  });
  const text = note.input as HTMLTextAreaElement;
  return pickAndSend({
    name: 'request',
    title: tr('life.request'),
    label: tr('life.service'),
    go: tr('life.requestGo'),
    empty: tr('life.noServices'),
    extra: note.wrap,
    load: () =>
      request(linli.staff.records.services.$get({ query: { status: 'published', limit: '200' } })),
    options: ({ items }) => items.map((s) => [String(s.id), s.title]),
    send: async (id) => {
      const detail = text.value.trim();
      const res = await request(
        linli.staff.residents[':id'].requests.$post({
          param: { id: String(d.id) },
          json: { serviceId: id, ...(detail ? { note: detail } : {}) },
        }),
      );
      if (!res.ok) return res;
      text.value = '';
      return ['ok', tr('life.requestDone', { title: res.data.title })];
    },
  });
}

interface PickAndSend<T> {
  name: string;
  title: string;
  label: string;
  go: string;
  empty: string;
  /** More fields, below the choice. */
  extra?: HTMLElement;
  load: () => Promise<ApiResult<T>>;
  options: (data: T) => Array<[string, string]>;
  /** Sends the chosen id: the refusal, or the outcome in words. */
  send: (id: number) => Promise<ApiFail | [Tone, string]>;
}

/**
 * A closed section: pick one from a list (read the first time it is opened: most visits never need
 * it) and send it.
 */
function pickAndSend<T>(spec: PickAndSend<T>): HTMLElement {
  const msg = msgBox();
  const box = h('div', { class: 'stack' });
  const details = h(
    'details',
    { 'data-behalf': spec.name },
    h('summary', {}, spec.title),
    box,
    msg,
  );
  let loaded = false;
  details.addEventListener('toggle', () => {
    if (!details.open || loaded) return;
    loaded = true;
    void loadInto(box, spec.load, (data) => {
      const options = spec.options(data);
      if (options.length === 0) return replace(box, h('p', { class: 'meta' }, spec.empty));
      const choice = select(options, null, tr('req.pick'));
      const f = field(spec.label, choice);
      const go = h('button', { type: 'submit', class: 'button primary' }, spec.go);
      const form = h('form', { class: 'stack', novalidate: true }, f.wrap, spec.extra, go);
      form.addEventListener('submit', (e) => {
        e.preventDefault();
        f.setError(choice.value ? null : tr('life.pickFirst'));
        if (!choice.value) return choice.focus();
        void busy(go, async () => {
          const outcome = await spec.send(Number(choice.value));
          if (Array.isArray(outcome)) say(msg, ...outcome);
          else say(msg, 'error', errorText(outcome));
        });
      });
      box.append(form);
    });
  });
  return details;
}
