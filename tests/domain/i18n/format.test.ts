import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Locale } from '../../../src/i18n/ui';
import * as page from '../../../src/lib/format';
import * as script from '../../../src/scripts/i18n';

/**
 * A built page (src/lib/format.ts) and a browser script (src/scripts/i18n.ts, which reads the
 * language from <html lang>) write the same value the same way, whatever the device's time zone.
 */
const inLanguage = (locale: Locale) =>
  vi.stubGlobal('document', { documentElement: { lang: locale === 'en' ? 'en' : 'zh-CN' } });

afterEach(() => {
  vi.unstubAllGlobals();
  vi.unstubAllEnvs();
});

const INSTANT = '2026-09-19T16:05:09.000Z'; // 2026-09-20 00:05:09 in the community

describe.each(['zh-cn', 'en'] as const)('formatting in %s', (locale) => {
  it('dates, date-times, months, numbers and money match the pages', () => {
    inLanguage(locale);
    expect(script.locale()).toBe(locale);
    expect(script.fmtDate('2026-09-20')).toBe(page.date('2026-09-20', locale));
    expect(script.fmtDate(INSTANT)).toBe(page.date(INSTANT, locale));
    expect(script.fmtDateTimeFull(INSTANT)).toBe(page.dateTime(INSTANT, locale));
    expect(script.fmtMonth(INSTANT)).toBe(page.monthOf(INSTANT, locale));
    expect(script.fmtNum(1234567)).toBe(page.number(1234567, locale, 3));
    expect(script.fmtYuan(123456)).toBe(page.money(123456));
    expect(script.fmtSigned(-30)).toBe(page.signed(-30, locale));
    expect(script.today(new Date(INSTANT))).toBe(page.today(new Date(INSTANT)));
  });
});

describe('the written forms', () => {
  it('Chinese', () => {
    expect(page.date(INSTANT, 'zh-cn')).toBe('2026年9月20日');
    expect(page.dateTime(INSTANT, 'zh-cn')).toBe('2026年9月20日 00:05');
    expect(page.dayTime(INSTANT, 'zh-cn')).toBe('9月20日 00:05');
    expect(page.monthOf('2026-12-01T00:00:00+08:00', 'zh-cn')).toBe('2026年12月');
    expect(page.time(INSTANT)).toBe('00:05:09');
    expect(page.number(1234.5678, 'zh-cn', 3)).toBe('1,234.568');
    expect(page.signed(1200, 'zh-cn')).toBe('+1,200');
  });

  it('English: the same month names on pages and in the console (Sep, not ICU’s Sept)', () => {
    expect(page.date(INSTANT, 'en')).toBe('20 Sep 2026');
    expect(page.dateTime(INSTANT, 'en')).toBe('20 Sep 2026 00:05');
    expect(page.dayTime(INSTANT, 'en')).toBe('20 Sep 00:05');
    expect(page.monthOf('2026-12-01T00:00:00+08:00', 'en')).toBe('December 2026');
    expect(page.signed(-30, 'en')).toBe('−30');
    expect(page.signed(0, 'en')).toBe('0');
  });

  it('money is yuan from integer fen, with a real minus sign', () => {
    expect(page.money(123456)).toBe('¥1,234.56');
    expect(page.money(-5)).toBe('−¥0.05');
    expect(page.money(700, { signed: true })).toBe('+¥7.00');
  });

  it('a countdown: minutes, then padded seconds', () => {
    expect(page.minutesSeconds(245)).toBe('4:05');
    expect(page.minutesSeconds(59.9)).toBe('0:59');
    expect(page.minutesSeconds(-3)).toBe('0:00');
  });

  it('does not depend on the device time zone', () => {
    vi.stubEnv('TZ', 'America/Los_Angeles');
    expect(page.dateTime(INSTANT, 'zh-cn')).toBe('2026年9月20日 00:05');
    expect(page.today(new Date(INSTANT))).toBe('2026-09-20');
  });
});

/** Every file under src/ that may hold display code (pages, components, scripts, libraries). */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory()
      ? sources(join(dir, d.name))
      : /\.(ts|astro)$/.test(d.name)
        ? [join(dir, d.name)]
        : [],
  );
}

describe('src/lib/format.ts is the one place numbers and dates are written for people', () => {
  it('nothing else in src/ builds an ICU formatter', () => {
    const src = resolve(import.meta.dirname, '../../../src');
    const offenders = sources(src)
      .map((file) => relative(src, file))
      .filter((file) => file !== 'lib/format.ts')
      .filter((file) =>
        /\.toLocale\w*String\(|\bIntl\.(NumberFormat|DateTimeFormat|RelativeTimeFormat)\b/.test(
          readFileSync(join(src, file), 'utf8'),
        ),
      );
    expect(offenders).toEqual([]);
  });
});
