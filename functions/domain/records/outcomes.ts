import { asc, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { donationOutcomes } from '../../../db/schema';
import { type Actor, audit } from './audit';
import { type Donation, findDonation } from './donations';
import { announce, type PublishEvent } from './publish';
import { invalid } from './shared';

/**
 * What became of an in-kind gift, known only after it was published ("2026-12-01 已发放给 12 户独居老人"):
 * dated entries appended one by one, oldest first on the public page. A wrong entry is never
 * rewritten; a later entry says what was wrong.
 */
export type DonationOutcome = typeof donationOutcomes.$inferSelect;
export type DonationWithOutcomes = Donation & { outcomes: DonationOutcome[] };

export interface OutcomeFields {
  date: string;
  text: string;
}

/** Every outcome entry of the donations named, in date order (then as entered). */
export async function outcomesOf(db: Db, donationIds: number[]): Promise<DonationOutcome[]> {
  if (donationIds.length === 0) return [];
  return db
    .select()
    .from(donationOutcomes)
    .where(inArray(donationOutcomes.donationId, donationIds))
    .orderBy(asc(donationOutcomes.date), asc(donationOutcomes.id));
}

export async function findDonationWithOutcomes(db: Db, id: number): Promise<DonationWithOutcomes> {
  const row = await findDonation(db, id);
  return { ...row, outcomes: await outcomesOf(db, [id]) };
}

export async function addDonationOutcome(
  tx: Db,
  actor: Actor,
  donationId: number,
  fields: OutcomeFields,
): Promise<{ record: DonationWithOutcomes; event?: PublishEvent }> {
  const donation = await findDonation(tx, donationId);
  if (fields.date < donation.date)
    throw invalid(`去向日期 ${fields.date} 早于捐赠日期 ${donation.date}`);
  const [row] = await tx
    .insert(donationOutcomes)
    .values({
      donationId,
      date: fields.date,
      text: fields.text,
      createdAt: actor.now.toISOString(),
      createdBy: actor.actorId,
    })
    .returning({ id: donationOutcomes.id });
  await audit(tx, actor, 'add_outcome', 'donation', donationId, {
    outcomeId: row!.id,
    date: fields.date,
    text: fields.text,
  });
  // The public page shows the entries as they come: a published donation's page changes.
  const event =
    donation.status === 'published' ? await announce(tx, actor, 'donation', donationId) : undefined;
  return { record: await findDonationWithOutcomes(tx, donationId), event };
}
