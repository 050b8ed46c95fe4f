import { describe, expect, it } from 'vitest';
import {
  checkReceipt,
  cleanFilename,
  MAX_RECEIPT_BYTES,
  sniffReceipt,
} from '../../../functions/domain/records/receipts';
import { DomainError } from '../../../functions/domain/shared/errors';

const bytes = (...b: number[]) => Uint8Array.from(b);
const codeOf = (fn: () => unknown) => {
  try {
    fn();
    return 'ok';
  } catch (error) {
    return error instanceof DomainError ? error.code : String(error);
  }
};

describe('receipt files', () => {
  it('knows PNG, JPEG and PDF by their first bytes and nothing else', () => {
    expect(sniffReceipt(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0))).toBe(
      'image/png',
    );
    expect(sniffReceipt(bytes(0xff, 0xd8, 0xff, 0xdb))).toBe('image/jpeg');
    expect(sniffReceipt(new TextEncoder().encode('%PDF-1.4'))).toBe('application/pdf');
    expect(sniffReceipt(bytes(0x89, 0x50, 0x4e, 0x47))).toBeUndefined(); // truncated signature
    expect(sniffReceipt(bytes(0x4d, 0x5a, 0x90, 0))).toBeUndefined(); // MZ: a Windows executable
    expect(sniffReceipt(new TextEncoder().encode('<svg onload=alert(1)>'))).toBeUndefined();
    expect(sniffReceipt(new TextEncoder().encode(' %PDF-1.4'))).toBeUndefined();
    expect(sniffReceipt(new Uint8Array(0))).toBeUndefined();
  });

  it('checks size, emptiness, type and the declared type', () => {
    const png = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
    expect(codeOf(() => checkReceipt({ bytes: png, declaredType: 'image/png' }))).toBe('ok');
    expect(
      codeOf(() => checkReceipt({ bytes: png, declaredType: 'IMAGE/PNG; charset=binary' })),
    ).toBe('ok');
    expect(codeOf(() => checkReceipt({ bytes: png }))).toBe('ok');
    expect(codeOf(() => checkReceipt({ bytes: png, declaredType: 'image/jpeg' }))).toBe(
      'unsupported_file',
    );
    expect(
      codeOf(() => checkReceipt({ bytes: bytes(0xff, 0xd8, 0xff), declaredType: 'image/jpg' })),
    ).toBe('ok');
    expect(codeOf(() => checkReceipt({ bytes: new Uint8Array(0) }))).toBe('invalid_request');
    expect(codeOf(() => checkReceipt({ bytes: new Uint8Array(MAX_RECEIPT_BYTES + 1) }))).toBe(
      'file_too_large',
    );
    expect(codeOf(() => checkReceipt({ bytes: bytes(1, 2, 3) }))).toBe('unsupported_file');
  });

  it('keeps file names plain and gives them the right extension', () => {
    expect(cleanFilename('发票.png', 'image/png')).toBe('发票.png');
    expect(cleanFilename('../../etc/passwd', 'application/pdf')).toBe('passwd.pdf');
    expect(cleanFilename('C:\\Users\\a\\scan.JPG', 'image/jpeg')).toBe('scan.JPG');
    expect(cleanFilename('invoice.exe', 'image/png')).toBe('invoice.exe.png');
    expect(cleanFilename('a"\r\nb.pdf', 'application/pdf')).toBe('ab.pdf');
    expect(cleanFilename(undefined, 'image/jpeg')).toBe('receipt.jpg');
    expect(cleanFilename('x'.repeat(500), 'image/png')).toHaveLength(124);
  });
});
