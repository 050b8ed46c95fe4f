import { describe, expect, it } from 'vitest';
import { localized, paths } from '../../functions/domain/publishing/urls';
import { fileFor, read, readJson } from './site';

/**
 * The public pages urls.ts promises, for every published record, in both languages. Other tests
 * follow links from the open data; this one names the pages, so a missing section is obvious.
 */
const missing = (urls: string[]) => urls.filter((u) => !fileFor(u));
const both = (path: string) => [localized(path, 'zh-cn'), localized(path, 'en')];

describe('public pages exist at the paths of urls.ts', () => {
  it('section pages', () => {
    const sections = [
      '/',
      '/services/',
      '/deliberations/',
      '/charity/',
      '/merchants/',
      '/organizations/',
      '/volunteers/',
      '/verify/',
      '/data/',
      '/search/',
    ];
    expect(missing(sections.flatMap(both))).toEqual([]);
  });

  it('a page per service and per deliberation, with a printable notice', () => {
    const services = readJson<Array<{ id: number }>>('data/services.json');
    const deliberations = readJson<Array<{ id: number }>>('data/deliberations.json');
    expect(missing(services.flatMap((s) => both(paths.service(s.id))))).toEqual([]);
    expect(
      missing(
        deliberations.flatMap((d) => [
          ...both(paths.deliberation(d.id)),
          paths.deliberationNotice(d.id),
        ]),
      ),
    ).toEqual([]);
  });

  it('a page per fund', () => {
    const codes = [
      ...new Set(
        readJson<Array<{ fundCode: string }>>('data/donations.json').map((d) => d.fundCode),
      ),
    ];
    expect(codes.length).toBeGreaterThan(0);
    expect(missing(codes.flatMap((c) => both(paths.fund(c))))).toEqual([]);
  });

  it('merchants and organisations have their anchors on the list pages', () => {
    const page = (url: string) => read(fileFor(url)!);
    const merchants = readJson<Array<{ id: number }>>('data/merchants.json');
    const organizations = readJson<Array<{ id: number }>>('data/organizations.json');
    expect(fileFor('/merchants/')).toBeDefined();
    expect(fileFor('/organizations/')).toBeDefined();
    expect(
      merchants
        .filter((m) => !page('/merchants/').includes(`id="merchant-${m.id}"`))
        .map((m) => m.id),
    ).toEqual([]);
    expect(
      organizations
        .filter((o) => !page('/organizations/').includes(`id="org-${o.id}"`))
        .map((o) => o.id),
    ).toEqual([]);
  });
});
