import { api, newKey, sendIdempotent } from './api';
import { $, field, focusOn, h, replace } from './dom';
import { errorText, fmtDateTime, fmtNum, fmtTime, isEn, tr } from './i18n';
import { classify, startScan, cameraPossible, type ScanSession } from './qr-scan';
import { startShell } from './session';
import { mountItemsAdmin } from './counter-items';
import { busy, loadInto, msgBox, say } from './ui';

type Who = { code: string } | { card: string; pin: string };
export type RedemptionBody = ({ code: string } | { card: string; pin: string }) & { points: number; note?: string };
interface Receipt {
  id: number;
  points: number;
  at: string;
  resident: { maskedName: string };
  balanceAfter: number;
}
interface Item {
  id: number;
  name: string;
  points: number;
  active: boolean;
}
interface Profile {
  id: number;
  url: string;
  shopName: string;
  offer: string;
  services: Array<{ id: number; title: string; url: string; schedule: string }>;
  donations: unknown[];
  donatedFen: number;
  redemptions: number;
  pointsRedeemed: number;
}
interface Totals {
  redemptions: number;
  points: number;
  reversals: number;
  netPoints: number;
}

/**
 * One redemption attempt, kept in sessionStorage from the moment the confirm screen opens until a
 * definite answer (2xx or 4xx): its Idempotency-Key and the exact body. A reload, a dropped
 * connection or a double tap resends the SAME key and body, so points move at most once.
 */
export interface Attempt {
  key: string;
  body: RedemptionBody;
  label: string;
  stage: 'confirm' | 'sending';
  openedAt: string;
}
const STORE = 'linli-counter-attempt';
export const attemptStore = {
  load(): Attempt | null {
    try {
      const raw = sessionStorage.getItem(STORE);
      return raw ? (JSON.parse(raw) as Attempt) : null;
    } catch {
      return null;
    }
  },
  save(a: Attempt): void {
    try {
      sessionStorage.setItem(STORE, JSON.stringify(a));
    } catch {
      /* storage full or disabled: the attempt still works, it just cannot survive a reload */
    }
  },
  clear(): void {
    try {
      sessionStorage.removeItem(STORE);
    } catch {
      /* nothing to clear */
    }
  },
};

const spaced = (code: string) => `${code.slice(0, 3)} ${code.slice(3)}`;
const whoLabel = (w: Who) => ('code' in w ? tr('counter.byCode', { code: spaced(w.code) }) : tr('counter.byCard', { card: w.card }));

export function start(): void {
  let flow: { resume(): void } | null = null;
  void startShell<Profile>({
    role: 'merchant',
    probe: '/counter/profile',
    ready: (p) => {
      $('[data-shop]').textContent = p.shopName;
      // Signed in again (say after the session ran out mid-attempt): pick up the stored attempt.
      if (flow) flow.resume();
      else flow = mount();
      renderProfile(p);
      void loadTotals();
    },
  });
}

function mount(): { resume(): void } {
  const app = $('[data-view="app"]');
  const stage = $('[data-stage]', app);
  const msg = $('[data-counter-msg]', app);
  let items: Item[] = [];
  let scan: ScanSession | null = null;
  const stopScan = () => {
    scan?.stop();
    scan = null;
  };

  const loadItems = async () => {
    const res = await api<{ items: Item[] }>('/counter/items');
    if (res.ok) items = res.data.items.filter((i) => i.active);
  };
  // The back office below the counter keeps the offered items in step.
  mountItemsAdmin($('[data-items-admin]', app), (all) => (items = all.filter((i) => i.active)));

  /** Each step starts with the stage at the top of the screen: the next tap is under the thumb. */
  const top = () => stage.scrollIntoView({ block: 'start' });

  // ---- Step 1: who (scan, 6 digits, or paper card + PIN) ----
  const stepWho = (prefill?: Partial<{ card: string }>, error?: string) => {
    stopScan();
    const heading = h('h2', { tabindex: '-1' }, tr('counter.step1'));
    const codeIn = h('input', { type: 'text', inputmode: 'numeric', autocomplete: 'off', maxlength: 7, pattern: '\\d{3} ?\\d{3}', class: 'code-input', name: 'code', enterkeyhint: 'next' });
    const code = field(tr('counter.code'), codeIn, { hint: tr('counter.codeHint') });
    const video = h('video', { class: 'scan-video', hidden: true, muted: true, playsinline: true, 'aria-label': tr('counter.camera') });
    const scanMsg = msgBox();
    const scanBtn = h('button', { type: 'button', class: 'button primary huge', 'data-scan': '' }, tr('counter.scan'));
    const stopBtn = h('button', { type: 'button', class: 'button wide', hidden: true }, tr('counter.stopScan'));
    const next = h('button', { type: 'submit', class: 'button primary huge' }, tr('common.next'));
    const cardToggle = h('button', { type: 'button', class: 'button wide', 'aria-expanded': 'false' }, tr('counter.useCard'));
    const cardNo = field(tr('counter.card'), h('input', { type: 'text', autocomplete: 'off', autocapitalize: 'characters', spellcheck: 'false', name: 'card' }), { hint: tr('counter.cardHint') });
    const pin = field(tr('counter.pin'), h('input', { type: 'password', inputmode: 'numeric', autocomplete: 'off', maxlength: 4, name: 'pin' }), { hint: tr('counter.pinHint') });
    const cardBox = h('div', { class: 'stack', hidden: true }, cardNo.wrap, pin.wrap);
    const form = h('form', { class: 'stack', novalidate: true }, code.wrap, h('p', { class: 'or' }, tr('counter.or')), cardToggle, cardBox, next);
    replace(stage, heading, scanBtn, video, stopBtn, scanMsg, form);
    if (!cameraPossible()) {
      scanBtn.hidden = true;
      say(scanMsg, 'info', tr('counter.noCamera'));
    }
    const useCard = (on: boolean) => {
      cardBox.hidden = !on;
      code.wrap.hidden = on;
      cardToggle.setAttribute('aria-expanded', String(on));
      cardToggle.textContent = on ? tr('counter.useCode') : tr('counter.useCard');
    };
    cardToggle.addEventListener('click', () => {
      const on = cardBox.hidden === true;
      useCard(on);
      (on ? cardNo.input : codeIn).focus();
    });
    if (prefill?.card) {
      useCard(true);
      (cardNo.input as HTMLInputElement).value = prefill.card;
    }
    const submit = () => {
      code.setError(null);
      cardNo.setError(null);
      pin.setError(null);
      if (cardBox.hidden) {
        const c = codeIn.value.replace(/\s+/g, '');
        // A keyboard-style scanner (or a typed card number) in the code field: switch to the card.
        const got = classify(c);
        if (got && 'card' in got) {
          useCard(true);
          (cardNo.input as HTMLInputElement).value = got.card;
          codeIn.value = '';
          pin.input.focus();
          return;
        }
        if (!/^\d{6}$/.test(c)) {
          code.setError(tr('counter.codeInvalid'));
          codeIn.focus();
          return;
        }
        stepAmount({ code: c });
      } else {
        const card = (cardNo.input as HTMLInputElement).value.trim().toUpperCase();
        const p = (pin.input as HTMLInputElement).value.trim();
        if (!/^C\d{4,8}$/.test(card)) {
          cardNo.setError(tr('counter.cardInvalid'));
          cardNo.input.focus();
          return;
        }
        if (!/^\d{4}$/.test(p)) {
          pin.setError(tr('counter.pinInvalid'));
          pin.input.focus();
          return;
        }
        stepAmount({ card, pin: p });
      }
    };
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      submit();
    });
    codeIn.addEventListener('input', () => {
      if (/^\d{6}$/.test(codeIn.value.replace(/\s+/g, ''))) submit();
    });
    scanBtn.addEventListener('click', async () => {
      say(scanMsg, 'info', tr('counter.scanning'));
      video.hidden = false;
      stopBtn.hidden = false;
      scanBtn.hidden = true;
      scan = await startScan(
        video,
        (text) => {
          const got = classify(text);
          if (!got) {
            say(scanMsg, 'warn', tr('counter.scanOther'));
            return false;
          }
          if ('code' in got) queueMicrotask(() => stepAmount(got));
          else
            queueMicrotask(() => {
              stepWho({ card: got.card });
              focusOn(stage.querySelector<HTMLElement>('input[name=pin]'));
            });
          return true;
        },
        (why) => {
          video.hidden = true;
          stopBtn.hidden = true;
          scanBtn.hidden = false;
          say(scanMsg, 'error', tr(why === 'denied' ? 'scan.denied' : why === 'no_camera' ? 'scan.noCamera' : why === 'unsupported' ? 'counter.noCamera' : 'scan.failed'));
          codeIn.focus();
        },
      );
    });
    stopBtn.addEventListener('click', () => {
      stopScan();
      video.hidden = true;
      stopBtn.hidden = true;
      scanBtn.hidden = false;
      say(scanMsg, 'info', null);
      codeIn.focus();
    });
    if (error) say(msg, 'error', error);
    top();
    // With a mouse or a keyboard-style scanner (pointer: fine), the cursor waits in the code field;
    // on a touch screen the heading takes focus so no on-screen keyboard covers the scan button.
    const fine = window.matchMedia?.('(pointer: fine)').matches;
    focusOn(prefill?.card ? (pin.input as HTMLElement) : fine ? codeIn : heading);
  };

  // ---- Step 2: how many points (or one of the shop's items) ----
  const stepAmount = (who: Who, keep?: { points: number; note?: string }) => {
    stopScan();
    say(msg, 'info', null);
    const heading = h('h2', { tabindex: '-1' }, tr('counter.step2'));
    const pts = field(tr('counter.points'), h('input', { type: 'number', inputmode: 'numeric', min: 1, step: 1, class: 'num-input big-input', name: 'points', value: keep?.points ?? '' }));
    const note = field(tr('counter.note'), h('input', { type: 'text', maxlength: 200, name: 'note', value: keep?.note ?? '' }), { hint: tr('common.optional') });
    const change = h('button', { type: 'button', class: 'button' }, tr('counter.change'));
    const itemButtons = items.map((it) => {
      const b = h('button', { type: 'button', class: 'button item', 'aria-pressed': 'false', 'data-item': it.id }, h('span', {}, it.name), h('strong', {}, tr('pts.n', { n: fmtNum(it.points) })));
      b.addEventListener('click', () => {
        for (const o of itemButtons) o.setAttribute('aria-pressed', String(o === b));
        (pts.input as HTMLInputElement).value = String(it.points);
        (note.input as HTMLInputElement).value = it.name;
        next.focus();
      });
      return b;
    });
    const next = h('button', { type: 'submit', class: 'button primary huge' }, tr('counter.toConfirm'));
    const form = h(
      'form',
      { class: 'stack', novalidate: true },
      itemButtons.length ? h('fieldset', { class: 'items' }, h('legend', {}, tr('counter.items')), h('div', { class: 'item-grid' }, itemButtons)) : null,
      pts.wrap,
      note.wrap,
      next,
    );
    replace(stage, heading, h('p', { class: 'who' }, whoLabel(who), ' ', change), form);
    change.addEventListener('click', () => stepWho('card' in who ? { card: who.card } : undefined));
    pts.input.addEventListener('input', () => itemButtons.forEach((b) => b.setAttribute('aria-pressed', 'false')));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const n = Number((pts.input as HTMLInputElement).value);
      if (!Number.isInteger(n) || n < 1 || n > 1_000_000) {
        pts.setError(tr('counter.pointsInvalid'));
        pts.input.focus();
        return;
      }
      const noteText = (note.input as HTMLInputElement).value.trim();
      const body: RedemptionBody = { ...who, points: n, ...(noteText ? { note: noteText } : {}) };
      // The attempt (and its key) is born here, when the confirm screen opens.
      const attempt: Attempt = { key: newKey(), body, label: whoLabel(who), stage: 'confirm', openedAt: new Date().toISOString() };
      attemptStore.save(attempt);
      stepConfirm(attempt);
    });
    top();
    focusOn(items.length ? heading : (pts.input as HTMLElement));
  };

  // ---- Step 3: confirm, send (retrying the same key), receipt ----
  const stepConfirm = (attempt: Attempt, resumed = false) => {
    const heading = h('h2', { tabindex: '-1' }, tr('counter.step3'));
    const confirm = h('button', { type: 'button', class: 'button primary huge', 'data-confirm': '' }, tr('counter.confirm', { n: fmtNum(attempt.body.points) }));
    const back = h('button', { type: 'button', class: 'button wide' }, tr('counter.edit'));
    const retryNow = h('button', { type: 'button', class: 'button wide', hidden: true }, tr('common.retryNow'));
    const state = h('p', { class: 'send-state', role: 'status', 'aria-live': 'polite' });
    const wake = new EventTarget();
    replace(
      stage,
      heading,
      resumed ? h('p', { class: 'msg msg-warn', role: 'status' }, tr('counter.resumed')) : null,
      h('p', { class: 'confirm-big' }, tr('counter.redeemN', { n: fmtNum(attempt.body.points) })),
      h('p', { class: 'who' }, attempt.label, attempt.body.note ? ` · ${attempt.body.note}` : ''),
      confirm,
      state,
      retryNow,
      back,
    );
    back.addEventListener('click', () => {
      attemptStore.clear();
      const { points, note, ...who } = attempt.body;
      stepAmount(who as Who, { points, note });
    });
    retryNow.addEventListener('click', () => wake.dispatchEvent(new Event('wake')));
    let sending = false;
    const send = async () => {
      // Disabled on the first tap; a second tap (or a tap during a retry) does nothing.
      if (sending) return;
      sending = true;
      confirm.disabled = true;
      back.disabled = true;
      confirm.textContent = tr('counter.sending');
      attemptStore.save({ ...attempt, stage: 'sending' });
      state.textContent = tr('common.sending');
      const res = await sendIdempotent<Receipt>('/counter/redemptions', attempt.body, attempt.key, {
        wake,
        onRetry: (p) => {
          retryNow.hidden = false;
          state.textContent = tr('counter.retrying', { n: p.attempt, s: Math.ceil(p.waitMs / 1000), why: errorText(p.last) });
        },
      });
      // Signed out meanwhile: not an answer about the points. Keep the attempt; it resumes after sign-in.
      if (!res.ok && res.status === 401) return;
      // A definite answer (2xx or 4xx): the attempt is over either way.
      attemptStore.clear();
      if (res.ok) return receipt(res.data, attempt);
      const { points, note, ...who } = attempt.body;
      const text = errorText(res);
      if (res.code === 'insufficient_points' || res.code === 'idempotency_mismatch') stepAmount(who as Who, { points, note });
      else if (res.code === 'pin_invalid' || res.code === 'card_locked' || res.code === 'card_invalid') stepWho('card' in who ? { card: who.card } : undefined);
      else stepWho();
      say(msg, 'error', text);
      focusOn(msg);
    };
    confirm.addEventListener('click', () => void send());
    top();
    if (attempt.stage === 'sending') void send();
    else focusOn(heading);
  };

  const receipt = (r: Receipt, attempt: Attempt) => {
    const heading = h('h2', { tabindex: '-1', class: 'ok-title' }, tr('counter.done'));
    const nextOne = h('button', { type: 'button', class: 'button primary huge', 'data-next': '' }, tr('counter.next'));
    replace(
      stage,
      heading,
      h(
        'dl',
        { class: 'receipt', 'data-receipt': r.id },
        h('dt', {}, tr('counter.resident')),
        h('dd', {}, r.resident.maskedName),
        h('dt', {}, tr('counter.redeemed')),
        h('dd', { class: 'big' }, tr('pts.n', { n: fmtNum(r.points) })),
        h('dt', {}, tr('counter.balanceAfter')),
        h('dd', { 'data-balance-after': r.balanceAfter }, tr('pts.n', { n: fmtNum(r.balanceAfter) })),
        attempt.body.note ? [h('dt', {}, tr('counter.note')), h('dd', {}, attempt.body.note)] : null,
        h('dt', {}, tr('counter.time')),
        h('dd', {}, fmtTime(r.at)),
        h('dt', {}, tr('counter.receiptNo')),
        h('dd', {}, `#${r.id}`),
      ),
      nextOne,
    );
    nextOne.addEventListener('click', () => stepWho());
    top();
    focusOn(heading);
    void loadTotals();
  };

  const resume = () => {
    const pending = attemptStore.load();
    if (pending) stepConfirm(pending, true);
    else stepWho();
  };
  void loadItems().then(resume);
  $('[data-refresh-totals]', app).addEventListener('click', (e) => void busy(e.currentTarget as HTMLButtonElement, loadTotals));
  return { resume };
}

async function loadTotals(): Promise<void> {
  const box = $('[data-totals]');
  await loadInto(box, () => api<{ today: Totals & { date: string }; month: Totals & { month: string } }>('/counter/totals'), ({ today, month }) => {
    const fig = (title: string, t: Totals) =>
      h('li', {}, h('span', {}, title), h('strong', {}, tr('pts.n', { n: fmtNum(t.netPoints) })), h('span', { class: 'meta' }, tr('counter.count', { n: fmtNum(t.redemptions) }), t.reversals ? ` · ${tr('counter.reversals', { n: t.reversals })}` : ''));
    box.append(h('ul', { class: 'figures' }, fig(tr('counter.today'), today), fig(tr('counter.month'), month)));
  });
  const list = $('[data-recent]');
  await loadInto(list, () => api<{ redemptions: Array<{ id: number; at: string; points: number; kind: string; memo: string }> }>('/counter/redemptions?limit=20'), ({ redemptions }) => {
    if (redemptions.length === 0) return list.append(h('p', { class: 'meta' }, tr('counter.noneYet')));
    list.append(
      h(
        'ol',
        { class: 'link-list' },
        redemptions.map((r) =>
          h('li', {}, h('strong', {}, r.kind === 'reversal' ? tr('kind.reversal') : tr('kind.redeem'), ' ', tr('pts.n', { n: fmtNum(Math.abs(r.points)) })), h('span', { class: 'meta' }, `${fmtDateTime(r.at)} · #${r.id}${r.memo ? ` · ${r.memo}` : ''}`)),
        ),
      ),
    );
  });
}

function renderProfile(p: Profile): void {
  const box = $('[data-profile]');
  replace(
    box,
    h('p', {}, p.offer),
    h(
      'ul',
      { class: 'figures' },
      h('li', {}, h('span', {}, tr('counter.pub.redemptions')), h('strong', {}, fmtNum(p.redemptions))),
      h('li', {}, h('span', {}, tr('counter.pub.points')), h('strong', {}, fmtNum(p.pointsRedeemed))),
      h('li', {}, h('span', {}, tr('counter.pub.services')), h('strong', {}, fmtNum(p.services.length))),
      h('li', {}, h('span', {}, tr('counter.pub.donations')), h('strong', {}, fmtNum(p.donations.length))),
    ),
    // The public page in the reader's language (/merchants/#merchant-<id> or /en/merchants/…).
    h('p', {}, h('a', { class: 'tap', href: isEn() && p.url.startsWith('/') ? `/en${p.url}` : p.url, 'data-public-record': '' }, tr('counter.pub.link'))),
  );
}

