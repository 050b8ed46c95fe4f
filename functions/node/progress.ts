import { Presets, SingleBar } from 'cli-progress';

export interface Progress {
  update(done: number): void;
  stop(): void;
}

const silent: Progress = { update: () => undefined, stop: () => undefined };

/**
 * A progress bar on stderr, only when stderr is a terminal and the job is large enough to wait
 * for; otherwise nothing (the command prints its summary at the end either way).
 */
export function progressBar(
  label: string,
  total: number,
  options: { minTotal?: number; stream?: NodeJS.WriteStream } = {},
): Progress {
  const stream = options.stream ?? process.stderr;
  if (!stream.isTTY || total < (options.minTotal ?? 500)) return silent;
  const bar = new SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total} | 剩余 ETA {eta_formatted}`,
      stream,
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 100,
      fps: 10,
    },
    Presets.shades_classic,
  );
  bar.start(total, 0);
  let stopped = false;
  return {
    update: (done) => bar.update(Math.min(done, total)),
    stop: () => {
      if (stopped) return;
      stopped = true;
      bar.stop();
    },
  };
}
