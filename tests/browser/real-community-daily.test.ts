import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { jobRuns, ledgerEntries, users } from '../../db/schema';
import { expiryDeadline } from '../../functions/domain/ledger/expiry';
import { verifyLedger } from '../../functions/domain/ledger/verify';
import { localDate } from '../../functions/domain/shared/time';
import { changeForced, signIn, signInToChange, upToConfirm } from './browser';
import type { InitPortal } from './harness';
import {
  ADMIN,
  FIRST,
  OWN,
  type ResidentRow,
  setUpByApi,
  type Thresholds,
  useCommunity,
} from './real-community';

/**
 * Issue 17's "done means", its second part, on a community set up by init as the first part leaves
 * it (tests/browser/real-community-setup.test.ts; here through the API): a redemption at a merchant,
 * a card-only resident served at the desk, a disabled account refused at once, and the expiry job
 * running by itself when its time comes.
 */
describe('a real community run day to day', () => {
  let thresholds: Thresholds;
  let lotYear: number;
  const community = useCommunity(async (started) => {
    ({ thresholds, lotYear } = await setUpByApi(started));
  });
  const { open, as, resident, errors } = community;
  let portal: InitPortal;
  beforeAll(() => {
    portal = community.portal();
  });

  it('a resident shows a code on the phone and a merchant redeems it at the counter', async () => {
    const staff = await as('li.staff');
    const before = (await resident(staff, 'xfl02')).balance;
    const mobile = await open('phone');
    await signIn(mobile, '/me/', 'xfl02', 'resident-pass-02');
    await expect.poll(() => mobile.locator('[data-balance]').textContent()).toBe(String(before));
    await mobile.locator('[data-new-code]').click();
    const code = (await mobile.locator('.code-digits').getAttribute('data-code-digits'))!;
    expect(code).toMatch(/^\d{6}$/);
    // Counted down by the API's clock (its Date header), not the machine's: five minutes, not "expired".
    await expect
      .poll(() => mobile.locator('.countdown').textContent())
      .toMatch(/^还剩 [45]:\d\d 有效$/);

    const counter = await open('phone');
    await signInToChange(counter, '/counter/', 'shop.mian', FIRST);
    await changeForced(counter, FIRST, OWN);
    await expect.poll(() => counter.locator('[data-shop]').textContent()).toBe('老张面馆');
    await upToConfirm(counter, code, 15);
    await counter.locator('[data-confirm]').click();
    const receipt = counter.locator('[data-receipt]');
    await receipt.waitFor();
    expect(
      Number(await receipt.locator('[data-balance-after]').getAttribute('data-balance-after')),
    ).toBe(before - 15);
    expect((await resident(staff, 'xfl02')).balance).toBe(before - 15);
    await expect
      .poll(() => mobile.locator('[data-balance]').textContent(), { timeout: 15_000 })
      .toBe(String(before - 15));
    expect(errors).toEqual([]);
  });

  it('staff serve the card-only resident at the desk: balance, points given, and a gift on their behalf recorded as done by that staff member', async () => {
    const staff = await as('li.staff');
    const elder = await resident(staff, 'xfl20');
    const neighbour = await resident(staff, 'xfl19');
    const page = await open('desk');
    await signIn(page, '/staff/#residents', 'li.staff', OWN);
    const panel = page.locator('[data-panel="residents"]');
    await panel.getByLabel('查找居民').fill('C5020');
    await panel.locator('tr', { hasText: '居民20' }).locator('[data-open-resident]').click();
    const detail = panel.locator('.detail');
    await expect.poll(() => detail.locator('dl.facts').textContent()).toContain('0 分');
    await detail.getByLabel('积分（1–1000）').fill('12');
    await detail.getByLabel('事由', { exact: true }).fill('帮邻居收快递');
    await detail.getByRole('button', { name: '发放', exact: true }).click();
    await expect.poll(() => detail.getByText('已给').count()).toBeGreaterThan(0);
    await panel.locator('tr', { hasText: '居民20' }).locator('[data-open-resident]').click();
    await expect.poll(() => detail.locator('dl.facts').textContent()).toContain('12 分');

    await detail.getByText('代转赠积分').click();
    await detail.getByLabel('转给邻居').fill('居民19');
    await detail.locator('[data-resident]').first().click();
    await detail.getByLabel('积分', { exact: true }).fill('5');
    await detail.getByRole('button', { name: '代为转赠' }).click();
    await expect
      .poll(() => panel.locator('.detail > .msg-ok').textContent())
      .toContain('已代转给 居民19 5 分');

    const statement = (
      await staff<{
        balance: number;
        entries: Array<{ id: number; kind: string; points: number }>;
      }>(`/staff/residents/${elder.id}/entries`)
    ).body;
    expect(statement.balance).toBe(7);
    const gift = statement.entries.find((e) => e.kind === 'transfer_out')!;
    expect(gift.points).toBe(-5);
    const entry = (await staff<{ actor: { login: string } | null }>(`/staff/entries/${gift.id}`))
      .body;
    expect(entry.actor?.login).toBe('li.staff');
    expect((await resident(staff, 'xfl19')).balance).toBe(neighbour.balance + 5);
    expect(errors).toEqual([]);
  });

  it('a disabled staff account is refused at once: its open console signs out and signing in again says why', async () => {
    const theirs = await open('desk');
    await signInToChange(theirs, '/staff/', 'zhao.staff', FIRST);
    await changeForced(theirs, FIRST, OWN);
    await theirs.locator('[data-panel="residents"]').waitFor({ state: 'visible' });

    const page = await open('desk');
    await signIn(page, '/staff/#accounts', ADMIN.login, ADMIN.password);
    const accounts = page.locator('[data-panel="accounts"]');
    const row = accounts.locator('tr[data-account="zhao.staff"]');
    await row.getByRole('button', { name: '停用' }).click();
    await accounts.getByRole('button', { name: '确认停用' }).click();
    await expect.poll(() => row.textContent()).toContain('已停用');

    await theirs.goto('/staff/#ledger');
    await theirs.locator('[data-view="signin"]').waitFor({ state: 'visible' });
    await theirs.getByLabel('登录名').fill('zhao.staff');
    await theirs.getByLabel(/^密码$/).fill(OWN);
    await theirs.locator('form[data-signin] button[type=submit]').click();
    await expect
      .poll(() => theirs.locator('[data-signin-msg]').textContent())
      .toContain('这个账号已停用');
    expect(errors).toEqual([]);
  });

  it('the expiry job runs by itself when the clock passes the period, and the ledger still verifies', async () => {
    const deadline = expiryDeadline(lotYear, thresholds.expiryYears);
    const period = localDate(deadline);
    const before = await portal.database.read
      .select()
      .from(jobRuns)
      .where(eq(jobRuns.job, 'expiry'));
    expect(before.map((r) => r.period)).not.toContain(period);
    const staffBefore = await as('li.staff');
    const held = (
      await staffBefore<{ residents: ResidentRow[] }>('/staff/residents?query=xfl&limit=50')
    ).body.residents.filter((r) => r.balance > 0);
    expect(held.length).toBeGreaterThan(0);

    // The scheduler is asleep on its timer; the clock passes the period and the timer fires.
    expect(portal.pendingWakeUps()).toBe(1);
    portal.clock.advanceTo(new Date(deadline.getTime() + 60_000));
    await portal.fireTimer();

    const runs = await portal.database.read.select().from(jobRuns).where(eq(jobRuns.job, 'expiry'));
    const run = runs.find((r) => r.period === period);
    expect(run).toMatchObject({ status: 'ok' });
    expect(JSON.parse(run!.detail)).toMatchObject({ lotYears: [lotYear] });
    const expired = await portal.database.read
      .select()
      .from(ledgerEntries)
      .where(eq(ledgerEntries.kind, 'expiry'));
    expect(expired.length).toBeGreaterThan(0);
    const staff = await as('li.staff');
    for (const r of held) expect((await resident(staff, r.login)).balance).toBe(0);
    const statement = (
      await staff<{ entries: Array<{ kind: string }> }>(`/staff/residents/${held[0]!.id}/entries`)
    ).body;
    expect(statement.entries[0]!.kind).toBe('expiry');
    // Another wake-up in the same period runs nothing twice.
    await portal.fireTimer();
    expect(
      (await portal.database.read.select().from(jobRuns).where(eq(jobRuns.job, 'expiry'))).filter(
        (r) => r.period === period,
      ),
    ).toHaveLength(1);

    // Staff see it in the console.
    const page = await open('desk');
    await signIn(page, '/staff/#ledger', 'li.staff', OWN);
    await expect
      .poll(() => page.locator('section.jobs tbody tr').first().textContent())
      .toContain('积分到期');
    expect(await page.locator('section.jobs tbody tr').first().textContent()).toContain('完成');

    const report = await verifyLedger(portal.database.read);
    expect(report).toMatchObject({ ok: true });
    // Still nothing of the demo.
    expect(
      (await portal.database.read.select().from(users).where(eq(users.login, 'resident1'))).length,
    ).toBe(0);
    expect(errors).toEqual([]);
  });
});
