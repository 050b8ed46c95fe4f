import { and, asc, eq, ne } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { accounts, cardGuards, cards, households, residents, users } from '../../../db/schema';
import { type Actor, audit } from '../records/audit';
import { hashSecret, randomInt } from '../shared/crypto';
import { DomainError } from '../shared/errors';
import { clearCardGuard } from './cards';
import { createResident, type Secret } from './directory';
import type { HouseholdKey } from './residents-file';

/**
 * Staff registering residents at the desk: one at a time with a household, resetting a forgotten
 * PIN, issuing a card. Passwords and PINs are hashed before the write transaction (hashing is
 * slow on purpose, and the write lock should not wait for it).
 */
export interface Registration {
  fullName: string;
  displayName?: string | undefined;
  phone?: string | null | undefined;
  household: HouseholdKey;
  login?: string | undefined;
  password?: string | undefined;
  card?: { cardNo: string; pin: string } | undefined;
}

export interface HashedRegistration extends Omit<Registration, 'password' | 'card'> {
  password: Secret | null;
  card: { cardNo: string; pin: Secret } | null;
}

export async function hashRegistration(
  r: Registration,
  iterations?: number,
): Promise<HashedRegistration> {
  const [password, pin] = await Promise.all([
    r.password ? hashSecret(r.password, iterations) : null,
    r.card ? hashSecret(r.card.pin, iterations) : null,
  ]);
  return {
    ...r,
    password: password ? { hash: password } : null,
    card: r.card ? { cardNo: r.card.cardNo, pin: { hash: pin! } } : null,
  };
}

/** The household at exactly this address (after trimming), created if there is none. */
export async function householdFor(
  tx: Db,
  h: HouseholdKey,
): Promise<{ id: number; created: boolean }> {
  const key = {
    compound: h.compound.trim(),
    building: h.building.trim(),
    unit: h.unit.trim(),
    door: h.door.trim(),
  };
  const [found] = await tx
    .select({ id: households.id })
    .from(households)
    .where(
      and(
        eq(households.compound, key.compound),
        eq(households.building, key.building),
        eq(households.unit, key.unit),
        eq(households.door, key.door),
      ),
    )
    .limit(1);
  if (found) return { id: found.id, created: false };
  const [row] = await tx.insert(households).values(key).returning({ id: households.id });
  return { id: row!.id, created: true };
}

/** A resident without a login of their own (no phone) still needs one to exist: r + 8 digits. */
async function freeLogin(tx: Db): Promise<string> {
  for (;;) {
    const login = `r${String(randomInt(100_000_000)).padStart(8, '0')}`;
    const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.login, login));
    if (!taken) return login;
  }
}

export async function registerResident(
  tx: Db,
  actor: Actor,
  r: HashedRegistration,
): Promise<{ id: number; login: string; householdId: number; card: string | null }> {
  const householdId = (await householdFor(tx, r.household)).id;
  const login = r.login ?? (await freeLogin(tx));
  const id = await createResident(
    tx,
    {
      login,
      password: r.password,
      fullName: r.fullName,
      displayName: r.displayName ?? null,
      phone: r.phone ?? null,
      householdId,
      card: r.card,
    },
    actor.now,
  );
  await audit(tx, actor, 'create', 'resident', id, {
    login,
    card: r.card?.cardNo ?? null,
    householdId,
  });
  return { id, login, householdId, card: r.card?.cardNo ?? null };
}

export interface ResidentDetails {
  id: number;
  login: string;
  fullName: string;
  displayName: string;
  phone: string | null;
  hasPassword: boolean;
  household: (HouseholdKey & { id: number }) | null;
  /** The others registered at the same address (whom a moving resident's points may go to). */
  householdMembers: Array<{ id: number; fullName: string; movedAwayAt: string | null }>;
  card: { cardNo: string; issuedAt: string; failedPins: number; lockedUntil: string | null } | null;
  balance: number;
  createdAt: string;
  /** Set once the resident moved away (their account is closed, their points handed on). */
  movedAwayAt: string | null;
  /** A temporary password was set and has not been changed yet. */
  mustChangePassword: boolean;
}

export async function residentDetails(db: Db, id: number): Promise<ResidentDetails> {
  const [row] = await db
    .select({
      u: users,
      r: residents,
      h: households,
      c: cards,
      g: cardGuards,
      balance: accounts.balance,
    })
    .from(residents)
    .innerJoin(users, eq(users.id, residents.userId))
    .innerJoin(accounts, eq(accounts.ownerId, residents.userId))
    .leftJoin(households, eq(households.id, residents.householdId))
    .leftJoin(cards, eq(cards.residentId, residents.userId))
    .leftJoin(cardGuards, eq(cardGuards.cardNo, cards.cardNo))
    .where(eq(residents.userId, id));
  if (!row) throw new DomainError('not_found', `居民 ${id} 不存在`);
  const members = row.h
    ? await db
        .select({
          id: residents.userId,
          fullName: residents.fullName,
          movedAwayAt: residents.movedAwayAt,
        })
        .from(residents)
        .where(and(eq(residents.householdId, row.h.id), ne(residents.userId, id)))
        .orderBy(asc(residents.userId))
    : [];
  return {
    id,
    login: row.u.login,
    fullName: row.r.fullName,
    displayName: row.u.displayName,
    phone: row.r.phone,
    hasPassword: row.u.passwordHash !== null,
    household: row.h
      ? {
          id: row.h.id,
          compound: row.h.compound,
          building: row.h.building,
          unit: row.h.unit,
          door: row.h.door,
        }
      : null,
    householdMembers: members,
    card: row.c
      ? {
          cardNo: row.c.cardNo,
          issuedAt: row.c.issuedAt,
          failedPins: row.g?.failedPins ?? 0,
          lockedUntil: row.g?.lockedUntil ?? null,
        }
      : null,
    balance: row.balance,
    createdAt: row.u.createdAt,
    movedAwayAt: row.r.movedAwayAt,
    mustChangePassword: row.u.mustChangePassword,
  };
}

async function requireResident(tx: Db, id: number): Promise<void> {
  const [r] = await tx
    .select({ id: residents.userId })
    .from(residents)
    .where(eq(residents.userId, id));
  if (!r) throw new DomainError('not_found', `居民 ${id} 不存在`);
}

/** A new PIN (already hashed) for the resident's card; it also lifts a lockout. The PIN itself is never logged. */
export async function resetPin(
  tx: Db,
  actor: Actor,
  residentId: number,
  pinHash: string,
): Promise<{ cardNo: string }> {
  await requireResident(tx, residentId);
  const [card] = await tx
    .update(cards)
    .set({ pinHash })
    .where(eq(cards.residentId, residentId))
    .returning({ cardNo: cards.cardNo });
  if (!card) throw new DomainError('no_card', '该居民还没有纸质卡');
  await clearCardGuard(tx, card.cardNo);
  await audit(tx, actor, 'update', 'resident', residentId, { op: 'reset_pin', card: card.cardNo });
  return card;
}

/** A paper card for a resident who has none yet. */
export async function issueCardTo(
  tx: Db,
  actor: Actor,
  residentId: number,
  cardNo: string,
  pinHash: string,
): Promise<{ cardNo: string }> {
  await requireResident(tx, residentId);
  const [held] = await tx
    .select({ cardNo: cards.cardNo })
    .from(cards)
    .where(eq(cards.residentId, residentId));
  if (held) throw new DomainError('has_card', `该居民已有纸质卡 ${held.cardNo}`);
  const [taken] = await tx
    .select({ cardNo: cards.cardNo })
    .from(cards)
    .where(eq(cards.cardNo, cardNo));
  if (taken) throw new DomainError('card_taken', `卡号 ${cardNo} 已被使用`);
  await tx.insert(cards).values({ cardNo, residentId, pinHash, issuedAt: actor.now.toISOString() });
  await audit(tx, actor, 'update', 'resident', residentId, { op: 'issue_card', card: cardNo });
  return { cardNo };
}
