import { z } from '@hono/zod-openapi';
import { beforeEach, describe, expect, it } from 'vitest';
import { bodyOf, client } from '../helpers/client';
import { counts, seedProviders } from '../helpers/daily-use';
import { call, expectError, loginAs, newKey, useWorld } from '../helpers/http';
import { snapshot } from '../helpers/ledger';

/**
 * Every write route of the daily-use features refuses malformed JSON, a non-object, and an
 * unknown field with 400 invalid_request — on real ids, so the refusal is about the body — and
 * changes nothing, in the ledger or anywhere else.
 */
interface Write {
  role: 'resident' | 'merchant' | 'staff';
  method: string;
  path: string;
  /** A valid body, which an unknown field is added to; null for routes that take no body. */
  valid: Record<string, unknown> | null;
  idempotent?: boolean;
}

describe('daily-use writes: bad input → 400 invalid_request, nothing changes', () => {
  const w = useWorld();
  let writes: Write[];
  const tokens = {} as Record<Write['role'], string>;

  beforeEach(async () => {
    const p = await seedProviders(w.t.database, w.f.staffId);
    [tokens.resident, tokens.merchant, tokens.staff] = await Promise.all([
      loginAs(w.app, 'r1'),
      loginAs(w.app, 'm1'),
      loginAs(w.app, 'staff'),
    ]);
    const staff = client(w.app, { token: tokens.staff }).staff;
    const request = await bodyOf(
      await client(w.app, { token: tokens.resident }).me.requests.$post({
        json: { serviceId: p.serviceId },
      }),
      201,
    );
    const item = await bodyOf(
      await client(w.app, { token: tokens.merchant }).counter.items.$post({
        json: { name: '大米', points: 50 },
      }),
      201,
    );
    const batch = await bodyOf(
      await staff['award-batches'].$post({
        header: { 'idempotency-key': newKey() },
        json: { reason: '表彰', lines: [{ residentId: w.f.residents[0]!, points: 300 }] },
      }),
      202,
    );
    const activity = { param: { id: String(w.f.activityId) } };
    await staff.activities[':id']['check-ins'].$post({
      ...activity,
      json: { residentId: w.f.residents[0]! },
    });
    const preview = await bodyOf(
      await staff.activities[':id']['close-preview'].$get(activity),
      200,
    );
    const [a, r, i, b, rid] = [w.f.activityId, request.id, item.id, batch.id, w.f.residents[0]];
    writes = [
      { role: 'resident', method: 'POST', path: `/api/me/activities/${a}/signup`, valid: null },
      { role: 'resident', method: 'DELETE', path: `/api/me/activities/${a}/signup`, valid: null },
      {
        role: 'resident',
        method: 'POST',
        path: '/api/me/requests',
        valid: { serviceId: p.serviceId },
      },
      {
        role: 'resident',
        method: 'POST',
        path: `/api/me/requests/${r}/cancel`,
        valid: { reason: '不需要了' },
      },
      {
        role: 'resident',
        method: 'POST',
        path: `/api/me/requests/${r}/rating`,
        valid: { score: 5 },
      },
      {
        role: 'merchant',
        method: 'POST',
        path: '/api/counter/items',
        valid: { name: '面条', points: 10 },
      },
      { role: 'merchant', method: 'PATCH', path: `/api/counter/items/${i}`, valid: { points: 40 } },
      { role: 'merchant', method: 'DELETE', path: `/api/counter/items/${i}`, valid: null },
      {
        role: 'staff',
        method: 'POST',
        path: '/api/staff/activities',
        valid: { type: 'patrol', title: '巡防', date: '2026-03-20', place: '一区', hours: 2 },
      },
      {
        role: 'staff',
        method: 'POST',
        path: `/api/staff/activities/${a}/check-ins`,
        valid: { residentId: w.f.residents[1] },
      },
      {
        role: 'staff',
        method: 'DELETE',
        path: `/api/staff/activities/${a}/check-ins/${rid}`,
        valid: null,
      },
      {
        role: 'staff',
        method: 'POST',
        path: `/api/staff/activities/${a}/close`,
        valid: { preview: preview.fingerprint },
        idempotent: true,
      },
      {
        role: 'staff',
        method: 'POST',
        path: '/api/staff/award-batches',
        valid: { reason: '表彰', lines: [{ residentId: rid, points: 5 }] },
        idempotent: true,
      },
      {
        role: 'staff',
        method: 'POST',
        path: `/api/staff/award-batches/${b}/approve`,
        valid: {},
        idempotent: true,
      },
      {
        role: 'staff',
        method: 'POST',
        path: `/api/staff/award-batches/${b}/reject`,
        valid: { reason: '不合规' },
      },
      {
        role: 'staff',
        method: 'POST',
        path: '/api/staff/requests',
        valid: {
          kind: 'building_issue',
          compound: '和平小区',
          building: '1栋',
          title: '漏水',
          detail: '顶楼漏水',
        },
      },
      {
        role: 'staff',
        method: 'POST',
        path: `/api/staff/requests/${r}/dispatch`,
        valid: { organizationId: p.socialOrgId },
      },
      { role: 'staff', method: 'POST', path: `/api/staff/requests/${r}/accept`, valid: {} },
      { role: 'staff', method: 'POST', path: `/api/staff/requests/${r}/complete`, valid: {} },
      {
        role: 'staff',
        method: 'POST',
        path: `/api/staff/requests/${r}/decline`,
        valid: { reason: '无法提供' },
      },
      {
        role: 'staff',
        method: 'POST',
        path: `/api/staff/requests/${r}/cancel`,
        valid: { reason: '重复' },
      },
      {
        role: 'staff',
        method: 'POST',
        path: '/api/staff/residents',
        valid: {
          fullName: '周敏',
          household: { compound: '和平小区', building: '1栋', unit: '1单元', door: '101' },
        },
      },
      {
        role: 'staff',
        method: 'POST',
        path: `/api/staff/residents/${rid}/pin`,
        valid: { pin: '1234' },
      },
      {
        role: 'staff',
        method: 'POST',
        path: `/api/staff/residents/${rid}/card`,
        valid: { cardNo: 'C0500', pin: '1234' },
      },
      {
        role: 'staff',
        method: 'POST',
        path: '/api/staff/residents/import/check',
        valid: { csv: 'login,full_name' },
      },
      {
        role: 'staff',
        method: 'POST',
        path: '/api/staff/residents/import',
        valid: { csv: 'login,full_name' },
      },
    ];
  });

  it('lists every daily-use write route in the API document', async () => {
    // The document is served outside AppType: read the little of it this test needs.
    const Doc = z.object({ paths: z.record(z.string(), z.record(z.string(), z.unknown())) });
    const doc = Doc.parse((await call(w.app, 'GET', '/api/openapi.json')).body);
    for (const write of writes) {
      const template = write.path.replace(/\/\d+(?=\/|$)/g, (_m) => '/{}');
      const documented = Object.entries(doc.paths).some(
        ([path, item]) =>
          path.replace(/\{[^}]+\}/g, '{}') === template && write.method.toLowerCase() in item,
      );
      expect(documented, `${write.method} ${write.path}`).toBe(true);
    }
  });

  it('refuses malformed JSON, non-objects and unknown fields on every one, changing nothing', async () => {
    const before = { rows: await counts(w.t.database), ledger: await snapshot(w.t.database) };
    for (const write of writes) {
      const bodies: unknown[] = [
        '{"a":',
        '[]',
        '"text"',
        42,
        write.valid === null ? { any: 1 } : { ...write.valid, unexpected: true },
      ];
      for (const body of bodies) {
        const res = await call(w.app, write.method, write.path, {
          token: tokens[write.role],
          body,
          ...(write.idempotent ? { idempotencyKey: newKey('bad') } : {}),
        });
        expectError(res, 400, 'invalid_request');
      }
      if (write.idempotent)
        expectError(
          await call(w.app, write.method, write.path, {
            token: tokens[write.role],
            body: write.valid,
          }),
          400,
          'invalid_request',
        );
    }
    const after = { rows: await counts(w.t.database), ledger: await snapshot(w.t.database) };
    expect(after.rows).toEqual(before.rows);
    expect(after.ledger).toEqual(before.ledger);
  });
});
