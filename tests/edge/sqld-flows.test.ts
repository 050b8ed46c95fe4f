import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus, request, runLinli, signIn } from '../helpers/edge-api';
import { type EdgeWorker, type Sqld, startSqld, startWorker } from '../helpers/edge-stack';

/**
 * The design card's deployment for real: the Worker in workerd (wrangler dev, local mode) on a
 * libSQL server (sqld), over Hrana-over-HTTP and over WebSocket URLs. A community is set up the way
 * an adopter does it — `linli init` on an empty database, then accounts and residents through the
 * API, no demo records — and its daily work is driven through the Worker's HTTP API; `verify` and
 * the export then read the same database from the command line.
 */
const PASSWORD = 'edge-pass-2026';
const ADMIN_PASSWORD = 'edge-admin-2026';
const PIN = '7391';

const schemes: Array<[string, (s: Sqld) => string]> = [
  ['http', (s) => s.url],
  ['ws', (s) => s.wsUrl],
];

describe.each(schemes)('the Worker on sqld over %s', (scheme, urlOf) => {
  let sqld: Sqld;
  let worker: EdgeWorker;
  let second: EdgeWorker | undefined;
  let databaseUrl: string;
  let base: string;
  const tokens: Record<string, string> = {};
  const ids: Record<string, number> = {};
  let keys = 0;
  const key = () => `edge-${scheme}-${String(++keys).padStart(4, '0')}`;
  const cli = (args: string[], env: Record<string, string> = {}) =>
    runLinli(args, { DATABASE_URL: databaseUrl, DATABASE_AUTH_TOKEN: '', ...env });

  beforeAll(async () => {
    sqld = await startSqld();
    databaseUrl = urlOf(sqld);
    worker = await startWorker({ databaseUrl });
    base = worker.url;
  }, 180_000);
  afterAll(async () => {
    await second?.stop();
    await worker?.stop();
    await sqld?.stop();
  });

  it('sets up a community from an empty database with `linli init`, then its people through the API', async () => {
    const init = await cli(['init', '--name', '边缘社区', '--admin', 'edge.admin'], {
      LINLI_ADMIN_PASSWORD: ADMIN_PASSWORD,
    });
    expect(init.code, init.stderr + init.stdout).toBe(0);
    tokens.admin = await signIn(base, 'edge.admin', ADMIN_PASSWORD);
    const account = async (role: string, login: string, extra: object = {}) =>
      expectStatus(
        await request(base, 'POST', '/api/admin/accounts', {
          token: tokens.admin,
          body: { role, login, name: login, password: PASSWORD, ...extra },
        }),
        201,
        `account ${login}`,
      ).id as number;
    ids.staff = await account('staff', 'edge.staff');
    ids.accountant = await account('accountant', 'edge.accountant');
    ids.merchant = await account('merchant', 'edge.shop', {
      shop: {
        shopName: '便民小店',
        category: '日用',
        address: '幸福路 1 号',
        openingHours: '每天 8:00–20:00',
        offer: '积分兑换日用品',
      },
    });
    for (const login of ['staff', 'accountant', 'shop'])
      tokens[login] = await signIn(base, `edge.${login}`, PASSWORD);
    const resident = async (login: string, fullName: string, card?: string) =>
      expectStatus(
        await request(base, 'POST', '/api/staff/residents', {
          token: tokens.staff,
          body: {
            fullName,
            household: { compound: '幸福里', building: '3', unit: '1', door: '101' },
            login,
            password: PASSWORD,
            ...(card ? { card: { cardNo: card, pin: PIN } } : {}),
          },
        }),
        201,
        `resident ${login}`,
      ).id as number;
    ids.r1 = await resident('edge.r1', '张三华', 'C7001');
    ids.r2 = await resident('edge.r2', '李秀英');
    tokens.r1 = await signIn(base, 'edge.r1', PASSWORD);
    expect(
      expectStatus(await request(base, 'GET', '/api/auth/me', { token: tokens.r1 }), 200, 'me'),
    ).toMatchObject({ role: 'resident' });
  });

  it('awards a batch of several lines (approved by the accountant when over the threshold)', async () => {
    const created = await request(base, 'POST', '/api/staff/award-batches', {
      token: tokens.staff,
      key: key(),
      body: {
        reason: '楼道清扫志愿服务',
        lines: [
          { residentId: ids.r1, points: 40 },
          { residentId: ids.r2, points: 30 },
        ],
      },
    });
    let batch = created.body;
    if (created.status === 202)
      batch = expectStatus(
        await request(base, 'POST', `/api/staff/award-batches/${batch.id}/approve`, {
          token: tokens.accountant,
          key: key(),
          body: {},
        }),
        201,
        'approve',
      );
    else expectStatus(created, 201, 'award batch');
    expect(batch).toMatchObject({ status: 'applied', totalPoints: 70 });
    expect(batch.lines.every((l: { entryId: number | null }) => l.entryId !== null)).toBe(true);
  });

  it('redeems by one-time code and by card + PIN, and /api/me shows the balance', async () => {
    const issued = expectStatus(
      await request(base, 'POST', '/api/me/redeem-codes', { token: tokens.r1 }),
      201,
      'code',
    );
    const byCode = expectStatus(
      await request(base, 'POST', '/api/counter/redemptions', {
        token: tokens.shop,
        key: key(),
        body: { code: issued.code, points: 10 },
      }),
      201,
      'redeem by code',
    );
    expect(byCode.balanceAfter).toBe(30);
    const byCard = expectStatus(
      await request(base, 'POST', '/api/counter/redemptions', {
        token: tokens.shop,
        key: key(),
        body: { card: 'C7001', pin: PIN, points: 5 },
      }),
      201,
      'redeem by card',
    );
    expect(byCard.balanceAfter).toBe(25);
    const me = expectStatus(await request(base, 'GET', '/api/me', { token: tokens.r1 }), 200, 'me');
    expect(me).toMatchObject({ id: ids.r1, balance: 25 });
  });

  it('publishes a record', async () => {
    const draft = expectStatus(
      await request(base, 'POST', '/api/staff/records/organizations', {
        token: tokens.staff,
        body: {
          kind: 'social_organization',
          name: '阳光社工站',
          description: '专业社工服务',
          provides: '独居老人探访',
        },
      }),
      201,
      'draft',
    );
    const published = expectStatus(
      await request(base, 'POST', `/api/staff/records/organizations/${draft.id}/publish`, {
        token: tokens.staff,
      }),
      200,
      'publish',
    );
    expect(published.publishedAt).toBeTruthy();
  });

  it('two isolates on one database cannot overspend: 25 points, 10 parallel redemptions of 5 → 5 succeed', async () => {
    second = await startWorker({ databaseUrl });
    const shopOnSecond = await signIn(second.url, 'edge.shop', PASSWORD);
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        request(i % 2 ? second!.url : base, 'POST', '/api/counter/redemptions', {
          token: i % 2 ? shopOnSecond : tokens.shop,
          key: key(),
          body: { card: 'C7001', pin: PIN, points: 5 },
        }),
      ),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses, JSON.stringify(answers.filter((a) => a.status !== 201))).toEqual([
      ...Array(5).fill(201),
      ...Array(5).fill(409),
    ]);
    for (const a of answers.filter((a) => a.status === 409))
      expect(a.body.error.code).toBe('insufficient_points');
    const me = expectStatus(await request(base, 'GET', '/api/me', { token: tokens.r1 }), 200, 'me');
    expect(me.balance).toBe(0);
  });

  it('`npm run verify` and the ledger export read the same database from the command line', async () => {
    const verified = await cli(['verify']);
    expect(verified.code, verified.stderr + verified.stdout).toBe(0);
    expect(verified.stdout).toContain('ledger verified');
    // 1 batch of 2 awards, 2 + 5 redemptions.
    expect(verified.stdout).toMatch(/entries: 9\b/);
    const exported = await cli(['export-ledger', '--format', 'json']);
    expect(exported.code, exported.stderr).toBe(0);
    const ledger = JSON.parse(exported.stdout);
    expect(ledger.entryCount).toBe(9);
    expect(ledger.entries[0].postings.length).toBeGreaterThanOrEqual(2);
  });
});
