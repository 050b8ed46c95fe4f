import type { Db } from '../../../db/client';
import { ledgerHead, publicStats } from '../ledger/queries';
import { publicCatalogue } from './catalogue';
import { deliberationChains } from './chain';
import { charityView } from './charity';
import { publicDeliberations } from './deliberations';
import { publicMerchants } from './merchants';
import { publicOrganizations } from './organizations';
import { pointsMonthly } from './points';
import { publicSatisfaction } from './satisfaction';
import { publicServices } from './services';
import { publicHistories } from './versions';
import { honourRoll, publicActivities, publicTeams } from './volunteers';

export type PublicData = Awaited<ReturnType<typeof loadPublicData>>;

/**
 * Everything the public site and its open data show, read once per build through projections
 * that select only public fields of published records. Nothing private leaves through here.
 */
export async function loadPublicData(db: Db) {
  const [
    services,
    organizations,
    deliberations,
    charity,
    teams,
    honour,
    points,
    stats,
    head,
    catalogue,
    activities,
    histories,
  ] = await Promise.all([
    publicServices(db),
    publicOrganizations(db),
    publicDeliberations(db),
    charityView(db),
    publicTeams(db),
    honourRoll(db),
    pointsMonthly(db),
    publicStats(db),
    ledgerHead(db),
    publicCatalogue(db),
    publicActivities(db),
    publicHistories(db),
  ]);
  const merchants = await publicMerchants(db, services, charity);
  const [chains, satisfaction] = await Promise.all([
    deliberationChains(db),
    publicSatisfaction(db),
  ]);
  return {
    services,
    organizations,
    deliberations,
    followups: deliberations.flatMap((d) => d.followups),
    charity,
    merchants,
    catalogue,
    teams,
    honour,
    activities,
    points,
    stats,
    head,
    chains,
    satisfaction,
    histories,
  };
}
