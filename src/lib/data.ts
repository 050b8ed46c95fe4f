import { loadPublicData, type PublicData } from '../../functions/domain/publishing';
import { buildDatabase } from './db';

let data: Promise<PublicData> | undefined;

/** The published view of the database, loaded once per build and shared by every page. */
export function publicData(): Promise<PublicData> {
  data ??= loadPublicData(buildDatabase().read);
  return data;
}
