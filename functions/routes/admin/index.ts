import { newRouter } from '../../http/router';
import { accounts } from './accounts';
import { activityTypes } from './activity-types';
import { settings } from './settings';
import { teams } from './teams';

/** /api/admin: accounts and the community's configuration. */
export const admin = newRouter()
  .route('/', accounts)
  .route('/', settings)
  .route('/', teams)
  .route('/', activityTypes);
