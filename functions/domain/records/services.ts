import { desc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import {
  deliberations,
  organizations,
  type serviceAudiences,
  type serviceCategories,
  type serviceCosts,
  services,
} from '../../../db/schema';
import { type Page, pageOf } from '../shared/paging';
import { type Actor, audit } from './audit';
import { markPublished, type PublishEvent, requirePublished } from './publish';
import {
  type EnglishFields,
  type ListQuery,
  listWhere,
  notFound,
  type Revision,
  requireRef,
} from './shared';
import { saveEdit } from './versions';

/** 服务清单: what is offered, by whom, for whom, when, and how to ask for it. */
type ServiceRow = typeof services.$inferSelect;
export type ServiceAudience = (typeof serviceAudiences)[number];
export type Service = Omit<ServiceRow, 'audiences'> & { audiences: ServiceAudience[] };

export interface ServiceFields extends EnglishFields {
  category: (typeof serviceCategories)[number];
  title: string;
  description: string;
  providerId: number;
  audiences: ServiceAudience[];
  schedule: string;
  monthlyDay?: number | null | undefined;
  place: string;
  cost: (typeof serviceCosts)[number];
  costNote?: string | null | undefined;
  howToAsk: string;
  deliberationId?: number | null | undefined;
}

const view = (row: ServiceRow): Service => ({
  ...row,
  audiences: JSON.parse(row.audiences) as ServiceAudience[],
});

/** Audiences are stored as a JSON array of codes, deduplicated in the order given. */
function stored<T extends Partial<ServiceFields>>(
  fields: T,
): Omit<T, 'audiences'> & { audiences?: string } {
  const { audiences, ...rest } = fields;
  return audiences === undefined
    ? rest
    : { ...rest, audiences: JSON.stringify([...new Set(audiences)]) };
}

async function findRow(db: Db, id: number): Promise<ServiceRow> {
  const [row] = await db.select().from(services).where(eq(services.id, id));
  if (!row) throw notFound(`服务 ${id} 不存在`);
  return row;
}

export const findService = async (db: Db, id: number): Promise<Service> =>
  view(await findRow(db, id));

async function checkRefs(tx: Db, fields: Partial<ServiceFields>): Promise<void> {
  await requireRef(
    tx,
    organizations,
    fields.providerId,
    `服务提供方（组织 ${fields.providerId}）不存在`,
  );
  await requireRef(
    tx,
    deliberations,
    fields.deliberationId,
    `议事记录 ${fields.deliberationId} 不存在`,
  );
}

export async function createService(tx: Db, actor: Actor, fields: ServiceFields): Promise<Service> {
  await checkRefs(tx, fields);
  const [row] = await tx
    .insert(services)
    .values({
      ...fields,
      audiences: JSON.stringify([...new Set(fields.audiences)]),
      createdAt: actor.now.toISOString(),
      createdBy: actor.actorId,
    })
    .returning();
  await audit(tx, actor, 'create', 'service', row!.id, { fields });
  return view(row!);
}

export async function updateService(
  tx: Db,
  actor: Actor,
  id: number,
  { reason, ...patch }: Partial<ServiceFields> & Revision,
): Promise<Service> {
  const current = await findService(tx, id);
  await checkRefs(tx, patch);
  await saveEdit(tx, actor, {
    entity: 'service',
    what: `服务 ${id} `,
    current,
    patch,
    reason,
    write: async () =>
      void (await tx.update(services).set(stored(patch)).where(eq(services.id, id))),
  });
  return findService(tx, id);
}

export async function publishService(
  tx: Db,
  actor: Actor,
  id: number,
): Promise<{ record: Service; event: PublishEvent }> {
  const row = await findRow(tx, id);
  if (row.status === 'draft') {
    await requirePublished(
      tx,
      organizations,
      row.providerId,
      `请先发布服务提供方（组织 ${row.providerId}）`,
    );
    await requirePublished(
      tx,
      deliberations,
      row.deliberationId,
      `请先发布产生该服务的议事记录 ${row.deliberationId}`,
    );
  }
  const event = await markPublished(tx, actor, services, 'service', id, `服务 ${id} `);
  return { record: await findService(tx, id), event };
}

export async function listServices(
  db: Db,
  q: ListQuery & { providerId?: number | undefined },
): Promise<Page<Service>> {
  const rows = await db
    .select()
    .from(services)
    .where(listWhere(services, q, q.providerId ? eq(services.providerId, q.providerId) : undefined))
    .orderBy(desc(services.id))
    .limit(q.limit + 1);
  const page = pageOf(rows, q.limit);
  return { items: page.items.map(view), nextCursor: page.nextCursor };
}
