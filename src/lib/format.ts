import type { Locale } from '../i18n/ui';

/**
 * The one place numbers, money and dates are written for people, by the built pages and the
 * browser scripts alike (no Astro or DOM imports). Deterministic (no host time zone, no ICU month
 * names or currency quirks): neither the build machine nor the visitor's device changes what a
 * notice or a console row says.
 */
const tag = (locale: Locale) => (locale === 'en' ? 'en' : 'zh-CN');

const MONTHS_EN = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
];
const MONTHS_EN_LONG = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** One formatter per (language, fraction digits): building an Intl.NumberFormat costs far more than formatting. */
const numberFormats = new Map<string, Intl.NumberFormat>();

export function number(n: number, locale: Locale, fractionDigits = 0): string {
  const key = `${tag(locale)}|${fractionDigits}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(tag(locale), { maximumFractionDigits: fractionDigits });
    numberFormats.set(key, format);
  }
  return format.format(n);
}

/** What (n).toLocaleString('en-US') writes (1,234), built once. */
const GROUPED = new Intl.NumberFormat('en-US');

/** Integer fen → ¥1,234.56 (both languages: the amounts are yuan). `signed` adds + to gains. */
export function money(fen: number, options: { signed?: boolean } = {}): string {
  const sign = fen < 0 ? '−' : options.signed && fen > 0 ? '+' : '';
  const abs = Math.abs(Math.round(fen));
  const yuan = GROUPED.format(Math.floor(abs / 100));
  return `${sign}¥${yuan}.${String(abs % 100).padStart(2, '0')}`;
}

/** Signed points with a real minus sign: +20 / −30 / 0. */
export function signed(n: number, locale: Locale): string {
  return n > 0 ? `+${number(n, locale, 3)}` : n < 0 ? `−${number(-n, locale, 3)}` : '0';
}

/** Fen → yuan as a plain number, for chart axes. */
export function yuan(fen: number): number {
  return Math.round(fen) / 100;
}

export function percent(part: number, whole: number, locale: Locale): string {
  if (whole <= 0) return '–';
  return `${number((part / whole) * 100, locale, 1)}%`;
}

/**
 * Dates written so far, by language and input: a district's pages write the same few thousand
 * dates hundreds of thousands of times (every follow-up, update and record row). Bounded.
 */
const datesZh = new Map<string, string>();
const datesEn = new Map<string, string>();

/** 'YYYY-MM-DD' (a local date as stored) → 2026年9月20日 / 20 Sep 2026. An instant (…T…Z) is dated in community time. */
export function date(iso: string, locale: Locale): string {
  const dates = locale === 'en' ? datesEn : datesZh;
  let written = dates.get(iso);
  if (written === undefined) {
    if (dates.size >= 50_000) dates.clear();
    written = writeDate(iso, locale);
    dates.set(iso, written);
  }
  return written;
}

function writeDate(iso: string, locale: Locale): string {
  const local =
    iso.length > 10 && iso.includes('T') && !Number.isNaN(Date.parse(iso))
      ? today(new Date(iso))
      : iso;
  const [y, m, d] = local.slice(0, 10).split('-').map(Number);
  if (!y || !m || !d) return iso;
  return locale === 'en' ? `${d} ${MONTHS_EN[m - 1]} ${y}` : `${y}年${m}月${d}日`;
}

/** 'YYYY-MM' → 2026年9月 / Sep 2026 (September 2026 when `long`, for a heading). */
export function month(ym: string, locale: Locale, long = false): string {
  const [y, m] = ym.split('-').map(Number);
  if (!y || !m) return ym;
  return locale === 'en' ? `${(long ? MONTHS_EN_LONG : MONTHS_EN)[m - 1]} ${y}` : `${y}年${m}月`;
}

/** Short month for chart axes: 9月 / Sep, with the year when it is January or the first label. */
export function monthShort(ym: string, locale: Locale, withYear: boolean): string {
  const [y, m] = ym.split('-').map(Number);
  if (!y || !m) return ym;
  if (locale === 'en') return withYear ? `${MONTHS_EN[m - 1]} ${y}` : MONTHS_EN[m - 1]!;
  return withYear ? `${y}年${m}月` : `${m}月`;
}

/** An instant (ISO) in the community's time (UTC+8, no daylight saving) as YYYY-MM-DDTHH:MM:SS, or null. */
function communityTime(isoInstant: string): string | null {
  const t = Date.parse(isoInstant);
  return Number.isNaN(t) ? null : new Date(t + 8 * 3600_000).toISOString().slice(0, 19);
}

/** An instant (ISO) in the community's time: 2026年9月20日 14:05 / 20 Sep 2026 14:05. */
export function dateTime(isoInstant: string, locale: Locale): string {
  const local = communityTime(isoInstant);
  return local ? `${date(local.slice(0, 10), locale)} ${local.slice(11, 16)}` : isoInstant;
}

/** An instant within the year, in the community's time: 9月20日 14:05 / 20 Sep 14:05. */
export function dayTime(isoInstant: string, locale: Locale): string {
  const local = communityTime(isoInstant);
  if (!local) return isoInstant;
  const m = Number(local.slice(5, 7));
  const d = Number(local.slice(8, 10));
  return `${locale === 'en' ? `${d} ${MONTHS_EN[m - 1]}` : `${m}月${d}日`} ${local.slice(11, 16)}`;
}

/** The clock time of an instant in the community's time: 14:05:09. */
export function time(isoInstant: string): string {
  return communityTime(isoInstant)?.slice(11, 19) ?? isoInstant;
}

/** A countdown's time left: 4:05 (minutes need no padding, seconds do). */
export function minutesSeconds(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** The month an instant falls in, in the community's time: 2026年12月 / December 2026 (a heading). */
export function monthOf(isoInstant: string, locale: Locale): string {
  const local = communityTime(isoInstant);
  return local ? month(local.slice(0, 7), locale, true) : isoInstant;
}

/** The community's local date today (UTC+8), as YYYY-MM-DD. */
export function today(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Consecutive months from `first` to `last` inclusive ('YYYY-MM'). */
export function monthRange(first: string, last: string): string[] {
  const out: string[] = [];
  let [y, m] = first.split('-').map(Number) as [number, number];
  for (let guard = 0; guard < 1200; guard++) {
    const ym = `${y}-${String(m).padStart(2, '0')}`;
    if (ym > last) break;
    out.push(ym);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

/** The colon after a label: full-width in Chinese. */
export function colon(locale: Locale): string {
  return locale === 'en' ? ': ' : '：';
}
