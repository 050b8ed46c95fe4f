/**
 * A residents CSV as Excel or WPS in China save it ("CSV (逗号分隔)" = GBK), byte for byte, so the
 * CLI and the console's upload are tested with the very same file.
 */
const gbk: Record<string, number[]> = {
  张三: [0xd5, 0xc5, 0xc8, 0xfd],
  李四: [0xc0, 0xee, 0xcb, 0xc4],
  幸福小区: [0xd0, 0xd2, 0xb8, 0xa3, 0xd0, 0xa1, 0xc7, 0xf8],
  栋: [0xb6, 0xb0],
  单元: [0xb5, 0xa5, 0xd4, 0xaa],
};

/** ASCII as is, the Chinese words above in GBK. */
function encode(text: string): Uint8Array<ArrayBuffer> {
  const out: number[] = [];
  let rest = text;
  outer: while (rest) {
    for (const [word, bytes] of Object.entries(gbk)) {
      if (rest.startsWith(word)) {
        out.push(...bytes);
        rest = rest.slice(word.length);
        continue outer;
      }
    }
    const code = rest.charCodeAt(0);
    if (code > 0x7f) throw new Error(`no GBK bytes for ${rest[0]}`);
    out.push(code);
    rest = rest.slice(1);
  }
  return new Uint8Array(out);
}

export const GBK_RESIDENTS_TEXT =
  'login,full_name,phone,compound,building,unit,door\r\ngbk.zhang3,张三,13800000001,幸福小区,1栋,1单元,101\r\ngbk.li4,李四,,幸福小区,1栋,1单元,102\r\n';
export const GBK_RESIDENTS_CSV: Uint8Array<ArrayBuffer> = encode(GBK_RESIDENTS_TEXT);

/** Not text at all in either encoding: a UTF-16 file with its BOM, as Excel's "Unicode text" saves. */
export const UTF16_CSV = new Uint8Array([
  0xff,
  0xfe,
  ...Array.from('login,full_name\r\n', (c) => [c.charCodeAt(0), 0]).flat(),
]);
