import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '../../db/client';
import { guardFailed } from '../../db/remote';
import { users } from '../../db/schema';
import type { App } from '../../functions/app';
import { issueRedeemCode } from '../../functions/domain/counter/codes';
import { verifyLedger } from '../../functions/domain/ledger/verify';
import { guard } from '../../functions/domain/shared/guard';
import { call, clock, loginAs, testApp } from '../helpers/api';
import { type Sqld, startMigratedSqld } from '../helpers/edge-stack';
import { type Fixture, seedFixture } from '../helpers/fixture';
import { balanceOf, grant } from '../helpers/ledger';

/**
 * The remote write path (db/remote.ts) on a real libSQL server: writes decided on reads of an
 * earlier round trip, guarded in SQL, the session checked in the request's first round trip. Two
 * Database handles on one sqld stand for two Worker isolates: nothing is shared between them but
 * the server.
 */
let sqld: Sqld;
let one: Database;
let two: Database;
let f: Fixture;
const time = clock();
let appOne: App;
let appTwo: App;

beforeAll(async () => {
  sqld = await startMigratedSqld();
  one = createDatabase({ url: sqld.url });
  two = createDatabase({ url: sqld.url });
  f = await seedFixture(one, time.now);
  appOne = testApp(one, time);
  appTwo = testApp(two, time);
}, 120_000);

afterAll(async () => {
  one?.close();
  two?.close();
  await sqld?.stop();
});

const ledgerRows = async () =>
  Number((await one.read.all<{ n: number }>(sql`select count(*) as n from ledger_entries`))[0]!.n);

describe('the session checked in the first round trip', () => {
  it('a token naming someone else, with a secret nobody issued: 401 and nothing written', async () => {
    await grant(one, f.staffId, f.residents[0]!, 50, time.now);
    const before = await ledgerRows();
    const forged = `${f.merchants[0]}.merchant.${'A'.repeat(43)}`;
    const code = await one.write((tx) => issueRedeemCode(tx, f.residents[0]!, time.now));
    const res = await call(appOne, 'POST', '/api/counter/redemptions', {
      token: forged,
      idempotencyKey: 'forged-0001',
      body: { code: code.code, points: 5 },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(401);
    expect(await ledgerRows()).toBe(before);
    expect((await call(appOne, 'GET', '/api/me', { token: forged })).status).toBe(401);
  });

  it("a real token whose claim was edited to another user's id: 401", async () => {
    const token = await loginAs(appOne, 'r1');
    const [, role, secret] = token.split('.');
    const edited = `${f.residents[1]}.${role}.${secret}`;
    expect((await call(appOne, 'GET', '/api/me', { token: edited })).status).toBe(401);
    expect((await call(appOne, 'GET', '/api/me', { token })).status).toBe(200);
  });

  it('a claim that names a role the account no longer has, or a disabled account: 401', async () => {
    const token = await loginAs(appOne, 'm2');
    await one.write((tx) =>
      tx.update(users).set({ role: 'resident' }).where(sql`${users.login} = 'm2'`),
    );
    expect(
      (await call(appOne, 'POST', '/api/counter/lookup', { token, body: { code: '123456' } }))
        .status,
    ).toBe(401);
    await one.write((tx) =>
      tx.update(users).set({ role: 'merchant' }).where(sql`${users.login} = 'm2'`),
    );
    const r3 = await loginAs(appOne, 'r3');
    await one.write((tx) =>
      tx
        .update(users)
        .set({ disabledAt: time.now.toISOString() })
        .where(sql`${users.login} = 'r3'`),
    );
    expect((await call(appOne, 'GET', '/api/me', { token: r3 })).status).toBe(401);
  });
});

describe('writes guarded in SQL across isolates', () => {
  it('parallel redemptions from two isolates never overspend, and the chain stays whole', async () => {
    const resident = f.residents[1]!;
    await grant(one, f.staffId, resident, 25 - (await balanceOf(one, resident)), time.now);
    const merchant = await loginAs(appOne, 'm1');
    // One after another: a resident holds five live codes, a sixth revokes the oldest.
    const codes: string[] = [];
    for (let i = 0; i < 5; i++)
      codes.push((await one.write((tx) => issueRedeemCode(tx, resident, time.now))).code);
    const answers = await Promise.all(
      codes.map((code, i) =>
        call(i % 2 ? appTwo : appOne, 'POST', '/api/counter/redemptions', {
          token: merchant,
          idempotencyKey: `parallel-${i}-key`,
          body: { code, points: 10 },
        }),
      ),
    );
    const ok = answers.filter((a) => a.status === 201).length;
    expect(ok).toBe(2);
    expect(answers.filter((a) => a.status === 409).map((a) => a.body)).toHaveLength(3);
    expect(await balanceOf(one, resident)).toBe(5);
    expect((await verifyLedger(one.read)).ok).toBe(true);
  });

  it('many counters at once all get through: writers that keep meeting each other take the lock', async () => {
    const merchants = [await loginAs(appOne, 'm1'), await loginAs(appOne, 'm2')];
    const residents = [f.residents[0]!, f.residents[1]!];
    for (const r of residents) await grant(one, f.staffId, r, 100, time.now);
    // Five live codes each (a sixth would revoke the oldest), then all ten redeemed at once.
    const codes: Array<{ resident: number; code: string }> = [];
    for (let i = 0; i < 10; i++) {
      const resident = residents[i % 2]!;
      codes.push({
        resident,
        code: (await one.write((tx) => issueRedeemCode(tx, resident, time.now))).code,
      });
    }
    const before = await ledgerRows();
    const answers = await Promise.all(
      codes.map(({ code }, i) =>
        call(i % 3 ? appTwo : appOne, 'POST', '/api/counter/redemptions', {
          token: merchants[i % 2]!,
          idempotencyKey: `crowd-${i}-key`,
          body: { code, points: 1 },
        }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(codes.map(() => 201));
    expect(await ledgerRows()).toBe(before + 10);
    expect((await verifyLedger(one.read)).ok).toBe(true);
  });

  it('wrong PINs tried in parallel on one card at two shops each count: it locks after five', async () => {
    // Two shops, so that only the card's own count (not one counter's guessing budget) holds them back.
    const shops = [await loginAs(appOne, 'm1'), await loginAs(appOne, 'm2')];
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        call(i % 2 ? appTwo : appOne, 'POST', '/api/counter/redemptions', {
          token: shops[i % 2]!,
          idempotencyKey: `wrong-pin-${i}-key`,
          body: { card: f.cards[1], pin: '0000', points: 1 },
        }),
      ),
    );
    const codes = answers.map((a) => (a.body as { error?: { code: string } }).error?.code);
    expect(
      codes.filter((c) => c === 'pin_invalid').length,
      JSON.stringify(answers.map((a) => [a.status, a.body])),
    ).toBe(4);
    expect(
      codes.filter((c) => c === 'card_locked').length,
      JSON.stringify(answers.map((a) => [a.status, a.body])),
    ).toBe(4);
  });

  it('a guard that no longer holds refuses the whole write, which can then be decided again', async () => {
    const error = await one
      .writeOnly(async (tx) => {
        await tx.run(sql`insert into settings (key, value) values ('guarded', 'x')`);
        await guard(tx, sql`1 = 0`);
      })
      .catch((e: unknown) => e);
    expect(guardFailed(error)).toBe(true);
    expect(await one.read.all(sql`select * from settings where key = 'guarded'`)).toEqual([]);
  });

  it('a ledger write that reads after writing is run as an interactive transaction instead', async () => {
    const read = await one.writeLedger(async (tx) => {
      await tx.run(sql`insert into settings (key, value) values ('read-back', 'y')`);
      return tx.all<{ value: string }>(sql`select value from settings where key = 'read-back'`);
    });
    expect(read).toEqual([{ value: 'y' }]);
  });
});

describe('sign-in on a remote database', () => {
  it('guesses sent in parallel each meet the budget: no more than five are judged', async () => {
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        call(i % 2 ? appTwo : appOne, 'POST', '/api/auth/login', {
          body: { login: 'staff2', password: `wrong-password-${i}` },
          headers: { 'x-forwarded-for': '203.0.113.9' },
        }),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(7);
  });
});
