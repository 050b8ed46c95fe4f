import type { StaffServiceRequestJson } from '../../../functions/routes/staff/requests';
import type { AppKey } from '../../i18n/app';
import { h } from '../dom';
import { fmtDate, fmtDateTime, tr } from '../i18n';
import { eventWord, stepper } from '../me/requests';
import { deliberationName } from './records-options';

/** The deliberation a request names, by its name once the console's options have loaded. */
function linkedDeliberation(id: number): HTMLElement {
  const dd = h('dd', { 'data-linked-deliberation': id }, `#${id}`);
  void deliberationName(id).then((name) => (dd.textContent = name));
  return dd;
}

/** What a request is and what has happened to it: its step, the facts, and the timeline of events. */
export const requestFacts = (d: StaffServiceRequestJson) => [
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
    d.preferredDate ? [h('dt', {}, tr('req.date')), h('dd', {}, fmtDate(d.preferredDate))] : null,
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
];
