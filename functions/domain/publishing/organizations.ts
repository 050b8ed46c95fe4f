import { asc, ne } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { organizations } from '../../../db/schema';
import { paths } from './urls';

export interface PublicOrganization {
  id: number;
  url: string;
  kind: string;
  name: string;
  parentId: number | null;
  description: string;
  provides: string;
  covers: string | null;
  contact: string | null;
  teamId: number | null;
  merchantUserId: number | null;
  /** English name and summary, when staff gave them (the /en/ pages show them). */
  titleEn: string | null;
  summaryEn: string | null;
  publishedAt: string | null;
  /** A withdrawn organisation keeps its page, marked withdrawn with the reason (never a draft). */
  status: 'published' | 'withdrawn';
}

/** Published and withdrawn organisations (never drafts); every field here is meant for the public. */
export async function publicOrganizations(db: Db): Promise<PublicOrganization[]> {
  const rows = await db
    .select()
    .from(organizations)
    .where(ne(organizations.status, 'draft'))
    .orderBy(asc(organizations.id));
  return rows.map((o) => ({
    id: o.id,
    url: paths.organization(o.id),
    kind: o.kind,
    name: o.name,
    parentId: o.parentId,
    description: o.description,
    provides: o.provides,
    covers: o.covers,
    contact: o.contact,
    teamId: o.teamId,
    merchantUserId: o.merchantUserId,
    titleEn: o.titleEn,
    summaryEn: o.summaryEn,
    publishedAt: o.publishedAt,
    status: o.status === 'withdrawn' ? 'withdrawn' : 'published',
  }));
}
