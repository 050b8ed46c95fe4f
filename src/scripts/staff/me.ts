import type { WhoAmI } from '../session';

/**
 * Who is signed in to the console and what their role may do: the shell's own answer from
 * GET /api/auth/me at sign-in (src/scripts/session.ts), kept here for the panels that adapt to it
 * (approvals offered only to whoever may approve). Cleared on sign-out.
 */
let mine: WhoAmI | undefined;

export function rememberMe(who: WhoAmI | undefined): void {
  mine = who;
}

export function whoAmI(): WhoAmI | undefined {
  return mine;
}
