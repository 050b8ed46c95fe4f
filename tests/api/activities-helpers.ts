import type { InferRequestType } from 'hono/client';
import { bodyOf, client } from '../helpers/client';
import { newKey, type SignedInWorld } from '../helpers/http';

type Staff = ReturnType<typeof client>['staff'];
type CheckIn = InferRequestType<Staff['activities'][':id']['check-ins']['$post']>['json'];
type Batch = InferRequestType<Staff['award-batches']['$post']>['json'];

/** The calls the activities tests make in world `w`: as staff (or another staff token) and as resident r1. */
export function activityCalls(w: SignedInWorld<'staff' | 'staff2' | 'r1'>) {
  const staff = (token = w.tokens.staff) => client(w.app, { token }).staff;
  const me = () => client(w.app, { token: w.tokens.r1 }).me;
  const param = (id: number) => ({ param: { id: String(id) } });
  const auditOf = async (query: { entity: string; entityId?: string; actor?: string }) =>
    (await bodyOf(await staff().audit.$get({ query }), 200)).items;
  const checkIn = (id: number, json: CheckIn) =>
    staff().activities[':id']['check-ins'].$post({ ...param(id), json });
  const preview = async (id: number) =>
    bodyOf(await staff().activities[':id']['close-preview'].$get(param(id)), 200);
  const close = (id: number, fingerprint: string, key = newKey('close'), token = w.tokens.staff) =>
    staff(token).activities[':id'].close.$post({
      ...param(id),
      header: { 'idempotency-key': key },
      json: { preview: fingerprint },
    });
  const batch = (json: Batch) =>
    staff()['award-batches'].$post({ header: { 'idempotency-key': newKey() }, json });
  const signUp = (id: number) => me().activities[':id'].signup.$post(param(id));
  const cancel = (id: number) => me().activities[':id'].signup.$delete(param(id));
  return { staff, me, param, auditOf, checkIn, preview, close, batch, signUp, cancel };
}
