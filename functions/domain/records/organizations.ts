import { desc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { type OrganizationKind, organizations, teams, users } from '../../../db/schema';
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
  requireRef,
} from './shared';
import { saveEdit } from './versions';

/** The 一核多元 map: Party committee and branches, residents' committee, property companies, social organisations… */
export type Organization = typeof organizations.$inferSelect;

export interface OrganizationFields extends EnglishFields {
  kind: OrganizationKind;
  name: string;
  parentId?: number | null | undefined;
  description: string;
  provides: string;
  covers?: string | null | undefined;
  contact?: string | null | undefined;
  merchantUserId?: number | null | undefined;
  teamId?: number | null | undefined;
}

export async function findOrganization(db: Db, id: number): Promise<Organization> {
  const [row] = await db.select().from(organizations).where(eq(organizations.id, id));
  if (!row) throw notFound(`组织 ${id} 不存在`);
  return row;
}

async function checkRefs(
  tx: Db,
  fields: Partial<OrganizationFields>,
  selfId?: number,
): Promise<void> {
  await requireRef(tx, organizations, fields.parentId, `上级组织 ${fields.parentId} 不存在`);
  await requireRef(tx, teams, fields.teamId, `志愿队伍 ${fields.teamId} 不存在`);
  if (fields.merchantUserId !== null && fields.merchantUserId !== undefined) {
    const [user] = await tx
      .select({ role: users.role })
      .from(users)
      .where(eq(users.id, fields.merchantUserId));
    if (user?.role !== 'merchant') throw invalid(`用户 ${fields.merchantUserId} 不是商户账号`);
  }
  if (selfId !== undefined && fields.parentId) {
    // Walk up from the new parent: meeting this organisation again would make a loop.
    let at: number | null = fields.parentId;
    for (let depth = 0; at !== null && depth < 100; depth++) {
      if (at === selfId) throw invalid('上级组织不能是它自己或它的下级');
      const [up]: Array<{ parentId: number | null }> = await tx
        .select({ parentId: organizations.parentId })
        .from(organizations)
        .where(eq(organizations.id, at));
      at = up?.parentId ?? null;
    }
  }
}

export async function createOrganization(
  tx: Db,
  actor: Actor,
  fields: OrganizationFields,
): Promise<Organization> {
  await checkRefs(tx, fields);
  const [row] = await tx
    .insert(organizations)
    .values({ ...fields, createdAt: actor.now.toISOString(), createdBy: actor.actorId })
    .returning();
  await audit(tx, actor, 'create', 'organization', row!.id, { fields });
  return row!;
}

export async function updateOrganization(
  tx: Db,
  actor: Actor,
  id: number,
  { reason, ...patch }: Partial<OrganizationFields> & Revision,
): Promise<Organization> {
  const current = await findOrganization(tx, id);
  await checkRefs(tx, patch, id);
  await saveEdit(tx, actor, {
    entity: 'organization',
    what: `组织 ${id} `,
    current,
    patch,
    reason,
    write: async () =>
      void (await tx.update(organizations).set(patch).where(eq(organizations.id, id))),
  });
  return findOrganization(tx, id);
}

export async function publishOrganization(
  tx: Db,
  actor: Actor,
  id: number,
): Promise<{ record: Organization; event: PublishEvent }> {
  const row = await findOrganization(tx, id);
  await requirePublished(
    tx,
    organizations,
    row.status === 'draft' ? row.parentId : null,
    `请先发布上级组织 ${row.parentId}`,
  );
  const event = await markPublished(tx, actor, organizations, 'organization', id, `组织 ${id} `);
  return { record: await findOrganization(tx, id), event };
}

export async function listOrganizations(
  db: Db,
  q: ListQuery & { kind?: OrganizationKind | undefined },
): Promise<Page<Organization>> {
  const rows = await db
    .select()
    .from(organizations)
    .where(listWhere(organizations, q, q.kind ? eq(organizations.kind, q.kind) : undefined))
    .orderBy(desc(organizations.id))
    .limit(q.limit + 1);
  return pageOf(rows, q.limit);
}
