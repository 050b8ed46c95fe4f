import { newRouter } from '../../http/router';
import { session } from './session';

/** /api/auth: sign in and out, who is signed in, change of password. */
export const auth = newRouter().route('/', session);
