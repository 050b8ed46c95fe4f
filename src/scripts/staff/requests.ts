import type { ClientResponse, InferRequestType } from 'hono/client';
import type { StaffServiceRequestJson } from '../../../functions/routes/staff/requests';
import type { AppKey } from '../../i18n/app';
import { label } from '../../i18n/labels';
import { linli, request } from '../api';
import { append, field, focusOn, h, replace } from '../dom';
import { errorText, fmtDate, fmtDateTime, locale, today, tr } from '../i18n';
import { eventWord, type RequestStatus, stepper } from '../me/requests';
import { busy, loadInto, msgBox, remember, say } from '../ui';
import { residentPicker, select, table } from './common';
import { chainPicker, deliberationName } from './records-options';

type Detail = StaffServiceRequestJson;

interface Org {
  id: number;
  kind: string;
  name: string;
  status: string;
}

/** The deliberation a request names, by its name once the console's options have loaded. */
function linkedDeliberation(id: number): HTMLElement {
  const dd = h('dd', { 'data-linked-deliberation': id }, `#${id}`);
  void deliberationName(id).then((name) => (dd.textContent = name));
  return dd;
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
    append(box, [
      h('h4', {}, `#${d.id} ${d.title}`),
      stepper(d.status),
      h(
        'dl',
        { class: 'facts' },
        h('dt', {}, tr('staff.req.kind')),
        h(
          'dd',
          {},
          `${tr(`staff.req.k.${d.kind}` as AppKey)} · ${tr(`staff.req.o.${d.origin}` as AppKey)}`,
        ),
        d.resident
          ? [
              h('dt', {}, tr('staff.req.who')),
              h(
                'dd',
                {},
                `${d.resident.name}（${d.resident.login}）${d.resident.phone ? ` · ${d.resident.phone}` : ''}`,
              ),
            ]
          : null,
        d.compound || d.building
          ? [
              h('dt', {}, tr('staff.res.building')),
              h('dd', {}, [d.compound, d.building].filter(Boolean).join(' ')),
            ]
          : null,
        d.detail ? [h('dt', {}, tr('staff.req.detailLabel')), h('dd', {}, d.detail)] : null,
        d.preferredDate
          ? [h('dt', {}, tr('req.date')), h('dd', {}, fmtDate(d.preferredDate))]
          : null,
        d.provider ? [h('dt', {}, tr('staff.req.provider')), h('dd', {}, d.provider.name)] : null,
        d.deliberationId !== null
          ? [h('dt', {}, tr('staff.chain.linked')), linkedDeliberation(d.deliberationId)]
          : null,
        d.rating
          ? [
              h('dt', {}, tr('req.rate')),
              h(
                'dd',
                {},
                `${tr('req.rated', { n: d.rating })}${d.ratingComment ? ` — ${d.ratingComment}` : ''}`,
              ),
            ]
          : null,
      ),
      h(
        'ol',
        { class: 'timeline' },
        d.events.map((ev) =>
          h(
            'li',
            {},
            h('time', { datetime: ev.at }, fmtDateTime(ev.at)),
            ' ',
            h('strong', {}, eventWord(ev.event)),
            ev.organization ? ` · ${ev.organization.name}` : '',
            ev.note ? ` — ${ev.note}` : '',
          ),
        ),
      ),
      msg,
    ]);
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

  // ---- New: for a resident at the desk, or a building issue (下单) ----
  const msg = msgBox();
  const kindNew = field(
    tr('staff.req.kind'),
    select(
      [
        ['service', tr('staff.req.k.service')],
        ['building_issue', tr('staff.req.k.building_issue')],
      ],
      remember.get('req-new-kind') ?? 'service',
    ),
  );
  const resident = residentPicker(tr('staff.req.who'));
  const service = field(tr('req.service'), select([], null, tr('common.loading')));
  const detailIn = field(tr('req.detail'), h('textarea', { maxlength: 1000, rows: 3 }));
  const date = field(tr('req.date'), h('input', { type: 'date', min: today() }), {
    hint: tr('common.optional'),
  });
  const origin = field(
    tr('staff.req.origin'),
    select(
      [
        ['owners_committee', tr('staff.req.o.owners_committee')],
        ['staff', tr('staff.req.o.staff')],
      ],
      remember.get('req-origin') ?? 'owners_committee',
    ),
  );
  const compound = field(
    tr('staff.reg.compound'),
    h('input', { type: 'text', maxlength: 64, value: remember.get('compound') ?? '' }),
  );
  const building = field(
    tr('staff.reg.building'),
    h('input', { type: 'text', maxlength: 64, value: remember.get('building') ?? '' }),
  );
  const title = field(tr('staff.req.title'), h('input', { type: 'text', maxlength: 100 }));
  const chain = chainPicker(false);
  const go = h('button', { type: 'submit', class: 'button primary wide' }, tr('staff.req.create'));
  const svcBox = h('div', { class: 'stack' }, resident.wrap, service.wrap, date.wrap);
  const issueBox = h(
    'div',
    { class: 'stack' },
    origin.wrap,
    h('div', { class: 'row' }, compound.wrap, building.wrap),
    title.wrap,
  );
  const form = h(
    'form',
    { class: 'stack', novalidate: true },
    kindNew.wrap,
    svcBox,
    issueBox,
    detailIn.wrap,
    chain.wraps,
    go,
    msg,
  );
  create.append(form);
  const sync = () => {
    const k = (kindNew.input as HTMLSelectElement).value;
    svcBox.hidden = k !== 'service';
    issueBox.hidden = k === 'service';
  };
  kindNew.input.addEventListener('change', () => {
    remember.set('req-new-kind', (kindNew.input as HTMLSelectElement).value);
    sync();
  });
  sync();
  void request(
    linli.staff.records.services.$get({ query: { status: 'published', limit: '200' } }),
  ).then((res) => {
    const s = service.input as HTMLSelectElement;
    s.replaceChildren(h('option', { value: '' }, res.ok ? tr('req.pick') : tr('err.network')));
    if (res.ok)
      for (const x of res.data.items)
        s.append(
          h('option', { value: x.id }, `${x.title}（${label(locale(), 'category', x.category)}）`),
        );
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const k = (kindNew.input as HTMLSelectElement).value;
    const text = (detailIn.input as HTMLTextAreaElement).value.trim();
    let body: InferRequestType<typeof linli.staff.requests.$post>['json'];
    if (k === 'service') {
      const r = resident.value;
      const s = (service.input as HTMLSelectElement).value;
      resident.setError(r ? null : tr('staff.req.pickResident'));
      service.setError(s ? null : tr('req.pickMissing'));
      if (!r || !s) return;
      body = {
        kind: 'service',
        residentId: r.id,
        serviceId: Number(s),
        ...(text ? { detail: text } : {}),
        ...((date.input as HTMLInputElement).value
          ? { preferredDate: (date.input as HTMLInputElement).value }
          : {}),
      };
    } else {
      const v = (f: { input: HTMLElement }) => (f.input as HTMLInputElement).value.trim();
      let bad = false;
      for (const f of [compound, building, title, detailIn]) {
        f.setError(v(f) ? null : tr('common.required'));
        bad ||= !v(f);
      }
      if (bad) return;
      remember.set('compound', v(compound));
      remember.set('building', v(building));
      remember.set('req-origin', v(origin));
      body = {
        kind: 'building_issue',
        origin: v(origin) as 'owners_committee' | 'staff',
        compound: v(compound),
        building: v(building),
        title: v(title),
        detail: text,
      };
    }
    Object.assign(body, chain.read());
    void busy(go, async () => {
      const res = await request(linli.staff.requests.$post({ json: body }));
      if (!res.ok) return say(msg, 'error', errorText(res));
      say(msg, 'ok', tr('staff.req.created', { id: res.data.id }));
      (detailIn.input as HTMLTextAreaElement).value = '';
      (title.input as HTMLInputElement).value = '';
      resident.clear();
      void loadList();
      await show(res.data.id, true);
    });
  });

  void loadOrgs();
  void loadList();
}
