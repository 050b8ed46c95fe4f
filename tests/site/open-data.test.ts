import { parse } from 'csv-parse/sync';
import { describe, expect, inject, it } from 'vitest';
import { ANONYMOUS_DONOR, INDIVIDUAL_DONOR, INDIVIDUAL_DONOR_MASKED } from './hostile';
import { COLLECTIONS, query, read, readBytes, readJson, resolves, SITE_ORIGIN } from './site';

type Row = Record<string, unknown>;
const json = (name: string) => readJson<Row[]>(`data/${name}.json`);
const csv = (name: string) =>
  parse(readBytes(`data/${name}.csv`), { bom: true, relax_column_count: false }) as string[][];

interface PackageField {
  name: string;
  type: string;
  description?: string;
  itemType?: string;
  delimiter?: string;
  constraints?: { required?: boolean; enum?: string[]; minimum?: number; maximum?: number };
}
interface Resource {
  name: string;
  path: string;
  format: string;
  schema: {
    fields: PackageField[];
    primaryKey: string[];
    foreignKeys: Array<{ fields: string[]; reference: { resource?: string; fields: string[] } }>;
  };
}
const pkg = () => readJson<{ resources: Resource[] }>('data/datapackage.json');
const resource = (name: string) => pkg().resources.find((r) => r.name === name)!;

describe('open data: every collection as JSON and CSV', () => {
  for (const name of COLLECTIONS) {
    describe(name, () => {
      it('JSON is an array of records with unique ids', () => {
        const rows = json(name);
        expect(Array.isArray(rows)).toBe(true);
        for (const row of rows) expect(row).toHaveProperty('id');
        const ids = rows.map((r) => r.id);
        expect(new Set(ids).size).toBe(ids.length);
      });

      it('every url resolves to a built page (and its #anchor exists)', () => {
        const failures: string[] = [];
        for (const row of json(name)) {
          for (const key of ['url', 'noticeUrl'] as const) {
            const url = row[key];
            if (url === undefined) continue;
            expect(typeof url, `${name} #${row.id} ${key}`).toBe('string');
            expect((url as string).startsWith(`${SITE_ORIGIN}/`)).toBe(true);
            const r = resolves(url as string);
            if (!r.ok) failures.push(r.why);
          }
        }
        expect(failures.slice(0, 10), `${failures.length} unresolved urls`).toEqual([]);
      });

      it('CSV: UTF-8 with BOM, a header row, the same rows and ids as the JSON', () => {
        const bytes = readBytes(`data/${name}.csv`);
        expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
        const [header, ...body] = csv(name);
        const rows = json(name);
        const fields = resource(name).schema.fields.map((f) => f.name);
        expect(header).toEqual(fields);
        if (rows.length > 0) expect(Object.keys(rows[0]!)).toEqual(fields);
        expect(body.length).toBe(rows.length);
        expect(body.map((r) => r[0])).toEqual(rows.map((r) => String(r.id)));
      });

      it('CSV cells are the JSON values: lists joined with |, null empty, booleans true/false', () => {
        const [header, ...body] = csv(name);
        const rows = json(name);
        body.forEach((cells, i) => {
          header!.forEach((field, j) => {
            const value = rows[i]![field];
            const cell = cells[j]!;
            const expected =
              value === null
                ? ''
                : Array.isArray(value)
                  ? value.map((v) => String(v).replaceAll('|', '｜')).join('|')
                  : typeof value === 'boolean'
                    ? String(value)
                    : String(value);
            // Text starting like a formula gets a leading ' in CSV only.
            expect(
              cell === expected ||
                cell === `'${expected}` ||
                cell ===
                  expected
                    .split('|')
                    .map((v) => (/^[=+\-@]/.test(v) ? `'${v}` : v))
                    .join('|'),
              `${name} row ${i} ${field}`,
            ).toBe(true);
          });
        });
      });

      it('no CSV cell would run as a spreadsheet formula', () => {
        const [, ...body] = csv(name);
        for (const cells of body)
          for (const cell of cells)
            expect(/^[=+@\t\r]/.test(cell) || /^-[^0-9]/.test(cell), cell).toBe(false);
      });
    });
  }

  it('ids are the records’ permanent database ids, and only published (or withdrawn) records are exported', async () => {
    const ids = async (sql: string) => (await query<{ id: number }>(sql)).map((r) => Number(r.id));
    // A withdrawn record keeps its row, marked withdrawn.
    const everPublished = (table: string) =>
      ids(`select id from ${table} where status <> 'draft' order by id`);
    // Money records show when both they and their fund were published (withdrawn ones keep their rows).
    const money = (table: string) =>
      ids(
        `select t.id from ${table} t join funds f on f.id = t.fund_id where t.status <> 'draft' and f.status <> 'draft' order by t.id`,
      );
    const sorted = (name: string) =>
      json(name)
        .map((r) => r.id as number)
        .sort((a, b) => a - b);
    expect(sorted('services')).toEqual(await everPublished('services'));
    expect(sorted('organizations')).toEqual(await everPublished('organizations'));
    expect(sorted('deliberations')).toEqual(await everPublished('deliberations'));
    expect(sorted('donations')).toEqual(await money('donations'));
    expect(sorted('expenses')).toEqual(await money('expenses'));
    expect(sorted('merchants')).toEqual(
      await ids('select user_id as id from merchants order by user_id'),
    );
    expect(sorted('followups')).toEqual(
      await ids(
        `select f.id from followups f join deliberations d on d.id = f.deliberation_id where d.status <> 'draft' order by f.id`,
      ),
    );
    for (const row of json('points-monthly')) expect(row.id).toBe(row.month);
  });

  it('follow-up statuses are the four codes, and every one of them occurs', () => {
    const statuses = json('followups').map((f) => f.status);
    for (const s of statuses) expect(['pending', 'in_progress', 'done', 'blocked']).toContain(s);
    // Depends on the demo community seeding deliberations with follow-ups in every state.
    expect(new Set(statuses), 'the demo seed should carry follow-ups in all four states').toEqual(
      new Set(['pending', 'in_progress', 'done', 'blocked']),
    );
  });

  it('donors: anonymous ones are 匿名 with no organisation, private persons masked', () => {
    const hostile = inject('hostile');
    const rows = json('donations');
    const anonymous = rows.find((d) => d.id === hostile.anonymousDonationId)!;
    expect(anonymous).toMatchObject({ donor: '匿名', anonymous: true, organizationId: null });
    expect(rows.find((d) => d.id === hostile.individualDonationId)!.donor).toBe(
      INDIVIDUAL_DONOR_MASKED,
    );
    for (const d of rows) {
      if (d.anonymous) expect(d).toMatchObject({ donor: '匿名', organizationId: null });
      else if (d.donorType === 'individual') expect(d.donor as string).toContain('*');
    }
    const text = read('data/donations.json') + read('data/donations.csv');
    expect(text).not.toContain(ANONYMOUS_DONOR);
    expect(text).not.toContain(INDIVIDUAL_DONOR);
  });

  it('money is integer fen with an exact yuan column; points are integers', () => {
    for (const name of ['donations', 'expenses'] as const) {
      for (const r of json(name)) {
        expect(Number.isInteger(r.amountFen)).toBe(true);
        const fen = r.amountFen as number;
        expect(r.amountYuan).toBe(
          `${fen < 0 ? '-' : ''}${Math.floor(Math.abs(fen) / 100)}.${String(Math.abs(fen) % 100).padStart(2, '0')}`,
        );
      }
    }
    for (const r of json('points-monthly'))
      for (const k of ['issued', 'redeemed', 'expired', 'donatedToPool', 'entries'])
        expect(Number.isInteger(r[k])).toBe(true);
  });

  it('references between collections resolve (provider, responsible, deliberation, …)', () => {
    const failures: string[] = [];
    for (const r of pkg().resources.filter((x) => x.format === 'json')) {
      const rows = readJson<Row[]>(`data/${r.path}`);
      for (const fk of r.schema.foreignKeys ?? []) {
        const target = fk.reference.resource
          ? readJson<Row[]>(`data/${fk.reference.resource.replace(/-json$/, '')}.json`)
          : rows;
        const ids = new Set(target.map((t) => t.id));
        for (const row of rows) {
          const v = row[fk.fields[0]!];
          if (v !== null && !ids.has(v))
            failures.push(
              `${r.name} #${row.id} ${fk.fields[0]}=${v} not in ${fk.reference.resource ?? r.name}`,
            );
        }
      }
    }
    expect(failures.slice(0, 10), `${failures.length} dangling references`).toEqual([]);
  });
});

describe('open data: /data/datapackage.json', () => {
  it('lists every collection as a CSV and a JSON resource whose files exist', () => {
    const resources = pkg().resources;
    for (const name of COLLECTIONS) {
      expect(resources.find((r) => r.name === name)).toMatchObject({
        path: `${name}.csv`,
        format: 'csv',
      });
      expect(resources.find((r) => r.name === `${name}-json`)).toMatchObject({
        path: `${name}.json`,
        format: 'json',
      });
    }
    for (const r of resources) expect(() => readBytes(`data/${r.path}`)).not.toThrow();
  });

  it('describes every field (name, type, description) and the data obeys its schema', () => {
    const failures: string[] = [];
    for (const r of pkg().resources.filter((x) => x.format === 'json')) {
      const rows = readJson<Row[]>(`data/${r.path}`);
      expect(r.schema.primaryKey).toEqual(['id']);
      for (const field of r.schema.fields) {
        expect(field.description, `${r.name}.${field.name}`).toBeTruthy();
        expect([
          'integer',
          'number',
          'string',
          'boolean',
          'date',
          'datetime',
          'yearmonth',
          'array',
        ]).toContain(field.type);
        for (const row of rows) {
          const v = row[field.name];
          const where = `${r.name} #${row.id} ${field.name}=${JSON.stringify(v)}`;
          if (v === null || v === undefined) {
            if (field.constraints?.required) failures.push(`${where}: required`);
            continue;
          }
          const ok =
            field.type === 'integer'
              ? Number.isInteger(v)
              : field.type === 'number'
                ? typeof v === 'number'
                : field.type === 'boolean'
                  ? typeof v === 'boolean'
                  : field.type === 'date'
                    ? typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)
                    : field.type === 'yearmonth'
                      ? typeof v === 'string' && /^\d{4}-\d{2}$/.test(v)
                      : field.type === 'datetime'
                        ? typeof v === 'string' && !Number.isNaN(Date.parse(v)) && /T/.test(v)
                        : field.type === 'array'
                          ? Array.isArray(v)
                          : typeof v === 'string';
          if (!ok) failures.push(`${where}: not ${field.type}`);
          if (field.constraints?.enum && !field.constraints.enum.includes(v as string))
            failures.push(`${where}: not in enum`);
          if (field.constraints?.minimum !== undefined && (v as number) < field.constraints.minimum)
            failures.push(`${where}: below minimum`);
          if (field.constraints?.maximum !== undefined && (v as number) > field.constraints.maximum)
            failures.push(`${where}: above maximum`);
        }
      }
    }
    expect(failures.slice(0, 10), `${failures.length} schema violations`).toEqual([]);
  });

  it('the CSV resources declare |-delimited lists by pattern and follow-up status codes as an enum', () => {
    const fu = resource('followups').schema.fields.find((f) => f.name === 'status')!;
    expect(fu.constraints?.enum).toEqual(['pending', 'in_progress', 'done', 'blocked']);
    // The profiles have no list type: in CSV a list is a string whose pattern allows '|' between items.
    const audiences = resource('services').schema.fields.find(
      (f) => f.name === 'audiences',
    )! as PackageField & { constraints: { pattern: string } };
    expect(audiences.type).toBe('string');
    expect(new RegExp(`^(?:${audiences.constraints.pattern})$`).test('elders|children')).toBe(true);
    expect(
      resource('services-json').schema.fields.find((f) => f.name === 'audiences'),
    ).toMatchObject({ type: 'array' });
    const amount = resource('donations').schema.fields.find((f) => f.name === 'amountFen')!;
    expect(amount).toMatchObject({ type: 'integer', unit: 'fen' });
  });
});

describe('open data: the /data/ documentation', () => {
  for (const page of ['data/index.html', 'en/data/index.html']) {
    it(`${page} documents every field of every collection, with type and meaning`, () => {
      const html = read(page);
      expect(html).toMatch(page.startsWith('en/') ? /<html lang="en"/ : /<html lang="zh-CN"/);
      for (const r of pkg().resources.filter((x) => x.format === 'csv')) {
        expect(html).toContain(`id="${r.name}"`);
        expect(html).toContain(`href="/data/${r.name}.csv"`);
        expect(html).toContain(`href="/data/${r.name}.json"`);
        for (const field of r.schema.fields) {
          const start = html.indexOf(`id="field-${r.name}-${field.name}"`);
          expect(start, `${r.name}.${field.name} documented`).toBeGreaterThan(0);
          const block = html.slice(start, html.indexOf('</dd>', start));
          expect(block).toMatch(new RegExp(`<code[^>]*>${field.name}</code>`));
          expect(block).toMatch(page.startsWith('en/') ? /Type: / : /类型：/);
          for (const code of field.constraints?.enum ?? [])
            expect(block).toMatch(new RegExp(`<code[^>]*>${code}</code>`));
        }
      }
      expect(html).toContain('href="/data/datapackage.json"');
      // Units are spelled out: money in fen.
      expect(html).toContain(page.startsWith('en/') ? 'fen (0.01 CNY)' : '分（0.01 元人民币）');
    });
  }
});
