import type { AppKey } from '../i18n/app';
import { readPageStringsWith, t, type Vars } from '../i18n/translate';
import * as format from '../lib/format';
import type { ApiFail } from './api';

/**
 * Strings on the client: the page carries its locale's strings as a JSON data block
 * (<script type="application/json" id="app-strings">, see AppShell.astro), so the scripts stay
 * small and the same bundle serves /me/ and /en/me/. t() reads them from there.
 */
let table: Record<string, string> | undefined;
readPageStringsWith(
  () =>
    (table ??= JSON.parse(document.getElementById('app-strings')?.textContent || '{}') as Record<
      string,
      string
    >),
);

export const isEn = () => document.documentElement.lang === 'en';
export const locale = () => (isEn() ? 'en' : 'zh-cn') as 'en' | 'zh-cn';

/** t() in the page's language, for the keys the page carries. */
export const tr = (key: AppKey, vars: Vars = {}): string => t(locale(), key, vars);

/**
 * Numbers, money and dates in the page's language, written by src/lib/format.ts exactly as the
 * built pages write them, in community time (UTC+8) whatever the device's zone.
 */
export const fmtDate = (iso: string) => format.date(iso, locale());
export const fmtDateTime = (iso: string) => format.dayTime(iso, locale());
/** Date and time with the year: a statement spans years. */
export const fmtDateTimeFull = (iso: string) => format.dateTime(iso, locale());
/** The month a statement line falls in, as its heading: 2026年12月 / December 2026. */
export const fmtMonth = (iso: string) => format.monthOf(iso, locale());
export const fmtTime = (iso: string) => format.time(iso);
export const fmtNum = (n: number) => format.number(n, locale(), 3);
export const fmtYuan = (fen: number) => format.money(fen);
/** Signed points with a real minus sign: +20 / −30. */
export const fmtSigned = (n: number) => format.signed(n, locale());

/** Today in community time, YYYY-MM-DD (the default of every date field). */
export const today = format.today;

/**
 * What went wrong, in words the person can act on. Known codes have our own sentence (in both
 * languages); otherwise the server's Chinese message, or a generic line.
 */
export function errorText(fail: ApiFail): string {
  if (fail.status === 0) return tr('err.network');
  if (fail.status >= 500) return tr('err.server');
  const key = `err.${fail.code}` as AppKey;
  const own = tr(key, { message: fail.message });
  if (own !== key) return own;
  if (fail.message && !isEn()) return fail.message;
  return fail.message ? `${tr('err.generic')} (${fail.message})` : tr('err.generic');
}
