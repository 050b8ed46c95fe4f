import type { SiteStatus } from '../http/context';

/** How much of a failed build's output staff are shown: its first line and the end of the log. */
const HEAD = 200;
const TAIL = 400;

export function shortError(message: string): string {
  const text = message.trim();
  return text.length <= HEAD + TAIL ? text : `${text.slice(0, HEAD)} … ${text.slice(-TAIL)}`;
}

/**
 * The public site's build state in the Node server: what staff read at GET /api/staff/site and
 * what decides the public's notice when there is no site to serve.
 */
export class SiteState {
  private current: SiteStatus;

  /** `builtAt`: when the site already on disk (a previous start's) was built, if one is served. */
  constructor(builtAt: string | null = null) {
    this.current = { state: builtAt ? 'ok' : 'building', builtAt, failedAt: null, error: null };
  }

  building(): void {
    this.current = { ...this.current, state: 'building' };
  }

  built(at: Date): void {
    this.current = { state: 'ok', builtAt: at.toISOString(), failedAt: null, error: null };
  }

  failed(at: Date, error: unknown): void {
    this.current = {
      ...this.current,
      state: 'failed',
      failedAt: at.toISOString(),
      error: shortError(error instanceof Error ? error.message : String(error)),
    };
  }

  status(): SiteStatus {
    return { ...this.current };
  }
}
