import {
  CARD_PATTERN,
  LOGIN_PATTERN,
  normalizeCard,
  PASSWORD_MAX,
  PASSWORD_MIN,
  PHONE_PATTERN,
} from './account-fields';
import { checkCard, checkCardIsNew } from './cards-file';
import {
  type ColumnSpec,
  type CsvRow,
  type Lookup,
  Seen,
  type Validated,
  validateRows,
} from './csv-import';

/** A residents file: one resident a line, with their household and optionally a login and a paper card. */

const TEXT_MAX = 64;

export const RESIDENT_COLUMNS: ColumnSpec[] = [
  { name: 'login', zh: '登录名', required: true },
  { name: 'full_name', zh: '姓名', required: true },
  { name: 'phone', zh: '手机号', required: true },
  { name: 'compound', zh: '小区', required: true },
  { name: 'building', zh: '楼栋', required: true },
  { name: 'unit', zh: '单元', required: true },
  { name: 'door', zh: '门牌', required: true },
  { name: 'password', zh: '初始密码', required: false },
  { name: 'card', zh: '卡号', required: false },
  { name: 'pin', zh: '卡密码', required: false },
];

export interface HouseholdKey {
  compound: string;
  building: string;
  unit: string;
  door: string;
}

export interface ResidentRecord {
  line: number;
  login: string;
  fullName: string;
  /** Empty in the file (a resident without a mobile phone) → null. */
  phone: string | null;
  household: HouseholdKey;
  password: string | null;
  card: { cardNo: string; pin: string } | null;
}

export interface ExistingPeople {
  /** Every login in use (residents, merchants, staff). */
  logins: Lookup;
  /** Every card number issued. */
  cards: Lookup;
}

/**
 * Validates a residents file: columns login, full_name, phone, compound, building, unit, door, and
 * optionally password and card + pin. Reports every problem, each with its line.
 */
export function validateResidents(
  rows: CsvRow[],
  existing: ExistingPeople,
): Validated<ResidentRecord> {
  const logins = new Seen();
  const cardNos = new Seen();
  return validateRows(
    rows,
    RESIDENT_COLUMNS,
    { message: '文件中没有居民数据', en: 'no residents in the file' },
    (get, line, issues) => {
      const login = get('login');
      if (!login) issues.push({ line, message: '缺少登录名', en: 'missing login' });
      else if (!LOGIN_PATTERN.test(login))
        issues.push({
          line,
          message: `登录名格式错误（3–32 位小写字母、数字或 _ . -）：${login}`,
          en: `invalid login "${login}" ([a-z0-9_.-]{3,32})`,
        });
      else {
        const dup = logins.repeat(login, line);
        if (dup !== undefined)
          issues.push({
            line,
            message: `登录名 ${login} 与第 ${dup} 行重复`,
            en: `login "${login}" repeats line ${dup}`,
          });
        else if (existing.logins.has(login))
          issues.push({
            line,
            message: `登录名 ${login} 已被使用`,
            en: `login "${login}" is already taken`,
          });
      }

      const fullName = get('full_name').replace(/\s+/g, ' ');
      if (!fullName) issues.push({ line, message: '缺少姓名', en: 'missing full name' });
      else if (Array.from(fullName).length > TEXT_MAX)
        issues.push({
          line,
          message: `姓名过长（最多 ${TEXT_MAX} 个字）`,
          en: `full name longer than ${TEXT_MAX} characters`,
        });

      const phone = get('phone')
        .replace(/[\s-]/g, '')
        .replace(/^\+?86(?=1\d{10}$)/, '');
      if (phone && !PHONE_PATTERN.test(phone))
        issues.push({ line, message: '手机号格式错误', en: 'invalid phone' });

      const household = {
        compound: get('compound'),
        building: get('building'),
        unit: get('unit'),
        door: get('door'),
      };
      for (const c of RESIDENT_COLUMNS.filter((c) => c.name in household)) {
        const value = household[c.name as keyof HouseholdKey];
        if (!value) issues.push({ line, message: `缺少${c.zh}`, en: `missing ${c.name}` });
        else if (Array.from(value).length > TEXT_MAX)
          issues.push({
            line,
            message: `${c.zh}过长（最多 ${TEXT_MAX} 个字）`,
            en: `${c.name} longer than ${TEXT_MAX} characters`,
          });
      }

      const password = get('password');
      if (password && (password.length < PASSWORD_MIN || password.length > PASSWORD_MAX)) {
        issues.push({
          line,
          message: `初始密码长度须为 ${PASSWORD_MIN}–${PASSWORD_MAX} 位`,
          en: `password must be ${PASSWORD_MIN}–${PASSWORD_MAX} characters`,
        });
      }

      const cardNo = normalizeCard(get('card'));
      const pin = get('pin');
      if (cardNo || pin) {
        if (!cardNo)
          issues.push({
            line,
            message: '填写了卡密码但缺少卡号',
            en: 'PIN given without a card number',
          });
        else if (!pin)
          issues.push({
            line,
            message: '填写了卡号但缺少卡密码',
            en: 'card number given without a PIN',
          });
        else {
          checkCard(cardNo, pin, line, issues);
          if (CARD_PATTERN.test(cardNo))
            checkCardIsNew(cardNo, line, cardNos, existing.cards, issues);
        }
      }

      return {
        line,
        login,
        fullName,
        phone: phone || null,
        household,
        password: password || null,
        card: cardNo ? { cardNo, pin } : null,
      };
    },
  );
}
