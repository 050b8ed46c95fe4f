import { sql } from 'drizzle-orm';
import type { InferRequestType } from 'hono/client';
import type { App } from '../../functions/app';
import { bodyOf, client } from '../helpers/client';
import type { World } from '../helpers/http';
import { rows } from '../helpers/ledger';

export const SHOP = {
  shopName: '红星理发',
  category: '理发',
  address: '幸福路 9 号',
  openingHours: '每天 9:00–19:00',
  offer: '每月 9 日为老人免费理发',
};
export const PASSWORD = 'first-password';

export type Api = ReturnType<typeof client>;
export type NewAccount = InferRequestType<Api['admin']['accounts']['$post']>['json'];
export type AccountEdit = InferRequestType<Api['admin']['accounts'][':id']['$patch']>['json'];
export type AccountQuery = InferRequestType<Api['admin']['accounts']['$get']>['query'];

/** Everything an accounts request could change: compared before and after a refusal. */
export async function accountsState(w: Pick<World, 't'>) {
  const db = w.t.database.read;
  return {
    users: await rows(
      db,
      sql`select id, login, role, display_name, password_hash, disabled_at, must_change_password from users order by id`,
    ),
    merchants: await rows(db, sql`select * from merchants order by user_id`),
    sessions: await rows(db, sql`select count(*) as n from sessions`),
    audit: await rows(db, sql`select count(*) as n from audit_log`),
  };
}

export const auditOf = (w: Pick<World, 't'>, id: number) =>
  rows<{ action: string; actor_id: number; detail: string }>(
    w.t.database.read,
    sql`select action, actor_id, detail from audit_log where entity = 'account' and entity_id = ${id} order by id`,
  );

export const signIn = (app: App, login: string, password: string) =>
  client(app).auth.login.$post({ json: { login, password } });
export const whoIs = async (app: App, token: string) =>
  bodyOf(await client(app, { token }).auth.me.$get(), 200);
export const residents = (app: App, token: string) =>
  client(app, { token }).staff.residents.$get({ query: {} });
