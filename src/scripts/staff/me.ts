import { api, type ApiResult } from '../api';
import type { Role } from '../session';

export type Capability = 'me' | 'counter' | 'staff' | 'approve' | 'admin';

/** Who is signed in to the console, and what their role may do (GET /api/auth/me), asked once per sign-in. */
export interface Me {
  userId: number;
  login: string;
  name: string;
  role: Role;
  can: Capability[];
}

let mine: Promise<ApiResult<Me>> | undefined;

export function whoAmI(): Promise<ApiResult<Me>> {
  mine ??= api<Me>('/auth/me').then((res) => {
    if (!res.ok) mine = undefined;
    return res;
  });
  return mine;
}

/** Another person may sign in on this device: ask again. */
export function forgetMe(): void {
  mine = undefined;
}
