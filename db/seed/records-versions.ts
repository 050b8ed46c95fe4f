/**
 * The demo community's record history: one service revised (its time moved, with the reason), one
 * withdrawn (the provider stopped it), one donation's receipt number corrected, one organisation's
 * contact revised and one withdrawn, one follow-up's due date moved and one withdrawn, so the public
 * pages show a revision note, a version history and a tombstone, and the feeds announce them. Runs
 * last, through the records domain like staff would.
 */
import { asc, eq } from 'drizzle-orm';
import type { Actor } from '../../functions/domain/records/audit';
import { updateDonation } from '../../functions/domain/records/donations';
import { updateFollowup, withdrawFollowup } from '../../functions/domain/records/followups';
import { findOrganization, updateOrganization } from '../../functions/domain/records/organizations';
import { findService, updateService } from '../../functions/domain/records/services';
import { withdrawRecord } from '../../functions/domain/records/versions';
import type { Database, Db } from '../client';
import { deliberations, donations, followups, organizations, services } from '../schema';

export async function seedVersions(
  database: Database,
  options: { now: Date; staffId: number },
): Promise<{ revised: number; withdrawn: number } | undefined> {
  const actor = { actorId: options.staffId, now: options.now };
  return database.write(async (tx) => {
    const published = await tx
      .select({ id: services.id, schedule: services.schedule })
      .from(services)
      .where(eq(services.status, 'published'))
      .orderBy(asc(services.id));
    const first = published[0];
    const last = published.at(-1);
    if (!first || !last || first.id === last.id) return undefined;
    await updateService(tx, actor, first.id, {
      schedule: `${first.schedule}（节假日顺延）`,
      reason: '补充节假日安排：遇法定节假日顺延一天',
    });
    await withdrawRecord(
      tx,
      actor,
      { entity: 'service', label: '服务', find: findService },
      last.id,
      '服务方已停止提供此项服务',
    );
    const [donation] = await tx
      .select({ id: donations.id, receiptNo: donations.receiptNo })
      .from(donations)
      .where(eq(donations.status, 'published'))
      .orderBy(asc(donations.id))
      .limit(1);
    if (donation)
      await updateDonation(tx, actor, donation.id, {
        receiptNo: `${donation.receiptNo}-1`,
        reason: '收据编号录入有误，按原始收据更正',
      });
    await reviseOrganizations(tx, actor);
    await reviseFollowups(tx, actor);
    return { revised: first.id, withdrawn: last.id };
  });
}

/** The first organisation's office contact changes; the last one that provides, heads and runs nothing is withdrawn. */
async function reviseOrganizations(tx: Db, actor: Actor): Promise<void> {
  const orgs = await tx
    .select({
      id: organizations.id,
      parentId: organizations.parentId,
      teamId: organizations.teamId,
      merchantUserId: organizations.merchantUserId,
    })
    .from(organizations)
    .where(eq(organizations.status, 'published'))
    .orderBy(asc(organizations.id));
  const providers = new Set(
    (await tx.select({ id: services.providerId }).from(services)).map((s) => s.id),
  );
  const responsible = new Set(
    (await tx.select({ id: followups.responsibleId }).from(followups)).map((f) => f.id),
  );
  const parents = new Set(orgs.map((o) => o.parentId));
  const idle = orgs
    .filter(
      (o) =>
        o.teamId === null &&
        o.merchantUserId === null &&
        !providers.has(o.id) &&
        !responsible.has(o.id) &&
        !parents.has(o.id),
    )
    .at(-1);
  const first = orgs[0];
  if (!first || !idle || first.id === idle.id) return;
  await updateOrganization(tx, actor, first.id, {
    contact: '社区党群服务中心一楼（工作日 8:30–17:30）',
    reason: '办公地点迁至党群服务中心一楼，更新联系方式',
  });
  await withdrawRecord(
    tx,
    actor,
    { entity: 'organization', label: '组织', find: findOrganization },
    idle.id,
    '该组织已解散，不再参与社区服务',
  );
}

/** Of a published deliberation's follow-ups: the first's due date moves the last is withdrawn. */
async function reviseFollowups(tx: Db, actor: Actor): Promise<void> {
  const rows = await tx
    .select({ id: followups.id, dueDate: followups.dueDate })
    .from(followups)
    .innerJoin(deliberations, eq(deliberations.id, followups.deliberationId))
    .where(eq(deliberations.status, 'published'))
    .orderBy(asc(followups.id));
  const first = rows[0];
  const last = rows.at(-1);
  if (!first || !last || first.id === last.id) return;
  const later = new Date(`${first.dueDate}T00:00:00Z`);
  later.setUTCMonth(later.getUTCMonth() + 1);
  await updateFollowup(tx, actor, first.id, {
    dueDate: later.toISOString().slice(0, 10),
    titleEn: 'Sign partner agreements with the first merchants',
    reason: '工作安排调整，完成时限顺延一个月；补充英文标题',
  });
  await withdrawFollowup(tx, actor, last.id, '经复核，该事项已并入其他跟进事项');
}
