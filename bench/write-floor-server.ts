/**
 * The write floor over HTTP: the ceiling's transaction (bench/ceiling.ts: update one balance,
 * insert one entry) behind Node's bare HTTP server, the writes of one turn of the event loop
 * sharing one transaction and one commit, on the engine connection the server writes with
 * (db/native.ts), WAL, synchronous=FULL. No framework, no sign-in, no validation beyond JSON, no
 * ledger: what this machine needs to answer a durable write over loopback at a given number of
 * clients, so the portal's redemption latency can be read against it. Run by bench/http-load.ts
 * (measureWriteFloor) like bench/server.ts: DATABASE_URL names a file of its own; prints
 * "LISTENING <port>"; SIGTERM stops it.
 */
import { createServer, type ServerResponse } from 'node:http';
import { openNativeConnection, Statements } from '../db/native-connection';

const url = process.env.DATABASE_URL;
if (!url?.startsWith('file:')) throw new Error('DATABASE_URL must name a file');
const db = new Statements(openNativeConnection(url.slice('file:'.length), 5000));
db.run('PRAGMA journal_mode=WAL');
db.run(
  'CREATE TABLE IF NOT EXISTS accounts (id INTEGER PRIMARY KEY, balance INTEGER NOT NULL CHECK (balance >= 0))',
);
db.run(
  'CREATE TABLE IF NOT EXISTS entries (id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL, amount INTEGER NOT NULL, at TEXT NOT NULL)',
);
const ACCOUNTS = 1000;
db.run(
  `WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < ${ACCOUNTS}) INSERT OR IGNORE INTO accounts SELECT i, 1000000000 FROM k`,
);

let pending: ServerResponse[] = [];
let written = 0;

function answer(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

function commitTurn(): void {
  const group = pending;
  pending = [];
  try {
    db.run('BEGIN IMMEDIATE');
    for (let i = 0; i < group.length; i++) {
      const account = 1 + (written++ % ACCOUNTS);
      db.run('UPDATE accounts SET balance = balance - 1 WHERE id = ? AND balance >= 1', [account]);
      db.run('INSERT INTO entries (account_id, amount, at) VALUES (?, ?, ?)', [
        account,
        -1,
        new Date().toISOString(),
      ]);
    }
    db.run('COMMIT');
  } catch (error) {
    if (db.connection.inTransaction) db.run('ROLLBACK');
    for (const res of group) answer(res, 500, JSON.stringify({ error: String(error) }));
    return;
  }
  for (const res of group) answer(res, 201, `{"ok":true,"written":${written}}`);
}

const server = createServer((req, res) => {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (chunk: string) => (body += chunk));
  req.on('end', () => {
    try {
      JSON.parse(body);
    } catch {
      answer(res, 400, '{"error":"not JSON"}');
      return;
    }
    if (pending.push(res) === 1) setImmediate(commitTurn);
  });
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () =>
  process.stdout.write(`LISTENING ${(server.address() as { port: number }).port}\n`),
);
process.on('SIGTERM', () =>
  server.close(() => {
    db.connection.close();
    process.exit(0);
  }),
);
