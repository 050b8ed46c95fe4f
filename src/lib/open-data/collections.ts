// Every open-data collection, in publishing order, and lookup by name.

import { activities } from './activities';
import { budgets } from './budgets';
import { corrections } from './corrections';
import { deliberations } from './deliberations';
import { donations } from './donations';
import { expenses } from './expenses';
import { followups } from './followups';
import { funds } from './funds';
import { incomes } from './incomes';
import { items } from './items';
import { merchants } from './merchants';
import { type Collection, type CollectionName, collectionNames } from './model';
import { organizations } from './organizations';
import { pointsMonthly } from './points-monthly';
import { satisfaction } from './satisfaction';
import { services } from './services';
import { versions } from './versions';
import { honourRoll, volunteers } from './volunteers';
import { voteTallies } from './vote-tallies';

/** One descriptor per name: a name in collectionNames without its descriptor here does not compile. */
const byName: Record<CollectionName, Collection<any>> = {
  services,
  organizations,
  deliberations,
  'vote-tallies': voteTallies,
  followups,
  funds,
  budgets,
  donations,
  incomes,
  expenses,
  corrections,
  merchants,
  items,
  activities,
  volunteers,
  'honour-roll': honourRoll,
  'points-monthly': pointsMonthly,
  satisfaction,
  versions,
};

export const collections: Array<Collection<any>> = collectionNames.map((name) => byName[name]);

export function getCollection(name: string): Collection<any> {
  const c = collections.find((x) => x.name === name);
  if (!c) throw new Error(`unknown open-data collection ${name}`);
  return c;
}
