/**
 * Request inputs generated from the app's own OpenAPI document: values that satisfy an operation's
 * JSON Schemas, and hostile variants of them. Everything is drawn from one seeded PRNG, so a
 * failing run is repeated exactly by its seed.
 */

export type Schema = Record<string, any>;
export type Rng = () => number;

/** mulberry32: small, fast and the same on every machine. */
export function prng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(rng: Rng, items: readonly T[]): T =>
  items[Math.floor(rng() * items.length)]!;
export const int = (rng: Rng, lo: number, hi: number): number =>
  lo + Math.floor(rng() * (hi - lo + 1));

/** Strings that the document's patterns accept (the patterns are few and simple; a test checks each has one). */
const PATTERNED = [
  '123456',
  '1234567890123456',
  'C9001',
  'c9002',
  '1357',
  '2026-03-09',
  '2026-03-09.1',
  'micro-fund',
  'patrol',
  'activity',
  'publish',
  'resident.new',
  '42',
  'a'.repeat(64),
  'fuzz-key-000001',
];

/** The hostile strings every text input gets to try. */
export const HOSTILE_STRINGS: readonly string[] = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\u0001\u0007\u001b[31m\u007f',
  '\r\nSet-Cookie: x=1',
  '\ud800',
  '\u202e\u200b\ufeff',
  '😀👨‍👩‍👧'.repeat(20),
  '张三华'.repeat(3000),
  'x'.repeat(10_000),
  '../../../../etc/passwd',
  '..%2F..%2F..%2Fetc%2Fpasswd',
  "1' OR '1'='1",
  "'; DROP TABLE users; --",
  '" or 1=1 --',
  '<script>alert(1)</script>',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, sent as these very characters
  '${7*7}{{7*7}}',
  '%s%n%x',
  'null',
  'undefined',
  '[]',
  '{}',
  'NaN',
];

/** Path and query ids as an attacker writes them. */
export const HOSTILE_IDS: readonly string[] = [
  '0',
  '-1',
  '1.5',
  '0x10',
  '1e3',
  '+1',
  // Spaces percent-encoded: a raw space at the end of a URL is stripped by the URL parser itself.
  '%201',
  '1%20',
  '01',
  '9007199254740993',
  '99999999999999999999999',
  '2147483648',
  'NaN',
  'Infinity',
  '%00',
  '1%00',
  '..%2F..%2Fetc%2Fpasswd',
  "1'%20OR%20'1'='1",
  '%E5%BC%A0',
  'abc',
];

/** Hostile JSON values (any type) for a field. */
export const HOSTILE_VALUES: readonly unknown[] = [
  null,
  true,
  -1,
  0,
  1.5,
  -0.0001,
  1e308,
  -1e308,
  2 ** 53 + 2,
  2 ** 31,
  '0x10',
  '1e3',
  '1',
  [],
  [1, 2, 3],
  {},
  { $gt: '' },
  ...HOSTILE_STRINGS,
];

export class Generator {
  constructor(
    private readonly rng: Rng,
    private readonly components: Record<string, Schema>,
    /** Ids that exist in the fuzzed database (so valid requests reach the handlers, not just 404). */
    private readonly ids: readonly number[],
  ) {}

  resolve(schema: Schema | undefined): Schema {
    let s = schema ?? {};
    for (let i = 0; s.$ref && i < 20; i++)
      s = this.components[String(s.$ref).replace('#/components/schemas/', '')] ?? {};
    return s;
  }

  /** A value the schema accepts (best effort: patterns and formats from a list of known shapes). */
  valid(schema: Schema | undefined, name = '', depth = 0): unknown {
    const s = this.resolve(schema);
    if ('const' in s) return s.const;
    if (Array.isArray(s.enum)) return pick(this.rng, s.enum);
    const alternatives = s.anyOf ?? s.oneOf;
    if (Array.isArray(alternatives)) {
      const nonNull = alternatives.filter((a: Schema) => this.resolve(a).type !== 'null');
      return this.valid(pick(this.rng, nonNull.length ? nonNull : alternatives), name, depth);
    }
    if (Array.isArray(s.allOf))
      return Object.assign({}, ...s.allOf.map((a: Schema) => this.valid(a, name, depth)));
    const type = Array.isArray(s.type)
      ? (s.type.find((t: string) => t !== 'null') ?? 'null')
      : s.type;
    if (s.example !== undefined && this.rng() < 0.5) return s.example;
    switch (type) {
      case 'integer':
      case 'number': {
        const lo = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 0);
        const hi =
          s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - 1 : lo + 1000);
        if (/id$/i.test(name) && this.rng() < 0.8) return pick(this.rng, this.ids);
        return this.rng() < 0.5
          ? Math.max(lo, Math.min(hi, int(this.rng, 1, 20)))
          : int(this.rng, lo, Math.min(hi, lo + 10_000));
      }
      case 'boolean':
        return this.rng() < 0.5;
      case 'null':
        return null;
      case 'array': {
        const n = Math.max(s.minItems ?? 0, Math.min(s.maxItems ?? 3, int(this.rng, 1, 3)));
        return depth > 4
          ? []
          : Array.from({ length: n }, () => this.valid(s.items, name, depth + 1));
      }
      case 'object':
        return this.object(s, depth);
      case 'string':
        return this.string(s);
      default:
        return s.properties ? this.object(s, depth) : 'x';
    }
  }

  private object(s: Schema, depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const required = new Set<string>(s.required ?? []);
    for (const [key, prop] of Object.entries<Schema>(s.properties ?? {})) {
      if (required.has(key) || (depth < 4 && this.rng() < 0.5))
        out[key] = this.valid(prop, key, depth + 1);
    }
    return out;
  }

  private string(s: Schema): string {
    if (s.pattern) {
      const re = new RegExp(s.pattern, 'u');
      const fits = PATTERNED.filter((p) => re.test(p));
      if (fits.length) return pick(this.rng, fits);
    }
    if (s.format === 'date') return '2026-03-09';
    if (s.format === 'date-time') return '2026-03-09T02:00:00.000Z';
    if (s.format === 'email') return 'someone@example.org';
    if (s.format === 'uri' || s.format === 'url') return 'https://example.org/a';
    const min = s.minLength ?? 1;
    const max = Math.min(s.maxLength ?? 40, 40);
    const text = pick(this.rng, ['志愿服务', '幸福路 1 号', 'Fuzz text', '巡防 patrol', 'ok']);
    return text.length >= min ? text.slice(0, Math.max(min, max)) : text.padEnd(min, '字');
  }

  /** A hostile variant of a valid object body: one field wrong, missing, extra, or the whole value replaced. */
  hostileBody(schema: Schema | undefined, valid: unknown): unknown {
    const s = this.resolve(schema);
    const keys = Object.keys(s.properties ?? {});
    const base =
      valid && typeof valid === 'object' && !Array.isArray(valid)
        ? { ...(valid as Record<string, unknown>) }
        : {};
    const roll = this.rng();
    if (roll < 0.1 || keys.length === 0) return pick(this.rng, HOSTILE_VALUES);
    const key = pick(this.rng, keys);
    if (roll < 0.25) {
      delete base[key];
      return base;
    }
    if (roll < 0.35)
      return {
        ...base,
        [pick(this.rng, ['__proto__', 'constructor', 'isAdmin', 'role', 'id', 'extra'])]: pick(
          this.rng,
          HOSTILE_VALUES,
        ),
      };
    return { ...base, [key]: pick(this.rng, HOSTILE_VALUES) };
  }
}
