import { describe, expect, it } from 'vitest';
import {
  csvTextOf,
  decodeCsvBytes,
  NOT_CSV_TEXT,
  NOT_UTF8_TEXT,
} from '../../../functions/domain/people/csv-text';
import { GBK_RESIDENTS_CSV, GBK_RESIDENTS_TEXT, UTF16_CSV } from '../../helpers/gbk-csv';

describe('decodeCsvBytes', () => {
  it('reads UTF-8 with or without a BOM', () => {
    const utf8 = new TextEncoder().encode('login,full_name\n张三,张三\n');
    expect(decodeCsvBytes(utf8)).toEqual({
      ok: true,
      text: 'login,full_name\n张三,张三\n',
      encoding: 'utf-8',
    });
    expect(decodeCsvBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]))).toEqual({
      ok: true,
      text: 'login,full_name\n张三,张三\n',
      encoding: 'utf-8',
    });
  });

  it('reads a GBK file from Excel or WPS as GBK', () => {
    expect(decodeCsvBytes(GBK_RESIDENTS_CSV)).toEqual({
      ok: true,
      text: GBK_RESIDENTS_TEXT,
      encoding: 'gbk',
    });
  });

  it('refuses bytes that are neither, with how to re-save', () => {
    expect(decodeCsvBytes(UTF16_CSV)).toEqual({ ok: false, issue: NOT_CSV_TEXT });
    // A .xlsx workbook is a zip: NUL bytes early on.
    expect(
      decodeCsvBytes(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00])),
    ).toEqual({ ok: false, issue: NOT_CSV_TEXT });
    expect(NOT_CSV_TEXT.message).toContain('CSV UTF-8');
  });
});

describe('csvTextOf', () => {
  it('passes text through, and refuses text a page decoded from GBK as UTF-8', () => {
    expect(csvTextOf('login\nx')).toEqual({ ok: true, text: 'login\nx', encoding: 'utf-8' });
    // What File.text() makes of the GBK file: replacement characters where the Chinese was.
    const damaged = new TextDecoder().decode(GBK_RESIDENTS_CSV);
    expect(damaged).toContain('\uFFFD');
    expect(csvTextOf(damaged)).toEqual({ ok: false, issue: NOT_UTF8_TEXT });
  });
});
