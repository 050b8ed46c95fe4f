import type { APIRoute } from 'astro';
import { communityName } from '../../../functions/domain/community/settings';
import { publicData } from '../../lib/data';
import { buildDatabase } from '../../lib/db';
import { dataPackage } from '../../lib/open-data';
import { siteOrigin } from '../../lib/origin';

/** /data/datapackage.json — the Frictionless Data Package descriptor of every collection. */
export const GET: APIRoute = async ({ site }) => {
  const descriptor = dataPackage(
    await publicData(),
    siteOrigin(site),
    await communityName(buildDatabase().read),
  );
  return new Response(`${JSON.stringify(descriptor, null, 2)}\n`, {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
};
