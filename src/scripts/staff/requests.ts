import type { ClientResponse, InferRequestType } from 'hono/client';
import type { StaffServiceRequestJson } from '../../../functions/routes/staff/requests';
import type { AppKey } from '../../i18n/app';
import { label } from '../../i18n/labels';
import { linli, request } from '../api';
import { append, field, focusOn, h, replace } from '../dom';
import { errorText, fmtDateTime, locale, tr } from '../i18n';
import type { RequestStatus } from '../me/requests';
import { busy, loadInto, msgBox, remember, say } from '../ui';
import { select, table } from './common';
import { requestCreateForm } from './request-create';
import { requestFacts } from './request-facts';

type Detail = StaffServiceRequestJson;

interface Org {
  id: number;
  kind: string;
  name: string;
  status: string;
}

const STATUSES: RequestStatus[] = [
  'submitted',
  'dispatched',
  'accepted',
  'done',
  'cancelled',
  'declined',
];

/** Service requests: the queue, 派单 to a provider, record 接单 and 办结, decline or cancel; enter one for a resident at the desk, or a building issue (三单制 下单/派单/接单). */
export function mount(root: HTMLElement): void {
  const status = field(
    tr('staff.req.status'),
    select(
      STATUSES.map((s) => [s, tr(`req.status.${s}` as AppKey)]),
      remember.get('req-status') ?? 'submitted',
      tr('staff.req.all'),
    ),
  );
  const kind = field(
    tr('staff.req.kind'),
    select(
      [
        ['service', tr('staff.req.k.service')],
        ['building_issue', tr('staff.req.k.building_issue')],
      ],
      null,
      tr('staff.req.all'),
    ),
  );
  const listBox = h('div');
  const detail = h(
    'section',
    { 'aria-labelledby': 'req-detail-h' },
    h('h3', { id: 'req-detail-h', tabindex: '-1' }, tr('staff.req.detail')),
    h('p', { class: 'meta' }, tr('staff.req.pickOne')),
  );
  const create = h('section', {}, h('h3', {}, tr('staff.req.new')));
  replace(
    root,
    h(
      'div',
      { class: 'panel-grid' },
      h(
        'div',
        {},
        h('h3', {}, tr('staff.req.queue')),
        h('div', { class: 'row' }, status.wrap, kind.wrap),
        listBox,
      ),
      detail,
    ),
    create,
  );

  let orgs: Org[] = [];
  const loadOrgs = async () => {
    if (orgs.length) return orgs;
    const res = await request(linli.staff.records.organizations.$get({ query: { limit: '200' } }));
    if (res.ok) orgs = res.data.items;
    return orgs;
  };

  const loadList = () => {
    const query: InferRequestType<typeof linli.staff.requests.$get>['query'] = { limit: '50' };
    const s = (status.input as HTMLSelectElement).value;
    const k = (kind.input as HTMLSelectElement).value;
    if (s) query.status = s as typeof query.status;
    if (k) query.kind = k as typeof query.kind;
    return loadInto(
      listBox,
      () => request(linli.staff.requests.$get({ query })),
      ({ items: requests }) => {
        if (requests.length === 0)
          return listBox.append(h('p', { class: 'meta' }, tr('staff.req.none')));
        listBox.append(
          table(
            ['#', tr('staff.req.what'), tr('staff.req.status'), tr('staff.req.who'), ''],
            requests.map((r) =>
              h(
                'tr',
                { 'data-request-row': r.id },
                h('td', { class: 'num' }, r.id),
                h(
                  'td',
                  {},
                  r.title,
                  h('br'),
                  h(
                    'span',
                    { class: 'meta' },
                    `${tr(`staff.req.k.${r.kind}` as AppKey)} · ${fmtDateTime(r.updatedAt)}`,
                  ),
                ),
                h(
                  'td',
                  {},
                  tr(`req.status.${r.status}` as AppKey),
                  r.provider ? h('span', { class: 'meta' }, ` · ${r.provider.name}`) : null,
                ),
                h('td', {}, r.residentName ?? [r.compound, r.building].filter(Boolean).join(' ')),
                h(
                  'td',
                  {},
                  h(
                    'button',
                    { type: 'button', class: 'button', onclick: () => void show(r.id, true) },
                    tr('staff.act.open'),
                  ),
                ),
              ),
            ),
            tr('staff.req.queue'),
          ),
        );
      },
    );
  };
  status.input.addEventListener('change', () => {
    remember.set('req-status', (status.input as HTMLSelectElement).value);
    void loadList();
  });
  kind.input.addEventListener('change', () => void loadList());

  const show = async (id: number, focus: boolean) => {
    const heading = h('h3', { id: 'req-detail-h', tabindex: '-1' }, tr('staff.req.detail'));
    const body = h('div');
    replace(detail, heading, body);
    await loadOrgs();
    await loadInto(
      body,
      () => request(linli.staff.requests[':id'].$get({ param: { id: String(id) } })),
      (d) => render(body, d),
    );
    if (focus) focusOn(heading);
  };

  const render = (box: HTMLElement, d: Detail) => {
    const msg = msgBox();
    append(box, [...requestFacts(d), msg]);
    const step = async <R extends ClientResponse<unknown, number, string>>(
      path: 'dispatch' | 'accept' | 'complete' | 'decline' | 'cancel',
      send: (steps: (typeof linli.staff.requests)[':id'], param: { id: string }) => Promise<R>,
      button: HTMLButtonElement,
    ) =>
      busy(button, async () => {
        const res = await request(send(linli.staff.requests[':id'], { id: String(d.id) }));
        if (!res.ok) return say(msg, 'error', errorText(res));
        await show(d.id, false);
        void loadList();
        const m = detail.querySelector<HTMLElement>('.msg');
        if (m)
          say(m, 'ok', tr('staff.req.stepDone', { step: tr(`staff.req.s.${path}` as AppKey) }));
        focusOn(m);
      });
    const note = field(tr('staff.req.note'), h('input', { type: 'text', maxlength: 500 }), {
      hint: tr('common.optional'),
    });
    const noteVal = () => (note.input as HTMLInputElement).value.trim();
    const withNote = () => (noteVal() ? { note: noteVal() } : {});
    if (d.status === 'submitted' || d.status === 'dispatched') {
      // A building issue goes to a property company (接单 by the property, 三单制); a service to anyone who provides it.
      const options = orgs
        .filter((o) => d.kind !== 'building_issue' || o.kind === 'property_company')
        .map((o): [string, string] => [
          String(o.id),
          `${o.name}（${label(locale(), 'orgKind', o.kind)}）`,
        ]);
      const provider = field(
        tr('staff.req.provider'),
        select(
          options,
          d.provider ? String(d.provider.id) : remember.get(`req-provider-${d.kind}`),
          tr('req.pick'),
        ),
      );
      const dispatch = h(
        'button',
        { type: 'button', class: 'button primary', 'data-step': 'dispatch' },
        d.status === 'dispatched' ? tr('staff.req.redispatch') : tr('staff.req.s.dispatch'),
      );
      dispatch.addEventListener('click', () => {
        const v = (provider.input as HTMLSelectElement).value;
        if (!v) return provider.setError(tr('staff.req.pickProvider'));
        provider.setError(null);
        remember.set(`req-provider-${d.kind}`, v);
        void step(
          'dispatch',
          (to, param) =>
            to.dispatch.$post({ param, json: { organizationId: Number(v), ...withNote() } }),
          dispatch,
        );
      });
      // Default: the provider already chosen, else the service's own provider from the menu.
      if (!d.provider && d.service)
        void request(
          linli.staff.records.services[':id'].$get({ param: { id: String(d.service.id) } }),
        ).then((res) => {
          const sel = provider.input as HTMLSelectElement;
          if (res.ok && [...sel.options].some((o) => o.value === String(res.data.providerId)))
            sel.value = String(res.data.providerId);
        });
      box.append(provider.wrap);
      box.append(h('div', { class: 'row' }, dispatch));
    }
    const buttons = h('div', { class: 'row' });
    if (d.status === 'dispatched') {
      const b = h(
        'button',
        { type: 'button', class: 'button primary', 'data-step': 'accept' },
        tr('staff.req.s.accept'),
      );
      b.addEventListener(
        'click',
        () => void step('accept', (to, param) => to.accept.$post({ param, json: withNote() }), b),
      );
      buttons.append(b);
    }
    if (d.status === 'accepted') {
      const b = h(
        'button',
        { type: 'button', class: 'button primary', 'data-step': 'complete' },
        tr('staff.req.s.complete'),
      );
      b.addEventListener(
        'click',
        () =>
          void step('complete', (to, param) => to.complete.$post({ param, json: withNote() }), b),
      );
      buttons.append(b);
    }
    if (['submitted', 'dispatched', 'accepted'].includes(d.status)) {
      box.append(note.wrap, buttons);
      const reason = field(tr('staff.req.reason'), h('input', { type: 'text', maxlength: 500 }), {
        hint: tr('staff.req.reasonHint'),
      });
      const rv = () => (reason.input as HTMLInputElement).value.trim();
      const row = h('div', { class: 'row' });
      if (d.status !== 'accepted') {
        const decline = h(
          'button',
          { type: 'button', class: 'button danger' },
          tr('staff.req.s.decline'),
        );
        decline.addEventListener('click', () =>
          rv()
            ? void step(
                'decline',
                (to, param) => to.decline.$post({ param, json: { reason: rv() } }),
                decline,
              )
            : reason.setError(tr('common.required')),
        );
        row.append(decline);
      }
      const cancel = h(
        'button',
        { type: 'button', class: 'button danger' },
        tr('staff.req.s.cancel'),
      );
      cancel.addEventListener('click', () =>
        rv()
          ? void step(
              'cancel',
              (to, param) => to.cancel.$post({ param, json: { reason: rv() } }),
              cancel,
            )
          : reason.setError(tr('common.required')),
      );
      row.append(cancel);
      box.append(h('details', {}, h('summary', {}, tr('staff.req.stop')), reason.wrap, row));
    }
  };

  requestCreateForm(create, async (id) => {
    void loadList();
    await show(id, true);
  });

  void loadOrgs();
  void loadList();
}
