import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { households, redeemCodes, residents, users } from '../../../db/schema';
import { communityName } from '../community/settings';
import { handOverBalance } from '../ledger/commands';
import { type ExpiringLot, residentBalance } from '../ledger/expiry';
import { type StatementLine, statement } from '../ledger/queries';
import { type Actor, audit, changesOf } from '../records/audit';
import { DomainError } from '../shared/errors';
import type { Page } from '../shared/paging';
import { maskName } from './masking';
import { householdFor } from './register';
import type { HouseholdKey } from './residents-file';
import { endSessionsOf, setTemporaryPassword } from './sessions';

/**
 * A resident's life in the community after registration, at the staff desk: their record corrected,
 * their address changed, a forgotten password replaced, their statement read, and their moving away.
 * Nothing is deleted: a resident who moves away stays findable, marked, with an empty account.
 */

type ResidentRow = {
  id: number;
  fullName: string;
  displayName: string;
  phone: string | null;
  householdId: number | null;
  movedAwayAt: string | null;
};

async function residentRow(tx: Db, id: number): Promise<ResidentRow> {
  const [row] = await tx
    .select({
      id: residents.userId,
      fullName: residents.fullName,
      displayName: users.displayName,
      phone: residents.phone,
      householdId: residents.householdId,
      movedAwayAt: residents.movedAwayAt,
    })
    .from(residents)
    .innerJoin(users, eq(users.id, residents.userId))
    .where(eq(residents.userId, id));
  if (!row) throw new DomainError('not_found', `居民 ${id} 不存在`);
  return row;
}

function refuseMovedAway(r: ResidentRow): void {
  if (r.movedAwayAt !== null)
    throw new DomainError('moved_away', `该居民已于 ${r.movedAwayAt.slice(0, 10)} 迁出`);
}

/** The resident's address as one line (和平小区 3栋 2单元 502), for people and the audit trail. */
async function addressOf(tx: Db, householdId: number | null): Promise<string | null> {
  if (householdId === null) return null;
  const [h] = await tx.select().from(households).where(eq(households.id, householdId));
  return h ? `${h.compound} ${h.building} ${h.unit} ${h.door}` : null;
}

export interface ResidentPatch {
  fullName?: string | undefined;
  displayName?: string | undefined;
  /** null clears the phone number. */
  phone?: string | null | undefined;
  /** Moving house: the resident joins the household at this address, created if there is none (as the importer does). */
  household?: HouseholdKey | undefined;
}

/**
 * Corrects a resident's name, how they are called, phone or address; audited with each field's
 * before and after. A display name still the masked full name follows a corrected full name.
 */
export async function editResident(
  tx: Db,
  actor: Actor,
  id: number,
  patch: ResidentPatch,
): Promise<{ changed: string[] }> {
  const before = await residentRow(tx, id);
  const fullName = patch.fullName ?? before.fullName;
  const followsName =
    patch.displayName === undefined &&
    patch.fullName !== undefined &&
    before.displayName === maskName(before.fullName);
  const displayName = patch.displayName ?? (followsName ? maskName(fullName) : before.displayName);
  const householdId = patch.household
    ? (await householdFor(tx, patch.household)).id
    : before.householdId;
  const changes = changesOf(
    {
      fullName: before.fullName,
      displayName: before.displayName,
      phone: before.phone,
      address: await addressOf(tx, before.householdId),
    },
    {
      fullName,
      displayName,
      phone: patch.phone === undefined ? before.phone : patch.phone,
      address: await addressOf(tx, householdId),
    },
  );
  if (Object.keys(changes).length === 0) return { changed: [] };
  await tx
    .update(residents)
    .set({ fullName, phone: patch.phone === undefined ? before.phone : patch.phone, householdId })
    .where(eq(residents.userId, id));
  if (displayName !== before.displayName)
    await tx.update(users).set({ displayName }).where(eq(users.id, id));
  await audit(tx, actor, 'update', 'resident', id, {
    op: 'edit',
    changes,
    ...(householdId !== before.householdId
      ? { householdId: { from: before.householdId, to: householdId } }
      : {}),
  });
  return { changed: Object.keys(changes) };
}

export type MoveAwayTarget = 'pool' | { residentId: number };

export interface MovedAway {
  movedAwayAt: string;
  /** The one ledger entry that carried the balance on; null when there were no points. */
  entryId: number | null;
  points: number;
  to: { kind: 'pool' } | { kind: 'resident'; residentId: number; name: string };
}

/**
 * The resident has moved away: their whole balance goes, as one transfer entry, to the community
 * pool or to a member of the same household; their account, card and any unused redeem codes stop
 * working and their sessions end (the account is disabled as well, so no sign-in path admits them).
 */
export async function moveAway(
  tx: Db,
  actor: Actor,
  id: number,
  to: MoveAwayTarget,
  reason: string,
): Promise<MovedAway> {
  const resident = await residentRow(tx, id);
  refuseMovedAway(resident);
  let target: MovedAway['to'] = { kind: 'pool' };
  if (to !== 'pool') {
    if (to.residentId === id) throw new DomainError('invalid_recipient', '不能转给迁出的居民本人');
    const member = await residentRow(tx, to.residentId).catch((error: unknown) => {
      throw error instanceof DomainError
        ? new DomainError('invalid_recipient', `居民 ${to.residentId} 不存在`)
        : error;
    });
    if (resident.householdId === null || member.householdId !== resident.householdId) {
      throw new DomainError(
        'invalid_recipient',
        '积分只能转给同一住户的家庭成员，或转入社区积分池',
      );
    }
    if (member.movedAwayAt !== null)
      throw new DomainError('invalid_recipient', `${member.fullName}也已迁出，不能接收积分`);
    target = { kind: 'resident', residentId: member.id, name: member.fullName };
  }
  const at = actor.now.toISOString();
  const handed = await handOverBalance(tx, actor, {
    residentId: id,
    to: to === 'pool' ? 'pool' : to.residentId,
    reason,
  });
  await tx.update(residents).set({ movedAwayAt: at }).where(eq(residents.userId, id));
  await tx
    .update(users)
    .set({ disabledAt: at })
    .where(and(eq(users.id, id), isNull(users.disabledAt)));
  await tx
    .update(redeemCodes)
    .set({ revokedAt: at })
    .where(
      and(
        eq(redeemCodes.residentId, id),
        isNull(redeemCodes.usedAt),
        isNull(redeemCodes.revokedAt),
        gt(redeemCodes.expiresAt, at),
      ),
    );
  await endSessionsOf(tx, id);
  const moved: MovedAway = {
    movedAwayAt: at,
    entryId: handed?.id ?? null,
    points: handed?.points ?? 0,
    to: target,
  };
  await audit(tx, actor, 'update', 'resident', id, {
    op: 'move_away',
    reason,
    to: target.kind === 'pool' ? 'pool' : target.residentId,
    points: moved.points,
    entryId: moved.entryId,
  });
  return moved;
}

/**
 * Replaces a resident's password with a temporary one (already hashed: hashing is slow and stays out
 * of the write transaction) that must be changed at the next sign-in; every session ends. The
 * password itself is never logged.
 */
export async function resetResidentPassword(
  tx: Db,
  actor: Actor,
  id: number,
  passwordHash: string,
): Promise<{ login: string }> {
  refuseMovedAway(await residentRow(tx, id));
  const reset = await setTemporaryPassword(tx, id, passwordHash);
  await audit(tx, actor, 'update', 'resident', id, { op: 'reset_password' });
  return reset;
}

export interface ResidentStatement extends Page<Omit<StatementLine, 'reversesId'>> {
  /** The community's name, for the statement staff print at the service station. */
  community: string;
  balance: number;
  expiring: ExpiringLot[];
}

/** One resident's statement and expiry schedule, as they see it on their phone. */
export async function residentStatement(
  db: Db,
  id: number,
  now: Date,
  limit: number,
  cursor?: string,
): Promise<ResidentStatement> {
  const account = await residentBalance(db, id, now);
  if (!account) throw new DomainError('not_found', `居民 ${id} 不存在`);
  const page = await statement(db, account.accountId, limit, cursor);
  return {
    community: await communityName(db),
    balance: account.balance,
    expiring: account.expiring,
    items: page.items.map(({ reversesId: _, ...line }) => line),
    nextCursor: page.nextCursor,
  };
}
