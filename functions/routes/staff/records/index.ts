import { newRouter } from '../../../http/router';
import { charityRoutes } from './charity';
import { deliberationRoutes } from './deliberations';
import { expenseRoutes } from './expenses';
import { organizationRoutes } from './organizations';
import { serviceRoutes } from './services';

/**
 * The staff write side of the public records, mounted at /api/staff/records. Staff only, every
 * route. Their history is in the audit log (/api/staff/audit?entity=expense&entityId=…).
 */
export const records = newRouter()
  .route('/', organizationRoutes)
  .route('/', serviceRoutes)
  .route('/', deliberationRoutes)
  .route('/', charityRoutes)
  .route('/', expenseRoutes);
