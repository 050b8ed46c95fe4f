/**
 * Starts a signed-in page's app from its page script. Only this runs on load; the app is a chunk
 * of its own, fetched here, so the page stays within the JavaScript budget. If that chunk does not
 * arrive (offline, a new deployment), the shell's could-not-load message replaces every view.
 */
export function boot(load: () => Promise<{ start(): void }>): void {
  load()
    .then((app) => app.start())
    .catch(() => {
      for (const v of document.querySelectorAll<HTMLElement>('[data-view]')) v.hidden = true;
      document.querySelector<HTMLElement>('[data-boot-error]')!.hidden = false;
    });
}
