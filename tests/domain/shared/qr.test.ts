import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { qrDataUrl, qrSvg, qrSymbol } from '../../../functions/domain/shared/qr';
import { scanSvg, svgOfDataUrl } from '../../helpers/qr';

describe('QR codes', () => {
  it('scan back to exactly the text: notice URLs, one-time codes, card numbers', () => {
    const texts = [
      'http://localhost:4321/deliberations/1/',
      '邻里社区 积分',
      'é',
      'https://linli.example.org/en/charity/micro-fund/2026-03/',
      '048213',
      'C0001',
    ];
    for (let id = 1; id <= 60; id++)
      texts.push(`http://localhost:4321/deliberations/${id * 163}/notice/`);
    for (const text of texts) expect(scanSvg(qrSvg(text))).toBe(text);
  });

  it('scan back for any text: digits, capitals, bytes, Chinese', () => {
    const text = fc.oneof(
      fc.stringMatching(/^\d{1,200}$/),
      fc.stringMatching(/^[0-9A-Z $%*+./:-]{1,150}$/),
      fc.string({ minLength: 1, maxLength: 120 }).filter((s) => !s.includes('\u0000')),
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
      fc.webUrl(),
    );
    fc.assert(
      fc.property(text, (t) => {
        expect(scanSvg(qrSvg(t))).toBe(t);
      }),
      { numRuns: 150 },
    );
  });

  it('the data URL holds the same SVG, percent-encoded as encodeURIComponent writes it', () => {
    for (const text of ['http://localhost:4321/deliberations/12/', '123456', '邻里 Linli']) {
      const url = qrDataUrl(text);
      expect(url.startsWith('data:image/svg+xml;charset=utf-8,')).toBe(true);
      expect(svgOfDataUrl(url)).toBe(qrSvg(text));
      expect(url.slice(url.indexOf(',') + 1)).toBe(encodeURIComponent(qrSvg(text)));
    }
  });

  it('the smallest symbol for the text; the paper card’s stronger correction needs more modules', () => {
    expect(qrSymbol('123456').size).toBe(21); // version 1
    const card = qrSymbol('C0001', 'M');
    expect(card.size).toBe(21);
    // A URL long enough that correction M needs a larger symbol than L.
    const long = 'https://linli.example.org/deliberations/1234/notice/?from=board-7';
    expect(qrSymbol(long, 'M').size).toBeGreaterThan(qrSymbol(long, 'L').size);
  });
});
