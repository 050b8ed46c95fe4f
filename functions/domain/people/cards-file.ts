import { CARD_PATTERN, normalizeCard, PIN_PATTERN } from './account-fields';
import {
  type ColumnSpec,
  type CsvRow,
  type ImportIssue,
  type Lookup,
  Seen,
  type Validated,
  validateRows,
} from './csv-import';

/** A cards file: paper cards for residents who already have an account, one line each. */

/** The form of a card number and its PIN, in either file. */
export function checkCard(cardNo: string, pin: string, line: number, issues: ImportIssue[]): void {
  if (!CARD_PATTERN.test(cardNo))
    issues.push({
      line,
      message: `卡号格式错误（应为 C 加 4–8 位数字，如 C0001）：${cardNo}`,
      en: `invalid card number "${cardNo}" (C followed by 4–8 digits)`,
    });
  if (!PIN_PATTERN.test(pin))
    issues.push({ line, message: '卡密码格式错误（应为 4 位数字）', en: 'invalid PIN (4 digits)' });
}

/** A well-formed card number must be new: not earlier in the file, not issued already. */
export function checkCardIsNew(
  cardNo: string,
  line: number,
  cardNos: Seen,
  issued: Lookup,
  issues: ImportIssue[],
): void {
  const dup = cardNos.repeat(cardNo, line);
  if (dup !== undefined)
    issues.push({
      line,
      message: `卡号 ${cardNo} 与第 ${dup} 行重复`,
      en: `card ${cardNo} repeats line ${dup}`,
    });
  else if (issued.has(cardNo))
    issues.push({
      line,
      message: `卡号 ${cardNo} 已被使用`,
      en: `card ${cardNo} is already issued`,
    });
}

export const CARD_COLUMNS: ColumnSpec[] = [
  { name: 'login', zh: '登录名', required: true },
  { name: 'card', zh: '卡号', required: true },
  { name: 'pin', zh: '卡密码', required: true },
];

export interface CardRecord {
  line: number;
  login: string;
  residentId: number;
  cardNo: string;
  pin: string;
}

export interface ExistingCards {
  /** login → the resident, and the card they already hold, if any. Logins of non-residents are absent. */
  residents: { get(login: string): { id: number; card: string | null } | undefined };
  /** Logins that exist but are not residents (merchants, staff): named in the message. */
  otherLogins: Lookup;
  cards: Lookup;
}

/** Validates a cards file (login, card, pin): one new card per existing resident who has none. */
export function validateCards(rows: CsvRow[], existing: ExistingCards): Validated<CardRecord> {
  const logins = new Seen();
  const cardNos = new Seen();
  return validateRows(
    rows,
    CARD_COLUMNS,
    { message: '文件中没有卡片数据', en: 'no cards in the file' },
    (get, line, issues) => {
      const login = get('login');
      let resident: { id: number; card: string | null } | undefined;
      if (!login) issues.push({ line, message: '缺少登录名', en: 'missing login' });
      else {
        const dup = logins.repeat(login, line);
        resident = existing.residents.get(login);
        if (dup !== undefined)
          issues.push({
            line,
            message: `登录名 ${login} 与第 ${dup} 行重复`,
            en: `login "${login}" repeats line ${dup}`,
          });
        else if (!resident) {
          if (existing.otherLogins.has(login))
            issues.push({
              line,
              message: `${login} 不是居民账号`,
              en: `"${login}" is not a resident`,
            });
          else
            issues.push({
              line,
              message: `居民 ${login} 不存在`,
              en: `no resident with login "${login}"`,
            });
        } else if (resident.card)
          issues.push({
            line,
            message: `居民 ${login} 已有卡 ${resident.card}`,
            en: `resident "${login}" already holds card ${resident.card}`,
          });
      }

      const cardNo = normalizeCard(get('card'));
      const pin = get('pin');
      if (!cardNo) issues.push({ line, message: '缺少卡号', en: 'missing card number' });
      if (!pin) issues.push({ line, message: '缺少卡密码', en: 'missing PIN' });
      if (cardNo && pin) checkCard(cardNo, pin, line, issues);
      if (CARD_PATTERN.test(cardNo)) checkCardIsNew(cardNo, line, cardNos, existing.cards, issues);

      return resident && { line, login, residentId: resident.id, cardNo, pin };
    },
  );
}
