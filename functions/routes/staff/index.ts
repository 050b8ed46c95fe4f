import { newRouter } from '../../http/router';
import { activities } from './activities';
import { audit } from './audit';
import { awardBatches } from './award-batches';
import { awards } from './awards';
import { alerts as counterAlerts } from './counter-alerts';
import { jobs } from './jobs';
import { merchants } from './merchants';
import { pool } from './pool';
import { records } from './records';
import { requests } from './requests';
import { residents } from './residents';
import { residentsLifetime } from './residents-lifetime';
import { siteStatus } from './site-status';

/**
 * /api/staff: the community staff's daily work — awards and the ledger, the public records,
 * activities, service requests, residents at the desk, the merchants, the pool, and the trail.
 */
export const staff = newRouter()
  .route('/', awards)
  .route('/records', records)
  .route('/', activities)
  .route('/', awardBatches)
  .route('/', requests)
  .route('/', residents)
  .route('/', residentsLifetime)
  .route('/', audit)
  .route('/', jobs)
  .route('/', merchants)
  .route('/', siteStatus)
  .route('/', counterAlerts)
  .route('/', pool);
