import { createDatabase, type Database } from '../../db/client';

/**
 * The build's view of the database: the same client and domain modules the API uses, opened once
 * per build from DATABASE_URL (the Node shell passes the embedded file; the edge deploy passes Turso).
 */
let database: Database | undefined;

export function buildDatabase(): Database {
  database ??= createDatabase({
    url: process.env.DATABASE_URL ?? 'file:data/linli.db',
    authToken: process.env.DATABASE_AUTH_TOKEN,
  });
  return database;
}
