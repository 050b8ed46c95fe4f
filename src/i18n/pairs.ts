/**
 * The shape of the string tables kept by area (app-*.ts, site-*.ts): every key holds a
 * [zh-CN, English] pair, so a missing English string is a type error. mergePairs() joins the area
 * tables of one module, column() takes one language out of the result.
 */
export type Pairs = Readonly<Record<string, readonly [zh: string, en: string]>>;

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (
  i: infer I,
) => void
  ? I
  : never;

type DuplicateKeys<T extends readonly unknown[], Seen = never> = T extends readonly [
  infer H,
  ...infer R,
]
  ? (keyof H & Seen) | DuplicateKeys<R, Seen | keyof H>
  : never;

/**
 * Joins area tables into one. A key defined in two areas is a type error (and throws): one of them
 * would silently win.
 */
export function mergePairs<T extends readonly Pairs[]>(
  ...tables: T &
    ([DuplicateKeys<T>] extends [never] ? unknown : { duplicateKeys: DuplicateKeys<T> })
): UnionToIntersection<T[number]> {
  const merged: Record<string, readonly [string, string]> = {};
  for (const table of tables) {
    for (const [key, pair] of Object.entries(table)) {
      if (key in merged) throw new Error(`i18n: the key ${key} is defined in two areas`);
      merged[key] = pair;
    }
  }
  return merged as UnionToIntersection<T[number]>;
}

/** One language of a pair table (0 = zh-CN, 1 = English), keeping the literal string types. */
export function column<P extends Pairs, I extends 0 | 1>(
  pairs: P,
  i: I,
): { readonly [K in keyof P]: P[K][I] } {
  return Object.fromEntries(Object.entries(pairs).map(([key, pair]) => [key, pair[i]])) as {
    readonly [K in keyof P]: P[K][I];
  };
}
