import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { answerOf, bodyOf, client } from '../helpers/client';
import { call, expectError, loginAs, useWorld } from '../helpers/http';
import { rows } from '../helpers/ledger';
import {
  type AccountEdit,
  accountsState,
  auditOf,
  PASSWORD,
  residents,
  signIn,
  whoIs,
} from './admin-accounts-helpers';

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
