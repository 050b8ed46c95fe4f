import type { APIRoute, GetStaticPaths } from 'astro';
import { publicData } from '../../lib/data';
import { collectionNames, getCollection, toCsv } from '../../lib/open-data';
import { siteOrigin } from '../../lib/origin';

/** /data/<collection>.csv — the same rows as the JSON, for Excel and WPS (UTF-8 with BOM). */
export const getStaticPaths = (() =>
  collectionNames.map((collection) => ({ params: { collection } }))) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params, site }) => {
  const body = toCsv(getCollection(params.collection!), await publicData(), siteOrigin(site));
  return new Response(body, { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
};
