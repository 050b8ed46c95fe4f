/**
 * Tiny, valid receipt scans for the demo (a few hundred bytes each), made in code so the seed needs
 * no binary files: a 1-bit greyscale PNG that looks like a slip with printed lines, and a one-page
 * PDF with the receipt number and amount. Deterministic: the same receipt gives the same bytes.
 */

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (const x of bytes) {
    a = (a + x) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

const u32 = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];

function chunk(type: string, data: Uint8Array): number[] {
  const typed = new Uint8Array([...Array.from(type, (c) => c.charCodeAt(0)), ...data]);
  return [...u32(data.length), ...typed, ...u32(crc32(typed))];
}

/** A small hash of the receipt number, to vary the drawing between receipts. */
function hash(text: string): number {
  let h = 2166136261;
  for (const c of text) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
  return h;
}

/** A 48×32 1-bit PNG: a white slip with a border and printed-looking lines of varying length. */
export function receiptPng(receiptNo: string): Buffer {
  const width = 48;
  const height = 32;
  const stride = width / 8;
  const h = hash(receiptNo);
  const raw = new Uint8Array(height * (stride + 1));
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const border = x === 0 || y === 0 || x === width - 1 || y === height - 1;
      const line = y >= 4 && y <= 27 && y % 4 === 0 && x >= 4 && x < 8 + ((h >>> (y % 24)) % 34);
      const ink = border || line;
      // 1 = white, 0 = black in greyscale bit depth 1.
      if (!ink) raw[y * (stride + 1) + 1 + (x >> 3)]! |= 0x80 >> (x & 7);
    }
  }
  // zlib stream with one stored (uncompressed) deflate block.
  const len = raw.length;
  const zlib = new Uint8Array([
    0x78,
    0x01,
    0x01,
    len & 0xff,
    len >> 8,
    ~len & 0xff,
    (~len >> 8) & 0xff,
    ...raw,
    ...u32(adler32(raw)),
  ]);
  const ihdr = new Uint8Array([...u32(width), ...u32(height), 1, 0, 0, 0, 0]);
  const png = [
    0x89,
    0x50,
    0x4e,
    0x47,
    0x0d,
    0x0a,
    0x1a,
    0x0a,
    ...chunk('IHDR', ihdr),
    ...chunk('IDAT', zlib),
    ...chunk('IEND', new Uint8Array()),
  ];
  return Buffer.from(png);
}

/** A one-page PDF (ASCII only, Helvetica) with the receipt's number, date and amount. */
export function receiptPdf(receiptNo: string, date: string, amountFen: number): Buffer {
  const amount = `${Math.floor(amountFen / 100)}.${String(amountFen % 100).padStart(2, '0')}`;
  const text = `BT /F1 11 Tf 18 110 Td (Xingfuli Community - receipt scan) Tj 0 -22 Td (No. ${receiptNo}) Tj 0 -18 Td (Date ${date}) Tj 0 -18 Td (Amount CNY ${amount}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 298 150] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${text.length} >>\nstream\n${text}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
