import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { localYear } from '../../functions/domain/shared/time';
import { apiAs, desk, phone, useBrowser } from './browser';
import { type InitPortal, startInitPortal } from './harness';

/**
 * A real community set up by init (never the demo), shared by the real-community test files: the
 * portal on the fixture's clock, pages that see it, and the way from a file's start to the state
 * the day-to-day scenario begins in.
 */

/** The fixture's date style: a Monday morning in Beijing. Everything below follows this clock, never today's. */
export const START = new Date('2026-03-09T02:00:00Z');
export const ADMIN = { login: 'wang.admin', password: 'admin-pass-2026' };
export const FIRST = 'first-pass-123';
export const OWN = 'own-pass-4567';

export type Api = Awaited<ReturnType<typeof apiAs>>;
export type ResidentRow = {
  id: number;
  login: string;
  name: string;
  card: string | null;
  balance: number;
};

/** 20 residents as a community's own spreadsheet has them: five with a password, one elder with only a paper card. */
export function residentsCsv(): string {
  const lines = ['login,full_name,phone,compound,building,unit,door,password,card,pin'];
  for (let i = 1; i <= 20; i++) {
    const n = String(i).padStart(2, '0');
    const password = i <= 5 ? `resident-pass-${n}` : '';
    const card = i === 20 ? 'C5020,2468' : ',';
    const tel = i === 20 ? '' : `1390000${String(1000 + i)}`;
    lines.push(
      `xfl${n},居民${n},${tel},幸福里,${Math.ceil(i / 4)}栋,1单元,${100 + i},${password},${card}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

export interface Community {
  portal: () => InitPortal;
  /** A desk-sized or phone-sized context whose pages see the test's clock. */
  open: (size: 'desk' | 'phone') => Promise<Page>;
  as: (login: string, password?: string) => Promise<Api>;
  resident: (staff: Api, login: string) => Promise<ResidentRow>;
  /** Every uncaught error of every page opened: each test ends by expecting none. */
  errors: string[];
}

/** Starts the community before the file's tests (then runs `prepare` on it) and closes it after. */
export function useCommunity(prepare?: (portal: InitPortal) => Promise<void>): Community {
  const browser = useBrowser();
  let started: InitPortal | undefined;
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];
  const portal = () => started!;

  beforeAll(async () => {
    started = await startInitPortal({ now: START, name: '幸福里社区', admin: ADMIN });
    await prepare?.(started);
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await started?.close();
  });

  async function open(size: 'desk' | 'phone'): Promise<Page> {
    const ctx = await (size === 'desk' ? desk : phone)(browser(), portal().origin);
    await ctx.clock.install({ time: portal().clock.now() });
    contexts.push(ctx);
    const page = await ctx.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    return page;
  }

  const as = (login: string, password = OWN): Promise<Api> =>
    apiAs(portal().origin, login, password);
  const resident = async (staff: Api, login: string): Promise<ResidentRow> => {
    const found = (
      await staff<{ residents: ResidentRow[] }>(`/staff/residents?query=${login}`)
    ).body.residents.find((r) => r.login === login);
    if (!found) throw new Error(`no resident ${login}`);
    return found;
  };
  return { portal, open, as, resident, errors };
}

export type Thresholds = {
  perAwardThreshold: number;
  perBatchThreshold: number;
  expiryYears: number;
};

/**
 * Through the API, where the set-up scenario leaves the community for the day-to-day one: the staff
 * member who imported the residents (their own password chosen), a colleague and the noodle shop
 * still on their temporary password, the 20 residents, and the activity's 20 points to each of its
 * three. Returns the settings' thresholds and the year of those points' lot.
 */
export async function setUpByApi(
  portal: InitPortal,
): Promise<{ thresholds: Thresholds; lotYear: number }> {
  const admin = await apiAs(portal.origin, ADMIN.login, ADMIN.password);
  const accounts = [
    { role: 'staff', login: 'li.staff', name: '李社工' },
    { role: 'staff', login: 'zhao.staff', name: '赵社工' },
    {
      role: 'merchant',
      login: 'shop.mian',
      name: '老张面馆',
      shop: {
        shopName: '老张面馆',
        category: '餐饮',
        address: '幸福路 1 号',
        openingHours: '每天 7:00–20:00',
        offer: '老人吃面九折',
      },
    },
  ];
  for (const a of accounts)
    expectStatus(
      await admin('/admin/accounts', { body: { ...a, password: FIRST, mustChangePassword: true } }),
      201,
      a.login,
    );
  const first = await apiAs(portal.origin, 'li.staff', FIRST);
  expectStatus(
    await first('/auth/password', { body: { currentPassword: FIRST, newPassword: OWN } }),
    200,
    'li.staff password',
  );
  const staff = await apiAs(portal.origin, 'li.staff', OWN);
  const imported = await staff<{ residents: Array<{ id: number; login: string }> }>(
    '/staff/residents/import',
    { body: { csv: residentsCsv() } },
  );
  expectStatus(imported, 201, 'import');
  for (const r of imported.body.residents.filter((x) =>
    ['xfl01', 'xfl02', 'xfl03'].includes(x.login),
  )) {
    expectStatus(
      await staff('/staff/awards', {
        body: { residentId: r.id, points: 20, reason: '幸福里楼道清洁' },
        key: `set-up-${r.login}`,
      }),
      201,
      `award ${r.login}`,
    );
  }
  const thresholds = (await admin<Thresholds>('/admin/settings')).body;
  return { thresholds, lotYear: localYear(portal.clock.now()) };
}

function expectStatus(res: { status: number; body: unknown }, status: number, what: string): void {
  if (res.status !== status)
    throw new Error(`set-up ${what}: ${res.status} ${JSON.stringify(res.body)}`);
}
