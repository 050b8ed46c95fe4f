import {
  beginText,
  endText,
  fill,
  moveText,
  PDFDocument,
  type PDFFont,
  PDFHexString,
  type PDFName,
  type PDFPage,
  PDFString,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  StandardFonts,
  setDashPattern,
  setFillingRgbColor,
  setFontAndSize,
  setLineWidth,
  setStrokingRgbColor,
  showText,
  stroke,
} from 'pdf-lib';
import { qrSymbol } from '../shared/qr';

/**
 * The printable paper card (纸质积分卡) for a resident without a smartphone: an A4 sheet with the
 * card's front and back side by side, to cut out and fold. It carries the card number (large, and
 * as a QR code for the counter to scan), the name the resident goes by, and how to use the card —
 * never the PIN, the full name or the address (a lost card must not expose the person).
 *
 * Chinese text without shipping a font: the text uses the PDF standard's predefined CJK font
 * STSong-Light with the UniGB-UCS2-H CMap (Adobe-GB1), which PDF viewers and printers supply
 * themselves (Acrobat, Chrome/Edge, Firefox, WPS, Foxit, poppler with poppler-data). Nothing is
 * embedded or downloaded, the file stays a few kB, the text stays real text (selectable, no
 * images), and it runs the same on the edge. Everything a merchant needs — card number, QR code,
 * English instructions — is also in the built-in Helvetica, so a viewer without CJK fallback still
 * prints a usable card.
 */
export interface CardSheet {
  community: string;
  /** The name the resident goes by (张阿姨), not the full name. */
  displayName: string;
  cardNo: string;
  issuedAt: Date;
}

const MM = 72 / 25.4;
const CARD_W = 85.6 * MM;
const CARD_H = 54 * MM;
const A4: [number, number] = [210 * MM, 297 * MM];

/** UTF-16BE code units as hex, for the UCS-2 CMap; characters outside the BMP print as "?". */
function ucs2(text: string): PDFHexString {
  let hex = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    hex += (cp > 0xffff ? 0x3f : cp).toString(16).padStart(4, '0');
  }
  return PDFHexString.of(hex);
}

/** Width of CJK-font text: full-width for CJK, half-width for ASCII (the /W entry below). */
function cjkWidth(text: string, size: number): number {
  let em = 0;
  for (const ch of text) em += ch.codePointAt(0)! < 0x80 ? 0.5 : 1;
  return em * size;
}

function cjkFont(doc: PDFDocument, page: PDFPage): PDFName {
  const ctx = doc.context;
  const descriptor = ctx.register(
    ctx.obj({
      Type: 'FontDescriptor',
      FontName: 'STSong-Light',
      Flags: 6,
      FontBBox: [-25, -254, 1000, 880],
      ItalicAngle: 0,
      Ascent: 880,
      Descent: -120,
      CapHeight: 880,
      StemV: 93,
    }),
  );
  const cidFont = ctx.register(
    ctx.obj({
      Type: 'Font',
      Subtype: 'CIDFontType0',
      BaseFont: 'STSong-Light',
      CIDSystemInfo: ctx.obj({
        Registry: PDFString.of('Adobe'),
        Ordering: PDFString.of('GB1'),
        Supplement: 2,
      }),
      FontDescriptor: descriptor,
      DW: 1000,
      W: [1, 95, 500],
    }),
  );
  const font = ctx.register(
    ctx.obj({
      Type: 'Font',
      Subtype: 'Type0',
      BaseFont: 'STSong-Light-UniGB-UCS2-H',
      Encoding: 'UniGB-UCS2-H',
      DescendantFonts: [cidFont],
    }),
  );
  return page.node.newFontDictionary('CJK', font);
}

export async function renderCardPdf(card: CardSheet): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(`邻里积分卡 ${card.cardNo}`);
  doc.setSubject(`Linli points card ${card.cardNo}`);
  doc.setCreator('Linli 邻里');
  doc.setProducer('Linli 邻里');
  doc.setCreationDate(card.issuedAt);
  doc.setModificationDate(card.issuedAt);
  const page = doc.addPage(A4);
  const helvetica = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const cjk = cjkFont(doc, page);

  const zh = (text: string, x: number, y: number, size: number) =>
    page.pushOperators(
      pushGraphicsState(),
      setFillingRgbColor(0.1, 0.1, 0.1),
      beginText(),
      setFontAndSize(cjk, size),
      moveText(x, y),
      showText(ucs2(text)),
      endText(),
      popGraphicsState(),
    );
  const en = (text: string, x: number, y: number, size: number, font: PDFFont = helvetica) =>
    page.drawText(text, { x, y, size, font });

  const left = (A4[0] - 2 * CARD_W) / 2;
  const top = A4[1] - 40 * MM;
  const bottom = top - CARD_H;
  const date = card.issuedAt.toISOString().slice(0, 10);

  // Sheet heading, outside the card.
  zh('沿实线剪下，沿虚线对折。密码另行告知居民，不印在卡上。', left, A4[1] - 22 * MM, 10);
  en(
    'Cut along the solid line, fold along the dashed line. The PIN is given separately and never printed.',
    left,
    A4[1] - 27 * MM,
    8,
  );

  // Cut outline and fold line.
  page.pushOperators(
    pushGraphicsState(),
    setStrokingRgbColor(0.3, 0.3, 0.3),
    setLineWidth(0.6),
    rectangle(left, bottom, 2 * CARD_W, CARD_H),
    stroke(),
    popGraphicsState(),
  );
  page.pushOperators(
    pushGraphicsState(),
    setStrokingRgbColor(0.5, 0.5, 0.5),
    setLineWidth(0.5),
    setDashPattern([3, 3], 0),
    rectangle(left + CARD_W, bottom, 0, CARD_H),
    stroke(),
    popGraphicsState(),
  );

  // Front: community, title, name, card number, QR.
  const pad = 4 * MM;
  page.pushOperators(
    pushGraphicsState(),
    setFillingRgbColor(0.75, 0.11, 0.11),
    rectangle(left, top - 11 * MM, CARD_W, 11 * MM),
    fill(),
    popGraphicsState(),
  );
  page.pushOperators(
    pushGraphicsState(),
    setFillingRgbColor(1, 1, 1),
    beginText(),
    setFontAndSize(cjk, 12),
    moveText(left + pad, top - 7.5 * MM),
    showText(ucs2(`${card.community}\u3000邻里积分卡`)),
    endText(),
    popGraphicsState(),
  );
  en('LINLI POINTS CARD', left + pad, top - 15 * MM, 7, bold);
  zh(`持卡人：${card.displayName}`, left + pad, top - 22 * MM, 11);
  en('Card No.', left + pad, top - 30 * MM, 7);
  en(card.cardNo, left + pad, top - 38 * MM, 20, bold);
  en(`Issued ${date}`, left + pad, bottom + pad, 6.5);

  const qr = qrSymbol(card.cardNo, 'M');
  const qrSize = 26 * MM;
  const module = qrSize / qr.size;
  const qx = left + CARD_W - pad - qrSize;
  const qy = bottom + pad + 2 * MM;
  const modules = [];
  for (let r = 0; r < qr.size; r++) {
    for (let c = 0; c < qr.size; c++)
      if (qr.dark(c, r))
        modules.push(
          rectangle(qx + c * module, qy + qrSize - (r + 1) * module, module + 0.05, module + 0.05),
        );
  }
  page.pushOperators(
    pushGraphicsState(),
    setFillingRgbColor(0, 0, 0),
    ...modules,
    fill(),
    popGraphicsState(),
  );
  en(
    'Scan at the counter',
    qx + (qrSize - helvetica.widthOfTextAtSize('Scan at the counter', 5.5)) / 2,
    qy - 2.5 * MM,
    5.5,
  );

  // Back: how to use it, in Chinese and English.
  const bx = left + CARD_W + pad;
  let y = top - 8 * MM;
  zh('使用说明', bx, y, 10);
  en('How to use this card', bx + cjkWidth('使用说明', 10) + 6, y, 7, bold);
  const lines: Array<[string, string]> = [
    [
      '在合作商户出示此卡，输入 4 位密码即可兑换积分。',
      'Show it at a partner shop and enter your 4-digit PIN.',
    ],
    ['请勿把密码写在卡上，也不要告诉别人。', 'Never write the PIN on the card or tell anyone.'],
    ['连续输错 5 次密码，此卡锁定 15 分钟。', 'Five wrong PINs lock the card for 15 minutes.'],
    ['遗失或忘记密码，请到社区居委会办理。', "Lost card or PIN: ask at the residents' committee."],
  ];
  y -= 3 * MM;
  for (const [i, [zhLine, enLine]] of lines.entries()) {
    y -= 4.6 * MM;
    zh(`${i + 1}. ${zhLine}`, bx, y, 7);
    y -= 3.2 * MM;
    en(enLine, bx + cjkWidth(`${i + 1}. `, 7), y, 6);
  }
  en(
    card.cardNo,
    left + 2 * CARD_W - pad - bold.widthOfTextAtSize(card.cardNo, 8),
    bottom + pad,
    8,
    bold,
  );

  return doc.save({ useObjectStreams: false });
}
