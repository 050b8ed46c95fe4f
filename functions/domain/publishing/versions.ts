import { asc } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { recordVersions, type VersionKind } from '../../../db/schema';

/** One field a version changed, as the public saw it before and after. */
export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

export interface PublicVersion {
  version: number;
  at: string;
  kind: VersionKind;
  reason: string | null;
  changes: FieldChange[];
}

/** A public record's history: every version, and its latest revision and withdrawal for the page's note. */
export interface PublicHistory {
  versions: PublicVersion[];
  revised: { at: string; reason: string } | null;
  withdrawn: { at: string; reason: string } | null;
}

export const historyKey = (entity: string, id: number): string => `${entity}:${id}`;

/**
 * Every record's versions, keyed by historyKey. Versions hold only public snapshots, so a change
 * to a field the public never sees shows as changed without its values.
 */
export async function publicHistories(db: Db): Promise<Record<string, PublicHistory>> {
  const rows = await db
    .select()
    .from(recordVersions)
    .orderBy(asc(recordVersions.entity), asc(recordVersions.recordId), asc(recordVersions.version));
  const out: Record<string, PublicHistory> = {};
  let previous: Record<string, unknown> = {};
  for (const row of rows) {
    const key = historyKey(row.entity, row.recordId);
    out[key] ??= { versions: [], revised: null, withdrawn: null };
    const history = out[key];
    if (history.versions.length === 0) previous = {};
    const snapshot = JSON.parse(row.snapshot) as Record<string, unknown>;
    const changed = JSON.parse(row.changed) as string[];
    const changes = changed
      .filter((f) => f in snapshot || f in previous)
      .map((field) => ({ field, from: previous[field] ?? null, to: snapshot[field] ?? null }));
    history.versions.push({
      version: row.version,
      at: row.at,
      kind: row.kind,
      reason: row.reason,
      changes,
    });
    if (row.kind === 'revised' && row.reason) history.revised = { at: row.at, reason: row.reason };
    if (row.kind === 'withdrawn' && row.reason)
      history.withdrawn = { at: row.at, reason: row.reason };
    previous = snapshot;
  }
  return out;
}
