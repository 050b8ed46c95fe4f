import { sql } from 'drizzle-orm';
import { activities, activityTypes } from '../../../db/schema';

/**
 * An activity's earning rule: the points per hour and daily cap copied from its type when it was
 * created, so a later change to the type applies to new activities only. A row written without
 * its own rule (inserted directly, before activities kept one) follows its type. For queries that
 * join activities to activity_types.
 */
export const activityRule = {
  pointsPerHour:
    sql<number>`coalesce(${activities.pointsPerHour}, ${activityTypes.pointsPerHour})`.mapWith(
      Number,
    ),
  dailyCap: sql<number>`coalesce(${activities.dailyCap}, ${activityTypes.dailyCap})`.mapWith(
    Number,
  ),
};
