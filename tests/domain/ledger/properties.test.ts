import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SYSTEM_ACCOUNTS } from '../../../functions/domain/ledger/accounts';
import { award, redeem, reverse, transfer } from '../../../functions/domain/ledger/commands';
import { runExpiry } from '../../../functions/domain/ledger/expiry';
import { idempotent } from '../../../functions/domain/ledger/idempotency';
import { DomainError } from '../../../functions/domain/shared/errors';
import { accountIdOf, rows, snapshot } from '../../helpers/ledger';
import { seededDatabase } from '../../helpers/template';
import { DAILY_CAP, Model } from './ledger-model';
import {
  type Amount,
  amount,
  compareWithModel,
  type Expected,
  execute,
  type Real,
  resolve,
  show,
} from './model-run';

/**
 * Model-based tests: fast-check drives random sequences of awards, redemptions, transfers,
 * donations, reversals, expiry runs, clock moves and idempotent replays against a fresh database
 * and against a plain-JS model of the ledger. After every step the contract's invariants are
 * checked from the tables, the model's balances must equal the database's, and a refused command
 * must have changed nothing but the stored refusal.
 */

class AwardCmd implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly resident: number,
    readonly points: number,
    readonly withActivity: boolean,
  ) {}
  check = () => true;
  async run(model: Model, real: Real) {
    const account = model.residentAccounts[this.resident]!;
    const used = model.capUsed.get(account) ?? 0;
    const expected: Expected =
      this.withActivity && used + this.points > DAILY_CAP
        ? { ok: false, code: 'daily_cap_exceeded' }
        : { ok: true };
    const residentId = real.residents[this.resident]!;
    const activityId = this.withActivity ? real.t.fixture.activityId : undefined;
    await execute(
      model,
      real,
      'award',
      { residentId, points: this.points, activityId },
      expected,
      (tx, now) =>
        award(
          tx,
          { actorId: real.staffId, now },
          { residentId, points: this.points, reason: '志愿服务', activityId },
        ),
    );
    if (expected.ok) {
      model.post(
        'award',
        [
          { accountId: SYSTEM_ACCOUNTS.issuance, amount: -this.points },
          { accountId: account, amount: this.points },
        ],
        this.withActivity,
      );
      if (this.withActivity) model.capUsed.set(account, used + this.points);
    }
    await compareWithModel(model, real);
  }
  toString = () =>
    `award(r${this.resident}, ${this.points}${this.withActivity ? ', activity' : ''})`;
}

class RedeemCmd implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly resident: number,
    readonly merchant: number,
    readonly amount: Amount,
  ) {}
  check = () => true;
  async run(model: Model, real: Real) {
    const from = model.residentAccounts[this.resident]!;
    const to = model.merchantAccounts[this.merchant]!;
    const points = resolve(this.amount, model.balance(from));
    const expected: Expected =
      model.balance(from) < points ? { ok: false, code: 'insufficient_points' } : { ok: true };
    const residentId = real.residents[this.resident]!;
    const merchantId = real.merchants[this.merchant]!;
    await execute(model, real, 'redeem', { residentId, merchantId, points }, expected, (tx, now) =>
      redeem(tx, { actorId: merchantId, now }, { residentId, points }),
    );
    if (expected.ok)
      model.post('redemption', [
        { accountId: from, amount: -points },
        { accountId: to, amount: points },
      ]);
    await compareWithModel(model, real);
  }
  toString = () => `redeem(r${this.resident} → m${this.merchant}, ${show(this.amount)})`;
}

class TransferCmd implements fc.AsyncCommand<Model, Real> {
  /** `to` = 3 means the community pool. */
  constructor(
    readonly from: number,
    readonly to: number,
    readonly amount: Amount,
  ) {}
  check = () => true;
  async run(model: Model, real: Real) {
    const fromAccount = model.residentAccounts[this.from]!;
    const toAccount = this.to === 3 ? SYSTEM_ACCOUNTS.pool : model.residentAccounts[this.to]!;
    const points = resolve(this.amount, model.balance(fromAccount));
    const expected: Expected =
      fromAccount === toAccount
        ? { ok: false, code: 'invalid_recipient' }
        : model.balance(fromAccount) < points
          ? { ok: false, code: 'insufficient_points' }
          : { ok: true };
    const fromResidentId = real.residents[this.from]!;
    const to = this.to === 3 ? ('pool' as const) : real.residents[this.to]!;
    await execute(model, real, 'transfer', { fromResidentId, to, points }, expected, (tx, now) =>
      transfer(tx, { actorId: fromResidentId, now }, { fromResidentId, to, points }),
    );
    if (expected.ok)
      model.post(this.to === 3 ? 'donation' : 'transfer', [
        { accountId: fromAccount, amount: -points },
        { accountId: toAccount, amount: points },
      ]);
    await compareWithModel(model, real);
  }
  toString = () =>
    `transfer(r${this.from} → ${this.to === 3 ? 'pool' : `r${this.to}`}, ${show(this.amount)})`;
}

class ReverseCmd implements fc.AsyncCommand<Model, Real> {
  constructor(readonly pick: number) {}
  check = () => true;
  async run(model: Model, real: Real) {
    // Mostly an existing entry; sometimes (and always on an empty ledger) the id just past the end.
    const entryId =
      model.entries.length === 0 || this.pick % 10 === 0
        ? model.entries.length + 1
        : (this.pick % model.entries.length) + 1;
    const entry = model.entries[entryId - 1];
    let expected: Expected;
    if (!entry) expected = { ok: false, code: 'not_found' };
    else if (entry.kind === 'reversal') expected = { ok: false, code: 'cannot_reverse_reversal' };
    else if (entry.reversed) expected = { ok: false, code: 'already_reversed' };
    else if (
      entry.postings.some(
        (p) =>
          p.accountId !== SYSTEM_ACCOUNTS.issuance && model.balance(p.accountId) - p.amount < 0,
      )
    )
      expected = { ok: false, code: 'insufficient_points' };
    else expected = { ok: true };
    await execute(model, real, 'reverse', { entryId }, expected, (tx, now) =>
      reverse(tx, { actorId: real.staffId, now }, { entryId, reason: '更正' }),
    );
    if (expected.ok && entry) {
      entry.reversed = true;
      model.post(
        'reversal',
        entry.postings.map((p) => ({ accountId: p.accountId, amount: -p.amount })),
        entry.activity,
      );
      if (entry.activity) {
        const account = entry.postings.find((p) => model.isResident(p.accountId))!.accountId;
        model.capUsed.set(
          account,
          (model.capUsed.get(account) ?? 0) -
            entry.postings.find((p) => p.accountId === account)!.amount,
        );
      }
    }
    await compareWithModel(model, real);
  }
  toString = () => `reverse(#${this.pick})`;
}

class AdvanceCmd implements fc.AsyncCommand<Model, Real> {
  constructor(readonly days: number) {}
  check = () => true;
  async run(model: Model) {
    model.now = new Date(model.now.getTime() + this.days * 86_400_000);
  }
  toString = () => `advance(${this.days}d)`;
}

class ExpireCmd implements fc.AsyncCommand<Model, Real> {
  check = () => true;
  async run(model: Model, real: Real) {
    const due = model.expiring();
    const headBefore = model.entries.length;
    const run = await runExpiry(real.t.database, model.now);
    expect(run.points).toBe(due.reduce((s, [, , p]) => s + p, 0));
    expect(run.entries).toBe(due.length);
    const posted = await rows<{ id: number; account_id: number; amount: number; memo: string }>(
      real.t.database.read,
      sql`select e.id, p.account_id, p.amount, e.memo from ledger_entries e join postings p on p.entry_id = e.id where e.id > ${headBefore} and p.account_id <> ${SYSTEM_ACCOUNTS.expiry} order by e.id`,
    );
    const actual = posted.map((r) => [
      Number(r.account_id),
      Number(r.memo.slice(0, 4)),
      -Number(r.amount),
    ]);
    const sortKey = (x: number[]) => x.join(':');
    expect([...actual].sort((a, b) => sortKey(a).localeCompare(sortKey(b)))).toEqual(
      [...due].sort((a, b) => sortKey(a).localeCompare(sortKey(b))),
    );
    for (const r of posted) {
      const amount = -Number(r.amount);
      model.post('expiry', [
        { accountId: Number(r.account_id), amount: -amount },
        { accountId: SYSTEM_ACCOUNTS.expiry, amount },
      ]);
      expect(model.entries.length).toBe(Number(r.id));
    }
    // A second run at the same instant moves nothing.
    const again = await runExpiry(real.t.database, model.now);
    expect(again).toMatchObject({ entries: 0, points: 0 });
    await compareWithModel(model, real);
  }
  toString = () => 'expire()';
}

class ReplayCmd implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly pick: number,
    readonly changeBody: boolean,
  ) {}
  check = () => true;
  async run(model: Model, real: Real) {
    if (real.history.length === 0) return;
    const prior = real.history[this.pick % real.history.length]!;
    const before = await snapshot(real.t.database);
    const body = this.changeBody ? { ...(prior.body as object), variant: 1 } : prior.body;
    const replay = real.t.database.write((tx) =>
      idempotent(tx, { scope: prior.scope, key: prior.key, body, now: model.now }, () =>
        prior.exec(tx, model.now),
      ),
    );
    if (this.changeBody) {
      const error = await replay.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe('idempotency_mismatch');
    } else {
      expect(await replay).toEqual({ ...prior.outcome, replayed: true });
    }
    expect(await snapshot(real.t.database), 'a replay changes nothing').toEqual(before);
    await compareWithModel(model, real);
  }
  toString = () => `${this.changeBody ? 'mismatch' : 'replay'}(#${this.pick})`;
}

const commands = [
  fc
    .tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 1, max: 200 }))
    .map(([r, p]) => new AwardCmd(r, p, false)),
  // Multiples of 5 so that landing exactly on the cap of 50 is common.
  fc
    .tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 1, max: 7 }))
    .map(([r, p]) => new AwardCmd(r, p * 5, true)),
  fc
    .tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 1 }), amount)
    .map(([r, m, p]) => new RedeemCmd(r, m, p)),
  fc
    .tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 1 }), amount)
    .map(([r, m, p]) => new RedeemCmd(r, m, p)),
  fc
    .tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 3 }), amount)
    .map(([a, b, p]) => new TransferCmd(a, b, p)),
  fc.nat({ max: 1000 }).map((n) => new ReverseCmd(n)),
  fc.nat({ max: 1000 }).map((n) => new ReverseCmd(n)),
  fc.integer({ min: 100, max: 900 }).map((d) => new AdvanceCmd(d)),
  fc.integer({ min: 100, max: 900 }).map((d) => new AdvanceCmd(d)),
  fc.constant(null).map(() => new ExpireCmd()),
  fc.constant(null).map(() => new ExpireCmd()),
  fc.tuple(fc.nat({ max: 1000 }), fc.boolean()).map(([n, b]) => new ReplayCmd(n, b)),
];

describe('ledger properties (model-based, fast-check)', () => {
  it('random command sequences keep every invariant after every step and agree with the model', async () => {
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 30, size: 'max' }), async (cmds) => {
        const t = await seededDatabase();
        try {
          const { staffId, residents, merchants } = t.fixture;
          const residentAccounts = await Promise.all(
            residents.map((r) => accountIdOf(t.database, r)),
          );
          const merchantAccounts = await Promise.all(
            merchants.map((m) => accountIdOf(t.database, m)),
          );
          const setup = () => ({
            model: new Model(residentAccounts, merchantAccounts),
            real: { t, staffId, residents, merchants, seq: 0, history: [] } as Real,
          });
          await fc.asyncModelRun(setup, cmds);
        } finally {
          t.cleanup();
        }
      }),
      { numRuns: 100, seed: 20260309, endOnFailure: false },
    );
  }, 240_000);

  it('the model itself expires oldest lots first (sanity check of the oracle)', () => {
    const m = new Model([10], [20]);
    m.now = new Date('2024-06-01T00:00:00Z');
    m.post('award', [
      { accountId: 1, amount: -100 },
      { accountId: 10, amount: 100 },
    ]);
    m.now = new Date('2025-06-01T00:00:00Z');
    m.post('award', [
      { accountId: 1, amount: -50 },
      { accountId: 10, amount: 50 },
    ]);
    m.post('redemption', [
      { accountId: 10, amount: -120 },
      { accountId: 20, amount: 120 },
    ]);
    m.now = new Date('2027-01-01T00:00:00Z');
    expect(m.expiring()).toEqual([]);
    m.now = new Date('2028-01-01T00:00:00Z');
    expect(m.expiring()).toEqual([[10, 2025, 30]]);
  });
});
