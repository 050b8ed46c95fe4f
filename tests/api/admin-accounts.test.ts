import { sql } from 'drizzle-orm';
import type { InferRequestType } from 'hono/client';
import { describe, expect, it } from 'vitest';
import type { App } from '../../functions/app';
import { answerOf, bodyOf, client } from '../helpers/client';
import { call, expectError, loginAs, useWorld, type World } from '../helpers/http';
import { rows } from '../helpers/ledger';

const SHOP = {
  shopName: '红星理发',
  category: '理发',
  address: '幸福路 9 号',
  openingHours: '每天 9:00–19:00',
  offer: '每月 9 日为老人免费理发',
};
const PASSWORD = 'first-password';

type Api = ReturnType<typeof client>;
type NewAccount = InferRequestType<Api['admin']['accounts']['$post']>['json'];
type AccountEdit = InferRequestType<Api['admin']['accounts'][':id']['$patch']>['json'];
type AccountQuery = InferRequestType<Api['admin']['accounts']['$get']>['query'];

/** Everything an accounts request could change: compared before and after a refusal. */
async function accountsState(w: Pick<World, 't'>) {
  const db = w.t.database.read;
  return {
    users: await rows(
      db,
      sql`select id, login, role, display_name, password_hash, disabled_at, must_change_password from users order by id`,
    ),
    merchants: await rows(db, sql`select * from merchants order by user_id`),
    sessions: await rows(db, sql`select count(*) as n from sessions`),
    audit: await rows(db, sql`select count(*) as n from audit_log`),
  };
}

const auditOf = (w: Pick<World, 't'>, id: number) =>
  rows<{ action: string; actor_id: number; detail: string }>(
    w.t.database.read,
    sql`select action, actor_id, detail from audit_log where entity = 'account' and entity_id = ${id} order by id`,
  );

const signIn = (app: App, login: string, password: string) =>
  client(app).auth.login.$post({ json: { login, password } });
const whoIs = async (app: App, token: string) =>
  bodyOf(await client(app, { token }).auth.me.$get(), 200);
const residents = (app: App, token: string) =>
  client(app, { token }).staff.residents.$get({ query: {} });

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

describe('PATCH /api/admin/accounts/{id}', () => {
  const w = useWorld(['admin', 'staff']);
  const patch = (id: number, json: AccountEdit, token = w.tokens.admin) =>
    client(w.app, { token }).admin.accounts[':id'].$patch({ param: { id: String(id) }, json });

  it('renames; audited with from and to', async () => {
    const res = await bodyOf(await patch(w.f.staffId, { name: '王书记' }), 200);
    expect(res.name).toBe('王书记');
    expect((await whoIs(w.app, w.tokens.staff)).name).toBe('王书记');
    const [row] = await auditOf(w, w.f.staffId);
    expect(JSON.parse(row!.detail)).toEqual({ name: { from: '王主任', to: '王书记' } });
  });

  it('disabling ends the sessions at once: the next request with an existing token → 401; sign-in refused; enabling lets it sign in again', async () => {
    expect((await residents(w.app, w.tokens.staff)).status).toBe(200);
    const res = await bodyOf(await patch(w.f.staffId, { disabled: true }), 200);
    expect(res).toMatchObject({ status: 'disabled', disabledAt: w.time.now.toISOString() });
    expectError(await answerOf(await residents(w.app, w.tokens.staff)), 401, 'unauthorized');
    expect(
      (
        await rows<{ n: number }>(
          w.t.database.read,
          sql`select count(*) as n from sessions where user_id = ${w.f.staffId}`,
        )
      )[0]!.n,
    ).toBe(0);
    expectError(
      await answerOf(await signIn(w.app, 'staff', 'test-password')),
      403,
      'account_disabled',
    );

    const enabled = await bodyOf(await patch(w.f.staffId, { disabled: false }), 200);
    expect(enabled).toMatchObject({ status: 'active', disabledAt: null });
    const token = await loginAs(w.app, 'staff');
    expect((await residents(w.app, token)).status).toBe(200);
    const trail = (await auditOf(w, w.f.staffId)).map((r) => JSON.parse(r.detail));
    expect(trail).toEqual([
      { disabled: { from: false, to: true } },
      { disabled: { from: true, to: false } },
    ]);
  });

  it('a disabled merchant cannot redeem: its token is gone', async () => {
    const m1 = await loginAs(w.app, 'm1');
    await patch(w.f.merchants[0]!, { disabled: true });
    expectError(
      await answerOf(await client(w.app, { token: m1 }).counter.items.$get()),
      401,
      'unauthorized',
    );
  });

  it('the last enabled admin cannot be disabled (409 last_admin); nor can an admin disable themself (409 own_account)', async () => {
    const before = await accountsState(w);
    expectError(await answerOf(await patch(w.f.adminId, { disabled: true })), 409, 'last_admin');
    expect(await accountsState(w)).toEqual(before);

    const second = await bodyOf(
      await client(w.app, { token: w.tokens.admin }).admin.accounts.$post({
        json: { role: 'admin', login: 'admin2', name: '第二管理员', password: PASSWORD },
      }),
      201,
    );
    expectError(await answerOf(await patch(w.f.adminId, { disabled: true })), 409, 'own_account');
    // Another admin may.
    const admin2 = await loginAs(w.app, 'admin2', PASSWORD);
    expect((await patch(w.f.adminId, { disabled: true }, admin2)).status).toBe(200);
    expectError(
      await answerOf(
        await client(w.app, { token: w.tokens.admin }).admin.accounts.$get({ query: {} }),
      ),
      401,
      'unauthorized',
    );
    // admin2 is now the last one.
    expectError(
      await answerOf(await patch(second.id, { disabled: true }, admin2)),
      409,
      'last_admin',
    );
  });

  it('bad input → 400; residents and unknown ids → 404; nothing changes', async () => {
    const before = await accountsState(w);
    // Wrong values, wrong types and unknown fields, and a path id that is no number, on purpose: past the typed client.
    for (const body of [
      {},
      { name: '' },
      { disabled: 'yes' },
      { role: 'admin' },
      { name: 'x'.repeat(33) },
    ]) {
      expectError(
        await call(w.app, 'PATCH', `/api/admin/accounts/${w.f.staffId}`, {
          token: w.tokens.admin,
          body,
        }),
        400,
        'invalid_request',
      );
    }
    expectError(
      await call(w.app, 'PATCH', '/api/admin/accounts/abc', {
        token: w.tokens.admin,
        body: { name: 'x' },
      }),
      400,
      'invalid_request',
    );
    expectError(
      await answerOf(await patch(w.f.residents[0]!, { disabled: true })),
      404,
      'not_found',
    );
    expectError(await answerOf(await patch(99_999, { name: '没有' })), 404, 'not_found');
    expect(await accountsState(w)).toEqual(before);
  });
});

describe('POST /api/admin/accounts/{id}/password-reset', () => {
  const w = useWorld(['admin', 'staff']);
  const reset = (id: number) =>
    client(w.app, { token: w.tokens.admin }).admin.accounts[':id']['password-reset'].$post({
      param: { id: String(id) },
    });

  it('a temporary password: sessions end, it must be changed before anything else, then everything works', async () => {
    const res = await reset(w.f.staffId);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const temporary = (await bodyOf(res, 200)).temporaryPassword;
    expect(temporary.length).toBeGreaterThanOrEqual(10);
    expect(temporary).toMatch(/^[a-z2-9-]+$/);
    expectError(await answerOf(await residents(w.app, w.tokens.staff)), 401, 'unauthorized');
    expectError(
      await answerOf(await signIn(w.app, 'staff', 'test-password')),
      401,
      'invalid_credentials',
    );

    const login = await bodyOf(await signIn(w.app, 'staff', temporary), 200);
    expect(login.mustChangePassword).toBe(true);
    const token = login.token;
    expectError(await answerOf(await residents(w.app, token)), 403, 'password_change_required');
    expect((await whoIs(w.app, token)).mustChangePassword).toBe(true);

    expect(
      (
        await client(w.app, { token }).auth.password.$post({
          json: { currentPassword: temporary, newPassword: 'my-own-password' },
        })
      ).status,
    ).toBe(200);
    expect((await residents(w.app, token)).status).toBe(200);
    expect((await whoIs(w.app, token)).mustChangePassword).toBe(false);
    await loginAs(w.app, 'staff', 'my-own-password');

    const [row] = await auditOf(w, w.f.staffId);
    expect(JSON.parse(row!.detail)).toEqual({ op: 'reset_password' });
    expect(row!.detail).not.toContain(temporary);
  });

  it('two resets give two different passwords', async () => {
    const a = await bodyOf(await reset(w.f.merchants[0]!), 200);
    const b = await bodyOf(await reset(w.f.merchants[0]!), 200);
    expect(a.temporaryPassword).not.toBe(b.temporaryPassword);
  });

  it('not one’s own (409 own_account), not a resident (404), no body fields (400); nothing changes', async () => {
    const before = await accountsState(w);
    expectError(await answerOf(await reset(w.f.adminId)), 409, 'own_account');
    expectError(await answerOf(await reset(w.f.residents[0]!)), 404, 'not_found');
    // A body the route takes none of, on purpose: past the typed client.
    expectError(
      await call(w.app, 'POST', `/api/admin/accounts/${w.f.staffId}/password-reset`, {
        token: w.tokens.admin,
        body: { password: 'chosen' },
      }),
      400,
      'invalid_request',
    );
    expect(await accountsState(w)).toEqual(before);
  });
});
