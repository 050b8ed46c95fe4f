import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { activityTypes } from '../../../db/schema';
import { type Actor, audit, changesOf } from '../records/audit';
import { DomainError } from '../shared/errors';

/**
 * Kinds of volunteer work and how they earn, as the administrator keeps them. A change to a rate
 * or cap applies to activities created after it (each activity keeps the rule it was created
 * with); a type is retired (`active` false), never deleted, since activities point at it.
 */
export interface ActivityType {
  id: number;
  code: string;
  nameZh: string;
  nameEn: string;
  pointsPerHour: number;
  dailyCap: number;
  active: boolean;
  /** How many activities were created with this type. */
  activities: number;
}

export interface ActivityTypeFields {
  code?: string | undefined;
  nameZh: string;
  nameEn: string;
  pointsPerHour: number;
  dailyCap: number;
  active?: boolean | undefined;
}

/** A type's code, the key the activity form sends: what `freshCode` makes and what staff routes accept. */
export const TYPE_CODE = /^[a-z][a-z0-9_]{0,31}$/;

// Spelled out: in a one-table select drizzle leaves column names unqualified, which the subquery would misread.
const used =
  sql<number>`(select count(*) from activities u where u.type_id = activity_types.id)`.mapWith(
    Number,
  );

export async function listActivityTypes(db: Db): Promise<ActivityType[]> {
  const rows = await db
    .select({ t: activityTypes, used })
    .from(activityTypes)
    .orderBy(asc(activityTypes.id));
  return rows.map(({ t, used: n }) => ({ ...t, activities: n }));
}

export async function findActivityType(db: Db, id: number): Promise<ActivityType> {
  const [row] = await db
    .select({ t: activityTypes, used })
    .from(activityTypes)
    .where(eq(activityTypes.id, id));
  if (!row) throw new DomainError('not_found', `活动类型 ${id} 不存在`);
  return { ...row.t, activities: row.used };
}

/** A code staff never type: the next free `type_<n>`. */
async function freshCode(tx: Db): Promise<string> {
  const [row] = await tx
    .select({ n: sql<number>`coalesce(max(${activityTypes.id}), 0)`.mapWith(Number) })
    .from(activityTypes);
  for (let n = (row?.n ?? 0) + 1; ; n++) {
    const code = `type_${n}`;
    const [taken] = await tx
      .select({ id: activityTypes.id })
      .from(activityTypes)
      .where(eq(activityTypes.code, code));
    if (!taken) return code;
  }
}

export async function createActivityType(
  tx: Db,
  actor: Actor,
  fields: ActivityTypeFields,
): Promise<ActivityType> {
  const code = fields.code ?? (await freshCode(tx));
  if (!TYPE_CODE.test(code))
    throw new DomainError(
      'invalid_request',
      '请求无效：类型代码须为小写字母开头的字母、数字或下划线',
    );
  const [taken] = await tx
    .select({ id: activityTypes.id })
    .from(activityTypes)
    .where(eq(activityTypes.code, code));
  if (taken) throw new DomainError('type_code_taken', `已有代码为 ${code} 的活动类型`);
  const [row] = await tx
    .insert(activityTypes)
    .values({
      code,
      nameZh: fields.nameZh,
      nameEn: fields.nameEn,
      pointsPerHour: fields.pointsPerHour,
      dailyCap: fields.dailyCap,
      active: fields.active ?? true,
    })
    .returning({ id: activityTypes.id });
  await audit(tx, actor, 'create', 'activity_type', row!.id, { fields: { ...fields, code } });
  return findActivityType(tx, row!.id);
}

export async function updateActivityType(
  tx: Db,
  actor: Actor,
  id: number,
  patch: Partial<Omit<ActivityTypeFields, 'code'>>,
): Promise<ActivityType> {
  const before = await findActivityType(tx, id);
  const changes = changesOf(before as unknown as Record<string, unknown>, patch);
  if (Object.keys(changes).length === 0) return before;
  await tx
    .update(activityTypes)
    .set({
      nameZh: patch.nameZh,
      nameEn: patch.nameEn,
      pointsPerHour: patch.pointsPerHour,
      dailyCap: patch.dailyCap,
      active: patch.active,
    })
    .where(eq(activityTypes.id, id));
  // The rule is copied into each activity when it is created: existing activities keep theirs.
  await audit(tx, actor, 'update', 'activity_type', id, { changes });
  return findActivityType(tx, id);
}
