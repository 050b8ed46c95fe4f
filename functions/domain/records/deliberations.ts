import { asc, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import {
  agendaItems,
  type deliberationBodies,
  deliberations,
  followups,
  followupUpdates,
  organizations,
  voteOptions,
} from '../../../db/schema';
import { DomainError } from '../shared/errors';
import { type Page, pageOf } from '../shared/paging';
import { type Actor, audit } from './audit';
import { markPublished, type PublishEvent, requirePublished } from './publish';
import {
  type EnglishFields,
  invalid,
  type ListQuery,
  listWhere,
  notFound,
  type Revision,
} from './shared';
import { saveEdit } from './versions';

/** 议事协商: which body met, when, who came, the agenda with its options and votes, the resolution. */
export type DeliberationRow = typeof deliberations.$inferSelect;
export type AgendaItem = typeof agendaItems.$inferSelect & {
  options: Array<typeof voteOptions.$inferSelect>;
};
export type Followup = typeof followups.$inferSelect & {
  updates: Array<typeof followupUpdates.$inferSelect>;
};
export type Deliberation = DeliberationRow & { agendaItems: AgendaItem[]; followups: Followup[] };

export interface AgendaItemFields {
  title: string;
  description: string;
  decision: string;
  options: Array<{ label: string; votes: number }>;
}

export interface DeliberationFields extends EnglishFields {
  body: (typeof deliberationBodies)[number];
  title: string;
  date: string;
  place: string;
  chair: string;
  building?: string | null | undefined;
  expected: number;
  present: number;
  quorum: number;
  summary: string;
  resolution: string;
  agendaItems: AgendaItemFields[];
}

export async function findDeliberationRow(db: Db, id: number): Promise<DeliberationRow> {
  const [row] = await db.select().from(deliberations).where(eq(deliberations.id, id));
  if (!row) throw notFound(`议事记录 ${id} 不存在`);
  return row;
}

export async function findDeliberation(db: Db, id: number): Promise<Deliberation> {
  const row = await findDeliberationRow(db, id);
  const items = await db
    .select()
    .from(agendaItems)
    .where(eq(agendaItems.deliberationId, id))
    .orderBy(asc(agendaItems.position));
  const options = items.length
    ? await db
        .select()
        .from(voteOptions)
        .where(
          inArray(
            voteOptions.agendaItemId,
            items.map((i) => i.id),
          ),
        )
        .orderBy(asc(voteOptions.position))
    : [];
  const withOptions = items.map((item) => ({
    ...item,
    options: options.filter((o) => o.agendaItemId === item.id),
  }));
  const follow = await db
    .select()
    .from(followups)
    .where(eq(followups.deliberationId, id))
    .orderBy(asc(followups.id));
  const updates = follow.length
    ? await db
        .select()
        .from(followupUpdates)
        .where(
          inArray(
            followupUpdates.followupId,
            follow.map((f) => f.id),
          ),
        )
        .orderBy(asc(followupUpdates.date), asc(followupUpdates.id))
    : [];
  return {
    ...row,
    agendaItems: withOptions,
    followups: follow.map((f) => ({ ...f, updates: updates.filter((u) => u.followupId === f.id) })),
  };
}

/** Attendance and tallies that cannot be: more present than expected, more votes than people present. */
function checkCounts(
  d: Pick<DeliberationFields, 'expected' | 'present' | 'quorum'>,
  items: Array<Pick<AgendaItemFields, 'title' | 'options'>>,
): void {
  if (d.present > d.expected) throw invalid(`到会人数 ${d.present} 超过应到人数 ${d.expected}`);
  if (d.quorum > d.expected) throw invalid(`法定人数 ${d.quorum} 超过应到人数 ${d.expected}`);
  for (const item of items) {
    const total = item.options.reduce((sum, o) => sum + o.votes, 0);
    if (total > d.present)
      throw invalid(`议题「${item.title}」的票数合计 ${total} 超过到会人数 ${d.present}`);
  }
}

async function insertOptions(
  tx: Db,
  agendaItemId: number,
  options: AgendaItemFields['options'],
): Promise<void> {
  if (options.length === 0) return;
  await tx
    .insert(voteOptions)
    .values(
      options.map((o, i) => ({ agendaItemId, position: i + 1, label: o.label, votes: o.votes })),
    );
}

export async function createDeliberation(
  tx: Db,
  actor: Actor,
  fields: DeliberationFields,
): Promise<Deliberation> {
  checkCounts(fields, fields.agendaItems);
  const { agendaItems: items, ...scalars } = fields;
  const [row] = await tx
    .insert(deliberations)
    .values({ ...scalars, createdAt: actor.now.toISOString(), createdBy: actor.actorId })
    .returning({ id: deliberations.id });
  const id = row!.id;
  for (const [i, item] of items.entries()) {
    const [inserted] = await tx
      .insert(agendaItems)
      .values({
        deliberationId: id,
        position: i + 1,
        title: item.title,
        description: item.description,
        decision: item.decision,
      })
      .returning({ id: agendaItems.id });
    await insertOptions(tx, inserted!.id, item.options);
  }
  await audit(tx, actor, 'create', 'deliberation', id, { fields });
  return findDeliberation(tx, id);
}

/**
 * Edits a draft. Given agenda items replace the old ones position by position (so follow-ups keep
 * pointing at the same item); an item that a follow-up names cannot be dropped.
 */
export async function updateDeliberation(
  tx: Db,
  actor: Actor,
  id: number,
  { reason, ...patch }: Partial<DeliberationFields> & Revision,
): Promise<Deliberation> {
  const current = await findDeliberation(tx, id);
  const { agendaItems: items, ...scalars } = patch;
  checkCounts({ ...current, ...scalars }, items ?? current.agendaItems);
  // Compared as entered: an agenda item is its words and tallies, not its row ids.
  const asEntered = {
    ...current,
    agendaItems: current.agendaItems.map(({ title, description, decision, options }) => ({
      title,
      description,
      decision,
      options: options.map(({ label, votes }) => ({ label, votes })),
    })),
  };
  const { changed } = await saveEdit(tx, actor, {
    entity: 'deliberation',
    what: `议事记录 ${id} `,
    current: asEntered,
    patch,
    reason,
    write: () => writeDeliberation(tx, current, scalars, items),
  });
  return changed ? findDeliberation(tx, id) : current;
}

async function writeDeliberation(
  tx: Db,
  current: Deliberation,
  scalars: Partial<Omit<DeliberationFields, 'agendaItems'>>,
  items: AgendaItemFields[] | undefined,
): Promise<void> {
  const id = current.id;
  if (Object.keys(scalars).length > 0)
    await tx.update(deliberations).set(scalars).where(eq(deliberations.id, id));
  if (items) {
    for (const [i, item] of items.entries()) {
      const old = current.agendaItems[i];
      if (old) {
        await tx
          .update(agendaItems)
          .set({ title: item.title, description: item.description, decision: item.decision })
          .where(eq(agendaItems.id, old.id));
        await tx.delete(voteOptions).where(eq(voteOptions.agendaItemId, old.id));
        await insertOptions(tx, old.id, item.options);
      } else {
        const [inserted] = await tx
          .insert(agendaItems)
          .values({
            deliberationId: id,
            position: i + 1,
            title: item.title,
            description: item.description,
            decision: item.decision,
          })
          .returning({ id: agendaItems.id });
        await insertOptions(tx, inserted!.id, item.options);
      }
    }
    for (const dropped of current.agendaItems.slice(items.length)) {
      const named = current.followups.find((f) => f.agendaItemId === dropped.id);
      if (named)
        throw new DomainError(
          'agenda_in_use',
          `议题「${dropped.title}」已有跟进事项（${named.id}），不能删除`,
        );
      await tx.delete(voteOptions).where(eq(voteOptions.agendaItemId, dropped.id));
      await tx.delete(agendaItems).where(eq(agendaItems.id, dropped.id));
    }
  }
}

/** Publishing a deliberation publishes its agenda, votes and follow-ups with it (they have no status of their own). */
export async function publishDeliberation(
  tx: Db,
  actor: Actor,
  id: number,
): Promise<{ record: Deliberation; event: PublishEvent }> {
  const current = await findDeliberation(tx, id);
  if (current.status === 'draft') {
    for (const f of current.followups) {
      await requirePublished(
        tx,
        organizations,
        f.responsibleId,
        `请先发布跟进事项「${f.title}」的责任单位（组织 ${f.responsibleId}）`,
      );
    }
  }
  const event = await markPublished(
    tx,
    actor,
    deliberations,
    'deliberation',
    id,
    `议事记录 ${id} `,
    {
      agendaItems: current.agendaItems.length,
      followups: current.followups.length,
    },
  );
  return { record: await findDeliberation(tx, id), event };
}

export async function listDeliberations(db: Db, q: ListQuery): Promise<Page<DeliberationRow>> {
  const rows = await db
    .select()
    .from(deliberations)
    .where(listWhere(deliberations, q))
    .orderBy(desc(deliberations.id))
    .limit(q.limit + 1);
  return pageOf(rows, q.limit);
}
