import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import {
  accessibilityViolations,
  inLargeText,
  phone,
  shot,
  signIn,
  useBrowser,
  watchErrors,
} from './browser';

/**
 * What the scheduled jobs show: the expiry notice on the resident's phone and the jobs' last and
 * next runs in the staff console. Whether a notice is due depends on the date (tests/api/me.test.ts
 * checks the window with a pinned clock), so here the API's answer is given the notice.
 */
describe('the scheduled jobs on the pages', () => {
  const origin = inject('origin');
  const browser = useBrowser();

  async function withNotice(page: Page) {
    await page.route('**/api/me', async (route) => {
      const res = await route.fetch();
      const me = await res.json();
      await route.fulfill({
        response: res,
        json: { ...me, expiryNotice: { points: 12, on: '2027-01-01' } },
      });
    });
  }

  it('the resident is told in words which points lapse when, in Chinese and in English large text', async () => {
    const ctx = await phone(browser(), origin);
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await withNotice(page);
    await signIn(page, '/me/', 'resident12');
    const notice = page.locator('.expiry-notice');
    await expect
      .poll(() => notice.textContent())
      .toBe('您有 12 分将于 2027年1月1日 过期，请尽快使用');
    await shot(page, 'me-expiry-notice', false);
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await ctx.close();

    const en = await phone(browser(), origin, { locale: 'en-GB' });
    const enPage = await en.newPage();
    await inLargeText(enPage);
    await withNotice(enPage);
    await signIn(enPage, '/en/me/', 'resident12');
    await expect
      .poll(() => enPage.locator('.expiry-notice').textContent())
      .toBe('You have 12 points that expire on 1 Jan 2027: please use them soon');
    const overflow = await enPage.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await en.close();
  });

  it('staff read each job, its last run in words and its next run in the ledger panel; a failed ledger check is said first', async () => {
    const ctx = await phone(browser(), origin, {
      viewport: { width: 1280, height: 900 },
      isMobile: false,
      hasTouch: false,
    });
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await signIn(page, '/staff/', 'staff1');
    await page.goto('/staff/#ledger');
    const rows = page.locator('section.jobs tbody tr');
    await rows.first().waitFor();
    expect(await rows.locator('th').allTextContents()).toEqual([
      '积分到期处理（每年 1 月 1 日）',
      '数据库备份（每晚）',
      '账本校验（每晚）',
    ]);
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.route('**/api/staff/jobs', (route) =>
      route.fulfill({
        json: {
          jobs: [
            {
              job: 'expiry',
              lastRun: {
                period: '2026-01-01',
                startedAt: '2025-12-31T16:00:01.000Z',
                finishedAt: '2025-12-31T16:00:02.000Z',
                status: 'ok',
                detail: { entries: 3, points: 45, lotYears: [2023] },
              },
              nextRunAt: '2026-12-31T16:00:00.000Z',
              due: false,
            },
            {
              job: 'backup',
              lastRun: {
                period: '2026-03-09',
                startedAt: '2026-03-08T18:30:01.000Z',
                finishedAt: '2026-03-08T18:30:03.000Z',
                status: 'ok',
                detail: { file: 'data/backups/linli-2026-03-09.db', kept: 7, removed: [] },
              },
              nextRunAt: '2026-03-09T18:30:00.000Z',
              due: false,
            },
            {
              job: 'verify',
              lastRun: {
                period: '2026-03-09',
                startedAt: '2026-03-08T18:30:04.000Z',
                finishedAt: '2026-03-08T18:30:05.000Z',
                status: 'failed',
                detail: {
                  ok: false,
                  entries: 41,
                  head: 'ab',
                  problem: { entryId: 42, message: 'hash mismatch' },
                },
              },
              nextRunAt: '2026-03-09T18:30:00.000Z',
              due: false,
            },
          ],
        },
      }),
    );
    await page.locator('section.jobs button', { hasText: '刷新任务状态' }).click();
    await expect
      .poll(() => page.locator('section.jobs [role="alert"]').textContent())
      .toContain('账本校验发现问题');
    const results = await page.locator('section.jobs tbody tr td:nth-child(3)').allTextContents();
    expect(results).toEqual([
      '✓ 完成：45 分积分到期，共 3 条账目',
      '✓ 完成：已备份，保留最近 7 份',
      '⚠ 账本校验未通过：账目 #42：hash mismatch',
    ]);
    await shot(page, 'staff-jobs', false);
    expect(errors).toEqual([]);
    await ctx.close();
  });
});
