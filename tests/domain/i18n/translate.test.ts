import { afterEach, describe, expect, it, vi } from 'vitest';
import { appPairs, appStrings } from '../../../src/i18n/app';
import { sitePairs } from '../../../src/i18n/site';
import { fill } from '../../../src/i18n/translate';
import { type Locale, locales, strings, t } from '../../../src/i18n/ui';

afterEach(() => vi.unstubAllGlobals());

/** A signed-in page as the browser sees it: <html lang> and the JSON block of its locale's strings. */
function onPage(locale: Locale) {
  const block = JSON.stringify(appStrings[locale]);
  vi.stubGlobal('document', {
    documentElement: { lang: locale === 'en' ? 'en' : 'zh-CN' },
    getElementById: () => ({ textContent: block }),
  });
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('one table of interface strings', () => {
  it('holds every public and signed-in key once, each in both languages, with the same placeholders', () => {
    const keys = Object.keys(strings['zh-cn']);
    expect(keys.length).toBe(Object.keys(sitePairs).length + Object.keys(appPairs).length);
    expect(Object.keys(strings.en).sort()).toEqual([...keys].sort());
    const problems = keys.flatMap((key) => {
      const [zh, en] = locales.map((l) => (strings[l] as Record<string, string>)[key]);
      if (!zh?.trim() || !en?.trim()) return [`${key}: empty`];
      const [pz, pe] = [placeholders(zh), placeholders(en)];
      return pz.join() === pe.join() ? [] : [`${key}: {${pz.join('} {')}} ≠ {${pe.join('} {')}}`];
    });
    expect(problems).toEqual([]);
  });

  it('a signed-in page carries exactly its locale’s signed-in strings', () => {
    for (const locale of locales) {
      expect(Object.keys(appStrings[locale]).sort()).toEqual(Object.keys(appPairs).sort());
      for (const [key, text] of Object.entries(appStrings[locale]))
        expect((strings[locale] as Record<string, string>)[key]).toBe(text);
    }
  });
});

describe('one translator', () => {
  it('fills every {name}, and a missing value with nothing', () => {
    expect(fill('第 {n} 次，{s} 秒后', { n: 2, s: 5 })).toBe('第 2 次，5 秒后');
    expect(fill('{n} 分{unit}', { n: 3 })).toBe('3 分');
  });

  it('reads public and signed-in strings alike', () => {
    expect(t('en', 'home.ledger', { n: 12 })).toBe('12 ledger entries; latest hash');
    expect(t('zh-cn', 'site.common.none')).toBe('暂无公开记录。');
    expect(t('zh-cn', 'common.none')).toBe('暂无');
    expect(t('en', 'fund.statement.title', { fund: 'Elders', month: 'March 2026' })).toBe(
      'Elders: statement for March 2026',
    );
    expect(t('en', 'statement.title')).toBe('Statement');
  });

  it.each(['zh-cn', 'en'] as const)(
    'in the browser it reads the page’s JSON block and writes what the build writes, in %s',
    async (locale) => {
      vi.resetModules(); // a fresh program: the browser bundle has the scripts, not ui.ts
      onPage(locale);
      const script = await import('../../../src/scripts/i18n');
      const { t: pageT } = await import('../../../src/i18n/translate');
      expect(script.tr('common.retrying', { n: 2, s: 5 })).toBe(
        t(locale, 'common.retrying', { n: 2, s: 5 }),
      );
      expect(pageT(locale, 'pts.n', { n: '1,200' })).toBe(t(locale, 'pts.n', { n: '1,200' }));
      expect(
        script.errorText({
          ok: false,
          status: 400,
          code: 'moved_away',
          message: 'x',
          retryable: false,
        }),
      ).toBe(t(locale, 'err.moved_away'));
    },
  );
});
