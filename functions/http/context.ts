import type { Database } from '../../db/client';
import type { Principal } from '../domain/people/sessions';
import type { PublishEvent } from '../domain/records/publish';

export type { PublishEvent };

export interface AppDeps {
  database: Database;
  /** The clock; tests move it to exercise expiry, lockouts and code lifetimes. */
  now?: () => Date;
  /** Whether the session cookie is marked Secure (true behind HTTPS). */
  secureCookies?: boolean;
  /**
   * Told after a publish (or a change to an already public record) has committed, so the shell can
   * rebuild the static site. It must not throw or block; `waitUntil` is the edge's, when there is one.
   */
  onPublish?: (event: PublishEvent, context?: { waitUntil?: (promise: Promise<unknown>) => void }) => void;
}

export type AppEnv = {
  Variables: {
    deps: Required<Pick<AppDeps, 'database' | 'now'>> & AppDeps;
    principal: Principal;
  };
};
