import { desc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { type fundKinds, funds } from '../../../db/schema';
import { DomainError } from '../shared/errors';
import { type Page, pageOf } from '../shared/paging';
import { type Actor, audit } from './audit';
import { markPublished, type PublishEvent } from './publish';
import { type EnglishFields, type ListQuery, listWhere, notFound, type Revision } from './shared';
import { saveEdit } from './versions';

/** 社区微基金 and project funds: every donation, income, expense and budget belongs to one. */
export type Fund = typeof funds.$inferSelect;

export interface FundFields extends EnglishFields {
  code: string;
  name: string;
  kind: (typeof fundKinds)[number];
  description: string;
}

export async function findFund(db: Db, id: number): Promise<Fund> {
  const [row] = await db.select().from(funds).where(eq(funds.id, id));
  if (!row) throw notFound(`基金 ${id} 不存在`);
  return row;
}

async function checkCode(tx: Db, code: string | undefined, selfId?: number): Promise<void> {
  if (code === undefined) return;
  const [other] = await tx.select({ id: funds.id }).from(funds).where(eq(funds.code, code));
  if (other && other.id !== selfId)
    throw new DomainError('fund_code_taken', `基金编号 ${code} 已被使用`);
}

export async function createFund(tx: Db, actor: Actor, fields: FundFields): Promise<Fund> {
  await checkCode(tx, fields.code);
  const [row] = await tx
    .insert(funds)
    .values({ ...fields, createdAt: actor.now.toISOString(), createdBy: actor.actorId })
    .returning();
  await audit(tx, actor, 'create', 'fund', row!.id, { fields });
  return row!;
}

export async function updateFund(
  tx: Db,
  actor: Actor,
  id: number,
  { reason, ...patch }: Partial<FundFields> & Revision,
): Promise<Fund> {
  const current = await findFund(tx, id);
  await checkCode(tx, patch.code, id);
  await saveEdit(tx, actor, {
    entity: 'fund',
    what: `基金 ${id} `,
    current,
    patch,
    reason,
    write: async () => void (await tx.update(funds).set(patch).where(eq(funds.id, id))),
  });
  return findFund(tx, id);
}

export async function publishFund(
  tx: Db,
  actor: Actor,
  id: number,
): Promise<{ record: Fund; event: PublishEvent }> {
  await findFund(tx, id);
  const event = await markPublished(tx, actor, funds, 'fund', id, `基金 ${id} `);
  return { record: await findFund(tx, id), event };
}

export async function listFunds(db: Db, q: ListQuery): Promise<Page<Fund>> {
  const rows = await db
    .select()
    .from(funds)
    .where(listWhere(funds, q))
    .orderBy(desc(funds.id))
    .limit(q.limit + 1);
  return pageOf(rows, q.limit);
}
