import { readFileSync } from 'node:fs';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { COLLECTIONS, query, read, readJson } from './site';
import { checkTables, type TableResource } from './table-schema';

/**
 * The Data Package 2.0 profiles, kept in the steering repo's shared/ folder beside the checkout
 * (../shared from the repository: the same for a worktree, the main checkout and CI's fresh clone).
 */
const PROFILES = new URL('../../../shared/validators/datapackage-2.0/', import.meta.url);
function profile(
  name: 'datapackage' | 'dataresource' | 'tableschema' | 'tabledialect',
): ValidateFunction {
  const schema = JSON.parse(readFileSync(new URL(`${name}.json`, PROFILES), 'utf8')) as object;
  // Each profile on its own: they share $ids, and the profiles use keywords Ajv's strict mode rejects.
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv.compile(schema);
}
const explain = (v: ValidateFunction, where: string) =>
  (v.errors ?? []).map((e) => `${where}${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);

type Resource = TableResource & {
  dialect?: object;
  schema: TableResource['schema'] & Record<string, unknown>;
};
const pkg = () =>
  readJson<{ resources: Resource[] } & Record<string, unknown>>('data/datapackage.json');
type Row = Record<string, unknown>;
const json = (name: string) => readJson<Row[]>(`data/${name}.json`);

describe('/data/datapackage.json against the Data Package 2.0 profiles', () => {
  it('validates against datapackage.json', () => {
    const v = profile('datapackage');
    v(pkg());
    expect(explain(v, '')).toEqual([]);
  });

  it('each resource, table schema and dialect validates against its own profile', () => {
    const [resource, schema, dialect] = [
      profile('dataresource'),
      profile('tableschema'),
      profile('tabledialect'),
    ];
    const errors: string[] = [];
    for (const r of pkg().resources) {
      if (!(resource(r) as boolean)) errors.push(...explain(resource, r.name));
      if (!(schema(r.schema) as boolean)) errors.push(...explain(schema, `${r.name}.schema`));
      if (r.dialect && !(dialect(r.dialect) as boolean))
        errors.push(...explain(dialect, `${r.name}.dialect`));
    }
    expect(errors.slice(0, 20), `${errors.length} errors`).toEqual([]);
  });

  it('lists every collection, as CSV and as JSON', () => {
    const names = pkg().resources.map((r) => r.name);
    for (const c of COLLECTIONS) expect(names).toEqual(expect.arrayContaining([c, `${c}-json`]));
  });
});

describe('every row of every resource against its table schema', () => {
  it('CSV and JSON: types, constraints, required, primary keys and foreign keys all hold', () => {
    const errors = checkTables(pkg().resources, (path) => read(`data/${path}`));
    expect(errors.slice(0, 20), `${errors.length} violations`).toEqual([]);
  });

  it('the checker is not vacuous: it reports a bad type, a broken pattern, a missing required value and a dangling key', () => {
    const fields = [
      { name: 'id', type: 'integer', constraints: { required: true } },
      { name: 'yuan', type: 'string', constraints: { pattern: '-?[0-9]+\\.[0-9]{2}' } },
      { name: 'when', type: 'date' },
      { name: 'parentId', type: 'integer' },
    ];
    const resources: TableResource[] = [
      {
        name: 't',
        path: 't.csv',
        format: 'csv',
        schema: {
          fields,
          primaryKey: ['id'],
          foreignKeys: [{ fields: ['parentId'], reference: { fields: ['id'] } }],
        },
      },
    ];
    const csv =
      'id,yuan,when,parentId\r\n1,1.50,2026-02-30,\r\nx,2,2026-01-01,9\r\n,1.00,2026-01-01,1\r\n';
    const errors = checkTables(resources, () => csv).join('\n');
    expect(errors).toMatch(/row 2 when=.*not a date/);
    expect(errors).toMatch(/row 3 id=.*not a integer/);
    expect(errors).toMatch(/row 3 yuan=.*does not match/);
    expect(errors).toMatch(/row 4 id=.*required/);
    expect(errors).toMatch(/parentId=9 not in t/);
  });
});

describe('the new collections', () => {
  it('vote tallies are one row per option, adding up to what the meetings recorded', async () => {
    const tallies = json('vote-tallies');
    const options = await query<{ id: number; votes: number }>(
      `select o.id, o.votes from vote_options o join agenda_items a on a.id = o.agenda_item_id join deliberations d on d.id = a.deliberation_id where d.status = 'published'`,
    );
    expect(tallies.map((t) => t.id).sort()).toEqual(options.map((o) => Number(o.id)).sort());
    const votes = new Map(options.map((o) => [Number(o.id), Number(o.votes)]));
    for (const t of tallies) expect(t.votes).toBe(votes.get(t.id as number));
    // No more votes flattened into strings on the deliberations.
    expect(Object.keys(json('deliberations')[0] ?? {})).not.toContain('votes');
  });

  it('money comes in whole fen and decimal yuan, with its fiscal year', () => {
    for (const name of ['donations', 'incomes', 'expenses', 'corrections']) {
      const rows = json(name);
      expect(rows.length, name).toBeGreaterThan(0);
      for (const r of rows) {
        expect(r.fiscalYear).toBe(Number((r.date as string).slice(0, 4)));
        const fenKey = Object.keys(r).find((k) => k.endsWith('Fen'))!;
        expect(r[fenKey.replace(/Fen$/, 'Yuan')]).toBe(
          (r[fenKey] as number) < 0
            ? `-${(-(r[fenKey] as number) / 100).toFixed(2)}`
            : ((r[fenKey] as number) / 100).toFixed(2),
        );
      }
    }
    for (const f of json('funds'))
      expect(f.balanceFen).toBe((f.inFen as number) - (f.outFen as number));
    for (const b of json('budgets'))
      expect(b.id).toBe(`${b.fundCode}-${b.fiscalYear}-${b.budgetLine}`);
  });

  it('volunteers: team hours, and the honour roll with masked names only', async () => {
    const names = (
      await query<{ fullName: string }>('select full_name as fullName from residents')
    ).map((r) => r.fullName);
    const text =
      read('data/honour-roll.json') +
      read('data/honour-roll.csv') +
      read('data/volunteers.csv') +
      read('data/activities.csv');
    for (const name of names.filter((n) => Array.from(n).length >= 2))
      expect(text.includes(`"${name}"`) || text.includes(`,${name},`), name).toBe(false);
    const roll = json('honour-roll');
    expect(roll.length).toBeGreaterThan(0);
    for (const h of roll) expect(h.name as string).toContain('*');
    const teams = await query<{ n: number }>('select count(*) as n from teams');
    expect(json('volunteers')).toHaveLength(Number(teams[0]!.n));
  });

  it('items are the merchants’ catalogues, and activities carry no participant', async () => {
    const items = json('items');
    expect(items.length).toBeGreaterThan(0);
    for (const i of items)
      expect(Number.isInteger(i.points) && (i.points as number) > 0).toBe(true);
    const activity = json('activities')[0]!;
    expect(Object.keys(activity)).not.toEqual(expect.arrayContaining(['residentId']));
  });
});
