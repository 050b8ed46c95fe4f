/**
 * Rebuilds the public site after publishes, one build at a time. A publish asks for a build; the
 * build starts once publishing has been quiet for `delayMs` (a burst of publishes — a meeting's
 * records entered one after another — gives one build), but a steady stream still builds at least
 * every `maxWaitMs`. Builds never overlap: a publish during a build asks for exactly one more
 * build after it, which will see everything published so far.
 */
export interface SiteRebuilderOptions {
  delayMs?: number;
  maxWaitMs?: number;
  onError?: (error: unknown) => void;
}

export class SiteRebuilder {
  private readonly delayMs: number;
  private readonly maxWaitMs: number;
  private readonly onError: (error: unknown) => void;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private firstAskedAt: number | undefined;
  private building = false;
  private askedDuringBuild = false;
  private waiters: Array<() => void> = [];
  /** Builds started so far (for logs and tests). */
  builds = 0;

  constructor(
    private readonly build: () => Promise<void>,
    options: SiteRebuilderOptions = {},
  ) {
    this.delayMs = options.delayMs ?? 2000;
    this.maxWaitMs = options.maxWaitMs ?? 30_000;
    this.onError = options.onError ?? ((error) => console.error(error));
  }

  /** Asks for a build `delayMs` from now (0: as soon as possible), coalescing with any pending ask. */
  request(delayMs = this.delayMs): void {
    if (this.building) {
      this.askedDuringBuild = true;
      return;
    }
    const now = Date.now();
    this.firstAskedAt ??= now;
    const wait = Math.max(0, Math.min(delayMs, this.firstAskedAt + this.maxWaitMs - now));
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.run(), wait);
  }

  /** True while a build is waiting or running. */
  get busy(): boolean {
    return this.building || this.timer !== undefined;
  }

  /** Resolves once no build is waiting or running. */
  idle(): Promise<void> {
    if (!this.busy) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Drops a waiting build (at shutdown); a running one finishes. */
  stop(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.firstAskedAt = undefined;
    this.askedDuringBuild = false;
    this.settle();
  }

  private async run(): Promise<void> {
    this.timer = undefined;
    this.firstAskedAt = undefined;
    this.building = true;
    this.builds++;
    try {
      await this.build();
    } catch (error) {
      this.onError(error);
    } finally {
      this.building = false;
    }
    if (this.askedDuringBuild) {
      this.askedDuringBuild = false;
      this.request();
    }
    this.settle();
  }

  private settle(): void {
    if (this.busy) return;
    for (const resolve of this.waiters.splice(0)) resolve();
  }
}
