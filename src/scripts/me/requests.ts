import type { RequestSummaryJson, ServiceRequestJson } from '../../../functions/routes/me/requests';
import type { AppKey } from '../../i18n/app';
import { label } from '../../i18n/labels';
import { linli, type OkOf, request } from '../api';
import { append, field, focusOn, h, replace } from '../dom';
import { errorText, fmtDate, fmtDateTime, locale, today, tr } from '../i18n';
import { busy, loadInto, msgBox, say } from '../ui';

type Service = OkOf<typeof linli.me.services.$get>['services'][number];
export type RequestStatus = ServiceRequestJson['status'];
/** A resident's own requests: the list omits who asked (it is always them). */
type Summary = Omit<RequestSummaryJson, 'residentId' | 'residentName'>;
type Detail = ServiceRequestJson;

export const FLOW: RequestStatus[] = ['submitted', 'dispatched', 'accepted', 'done'];

/** The four steps in words, the current one marked (aria-current), never colour alone. */
export function stepper(status: RequestStatus): HTMLElement {
  if (status === 'cancelled' || status === 'declined')
    return h('p', { class: `status status-${status}` }, tr(`req.status.${status}` as AppKey));
  const at = FLOW.indexOf(status);
  return h(
    'ol',
    { class: 'stepper', 'aria-label': tr('req.progress') },
    FLOW.map((s, i) =>
      h(
        'li',
        {
          class: i < at ? 'done' : i === at ? 'current' : 'todo',
          'aria-current': i === at ? 'step' : undefined,
        },
        i <= at ? '✓ ' : '',
        tr(`req.status.${s}` as AppKey),
      ),
    ),
  );
}

/** 你点单我服务: ask for a service from the menu, follow it submitted → dispatched → accepted → done, rate it when done. */
export function mountRequests(root: HTMLElement): { stop?(): void } {
  const form = h('form', { class: 'stack', novalidate: true });
  const select = h('select', { name: 'service', required: true });
  const service = field(tr('req.service'), select);
  const detail = field(
    tr('req.detail'),
    h('textarea', { name: 'detail', maxlength: 500, rows: 3 }),
    { hint: tr('req.detailHint') },
  );
  const date = field(tr('req.date'), h('input', { type: 'date', name: 'date', min: today() }), {
    hint: tr('common.optional'),
  });
  const submit = h('button', { type: 'submit', class: 'button primary wide' }, tr('req.submit'));
  const msg = msgBox();
  const menuBox = h('div');
  const chosen = msgBox();
  form.append(service.wrap, detail.wrap, date.wrap, submit);
  const list = h('div');
  replace(
    root,
    h('p', { class: 'hint' }, tr('req.intro')),
    menuBox,
    chosen,
    form,
    msg,
    h('h3', { tabindex: '-1', 'data-req-list': '' }, tr('req.mine')),
    list,
  );

  void loadInto(
    menuBox,
    () => request(linli.me.services.$get()),
    ({ services }) => {
      select.replaceChildren(h('option', { value: '' }, tr('req.pick')));
      const groups = new Map<string, Service[]>();
      for (const s of services) groups.set(s.category, [...(groups.get(s.category) ?? []), s]);
      for (const [cat, items] of groups)
        select.append(
          h(
            'optgroup',
            { label: label(locale(), 'category', cat) },
            items.map((s) => h('option', { value: s.id }, `${s.title}（${s.provider.name}）`)),
          ),
        );
      preselect(services);
    },
  );

  /** Arrived from a service's public page ("申请此服务": /me/?service=<id>#requests): that service, chosen, in view. */
  const preselect = (services: Service[]) => {
    const wanted = new URLSearchParams(location.search).get('service');
    if (wanted === null) return;
    const found = services.find((s) => String(s.id) === wanted);
    if (found) {
      select.value = String(found.id);
      say(chosen, 'info', tr('req.chosen', { title: found.title }));
    } else say(chosen, 'warn', tr('req.notOffered'));
    // Once: a reload or a later sign-in on this page starts from the plain form.
    const url = new URL(location.href);
    url.searchParams.delete('service');
    history.replaceState(history.state, '', url);
    root.closest('section')?.scrollIntoView({ block: 'start' });
    select.focus({ preventScroll: true });
  };

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    service.setError(null);
    if (!select.value) {
      service.setError(tr('req.pickMissing'));
      select.focus();
      return;
    }
    void busy(submit, async () => {
      const d = (detail.input as HTMLTextAreaElement).value.trim();
      const preferredDate = (date.input as HTMLInputElement).value;
      const json = {
        serviceId: Number(select.value),
        ...(d ? { detail: d } : {}),
        ...(preferredDate ? { preferredDate } : {}),
      };
      const res = await request(linli.me.requests.$post({ json }));
      if (!res.ok) return say(msg, 'error', errorText(res));
      form.reset();
      say(chosen, 'info', null);
      say(msg, 'ok', tr('req.sent', { title: res.data.title }));
      await loadList();
      focusOn(msg);
    });
  });

  const loadList = () =>
    loadInto(
      list,
      () => request(linli.me.requests.$get({ query: { limit: '50' } })),
      ({ items: requests }) => {
        if (requests.length === 0) return list.append(h('p', { class: 'meta' }, tr('req.none')));
        list.append(h('ul', { class: 'cards' }, requests.map(item)));
      },
    );

  const item = (r: Summary) => {
    const more = h('div', { hidden: true });
    const toggle = h(
      'button',
      { type: 'button', class: 'button', 'aria-expanded': 'false' },
      tr('req.details'),
    );
    toggle.addEventListener('click', async () => {
      const open = toggle.getAttribute('aria-expanded') !== 'true';
      toggle.setAttribute('aria-expanded', String(open));
      more.hidden = !open;
      if (open)
        await loadInto(
          more,
          () => request(linli.me.requests[':id'].$get({ param: { id: String(r.id) } })),
          (d) => renderDetail(more, d),
        );
    });
    return h(
      'li',
      { class: 'card', 'data-request': r.id },
      h('h4', {}, r.title),
      stepper(r.status),
      h(
        'p',
        { class: 'meta' },
        tr('req.asked', { date: fmtDate(r.createdAt) }),
        r.provider ? ` · ${tr('req.provider', { name: r.provider.name })}` : '',
      ),
      r.rating ? h('p', {}, tr('req.rated', { n: r.rating })) : null,
      toggle,
      more,
    );
  };

  const renderDetail = (box: HTMLElement, d: Detail) => {
    const note = msgBox();
    append(box, [
      d.detail ? h('p', {}, d.detail) : null,
      d.preferredDate
        ? h('p', { class: 'meta' }, tr('req.preferred', { date: fmtDate(d.preferredDate) }))
        : null,
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
      note,
    ]);
    if (d.status === 'submitted' || d.status === 'dispatched') {
      const cancel = h('button', { type: 'button', class: 'button' }, tr('req.cancel'));
      cancel.addEventListener('click', () =>
        busy(cancel, async () => {
          const res = await request(
            linli.me.requests[':id'].cancel.$post({ param: { id: String(d.id) }, json: {} }),
          );
          if (!res.ok) return say(note, 'error', errorText(res));
          say(msg, 'ok', tr('req.cancelled', { title: d.title }));
          await loadList();
          focusOn(msg);
        }),
      );
      box.append(cancel);
    }
    if (d.status === 'done' && d.rating === null) box.append(ratingForm(d, note));
    if (d.rating !== null)
      box.append(
        h(
          'p',
          {},
          tr('req.rated', { n: d.rating }),
          d.ratingComment ? ` — ${d.ratingComment}` : '',
        ),
      );
  };

  const ratingForm = (d: Detail, note: HTMLElement) => {
    const form = h('form', { class: 'stack' });
    const name = `rate-${d.id}`;
    const stars = h(
      'fieldset',
      { class: 'stars' },
      h('legend', {}, tr('req.rate')),
      [1, 2, 3, 4, 5].map((n) =>
        h(
          'div',
          { class: 'choice' },
          h('input', { type: 'radio', name, id: `${name}-${n}`, value: n, required: true }),
          h('label', { for: `${name}-${n}` }, tr('req.stars', { n })),
        ),
      ),
    );
    const comment = field(tr('req.comment'), h('textarea', { maxlength: 500, rows: 2 }), {
      hint: tr('common.optional'),
    });
    const send = h('button', { type: 'submit', class: 'button primary' }, tr('req.sendRating'));
    form.append(stars, comment.wrap, send);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const picked = form.querySelector<HTMLInputElement>(`input[name="${name}"]:checked`);
      if (!picked) return say(note, 'error', tr('req.rateMissing'));
      void busy(send, async () => {
        const c = (comment.input as HTMLTextAreaElement).value.trim();
        const res = await request(
          linli.me.requests[':id'].rating.$post({
            param: { id: String(d.id) },
            json: { score: Number(picked.value), ...(c ? { comment: c } : {}) },
          }),
        );
        if (!res.ok) return say(note, 'error', errorText(res));
        say(msg, 'ok', tr('req.thanks'));
        await loadList();
        focusOn(msg);
      });
    });
    return form;
  };

  void loadList();
  return {};
}

export const eventWord = (event: string) => {
  const key = `req.event.${event}` as AppKey;
  const text = tr(key);
  return text === key ? event : text;
};
