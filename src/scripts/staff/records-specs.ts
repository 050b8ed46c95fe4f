import type { AppKey } from '../../i18n/app';
import { type LabelGroup, label } from '../../i18n/labels';
import { h } from '../dom';
import { fmtYuan, locale, tr } from '../i18n';

/**
 * What each kind of public record holds: its fields (which the form engine turns into controls),
 * how a list row names it and which day it belongs to. The API path of a kind is its name.
 */
export type Field =
  | { name: string; kind: 'text' | 'textarea'; max: number; optional?: boolean }
  | { name: string; kind: 'date'; optional?: boolean }
  | { name: string; kind: 'int'; min?: number; max?: number; optional?: boolean }
  | { name: string; kind: 'fen'; optional?: boolean }
  | { name: string; kind: 'bool' }
  | { name: string; kind: 'enum'; group: LabelGroup; optional?: boolean }
  | { name: string; kind: 'multi'; group: LabelGroup }
  | {
      name: string;
      kind: 'ref';
      source: 'funds' | 'organizations' | 'deliberations' | 'published';
      optional?: boolean;
      remember?: boolean;
    }
  | { name: string; kind: 'agenda' };

export interface Spec {
  path: string;
  fields: Field[];
  title: (r: Rec) => string;
  date?: (r: Rec) => string | undefined;
}
export type Rec = Record<string, unknown> & {
  id: number;
  status: 'draft' | 'published' | 'withdrawn';
};

/** The choices for reference fields and chain links (records-options.ts): `published` are the published deliberations. */
export type Options = Record<
  'funds' | 'organizations' | 'deliberations' | 'published' | 'services',
  Array<[string, string]>
>;

const onDate = (r: Rec) => String(r.date);
/** The optional English title and summary shown on /en/ (only kinds whose API takes them), last in the form. */
const ENGLISH: Field[] = [
  { name: 'titleEn', kind: 'text', max: 200, optional: true },
  { name: 'summaryEn', kind: 'textarea', max: 2000, optional: true },
];
/**
 * Money records (donations, incomes, expenses): money moves in a fund on a day, and the fund stays
 * picked from one entry to the next; a list row names the record by `what` and its amount.
 */
const moneySpec = (what: (r: Rec) => string, fields: Field[]): Omit<Spec, 'path'> => ({
  fields: [
    { name: 'fundId', kind: 'ref', source: 'funds', remember: true },
    { name: 'date', kind: 'date' },
    ...fields,
  ],
  title: (r) => `${what(r)} · ${fmtYuan(Number(r.amountFen))}`,
  date: onDate,
});

const KIND_SPECS: Record<string, Omit<Spec, 'path'>> = {
  services: {
    fields: [
      { name: 'category', kind: 'enum', group: 'category' },
      { name: 'title', kind: 'text', max: 100 },
      { name: 'description', kind: 'textarea', max: 2000 },
      { name: 'providerId', kind: 'ref', source: 'organizations' },
      { name: 'audiences', kind: 'multi', group: 'audience' },
      { name: 'schedule', kind: 'text', max: 100 },
      { name: 'monthlyDay', kind: 'int', min: 1, max: 31, optional: true },
      { name: 'place', kind: 'text', max: 100, optional: false },
      { name: 'cost', kind: 'enum', group: 'cost' },
      { name: 'costNote', kind: 'text', max: 200, optional: true },
      { name: 'howToAsk', kind: 'textarea', max: 500 },
      { name: 'deliberationId', kind: 'ref', source: 'deliberations', optional: true },
      ...ENGLISH,
    ],
    title: (r) => String(r.title),
  },
  deliberations: {
    fields: [
      { name: 'body', kind: 'enum', group: 'body' },
      { name: 'title', kind: 'text', max: 200 },
      { name: 'date', kind: 'date' },
      { name: 'place', kind: 'text', max: 100 },
      { name: 'chair', kind: 'text', max: 100 },
      { name: 'building', kind: 'text', max: 100, optional: true },
      { name: 'expected', kind: 'int', min: 0 },
      { name: 'present', kind: 'int', min: 0 },
      { name: 'quorum', kind: 'int', min: 0 },
      { name: 'summary', kind: 'textarea', max: 5000 },
      { name: 'agendaItems', kind: 'agenda' },
      { name: 'resolution', kind: 'textarea', max: 5000 },
      ...ENGLISH,
    ],
    title: (r) => String(r.title),
    date: onDate,
  },
  donations: moneySpec(
    (r) => (r.anonymous ? tr('staff.rec.anonymous') : String(r.donorName)),
    [
      { name: 'donorType', kind: 'enum', group: 'donorType' },
      { name: 'donorName', kind: 'text', max: 100 },
      { name: 'anonymous', kind: 'bool' },
      { name: 'organizationId', kind: 'ref', source: 'organizations', optional: true },
      { name: 'form', kind: 'enum', group: 'donationForm' },
      { name: 'amountFen', kind: 'fen' },
      { name: 'itemDescription', kind: 'text', max: 500, optional: true },
      { name: 'quantity', kind: 'text', max: 100, optional: true },
      { name: 'outcome', kind: 'textarea', max: 1000, optional: true },
      { name: 'receiptNo', kind: 'text', max: 50 },
      { name: 'note', kind: 'textarea', max: 1000, optional: true },
      ...ENGLISH,
    ],
  ),
  incomes: moneySpec(
    (r) => String(r.source),
    [
      { name: 'source', kind: 'text', max: 200 },
      { name: 'kind', kind: 'enum', group: 'incomeKind' },
      { name: 'amountFen', kind: 'fen' },
      { name: 'receiptNo', kind: 'text', max: 50 },
    ],
  ),
  expenses: moneySpec(
    (r) => String(r.description).slice(0, 40),
    [
      { name: 'budgetLine', kind: 'enum', group: 'budgetLine' },
      { name: 'description', kind: 'textarea', max: 1000 },
      { name: 'payee', kind: 'text', max: 200 },
      { name: 'beneficiaries', kind: 'text', max: 500, optional: true },
      { name: 'amountFen', kind: 'fen' },
      { name: 'receiptNo', kind: 'text', max: 50 },
      { name: 'deliberationId', kind: 'ref', source: 'deliberations', optional: true },
      { name: 'noReceiptReason', kind: 'textarea', max: 500, optional: true },
      ...ENGLISH,
    ],
  ),
  budgets: {
    fields: [
      { name: 'fundId', kind: 'ref', source: 'funds', remember: true },
      { name: 'year', kind: 'int', min: 2000, max: 2099 },
      { name: 'budgetLine', kind: 'enum', group: 'budgetLine' },
      { name: 'plannedFen', kind: 'fen' },
    ],
    title: (r) =>
      `${String(r.year)} ${label(locale(), 'budgetLine', String(r.budgetLine))} · ${fmtYuan(Number(r.plannedFen))}`,
  },
  funds: {
    fields: [
      { name: 'code', kind: 'text', max: 32 },
      { name: 'name', kind: 'text', max: 100 },
      { name: 'kind', kind: 'enum', group: 'fundKind' },
      { name: 'description', kind: 'textarea', max: 2000 },
      ...ENGLISH,
    ],
    title: (r) => String(r.name),
  },
  organizations: {
    fields: [
      { name: 'kind', kind: 'enum', group: 'orgKind' },
      { name: 'name', kind: 'text', max: 100 },
      { name: 'parentId', kind: 'ref', source: 'organizations', optional: true },
      { name: 'description', kind: 'textarea', max: 2000 },
      { name: 'provides', kind: 'textarea', max: 500 },
      { name: 'covers', kind: 'text', max: 200, optional: true },
      { name: 'contact', kind: 'text', max: 100, optional: true },
      ...ENGLISH,
    ],
    title: (r) => `${String(r.name)}（${label(locale(), 'orgKind', String(r.kind))}）`,
  },
  corrections: {
    fields: [
      { name: 'entity', kind: 'enum', group: 'correctionEntity' },
      { name: 'entityId', kind: 'int', min: 1 },
      { name: 'date', kind: 'date' },
      { name: 'amountDeltaFen', kind: 'fen' },
      { name: 'explanation', kind: 'textarea', max: 2000 },
    ],
    title: (r) =>
      `${label(locale(), 'correctionEntity', String(r.entity))} #${r.entityId} · ${String(r.explanation).slice(0, 40)}`,
    date: onDate,
  },
};
export const SPECS: Record<string, Spec> = Object.fromEntries(
  Object.entries(KIND_SPECS).map(([kind, spec]) => [kind, { path: kind, ...spec }]),
);
export const KINDS = Object.keys(SPECS);

/** A field's label: the record kind's own (staff.rec.f.funds.kind) before the shared one (staff.rec.f.kind). */
export const fl = (kind: string, name: string) => {
  const own = `staff.rec.f.${kind}.${name}` as AppKey;
  const text = tr(own);
  return text !== own ? text : tr(`staff.rec.f.${name}` as AppKey);
};

/** A kind's name as staff read it (服务, 捐赠…). */
export const kindName = (kind: string) => tr(`staff.rec.k.${kind}` as AppKey);

export const badge = (status: string) =>
  h(
    'span',
    { class: `badge ${status}` },
    status === 'draft'
      ? tr('staff.rec.draft')
      : status === 'withdrawn'
        ? tr('staff.rec.withdrawn')
        : tr('staff.rec.published'),
  );
