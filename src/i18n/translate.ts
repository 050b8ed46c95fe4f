import type { Locale, UiKey } from './ui';

/** Values for a string's {name} placeholders. */
export type Vars = Record<string, string | number>;

/** Each {name} takes `vars[name]`; a missing one becomes empty. */
export function fill(text: string, vars: Vars = {}): string {
  return text.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
}

type Strings = Readonly<Record<string, string>>;

/**
 * Where t() reads a locale's strings. The build and the server hold the whole table of both
 * languages (ui.ts holds it when imported). A signed-in page in the browser holds only its own
 * locale's strings, in a JSON block the page embeds (src/scripts/i18n.ts reads it on first use), so
 * the scripts carry no table; ui.ts is never in the browser bundle, so the two never meet there.
 */
const held: Partial<Record<Locale, Strings>> = {};
let pageStrings: (() => Strings) | undefined;

export function holdStrings(locale: Locale, strings: Strings): void {
  held[locale] = strings;
}

export function readPageStringsWith(read: () => Strings): void {
  pageStrings = read;
}

/** The one translator: the string of `key` in `locale`, its placeholders filled; an unknown key reads as itself. */
export function t(locale: Locale, key: UiKey, vars: Vars = {}): string {
  const strings = held[locale] ?? pageStrings?.() ?? {};
  return fill(strings[key] ?? key, vars);
}
