import { getRelativeLocaleUrl } from 'astro:i18n';
import type { Locale } from '../i18n/ui';
import { siteOrigin } from './origin';

/**
 * A site path (zh-CN form, as the projections' `url` fields and functions/domain/publishing/urls.ts
 * give them, e.g. `/services/3/` or `/merchants/#merchant-2`) in the reader's locale.
 */
export function href(locale: Locale, path: string): string {
  const [pathname = '/', hash] = path.split('#');
  return getRelativeLocaleUrl(locale, pathname.replace(/^\//, '')) + (hash ? `#${hash}` : '');
}

/** The absolute URL of a page of this site (for QR codes on printed notices). */
export function absolute(site: URL | undefined, path: string): string {
  return new URL(path, siteOrigin(site)).href;
}

/**
 * Record text is staff-entered Chinese; on English pages it is marked lang="zh-CN" so screen readers
 * and fonts treat it right. Spread as an attribute: <p lang={recordLang(locale)}>.
 */
export function recordLang(locale: Locale): 'zh-CN' | undefined {
  return locale === 'en' ? 'zh-CN' : undefined;
}

/**
 * A record's title and summary as an /en/ page shows them: the English ones staff gave, else the
 * Chinese marked lang="zh-CN"; `chineseOnly` when it has no English at all (the page says so).
 */
export function inEnglish(
  locale: Locale,
  record: { titleEn?: string | null; summaryEn?: string | null },
  title: string,
  summary: string,
) {
  if (locale !== 'en')
    return { title, summary, titleLang: undefined, summaryLang: undefined, chineseOnly: false };
  return {
    title: record.titleEn ?? title,
    titleLang: record.titleEn ? undefined : ('zh-CN' as const),
    summary: record.summaryEn ?? summary,
    summaryLang: record.summaryEn ? undefined : ('zh-CN' as const),
    chineseOnly: !record.titleEn && !record.summaryEn,
  };
}
