import type { Locator, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { apiAs, desk, signIn, useBrowser, watchErrors } from './browser';

interface Rec {
  id: number;
  status: string;
  title?: string;
  form?: string;
  schedule?: string;
  outcomes?: Array<{ date: string; text: string }>;
}
interface Version {
  version: number;
  kind: string;
  reason: string | null;
  changed: string[];
}

/**
 * The staff console's revise, withdraw and outcome actions, as staff use them: each asks for its
 * reason (or text), says so readably when it is left empty, and changes nothing until it is given.
 */
describe('the records panel: revise, withdraw and outcomes, each with its reason', () => {
  const origin = inject('origin');
  const browser = useBrowser();

  /** Picks the kind and the status in the panel, then opens the record's row. */
  async function openRecord(
    page: Page,
    kind: string,
    status: string,
    id: number,
  ): Promise<Locator> {
    const panel = page.locator('[data-panel="records"]');
    await panel.getByLabel('记录类型').selectOption(kind);
    await panel.getByLabel('状态').selectOption(status);
    const row = panel.locator('tr', {
      has: page.locator('td.num', { hasText: new RegExp(`^${id}$`) }),
    });
    await row.getByRole('button').click();
    const editor = panel.locator('section[aria-labelledby="rec-edit-h"]');
    await expect.poll(() => editor.locator('#rec-edit-h').textContent()).toContain(`#${id}`);
    return editor;
  }

  it('revises one service and withdraws another, refusing an empty reason; adds an outcome to an in-kind donation', async () => {
    const staff = await apiAs(origin, 'staff1');
    const services = (
      await staff<{ items: Rec[] }>('/staff/records/services?status=published&limit=50')
    ).body.items;
    expect(services.length).toBeGreaterThanOrEqual(2);
    const [revised, withdrawn] = [services[0]!, services[1]!];
    const versions = async (id: number) =>
      (await staff<{ items: Version[] }>(`/staff/records/services/${id}/versions`)).body.items;
    const service = async (id: number) => (await staff<Rec>(`/staff/records/services/${id}`)).body;
    const before = {
      revised: await service(revised.id),
      versions: await versions(revised.id),
      withdrawn: await service(withdrawn.id),
    };

    const ctx = await desk(browser(), origin);
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await signIn(page, '/staff/', 'staff1');
    await page.goto('/staff/#records');

    // Revise: the form again with the reason (修订说明); without it, nothing is sent.
    let editor = await openRecord(page, 'services', 'published', revised.id);
    await editor.locator('[data-revise]').click();
    const schedule = editor.getByLabel('时间', { exact: true });
    await schedule.fill(`${before.revised.schedule} （修订）`);
    const reason = editor.getByLabel('修订说明（公开显示）');
    await reason.fill('   ');
    // Saved, a revision is public at once: it offers no draft to save and nothing to publish.
    expect(await editor.locator('[data-publish]').isVisible()).toBe(false);
    expect(await editor.getByRole('button', { name: '保存草稿' }).count()).toBe(0);
    await editor.getByRole('button', { name: '保存修订' }).click();
    await expect
      .poll(() => editor.locator('.field-error:visible').allTextContents())
      .toContain('请写明原因');
    expect(await reason.getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-reason'))).toBe('');
    expect(await service(revised.id)).toEqual(before.revised);
    expect(await versions(revised.id)).toEqual(before.versions);
    await reason.fill('服务时间调整，按居民意见改期');
    await editor.getByRole('button', { name: '保存修订' }).click();
    await expect.poll(() => editor.locator('.msg').first().textContent()).toContain('已修订');
    expect((await service(revised.id)).schedule).toBe(`${before.revised.schedule} （修订）`);
    expect((await versions(revised.id)).at(-1)).toMatchObject({
      kind: 'revised',
      reason: '服务时间调整，按居民意见改期',
      changed: ['schedule'],
    });
    // The console lists the new version with its reason.
    await expect
      .poll(() => editor.locator('ol li').last().textContent())
      .toContain('服务时间调整，按居民意见改期');

    // Withdraw: the reason asked inline (撤回原因); an empty one is refused and the service stays published.
    editor = await openRecord(page, 'services', 'published', withdrawn.id);
    await editor.locator('[data-withdraw]').click();
    const why = editor.getByLabel('撤回原因（公开显示）');
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
    await editor.locator('[data-confirm-withdraw]').click();
    await expect
      .poll(() => editor.locator('.field-error:visible').allTextContents())
      .toContain('请写明原因');
    expect(await why.getAttribute('aria-invalid')).toBe('true');
    expect(await service(withdrawn.id)).toEqual(before.withdrawn);
    await why.fill('服务已停止：合作机构撤出');
    await editor.locator('[data-confirm-withdraw]').click();
    await expect.poll(() => editor.locator('.msg').first().textContent()).toContain('已撤回');
    expect((await service(withdrawn.id)).status).toBe('withdrawn');
    expect((await versions(withdrawn.id)).at(-1)).toMatchObject({
      kind: 'withdrawn',
      reason: '服务已停止：合作机构撤出',
    });
    // A withdrawn record offers no more revise or withdraw.
    expect(await editor.locator('[data-revise], [data-withdraw]').count()).toBe(0);

    // An outcome of an in-kind donation, told after publishing: the text is required.
    const donations = (
      await staff<{ items: Rec[] }>('/staff/records/donations?status=published&limit=200')
    ).body.items;
    const gift = donations.find((d) => d.form === 'in_kind');
    expect(gift, 'a published in-kind donation in the demo').toBeDefined();
    const outcomes = async () =>
      (await staff<Rec>(`/staff/records/donations/${gift!.id}`)).body.outcomes ?? [];
    const had = await outcomes();
    editor = await openRecord(page, 'donations', 'published', gift!.id);
    const text = editor.getByLabel(/^去向说明/);
    await editor.getByRole('button', { name: '登记去向' }).click();
    await expect
      .poll(() => editor.locator('.field-error:visible').allTextContents())
      .toContain('此项必填');
    expect(await text.getAttribute('aria-invalid')).toBe('true');
    expect(await outcomes()).toEqual(had);
    await text.fill('已发放给 12 户独居老人');
    await editor.getByRole('button', { name: '登记去向' }).click();
    await expect.poll(async () => (await outcomes()).length).toBe(had.length + 1);
    expect((await outcomes()).at(-1)).toMatchObject({ text: '已发放给 12 户独居老人' });
    await expect
      .poll(() => editor.locator('ol.timeline li').last().textContent())
      .toContain('已发放给 12 户独居老人');

    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('withdraws a follow-up of a published deliberation, asking its reason first', async () => {
    const staff = await apiAs(origin, 'staff1');
    const deliberations = (
      await staff<{ items: Rec[] }>('/staff/records/deliberations?status=published&limit=50')
    ).body.items;
    const withFollowups = await Promise.all(
      deliberations.map(
        async (d) =>
          (
            await staff<Rec & { followups: Array<{ id: number; publication: string }> }>(
              `/staff/records/deliberations/${d.id}`,
            )
          ).body,
      ),
    );
    const deliberation = withFollowups.find((d) =>
      d.followups.some((f) => f.publication === 'published'),
    );
    expect(deliberation, 'a published deliberation with a follow-up in the demo').toBeDefined();
    const followup = deliberation!.followups.find((f) => f.publication === 'published')!;
    const followupVersions = async () =>
      (await staff<{ items: Version[] }>(`/staff/records/followups/${followup.id}/versions`)).body
        .items;
    const had = await followupVersions();

    const ctx = await desk(browser(), origin);
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await signIn(page, '/staff/', 'staff1');
    await page.goto('/staff/#records');
    const editor = await openRecord(page, 'deliberations', 'published', deliberation!.id);
    const item = editor.locator(`details[data-followup="${followup.id}"]`);
    await item.locator('summary').click();
    await item.locator('[data-withdraw]').click();
    await item.locator('[data-confirm-withdraw]').click();
    await expect
      .poll(() => item.locator('.field-error:visible').allTextContents())
      .toContain('请写明原因');
    expect(await followupVersions()).toEqual(had);
    await item.getByLabel('撤回原因（公开显示）').fill('该事项已并入另一跟进事项');
    await item.locator('[data-confirm-withdraw]').click();
    // The editor reopens once the withdrawal is saved: the item then says 已撤回.
    const reopened = editor.locator(`details[data-followup="${followup.id}"]`);
    await reopened.locator('summary', { hasText: '已撤回' }).waitFor();
    // Version 1 (as published) is recorded at the first change if it was not yet, then the withdrawal.
    expect((await followupVersions()).map((v) => v.kind)).toEqual(
      had.length ? [...had.map((v) => v.kind), 'withdrawn'] : ['published', 'withdrawn'],
    );
    expect((await followupVersions()).at(-1)).toMatchObject({
      kind: 'withdrawn',
      reason: '该事项已并入另一跟进事项',
    });
    expect(await reopened.locator('[data-withdraw]').count()).toBe(0);
    expect(errors).toEqual([]);
    await ctx.close();
  });
});
