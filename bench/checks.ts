/** The run's sanity checks: each is one test in the closing line CI reads. */
export const problems: string[] = [];
let checks = 0;

/** A figure must be a finite number above `min`. */
export const sane = (what: string, x: unknown, min = 0) => {
  checks++;
  if (typeof x !== 'number' || !Number.isFinite(x) || x <= min)
    problems.push(`${what}: ${String(x)}`);
};

export const checksRun = () => checks;
