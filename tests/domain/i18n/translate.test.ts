import { afterEach, describe, expect, it, vi } from 'vitest';
import { appStrings, at } from '../../../src/i18n/app';
import { fill } from '../../../src/i18n/translate';
import { t, type Locale } from '../../../src/i18n/ui';

afterEach(() => vi.unstubAllGlobals());

/** A signed-in page as the browser sees it: <html lang> and the JSON block of its locale's strings. */
function onPage(locale: Locale) {
  const block = JSON.stringify(appStrings[locale]);
  vi.stubGlobal('document', { documentElement: { lang: locale === 'en' ? 'en' : 'zh-CN' }, getElementById: () => ({ textContent: block }) });
}

describe('one way to fill a translated string', () => {
  it('fills every {name}, and a missing value with nothing', () => {
    expect(fill('第 {n} 次，{s} 秒后', { n: 2, s: 5 })).toBe('第 2 次，5 秒后');
    expect(fill('{n} 分{unit}', { n: 3 })).toBe('3 分');
  });

  it.each(['zh-cn', 'en'] as const)('a script (tr) writes what the page (at) writes, in %s', async (locale) => {
    vi.resetModules(); // the script keeps the page's table once read
    onPage(locale);
    const { tr: scriptTr } = await import('../../../src/scripts/i18n');
    expect(scriptTr('common.retrying', { n: 2, s: 5 })).toBe(at(locale, 'common.retrying', { n: 2, s: 5 }));
    expect(scriptTr('pts.n', { n: '1,200' })).toBe(at(locale, 'pts.n', { n: '1,200' }));
  });

  it('public pages (t) fill the same way', () => {
    expect(t('en', 'home.ledger', { n: 12 })).toBe('12 ledger entries; latest hash');
  });
});
