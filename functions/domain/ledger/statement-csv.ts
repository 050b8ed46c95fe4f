import { stringify } from 'csv-stringify/sync';
import type { Db } from '../../../db/client';
import { COMMUNITY_UTC_OFFSET_MINUTES } from '../shared/time';
import { type StatementKind, type StatementLine, statement } from './queries';

/** The resident's own statement as a spreadsheet: Chinese header and words, community time. */
const HEADER = ['日期时间', '类型', '对方', '商品', '积分', '余额', '备注', '账目编号'];

const KIND_WORDS: Record<StatementKind, string> = {
  earn: '获得',
  redeem: '兑换',
  transfer_in: '转入',
  transfer_out: '转出',
  reversal: '冲正',
  expiry: '过期',
};

/** YYYY-MM-DD HH:mm in community time (UTC+8): what the phone shows, sortable in a spreadsheet. */
function localDateTime(iso: string): string {
  const local = new Date(Date.parse(iso) + COMMUNITY_UTC_OFFSET_MINUTES * 60_000).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 16)}`;
}

const itemText = (item: StatementLine['item']) =>
  item === null ? '' : `${item.name} × ${item.quantity}（${item.unitPoints} 分/件）`;

const PAGE = 500;

/**
 * The whole statement of one account, newest first, as CSV text. A UTF-8 byte-order mark goes
 * first so that Excel on a Chinese Windows reads it as UTF-8. Read a page of lines at a time.
 */
export async function statementCsv(db: Db, accountId: number): Promise<string> {
  const parts = [`\uFEFF${stringify([HEADER], { record_delimiter: '\r\n' })}`];
  let cursor: string | undefined;
  for (;;) {
    const page = await statement(db, accountId, PAGE, cursor);
    if (page.items.length > 0) {
      const rows = page.items.map((l) => [
        localDateTime(l.at),
        KIND_WORDS[l.kind],
        l.counterparty.name,
        itemText(l.item),
        String(l.points),
        String(l.balanceAfter),
        l.memo,
        String(l.id),
      ]);
      parts.push(stringify(rows, { record_delimiter: '\r\n' }));
    }
    if (page.nextCursor === null) return parts.join('');
    cursor = page.nextCursor;
  }
}
