import { historyKey } from '../../functions/domain/publishing/versions';
import { publicData } from './data';

/** /<record>/history/ for every record of a type that has been revised or withdrawn (both languages). */
async function historyPaths(entity: string, records: Array<{ id: number; title: string; url: string }>) {
  const { histories } = await publicData();
  return records.flatMap((r) => {
    const history = histories[historyKey(entity, r.id)];
    return history && history.versions.length > 1 ? [{ params: { id: String(r.id) }, props: { title: r.title, path: r.url, history } }] : [];
  });
}

export type HistoryProps = Awaited<ReturnType<typeof historyPaths>>[number]['props'];

export const serviceHistoryPaths = async () => historyPaths('service', (await publicData()).services);
export const deliberationHistoryPaths = async () => historyPaths('deliberation', (await publicData()).deliberations);
