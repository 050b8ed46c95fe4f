import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import {
  type donationForms,
  donations,
  type donorTypes,
  funds,
  organizations,
} from '../../../db/schema';
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

/** 慈善资源 in: money or goods, from government, merchants, enterprises or individuals (anonymous if they wish). */
export type Donation = typeof donations.$inferSelect;

export interface DonationFields extends EnglishFields {
  fundId: number;
  date: string;
  donorType: (typeof donorTypes)[number];
  donorName: string;
  anonymous: boolean;
  organizationId?: number | null | undefined;
  form: (typeof donationForms)[number];
  /** Money: the amount; in kind: the valuation, in fen. */
  amountFen: number;
  itemDescription?: string | null | undefined;
  quantity?: string | null | undefined;
  outcome?: string | null | undefined;
  receiptNo: string;
  note?: string | null | undefined;
}

/** A published money record's amount and fund change only by a correction (更正), never by a revision. */
export const MONEY_FIXED = ['amountFen', 'fundId'] as const;

export async function findDonation(db: Db, id: number): Promise<Donation> {
  const [row] = await db.select().from(donations).where(eq(donations.id, id));
  if (!row) throw notFound(`捐赠记录 ${id} 不存在`);
  return row;
}

async function check(
  tx: Db,
  fields: Partial<DonationFields>,
  merged: Pick<DonationFields, 'form' | 'itemDescription'>,
): Promise<void> {
  await requireRef(tx, funds, fields.fundId, `基金 ${fields.fundId} 不存在`);
  await requireRef(
    tx,
    organizations,
    fields.organizationId,
    `组织 ${fields.organizationId} 不存在`,
  );
  if (merged.form === 'in_kind' && !merged.itemDescription)
    throw invalid('实物捐赠须填写物品说明（itemDescription）');
}

export async function createDonation(
  tx: Db,
  actor: Actor,
  fields: DonationFields,
): Promise<Donation> {
  await check(tx, fields, fields);
  const [row] = await tx
    .insert(donations)
    .values({ ...fields, createdAt: actor.now.toISOString(), createdBy: actor.actorId })
    .returning();
  await audit(tx, actor, 'create', 'donation', row!.id, { fields });
  return row!;
}

export async function updateDonation(
  tx: Db,
  actor: Actor,
  id: number,
  { reason, ...patch }: Partial<DonationFields> & Revision,
): Promise<Donation> {
  const current = await findDonation(tx, id);
  await check(tx, patch, { ...current, ...patch });
  const write = async () =>
    void (await tx.update(donations).set(patch).where(eq(donations.id, id)));
  await saveEdit(tx, actor, {
    entity: 'donation',
    what: `捐赠记录 ${id} `,
    current,
    patch,
    reason,
    fixed: MONEY_FIXED,
    write,
  });
  return findDonation(tx, id);
}

export async function publishDonation(
  tx: Db,
  actor: Actor,
  id: number,
): Promise<{ record: Donation; event: PublishEvent }> {
  const row = await findDonation(tx, id);
  if (row.status === 'draft') {
    await requirePublished(tx, funds, row.fundId, `请先发布基金 ${row.fundId}`);
    await requirePublished(
      tx,
      organizations,
      row.organizationId,
      `请先发布捐赠单位（组织 ${row.organizationId}）`,
    );
  }
  const event = await markPublished(tx, actor, donations, 'donation', id, `捐赠记录 ${id} `);
  return { record: await findDonation(tx, id), event };
}

export async function listDonations(
  db: Db,
  q: ListQuery & { fundId?: number | undefined },
): Promise<Page<Donation>> {
  const rows = await db
    .select()
    .from(donations)
    .where(and(listWhere(donations, q), q.fundId ? eq(donations.fundId, q.fundId) : undefined))
    .orderBy(desc(donations.id))
    .limit(q.limit + 1);
  return pageOf(rows, q.limit);
}
