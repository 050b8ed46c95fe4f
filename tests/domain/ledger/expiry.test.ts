import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { SYSTEM_ACCOUNTS } from '../../../functions/domain/ledger/accounts';
import { redeem, reverse, transfer } from '../../../functions/domain/ledger/commands';
import {
  expiringSchedule,
  expiryDeadline,
  residentBalance,
  runExpiry,
} from '../../../functions/domain/ledger/expiry';
import { pointTotals } from '../../../functions/domain/ledger/queries';
import { localYear } from '../../../functions/domain/shared/time';
import {
  accountIdOf,
  balanceOf,
  expectLedgerInvariants,
  grant,
  rows,
  snapshot,
} from '../../helpers/ledger';
import { useSeededCommunity } from '../../helpers/template';

const at = (iso: string) => new Date(iso);
/** The first instant of local (UTC+8) year Y, i.e. the end of year Y − 1. */
const endOfLocalYear = (year: number) => at(`${year}-12-31T16:00:00.000Z`);

describe('expiry deadlines in community time (UTC+8)', () => {
  it('points of year Y lapse when local year Y + 2 ends', () => {
    expect(expiryDeadline(2024, 2).toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(localYear(at('2024-12-31T15:59:59.999Z'))).toBe(2024);
    expect(localYear(at('2024-12-31T16:00:00.000Z'))).toBe(2025);
  });
});

describe('runExpiry', () => {
  const t = useSeededCommunity();

  it('expires points earned in Y at the end of Y + 2 and not a moment before', async () => {
    await grant(t.database, t.staffId, t.r1, 70, at('2024-06-01T04:00:00Z'));
    const before = await snapshot(t.database);
    expect(await runExpiry(t.database, at('2026-12-31T15:59:59.999Z'))).toMatchObject({
      entries: 0,
      points: 0,
    });
    expect((await snapshot(t.database)).head).toBe(before.head);
    expect(await balanceOf(t.database, t.r1)).toBe(70);

    const run = await runExpiry(t.database, endOfLocalYear(2026));
    expect(run).toEqual({ periods: [2024], entries: 1, points: 70 });
    expect(await balanceOf(t.database, t.r1)).toBe(0);
    const [entry] = await rows<{ kind: string; at: string }>(
      t.database.read,
      sql`select kind, at from ledger_entries where id = 2`,
    );
    expect(entry).toEqual({ kind: 'expiry', at: '2026-12-31T16:00:00.000Z' });
    const [sink] = await rows<{ balance: number }>(
      t.database.read,
      sql`select balance from accounts where id = ${SYSTEM_ACCOUNTS.expiry}`,
    );
    expect(Number(sink!.balance)).toBe(70);
    const { totals } = await expectLedgerInvariants(t.database);
    expect(totals).toEqual({ issued: 70, redeemed: 0, expired: 70, outstanding: 0 });
  });

  it('the lot year is the local year: 23:59 on 31 December (UTC+8) is the old year, midnight the new', async () => {
    await grant(t.database, t.staffId, t.r1, 10, at('2024-12-31T15:59:59.000Z')); // 2024-12-31 23:59:59 local
    await grant(t.database, t.staffId, t.r1, 20, at('2024-12-31T16:00:00.000Z')); // 2025-01-01 00:00:00 local
    expect((await runExpiry(t.database, endOfLocalYear(2026))).points).toBe(10);
    expect(await balanceOf(t.database, t.r1)).toBe(20);
    expect((await runExpiry(t.database, at('2027-12-31T15:59:59.000Z'))).points).toBe(0);
    expect((await runExpiry(t.database, endOfLocalYear(2027))).points).toBe(20);
    expect(await balanceOf(t.database, t.r1)).toBe(0);
    await expectLedgerInvariants(t.database);
  });

  it('spending uses the oldest points first', async () => {
    await grant(t.database, t.staffId, t.r1, 100, at('2024-03-01T02:00:00Z'));
    await grant(t.database, t.staffId, t.r1, 50, at('2025-03-01T02:00:00Z'));
    await t.database.write((tx) =>
      redeem(
        tx,
        { actorId: t.m1, now: at('2025-06-01T02:00:00Z') },
        { residentId: t.r1, points: 120 },
      ),
    );
    // 2024's 100 are spent; 30 of 2025's 50 remain.
    const account = await accountIdOf(t.database, t.r1);
    expect(await expiringSchedule(t.database.read, account, at('2025-07-01T00:00:00Z'))).toEqual([
      { points: 30, at: '2027-12-31T16:00:00.000Z' },
    ]);
    expect((await runExpiry(t.database, endOfLocalYear(2026))).points).toBe(0);
    expect(await balanceOf(t.database, t.r1)).toBe(30);
    expect((await runExpiry(t.database, endOfLocalYear(2027))).points).toBe(30);
    expect(await balanceOf(t.database, t.r1)).toBe(0);
    await expectLedgerInvariants(t.database);
  });

  it('a partly spent old lot lapses only in what is left, and younger lots stay', async () => {
    await grant(t.database, t.staffId, t.r1, 100, at('2024-03-01T02:00:00Z'));
    await grant(t.database, t.staffId, t.r1, 40, at('2026-05-01T02:00:00Z'));
    await t.database.write((tx) =>
      redeem(
        tx,
        { actorId: t.m1, now: at('2026-06-01T02:00:00Z') },
        { residentId: t.r1, points: 35 },
      ),
    );
    const account = await accountIdOf(t.database, t.r1);
    expect(await expiringSchedule(t.database.read, account, at('2026-06-02T00:00:00Z'))).toEqual([
      { points: 65, at: '2026-12-31T16:00:00.000Z' },
      { points: 40, at: '2028-12-31T16:00:00.000Z' },
    ]);
    expect(await runExpiry(t.database, at('2027-01-05T00:00:00Z'))).toEqual({
      periods: [2024],
      entries: 1,
      points: 65,
    });
    expect(await balanceOf(t.database, t.r1)).toBe(40);
    expect(await expiringSchedule(t.database.read, account, at('2027-01-05T00:00:00Z'))).toEqual([
      { points: 40, at: '2028-12-31T16:00:00.000Z' },
    ]);
    await expectLedgerInvariants(t.database);
  });

  it('several lapsed years in one late run, oldest first, each once', async () => {
    await grant(t.database, t.staffId, t.r1, 5, at('2022-03-01T02:00:00Z'));
    await grant(t.database, t.staffId, t.r1, 7, at('2023-03-01T02:00:00Z'));
    await grant(t.database, t.staffId, t.r1, 11, at('2024-03-01T02:00:00Z'));
    await grant(t.database, t.staffId, t.r1, 13, at('2025-03-01T02:00:00Z'));
    const run = await runExpiry(t.database, at('2027-02-01T00:00:00Z'));
    expect(run).toEqual({ periods: [2022, 2023, 2024], entries: 3, points: 23 });
    expect(await balanceOf(t.database, t.r1)).toBe(13);
    const memos = await rows<{ memo: string }>(
      t.database.read,
      sql`select memo from ledger_entries where kind = 'expiry' order by id`,
    );
    expect(memos.map((m) => m.memo.slice(0, 4))).toEqual(['2022', '2023', '2024']);
    await expectLedgerInvariants(t.database);
  });

  it('is idempotent: a second run — or two at once — moves nothing more', async () => {
    await grant(t.database, t.staffId, t.r1, 30, at('2024-03-01T02:00:00Z'));
    await grant(t.database, t.staffId, t.r2, 45, at('2024-09-01T02:00:00Z'));
    const when = at('2027-01-02T00:00:00Z');
    const [a, b] = await Promise.all([runExpiry(t.database, when), runExpiry(t.database, when)]);
    expect(a.points + b.points).toBe(75);
    expect(a.entries + b.entries).toBe(2);
    const after = await snapshot(t.database);
    expect(await runExpiry(t.database, when)).toMatchObject({ entries: 0, points: 0 });
    expect(await runExpiry(t.database, at('2027-06-01T00:00:00Z'))).toMatchObject({
      entries: 0,
      points: 0,
    });
    expect(await snapshot(t.database)).toEqual(after);
    expect((await pointTotals(t.database.read)).expired).toBe(75);
    await expectLedgerInvariants(t.database);
  });

  it('received transfers are lots of the year they arrive; merchants and the pool never expire', async () => {
    await grant(t.database, t.staffId, t.r1, 50, at('2024-03-01T02:00:00Z'));
    await t.database.write((tx) =>
      transfer(
        tx,
        { actorId: t.r1, now: at('2025-02-01T02:00:00Z') },
        { fromResidentId: t.r1, to: t.r2, points: 20 },
      ),
    );
    await t.database.write((tx) =>
      transfer(
        tx,
        { actorId: t.r1, now: at('2024-04-01T02:00:00Z') },
        { fromResidentId: t.r1, to: 'pool', points: 10 },
      ),
    );
    await t.database.write((tx) =>
      redeem(
        tx,
        { actorId: t.m1, now: at('2024-05-01T02:00:00Z') },
        { residentId: t.r1, points: 5 },
      ),
    );
    expect((await runExpiry(t.database, endOfLocalYear(2026))).points).toBe(15);
    expect(await balanceOf(t.database, t.r1)).toBe(0);
    expect(await balanceOf(t.database, t.r2)).toBe(20);
    expect(await balanceOf(t.database, t.m1)).toBe(5);
    expect((await runExpiry(t.database, endOfLocalYear(2027))).points).toBe(20);
    expect(await balanceOf(t.database, t.r2)).toBe(0);
    const { totals } = await expectLedgerInvariants(t.database);
    expect(totals).toEqual({ issued: 50, redeemed: 5, expired: 35, outstanding: 10 });
  });

  it('a reversed expiry gives the points back and a later run does not take them again', async () => {
    await grant(t.database, t.staffId, t.r1, 30, at('2024-03-01T02:00:00Z'));
    await runExpiry(t.database, endOfLocalYear(2026));
    await t.database.write((tx) =>
      reverse(
        tx,
        { actorId: t.staffId, now: at('2027-01-03T00:00:00Z') },
        { entryId: 2, reason: '居民申诉' },
      ),
    );
    expect(await balanceOf(t.database, t.r1)).toBe(30);
    expect((await runExpiry(t.database, at('2027-02-01T00:00:00Z'))).points).toBe(0);
    expect(await balanceOf(t.database, t.r1)).toBe(30);
    await expectLedgerInvariants(t.database);
  });

  it('nothing to expire for an empty ledger', async () => {
    expect(await runExpiry(t.database, endOfLocalYear(2030))).toEqual({
      periods: [],
      entries: 0,
      points: 0,
    });
    expect(
      await expiringSchedule(
        t.database.read,
        await accountIdOf(t.database, t.r1),
        at('2026-01-01T00:00:00Z'),
      ),
    ).toEqual([]);
  });
});

describe('residentBalance (GET /api/me in one statement)', () => {
  const t = useSeededCommunity();

  const setExpiryYears = (value: string) =>
    t.database.write((tx) =>
      tx.run(
        sql`insert into settings (key, value) values ('points_expiry_years', ${value}) on conflict (key) do update set value = excluded.value`,
      ),
    );

  it('gives the profile, the balance and the same schedule as the lots read one by one, under the community setting', async () => {
    await grant(t.database, t.staffId, t.r1, 100, at('2024-03-01T02:00:00Z'));
    await grant(t.database, t.staffId, t.r1, 40, at('2026-05-01T02:00:00Z'));
    await t.database.write((tx) =>
      redeem(
        tx,
        { actorId: t.m1, now: at('2026-06-01T02:00:00Z') },
        { residentId: t.r1, points: 35 },
      ),
    );
    const account = await accountIdOf(t.database, t.r1);
    const now = at('2026-06-02T00:00:00Z');
    const [user] = await rows<{ displayName: string }>(
      t.database.read,
      sql`select display_name as displayName from users where id = ${t.r1}`,
    );

    expect(await residentBalance(t.database.read, t.r1, now)).toEqual({
      id: t.r1,
      displayName: user!.displayName,
      accountId: account,
      balance: 105,
      expiring: [
        { points: 65, at: '2026-12-31T16:00:00.000Z' },
        { points: 40, at: '2028-12-31T16:00:00.000Z' },
      ],
      notice: null,
    });
    // One year instead of two: 2024's lot has already lapsed (not yet swept), 2026's goes a year earlier.
    await setExpiryYears('1');
    const oneYear = await residentBalance(t.database.read, t.r1, now);
    expect(oneYear?.expiring).toEqual([{ points: 40, at: '2027-12-31T16:00:00.000Z' }]);
    expect(oneYear?.expiring).toEqual(await expiringSchedule(t.database.read, account, now, 1));
    // A value out of range is ignored, as everywhere else: the default (2) applies.
    await setExpiryYears('99');
    expect((await residentBalance(t.database.read, t.r1, now))?.expiring).toEqual(
      await expiringSchedule(t.database.read, account, now, 2),
    );
  });

  const setNoticeDays = (value: string) =>
    t.database.write((tx) =>
      tx.run(
        sql`insert into settings (key, value) values ('points_expiry_notice_days', ${value}) on conflict (key) do update set value = excluded.value`,
      ),
    );

  it('gives notice of the next lapse only within the notice period (default 30 days, the setting overrides, 0 turns it off)', async () => {
    await grant(t.database, t.staffId, t.r1, 70, at('2024-03-01T02:00:00Z'));
    await grant(t.database, t.staffId, t.r1, 40, at('2025-05-01T02:00:00Z'));
    // 2024's 70 lapse at local midnight starting 2027-01-01 (2026-12-31T16:00Z).
    expect(
      (await residentBalance(t.database.read, t.r1, at('2026-12-01T15:59:59Z')))?.notice,
    ).toBeNull();
    expect(
      (await residentBalance(t.database.read, t.r1, at('2026-12-01T16:00:00Z')))?.notice,
    ).toEqual({ points: 70, on: '2027-01-01' });
    expect(
      (await residentBalance(t.database.read, t.r1, at('2026-12-31T15:59:59Z')))?.notice,
    ).toEqual({ points: 70, on: '2027-01-01' });
    await setNoticeDays('60');
    expect(
      (await residentBalance(t.database.read, t.r1, at('2026-11-02T00:00:00Z')))?.notice,
    ).toEqual({ points: 70, on: '2027-01-01' });
    await setNoticeDays('0');
    expect(
      (await residentBalance(t.database.read, t.r1, at('2026-12-31T15:00:00Z')))?.notice,
    ).toBeNull();
    await setNoticeDays('lots');
    expect(
      (await residentBalance(t.database.read, t.r1, at('2026-12-31T15:00:00Z')))?.notice,
    ).toEqual({ points: 70, on: '2027-01-01' });
    // Once 2024's lot is gone, the next notice is for 2025's, a year later.
    await runExpiry(t.database, at('2026-12-31T16:00:00Z'));
    expect(
      (await residentBalance(t.database.read, t.r1, at('2027-01-02T00:00:00Z')))?.notice,
    ).toBeNull();
    expect(
      (await residentBalance(t.database.read, t.r1, at('2027-12-15T00:00:00Z')))?.notice,
    ).toEqual({ points: 40, on: '2028-01-01' });
  });

  it('a resident who never earned a point has a zero balance and nothing expiring; a non-resident has no balance here', async () => {
    expect(await residentBalance(t.database.read, t.r2, at('2026-01-01T00:00:00Z'))).toMatchObject({
      id: t.r2,
      balance: 0,
      expiring: [],
      notice: null,
    });
    expect(
      await residentBalance(t.database.read, t.staffId, at('2026-01-01T00:00:00Z')),
    ).toBeUndefined();
    expect(
      await residentBalance(t.database.read, t.m1, at('2026-01-01T00:00:00Z')),
    ).toBeUndefined();
  });
});
