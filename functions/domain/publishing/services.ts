import { and, asc, eq, ne } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { organizations, services } from '../../../db/schema';
import { paths } from './urls';

export interface PublicService {
  id: number;
  url: string;
  category: string;
  title: string;
  description: string;
  provider: { id: number; name: string; kind: string };
  audiences: string[];
  schedule: string;
  monthlyDay: number | null;
  place: string;
  cost: string;
  costNote: string | null;
  howToAsk: string;
  deliberationId: number | null;
  publishedAt: string | null;
  /** A withdrawn service stays listed and answers at its URL, marked withdrawn; it cannot be requested. */
  status: 'published' | 'withdrawn';
  /** English title and summary, when staff gave them (the /en/ pages show them). */
  titleEn: string | null;
  summaryEn: string | null;
}

/** Published and withdrawn services (never drafts); every field here is meant for the public. */
export async function publicServices(db: Db): Promise<PublicService[]> {
  const rows = await db
    .select({ s: services, providerName: organizations.name, providerKind: organizations.kind })
    .from(services)
    .innerJoin(organizations, eq(organizations.id, services.providerId))
    .where(and(ne(services.status, 'draft')))
    .orderBy(asc(services.category), asc(services.id));
  return rows.map(({ s, providerName, providerKind }) => ({
    id: s.id,
    url: paths.service(s.id),
    category: s.category,
    title: s.title,
    description: s.description,
    provider: { id: s.providerId, name: providerName, kind: providerKind },
    audiences: JSON.parse(s.audiences) as string[],
    schedule: s.schedule,
    monthlyDay: s.monthlyDay,
    place: s.place,
    cost: s.cost,
    costNote: s.costNote,
    howToAsk: s.howToAsk,
    deliberationId: s.deliberationId,
    publishedAt: s.publishedAt,
    status: s.status === 'withdrawn' ? 'withdrawn' : 'published',
    titleEn: s.titleEn,
    summaryEn: s.summaryEn,
  }));
}
