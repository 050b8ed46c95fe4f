import { type Locale, locales } from './ui';

/**
 * Each page of the site is one file under src/pages/[...locale]/ serving both languages: the rest
 * parameter is absent for zh-CN (no prefix: /services/1/) and 'en' for English (/en/services/1/),
 * as astro.config.mjs's i18n routing (prefixDefaultLocale: false) expects. The page receives its
 * language as the `locale` prop.
 */
const prefix = (locale: Locale) => (locale === 'en' ? 'en' : undefined);

/** getStaticPaths of a page with no other parameter: / and /en/. */
export function bothLocales() {
  return locales.map((locale) => ({ params: { locale: prefix(locale) }, props: { locale } }));
}

/**
 * getStaticPaths of a record page in both languages: every path of `paths` (the same records in
 * each language) under each prefix, its props joined by the locale.
 */
export async function inBothLocales<Params extends Record<string, string>, Props extends object>(
  paths: () => Promise<Array<{ params: Params; props: Props }>>,
) {
  const records = await paths();
  return locales.flatMap((locale) =>
    records.map(({ params, props }) => ({
      params: { ...params, locale: prefix(locale) },
      props: { ...props, locale },
    })),
  );
}

/** The props of a page under [...locale]: its own, and the language it is rendered in. */
export type Localized<Props extends object = object> = Props & { locale: Locale };
