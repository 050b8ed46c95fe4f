import { describe, expect, it } from 'vitest';
import { scanSvg, svgOfDataUrl } from '../helpers/qr';
import { detailPages, read, SITE_ORIGIN } from './site';

/** The printed notice's QR code must scan to the online record (the code itself: tests/domain/shared/qr.test.ts). */
describe('QR codes of the printed notices', () => {
  it('a built notice’s code scans to its deliberation’s page', () => {
    const page = detailPages('deliberations')[0]!;
    const notice = read(page.replace(/index\.html$/, 'notice/index.html'));
    const src = notice.match(/<img src="(data:image\/svg\+xml;charset=utf-8,[^"]+)"/)?.[1];
    expect(src).toBeDefined();
    expect(scanSvg(svgOfDataUrl(src!.replaceAll('&amp;', '&')))).toBe(
      `${SITE_ORIGIN}/${page.replace(/index\.html$/, '')}`,
    );
  });
});
