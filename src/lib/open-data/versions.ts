// The versions collection (修订记录): /data/versions.json and .csv.
import type { PublicData } from '../../../functions/domain/publishing';
import { datetime, int, str } from './fields';
import type { Collection } from './model';

interface VersionRow {
  entity: string;
  recordId: number;
  version: number;
  at: string;
  kind: string;
  reason: string | null;
  changed: string[];
}

/** Every public record's versions, oldest first per record: what was published, revised and withdrawn, and why. */
const rowsOf = (d: PublicData): VersionRow[] =>
  Object.entries(d.histories).flatMap(([key, history]) => {
    const [entity, id] = key.split(':') as [string, string];
    return history.versions.map((v) => ({
      entity,
      recordId: Number(id),
      version: v.version,
      at: v.at,
      kind: v.kind,
      reason: v.reason,
      changed: v.changes.map((c) => c.field),
    }));
  });

export const versions: Collection<VersionRow> = {
  name: 'versions',
  title: { zh: '修订记录', en: 'Versions' },
  description: {
    zh: '每条公开记录的各个版本：第 1 版是发布时的样子，此后每次修订（附修订说明或更正说明）和撤回（附理由）各加一版。版本只增不改。',
    en: 'Every version of each public record: version 1 as published, then one more for each revision (with its reason) and for a withdrawal (with its reason). Versions are only ever added.',
  },
  rows: rowsOf,
  fields: [
    str(
      'id',
      '编号',
      'ID',
      '本行的长期编号：<记录类型>-<记录编号>-v<版本>。',
      'Stable id of the row: <record type>-<record id>-v<version>.',
      (r) => `${r.entity}-${r.recordId}-v${r.version}`,
      { required: true },
    ),
    str(
      'entity',
      '记录类型',
      'Record type',
      '记录的类型：service、organization、deliberation、followup、fund、donation、income、expense、budget。',
      'The kind of record: service, organization, deliberation, followup, fund, donation, income, expense, budget.',
      (r) => r.entity,
      { required: true },
    ),
    int(
      'recordId',
      '记录编号',
      'Record id',
      '该类型记录的编号（见对应的数据集）。',
      'The record’s id within its kind (see that collection).',
      (r) => r.recordId,
      { required: true, minimum: 1 },
    ),
    int(
      'version',
      '版本',
      'Version',
      '第几版，从 1 起。',
      'Version number, from 1.',
      (r) => r.version,
      { required: true, minimum: 1 },
    ),
    datetime(
      'at',
      '时间',
      'At',
      '这一版生效的时间。',
      'When this version took effect.',
      (r) => r.at,
      { required: true },
    ),
    str(
      'kind',
      '类型',
      'Kind',
      'published（发布）、revised（修订）或 withdrawn（撤回）。',
      'published, revised or withdrawn.',
      (r) => r.kind,
      { required: true },
    ),
    str(
      'reason',
      '说明',
      'Reason',
      '修订说明、更正说明或撤回理由；第 1 版为空。',
      'The reason given for a revision or withdrawal; empty for version 1.',
      (r) => r.reason,
    ),
    str(
      'changedFields',
      '改动字段',
      'Changed fields',
      '这一版改动的公开字段名，以逗号分隔。',
      'The public fields this version changed, comma-separated.',
      (r) => r.changed.join(','),
    ),
  ],
};
