import type { TestProject } from 'vitest/node';
import { startPortal } from './harness';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The real portal (API + built site) every browser test talks to. */
    origin: string;
  }
}

/** One portal per run: a fresh demo database, the site built once, the Node shell on a free port. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const portal = await startPortal({ log: console.log });
  project.provide('origin', portal.origin);
  return () => portal.close();
}
