/**
 * The demo's year of 议事协商 as rows: each deliberation (oldest first) with its agenda, votes and
 * follow-ups, and each follow-up's dated updates, consistent with where it stands now.
 */
import type {
  agendaItems,
  deliberations,
  followups,
  followupUpdates,
  voteOptions,
} from '../schema';
import { DELIBERATIONS_A, type DeliberationSpec, type FollowupSpec } from './records-deliberations';
import { DELIBERATIONS_B } from './records-deliberations2';
import { addDays, daysBetween, minDate, publication, type SeedContext } from './records-util';

const QUARTERS = ['第一季度', '第二季度', '第三季度', '第四季度'];

/** The dated timeline of a follow-up, consistent with where it stands now. */
function timeline(f: FollowupSpec, meeting: string, ctx: SeedContext) {
  const n = f.notes.length;
  if (n < 1 || n > 5) throw new Error(`follow-up ${f.title}: 1–5 updates`);
  const yesterday = addDays(ctx.today, -1);
  const end =
    f.status === 'done'
      ? minDate(addDays(meeting, f.due), yesterday)
      : f.status === 'pending'
        ? minDate(addDays(meeting, ctx.rng.int(2, 7)), yesterday)
        : minDate(
            addDays(meeting, Math.max(f.due, 3 * n) + 20),
            addDays(yesterday, -ctx.rng.int(0, 3)),
          );
  const span = Math.max(1, daysBetween(meeting, end));
  return f.notes.map((note, i) => {
    const lastOne = i === n - 1;
    const date = minDate(addDays(meeting, 1 + Math.floor(((i + 1) * (span - 1)) / n)), yesterday);
    let status: FollowupSpec['status'] = f.status;
    let progress = f.status === 'done' ? 100 : f.progress;
    if (!lastOne) {
      if (f.status === 'pending') progress = 0;
      else {
        status = 'in_progress';
        const share = f.status === 'blocked' ? (i + 1) / (n - 1) : (i + 1) / n;
        progress = Math.max(
          5,
          Math.min(
            f.status === 'done' ? 95 : progress,
            Math.round((share * (f.status === 'done' ? 100 : f.progress)) / 5) * 5,
          ),
        );
      }
    }
    return { date, status, progress, note };
  });
}

/** Builds the rows, and makes `ctx.deliberation` find a deliberation by key. */
export function deliberationRows(ctx: SeedContext) {
  const { today } = ctx;
  const specs: DeliberationSpec[] = [...DELIBERATIONS_A, ...DELIBERATIONS_B].sort(
    (a, b) => b.daysAgo - a.daysAgo,
  );
  const delibIds = new Map<string, { id: number; date: string }>();
  for (const [i, d] of specs.entries())
    delibIds.set(d.key, { id: i + 1, date: addDays(today, -d.daysAgo) });
  ctx.deliberation = (key) => {
    const d = delibIds.get(key);
    if (!d) throw new Error(`unknown deliberation ${key}`);
    return d;
  };
  type Row<T extends { $inferInsert: object }> = T['$inferInsert'] & { id: number };
  const delibRows: Array<Row<typeof deliberations>> = [];
  const itemRows: Array<Row<typeof agendaItems>> = [];
  const optionRows: Array<Row<typeof voteOptions>> = [];
  const followupRows: Array<Row<typeof followups>> = [];
  const updateRows: Array<Row<typeof followupUpdates>> = [];
  for (const [i, d] of specs.entries()) {
    const id = i + 1;
    const date = addDays(today, -d.daysAgo);
    const title = d.title
      .replace('{Y}', date.slice(0, 4))
      .replace('{Q}', QUARTERS[Math.floor((Number(date.slice(5, 7)) - 1) / 3)]!);
    if (d.items.length < 1 || d.items.length > 4) throw new Error(`${d.key}: 1–4 agenda items`);
    if ((d.body === 'building_council') !== Boolean(d.building))
      throw new Error(`${d.key}: building councils (only) name a building`);
    delibRows.push({
      id,
      body: d.body,
      title,
      date,
      place: d.place,
      chair: d.chair,
      building: d.building ?? null,
      expected: d.expected,
      present: d.present,
      quorum: d.quorum,
      summary: d.summary,
      resolution: d.resolution,
      ...publication(
        ctx,
        'deliberation',
        id,
        title,
        addDays(date, 1),
        d.draft ? null : minDate(addDays(date, 3), addDays(today, -1)),
      ),
    });
    const itemIds: number[] = [];
    for (const [p, it] of d.items.entries()) {
      const itemId = itemRows.length + 1;
      itemIds.push(itemId);
      itemRows.push({
        id: itemId,
        deliberationId: id,
        position: p + 1,
        title: it.title,
        description: it.description,
        decision: it.decision,
      });
      const cast = it.options.reduce((s, [, v]) => s + v, 0);
      if (it.options.length < 2 || it.options.length > 4 || cast > d.present)
        throw new Error(`${d.key}: item ${it.title} has bad options or more votes than present`);
      for (const [q, [label, votes]] of it.options.entries())
        optionRows.push({
          id: optionRows.length + 1,
          agendaItemId: itemId,
          position: q + 1,
          label,
          votes,
        });
    }
    for (const f of d.followups) {
      const followupId = followupRows.length + 1;
      const progress = f.status === 'done' ? 100 : f.status === 'pending' ? 0 : f.progress;
      followupRows.push({
        id: followupId,
        deliberationId: id,
        agendaItemId: f.item === null ? null : itemIds[f.item]!,
        title: f.title,
        responsibleId: ctx.org(f.by),
        dueDate: addDays(date, f.due),
        status: f.status,
        progress,
      });
      for (const u of timeline(f, date, ctx)) {
        updateRows.push({
          id: updateRows.length + 1,
          followupId,
          date: u.date,
          status: u.status,
          progress: u.progress,
          note: u.note,
          createdBy: ctx.staffId,
        });
      }
    }
  }
  return { delibRows, itemRows, optionRows, followupRows, updateRows };
}
