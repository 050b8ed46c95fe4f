import { $, $$, focusOn } from '../dom';
import { startShell } from '../session';
import { forgetMe, whoAmI, type Capability } from './me';

type Panel = 'residents' | 'activities' | 'requests' | 'records' | 'ledger' | 'settings';
const PANELS: Panel[] = ['residents', 'activities', 'requests', 'records', 'ledger', 'settings'];
/** Panels only some roles see (their tab is hidden until /api/auth/me says the role may). */
const NEEDS: Partial<Record<Panel, Capability>> = { settings: 'admin' };
const loaders: Record<Panel, () => Promise<{ mount(root: HTMLElement): void }>> = {
  residents: () => import('./residents'),
  activities: () => import('./activities'),
  requests: () => import('./requests'),
  records: () => import('./records'),
  ledger: () => import('./ledger'),
  settings: () => import('./settings'),
};

/**
 * /staff/: one console, panels behind tabs (#residents, #activities, #requests, #records,
 * #ledger, and #settings for the administrator). Each panel's code loads the first time it is opened.
 */
export function start(): void {
  const mounted = new Set<Panel>();
  let may = new Set<Capability>();
  const open = async (wanted: Panel, focus: boolean) => {
    const needs = NEEDS[wanted];
    const panel = needs && !may.has(needs) ? 'residents' : wanted;
    for (const a of $$<HTMLAnchorElement>('[data-tab]')) a.setAttribute('aria-current', a.dataset.tab === panel ? 'page' : 'false');
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
    return open(PANELS.includes(h) ? h : 'residents', focus);
  };
  void startShell({
    role: 'staff',
    probe: '/staff/activity-types',
    ready: async () => {
      const me = await whoAmI();
      may = new Set(me.ok ? me.data.can : []);
      for (const li of $$<HTMLElement>('[data-needs]')) li.hidden = !may.has(li.dataset.needs as Capability);
      await fromHash(false);
    },
    signedOut: () => {
      // Another staff member may sign in on this device: panels and what they may do start afresh.
      forgetMe();
      may = new Set();
      for (const li of $$<HTMLElement>('[data-needs]')) li.hidden = true;
      mounted.clear();
      for (const b of $$<HTMLElement>('[data-panel-body]')) b.replaceChildren();
    },
  });
  window.addEventListener('hashchange', () => void fromHash(true));
}
