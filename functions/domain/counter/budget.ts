import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import type { GuessKind } from '../../../db/schema';
import { TryLater } from '../shared/errors';
import { guard } from '../shared/guard';
import { getOrPut } from '../shared/maps';
import { inList, rowList } from '../shared/sql';

/**
 * A merchant's guessing budgets: how many failed identifications (a wrong code, card or PIN) its
 * counter may make before it is paused. The burst window counts every failure; the daily one only
 * the hand-entered secrets (the 6 typed digits of a code, a card's PIN), which are short enough to
 * be guessed, so a counter paused by it can still take the QR's long code. SECURITY.md has the
 * arithmetic behind the numbers.
 */
export const GUESS_BUDGETS = {
  burst: { windowMs: 10 * 60_000, failuresMax: 10, counts: ['code', 'scan', 'pin'] },
  daily: { windowMs: 24 * 60 * 60_000, failuresMax: 20, counts: ['code', 'pin'] },
} as const satisfies Record<
  string,
  { windowMs: number; failuresMax: number; counts: readonly GuessKind[] }
>;

type Window = keyof typeof GUESS_BUDGETS;
const WINDOWS = Object.keys(GUESS_BUDGETS) as Window[];
const LONGEST_WINDOW_MS = Math.max(...WINDOWS.map((w) => GUESS_BUDGETS[w].windowMs));

interface Spent {
  failures: number;
  /** The oldest failure still in the window: the budget comes back when it leaves. */
  oldest: string | null;
}

const PAUSED: Record<Window, string> = {
  burst: '本柜台 10 分钟内兑换码或密码错误已达 10 次，暂停核验',
  daily:
    '本柜台 24 小时内手输兑换码或密码错误已达 20 次，暂停手输核验（扫居民手机上的二维码仍可用）',
};

/**
 * The budgets of the merchants of one write transaction: read once, checked before each attempt
 * and spent by each failure in memory, written by `save` in the same transaction. Writes being one
 * at a time (across processes too), an attempt is judged only while its counter has budget left,
 * however many arrive together.
 */
export class GuessBudget {
  private readonly fresh: Array<{ merchantId: number; at: string; kind: GuessKind }> = [];
  private readonly blocks: Array<{
    merchantId: number;
    at: string;
    until: string;
    window: Window;
    failures: number;
  }> = [];

  private constructor(
    private readonly spent: Map<string, Spent>,
    /** Each merchant's failures in the longest window as read, and when: what `save` guards. */
    private readonly seen: Map<number, number>,
    private readonly readAt: Date,
  ) {}

  static async of(tx: Db, merchantIds: number[], now: Date): Promise<GuessBudget> {
    const from = (w: Window) => new Date(now.getTime() - GUESS_BUDGETS[w].windowMs).toISOString();
    const inWindow = (w: Window) =>
      sql`at > ${from(w)} and kind in ${inList(GUESS_BUDGETS[w].counts)}`;
    const rows = await tx.all<{
      merchantId: number;
      burst: number;
      burstOldest: string | null;
      daily: number;
      dailyOldest: string | null;
      total: number;
    }>(
      sql`select merchant_id as merchantId, count(*) as total,
            count(*) filter (where ${inWindow('burst')}) as burst, min(at) filter (where ${inWindow('burst')}) as burstOldest,
            count(*) filter (where ${inWindow('daily')}) as daily, min(at) filter (where ${inWindow('daily')}) as dailyOldest
          from counter_guesses where merchant_id in ${inList(merchantIds)} and at > ${new Date(now.getTime() - LONGEST_WINDOW_MS).toISOString()}
          group by merchant_id`,
    );
    const spent = new Map<string, Spent>();
    const seen = new Map(merchantIds.map((id) => [id, 0]));
    for (const r of rows) {
      seen.set(Number(r.merchantId), Number(r.total));
      spent.set(`${r.merchantId}:burst`, { failures: Number(r.burst), oldest: r.burstOldest });
      spent.set(`${r.merchantId}:daily`, { failures: Number(r.daily), oldest: r.dailyOldest });
    }
    return new GuessBudget(spent, seen, now);
  }

  private of(merchantId: number, w: Window): Spent {
    const key = `${merchantId}:${w}`;
    return getOrPut(this.spent, key, () => ({ failures: 0, oldest: null }));
  }

  /** The "not now" for an attempt of this kind at this counter, if a window that counts it is used up. */
  refusal(merchantId: number, kind: GuessKind, now: Date): TryLater | undefined {
    for (const w of WINDOWS) {
      const { windowMs, failuresMax, counts } = GUESS_BUDGETS[w];
      const s = this.of(merchantId, w);
      if (!(counts as readonly GuessKind[]).includes(kind) || s.failures < failuresMax || !s.oldest)
        continue;
      const retryAfterSeconds = (Date.parse(s.oldest) + windowMs - now.getTime()) / 1000;
      if (retryAfterSeconds > 0)
        return new TryLater(
          'too_many_attempts',
          `${PAUSED[w]}，请 ${Math.ceil(retryAfterSeconds / 60)} 分钟后再试；社区已收到提醒`,
          retryAfterSeconds,
        );
    }
    return undefined;
  }

  /** A failed identification: spent from every window that counts its kind (a window it fills pauses the counter). */
  spend(merchantId: number, kind: GuessKind, now: Date): void {
    const at = now.toISOString();
    this.fresh.push({ merchantId, at, kind });
    for (const w of WINDOWS) {
      const { windowMs, failuresMax, counts } = GUESS_BUDGETS[w];
      if (!(counts as readonly GuessKind[]).includes(kind)) continue;
      const s = this.of(merchantId, w);
      s.failures += 1;
      s.oldest ??= at;
      if (s.failures === failuresMax)
        this.blocks.push({
          merchantId,
          at,
          until: new Date(Date.parse(s.oldest) + windowMs).toISOString(),
          window: w,
          failures: failuresMax,
        });
    }
  }

  /** Writes the failures spent (and any pause they caused), and forgets those older than every window. */
  async save(tx: Db, now: Date): Promise<void> {
    if (this.fresh.length === 0) return;
    // Failures at one counter in parallel each count: the write holds only if none was added since.
    const since = new Date(this.readAt.getTime() - LONGEST_WINDOW_MS).toISOString();
    for (const merchantId of new Set(this.fresh.map((g) => g.merchantId)))
      await guard(
        tx,
        sql`(select count(*) from counter_guesses where merchant_id = ${merchantId} and at > ${since}) = ${this.seen.get(merchantId) ?? 0}`,
      );
    await tx.run(
      sql`insert into counter_guesses (merchant_id, at, kind) values ${rowList(this.fresh.map((g) => [g.merchantId, g.at, g.kind]))}`,
    );
    const merchants = [...new Set(this.fresh.map((g) => g.merchantId))];
    await tx.run(
      sql`delete from counter_guesses where merchant_id in ${inList(merchants)} and at <= ${new Date(now.getTime() - LONGEST_WINDOW_MS).toISOString()}`,
    );
    if (this.blocks.length > 0) {
      await tx.run(
        sql`insert into counter_blocks (merchant_id, at, until, window, failures) values ${rowList(this.blocks.map((b) => [b.merchantId, b.at, b.until, b.window, b.failures]))}`,
      );
    }
    this.fresh.length = 0;
    this.blocks.length = 0;
  }
}

export interface CounterAlert {
  id: number;
  merchantId: number;
  shopName: string;
  at: string;
  until: string;
  window: Window;
  failures: number;
}

export const COUNTER_ALERT_DAYS = 7;

/** The counters paused for guessing in the last week, newest first: what the staff console warns of. */
export async function counterAlerts(db: Db, now: Date): Promise<CounterAlert[]> {
  const since = new Date(now.getTime() - COUNTER_ALERT_DAYS * 24 * 60 * 60_000).toISOString();
  const rows = await db.all<CounterAlert>(
    sql`select b.id as id, b.merchant_id as merchantId, coalesce(m.shop_name, '') as shopName, b.at as at, b.until as until, b.window as window, b.failures as failures
        from counter_blocks b left join merchants m on m.user_id = b.merchant_id where b.at > ${since} order by b.id desc limit 100`,
  );
  return rows.map((r) => ({
    ...r,
    id: Number(r.id),
    merchantId: Number(r.merchantId),
    failures: Number(r.failures),
  }));
}
