import type { Db } from '../../../db/client';
import { charityView } from '../publishing/charity';
import { type PublicMerchant, publicMerchants } from '../publishing/merchants';
import { publicServices } from '../publishing/services';
import { DomainError } from '../shared/errors';

/** The merchant's public record exactly as the public site shows it (公益换宣传): built by the same projections. */
export async function merchantPublicRecord(db: Db, merchantId: number): Promise<PublicMerchant> {
  const [servicesView, charity] = await Promise.all([publicServices(db), charityView(db)]);
  const record = (await publicMerchants(db, servicesView, charity)).find(
    (m) => m.id === merchantId,
  );
  if (!record) throw new DomainError('not_found', '商户资料不存在');
  return record;
}
