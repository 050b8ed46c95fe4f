import { beforeAll, describe, expect, it } from 'vitest';
import { ANONYMOUS_DONOR, INDIVIDUAL_DONOR, PRIVATE_NOTE } from './hostile';
import { builtFiles, decodePagefind, query, read, readJson } from './site';

/**
 * The privacy scan: every file a visitor can download from the built site, read as text (Pagefind's
 * compressed fragments decoded), must not contain what the database keeps private.
 */
const TEXT =
  /\.(html|json|csv|xml|js|mjs|txt|css|svg|webmanifest)$|(^|\/)_headers$|(^|\/)_redirects$/;
/** An 11-digit mainland mobile number standing alone (not inside a longer run of digits or a hash). */
const MOBILE = /(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])/;

let corpus: Array<{ file: string; text: string }> = [];
let people: Array<{ fullName: string; phone: string | null }> = [];
let homes: Array<{ building: string; unit: string; door: string }> = [];
let cardNos: string[] = [];

beforeAll(async () => {
  people = await query('select full_name as fullName, phone from residents');
  homes = await query('select building, unit, door from households');
  cardNos = (await query<{ cardNo: string }>('select card_no as cardNo from cards')).map(
    (c) => c.cardNo,
  );
  corpus = builtFiles().flatMap((file) => {
    if (TEXT.test(file)) return [{ file, text: read(file) }];
    if (/\.pf_(fragment|meta)$/.test(file)) return [{ file, text: decodePagefind(file) }];
    return [];
  });
});

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** One pattern for a list of literal strings: one pass over each file instead of one per string. */
const anyOf = (list: string[]) => new RegExp(list.map(escapeRegExp).join('|'));

const where = (needle: string | RegExp) =>
  corpus
    .filter(({ text }) => (typeof needle === 'string' ? text.includes(needle) : needle.test(text)))
    .map(({ file, text }) => {
      const at = typeof needle === 'string' ? text.indexOf(needle) : text.search(needle);
      return `${file}: …${text.slice(Math.max(0, at - 40), at + 40).replace(/\s+/g, ' ')}…`;
    });

describe('privacy scan of the built site', () => {
  it('scans a real site: the seeded community and every kind of built file', () => {
    expect(people.length).toBeGreaterThanOrEqual(200);
    const kinds = new Set(corpus.map((c) => c.file.split('.').pop()));
    for (const ext of ['html', 'json', 'csv', 'xml', 'txt', 'pf_fragment'])
      expect(kinds, ext).toContain(ext);
  });

  it('no resident’s full name (3 characters or more) appears anywhere', () => {
    const names = [...new Set(people.map((p) => p.fullName))].filter(
      (n) => Array.from(n).length >= 3,
    );
    expect(names.length).toBeGreaterThan(50);
    const leaks = names.flatMap((n) => where(n).map((w) => `${n} in ${w}`));
    expect(leaks.slice(0, 10), `${leaks.length} leaks`).toEqual([]);
  });

  it('no 2-character resident name appears in a person field of the open data', () => {
    const short = new Set(people.map((p) => p.fullName).filter((n) => Array.from(n).length === 2));
    const personFields: Record<string, string[]> = {
      donations: ['donor'],
      deliberations: ['chair'],
      followups: ['responsibleName'],
      expenses: ['payee', 'beneficiaries'],
      organizations: ['contact'],
      incomes: ['source'],
      'honour-roll': ['name'],
    };
    const leaks: string[] = [];
    for (const [collection, fields] of Object.entries(personFields)) {
      for (const row of readJson<Array<Record<string, unknown>>>(`data/${collection}.json`)) {
        for (const field of fields) {
          const value = row[field];
          if (typeof value !== 'string') continue;
          for (const name of short)
            if (value.includes(name))
              leaks.push(`${collection} #${row.id} ${field}="${value}" contains ${name}`);
        }
      }
    }
    expect(leaks).toEqual([]);
  });

  it('no resident’s phone number, and no 11-digit mobile number at all', () => {
    const phones = people.map((p) => p.phone).filter((p): p is string => !!p);
    expect(phones.length).toBeGreaterThan(100);
    const leaks = phones.flatMap((p) => where(p).map((w) => `${p} in ${w}`));
    expect(leaks.slice(0, 10), `${leaks.length} leaks`).toEqual([]);
    expect(where(MOBILE).slice(0, 10)).toEqual([]);
  });

  it('no home address (building + unit + door) and no card number', () => {
    const addresses = [
      ...new Set(
        homes.flatMap((h) => [
          `${h.building}${h.unit}${h.door}`,
          `${h.building} ${h.unit} ${h.door}`,
          `${h.unit}${h.door}室`,
        ]),
      ),
    ];
    expect(where(anyOf(addresses))).toEqual([]);
    expect(cardNos.length).toBeGreaterThan(100);
    expect(
      where(new RegExp(`(?<![0-9A-Za-z])(?:${anyOf(cardNos).source})(?![0-9A-Za-z])`)),
    ).toEqual([]);
  });

  it('the anonymous donor’s name, a private donor’s full name and staff notes appear nowhere', () => {
    expect(where(ANONYMOUS_DONOR)).toEqual([]);
    expect(where(INDIVIDUAL_DONOR)).toEqual([]);
    expect(where(PRIVATE_NOTE)).toEqual([]);
  });
});
