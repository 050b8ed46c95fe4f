// The vote-tallies collection (表决结果): /data/vote-tallies.json and .csv, one row per option voted on.
import type { PublicData } from '../../../functions/domain/publishing';
import { idField, int, str, urlField } from './fields';
import type { Collection } from './model';

type Deliberation = PublicData['deliberations'][number];
type Agenda = Deliberation['agenda'][number];
type Tally = Agenda['options'][number] & {
  deliberation: Deliberation;
  item: Agenda;
  optionPosition: number;
};

export const voteTallies: Collection<Tally> = {
  name: 'vote-tallies',
  title: { zh: '表决结果', en: 'Vote tallies' },
  description: {
    zh: '议事会议每个议程每个选项的票数，一个选项一行（只有票数，不含谁投了什么）。',
    en: 'The votes for each option of each agenda item of each meeting, one row per option (counts only, never who voted how).',
  },
  rows: (d) =>
    d.deliberations.flatMap((deliberation) =>
      deliberation.agenda.flatMap((item) =>
        item.options.map((o, i) => ({ ...o, deliberation, item, optionPosition: i + 1 })),
      ),
    ),
  fields: [
    idField('表决选项', 'vote option'),
    urlField('会议记录页。', 'The meeting record’s page.', (t) => t.deliberation.url),
    int(
      'deliberationId',
      '议事编号',
      'Deliberation id',
      '所属会议（见 deliberations）。',
      'The meeting (see deliberations).',
      (t) => t.deliberation.id,
      { required: true, references: 'deliberations' },
    ),
    int(
      'agendaItemId',
      '议程编号',
      'Agenda item id',
      '所属议程的编号。',
      'Id of the agenda item.',
      (t) => t.item.id,
      { required: true, minimum: 1 },
    ),
    int(
      'agendaPosition',
      '议程序号',
      'Agenda position',
      '议程在会议中的序号。',
      'Position of the item on the agenda.',
      (t) => t.item.position,
      { required: true, minimum: 0 },
    ),
    str(
      'agendaItem',
      '议程',
      'Agenda item',
      '议程标题。',
      'Title of the agenda item.',
      (t) => t.item.title,
      { required: true },
    ),
    int(
      'optionPosition',
      '选项序号',
      'Option position',
      '选项在该议程中的序号（从 1 起）。',
      'Position of the option within the item (from 1).',
      (t) => t.optionPosition,
      { required: true, minimum: 1 },
    ),
    str(
      'option',
      '选项',
      'Option',
      '表决选项，如“同意”“反对”“弃权”。',
      'The option, e.g. 同意 (for), 反对 (against), 弃权 (abstain).',
      (t) => t.label,
      { required: true },
    ),
    int('votes', '票数', 'Votes', '该选项得票数。', 'Votes cast for the option.', (t) => t.votes, {
      unit: 'count',
      required: true,
      minimum: 0,
    }),
  ],
};
