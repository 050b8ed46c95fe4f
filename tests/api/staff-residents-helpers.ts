import { sql } from 'drizzle-orm';
import type { InferRequestType } from 'hono/client';
import { SYSTEM_ACCOUNTS } from '../../functions/domain/ledger/accounts';
import { bodyOf, client } from '../helpers/client';
import { newKey, type SignedInWorld } from '../helpers/http';
import { rows } from '../helpers/ledger';

export type Api = ReturnType<typeof client>;
type Registration = InferRequestType<Api['staff']['residents']['$post']>['json'];
export type MoveAway = InferRequestType<
  Api['staff']['residents'][':id']['move-away']['$post']
>['json'];
export type Gift = InferRequestType<Api['staff']['residents'][':id']['gifts']['$post']>['json'];

/** The staff desk's calls on residents in world `w`, signed in as staff. */
export function residentDesk(w: SignedInWorld<'staff'>) {
  const household = { compound: '和平小区', building: '3栋', unit: '2单元', door: '502' };
  const staff = () => client(w.app, { token: w.tokens.staff });
  const register = async (
    body: Omit<Registration, 'household'> & Partial<Pick<Registration, 'household'>>,
  ) => bodyOf(await staff().staff.residents.$post({ json: { household, ...body } }), 201);
  const auditOf = async (entity: string, id: number) =>
    (await bodyOf(await staff().staff.audit.$get({ query: { entity, entityId: String(id) } }), 200))
      .items;
  const poolBalance = async () =>
    Number(
      (
        await rows<{ b: number }>(
          w.t.database.read,
          sql`select balance as b from accounts where id = ${SYSTEM_ACCOUNTS.pool}`,
        )
      )[0]!.b,
    );
  const entry = async (id: number | null) =>
    (
      await rows<{ kind: string; actor_id: number }>(
        w.t.database.read,
        sql`select kind, actor_id from ledger_entries where id = ${id}`,
      )
    )[0]!;
  const moveAway = (id: number, json: MoveAway, key = newKey('move')) =>
    staff().staff.residents[':id']['move-away'].$post({
      param: { id: String(id) },
      header: { 'idempotency-key': key },
      json,
    });
  const details = async (id: number) =>
    bodyOf(await staff().staff.residents[':id'].$get({ param: { id: String(id) } }), 200);
  return { household, staff, register, auditOf, poolBalance, entry, moveAway, details };
}
