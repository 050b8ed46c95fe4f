import type { InferRequestType } from 'hono/client';
import { label } from '../../i18n/labels';
import { linli, request } from '../api';
import { field, h } from '../dom';
import { errorText, locale, today, tr } from '../i18n';
import { busy, msgBox, remember, say } from '../ui';
import { residentPicker, select } from './common';
import { chainPicker } from './records-options';

/** A new request (下单): a service for a resident at the desk, or a building issue raised by the owners' committee or staff. */
export function requestCreateForm(
  create: HTMLElement,
  created: (id: number) => Promise<void>,
): void {
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
      await created(res.data.id);
    });
  });
}
