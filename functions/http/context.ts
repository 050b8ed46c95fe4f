import type { Database } from '../../db/client';
import type { Principal } from '../domain/people/sessions';

export interface AppDeps {
  database: Database;
  /** The clock; tests move it to exercise expiry, lockouts and code lifetimes. */
  now?: () => Date;
  /** Whether the session cookie is marked Secure (true behind HTTPS). */
  secureCookies?: boolean;
}

export type AppEnv = {
  Variables: {
    deps: Required<Pick<AppDeps, 'database' | 'now'>> & AppDeps;
    principal: Principal;
  };
};
