import { describe, expect, it } from 'vitest';
import { validateCards } from '../../functions/domain/people/cards-file';
import { CsvSyntaxError, formatIssue, parseCsv } from '../../functions/domain/people/csv-import';
import {
  type ExistingPeople,
  validateResidents,
} from '../../functions/domain/people/residents-file';

const HEADER = 'login,full_name,phone,compound,building,unit,door,password,card,pin';
const none: ExistingPeople = { logins: new Set(), cards: new Set() };
const messages = (result: ReturnType<typeof validateResidents>) =>
  result.ok ? [] : result.issues.map(formatIssue);

describe('parseCsv', () => {
  it('drops a BOM, accepts CRLF, and numbers records by the line they start on', () => {
    const rows = parseCsv(
      `\uFEFF${HEADER}\r\nzhang3,"张三\r\n华",13800000001,幸福小区,1栋,1单元,101,,,\r\n\r\n,,,,\r\nli4,李四,,幸福小区,1栋,1单元,102,,,\r\n`,
    );
    expect(rows.map((r) => r.line)).toEqual([1, 2, 6]);
    expect(rows[0]!.cells[0]).toBe('login');
    expect(rows[1]!.cells[1]).toBe('张三\n华');
  });

  it('reports an unclosed quote with its line', () => {
    expect(() => parseCsv(`${HEADER}\nok,"unclosed,1380000000`)).toThrow(CsvSyntaxError);
    try {
      parseCsv(`${HEADER}\nok,x\nbad,"unclosed`);
    } catch (error) {
      expect((error as CsvSyntaxError).issue.line).toBe(3);
    }
  });
});

describe('validateResidents', () => {
  it('accepts a good file (with BOM), normalising what people type', () => {
    const text = [
      `\uFEFF${HEADER}`,
      'zhang.san,张三华,138 0000 0001,幸福小区,1栋,2单元,301,secret-pass,c0001,2468',
      'li_si, 李秀英 ,+8613900000002,幸福小区,1栋,2单元,301,,,',
      'wang-5,王建国,,幸福小区,3栋,1单元,101,,C12345678,1357',
    ].join('\n');
    const result = validateResidents(parseCsv(text), none);
    expect(result).toMatchObject({ ok: true });
    if (!result.ok) return;
    expect(result.records).toEqual([
      {
        line: 2,
        login: 'zhang.san',
        fullName: '张三华',
        phone: '13800000001',
        household: { compound: '幸福小区', building: '1栋', unit: '2单元', door: '301' },
        password: 'secret-pass',
        card: { cardNo: 'C0001', pin: '2468' },
      },
      {
        line: 3,
        login: 'li_si',
        fullName: '李秀英',
        phone: '13900000002',
        household: { compound: '幸福小区', building: '1栋', unit: '2单元', door: '301' },
        password: null,
        card: null,
      },
      {
        line: 4,
        login: 'wang-5',
        fullName: '王建国',
        phone: null,
        household: { compound: '幸福小区', building: '3栋', unit: '1单元', door: '101' },
        password: null,
        card: { cardNo: 'C12345678', pin: '1357' },
      },
    ]);
  });

  it('accepts the optional columns left out entirely, in any order', () => {
    const result = validateResidents(
      parseCsv(
        'door,unit,building,compound,phone,full_name,login\n101,1单元,1栋,幸福小区,13800000001,张三,zhang3',
      ),
      none,
    );
    expect(result.ok).toBe(true);
  });

  it('reports every bad row with its line number, and returns no records', () => {
    const text = [
      HEADER,
      'good1,张三,13800000001,幸福小区,1栋,1单元,101,,,',
      'Bad Login,李四,13800000002,幸福小区,1栋,1单元,102,,,',
      'good2,王五,2380000000,幸福小区,1栋,1单元,103,,,',
      'good3,,13800000004,,1栋,1单元,104,short,C12,12345',
      'good4,赵六,13800000005,幸福小区,1栋,1单元,105,,C0009,',
    ].join('\n');
    const result = validateResidents(parseCsv(text), none);
    expect(result.ok).toBe(false);
    expect(messages(result)).toEqual([
      '第 3 行：登录名格式错误（3–32 位小写字母、数字或 _ . -）：Bad Login (line 3: invalid login "Bad Login" ([a-z0-9_.-]{3,32}))',
      '第 4 行：手机号格式错误 (line 4: invalid phone)',
      '第 5 行：缺少姓名 (line 5: missing full name)',
      '第 5 行：缺少小区 (line 5: missing compound)',
      '第 5 行：初始密码长度须为 8–128 位 (line 5: password must be 8–128 characters)',
      '第 5 行：卡号格式错误（应为 C 加 4–8 位数字，如 C0001）：C12 (line 5: invalid card number "C12" (C followed by 4–8 digits))',
      '第 5 行：卡密码格式错误（应为 4 位数字） (line 5: invalid PIN (4 digits))',
      '第 6 行：填写了卡号但缺少卡密码 (line 6: card number given without a PIN)',
    ]);
  });

  it('finds duplicates within the file and against the database', () => {
    const text = [
      HEADER,
      'zhang3,张三,13800000001,幸福小区,1栋,1单元,101,,C0001,1111',
      'li4,李四,13800000002,幸福小区,1栋,1单元,102,,C0002,2222',
      'zhang3,张三二,13800000003,幸福小区,1栋,1单元,103,,C0001,3333',
      'taken,王五,13800000004,幸福小区,1栋,1单元,104,,C0500,4444',
    ].join('\n');
    const result = validateResidents(parseCsv(text), {
      logins: new Set(['taken', 'staff']),
      cards: new Set(['C0002']),
    });
    expect(messages(result)).toEqual([
      '第 3 行：卡号 C0002 已被使用 (line 3: card C0002 is already issued)',
      '第 4 行：登录名 zhang3 与第 2 行重复 (line 4: login "zhang3" repeats line 2)',
      '第 4 行：卡号 C0001 与第 2 行重复 (line 4: card C0001 repeats line 2)',
      '第 5 行：登录名 taken 已被使用 (line 5: login "taken" is already taken)',
    ]);
  });

  it('checks the header row', () => {
    expect(
      messages(
        validateResidents(
          parseCsv('login,full_name,phone,compound,building,unit,room,extra\nx,y,z,a,b,c,d,e'),
          none,
        ),
      ),
    ).toEqual([
      '第 1 行：未知的列「room」 (line 1: unknown column "room")',
      '第 1 行：未知的列「extra」 (line 1: unknown column "extra")',
      '第 1 行：缺少必需的列「door」（门牌） (line 1: missing required column "door")',
    ]);
    expect(messages(validateResidents(parseCsv(''), none))).toEqual([
      '第 1 行：文件是空的，第一行须为表头 (line 1: the file is empty; the first row must be the header)',
    ]);
    expect(messages(validateResidents(parseCsv(`${HEADER}\n`), none))).toEqual([
      '第 1 行：文件中没有居民数据 (line 1: no residents in the file)',
    ]);
  });
});

describe('validateCards', () => {
  const existing = {
    residents: new Map([
      ['r1', { id: 11, card: null }],
      ['r2', { id: 12, card: 'C9002' }],
      ['r3', { id: 13, card: null }],
    ]),
    otherLogins: new Set(['m1']),
    cards: new Set(['C9002', 'C9100']),
  };

  it('accepts new cards for residents without one', () => {
    const result = validateCards(
      parseCsv('\uFEFFlogin,card,pin\r\nr1,C0101,1234\r\nr3,c0103,0000\r\n'),
      existing,
    );
    expect(result).toEqual({
      ok: true,
      records: [
        { line: 2, login: 'r1', residentId: 11, cardNo: 'C0101', pin: '1234' },
        { line: 3, login: 'r3', residentId: 13, cardNo: 'C0103', pin: '0000' },
      ],
    });
  });

  it('refuses unknown logins, non-residents, residents with a card, taken and repeated cards', () => {
    const text = [
      'login,card,pin',
      'r1,C0101,1234',
      'nobody,C0102,1234',
      'm1,C0103,1234',
      'r2,C0104,1234',
      'r3,C9100,1234',
      'r1,C0105,1234',
      'r3,C0101,12a4',
    ].join('\n');
    const result = validateCards(parseCsv(text), existing);
    expect(result.ok ? [] : result.issues.map(formatIssue)).toEqual([
      '第 3 行：居民 nobody 不存在 (line 3: no resident with login "nobody")',
      '第 4 行：m1 不是居民账号 (line 4: "m1" is not a resident)',
      '第 5 行：居民 r2 已有卡 C9002 (line 5: resident "r2" already holds card C9002)',
      '第 6 行：卡号 C9100 已被使用 (line 6: card C9100 is already issued)',
      '第 7 行：登录名 r1 与第 2 行重复 (line 7: login "r1" repeats line 2)',
      '第 8 行：登录名 r3 与第 6 行重复 (line 8: login "r3" repeats line 6)',
      '第 8 行：卡密码格式错误（应为 4 位数字） (line 8: invalid PIN (4 digits))',
      '第 8 行：卡号 C0101 与第 2 行重复 (line 8: card C0101 repeats line 2)',
    ]);
  });
});
