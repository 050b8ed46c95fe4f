import { and, asc, eq } from 'drizzle-orm';
import type { Database } from '../../db/client';
import {
  deliberations,
  donations,
  followups,
  funds,
  organizations,
  services,
} from '../../db/schema';
import {
  ANONYMOUS_DONOR,
  FORMULA,
  type HostileRecords,
  IMG,
  INDIVIDUAL_DONOR,
  PRIVATE_NOTE,
  SCRIPT,
} from './hostile';

/** Inserts the hostile records (see hostile.ts) into the seeded demo community, published. */
export async function insertHostileRecords(database: Database, now: Date): Promise<HostileRecords> {
  const stamp = now.toISOString();
  const today = stamp.slice(0, 10);
  const pub = { status: 'published' as const, publishedAt: stamp, createdAt: stamp };
  return database.write(async (tx) => {
    // A published organisation provides the hostile service; a published fund receives the gifts.
    let [org] = await tx
      .select({ id: organizations.id })
      .from(organizations)
      .where(eq(organizations.status, 'published'))
      .orderBy(asc(organizations.id))
      .limit(1);
    if (!org) {
      [org] = await tx
        .insert(organizations)
        .values({
          kind: 'social_organization',
          name: '测试社工服务中心',
          description: '测试',
          provides: '测试服务',
          ...pub,
        })
        .returning({ id: organizations.id });
    }
    let [fund] = await tx
      .select({ id: funds.id, code: funds.code })
      .from(funds)
      .where(and(eq(funds.status, 'published')))
      .orderBy(asc(funds.id))
      .limit(1);
    if (!fund) {
      [fund] = await tx
        .insert(funds)
        .values({
          code: 'micro-fund',
          name: '社区微基金',
          kind: 'micro_fund',
          description: '测试基金',
          ...pub,
        })
        .returning({ id: funds.id, code: funds.code });
    }
    const [service] = await tx
      .insert(services)
      .values({
        category: 'living',
        title: `${SCRIPT}便民维修${IMG}`,
        description: `描述 ${SCRIPT} 与 ${IMG} 应当显示为文字。`,
        providerId: org!.id,
        audiences: JSON.stringify(['everyone', 'elders']),
        schedule: `每月 9 日 ${IMG}`,
        monthlyDay: 9,
        place: `社区广场${SCRIPT}`,
        cost: 'free',
        costNote: FORMULA,
        howToAsk: `${FORMULA} 到居委会登记`,
        // Staff's English is shown on /en/ pages, as text like every field.
        titleEn: `Repairs ${SCRIPT}`,
        summaryEn: `Repairs on the 9th ${IMG}`,
        ...pub,
      })
      .returning({ id: services.id });
    const [deliberation] = await tx
      .insert(deliberations)
      .values({
        body: 'residents_council',
        title: `${SCRIPT}关于楼道照明的议事${IMG}`,
        date: today,
        place: `会议室${IMG}`,
        chair: `居委会主任${SCRIPT}`,
        building: null,
        expected: 30,
        present: 21,
        quorum: 16,
        summary: `摘要 ${SCRIPT} ${IMG}`,
        resolution: `决议 ${SCRIPT} ${IMG} ${FORMULA}`,
        ...pub,
      })
      .returning({ id: deliberations.id });
    const [followup] = await tx
      .insert(followups)
      .values({
        deliberationId: deliberation!.id,
        title: `跟进 ${SCRIPT}${IMG}`,
        responsibleId: org!.id,
        dueDate: today,
        status: 'in_progress',
        progress: 40,
      })
      .returning({ id: followups.id });
    const [anonymous] = await tx
      .insert(donations)
      .values({
        fundId: fund!.id,
        date: today,
        donorType: 'individual',
        donorName: ANONYMOUS_DONOR,
        anonymous: true,
        form: 'money',
        amountFen: 88_800,
        receiptNo: 'R-TEST-ANON',
        note: PRIVATE_NOTE,
        ...pub,
      })
      .returning({ id: donations.id });
    const [individual] = await tx
      .insert(donations)
      .values({
        fundId: fund!.id,
        date: today,
        donorType: 'individual',
        donorName: INDIVIDUAL_DONOR,
        anonymous: false,
        form: 'in_kind',
        amountFen: 12_000,
        itemDescription: `大米 ${SCRIPT}`,
        quantity: '10 袋',
        outcome: `分发给 5 户独居老人 ${IMG}`,
        receiptNo: 'R-TEST-IND',
        note: PRIVATE_NOTE,
        ...pub,
      })
      .returning({ id: donations.id });
    return {
      serviceId: service!.id,
      deliberationId: deliberation!.id,
      followupId: followup!.id,
      organizationId: org!.id,
      fundId: fund!.id,
      fundCode: fund!.code,
      anonymousDonationId: anonymous!.id,
      individualDonationId: individual!.id,
    };
  });
}
