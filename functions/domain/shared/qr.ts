import { correction, generate, mode } from 'lean-qr';

/**
 * QR codes: the one-time redemption code on the phone, the paper card, the printed notices.
 * lean-qr encodes (the smallest symbol that holds the text at the given error correction, the
 * best mask); this file only draws the modules. A district's site build draws a code for every
 * notice, so the SVG path is written pre-encoded for the data URL instead of percent-encoding
 * each code (BENCHMARKS.md, third round).
 */
export type QrCorrection = 'L' | 'M';

/** The symbol without its quiet zone: size × size modules, `dark(x, y)` for each. */
export interface QrSymbol {
  size: number;
  dark(x: number, y: number): boolean;
}

/**
 * Digits, capitals and plain ASCII in their compact modes; anything else as UTF-8 with its ECI
 * marker, which phone scanners (WeChat's included) read. Not ISO-8859-1 or Shift-JIS: a reader
 * that ignores the ECI would show Chinese text encoded as Shift-JIS kanji wrongly.
 */
const MODES = [mode.numeric, mode.alphaNumeric, mode.ascii, mode.utf8];

export function qrSymbol(text: string, level: QrCorrection = 'L'): QrSymbol {
  const code = generate(text, {
    modes: MODES,
    minCorrectionLevel: correction[level],
    maxCorrectionLevel: correction[level],
  });
  return { size: code.size, dark: (x, y) => code.get(x, y) };
}

const UNIT = 10;
const QUIET_ZONE = 2;

/** Each dark module as a 10-unit square in one path; `comma` separates coordinates (',' or its encoding). */
function svgParts(text: string, comma: string): { head: string; path: string } {
  const symbol = qrSymbol(text);
  const side = (symbol.size + QUIET_ZONE * 2) * UNIT;
  let path = '';
  for (let y = 0; y < symbol.size; y++) {
    for (let x = 0; x < symbol.size; x++) {
      if (symbol.dark(x, y))
        path += `M${(x + QUIET_ZONE) * UNIT}${comma}${(y + QUIET_ZONE) * UNIT}h${UNIT}v${UNIT}h-${UNIT}z`;
    }
  }
  return {
    head: `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${side} ${side}"><rect fill="white" width="${side}" height="${side}"/><path fill="black" d="`,
    path,
  };
}

const TAIL = '"/></svg>';

/** A QR code as SVG: a white square with a quiet zone of two modules, and the dark modules. */
export function qrSvg(text: string): string {
  const { head, path } = svgParts(text, ',');
  return head + path + TAIL;
}

/** The same SVG as a data URL for an <img src>, exactly as encodeURIComponent would write it; the payload is exactly the text given. */
export function qrDataUrl(text: string): string {
  // The path holds only letters, digits, '-' and the separator: written with ',' already as %2C.
  const { head, path } = svgParts(text, '%2C');
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(head)}${path}${encodeURIComponent(TAIL)}`;
}
