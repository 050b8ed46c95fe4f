import { describe, expect, it } from 'vitest';
import { redemptionItems, settings } from '../../db/schema';
import { grantFromPool } from '../../functions/domain/ledger/commands';
import { runExpiry } from '../../functions/domain/ledger/expiry';
import { awardVia, call, expectError, loginAs, newKey, useWorld, type World } from '../helpers/http';

const redeemByCard = (w: World, token: string, card: string, points: number) =>
  call(w.app, 'POST', '/api/counter/redemptions', { token, idempotencyKey: newKey('redeem'), body: { card, pin: '1357', points } });

/** What a redemption bought, as the counter records it (the counter's itemId is the lead's part of issue 18). */
const boughtItem = (w: World, entryId: number, item: { itemId: number; name: string; unitPoints: number; quantity: number }) =>
  w.t.database.write((tx) => tx.insert(redemptionItems).values({ entryId, ...item }));

describe('statement lines name their counterparty', () => {
  // Starts two years back, so the first award's points lapse by the end of the test.
  const w = useWorld([], new Date('2024-06-01T02:00:00Z'));

  it('award with and without activity, redemption with an item, gifts, pool donation and grant, reversal, expiry', async () => {
    await w.t.database.write((tx) => tx.insert(settings).values({ key: 'community_name', value: '幸福里社区' }));
    const [id1, id2] = w.f.residents as [number, number];
    let staff = await loginAs(w.app, 'staff');
    await awardVia(w, staff, id1, 200); // 1 earn, no activity: lapses at the end of 2026
    w.time.now = new Date('2026-03-09T02:00:00Z');
    staff = await loginAs(w.app, 'staff');
    const r1 = await loginAs(w.app, 'r1');
    const r2 = await loginAs(w.app, 'r2');
    const m1 = await loginAs(w.app, 'm1');
    expect((await awardVia(w, staff, id1, 50, { activityId: w.f.activityId })).status).toBe(201); // 2 earn, 夜间巡防
    await call(w.app, 'POST', '/api/me/transfers', { token: r1, idempotencyKey: newKey(), body: { to: id2, points: 10 } }); // 3 out → 李*英
    await awardVia(w, staff, id2, 30); // 4 (r2's)
    await call(w.app, 'POST', '/api/me/transfers', { token: r2, idempotencyKey: newKey(), body: { to: id1, points: 5 } }); // 5 in ← 李*英
    const redeemed = await redeemByCard(w, m1, w.f.cards[0]!, 12); // 6 redeem at 明亮眼镜店
    expect(redeemed.status).toBe(201);
    await boughtItem(w, redeemed.body.id, { itemId: 7, name: '老花镜', unitPoints: 6, quantity: 2 });
    await call(w.app, 'POST', '/api/me/transfers', { token: r1, idempotencyKey: newKey(), body: { to: 'pool', points: 3 } }); // 7 donation
    const reversed = await call(w.app, 'POST', `/api/staff/entries/${redeemed.body.id}/reverse`, { token: staff, idempotencyKey: newKey(), body: { reason: '退货' } }); // 8
    expect(reversed.status).toBe(201);
    await w.t.database.write((tx) => grantFromPool(tx, { actorId: w.f.staffId, now: w.time.now }, { residentIds: [id1, id2], points: 1, memo: '积分池补助' })); // 9
    await call(w.app, 'POST', '/api/staff/entries/2/reverse', { token: staff, idempotencyKey: newKey(), body: { reason: '录错' } }); // 10 reverses the activity award
    w.time.now = new Date('2026-12-31T16:00:00Z');
    expect((await runExpiry(w.t.database, w.time.now)).points).toBeGreaterThan(0); // 11 expiry

    const res = await call(w.app, 'GET', '/api/me/entries?limit=100', { token: await loginAs(w.app, 'r1') });
    expect(res.status).toBe(200);
    const community = { kind: 'community', name: '幸福里社区' };
    const glasses = { id: 7, name: '老花镜', unitPoints: 6, quantity: 2 };
    expect(res.body.entries.map((e: any) => [e.id, e.kind, e.counterparty, e.item])).toEqual([
      [11, 'expiry', community, null],
      [10, 'reversal', { kind: 'activity', name: '夜间巡防' }, null],
      [9, 'transfer_in', community, null],
      [8, 'reversal', { kind: 'merchant', name: '明亮眼镜店' }, glasses],
      [7, 'transfer_out', { kind: 'pool', name: '社区积分池' }, null],
      [6, 'redeem', { kind: 'merchant', name: '明亮眼镜店' }, glasses],
      [5, 'transfer_in', { kind: 'resident', name: '李*英' }, null],
      [3, 'transfer_out', { kind: 'resident', name: '李*英' }, null],
      [2, 'earn', { kind: 'activity', name: '夜间巡防' }, null],
      [1, 'earn', community, null],
    ]);
    // Never the other resident's full name.
    expect(JSON.stringify(res.body)).not.toContain('李秀英');

    // Staff read the same lines; the merchant's list names the (masked) resident and the item.
    const staffView = await call(w.app, 'GET', `/api/staff/residents/${id1}/entries?limit=20`, { token: await loginAs(w.app, 'staff') });
    expect(staffView.status).toBe(200);
    expect(staffView.body.entries.map((e: any) => e.counterparty)).toEqual(res.body.entries.map((e: any) => e.counterparty));
    const counter = await call(w.app, 'GET', '/api/counter/redemptions', { token: await loginAs(w.app, 'm1') });
    expect(counter.body.redemptions.map((e: any) => [e.id, e.kind, e.counterparty, e.item])).toEqual([
      [8, 'reversal', { kind: 'resident', name: '张*华' }, glasses],
      [6, 'redeem', { kind: 'resident', name: '张*华' }, glasses],
    ]);
  });
});

describe('GET /api/me/entries?kind= and the CSV download', () => {
  const w = useWorld(['staff', 'r1', 'r2', 'm1']);

  async function history() {
    const [id1, id2] = w.f.residents as [number, number];
    for (let i = 1; i <= 5; i++) await awardVia(w, w.tokens.staff, id1, 10 * i); // 1..5 earn
    await call(w.app, 'POST', '/api/me/transfers', { token: w.tokens.r1, idempotencyKey: newKey(), body: { to: id2, points: 7, memo: '谢谢, "邻居"' } }); // 6
    await redeemByCard(w, w.tokens.m1, w.f.cards[0]!, 4); // 7
    await awardVia(w, w.tokens.staff, id1, 60); // 8 earn
  }

  it('keeps only lines of one kind, and the cursor pages through that kind', async () => {
    await history();
    const first = await call(w.app, 'GET', '/api/me/entries?kind=earn&limit=4', { token: w.tokens.r1 });
    expect(first.body.entries.map((e: any) => e.id)).toEqual([8, 5, 4, 3]);
    const next = await call(w.app, 'GET', `/api/me/entries?kind=earn&limit=4&cursor=${first.body.nextCursor}`, { token: w.tokens.r1 });
    expect(next.body.entries.map((e: any) => e.id)).toEqual([2, 1]);
    expect(next.body.nextCursor).toBeNull();
    const out = await call(w.app, 'GET', '/api/me/entries?kind=transfer_out', { token: w.tokens.r1 });
    expect(out.body.entries.map((e: any) => [e.id, e.kind])).toEqual([[6, 'transfer_out']]);
    const redeem = await call(w.app, 'GET', '/api/me/entries?kind=redeem', { token: w.tokens.r1 });
    expect(redeem.body.entries.map((e: any) => [e.id, e.kind])).toEqual([[7, 'redeem']]);
    expect((await call(w.app, 'GET', '/api/me/entries?kind=transfer_in', { token: w.tokens.r1 })).body.entries).toEqual([]);
    expectError(await call(w.app, 'GET', '/api/me/entries?kind=award', { token: w.tokens.r1 }), 400, 'invalid_request');
  });

  it('downloads one’s own whole statement as UTF-8 CSV with a BOM and a Chinese header', async () => {
    await history();
    const res = await w.app.request('/api/me/entries.csv', { headers: { authorization: `Bearer ${w.tokens.r1}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="linli-statement-\d{8}\.csv"$/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).split('\r\n');
    expect(lines[0]).toBe('日期时间,类型,对方,商品,积分,余额,备注,账目编号');
    // Newest first, every line of the statement (more than one page of the phone's list would hold).
    expect(lines.slice(1, -1)).toHaveLength(8);
    expect(lines.at(-1)).toBe('');
    // Community time (UTC+8): the fixture's clock stands at 2026-03-09 02:00Z.
    expect(lines[1]).toBe('2026-03-09 10:00,获得,社区,,60,199,志愿服务,8');
    expect(lines[2]).toBe('2026-03-09 10:00,兑换,明亮眼镜店,,-4,139,到店兑换,7');
    expect(lines[3]).toBe('2026-03-09 10:00,转出,李*英,,-7,143,"谢谢, ""邻居""",6');
    // Only one's own: the other resident's download has only their line.
    const other = await call(w.app, 'GET', '/api/me/entries.csv', { token: w.tokens.r2 });
    expect(other.body.trim().split('\r\n')).toHaveLength(2);
    expectError(await call(w.app, 'GET', '/api/me/entries.csv', { token: w.tokens.m1 }), 403, 'forbidden');
  });
});

describe('GET /api/me/redeem-codes/{id}', () => {
  const w = useWorld(['staff', 'r1', 'r2', 'm1']);

  const codeOf = async (token: string) => {
    const res = await call(w.app, 'POST', '/api/me/redeem-codes', { token });
    expect(res.status).toBe(201);
    // The id arrives with the lead's change to POST /api/me/redeem-codes; until then, the latest code.
    return { code: res.body.code as string, id: (res.body.id as number | undefined) ?? (await latestCodeId(w)) };
  };

  it('pending, then used with the redemption as a statement line', async () => {
    await awardVia(w, w.tokens.staff, w.f.residents[0]!, 100);
    const { code, id } = await codeOf(w.tokens.r1);
    const pending = await call(w.app, 'GET', `/api/me/redeem-codes/${id}`, { token: w.tokens.r1 });
    expect(pending.status).toBe(200);
    expect(pending.body).toMatchObject({ id, status: 'pending', revoked: false, entry: null });
    const done = await call(w.app, 'POST', '/api/counter/redemptions', { token: w.tokens.m1, idempotencyKey: newKey(), body: { code, points: 25 } });
    expect(done.status).toBe(201);
    const used = await call(w.app, 'GET', `/api/me/redeem-codes/${id}`, { token: w.tokens.r1 });
    expect(used.body).toMatchObject({
      id,
      status: 'used',
      entry: { id: done.body.id, kind: 'redeem', points: -25, balanceAfter: 75, counterparty: { kind: 'merchant', name: '明亮眼镜店' }, item: null },
    });
  });

  it('expired once its time has passed (pinned clock), and a revoked one answers expired with revoked: true', async () => {
    const first = await codeOf(w.tokens.r1);
    w.time.advance(5 * 60_000 - 1);
    expect((await call(w.app, 'GET', `/api/me/redeem-codes/${first.id}`, { token: w.tokens.r1 })).body.status).toBe('pending');
    w.time.advance(1);
    expect((await call(w.app, 'GET', `/api/me/redeem-codes/${first.id}`, { token: w.tokens.r1 })).body).toMatchObject({ status: 'expired', revoked: false, entry: null });
    // A sixth live code revokes the oldest.
    const held = [];
    for (let i = 0; i < 6; i++) held.push(await codeOf(w.tokens.r1));
    expect((await call(w.app, 'GET', `/api/me/redeem-codes/${held[0]!.id}`, { token: w.tokens.r1 })).body).toMatchObject({ status: 'expired', revoked: true });
    expect((await call(w.app, 'GET', `/api/me/redeem-codes/${held[5]!.id}`, { token: w.tokens.r1 })).body.status).toBe('pending');
  });

  it("another resident's code and an unknown id are both 404; a bad id is 400", async () => {
    const { id } = await codeOf(w.tokens.r1);
    expectError(await call(w.app, 'GET', `/api/me/redeem-codes/${id}`, { token: w.tokens.r2 }), 404, 'not_found');
    expectError(await call(w.app, 'GET', `/api/me/redeem-codes/${id + 100}`, { token: w.tokens.r1 }), 404, 'not_found');
    expectError(await call(w.app, 'GET', '/api/me/redeem-codes/abc', { token: w.tokens.r1 }), 400, 'invalid_request');
    expectError(await call(w.app, 'GET', `/api/me/redeem-codes/${id}`, { token: w.tokens.m1 }), 403, 'forbidden');
  });
});

async function latestCodeId(w: World): Promise<number> {
  const row = await w.t.database.read.query.redeemCodes.findFirst({ orderBy: (c, { desc }) => [desc(c.id)] });
  return row!.id;
}
