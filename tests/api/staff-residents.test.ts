import { inflateSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { answerOf, bodyOf, client } from '../helpers/client';
import { count, counts } from '../helpers/daily-use';
import { call, expectError, loginAs, newKey, useWorld } from '../helpers/http';
import { grant, rows } from '../helpers/ledger';

/** Residents at the staff desk: register, details, PIN reset, paper card PDF, CSV import. */
describe('staff: residents', () => {
  const w = useWorld(['staff']);

  const household = { compound: '和平小区', building: '3栋', unit: '2单元', door: '502' };
  const staffApi = () => client(w.app, { token: w.tokens.staff });
  type Registration = Parameters<
    ReturnType<typeof staffApi>['staff']['residents']['$post']
  >[0]['json'];
  const register = async (json: Registration) =>
    bodyOf(await staffApi().staff.residents.$post({ json }), 201);
  const refuseRegistration = async (json: Registration) =>
    answerOf(await staffApi().staff.residents.$post({ json }));
  const details = async (id: number) =>
    staffApi().staff.residents[':id'].$get({ param: { id: String(id) } });
  const auditOf = async (query: { entity: string; entityId?: string }) =>
    bodyOf(await staffApi().staff.audit.$get({ query }), 200);

  it('registers a resident with a household, login and card; the same address shares one household', async () => {
    const res = await register({
      fullName: '赵桂兰',
      displayName: '赵奶奶',
      phone: '138-0013-8000',
      household,
      login: 'zhaogl',
      password: 'guilan-2026',
      card: { cardNo: 'c0777', pin: '8642' },
    });
    expect(res).toMatchObject({
      login: 'zhaogl',
      fullName: '赵桂兰',
      displayName: '赵奶奶',
      phone: '13800138000',
      hasPassword: true,
      household,
      card: { cardNo: 'C0777', failedPins: 0, lockedUntil: null },
      balance: 0,
    });
    expect(await loginAs(w.app, 'zhaogl', 'guilan-2026')).toBeTruthy();

    const spouse = await register({
      fullName: '钱国庆',
      household: { ...household, door: ' 502 ' },
    });
    expect(spouse.household!.id).toBe(res.household!.id);
    expect(spouse).toMatchObject({
      displayName: '钱*庆',
      hasPassword: false,
      card: null,
      phone: null,
    });
    expect(spouse.login).toMatch(/^r\d{8}$/);

    expect(await bodyOf(await details(res.id), 200)).toEqual({
      ...res,
      householdMembers: [{ id: spouse.id, fullName: '钱国庆', movedAwayAt: null }],
    });
    expectError(await answerOf(await details(w.f.staffId)), 404, 'not_found');
    const audit = await auditOf({ entity: 'resident' });
    expect(audit.items.map((e) => [e.entityId, e.action])).toEqual([
      [spouse.id, 'create'],
      [res.id, 'create'],
    ]);
    expect(JSON.stringify(audit)).not.toContain('8642');
  });

  it('refuses bad or clashing registrations and changes nothing', async () => {
    const before = await counts(w.t.database);
    // Unknown fields and a missing household are what the typed client cannot send.
    for (const body of [{ fullName: '赵桂兰', household, extra: 1 }, { fullName: '赵桂兰' }]) {
      expectError(
        await call(w.app, 'POST', '/api/staff/residents', { token: w.tokens.staff, body }),
        400,
        'invalid_request',
      );
    }
    for (const body of [
      { fullName: '赵桂兰', household: { ...household, door: '' } },
      { fullName: '赵桂兰', household, phone: '12345' },
      { fullName: '赵桂兰', household, password: 'long-enough-1' },
      { fullName: '赵桂兰', household, login: 'Bad Login' },
      { fullName: '赵桂兰', household, card: { cardNo: 'X1', pin: '1234' } },
      { fullName: '赵桂兰', household, card: { cardNo: 'C0778', pin: '12a4' } },
      { fullName: '', household },
    ]) {
      expectError(await refuseRegistration(body), 400, 'invalid_request');
    }
    expectError(
      await refuseRegistration({ fullName: '赵桂兰', household, login: 'staff2' }),
      409,
      'login_taken',
    );
    expectError(
      await refuseRegistration({
        fullName: '赵桂兰',
        household,
        card: { cardNo: 'C9001', pin: '1234' },
      }),
      409,
      'card_taken',
    );
    expect(await counts(w.t.database)).toEqual(before);
  });

  it('resets a PIN: new PIN works, the old one does not, and the lockout is lifted', async () => {
    const [a] = w.f.residents as [number];
    await grant(w.t.database, w.f.staffId, a, 100, w.time.now);
    const merchant = client(w.app, { token: await loginAs(w.app, 'm1') });
    const redeem = (pin: string) =>
      merchant.counter.redemptions.$post({
        header: { 'idempotency-key': newKey('redeem') },
        json: { card: 'C9001', pin, points: 5 },
      });
    for (let i = 0; i < 4; i++)
      expectError(await answerOf(await redeem('0000')), 422, 'pin_invalid');
    expectError(await answerOf(await redeem('0000')), 423, 'card_locked');
    expectError(await answerOf(await redeem('1357')), 423, 'card_locked');
    const locked = await bodyOf(await details(a), 200);
    expect(locked.card!.lockedUntil).not.toBeNull();

    const pin = staffApi().staff.residents[':id'].pin;
    const card = staffApi().staff.residents[':id'].card;
    expectError(
      await answerOf(await pin.$post({ param: { id: String(a) }, json: { pin: '12345' } })),
      400,
      'invalid_request',
    );
    // An unknown field is what the typed client cannot send.
    expectError(
      await call(w.app, 'POST', `/api/staff/residents/${a}/pin`, {
        token: w.tokens.staff,
        body: { pin: '1234', card: 'C9001' },
      }),
      400,
      'invalid_request',
    );
    const reset = await bodyOf(
      await pin.$post({ param: { id: String(a) }, json: { pin: '2580' } }),
      200,
    );
    expect(reset.card).toMatchObject({ cardNo: 'C9001', failedPins: 0, lockedUntil: null });
    expectError(await answerOf(await redeem('1357')), 422, 'pin_invalid');
    const ok = await bodyOf(await redeem('2580'), 201);
    expect(ok.balanceAfter).toBe(95);

    const audit = await auditOf({ entity: 'resident', entityId: String(a) });
    expect(audit.items[0]).toMatchObject({
      action: 'update',
      detail: { op: 'reset_pin', card: 'C9001' },
    });
    expect(JSON.stringify(audit)).not.toContain('2580');

    const noCard = String((await register({ fullName: '孙建华', household })).id);
    expectError(
      await answerOf(await pin.$post({ param: { id: noCard }, json: { pin: '1111' } })),
      409,
      'no_card',
    );
    expectError(
      await answerOf(
        await staffApi().staff.residents[':id']['card.pdf'].$get({ param: { id: noCard } }),
      ),
      409,
      'no_card',
    );
    expectError(
      await answerOf(
        await card.$post({ param: { id: String(a) }, json: { cardNo: 'C0999', pin: '1111' } }),
      ),
      409,
      'has_card',
    );
    const issued = await bodyOf(
      await card.$post({ param: { id: noCard }, json: { cardNo: 'C0999', pin: '1111' } }),
      201,
    );
    expect(issued.card!.cardNo).toBe('C0999');
  });

  it('prints the paper card as a PDF with the card number and a QR code, never the PIN', async () => {
    const res = await staffApi().staff.residents[':id']['card.pdf'].$get({
      param: { id: String(w.f.residents[0]) },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfText(bytes);
    const hex = (s: string) => `<${Buffer.from(s, 'latin1').toString('hex').toUpperCase()}> Tj`;
    expect(text).toContain(hex('C9001'));
    expect(text).toContain(hex('Card No.'));
    // The Chinese text (the name the resident goes by, never the full name) as UCS-2 for the STSong-Light CMap.
    const ucs2 = (s: string) =>
      `<${Array.from(s, (ch) => ch.codePointAt(0)!.toString(16).padStart(4, '0')).join('')}> Tj`;
    expect(text).toContain(ucs2('持卡人：张*华'));
    expect(text).not.toContain(ucs2('张三华'));
    expect(text).toContain('/STSong-Light');
    expect(text).not.toContain('1357');
    // The QR code is drawn as vector modules (many filled rectangles), not an image.
    expect((text.match(/ re\n/g) ?? []).length).toBeGreaterThan(100);
    expect(text).not.toContain('/Image');

    const param = { id: String(w.f.residents[0]) };
    expectError(
      await answerOf(await client(w.app).staff.residents[':id']['card.pdf'].$get({ param })),
      401,
      'unauthorized',
    );
    const resident = await loginAs(w.app, 'r1');
    expectError(
      await answerOf(
        await client(w.app, { token: resident }).staff.residents[':id']['card.pdf'].$get({ param }),
      ),
      403,
      'forbidden',
    );
  });

  it('imports a CSV all or nothing, reporting every problem by line', async () => {
    const header = 'login,full_name,phone,compound,building,unit,door,password,card,pin';
    const good = [
      header,
      'wanglan,王兰,13912345678,桂花苑,1栋,1单元,101,lan-2026-pass,C1201,1234',
      'wangjun,王军,,桂花苑,1栋,1单元,101,,,',
      'lifang,李芳,13700000000,南湖新村,2栋,1单元,302,,C1202,5678',
    ].join('\n');
    const bad = [
      header,
      'wanglan,王兰,13912345678,桂花苑,1栋,1单元,101,,,',
      'r1,重名,13912345678,桂花苑,1栋,1单元,102,,,',
      'lifang,李芳,123,南湖新村,2栋,1单元,302,,C9001,5678',
    ].join('\n');
    const imports = staffApi().staff.residents.import;

    const check = await bodyOf(await imports.check.$post({ json: { csv: bad } }), 200);
    expect(check.ok).toBe(false);
    expect(check.rows).toBe(3);
    expect(check.issues.map((i) => i.line)).toEqual([3, 4, 4]);

    const before = await counts(w.t.database);
    const refused = await answerOf(await imports.$post({ json: { csv: bad } }));
    expectError(refused, 422, 'import_invalid');
    expect(refused.body.error.message).toContain('第 3 行');
    expect(refused.body.error.message).toContain('第 4 行');
    // An unknown field is what the typed client cannot send.
    expectError(
      await call(w.app, 'POST', '/api/staff/residents/import', {
        token: w.tokens.staff,
        body: { csv: good, dryRun: true },
      }),
      400,
      'invalid_request',
    );
    expectError(await answerOf(await imports.$post({ json: { csv: '' } })), 400, 'invalid_request');
    expectError(
      await answerOf(await imports.$post({ json: { csv: `${header}\n"unclosed,王,1,2,3,4,5` } })),
      422,
      'import_invalid',
    );
    expect(await counts(w.t.database)).toEqual(before);

    expect(await bodyOf(await imports.check.$post({ json: { csv: good } }), 200)).toEqual({
      ok: true,
      rows: 3,
      issues: [],
    });
    const imported = await bodyOf(await imports.$post({ json: { csv: good } }), 201);
    expect(imported).toMatchObject({ imported: 3, households: 2, reusedHouseholds: 0, cards: 2 });
    expect(imported.residents.map((r) => [r.line, r.login])).toEqual([
      [2, 'wanglan'],
      [3, 'wangjun'],
      [4, 'lifang'],
    ]);
    expect(await count(w.t.database, 'residents')).toBe(before.residents! + 3);
    expect(await loginAs(w.app, 'wanglan', 'lan-2026-pass')).toBeTruthy();
    const [cardRow] = await rows<{ card_no: string }>(
      w.t.database.read,
      sql`select card_no from cards where card_no = 'C1202'`,
    );
    expect(cardRow).toBeDefined();
    // The same file again adds nobody twice: its rows are already imported.
    const again = await bodyOf(await imports.$post({ json: { csv: good } }), 201);
    expect(again).toMatchObject({ imported: 0, skipped: 3, refused: [] });
    expect(await count(w.t.database, 'residents')).toBe(before.residents! + 3);
  });
});

/** Every stream of a PDF, inflated where it is compressed, joined with the file's plain text. */
function pdfText(bytes: Buffer): string {
  const raw = bytes.toString('latin1');
  const parts = [raw];
  const re = /stream\r?\n/g;
  for (let m = re.exec(raw); m; m = re.exec(raw)) {
    const start = m.index + m[0].length;
    const end = raw.indexOf('endstream', start);
    if (end < 0) break;
    try {
      parts.push(inflateSync(bytes.subarray(start, end)).toString('latin1'));
    } catch {
      // not a deflated stream
    }
  }
  return parts.join('\n');
}
