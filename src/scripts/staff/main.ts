import { $, $$, focusOn } from '../dom';
import { type Capability, startShell } from '../session';
import { hideCounterAlerts, showCounterAlerts } from './counter-alerts';
import { rememberMe } from './me';
import { hideSiteBanner, showSiteBanner } from './site-banner';

type Panel =
  | 'residents'
  | 'activities'
  | 'requests'
  | 'records'
  | 'ledger'
  | 'merchants'
  | 'accounts'
  | 'settings';
const PANELS: Panel[] = [
  'residents',
  'activities',
  'requests',
  'records',
  'ledger',
  'merchants',
  'accounts',
  'settings',
];
const loaders: Record<Panel, () => Promise<{ mount(root: HTMLElement): void }>> = {
  residents: () => import('./residents'),
  activities: () => import('./activities'),
  requests: () => import('./requests'),
  records: () => import('./records'),
  ledger: () => import('./ledger'),
  merchants: () => import('./merchants'),
  accounts: () => import('./accounts'),
  settings: () => import('./settings'),
};

/**
 * /staff/: one console, panels behind tabs (#residents, #activities, #requests, #records, #ledger,
 * #merchants, and #accounts and #settings for admins). Each panel's code loads the first time it is opened; a
 * tab whose capability the account lacks (data-needs) is not shown, nor opened from the address.
 */
export function start(): void {
  const mounted = new Set<Panel>();
  let allowed = new Set<Panel>();
  const open = async (panel: Panel, focus: boolean) => {
    for (const a of $$<HTMLAnchorElement>('[data-tab]'))
      a.setAttribute('aria-current', a.dataset.tab === panel ? 'page' : 'false');
    for (const p of $$<HTMLElement>('[data-panel]')) p.hidden = p.dataset.panel !== panel;
    const root = $(`[data-panel="${panel}"]`);
    if (!mounted.has(panel)) {
      mounted.add(panel);
      const body = $('[data-panel-body]', root);
      try {
        (await loaders[panel]()).mount(body);
      } catch {
        mounted.delete(panel);
        body.textContent = document.querySelector('[data-boot-error]')?.textContent ?? '';
      }
    }
    if (focus) focusOn($('h2', root));
  };
  const fromHash = (focus: boolean) => {
    const h = location.hash.slice(1) as Panel;
    return open(allowed.has(h) ? h : 'residents', focus);
  };
  void startShell({
    capability: 'staff',
    ready: (_data, who) => {
      rememberMe(who);
      const can = new Set<Capability>(who.can);
      for (const li of $$<HTMLElement>('[data-needs]'))
        li.hidden = !can.has(li.dataset.needs as Capability);
      allowed = new Set(PANELS.filter((p) => !$(`[data-tab="${p}"]`).closest('li')!.hidden));
      void showSiteBanner();
      void showCounterAlerts();
      return fromHash(false);
    },
    signedOut: () => {
      rememberMe(undefined);
      hideSiteBanner();
      hideCounterAlerts();
      // Another staff member may sign in on this device: panels start afresh.
      mounted.clear();
      for (const b of $$<HTMLElement>('[data-panel-body]')) b.replaceChildren();
    },
  });
  window.addEventListener('hashchange', () => void fromHash(true));
}
