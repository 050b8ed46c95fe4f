import { linli, request } from './api';
import { attemptStore } from './counter/attempt';
import type { Counter, Item } from './counter/context';
import { showBalance } from './counter/lookup';
import { loadTotals, type Profile, renderProfile } from './counter/overview';
import { showReceipt } from './counter/receipt';
import { stepAmount } from './counter/step-amount';
import { stepConfirm } from './counter/step-confirm';
import { stepWho } from './counter/step-who';
import { mountItemsAdmin } from './counter-items';
import { $, focusOn } from './dom';
import { tr } from './i18n';
import type { ScanSession } from './qr-scan';
import { startShell } from './session';
import { busy, say } from './ui';

export { type Attempt, attemptStore, type RedemptionBody } from './counter/attempt';

/**
 * The merchant counter: who (scan, code or card, looked up) → how many points → confirm and send → receipt.
 * Each step lives in counter/; this module signs the merchant in and wires the steps together.
 */
export function start(): void {
  let flow: { resume(): void } | null = null;
  void startShell<Profile>({
    capability: 'counter',
    load: () => request(linli.counter.profile.$get()),
    ready: (p) => {
      $('[data-shop]').textContent = p.shopName;
      // Signed in again (say after the session ran out mid-attempt): pick up the stored attempt.
      if (flow) flow.resume();
      else flow = mount();
      renderProfile(p);
      // Paused by staff: said before anyone is asked for a code (the server refuses either way).
      if (p.suspended) say($('[data-counter-msg]'), 'warn', tr('counter.profile.suspended'));
      void loadTotals();
    },
  });
}

function mount(): { resume(): void } {
  const app = $('[data-view="app"]');
  const stage = $('[data-stage]', app);
  let items: Item[] = [];
  let session: ScanSession | null = null;
  const c: Counter = {
    stage,
    msg: $('[data-counter-msg]', app),
    shop: () => $('[data-shop]').textContent ?? '',
    items: () => items,
    reloadItems: () => loadItems(),
    scan: {
      set: (s) => (session = s),
      stop: () => {
        session?.stop();
        session = null;
      },
    },
    top: () => stage.scrollIntoView({ block: 'start' }),
    fail: (text) => {
      say(c.msg, 'error', text);
      focusOn(c.msg);
    },
    who: (from) => stepWho(c, from),
    amount: (who, found, keep) => stepAmount(c, who, found, keep),
    balance: (who, found) => showBalance(c, who, found),
    confirm: (attempt, resumed) => stepConfirm(c, attempt, resumed),
    receipt: (r, attempt) => showReceipt(c, r, attempt),
  };

  const loadItems = async () => {
    const res = await request(linli.counter.items.$get());
    if (res.ok) items = res.data.items.filter((i) => i.active);
  };
  // The back office below the counter keeps the offered items in step.
  mountItemsAdmin($('[data-items-admin]', app), (all) => (items = all.filter((i) => i.active)));

  const resume = () => {
    const pending = attemptStore.load();
    if (pending) c.confirm(pending, true);
    else c.who();
  };
  void loadItems().then(resume);
  $('[data-refresh-totals]', app).addEventListener(
    'click',
    (e) => void busy(e.currentTarget as HTMLButtonElement, loadTotals),
  );
  return { resume };
}
