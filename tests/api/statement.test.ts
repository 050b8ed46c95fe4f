import { describe, expect, it } from 'vitest';
import { redemptionItems, settings } from '../../db/schema';
import { grantFromPool } from '../../functions/domain/ledger/commands';
import { runExpiry } from '../../functions/domain/ledger/expiry';
import { answerOf, bodyOf, client } from '../helpers/client';
import {
  awardVia,
  call,
  expectError,
  loginAs,
  newKey,
  useWorld,
  type World,
} from '../helpers/http';

const header = () => ({ 'idempotency-key': newKey() });
const redeemByCard = (w: World, token: string, card: string, points: number) =>
  client(w.app, { token }).counter.redemptions.$post({
    header: { 'idempotency-key': newKey('redeem') },
    json: { card, pin: '1357', points },
  });
const give = (w: World, token: string, to: number | 'pool', points: number, memo?: string) =>
  client(w.app, { token }).me.transfers.$post({
    header: header(),
    json: memo === undefined ? { to, points } : { to, points, memo },
  });

/** What a redemption bought, as the counter records it (the counter's itemId is the lead's part of issue 18). */
const boughtItem = (
  w: World,
  entryId: number,
  item: { itemId: number; name: string; unitPoints: number; quantity: number },
) => w.t.database.write((tx) => tx.insert(redemptionItems).values({ entryId, ...item }));

describe('statement lines name their counterparty', () => {
  // Starts two years back, so the first award's points lapse by the end of the test.
  const w = useWorld([], new Date('2024-06-01T02:00:00Z'));

  it('award with and without activity, redemption with an item, gifts, pool donation and grant, reversal, expiry', async () => {
    await w.t.database.write((tx) =>
      tx.insert(settings).values({ key: 'community_name', value: '幸福里社区' }),
    );
    const [id1, id2] = w.f.residents as [number, number];
    let staff = await loginAs(w.app, 'staff');
    await awardVia(w, staff, id1, 200); // 1 earn, no activity: lapses at the end of 2026
    w.time.now = new Date('2026-03-09T02:00:00Z');
    staff = await loginAs(w.app, 'staff');
    const r1 = await loginAs(w.app, 'r1');
    const r2 = await loginAs(w.app, 'r2');
    const m1 = await loginAs(w.app, 'm1');
    const reverse = (id: number, reason: string) =>
      client(w.app, { token: staff }).staff.entries[':id'].reverse.$post({
        param: { id: String(id) },
        header: header(),
        json: { reason },
      });
    expect((await awardVia(w, staff, id1, 50, { activityId: w.f.activityId })).status).toBe(201); // 2 earn, 夜间巡防
    await give(w, r1, id2, 10); // 3 out → 李*英
    await awardVia(w, staff, id2, 30); // 4 (r2's)
    await give(w, r2, id1, 5); // 5 in ← 李*英
    const redeemed = await bodyOf(await redeemByCard(w, m1, w.f.cards[0]!, 12), 201); // 6 redeem at 明亮眼镜店
    await boughtItem(w, redeemed.id, { itemId: 7, name: '老花镜', unitPoints: 6, quantity: 2 });
    await give(w, r1, 'pool', 3); // 7 donation
    expect((await reverse(redeemed.id, '退货')).status).toBe(201); // 8
    await w.t.database.write((tx) =>
      grantFromPool(
        tx,
        { actorId: w.f.staffId, now: w.time.now },
        { residentIds: [id1, id2], points: 1, memo: '积分池补助' },
      ),
    ); // 9
    await reverse(2, '录错'); // 10 reverses the activity award
    w.time.now = new Date('2026-12-31T16:00:00Z');
    expect((await runExpiry(w.t.database, w.time.now)).points).toBeGreaterThan(0); // 11 expiry

    const res = await bodyOf(
      await client(w.app, { token: await loginAs(w.app, 'r1') }).me.entries.$get({
        query: { limit: '100' },
      }),
      200,
    );
    const community = { kind: 'community', name: '幸福里社区' };
    const glasses = { id: 7, name: '老花镜', unitPoints: 6, quantity: 2 };
    expect(res.entries.map((e) => [e.id, e.kind, e.counterparty, e.item])).toEqual([
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
    expect(JSON.stringify(res)).not.toContain('李秀英');

    // Staff read the same lines; the merchant's list names the (masked) resident and the item.
    const staffApi = client(w.app, { token: await loginAs(w.app, 'staff') });
    const staffView = await bodyOf(
      await staffApi.staff.residents[':id'].entries.$get({
        param: { id: String(id1) },
        query: { limit: '20' },
      }),
      200,
    );
    expect(staffView.entries.map((e) => e.counterparty)).toEqual(
      res.entries.map((e) => e.counterparty),
    );
    const counter = await bodyOf(
      await client(w.app, { token: await loginAs(w.app, 'm1') }).counter.redemptions.$get({
        query: {},
      }),
      200,
    );
    expect(counter.items.map((e) => [e.id, e.kind, e.counterparty, e.item])).toEqual([
      [8, 'reversal', { kind: 'resident', name: '张*华' }, glasses],
      [6, 'redeem', { kind: 'resident', name: '张*华' }, glasses],
    ]);
  });
});

describe('GET /api/me/entries?kind= and the CSV download', () => {
  const w = useWorld(['staff', 'r1', 'r2', 'm1']);
  const me = (token = w.tokens.r1) => client(w.app, { token }).me;
  const entries = async (query: Parameters<ReturnType<typeof me>['entries']['$get']>[0]['query']) =>
    bodyOf(await me().entries.$get({ query }), 200);

  async function history() {
    const [id1, id2] = w.f.residents as [number, number];
    for (let i = 1; i <= 5; i++) await awardVia(w, w.tokens.staff, id1, 10 * i); // 1..5 earn
    await give(w, w.tokens.r1, id2, 7, '谢谢, "邻居"'); // 6
    await redeemByCard(w, w.tokens.m1, w.f.cards[0]!, 4); // 7
    await awardVia(w, w.tokens.staff, id1, 60); // 8 earn
  }

  it('keeps only lines of one kind, and the cursor pages through that kind', async () => {
    await history();
    const first = await entries({ kind: 'earn', limit: '4' });
    expect(first.entries.map((e) => e.id)).toEqual([8, 5, 4, 3]);
    const next = await entries({ kind: 'earn', limit: '4', cursor: first.nextCursor! });
    expect(next.entries.map((e) => e.id)).toEqual([2, 1]);
    expect(next.nextCursor).toBeNull();
    const out = await entries({ kind: 'transfer_out' });
    expect(out.entries.map((e) => [e.id, e.kind])).toEqual([[6, 'transfer_out']]);
    const redeem = await entries({ kind: 'redeem' });
    expect(redeem.entries.map((e) => [e.id, e.kind])).toEqual([[7, 'redeem']]);
    expect((await entries({ kind: 'transfer_in' })).entries).toEqual([]);
    // A kind the statement does not have, on purpose: past the typed client.
    expectError(
      await call(w.app, 'GET', '/api/me/entries?kind=award', { token: w.tokens.r1 }),
      400,
      'invalid_request',
    );
  });

  it('downloads one’s own whole statement as UTF-8 CSV with a BOM and a Chinese header', async () => {
    await history();
    const res = await w.app.request('/api/me/entries.csv', {
      headers: { authorization: `Bearer ${w.tokens.r1}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="linli-statement-\d{8}\.csv"$/,
    );
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
    const other = await me(w.tokens.r2)['entries.csv'].$get();
    expect(other.status).toBe(200);
    expect((await other.text()).trim().split('\r\n')).toHaveLength(2);
    expectError(await answerOf(await me(w.tokens.m1)['entries.csv'].$get()), 403, 'forbidden');
  });
});

describe('GET /api/me/redeem-codes/{id}', () => {
  const w = useWorld(['staff', 'r1', 'r2', 'm1']);

  const codeOf = async (token: string) =>
    bodyOf(await client(w.app, { token }).me['redeem-codes'].$post(), 201);
  const ask = (id: number, token = w.tokens.r1) =>
    client(w.app, { token }).me['redeem-codes'][':id'].$get({ param: { id: String(id) } });
  const state = async (id: number) => bodyOf(await ask(id), 200);

  it('pending, then used with the redemption as a statement line', async () => {
    await awardVia(w, w.tokens.staff, w.f.residents[0]!, 100);
    const { code, id } = await codeOf(w.tokens.r1);
    expect(await state(id)).toMatchObject({ id, status: 'pending', revoked: false, entry: null });
    const done = await bodyOf(
      await client(w.app, { token: w.tokens.m1 }).counter.redemptions.$post({
        header: header(),
        json: { code, points: 25 },
      }),
      201,
    );
    expect(await state(id)).toMatchObject({
      id,
      status: 'used',
      entry: {
        id: done.id,
        kind: 'redeem',
        points: -25,
        balanceAfter: 75,
        counterparty: { kind: 'merchant', name: '明亮眼镜店' },
        item: null,
      },
    });
  });

  it('expired once its time has passed (pinned clock), and a revoked one answers expired with revoked: true', async () => {
    const first = await codeOf(w.tokens.r1);
    w.time.advance(5 * 60_000 - 1);
    expect((await state(first.id)).status).toBe('pending');
    w.time.advance(1);
    expect(await state(first.id)).toMatchObject({ status: 'expired', revoked: false, entry: null });
    // A sixth live code revokes the oldest.
    const held = [];
    for (let i = 0; i < 6; i++) held.push(await codeOf(w.tokens.r1));
    expect(await state(held[0]!.id)).toMatchObject({ status: 'expired', revoked: true });
    expect((await state(held[5]!.id)).status).toBe('pending');
  });

  it("another resident's code and an unknown id are both 404; a bad id is 400", async () => {
    const { id } = await codeOf(w.tokens.r1);
    expectError(await answerOf(await ask(id, w.tokens.r2)), 404, 'not_found');
    expectError(await answerOf(await ask(id + 100)), 404, 'not_found');
    expectError(
      await answerOf(
        await client(w.app, { token: w.tokens.r1 }).me['redeem-codes'][':id'].$get({
          param: { id: 'abc' },
        }),
      ),
      400,
      'invalid_request',
    );
    expectError(await answerOf(await ask(id, w.tokens.m1)), 403, 'forbidden');
  });
});
