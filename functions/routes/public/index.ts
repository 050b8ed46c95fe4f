import { newRouter } from '../../http/router';
import { figures } from './figures';

/** /api/public: what anyone may read without signing in. */
export const publicApi = newRouter().route('/', figures);
