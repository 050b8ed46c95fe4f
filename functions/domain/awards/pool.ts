import { and, asc, desc, eq, inArray, isNotNull, ne, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { savepoint } from '../../../db/savepoint';
import {
  accounts,
  activities,
  type PoolGrantStatus,
  participations,
  poolGrants,
  residents,
  users,
} from '../../../db/schema';
import { SYSTEM_ACCOUNTS } from '../ledger/accounts';
import { grantFromPool } from '../ledger/commands';
import { approverOf, assertMayApprove, assertSecondSignature } from '../people/approvers';
import { type Actor, audit } from '../records/audit';
import { DomainError } from '../shared/errors';
import { cursorBefore, type Page, pageOf } from '../shared/paging';

/**
 * Spending the community pool (the points residents donated): staff ask for a grant to one
 * resident or to every volunteer checked in at an activity, with a reason; it moves nothing until
 * an accountant who did not ask approves it, and then moves as one ledger entry from the pool.
 */
export interface PoolGrant {
  id: number;
  target:
    | { kind: 'resident'; residentId: number; name: string }
    | { kind: 'activity'; activityId: number; title: string; date: string };
  recipients: Array<{ residentId: number; name: string; login: string }>;
  points: number;
  totalPoints: number;
  reason: string;
  status: PoolGrantStatus;
  createdBy: { id: number; name: string };
  createdAt: string;
  decidedBy: { id: number; name: string } | null;
  decidedAt: string | null;
  decisionNote: string | null;
  entryId: number | null;
}

export interface NewGrant {
  toResidentId?: number | undefined;
  activityId?: number | undefined;
  /** Points to each recipient. */
  points: number;
  reason: string;
}

export async function poolBalance(
  db: Db,
): Promise<{ balance: number; pending: { grants: number; points: number } }> {
  const [pool] = await db
    .select({ balance: accounts.balance })
    .from(accounts)
    .where(eq(accounts.id, SYSTEM_ACCOUNTS.pool));
  const [pending] = await db
    .select({
      n: sql<number>`count(*)`.mapWith(Number),
      points: sql<number>`coalesce(sum(${poolGrants.totalPoints}), 0)`.mapWith(Number),
    })
    .from(poolGrants)
    .where(eq(poolGrants.status, 'pending'));
  return {
    balance: pool?.balance ?? 0,
    pending: { grants: pending?.n ?? 0, points: pending?.points ?? 0 },
  };
}

/** Who receives: the one resident, or everyone checked in at the activity (frozen into the grant). */
async function recipientsOf(tx: Db, g: NewGrant): Promise<number[]> {
  if (g.toResidentId !== undefined) {
    const [r] = await tx
      .select({ id: residents.userId, movedAwayAt: residents.movedAwayAt })
      .from(residents)
      .where(eq(residents.userId, g.toResidentId));
    if (!r) throw new DomainError('not_found', `居民 ${g.toResidentId} 不存在`);
    if (r.movedAwayAt) throw new DomainError('invalid_reference', `居民 ${g.toResidentId} 已迁出`);
    return [r.id];
  }
  const [a] = await tx
    .select({ title: activities.title })
    .from(activities)
    .where(eq(activities.id, g.activityId!));
  if (!a) throw new DomainError('not_found', `活动 ${g.activityId} 不存在`);
  const came = await tx
    .select({ id: participations.residentId })
    .from(participations)
    .where(and(eq(participations.activityId, g.activityId!), isNotNull(participations.checkedInAt)))
    .orderBy(asc(participations.residentId));
  if (came.length === 0)
    throw new DomainError('invalid_reference', `活动「${a.title}」还没有签到的志愿者`);
  return came.map((c) => c.id);
}

export async function createGrant(tx: Db, actor: Actor, g: NewGrant): Promise<PoolGrant> {
  if ((g.toResidentId === undefined) === (g.activityId === undefined))
    throw new DomainError('invalid_request', '请求无效：须指定一位居民或一个活动（二选一）');
  const recipients = await recipientsOf(tx, g);
  const total = g.points * recipients.length;
  // Refused now rather than at approval when the pool cannot cover it; the approval checks again.
  const { balance } = await poolBalance(tx);
  if (total > balance)
    throw new DomainError('insufficient_points', `社区积分池余额 ${balance} 分，不足 ${total} 分`);
  const [row] = await tx
    .insert(poolGrants)
    .values({
      toResidentId: g.toResidentId ?? null,
      activityId: g.activityId ?? null,
      recipients: JSON.stringify(recipients),
      points: g.points,
      totalPoints: total,
      reason: g.reason,
      status: 'pending',
      createdBy: actor.actorId,
      createdAt: actor.now.toISOString(),
    })
    .returning({ id: poolGrants.id });
  await audit(tx, actor, 'create', 'pool_grant', row!.id, {
    toResidentId: g.toResidentId ?? null,
    activityId: g.activityId ?? null,
    recipients: recipients.length,
    points: g.points,
    totalPoints: total,
    reason: g.reason,
  });
  return findGrant(tx, row!.id);
}

async function pendingGrant(tx: Db, id: number) {
  const [grant] = await tx.select().from(poolGrants).where(eq(poolGrants.id, id));
  if (!grant) throw new DomainError('not_found', `积分池发放 ${id} 不存在`);
  if (grant.status !== 'pending')
    throw new DomainError(
      'grant_decided',
      grant.status === 'applied' ? `积分池发放 ${id} 已审批发放` : `积分池发放 ${id} 已驳回`,
    );
  return grant;
}

/** The accountant, not the grant's author, approves; the points leave the pool now, as one entry. */
export async function approveGrant(
  tx: Db,
  cmd: { grantId: number; approverId: number; note?: string | undefined; now: Date },
): Promise<PoolGrant> {
  const grant = await pendingGrant(tx, cmd.grantId);
  await assertSecondSignature(
    approverOf(tx, cmd.approverId),
    grant.createdBy === cmd.approverId,
    '不能审批自己提交的积分池发放，请由另一位会计审批',
  );
  await savepoint(tx, async () => {
    const done = await grantFromPool(
      tx,
      { actorId: cmd.approverId, now: cmd.now },
      {
        residentIds: JSON.parse(grant.recipients) as number[],
        points: grant.points,
        memo: `社区积分池：${grant.reason}`,
      },
    );
    const updated = await tx
      .update(poolGrants)
      .set({
        status: 'applied',
        decidedBy: cmd.approverId,
        decidedAt: cmd.now.toISOString(),
        decisionNote: cmd.note?.trim() || null,
        entryId: done.id,
      })
      .where(and(eq(poolGrants.id, cmd.grantId), eq(poolGrants.status, 'pending')))
      .returning({ id: poolGrants.id });
    if (updated.length !== 1)
      throw new DomainError('grant_decided', `积分池发放 ${cmd.grantId} 已处理`);
    await audit(
      tx,
      { actorId: cmd.approverId, now: cmd.now },
      'approve',
      'pool_grant',
      cmd.grantId,
      { totalPoints: grant.totalPoints, createdBy: grant.createdBy, entryId: done.id },
    );
  });
  return findGrant(tx, cmd.grantId);
}

/** Refused by an accountant, or withdrawn by its author; nothing moves. */
export async function rejectGrant(
  tx: Db,
  cmd: { grantId: number; staffId: number; reason: string; now: Date },
): Promise<PoolGrant> {
  const grant = await pendingGrant(tx, cmd.grantId);
  if (grant.createdBy !== cmd.staffId) await assertMayApprove(tx, cmd.staffId);
  await tx
    .update(poolGrants)
    .set({
      status: 'rejected',
      decidedBy: cmd.staffId,
      decidedAt: cmd.now.toISOString(),
      decisionNote: cmd.reason,
    })
    .where(and(eq(poolGrants.id, cmd.grantId), eq(poolGrants.status, 'pending')));
  await audit(tx, { actorId: cmd.staffId, now: cmd.now }, 'update', 'pool_grant', cmd.grantId, {
    op: 'reject',
    reason: cmd.reason,
  });
  return findGrant(tx, cmd.grantId);
}

type GrantRow = typeof poolGrants.$inferSelect;

/** Grants with their names filled in, in the order given. */
async function views(db: Db, rows: GrantRow[]): Promise<PoolGrant[]> {
  const residentIds = [...new Set(rows.flatMap((r) => JSON.parse(r.recipients) as number[]))];
  const people = residentIds.length
    ? await db
        .select({ id: residents.userId, name: residents.fullName, login: users.login })
        .from(residents)
        .innerJoin(users, eq(users.id, residents.userId))
        .where(inArray(residents.userId, residentIds))
    : [];
  const staffIds = [
    ...new Set(
      rows.flatMap((r) => [r.createdBy, r.decidedBy]).filter((id): id is number => id !== null),
    ),
  ];
  const staff = staffIds.length
    ? await db
        .select({ id: users.id, name: users.displayName })
        .from(users)
        .where(inArray(users.id, staffIds))
    : [];
  const activityIds = rows.map((r) => r.activityId).filter((id): id is number => id !== null);
  const acts = activityIds.length
    ? await db
        .select({ id: activities.id, title: activities.title, date: activities.date })
        .from(activities)
        .where(inArray(activities.id, activityIds))
    : [];
  const person = (id: number) => people.find((p) => p.id === id);
  const staffName = (id: number) => staff.find((s) => s.id === id)?.name ?? '';
  return rows.map((r) => {
    const act = acts.find((a) => a.id === r.activityId);
    return {
      id: r.id,
      target:
        r.toResidentId !== null
          ? {
              kind: 'resident' as const,
              residentId: r.toResidentId,
              name: person(r.toResidentId)?.name ?? '',
            }
          : {
              kind: 'activity' as const,
              activityId: r.activityId!,
              title: act?.title ?? '',
              date: act?.date ?? '',
            },
      recipients: (JSON.parse(r.recipients) as number[]).map((id) => ({
        residentId: id,
        name: person(id)?.name ?? '',
        login: person(id)?.login ?? '',
      })),
      points: r.points,
      totalPoints: r.totalPoints,
      reason: r.reason,
      status: r.status,
      createdBy: { id: r.createdBy, name: staffName(r.createdBy) },
      createdAt: r.createdAt,
      decidedBy: r.decidedBy === null ? null : { id: r.decidedBy, name: staffName(r.decidedBy) },
      decidedAt: r.decidedAt,
      decisionNote: r.decisionNote,
      entryId: r.entryId,
    };
  });
}

export async function findGrant(db: Db, id: number): Promise<PoolGrant> {
  const [row] = await db.select().from(poolGrants).where(eq(poolGrants.id, id));
  if (!row) throw new DomainError('not_found', `积分池发放 ${id} 不存在`);
  return (await views(db, [row]))[0]!;
}

/** Newest first. `notBy`: leave out one person's own grants (what that person may approve). */
export async function listGrants(
  db: Db,
  q: {
    status?: PoolGrantStatus | undefined;
    notBy?: number | undefined;
    limit: number;
    cursor?: string | undefined;
  },
): Promise<Page<PoolGrant>> {
  const rows = await db
    .select()
    .from(poolGrants)
    .where(
      and(
        q.status ? eq(poolGrants.status, q.status) : undefined,
        q.notBy !== undefined ? ne(poolGrants.createdBy, q.notBy) : undefined,
        cursorBefore(poolGrants.id, q.cursor),
      ),
    )
    .orderBy(desc(poolGrants.id))
    .limit(q.limit + 1);
  const page = pageOf(rows, q.limit);
  return { ...page, items: await views(db, page.items) };
}
