import type { ImportIssue } from './csv-import';

/**
 * The text of an uploaded CSV file, whichever way it arrives (the CLI's file, the console's upload,
 * an API client's JSON string), decided in one place so every way in gives the same answer.
 *
 * Excel and WPS in China save "CSV" in GBK unless told "CSV UTF-8", so a file that is not UTF-8 is
 * read as GBK rather than refused: staff should not have to learn about encodings to import a
 * spreadsheet. This relies on the WHATWG TextDecoder's 'gbk' label (the gb18030 decoder), which
 * Node with full ICU (the official builds), workerd and every browser provide; a runtime without
 * it refuses the file with how to re-save it instead of guessing. A file that is neither UTF-8 nor
 * GBK (UTF-16, a .xlsx workbook, a picture) is refused the same way — never imported as mojibake.
 */
export type CsvEncoding = 'utf-8' | 'gbk';
export type CsvText =
  | { ok: true; text: string; encoding: CsvEncoding }
  | { ok: false; issue: ImportIssue };

export const NOT_CSV_TEXT: ImportIssue = {
  line: 1,
  message:
    '文件不是 UTF-8 或 GBK 编码的 CSV 文本，未能读取：请在 Excel 或 WPS 中“另存为 → CSV UTF-8（逗号分隔）”后再导入',
  en: 'the file is not CSV text in UTF-8 or GBK; in Excel or WPS use "Save as → CSV UTF-8 (comma delimited)" and import that file',
};

/** Text whose bytes were lost: it can only be sent again as the file itself, or re-saved as UTF-8. */
export const NOT_UTF8_TEXT: ImportIssue = {
  line: 1,
  message:
    '文件不是 UTF-8 编码，读出的文字已损坏（可能是 Excel、WPS 保存的 GBK）：请上传文件本身，或“另存为 → CSV UTF-8（逗号分隔）”后再导入',
  en: 'the text arrived damaged (the file is not UTF-8, perhaps GBK from Excel or WPS): upload the file itself, or save it as "CSV UTF-8 (comma delimited)"',
};

/** A NUL or a replacement character never belongs in a residents' list: the bytes were not this text. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this pattern exists to find
const looksLikeText = (text: string) => !/[\u0000\uFFFD]/.test(text);

function decodeAs(encoding: CsvEncoding, bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    // A decoding error, or (RangeError) a runtime without this encoding.
    return null;
  }
}

/** Bytes of a file: UTF-8 (with or without BOM) first, then GBK. */
export function decodeCsvBytes(bytes: Uint8Array): CsvText {
  for (const encoding of ['utf-8', 'gbk'] as const) {
    const text = decodeAs(encoding, bytes);
    if (text !== null)
      return looksLikeText(text)
        ? { ok: true, text, encoding }
        : { ok: false, issue: NOT_CSV_TEXT };
  }
  return { ok: false, issue: NOT_CSV_TEXT };
}

/**
 * Text a client already decoded. A page that read a GBK file as UTF-8 (File.text()) sends U+FFFD
 * where the Chinese was: refused like the file itself, since the original bytes are gone.
 */
export function csvTextOf(text: string): CsvText {
  return looksLikeText(text)
    ? { ok: true, text, encoding: 'utf-8' }
    : { ok: false, issue: NOT_UTF8_TEXT };
}
