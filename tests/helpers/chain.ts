import type { Database } from '../../db/client';
import { deliberations, followups } from '../../db/schema';

/** A published deliberation (with one follow-up by `responsibleId`) and a draft one, for the chain links. */
export async function seedDeliberations(
  database: Database,
  staffId: number,
  responsibleId: number,
  now = new Date('2026-03-01T02:00:00Z'),
): Promise<{ publishedId: number; draftId: number; followupId: number }> {
  const at = now.toISOString();
  const base = {
    body: 'residents_council' as const,
    date: '2026-02-20',
    place: '社区议事厅',
    chair: '王主任',
    expected: 30,
    present: 25,
    quorum: 16,
    summary: '议加装巡逻',
    resolution: '每周巡逻两次',
    createdAt: at,
    createdBy: staffId,
  };
  return database.write(async (tx) => {
    const [published] = await tx
      .insert(deliberations)
      .values({
        ...base,
        title: '关于夜间巡逻的议事',
        status: 'published',
        publishedAt: at,
        publishedBy: staffId,
      })
      .returning();
    const [draft] = await tx
      .insert(deliberations)
      .values({ ...base, title: '草稿议事' })
      .returning();
    const [fu] = await tx
      .insert(followups)
      .values({
        deliberationId: published!.id,
        title: '组建夜间巡逻队',
        responsibleId,
        dueDate: '2026-04-01',
        status: 'in_progress',
        progress: 50,
      })
      .returning();
    return { publishedId: published!.id, draftId: draft!.id, followupId: fu!.id };
  });
}
