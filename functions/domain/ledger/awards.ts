import { eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { activities, activityTypes } from '../../../db/schema';
import { activityRule } from '../activities/rule';
import type { Actor } from '../records/audit';
import { DomainError } from '../shared/errors';
import { unwrap } from '../shared/settled';
import { inList } from '../shared/sql';
import { SYSTEM_ACCOUNTS } from './accounts';
import { accountsOf } from './commands';
import { type LedgerFacts, postEntries, readLedgerFacts } from './post';

export interface AwardInput {
  residentId: number;
  points: number;
  reason: string;
  activityId?: number | undefined;
}

/** What awards to some residents for one activity (or none) read: the ledger, the activity's rule, what each already earned that day. */
export interface AwardFacts {
  ledger: LedgerFacts;
  activity:
    | { id: number; typeId: number; date: string; dailyCap: number; typeName: string }
    | undefined;
  /** Net points each resident account already has for this kind of work on the activity's day. */
  earned: Map<number, number>;
}

/**
 * Reads what awardAll needs, together (one round trip on a remote database): `residents` and
 * `activityId` may be SQL (the lines and the activity of a stored batch), so nothing waits for
 * another read.
 */
export async function readAwardFacts(
  tx: Db,
  residents: SQL,
  activityId: number | SQL | null,
): Promise<AwardFacts> {
  const activity = activityId === null ? undefined : sql`(${activityId})`;
  const [ledger, found, earned] = await Promise.all([
    readLedgerFacts(tx, residents, [SYSTEM_ACCOUNTS.issuance]),
    activity
      ? tx
          .select({
            id: activities.id,
            typeId: activities.typeId,
            date: activities.date,
            dailyCap: activityRule.dailyCap,
            typeName: activityTypes.nameZh,
          })
          .from(activities)
          .innerJoin(activityTypes, eq(activityTypes.id, activities.typeId))
          .where(sql`${activities.id} = ${activity}`)
      : [],
    // The cap is the activity's own rule; counted against it: the net points a resident already has
    // for this kind of work on that day (reversals carry the activity too, so a reversed award frees
    // its share of the cap).
    activity
      ? tx.all<{ accountId: number; total: number }>(
          sql`select p.account_id as accountId, coalesce(sum(p.amount), 0) as total
              from postings p join ledger_entries e on e.id = p.entry_id join activities a on a.id = e.activity_id
              join activities act on act.id = ${activity}
              where p.account_id in (select id from accounts where owner_id in (${residents}))
                and a.type_id = act.type_id and a.date = act.date
              group by p.account_id`,
        )
      : [],
  ]);
  return {
    ledger,
    activity: found[0],
    earned: new Map(earned.map((r) => [Number(r.accountId), Number(r.total)])),
  };
}

/**
 * Points from the issuance account to residents, by a staff member, in order: each within its
 * activity's daily cap. All or nothing: the first refusal (a resident unknown or moved away, a cap)
 * is thrown before anything is written. `known`: read with the caller's other reads.
 */
export async function awardAll(
  tx: Db,
  actor: Actor,
  cmds: AwardInput[],
  known?: AwardFacts,
): Promise<Array<{ id: number; balanceAfter: number }>> {
  if (cmds.length === 0) return [];
  const activityIds = new Set(cmds.map((c) => c.activityId ?? null));
  if (activityIds.size > 1) throw new Error('awards of one call are for one activity or none');
  const activityId = cmds[0]!.activityId ?? null;
  const facts =
    known ??
    (await readAwardFacts(
      tx,
      sql`select id from users where id in ${inList(cmds.map((c) => c.residentId))}`,
      activityId,
    ));
  if (activityId !== null && !facts.activity)
    throw new DomainError('not_found', `活动 ${activityId} 不存在`);
  const accountOf = await accountsOf(
    tx,
    cmds.map((c) => c.residentId),
    facts.ledger,
  );
  const earned = new Map(facts.earned);
  const accounts = cmds.map((cmd) => {
    const account = accountOf(cmd.residentId, 'resident');
    const activity = facts.activity;
    if (activity) {
      const already = earned.get(account) ?? 0;
      if (already + cmd.points > activity.dailyCap)
        throw new DomainError(
          'daily_cap_exceeded',
          `${activity.typeName}每日上限 ${activity.dailyCap} 分，该居民当天已得 ${already} 分`,
          { dailyCap: activity.dailyCap, already },
        );
      earned.set(account, already + cmd.points);
    }
    return account;
  });
  const posted = await postEntries(
    tx,
    cmds.map((cmd, i) => ({
      actor: actor.actorId,
      input: {
        kind: 'award' as const,
        memo: cmd.reason,
        at: actor.now,
        activityId: cmd.activityId ?? null,
        postings: [
          { accountId: SYSTEM_ACCOUNTS.issuance, amount: -cmd.points },
          { accountId: accounts[i]!, amount: cmd.points },
        ],
      },
    })),
    facts.ledger,
  );
  return posted.map((p, i) => {
    const entry = unwrap(p);
    return { id: entry.id, balanceAfter: entry.balanceAfter.get(accounts[i]!)! };
  });
}

/** Points from the issuance account to a resident, by a staff member (see awardAll). */
export async function award(
  tx: Db,
  actor: Actor,
  cmd: AwardInput,
): Promise<{ id: number; balanceAfter: number }> {
  const [done] = await awardAll(tx, actor, [cmd]);
  return done!;
}
