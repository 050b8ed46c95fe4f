import { label } from '../../i18n/labels';
import { linli, request } from '../api';
import { field, h } from '../dom';
import { locale, tr } from '../i18n';
import type { Options } from './records-specs';

type Titled = { id: number; title: string; status: string };
let pending: Promise<Options> | null = null;

/**
 * The choices of the record editor's reference fields and of the chain links (the published
 * deliberations and services a request, activity or award batch may name): loaded once per
 * console and shared by every panel, loaded again after a record is published or withdrawn.
 */
export function loadOptions(): Promise<Options> {
  pending ??= (async () => {
    const [f, o, d, s] = await Promise.all([
      request(linli.staff.records.funds.$get({ query: { limit: '200' } })),
      request(linli.staff.records.organizations.$get({ query: { limit: '200' } })),
      request(linli.staff.records.deliberations.$get({ query: { limit: '200' } })),
      request(linli.staff.records.services.$get({ query: { status: 'published', limit: '200' } })),
    ]);
    const deliberations = d.ok ? d.data.items : [];
    const named = (x: Titled & { date: string }): [string, string] => [
      String(x.id),
      `${x.date} ${x.title}`,
    ];
    return {
      funds: f.ok ? f.data.items.map((x) => [String(x.id), x.name]) : [],
      organizations: o.ok
        ? o.data.items.map((x) => [
            String(x.id),
            `${x.name}（${label(locale(), 'orgKind', x.kind)}）`,
          ])
        : [],
      deliberations: deliberations.map(named),
      published: deliberations.filter((x) => x.status === 'published').map(named),
      services: s.ok ? s.data.items.map((x) => [String(x.id), x.title]) : [],
    };
  })();
  return pending;
}

export function forgetOptions(): void {
  pending = null;
}

/** The name of a deliberation by id, as the options list it (for a request's linked deliberation). */
export async function deliberationName(id: number): Promise<string> {
  return (await loadOptions()).deliberations.find(([v]) => v === String(id))?.[1] ?? `#${id}`;
}

/**
 * "来自议事 / From deliberation" (and, where the API takes one, a service): optional selects of
 * published records, read as the API's deliberationId/serviceId (null when none is picked).
 */
export function chainPicker(withService: boolean) {
  const pick = (key: 'staff.chain.deliberation' | 'staff.chain.service') =>
    field(
      `${tr(key)}（${tr('common.optional')}）`,
      h(
        'select',
        { 'data-chain': key.slice(12) },
        h('option', { value: '' }, tr('common.loading')),
      ),
    );
  const deliberation = pick('staff.chain.deliberation');
  const service = withService ? pick('staff.chain.service') : null;
  const fill = (el: HTMLElement, choices: Array<[string, string]>) =>
    el.replaceChildren(
      h('option', { value: '' }, tr('staff.chain.none')),
      ...choices.map(([v, l]) => h('option', { value: v }, l)),
    );
  void loadOptions().then((o) => {
    fill(deliberation.input, o.published);
    if (service) fill(service.input, o.services);
  });
  const id = (f: { input: HTMLElement }) =>
    (f.input as HTMLSelectElement).value ? Number((f.input as HTMLSelectElement).value) : null;
  return {
    wraps: [deliberation.wrap, service?.wrap ?? null],
    read: () => ({
      deliberationId: id(deliberation),
      ...(service ? { serviceId: id(service) } : {}),
    }),
  };
}
