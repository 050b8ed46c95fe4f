/** Values for a string's {name} placeholders. */
export type Vars = Record<string, string | number>;

/**
 * The one way a translated string is filled: each {name} takes `vars[name]`, a missing one becomes
 * empty. t() (public pages, ui.ts), at() (signed-in pages, app.ts) and tr() (browser scripts,
 * src/scripts/i18n.ts) differ only in the table they read the string from.
 */
export function fill(text: string, vars: Vars = {}): string {
  return text.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
}
