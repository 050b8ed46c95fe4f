import { linli, request } from '../api';
import { sessionHint, startShell } from '../session';
import type { Me } from './app';

export type { Me } from './app';

/**
 * /me/: the resident's phone. This module is only the shell (sign-in, who is signed in); the app itself
 * (balance, code, statement, giving, activities, requests) is a chunk of its own, fetched once the
 * resident is signed in — or at once, beside the probe, when the device says it is — so a
 * signed-out visit loads only what the sign-in form needs.
 */
export function start(): void {
  let parts: { stop(): void } | null = null;
  let app: Promise<typeof import('./app')> | undefined;
  const loadApp = () => (app ??= import('./app'));
  if (sessionHint() === 'resident') loadApp().catch(() => undefined);
  void startShell<Me>({
    capability: 'me',
    load: () => request(linli.me.$get()),
    ready: async (me) => {
      let mount: typeof import('./app')['mount'];
      try {
        ({ mount } = await loadApp());
      } catch {
        // The app's chunk did not load (offline mid-way, a new deployment): say so, offer a reload.
        app = undefined;
        for (const v of document.querySelectorAll<HTMLElement>('[data-view]')) v.hidden = true;
        document.querySelector<HTMLElement>('[data-boot-error]')!.hidden = false;
        return;
      }
      parts?.stop();
      parts = mount(me);
    },
    signedOut: () => {
      parts?.stop();
      parts = null;
    },
  });
}
