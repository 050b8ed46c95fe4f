import { describe, expect, it } from 'vitest';
import { answerOf, bodyOf, client } from '../helpers/client';
import { call, expectError, loginAs, useWorld } from '../helpers/http';
import {
  type AccountQuery,
  type Api,
  accountsState,
  auditOf,
  type NewAccount,
  PASSWORD,
  residents,
  SHOP,
  whoIs,
} from './admin-accounts-helpers';

describe('POST /api/admin/accounts', () => {
  const w = useWorld(['admin', 'staff', 'staff2', 'r1', 'm1']);
  const create = (json: NewAccount, token = w.tokens.admin) =>
    client(w.app, { token }).admin.accounts.$post({ json });

  it.each([
    ['staff', (api: Api) => api.staff.residents.$get({ query: {} })],
    ['accountant', (api: Api) => api.staff.residents.$get({ query: {} })],
    ['admin', (api: Api) => api.admin.accounts.$get({ query: {} })],
  ] as const)(
    'creates a %s account that signs in and reaches its routes; audited',
    async (role, reach) => {
      const res = await bodyOf(
        await create({ role, login: `new-${role}`, name: '新同事', password: PASSWORD }),
        201,
      );
      expect(res).toMatchObject({
        login: `new-${role}`,
        name: '新同事',
        role,
        status: 'active',
        disabledAt: null,
        mustChangePassword: false,
        lastSignInAt: null,
        shop: null,
      });
      const token = await loginAs(w.app, `new-${role}`, PASSWORD);
      expect((await reach(client(w.app, { token }))).status).toBe(200);
      expect(await whoIs(w.app, token)).toMatchObject({
        userId: res.id,
        login: `new-${role}`,
        name: '新同事',
        role,
      });
      const [row] = await auditOf(w, res.id);
      expect(row).toMatchObject({ action: 'create', actor_id: w.f.adminId });
      expect(JSON.parse(row!.detail)).toMatchObject({ role, login: `new-${role}` });
      expect(row!.detail).not.toContain(PASSWORD);
    },
  );

  it('creates a merchant with its shop profile: it redeems at the counter and shows on the public profile', async () => {
    const res = await bodyOf(
      await create({
        role: 'merchant',
        login: 'barber',
        name: '理发店',
        password: PASSWORD,
        shop: SHOP,
      }),
      201,
    );
    expect(res).toMatchObject({
      role: 'merchant',
      shop: { shopName: SHOP.shopName, suspended: false },
    });
    const token = await loginAs(w.app, 'barber', PASSWORD);
    const profile = await bodyOf(await client(w.app, { token }).counter.profile.$get(), 200);
    expect(profile).toMatchObject({ ...SHOP, suspended: false, id: res.id });
  });

  it('mustChangePassword: the new account must choose its own password first', async () => {
    const res = await bodyOf(
      await create({
        role: 'staff',
        login: 'temp-staff',
        name: '临时',
        password: PASSWORD,
        mustChangePassword: true,
      }),
      201,
    );
    expect(res.mustChangePassword).toBe(true);
    const token = await loginAs(w.app, 'temp-staff', PASSWORD);
    expectError(await answerOf(await residents(w.app, token)), 403, 'password_change_required');
  });

  it('bad input → 400 invalid_request and nothing changes', async () => {
    const before = await accountsState(w);
    const good = { role: 'staff', login: 'fine-login', name: '好名字', password: PASSWORD };
    // Wrong values, unknown fields and broken JSON, on purpose: past the typed client.
    for (const body of [
      {},
      { ...good, role: 'resident' },
      { ...good, role: 'boss' },
      { ...good, login: 'AB' },
      { ...good, login: 'Has Space' },
      { ...good, name: '   ' },
      { ...good, password: 'short' },
      { ...good, password: 'aaaaaaaaaa' },
      { ...good, extra: true },
      { ...good, role: 'merchant' },
      { ...good, shop: SHOP },
      { ...good, role: 'merchant', shop: { ...SHOP, address: '' } },
      { ...good, role: 'merchant', shop: { shopName: 'x' } },
    ]) {
      expectError(
        await call(w.app, 'POST', '/api/admin/accounts', { token: w.tokens.admin, body }),
        400,
        'invalid_request',
      );
    }
    expectError(
      await call(w.app, 'POST', '/api/admin/accounts', {
        token: w.tokens.admin,
        body: '{not json',
        headers: { 'content-type': 'application/json' },
      }),
      400,
      'invalid_request',
    );
    expect(await accountsState(w)).toEqual(before);
  });

  it('a login already in use (by any role) → 409 login_taken, nothing changes', async () => {
    const before = await accountsState(w);
    expectError(
      await answerOf(
        await create({ role: 'staff', login: 'staff2', name: '重名', password: PASSWORD }),
      ),
      409,
      'login_taken',
    );
    expectError(
      await answerOf(
        await create({
          role: 'merchant',
          login: 'admin',
          name: '重名',
          password: PASSWORD,
          shop: SHOP,
        }),
      ),
      409,
      'login_taken',
    );
    expect(await accountsState(w)).toEqual(before);
  });

  it('only an admin: staff, the accountant, residents and merchants → 403 forbidden, nothing changes', async () => {
    const before = await accountsState(w);
    for (const who of ['staff', 'staff2', 'r1', 'm1'] as const) {
      const accounts = client(w.app, { token: w.tokens[who] }).admin.accounts;
      expectError(
        await answerOf(
          await create(
            { role: 'admin', login: `sneaky-${who}`, name: '越权', password: PASSWORD },
            w.tokens[who],
          ),
        ),
        403,
        'forbidden',
      );
      expectError(await answerOf(await accounts.$get({ query: {} })), 403, 'forbidden');
      expectError(
        await answerOf(
          await accounts[':id'].$patch({
            param: { id: String(w.f.adminId) },
            json: { disabled: true },
          }),
        ),
        403,
        'forbidden',
      );
      expectError(
        await answerOf(
          await accounts[':id']['password-reset'].$post({ param: { id: String(w.f.staffId) } }),
        ),
        403,
        'forbidden',
      );
    }
    expect(await accountsState(w)).toEqual(before);
  });
});

describe('GET /api/admin/accounts', () => {
  const w = useWorld(['admin']);
  const list = (query: AccountQuery = {}) =>
    client(w.app, { token: w.tokens.admin }).admin.accounts.$get({ query });
  const ids = async (query: AccountQuery) =>
    (await bodyOf(await list(query), 200)).items.map((a) => a.id);

  it('lists staff, accountants, admins and merchants — never residents — with status and last sign-in', async () => {
    const res = await bodyOf(await list(), 200);
    expect(res.items.map((a) => a.id)).toEqual(
      [w.f.staffId, w.f.staff2Id, ...w.f.merchants, w.f.adminId].sort((a, b) => a - b),
    );
    const admin = res.items.find((a) => a.id === w.f.adminId);
    expect(admin).toMatchObject({
      role: 'admin',
      status: 'active',
      lastSignInAt: w.time.now.toISOString(),
    });
    expect(res.items.find((a) => a.id === w.f.staffId)!.lastSignInAt).toBeNull();
    expect(res.items.find((a) => a.id === w.f.merchants[0])!.shop).toEqual({
      shopName: '明亮眼镜店',
      suspended: false,
    });
  });

  it('filters by role and by text (login, name or shop), and pages by cursor', async () => {
    expect(await ids({ role: 'merchant' })).toEqual(w.f.merchants);
    expect(await ids({ query: '烧烤' })).toEqual([w.f.merchants[1]]);
    expect(await ids({ query: 'staff2' })).toEqual([w.f.staff2Id]);
    const first = await bodyOf(await list({ limit: '2' }), 200);
    expect(first.items).toHaveLength(2);
    const second = await bodyOf(await list({ limit: '2', cursor: first.nextCursor! }), 200);
    expect(second.items[0]!.id).toBeGreaterThan(first.items[1]!.id);
  });

  it('bad filters → 400 invalid_request', async () => {
    // A role the filter does not take, on purpose: past the typed client.
    expectError(
      await call(w.app, 'GET', '/api/admin/accounts?role=resident', { token: w.tokens.admin }),
      400,
      'invalid_request',
    );
    for (const query of [{ limit: '0' }, { limit: '1000' }, { cursor: 'abc' }])
      expectError(await answerOf(await list(query)), 400, 'invalid_request');
  });
});
