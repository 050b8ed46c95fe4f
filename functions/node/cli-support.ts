import { isAbsolute, resolve } from 'node:path';

/**
 * What the staff command line shares: its error type and exit codes, where it writes, and how it
 * resolves the paths people type. (Kept free of the database modules, so `--help` starts fast.)
 */

export const EXIT_OK = 0;
/** A check failed (bad rows, a broken ledger) or the command could not be done. */
export const EXIT_FAILED = 1;
/** The command line itself was wrong (unknown command, bad option). */
export const EXIT_USAGE = 2;

/** A refusal the CLI explains and exits with; no stack trace is shown. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = EXIT_FAILED,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export type Env = Record<string, string | undefined>;

/** Results go to stdout; messages about the run go to stderr (so `export-ledger > file` stays clean). */
export interface Output {
  out(line: string): void;
  err(line: string): void;
}

export const consoleOutput: Output = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/**
 * A path the user typed, made absolute. Under `npm run`, the process starts in the project root,
 * so relative paths are taken from the folder npm was started in (INIT_CWD).
 */
export function userPath(path: string): string {
  if (isAbsolute(path)) return path;
  const base =
    process.env.npm_lifecycle_event && process.env.INIT_CWD ? process.env.INIT_CWD : process.cwd();
  return resolve(base, path);
}

/** `1234567` → `1,234,567`. */
export const n = (value: number) => (value + 0).toLocaleString('en-US');
