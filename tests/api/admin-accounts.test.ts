import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { call, expectError, loginAs, useWorld } from '../helpers/http';
import { rows } from '../helpers/ledger';

const SHOP = { shopName: '红星理发', category: '理发', address: '幸福路 9 号', openingHours: '每天 9:00–19:00', offer: '每月 9 日为老人免费理发' };
const PASSWORD = 'first-password';

/** Everything an accounts request could change: compared before and after a refusal. */
async function accountsState(w: { t: { database: { read: any } } }) {
  const db = w.t.database.read;
  return {
    users: await rows(db, sql`select id, login, role, display_name, password_hash, disabled_at, must_change_password from users order by id`),
    merchants: await rows(db, sql`select * from merchants order by user_id`),
    sessions: await rows(db, sql`select count(*) as n from sessions`),
    audit: await rows(db, sql`select count(*) as n from audit_log`),
  };
}

const auditOf = (w: { t: { database: { read: any } } }, id: number) =>
  rows<{ action: string; actor_id: number; detail: string }>(w.t.database.read, sql`select action, actor_id, detail from audit_log where entity = 'account' and entity_id = ${id} order by id`);

describe('POST /api/admin/accounts', () => {
  const w = useWorld(['admin', 'staff', 'staff2', 'r1', 'm1']);
  const create = (body: Record<string, unknown>, token = w.tokens.admin) => call(w.app, 'POST', '/api/admin/accounts', { token, body });

  it.each([
    ['staff', '/api/staff/residents'],
    ['accountant', '/api/staff/residents'],
    ['admin', '/api/admin/accounts'],
  ])('creates a %s account that signs in and reaches its routes; audited', async (role, path) => {
    const res = await create({ role, login: `new-${role}`, name: '新同事', password: PASSWORD });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ login: `new-${role}`, name: '新同事', role, status: 'active', disabledAt: null, mustChangePassword: false, lastSignInAt: null, shop: null });
    const token = await loginAs(w.app, `new-${role}`, PASSWORD);
    expect((await call(w.app, 'GET', path, { token })).status).toBe(200);
    const me = await call(w.app, 'GET', '/api/auth/me', { token });
    expect(me.body).toMatchObject({ userId: res.body.id, login: `new-${role}`, name: '新同事', role });
    const [row] = await auditOf(w, res.body.id);
    expect(row).toMatchObject({ action: 'create', actor_id: w.f.adminId });
    expect(JSON.parse(row!.detail)).toMatchObject({ role, login: `new-${role}` });
    expect(row!.detail).not.toContain(PASSWORD);
  });

  it('creates a merchant with its shop profile: it redeems at the counter and shows on the public profile', async () => {
    const res = await create({ role: 'merchant', login: 'barber', name: '理发店', password: PASSWORD, shop: SHOP });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ role: 'merchant', shop: { shopName: SHOP.shopName, suspended: false } });
    const token = await loginAs(w.app, 'barber', PASSWORD);
    const profile = await call(w.app, 'GET', '/api/counter/profile', { token });
    expect(profile.status).toBe(200);
    expect(profile.body).toMatchObject({ ...SHOP, suspended: false, id: res.body.id });
  });

  it('mustChangePassword: the new account must choose its own password first', async () => {
    const res = await create({ role: 'staff', login: 'temp-staff', name: '临时', password: PASSWORD, mustChangePassword: true });
    expect(res.body.mustChangePassword).toBe(true);
    const token = await loginAs(w.app, 'temp-staff', PASSWORD);
    expectError(await call(w.app, 'GET', '/api/staff/residents', { token }), 403, 'password_change_required');
  });

  it('bad input → 400 invalid_request and nothing changes', async () => {
    const before = await accountsState(w);
    const good = { role: 'staff', login: 'fine-login', name: '好名字', password: PASSWORD };
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
      expectError(await create(body), 400, 'invalid_request');
    }
    expectError(await call(w.app, 'POST', '/api/admin/accounts', { token: w.tokens.admin, body: '{not json', headers: { 'content-type': 'application/json' } }), 400, 'invalid_request');
    expect(await accountsState(w)).toEqual(before);
  });

  it('a login already in use (by any role) → 409 login_taken, nothing changes', async () => {
    const before = await accountsState(w);
    expectError(await create({ role: 'staff', login: 'staff2', name: '重名', password: PASSWORD }), 409, 'login_taken');
    expectError(await create({ role: 'merchant', login: 'admin', name: '重名', password: PASSWORD, shop: SHOP }), 409, 'login_taken');
    expect(await accountsState(w)).toEqual(before);
  });

  it('only an admin: staff, the accountant, residents and merchants → 403 forbidden, nothing changes', async () => {
    const before = await accountsState(w);
    for (const who of ['staff', 'staff2', 'r1', 'm1'] as const) {
      expectError(await create({ role: 'admin', login: `sneaky-${who}`, name: '越权', password: PASSWORD }, w.tokens[who]), 403, 'forbidden');
      expectError(await call(w.app, 'GET', '/api/admin/accounts', { token: w.tokens[who] }), 403, 'forbidden');
      expectError(await call(w.app, 'PATCH', `/api/admin/accounts/${w.f.adminId}`, { token: w.tokens[who], body: { disabled: true } }), 403, 'forbidden');
      expectError(await call(w.app, 'POST', `/api/admin/accounts/${w.f.staffId}/password-reset`, { token: w.tokens[who] }), 403, 'forbidden');
    }
    expect(await accountsState(w)).toEqual(before);
  });
});

describe('GET /api/admin/accounts', () => {
  const w = useWorld(['admin']);
  const list = (query = '') => call(w.app, 'GET', `/api/admin/accounts${query}`, { token: w.tokens.admin });

  it('lists staff, accountants, admins and merchants — never residents — with status and last sign-in', async () => {
    const res = await list();
    expect(res.status).toBe(200);
    const ids = res.body.items.map((a: any) => a.id);
    expect(ids).toEqual([w.f.staffId, w.f.staff2Id, ...w.f.merchants, w.f.adminId].sort((a, b) => a - b));
    const admin = res.body.items.find((a: any) => a.id === w.f.adminId);
    expect(admin).toMatchObject({ role: 'admin', status: 'active', lastSignInAt: w.time.now.toISOString() });
    expect(res.body.items.find((a: any) => a.id === w.f.staffId).lastSignInAt).toBeNull();
    expect(res.body.items.find((a: any) => a.id === w.f.merchants[0]).shop).toEqual({ shopName: '明亮眼镜店', suspended: false });
  });

  it('filters by role and by text (login, name or shop), and pages by cursor', async () => {
    expect((await list('?role=merchant')).body.items.map((a: any) => a.id)).toEqual(w.f.merchants);
    expect((await list('?query=%E7%83%A7%E7%83%A4')).body.items.map((a: any) => a.id)).toEqual([w.f.merchants[1]]);
    expect((await list('?query=staff2')).body.items.map((a: any) => a.id)).toEqual([w.f.staff2Id]);
    const first = await list('?limit=2');
    expect(first.body.items).toHaveLength(2);
    const second = await list(`?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items[0].id).toBeGreaterThan(first.body.items[1].id);
  });

  it('bad filters → 400 invalid_request', async () => {
    for (const q of ['?role=resident', '?limit=0', '?limit=1000', '?cursor=abc']) expectError(await list(q), 400, 'invalid_request');
  });
});

describe('PATCH /api/admin/accounts/{id}', () => {
  const w = useWorld(['admin', 'staff']);
  const patch = (id: number, body: unknown, token = w.tokens.admin) => call(w.app, 'PATCH', `/api/admin/accounts/${id}`, { token, body });

  it('renames; audited with from and to', async () => {
    const res = await patch(w.f.staffId, { name: '王书记' });
    expect(res.status).toBe(200);
    expect(res.body.name).toBe('王书记');
    expect((await call(w.app, 'GET', '/api/auth/me', { token: w.tokens.staff })).body.name).toBe('王书记');
    const [row] = await auditOf(w, w.f.staffId);
    expect(JSON.parse(row!.detail)).toEqual({ name: { from: '王主任', to: '王书记' } });
  });

  it('disabling ends the sessions at once: the next request with an existing token → 401; sign-in refused; enabling lets it sign in again', async () => {
    expect((await call(w.app, 'GET', '/api/staff/residents', { token: w.tokens.staff })).status).toBe(200);
    const res = await patch(w.f.staffId, { disabled: true });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'disabled', disabledAt: w.time.now.toISOString() });
    expectError(await call(w.app, 'GET', '/api/staff/residents', { token: w.tokens.staff }), 401, 'unauthorized');
    expect((await rows<{ n: number }>(w.t.database.read, sql`select count(*) as n from sessions where user_id = ${w.f.staffId}`))[0]!.n).toBe(0);
    expectError(await call(w.app, 'POST', '/api/auth/login', { body: { login: 'staff', password: 'test-password' } }), 403, 'account_disabled');

    const enabled = await patch(w.f.staffId, { disabled: false });
    expect(enabled.body).toMatchObject({ status: 'active', disabledAt: null });
    const token = await loginAs(w.app, 'staff');
    expect((await call(w.app, 'GET', '/api/staff/residents', { token })).status).toBe(200);
    const trail = (await auditOf(w, w.f.staffId)).map((r) => JSON.parse(r.detail));
    expect(trail).toEqual([{ disabled: { from: false, to: true } }, { disabled: { from: true, to: false } }]);
  });

  it('a disabled merchant cannot redeem: its token is gone', async () => {
    const m1 = await loginAs(w.app, 'm1');
    await patch(w.f.merchants[0]!, { disabled: true });
    expectError(await call(w.app, 'GET', '/api/counter/items', { token: m1 }), 401, 'unauthorized');
  });

  it('the last enabled admin cannot be disabled (409 last_admin); nor can an admin disable themself (409 own_account)', async () => {
    const before = await accountsState(w);
    expectError(await patch(w.f.adminId, { disabled: true }), 409, 'last_admin');
    expect(await accountsState(w)).toEqual(before);

    const second = await call(w.app, 'POST', '/api/admin/accounts', { token: w.tokens.admin, body: { role: 'admin', login: 'admin2', name: '第二管理员', password: PASSWORD } });
    expectError(await patch(w.f.adminId, { disabled: true }), 409, 'own_account');
    // Another admin may.
    const admin2 = await loginAs(w.app, 'admin2', PASSWORD);
    expect((await patch(w.f.adminId, { disabled: true }, admin2)).status).toBe(200);
    expectError(await call(w.app, 'GET', '/api/admin/accounts', { token: w.tokens.admin }), 401, 'unauthorized');
    // admin2 is now the last one.
    expectError(await patch(second.body.id, { disabled: true }, admin2), 409, 'last_admin');
  });

  it('bad input → 400; residents and unknown ids → 404; nothing changes', async () => {
    const before = await accountsState(w);
    for (const body of [{}, { name: '' }, { disabled: 'yes' }, { role: 'admin' }, { name: 'x'.repeat(33) }]) expectError(await patch(w.f.staffId, body), 400, 'invalid_request');
    expectError(await call(w.app, 'PATCH', '/api/admin/accounts/abc', { token: w.tokens.admin, body: { name: 'x' } }), 400, 'invalid_request');
    expectError(await patch(w.f.residents[0]!, { disabled: true }), 404, 'not_found');
    expectError(await patch(99_999, { name: '没有' }), 404, 'not_found');
    expect(await accountsState(w)).toEqual(before);
  });
});

describe('POST /api/admin/accounts/{id}/password-reset', () => {
  const w = useWorld(['admin', 'staff']);

  it('a temporary password: sessions end, it must be changed before anything else, then everything works', async () => {
    const res = await call(w.app, 'POST', `/api/admin/accounts/${w.f.staffId}/password-reset`, { token: w.tokens.admin });
    expect(res.status).toBe(200);
    const temporary = res.body.temporaryPassword as string;
    expect(temporary.length).toBeGreaterThanOrEqual(10);
    expect(temporary).toMatch(/^[a-z2-9-]+$/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expectError(await call(w.app, 'GET', '/api/staff/residents', { token: w.tokens.staff }), 401, 'unauthorized');
    expectError(await call(w.app, 'POST', '/api/auth/login', { body: { login: 'staff', password: 'test-password' } }), 401, 'invalid_credentials');

    const login = await call(w.app, 'POST', '/api/auth/login', { body: { login: 'staff', password: temporary } });
    expect(login.body.mustChangePassword).toBe(true);
    const token = login.body.token as string;
    expectError(await call(w.app, 'GET', '/api/staff/residents', { token }), 403, 'password_change_required');
    expect((await call(w.app, 'GET', '/api/auth/me', { token })).body.mustChangePassword).toBe(true);

    expect((await call(w.app, 'POST', '/api/auth/password', { token, body: { currentPassword: temporary, newPassword: 'my-own-password' } })).status).toBe(200);
    expect((await call(w.app, 'GET', '/api/staff/residents', { token })).status).toBe(200);
    expect((await call(w.app, 'GET', '/api/auth/me', { token })).body.mustChangePassword).toBe(false);
    await loginAs(w.app, 'staff', 'my-own-password');

    const [row] = await auditOf(w, w.f.staffId);
    expect(JSON.parse(row!.detail)).toEqual({ op: 'reset_password' });
    expect(row!.detail).not.toContain(temporary);
  });

  it('two resets give two different passwords', async () => {
    const a = await call(w.app, 'POST', `/api/admin/accounts/${w.f.merchants[0]}/password-reset`, { token: w.tokens.admin });
    const b = await call(w.app, 'POST', `/api/admin/accounts/${w.f.merchants[0]}/password-reset`, { token: w.tokens.admin });
    expect(a.body.temporaryPassword).not.toBe(b.body.temporaryPassword);
  });

  it('not one’s own (409 own_account), not a resident (404), no body fields (400); nothing changes', async () => {
    const before = await accountsState(w);
    expectError(await call(w.app, 'POST', `/api/admin/accounts/${w.f.adminId}/password-reset`, { token: w.tokens.admin }), 409, 'own_account');
    expectError(await call(w.app, 'POST', `/api/admin/accounts/${w.f.residents[0]}/password-reset`, { token: w.tokens.admin }), 404, 'not_found');
    expectError(await call(w.app, 'POST', `/api/admin/accounts/${w.f.staffId}/password-reset`, { token: w.tokens.admin, body: { password: 'chosen' } }), 400, 'invalid_request');
    expect(await accountsState(w)).toEqual(before);
  });
});
