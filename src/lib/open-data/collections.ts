// Every open-data collection, in publishing order, and lookup by name.
import type { Collection } from './model';
import { deliberations } from './deliberations';
import { donations } from './donations';
import { expenses } from './expenses';
import { followups } from './followups';
import { merchants } from './merchants';
import { organizations } from './organizations';
import { pointsMonthly } from './points-monthly';
import { satisfaction } from './satisfaction';
import { services } from './services';

export const collections: Array<Collection<any>> = [services, organizations, deliberations, followups, donations, expenses, merchants, pointsMonthly, satisfaction];

export function getCollection(name: string): Collection<any> {
  const c = collections.find((x) => x.name === name);
  if (!c) throw new Error(`unknown open-data collection ${name}`);
  return c;
}
