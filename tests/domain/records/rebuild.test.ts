import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SiteRebuilder } from '../../../functions/node/rebuild';

/** A fake build: records when each build starts and ends, finishing when the test says so. */
function fakeBuild() {
  const log: string[] = [];
  let running = 0;
  let maxRunning = 0;
  const finishers: Array<(error?: Error) => void> = [];
  const build = () =>
    new Promise<void>((resolve, reject) => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      log.push(`start@${Date.now()}`);
      finishers.push((error) => {
        running--;
        log.push(`end@${Date.now()}`);
        if (error) reject(error);
        else resolve();
      });
    });
  return {
    build,
    log,
    get maxRunning() {
      return maxRunning;
    },
    /** Finishes the oldest unfinished build. */
    finish(error?: Error) {
      const next = finishers.shift();
      if (!next) throw new Error('no build is running');
      next(error);
    },
    get pending() {
      return finishers.length;
    },
  };
}

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('SiteRebuilder', () => {
  it('coalesces a burst of publishes into one build, after the quiet time', async () => {
    const fake = fakeBuild();
    const rebuilder = new SiteRebuilder(fake.build, { delayMs: 2000 });
    for (let i = 0; i < 5; i++) {
      rebuilder.request();
      await vi.advanceTimersByTimeAsync(500);
    }
    // The last ask was 500 ms ago: still waiting for quiet.
    expect(fake.log).toEqual([]);
    expect(rebuilder.busy).toBe(true);
    await vi.advanceTimersByTimeAsync(1500);
    expect(fake.log).toEqual(['start@4000']);
    fake.finish();
    await rebuilder.idle();
    expect(rebuilder.builds).toBe(1);
    expect(rebuilder.busy).toBe(false);
  });

  it('still builds during a steady stream of publishes, at least every maxWait', async () => {
    const fake = fakeBuild();
    const rebuilder = new SiteRebuilder(fake.build, { delayMs: 2000, maxWaitMs: 10_000 });
    for (let t = 0; t < 15_000; t += 1000) {
      rebuilder.request();
      await vi.advanceTimersByTimeAsync(1000);
      if (fake.pending) fake.finish();
    }
    expect(fake.log[0]).toBe('start@10000');
  });

  it('never runs two builds at once: publishes during a build give exactly one more build after it', async () => {
    const fake = fakeBuild();
    const rebuilder = new SiteRebuilder(fake.build, { delayMs: 2000 });
    rebuilder.request();
    await vi.advanceTimersByTimeAsync(2000);
    expect(fake.pending).toBe(1);
    for (let i = 0; i < 3; i++) {
      rebuilder.request();
      rebuilder.request(0);
      await vi.advanceTimersByTimeAsync(10_000);
    }
    expect(fake.pending).toBe(1);
    expect(rebuilder.builds).toBe(1);

    fake.finish();
    await vi.advanceTimersByTimeAsync(1999);
    expect(fake.pending).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(fake.pending).toBe(1);
    fake.finish();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(rebuilder.builds).toBe(2);
    expect(fake.maxRunning).toBe(1);
    await rebuilder.idle();
  });

  it('reports a failed build and keeps working', async () => {
    const fake = fakeBuild();
    const errors: unknown[] = [];
    const rebuilder = new SiteRebuilder(fake.build, {
      delayMs: 100,
      onError: (e) => errors.push(e),
    });
    rebuilder.request();
    await vi.advanceTimersByTimeAsync(100);
    fake.finish(new Error('astro exploded'));
    await rebuilder.idle();
    expect(errors.map((e) => (e as Error).message)).toEqual(['astro exploded']);
    rebuilder.request();
    await vi.advanceTimersByTimeAsync(100);
    fake.finish();
    await rebuilder.idle();
    expect(rebuilder.builds).toBe(2);
  });

  it('idle() waits for the pending and the follow-up build; request(0) builds at once; stop() drops a waiting build', async () => {
    const fake = fakeBuild();
    const rebuilder = new SiteRebuilder(fake.build, { delayMs: 2000 });
    let idle = false;
    rebuilder.request(0);
    void rebuilder.idle().then(() => (idle = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.pending).toBe(1);
    rebuilder.request();
    fake.finish();
    await vi.advanceTimersByTimeAsync(0);
    expect(idle).toBe(false);
    await vi.advanceTimersByTimeAsync(2000);
    fake.finish();
    await vi.advanceTimersByTimeAsync(0);
    expect(idle).toBe(true);

    rebuilder.request();
    rebuilder.stop();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(rebuilder.builds).toBe(2);
    await rebuilder.idle();
  });
});
