import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  accountKinds,
  activities,
  awardBatchKinds,
  awardBatchStatuses,
  entryKinds,
  recordStatuses,
  roles,
  serviceRequestEventKinds,
  serviceRequestKinds,
  serviceRequestOrigins,
  serviceRequestStatuses,
} from '../../../db/schema';
import { EntrySchema } from '../../../functions/http/schemas';
import { appStrings } from '../../../src/i18n/app';

/**
 * Every code the API sends to the staff console reads as a word in both languages: the schema's
 * code lists, and every action and record type the code writes to the audit trail.
 */
const root = resolve(import.meta.dirname, '../../..');

const has = (key: string) => {
  const zh = (appStrings['zh-cn'] as Record<string, string>)[key];
  const en = (appStrings.en as Record<string, string>)[key];
  return Boolean(zh && en && zh !== key && en !== key);
};

const missing = (prefix: string, codes: readonly string[]) =>
  codes.map((c) => `${prefix}${c}`).filter((k) => !has(k));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory()
      ? sources(join(dir, d.name))
      : d.name.endsWith('.ts')
        ? [join(dir, d.name)]
        : [],
  );
}

/** The literal actions and entities of audit(…) calls and the entities of markPublished(…) in functions/. */
function audited(): { actions: Set<string>; entities: Set<string> } {
  const actions = new Set<string>();
  const entities = new Set<string>();
  for (const file of sources(join(root, 'functions'))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\baudit\([^;']*'([a-z_]+)',\s*(?:'([a-z_]+)')?/g)) {
      actions.add(m[1]!);
      if (m[2]) entities.add(m[2]);
    }
    for (const m of text.matchAll(/\bmarkPublished\(\s*tx,\s*actor,\s*\w+,\s*'([a-z_]+)'/g))
      entities.add(m[1]!);
  }
  return { actions, entities };
}

describe('console labels', () => {
  it('has a zh and an en word for every code of the schema the console shows', () => {
    const statuses = activities.status.enumValues;
    expect({
      entryKinds: missing('lbl.entry.kind.', entryKinds),
      accountKinds: missing('lbl.account.kind.', accountKinds),
      roles: missing('lbl.role.', roles),
      batchStatuses: missing('lbl.batch.status.', awardBatchStatuses),
      batchKinds: missing('lbl.batch.kind.', awardBatchKinds),
      requestStatuses: missing('req.status.', serviceRequestStatuses),
      requestEvents: missing('req.event.', serviceRequestEventKinds),
      requestKinds: missing('staff.req.k.', serviceRequestKinds),
      requestOrigins: missing('staff.req.o.', serviceRequestOrigins),
      recordStatuses: missing('staff.rec.', recordStatuses),
      activityStatuses: missing('staff.act.st.', statuses),
      statementKinds: missing('kind.', EntrySchema.shape.kind.options),
    }).toEqual({
      entryKinds: [],
      accountKinds: [],
      roles: [],
      batchStatuses: [],
      batchKinds: [],
      requestStatuses: [],
      requestEvents: [],
      requestKinds: [],
      requestOrigins: [],
      recordStatuses: [],
      activityStatuses: [],
      statementKinds: [],
    });
  });

  it('has a word for every action and record type written to the audit trail', () => {
    const { actions, entities } = audited();
    // The scan itself works: it finds the calls it is meant to find.
    expect(actions).toContain('publish');
    expect(entities).toContain('award_batch');
    expect(entities).toContain('service');
    expect({
      actions: missing('lbl.audit.action.', [...actions]),
      entities: missing('lbl.audit.entity.', [...entities]),
    }).toEqual({ actions: [], entities: [] });
  });
});
