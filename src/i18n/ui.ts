/**
 * Interface strings, Chinese first: ONE table of every page's strings, public (site-*.ts, merged in
 * site.ts) and signed-in (app-*.ts, merged in app.ts), and ONE translator t(locale, key, vars) for
 * the Astro pages, the site build and the browser scripts (src/scripts/i18n.ts). A key defined by
 * both halves is a type error, so each key names one string.
 */
import { appPairs } from './app';
import { column, mergePairs } from './pairs';
import { sitePairs } from './site';
import { holdStrings } from './translate';

export { t } from './translate';

export const locales = ['zh-cn', 'en'] as const;
export type Locale = (typeof locales)[number];

const pairs = mergePairs(sitePairs, appPairs);

export type UiKey = keyof typeof pairs;

/** One language of the whole table. */
export const strings: Record<Locale, Record<UiKey, string>> = {
  'zh-cn': column(pairs, 0),
  en: column(pairs, 1),
};
for (const locale of locales) holdStrings(locale, strings[locale]);

export function localeFromPath(pathname: string): Locale {
  return pathname.startsWith('/en/') || pathname === '/en' ? 'en' : 'zh-cn';
}
