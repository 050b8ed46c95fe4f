/**
 * One API server process on a database file (DATABASE_URL), as `npm start` serves it: the tests
 * that need several processes sharing one database spawn this. Prints "listening <port>".
 */
import { createDatabase } from '../../db/client';
import { createApp } from '../../functions/app';
import { PortalServer } from '../../functions/node/server';

const database = createDatabase({ url: process.env.DATABASE_URL! }, { readSnapshotPerTurn: true });
const server = new PortalServer(createApp({ database }));
const port = await server.listen(0, '127.0.0.1');
console.log(`listening ${port}`);
process.on('SIGTERM', () => {
  void server.close().then(() => {
    database.close();
    process.exit(0);
  });
});
