import { asc, desc, eq, inArray, ne } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import {
  agendaItems,
  deliberations,
  expenses,
  followups,
  followupUpdates,
  organizations,
  services,
  voteOptions,
} from '../../../db/schema';
import { paths } from './urls';

export interface PublicFollowupUpdate {
  date: string;
  status: string;
  progress: number;
  note: string;
}

export interface PublicFollowup {
  id: number;
  deliberationId: number;
  url: string;
  agendaItemId: number | null;
  title: string;
  responsible: { id: number; name: string };
  dueDate: string;
  status: 'pending' | 'in_progress' | 'done' | 'blocked';
  progress: number;
  updates: PublicFollowupUpdate[];
  /** A withdrawn follow-up stays on its deliberation's page, marked withdrawn with the reason. */
  publication: 'published' | 'withdrawn';
  /** English title and summary, when staff gave them (the /en/ pages show them). */
  titleEn: string | null;
  summaryEn: string | null;
}

export interface PublicAgendaItem {
  id: number;
  position: number;
  title: string;
  description: string;
  decision: string;
  options: Array<{ id: number; label: string; votes: number }>;
}

export interface PublicDeliberation {
  id: number;
  url: string;
  noticeUrl: string;
  body: string;
  title: string;
  date: string;
  place: string;
  chair: string;
  building: string | null;
  expected: number;
  present: number;
  quorum: number;
  quorate: boolean;
  summary: string;
  resolution: string;
  agenda: PublicAgendaItem[];
  followups: PublicFollowup[];
  servicesCreated: Array<{ id: number; title: string; url: string }>;
  expensesApproved: Array<{ id: number; description: string; amountFen: number; fundId: number }>;
  publishedAt: string | null;
  /** A withdrawn deliberation keeps its page, marked withdrawn with the reason. */
  status: 'published' | 'withdrawn';
  /** English title and summary, when staff gave them (the /en/ pages show them). */
  titleEn: string | null;
  summaryEn: string | null;
}

function groupBy<T, K>(items: T[], key: (t: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

/** Published and withdrawn deliberations (never drafts), newest first, each with its agenda, votes, follow-ups and links. */
export async function publicDeliberations(db: Db): Promise<PublicDeliberation[]> {
  const ds = await db
    .select()
    .from(deliberations)
    .where(ne(deliberations.status, 'draft'))
    .orderBy(desc(deliberations.date), desc(deliberations.id));
  if (ds.length === 0) return [];
  const ids = ds.map((d) => d.id);
  // Chunked IN lists keep each statement under SQLite's variable limit on big communities.
  const chunks = <T>(list: T[], size = 500) =>
    Array.from({ length: Math.ceil(list.length / size) }, (_, i) =>
      list.slice(i * size, i * size + size),
    );
  const items = (
    await Promise.all(
      chunks(ids).map((c) =>
        db
          .select()
          .from(agendaItems)
          .where(inArray(agendaItems.deliberationId, c))
          .orderBy(asc(agendaItems.position)),
      ),
    )
  ).flat();
  const itemIds = items.map((i) => i.id);
  const options = (
    await Promise.all(
      chunks(itemIds).map((c) =>
        db
          .select()
          .from(voteOptions)
          .where(inArray(voteOptions.agendaItemId, c))
          .orderBy(asc(voteOptions.position)),
      ),
    )
  ).flat();
  const fus = (
    await Promise.all(
      chunks(ids).map((c) =>
        db
          .select({ f: followups, orgName: organizations.name })
          .from(followups)
          .innerJoin(organizations, eq(organizations.id, followups.responsibleId))
          .where(inArray(followups.deliberationId, c))
          .orderBy(asc(followups.id)),
      ),
    )
  ).flat();
  const fuIds = fus.map((f) => f.f.id);
  const updates = (
    await Promise.all(
      chunks(fuIds).map((c) =>
        db
          .select()
          .from(followupUpdates)
          .where(inArray(followupUpdates.followupId, c))
          .orderBy(asc(followupUpdates.date), asc(followupUpdates.id)),
      ),
    )
  ).flat();
  const linkedServices = await db
    .select({ id: services.id, title: services.title, deliberationId: services.deliberationId })
    .from(services)
    .where(eq(services.status, 'published'));
  const linkedExpenses = await db
    .select({
      id: expenses.id,
      description: expenses.description,
      amountFen: expenses.amountFen,
      fundId: expenses.fundId,
      deliberationId: expenses.deliberationId,
    })
    .from(expenses)
    .where(eq(expenses.status, 'published'));

  const optionsByItem = groupBy(options, (o) => o.agendaItemId);
  const itemsByDeliberation = groupBy(items, (i) => i.deliberationId);
  const updatesByFollowup = groupBy(updates, (u) => u.followupId);
  const followupsByDeliberation = groupBy(fus, (f) => f.f.deliberationId);
  const servicesByDeliberation = groupBy(linkedServices, (s) => s.deliberationId);
  const expensesByDeliberation = groupBy(linkedExpenses, (e) => e.deliberationId);

  return ds.map((d) => ({
    id: d.id,
    url: paths.deliberation(d.id),
    noticeUrl: paths.deliberationNotice(d.id),
    body: d.body,
    title: d.title,
    date: d.date,
    place: d.place,
    chair: d.chair,
    building: d.building,
    expected: d.expected,
    present: d.present,
    quorum: d.quorum,
    quorate: d.present >= d.quorum,
    status: d.status === 'withdrawn' ? 'withdrawn' : 'published',
    summary: d.summary,
    resolution: d.resolution,
    agenda: (itemsByDeliberation.get(d.id) ?? []).map((i) => ({
      id: i.id,
      position: i.position,
      title: i.title,
      description: i.description,
      decision: i.decision,
      options: (optionsByItem.get(i.id) ?? []).map((o) => ({
        id: o.id,
        label: o.label,
        votes: o.votes,
      })),
    })),
    followups: (followupsByDeliberation.get(d.id) ?? []).map(({ f, orgName }) => ({
      id: f.id,
      deliberationId: d.id,
      url: `${paths.deliberation(d.id)}#followup-${f.id}`,
      agendaItemId: f.agendaItemId,
      title: f.title,
      responsible: { id: f.responsibleId, name: orgName },
      dueDate: f.dueDate,
      status: f.status,
      progress: f.progress,
      updates: (updatesByFollowup.get(f.id) ?? []).map((u) => ({
        date: u.date,
        status: u.status,
        progress: u.progress,
        note: u.note,
      })),
      publication: f.publication,
      titleEn: f.titleEn,
      summaryEn: f.summaryEn,
    })),
    servicesCreated: (servicesByDeliberation.get(d.id) ?? []).map((s) => ({
      id: s.id,
      title: s.title,
      url: paths.service(s.id),
    })),
    expensesApproved: (expensesByDeliberation.get(d.id) ?? []).map((e) => ({
      id: e.id,
      description: e.description,
      amountFen: e.amountFen,
      fundId: e.fundId,
    })),
    publishedAt: d.publishedAt,
    titleEn: d.titleEn,
    summaryEn: d.summaryEn,
  }));
}
