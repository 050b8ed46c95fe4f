import type { APIRoute, GetStaticPaths } from 'astro';
import { publicData } from '../../lib/data';
import { collectionNames, getCollection, toJson } from '../../lib/open-data';
import { siteOrigin } from '../../lib/origin';

/** /data/<collection>.json — one JSON array per open-data collection (see /data/ for the fields). */
export const getStaticPaths = (() =>
  collectionNames.map((collection) => ({ params: { collection } }))) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params, site }) => {
  const body = toJson(getCollection(params.collection!), await publicData(), siteOrigin(site));
  return new Response(body, { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
