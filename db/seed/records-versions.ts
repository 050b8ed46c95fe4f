/**
 * The demo community's record history: one service revised (its time moved, with the reason), one
 * withdrawn (the provider stopped it), and one donation's receipt number corrected, so the public
 * pages show a revision note, a version history and a tombstone, and the feeds announce them. Runs
 * last, through the records domain like staff would.
 */
import { asc, eq } from 'drizzle-orm';
import type { Database } from '../client';
import { donations, services } from '../schema';
import { updateDonation } from '../../functions/domain/records/donations';
import { findService, updateService } from '../../functions/domain/records/services';
import { withdrawRecord } from '../../functions/domain/records/versions';

export async function seedVersions(database: Database, options: { now: Date; staffId: number }): Promise<{ revised: number; withdrawn: number } | undefined> {
  const actor = { actorId: options.staffId, now: options.now };
  return database.write(async (tx) => {
    const published = await tx.select({ id: services.id, schedule: services.schedule }).from(services).where(eq(services.status, 'published')).orderBy(asc(services.id));
    const first = published[0];
    const last = published.at(-1);
    if (!first || !last || first.id === last.id) return undefined;
    await updateService(tx, actor, first.id, { schedule: `${first.schedule}（节假日顺延）`, reason: '补充节假日安排：遇法定节假日顺延一天' });
    await withdrawRecord(tx, actor, { entity: 'service', table: services, label: '服务', find: findService }, last.id, '服务方已停止提供此项服务');
    const [donation] = await tx.select({ id: donations.id, receiptNo: donations.receiptNo }).from(donations).where(eq(donations.status, 'published')).orderBy(asc(donations.id)).limit(1);
    if (donation) await updateDonation(tx, actor, donation.id, { receiptNo: `${donation.receiptNo}-1`, reason: '收据编号录入有误，按原始收据更正' });
    return { revised: first.id, withdrawn: last.id };
  });
}
