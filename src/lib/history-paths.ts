import { historyKey } from '../../functions/domain/publishing/versions';
import { publicData } from './data';

/** /services/<id>/history/ for every service that has been revised or withdrawn (both languages). */
export async function serviceHistoryPaths() {
  const { services, histories } = await publicData();
  return services.flatMap((service) => {
    const history = histories[historyKey('service', service.id)];
    return history && history.versions.length > 1 ? [{ params: { id: String(service.id) }, props: { title: service.title, path: service.url, history } }] : [];
  });
}
