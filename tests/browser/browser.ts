import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

/**
 * Debian's Chromium, headless. Playwright gives every launch a fresh temporary profile (it refuses
 * --user-data-dir in launch()); no first-run, no background traffic.
 */
/** One Chromium for the enclosing describe block: launched before its tests, closed after them. */
export function useBrowser(): () => Browser {
  let launched: { browser: Browser; close(): Promise<void> } | undefined;
  beforeAll(async () => {
    launched = await launch();
  });
  afterAll(() => launched?.close());
  return () => launched!.browser;
}

export async function launch(): Promise<{ browser: Browser; close(): Promise<void> }> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    browser,
    async close() {
      await browser.close();
    },
  };
}

export const PHONE = { width: 360, height: 780 } as const;

/** A desk-sized context for the staff console (1280×900, zh-CN, community time zone). */
export function desk(browser: Browser, origin: string): Promise<BrowserContext> {
  return browser.newContext({
    baseURL: origin,
    viewport: { width: 1280, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
}

/** Every page this page opens from now on is in 长辈版, as after a tap on the header's toggle (it is remembered in localStorage). */
export async function inLargeText(page: Page): Promise<void> {
  await page.addInitScript(() => localStorage.setItem('linli-large', '1'));
}

/** The public pages (zh-CN paths; English under /en) that whole-site checks walk. */
export const PUBLIC_PAGES = [
  '/',
  '/services/',
  '/deliberations/',
  '/deliberations/1/',
  '/charity/',
  '/merchants/',
  '/organizations/',
  '/volunteers/',
  '/verify/',
  '/data/',
  '/search/',
];

/** A phone-sized context (360×780, touch, zh-CN, community time zone). */
export function phone(
  browser: Browser,
  origin: string,
  extra: Parameters<Browser['newContext']>[0] = {},
): Promise<BrowserContext> {
  return browser.newContext({
    baseURL: origin,
    viewport: PHONE,
    deviceScaleFactor: 1,
    hasTouch: true,
    isMobile: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    ...extra,
  });
}

export const screenshotDir = resolve(import.meta.dirname, '..', 'output', 'screenshots');

export async function shot(page: Page, name: string, fullPage = true): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path, fullPage });
  return path;
}

/** Signs in through the page's own form (the way a person does). */
export async function signIn(
  page: Page,
  path: string,
  login: string,
  password = 'linli-demo',
): Promise<void> {
  await page.goto(path);
  await page.locator('[data-view="signin"]').waitFor({ state: 'visible' });
  await page.getByLabel(/登录名|Login/).fill(login);
  await page.getByLabel(/^密码$|^Password$/).fill(password);
  await page.locator('form[data-signin] button[type=submit]').click();
  await page.locator('[data-view="app"]').waitFor({ state: 'visible' });
}

/** Signs in through the form and expects the temporary password's change form, not the app. */
export async function signInToChange(
  page: Page,
  path: string,
  login: string,
  password: string,
): Promise<void> {
  await page.goto(path);
  await page.locator('[data-view="signin"]').waitFor({ state: 'visible' });
  await page.getByLabel('登录名').fill(login);
  await page.getByLabel(/^密码$/).fill(password);
  await page.locator('form[data-signin] button[type=submit]').click();
  await page.locator('[data-view="password"]').waitFor({ state: 'visible' });
}

/** The forced change of a temporary password, through its own form; then the app. */
export async function changeForced(page: Page, temporary: string, next: string): Promise<void> {
  const view = page.locator('[data-view="password"]');
  await view.getByLabel('临时密码').fill(temporary);
  await view.getByLabel('新密码', { exact: true }).fill(next);
  await view.getByLabel('再输入一次新密码').fill(next);
  await view.getByRole('button', { name: '保存新密码' }).click();
  await page.locator('[data-view="app"]').waitFor({ state: 'visible' });
}

/** The API as a given user (bearer token), for setting up and checking what the pages did. */
export async function apiAs(origin: string, login: string, password = 'linli-demo') {
  const res = await fetch(`${origin}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password }),
  });
  if (!res.ok) throw new Error(`login ${login}: ${res.status}`);
  const { token } = (await res.json()) as { token: string };
  return async <T = any>(
    path: string,
    init: { method?: string; body?: unknown; key?: string } = {},
  ): Promise<{ status: number; body: T }> => {
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    if (init.key) headers['idempotency-key'] = init.key;
    const r = await fetch(`${origin}/api${path}`, {
      method: init.method ?? (init.body !== undefined ? 'POST' : 'GET'),
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    return { status: r.status, body: (await r.json().catch(() => null)) as T };
  };
}

/** Collects uncaught page errors: every test ends by expecting none. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

/** Every message the page logs as a console error (failed loads included: a 401 logs one). */
export function watchConsoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  return errors;
}

/**
 * Sections with content-visibility: auto keep a placeholder size until they come near the viewport,
 * so the boxes inside them overlap what follows. Checks that measure geometry lay everything out
 * for real first, as it is when a person scrolls to it.
 */
export async function layOutEverything(page: Page): Promise<void> {
  // A constructed stylesheet, not a <style> element: the pages' CSP refuses inline styles.
  await page.evaluate(() => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync('* { content-visibility: visible !important; }');
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  });
}

const AXE_SOURCE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
let axeSource: string | undefined;
/** The WCAG 2.0, 2.1 and 2.2 rules at levels A and AA: the portal's promise ("WCAG 2.2 AA everywhere"). */
const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * Runs axe-core (the engine inside Lighthouse's accessibility audit) on what the page shows now, and
 * returns one line per violation and element: rule, element, what is wrong with it, and the rule's
 * summary. Hidden views are not checked: axe skips them.
 */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  // Evaluated through the browser's debugging protocol, which the pages' CSP does not govern (a
  // <script> tag added to the page would be refused as inline script).
  if (!(await page.evaluate(() => 'axe' in window))) {
    axeSource ??= readFileSync(AXE_SOURCE, 'utf8');
    await page.evaluate(axeSource);
  }
  await layOutEverything(page);
  const violations = await page.evaluate(async (tags) => {
    const result = await (
      window as unknown as {
        axe: {
          run(
            ctx: Document,
            options: object,
          ): Promise<{
            violations: Array<{
              id: string;
              help: string;
              nodes: Array<{ target: unknown[]; failureSummary?: string }>;
            }>;
          }>;
        };
      }
    ).axe.run(document, {
      runOnly: { type: 'tag', values: tags },
    });
    return result.violations.map((v) => ({
      id: v.id,
      help: v.help,
      targets: v.nodes.map(
        (n) =>
          `${n.target.join(' ')} — ${(n.failureSummary ?? '').split('\n').slice(1).join(' ').trim()}`,
      ),
    }));
  }, WCAG_AA);
  return violations.flatMap((v) => v.targets.map((t) => `${v.id}: ${t} (${v.help})`));
}

/**
 * Gives the resident points of their own before a test spends them (an award by staff1, under the
 * single-award approval threshold): no test relies on what the demo seed, which moves with the
 * date it is generated on, or an earlier test happened to leave in an account.
 */
export async function givePoints(origin: string, login: string, points: number): Promise<void> {
  const staff = await apiAs(origin, 'staff1');
  const found = await staff<{ residents: Array<{ id: number; login: string }> }>(
    `/staff/residents?query=${encodeURIComponent(login)}`,
  );
  const resident = found.body.residents.find((r) => r.login === login);
  if (!resident) throw new Error(`no resident ${login}`);
  const res = await staff('/staff/awards', {
    body: { residentId: resident.id, points, reason: `测试用积分 (${login})` },
    key: crypto.randomUUID(),
  });
  if (res.status !== 201)
    throw new Error(`award to ${login}: ${res.status} ${JSON.stringify(res.body)}`);
}

/** A resident's balance as staff see it: what the pages' figures are checked against. */
export async function balanceOf(origin: string, login: string): Promise<number> {
  const staff = await apiAs(origin, 'staff1');
  const { body } = await staff<{ residents: Array<{ login: string; balance: number }> }>(
    `/staff/residents?query=${encodeURIComponent(login)}`,
  );
  return body.residents.find((r) => r.login === login)!.balance;
}

/** A fresh one-time code for the resident (through the API, as their phone would get it). */
export async function newCode(origin: string, login: string): Promise<string> {
  const me = await apiAs(origin, login);
  return (await me<{ code: string }>('/me/redeem-codes', { method: 'POST' })).body.code;
}

/** At the counter: types the code and points, and opens the confirm screen. */
export async function upToConfirm(page: Page, code: string, points: number) {
  await page.getByLabel('或输入 6 位兑换码').fill(code);
  await page.getByLabel('兑换积分').fill(String(points));
  await page.getByRole('button', { name: '下一步：确认' }).click();
  await page.locator('[data-confirm]').waitFor();
}
