/**
 * The benchmark generator's public records at a district's scale: deliberations (with agenda,
 * votes, follow-ups and their timelines) and fund entries (donations, incomes, expenses) grown as
 * copies of the seeded ones, shifted back in time, in INSERT … SELECT statements.
 */
import type { Client, Transaction } from '@libsql/client';
import { scalar } from './lib';

/** Grows the seeded public records to at least the sizes asked for; returns the sizes reached. */
export async function growPublicRecords(
  client: Client,
  target: { deliberations: number; fundEntries: number },
): Promise<{ deliberations: number; fundEntries: number }> {
  const { total: deliberations, copies } = await growDeliberations(client, target.deliberations);
  return { deliberations, fundEntries: await growFunds(client, target.fundEntries, copies) };
}

async function columnsOf(client: Client | Transaction, table: string): Promise<string[]> {
  return (await client.execute(`PRAGMA table_info(${table})`)).rows.map((r) => String(r[1]));
}

/**
 * Copies k = 1…copies of the rows `where` selects (aliased t, joined with the copy counter c(k)),
 * each column computed by `set` (default: as it is): the caller shifts ids, references and dates.
 */
async function cloneRows(
  client: Client | Transaction,
  table: string,
  copies: number,
  set: Record<string, string>,
  from = `${table} t`,
  where = 'true',
) {
  const cols = await columnsOf(client, table);
  const exprs = cols.map((c) => set[c] ?? `t.${c}`);
  await client.execute(
    `INSERT INTO ${table} (${cols.join(',')}) WITH RECURSIVE c(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM c WHERE k < ${copies}) SELECT ${exprs.join(',')} FROM ${from}, c WHERE ${where}`,
  );
}

/** Copies reach back about ten years in all; each copy keeps the seeded year's shape. */
const daysPerCopy = (copies: number) => Math.max(1, Math.floor(3650 / copies));

const shiftDate = (col: string, days: string) =>
  `CASE WHEN ${col} IS NULL THEN NULL ELSE date(${col}, '-' || (${days}) || ' days') END`;
const shiftStamp = (col: string, days: string) =>
  `CASE WHEN ${col} IS NULL THEN NULL ELSE strftime('%Y-%m-%dT%H:%M:%fZ', ${col}, '-' || (${days}) || ' days') END`;
const publicationShift = (days: string) => ({
  created_at: shiftStamp('t.created_at', days),
  published_at: shiftStamp('t.published_at', days),
});

/** How the seeded deliberations were copied: copy k has ids shifted by k × idStride, dates by k × days. */
interface DeliberationCopies {
  idStride: number;
  days: number;
}

async function growDeliberations(
  client: Client,
  target: number,
): Promise<{ total: number; copies?: DeliberationCopies }> {
  const base = await scalar(client, 'SELECT count(*) FROM deliberations');
  if (target <= base) return { total: base };
  const D = await scalar(client, 'SELECT max(id) FROM deliberations');
  const A = await scalar(client, 'SELECT max(id) FROM agenda_items');
  const V = await scalar(client, 'SELECT max(id) FROM vote_options');
  const F = await scalar(client, 'SELECT max(id) FROM followups');
  const U = await scalar(client, 'SELECT max(id) FROM followup_updates');
  const copies = Math.ceil((target - base) / base);
  const copyDays = daysPerCopy(copies);
  const days = `c.k * ${copyDays}`;
  const keep = (deliberationId: string) =>
    `${deliberationId} + c.k * ${D} <= ${target} + ${D - base}`;
  const tx = await client.transaction('write');
  await cloneRows(
    tx,
    'deliberations',
    copies,
    { id: `t.id + c.k * ${D}`, date: shiftDate('t.date', days), ...publicationShift(days) },
    'deliberations t',
    keep('t.id'),
  );
  await cloneRows(
    tx,
    'agenda_items',
    copies,
    { id: `t.id + c.k * ${A}`, deliberation_id: `t.deliberation_id + c.k * ${D}` },
    'agenda_items t',
    keep('t.deliberation_id'),
  );
  await cloneRows(
    tx,
    'vote_options',
    copies,
    { id: `t.id + c.k * ${V}`, agenda_item_id: `t.agenda_item_id + c.k * ${A}` },
    'vote_options t JOIN agenda_items a ON a.id = t.agenda_item_id',
    `a.id <= ${A} AND ${keep('a.deliberation_id')}`,
  );
  await cloneRows(
    tx,
    'followups',
    copies,
    {
      id: `t.id + c.k * ${F}`,
      deliberation_id: `t.deliberation_id + c.k * ${D}`,
      agenda_item_id: `t.agenda_item_id + c.k * ${A}`,
      due_date: shiftDate('t.due_date', days),
    },
    'followups t',
    keep('t.deliberation_id'),
  );
  await cloneRows(
    tx,
    'followup_updates',
    copies,
    {
      id: `t.id + c.k * ${U}`,
      followup_id: `t.followup_id + c.k * ${F}`,
      date: shiftDate('t.date', days),
    },
    'followup_updates t JOIN followups f ON f.id = t.followup_id',
    `f.id <= ${F} AND ${keep('f.deliberation_id')}`,
  );
  await tx.commit();
  tx.close();
  return {
    total: await scalar(client, 'SELECT count(*) FROM deliberations'),
    copies: { idStride: D, days: copyDays },
  };
}

/**
 * Fund entries grow by shifted copies too. Where the deliberations were grown, fund copy k moves
 * back in time as far as deliberation copy k, and a copied expense is approved by that copy of its
 * deliberation (or by none, if that copy was not made): kept on the seeded deliberation, every copy
 * would pile onto a few seeded pages (one listed 2,000+ expenses).
 */
async function growFunds(
  client: Client,
  target: number,
  deliberations?: DeliberationCopies,
): Promise<number> {
  const count = async () =>
    scalar(
      client,
      'SELECT (SELECT count(*) FROM donations) + (SELECT count(*) FROM incomes) + (SELECT count(*) FROM expenses)',
    );
  const base = await count();
  if (target <= base) return base;
  const copies = Math.max(1, Math.round(target / base) - 1);
  const days = `c.k * ${deliberations?.days ?? daysPerCopy(copies)}`;
  const approvedBy = deliberations ? `t.deliberation_id + c.k * ${deliberations.idStride}` : 'NULL';
  const deliberationId = `CASE WHEN t.deliberation_id IS NOT NULL AND (${approvedBy}) IN (SELECT id FROM deliberations) THEN ${approvedBy} END`;
  const tx = await client.transaction('write');
  for (const table of ['donations', 'incomes', 'expenses']) {
    const max = await scalar(client, `SELECT max(id) FROM ${table}`);
    const extra: Record<string, string> =
      table === 'expenses'
        ? { approved_at: shiftStamp('t.approved_at', days), deliberation_id: deliberationId }
        : {};
    await cloneRows(
      tx,
      table,
      copies,
      {
        id: `t.id + c.k * ${max}`,
        date: shiftDate('t.date', days),
        ...publicationShift(days),
        ...extra,
      },
      `${table} t`,
      `t.id <= ${max}`,
    );
  }
  await tx.commit();
  tx.close();
  return count();
}
