import { newRouter } from '../../http/router';
import { items } from './items';
import { redemptions } from './redemptions';

/** /api/counter: a partner merchant's counter (redemptions) and back office (items, totals, shop profile). */
export const counter = newRouter().route('/', redemptions).route('/', items);
