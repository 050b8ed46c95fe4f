import type { Context } from 'hono';
import type { Database } from '../../db/client';
import type { Principal } from '../domain/people/sessions';
import type { PublishEvent } from '../domain/records/publish';
import type { FaultLog } from './faults';

export type { PublishEvent };

/** The public site's build, as the Node shell knows it (the edge's site is built at deploy: unknown). */
export interface SiteStatus {
  /** building: a build is running; ok: the last build succeeded; failed: the last build failed. */
  state: 'building' | 'ok' | 'failed' | 'unknown';
  /** When the site the public now sees was built; null while there is none (they see a notice). */
  builtAt: string | null;
  failedAt: string | null;
  /** Why the last build failed, shortened. */
  error: string | null;
}

export interface AppDeps {
  database: Database;
  /** The clock; tests move it to exercise expiry, lockouts and code lifetimes. */
  now?: () => Date;
  /** The session cookie is always marked Secure (the edge: always HTTPS); otherwise only on requests served over HTTPS. */
  secureCookies?: boolean;
  /**
   * A reverse proxy in front of the server is trusted: its X-Forwarded-Proto and X-Forwarded-Host
   * decide whether a request came over HTTPS and what its own origin is (functions/http/same-origin.ts).
   */
  trustProxy?: boolean;
  /**
   * Told after a publish (or a change to an already public record) has committed, so the shell can
   * rebuild the static site. It must not throw or block; `waitUntil` is the edge's, when there is one.
   */
  onPublish?: (
    event: PublishEvent,
    context?: { waitUntil?: (promise: Promise<unknown>) => void },
  ) => void;
  /** The public site's build state, for the staff console (the Node shell's; absent on the edge). */
  siteStatus?: () => SiteStatus;
  /**
   * The client's network address, for the sign-in budgets: the shell knows where it is read from
   * (the socket, a trusted proxy's header, CF-Connecting-IP). Absent: every client counts as one.
   */
  clientAddress?: (c: Context) => string | undefined;
  /** Where storage faults are logged (one line per incident); the app makes its own when absent. */
  faultLog?: FaultLog;
}

export type AppEnv = {
  Variables: {
    deps: Required<Pick<AppDeps, 'database' | 'now'>> & AppDeps;
    principal: Principal;
  };
};
