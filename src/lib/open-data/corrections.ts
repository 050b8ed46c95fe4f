// Applying published corrections (更正) to a charity record's amount: shared by donations and expenses.
import type { PublicData } from '../../../functions/domain/publishing';

/** A record's amount after its published corrections (更正) are applied. */
export function corrected(data: PublicData, entity: 'donation' | 'income' | 'expense', id: number, amountFen: number): number {
  return data.charity.corrections.filter((c) => c.entity === entity && c.entityId === id).reduce((s, c) => s + c.amountDeltaFen, amountFen);
}
