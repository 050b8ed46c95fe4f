import type { AppKey } from '../i18n/app';
import type { ApiFail } from './api';

/**
 * Strings on the client: the page carries its locale's table as a JSON data block
 * (<script type="application/json" id="app-strings">), so the scripts stay small and the same
 * bundle serves /me/ and /en/me/.
 */
let table: Record<string, string> | undefined;
function strings(): Record<string, string> {
  if (!table) table = JSON.parse(document.getElementById('app-strings')?.textContent || '{}') as Record<string, string>;
  return table;
}

export const isEn = () => document.documentElement.lang === 'en';
export const locale = () => (isEn() ? 'en' : 'zh-cn') as 'en' | 'zh-cn';

export function tr(key: AppKey, vars: Record<string, string | number> = {}): string {
  const text = strings()[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
}

const TZ = 'Asia/Shanghai';
const lang = () => (isEn() ? 'en-GB' : 'zh-CN');
/** Dates and times in community time (UTC+8), whatever the device's zone. */
export const fmtDate = (iso: string) => new Intl.DateTimeFormat(lang(), { timeZone: TZ, year: 'numeric', month: 'short', day: 'numeric' }).format(new Date(iso.length === 10 ? `${iso}T12:00:00+08:00` : iso));
export const fmtDateTime = (iso: string) =>
  new Intl.DateTimeFormat(lang(), { timeZone: TZ, month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(iso));
/** Date and time with the year, in community time: a statement spans years. */
export const fmtDateTimeFull = (iso: string) =>
  new Intl.DateTimeFormat(lang(), { timeZone: TZ, year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(iso));
/** The month a statement line falls in, as its heading: 2026年12月 / December 2026. */
export const fmtMonth = (iso: string) => new Intl.DateTimeFormat(lang(), { timeZone: TZ, year: 'numeric', month: 'long' }).format(new Date(iso));
export const fmtTime = (iso: string) => new Intl.DateTimeFormat(lang(), { timeZone: TZ, hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }).format(new Date(iso));
export const fmtNum = (n: number) => new Intl.NumberFormat(lang()).format(n);
export const fmtYuan = (fen: number) => `¥${(fen / 100).toLocaleString(lang(), { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
/** Signed points with a real minus sign: +20 / −30. */
export const fmtSigned = (n: number) => (n > 0 ? `+${fmtNum(n)}` : n < 0 ? `−${fmtNum(-n)}` : '0');

/** Today in community time, YYYY-MM-DD (the default of every date field). */
export function today(d = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

/**
 * What went wrong, in words the person can act on. Known codes have our own sentence (in both
 * languages); otherwise the server's Chinese message, or a generic line.
 */
export function errorText(fail: ApiFail): string {
  if (fail.status === 0) return tr('err.network');
  if (fail.status >= 500) return tr('err.server');
  const key = `err.${fail.code}` as AppKey;
  const own = strings()[key];
  if (own) return own.replace('{message}', fail.message);
  if (fail.message && !isEn()) return fail.message;
  return fail.message ? `${tr('err.generic')} (${fail.message})` : tr('err.generic');
}
