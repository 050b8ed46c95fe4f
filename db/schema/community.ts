import { sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Facts about this database's community (one community per database): its name, and whether it
 * is the demo community — demo credentials may exist only where `demo` = 'true'.
 */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});
