import { newRouter } from '../../http/router';
import { account } from './account';
import { activities } from './activities';
import { points } from './points';
import { requests } from './requests';

/** /api/me: the signed-in resident's points, account, activities and service requests. */
export const me = newRouter()
  .route('/', points)
  .route('/', account)
  .route('/', activities)
  .route('/', requests);
