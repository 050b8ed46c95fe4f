// Fields every published money record shares: its fund, and its published corrections (更正) applied.
import type { PublicData } from '../../../functions/domain/publishing';
import { int, list, str } from './fields';
import type { Field } from './model';

type Entity = 'donation' | 'income' | 'expense';

/** A record's amount after its published corrections (更正) are applied. */
export function corrected(data: PublicData, entity: Entity, id: number, amountFen: number): number {
  return data.charity.corrections
    .filter((c) => c.entity === entity && c.entityId === id)
    .reduce((s, c) => s + c.amountDeltaFen, amountFen);
}

/** The fund a money record belongs to: its id (a key into funds) and its code. */
export function fundFields<Row extends { fundId: number; fundCode: string }>(
  descZh: string,
  descEn: string,
): Array<Field<Row>> {
  return [
    int(
      'fundId',
      '基金编号',
      'Fund id',
      `${descZh}（见 funds）。`,
      `${descEn} (see funds).`,
      (x) => x.fundId,
      { required: true, references: 'funds' },
    ),
    str(
      'fundCode',
      '基金代码',
      'Fund code',
      '基金代码（也是其网页地址的一部分）。',
      'Fund code (also in its page address).',
      (x) => x.fundCode,
      { required: true },
    ),
  ];
}

export function correctedAmountField<Row extends { id: number; amountFen: number }>(
  entity: Entity,
): Field<Row> {
  return int(
    'correctedAmountFen',
    '更正后金额（分）',
    'Corrected amount (fen)',
    '加上所有已公开更正之后的金额，分。',
    'The amount after all published corrections, in fen.',
    (x, c) => corrected(c.data, entity, x.id, x.amountFen),
    { unit: 'fen', required: true },
  );
}

export function correctionIdsField<Row extends { correctionIds: number[] }>(): Field<Row> {
  return list(
    'correctionIds',
    '更正编号',
    'Corrections',
    '针对这条记录的更正（见 corrections）。',
    'Corrections to this record (see corrections).',
    (x) => x.correctionIds,
    { itemType: 'integer' },
  );
}
