import { localYear } from '../../../functions/domain/shared/time';

/** A plain-JS model of the ledger: the oracle the model-based properties compare the database with. */

export const DAILY_CAP = 50; // the fixture's patrol activity type
const EXPIRY_YEARS = 2;

interface ModelEntry {
  id: number;
  kind: string;
  postings: Array<{ accountId: number; amount: number }>;
  reversed: boolean;
  activity: boolean;
}

export class Model {
  now = new Date('2024-10-20T02:00:00Z');
  readonly balances = new Map<number, number>();
  /** FIFO lots per resident account: the independent restatement of "oldest points are spent first". */
  readonly lots = new Map<number, Array<{ year: number; points: number }>>();
  readonly capUsed = new Map<number, number>();
  readonly entries: ModelEntry[] = [];

  constructor(
    readonly residentAccounts: number[],
    readonly merchantAccounts: number[],
  ) {}

  balance(account: number): number {
    return this.balances.get(account) ?? 0;
  }

  isResident(account: number): boolean {
    return this.residentAccounts.includes(account);
  }

  /** Applies an entry's postings, keeping the lots of resident accounts. */
  post(
    kind: string,
    postings: Array<{ accountId: number; amount: number }>,
    activity = false,
  ): ModelEntry {
    for (const p of postings) {
      this.balances.set(p.accountId, this.balance(p.accountId) + p.amount);
      if (!this.isResident(p.accountId)) continue;
      const lots = this.lots.get(p.accountId) ?? [];
      this.lots.set(p.accountId, lots);
      if (p.amount > 0) {
        const year = localYear(this.now);
        const last = lots[lots.length - 1];
        if (last && last.year === year) last.points += p.amount;
        else lots.push({ year, points: p.amount });
      } else {
        let debit = -p.amount;
        while (debit > 0) {
          const first = lots[0]!;
          const used = Math.min(first.points, debit);
          first.points -= used;
          debit -= used;
          if (first.points === 0) lots.shift();
        }
      }
    }
    const entry = { id: this.entries.length + 1, kind, postings, reversed: false, activity };
    this.entries.push(entry);
    return entry;
  }

  /** What an expiry run at `now` must expire: [account, lot year, points], oldest year first. */
  expiring(): Array<[number, number, number]> {
    const lastLapsed = localYear(this.now) - EXPIRY_YEARS - 1;
    const out: Array<[number, number, number]> = [];
    for (const account of this.residentAccounts) {
      for (const lot of this.lots.get(account) ?? [])
        if (lot.year <= lastLapsed && lot.points > 0) out.push([account, lot.year, lot.points]);
    }
    return out;
  }
}
