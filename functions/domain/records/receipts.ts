import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { receipts } from '../../../db/schema';
import { toHex } from '../shared/crypto';
import { DomainError } from '../shared/errors';
import { type Actor, audit } from './audit';
import { findExpenseRow, type ReceiptInfo } from './expenses';
import { announce, type PublishEvent } from './publish';
import { invalid, notFound } from './shared';

/**
 * Receipt scans for an expense: PNG or JPEG images and PDFs, at most 5 MB, kept in the database for
 * staff and auditors (the public only sees that a receipt exists). The type is decided by the
 * file's first bytes, never by its name or the declared content type alone.
 */
export const MAX_RECEIPT_BYTES = 5 * 1024 * 1024;

export const RECEIPT_TYPES = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'application/pdf': 'pdf',
} as const;
export type ReceiptType = keyof typeof RECEIPT_TYPES;

const SIGNATURES: Array<[ReceiptType, number[]]> = [
  ['image/png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['image/jpeg', [0xff, 0xd8, 0xff]],
  ['application/pdf', [0x25, 0x50, 0x44, 0x46, 0x2d]], // %PDF-
];

/** The receipt type the bytes really are, or undefined for anything else. */
export function sniffReceipt(bytes: Uint8Array): ReceiptType | undefined {
  return SIGNATURES.find(
    ([, magic]) => bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b),
  )?.[0];
}

/** Declared types that say nothing (a browser's fallback) are left to the sniffing. */
const UNSPECIFIC = new Set(['', 'application/octet-stream', 'binary/octet-stream']);
const ALIASES: Record<string, string> = {
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'application/x-pdf': 'application/pdf',
};

/** A file name safe to store and to send back: no folders, no control characters, the right extension. */
export function cleanFilename(name: string | undefined, type: ReceiptType): string {
  const ext = RECEIPT_TYPES[type];
  const base = (name ?? '')
    .split(/[\\/]/)
    .pop()!
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this pattern strips
    .replace(/[\u0000-\u001f\u007f"]/g, '')
    .trim()
    .slice(0, 120);
  const stem = base || 'receipt';
  const hasExt =
    type === 'image/jpeg' ? /\.jpe?g$/i.test(stem) : stem.toLowerCase().endsWith(`.${ext}`);
  return hasExt ? stem : `${stem}.${ext}`;
}

export interface ReceiptUpload {
  bytes: Uint8Array;
  filename?: string | undefined;
  declaredType?: string | undefined;
}

/** Checks an upload before any write: too large, empty, not a receipt type, or not what it claims to be. */
export function checkReceipt(upload: ReceiptUpload): ReceiptType {
  if (upload.bytes.length > MAX_RECEIPT_BYTES)
    throw new DomainError(
      'file_too_large',
      `文件过大：票据不能超过 ${MAX_RECEIPT_BYTES / 1024 / 1024} MB`,
    );
  if (upload.bytes.length === 0) throw invalid('文件为空');
  const type = sniffReceipt(upload.bytes);
  if (!type) throw new DomainError('unsupported_file', '只接受 PNG、JPEG 图片或 PDF 文件');
  const declared = (upload.declaredType ?? '').split(';')[0]!.trim().toLowerCase();
  const normalised = ALIASES[declared] ?? declared;
  if (!UNSPECIFIC.has(normalised) && normalised !== type)
    throw new DomainError('unsupported_file', `文件内容（${type}）与声明的类型（${declared}）不符`);
  return type;
}

export async function addReceipt(
  tx: Db,
  actor: Actor,
  expenseId: number,
  upload: ReceiptUpload,
): Promise<{ record: ReceiptInfo; event?: PublishEvent }> {
  const type = checkReceipt(upload);
  const expense = await findExpenseRow(tx, expenseId);
  const filename = cleanFilename(upload.filename, type);
  const uploadedAt = actor.now.toISOString();
  // Stored as plain bytes (libsql takes a Uint8Array); no Node Buffer, so this runs on the edge too.
  const [row] = await tx
    .insert(receipts)
    .values({
      expenseId,
      filename,
      mime: type,
      bytes: upload.bytes as unknown as Buffer,
      uploadedAt,
      uploadedBy: actor.actorId,
    })
    .returning({ id: receipts.id });
  const size = upload.bytes.length;
  const sha256 = toHex(
    await crypto.subtle.digest('SHA-256', upload.bytes as Uint8Array<ArrayBuffer>),
  );
  await audit(tx, actor, 'upload_receipt', 'expense', expenseId, {
    receiptId: row!.id,
    filename,
    mime: type,
    size,
    sha256,
  });
  // A published expense's page shows that it has a receipt: that page changes.
  const event =
    expense.status === 'published' ? await announce(tx, actor, 'expense', expenseId) : undefined;
  return {
    record: { id: row!.id, filename, mime: type, size, uploadedAt, uploadedBy: actor.actorId },
    event,
  };
}

export async function readReceipt(
  db: Db,
  expenseId: number,
  receiptId: number,
): Promise<{ filename: string; mime: string; bytes: Uint8Array }> {
  const [row] = await db
    // Raw, not through the column's Buffer mapping: the Worker runs without Node's Buffer.
    .select({
      filename: receipts.filename,
      mime: receipts.mime,
      bytes: sql<ArrayBuffer | Uint8Array>`${receipts.bytes}`,
    })
    .from(receipts)
    .where(and(eq(receipts.id, receiptId), eq(receipts.expenseId, expenseId)));
  if (!row) throw notFound(`支出记录 ${expenseId} 没有票据 ${receiptId}`);
  return {
    filename: row.filename,
    mime: row.mime,
    bytes: row.bytes instanceof Uint8Array ? row.bytes : new Uint8Array(row.bytes),
  };
}
