import { historyKey, type PublicHistory } from '../../functions/domain/publishing/versions';
import { publicData } from './data';

/** A record published on another's page (a deliberation's follow-up): its versions go on that page's history. */
interface Part {
  entity: string;
  id: number;
  title: string;
}

const NONE: PublicHistory = { versions: [], revised: null, withdrawn: null };

/**
 * /<record>/history/ for every record of a type that has been revised or withdrawn, or whose parts
 * have (both languages).
 */
async function historyPaths<R extends { id: number; title: string; url: string }>(entity: string, records: R[], partsOf: (record: R) => Part[] = () => []) {
  const { histories } = await publicData();
  return records.flatMap((r) => {
    const history = histories[historyKey(entity, r.id)] ?? NONE;
    const parts = partsOf(r).flatMap((p) => {
      const h = histories[historyKey(p.entity, p.id)];
      return h && h.versions.length > 1 ? [{ id: `${p.entity}-${p.id}`, title: p.title, history: h }] : [];
    });
    return history.versions.length > 1 || parts.length > 0 ? [{ params: { id: String(r.id) }, props: { title: r.title, path: r.url, history, parts } }] : [];
  });
}

export type HistoryProps = Awaited<ReturnType<typeof historyPaths>>[number]['props'];

export const serviceHistoryPaths = async () => historyPaths('service', (await publicData()).services);
export const organizationHistoryPaths = async () => historyPaths('organization', (await publicData()).organizations.map((o) => ({ ...o, title: o.name })));
export const deliberationHistoryPaths = async () =>
  historyPaths('deliberation', (await publicData()).deliberations, (d) => d.followups.map((f) => ({ entity: 'followup', id: f.id, title: f.title })));
