import type { Role } from '../../../db/schema';

/**
 * What each role may do: the one table every role check reads (the API's prefixes, the console's
 * sections, the approvals a person is offered).
 *  - `me`: a resident's own points, codes, gifts, requests and sign-ups (/api/me)
 *  - `counter`: a merchant's counter and back office (/api/counter)
 *  - `staff`: the community's daily work (/api/staff)
 *  - `approve`: the second signature on expenses, on awards over the threshold, on pool grants
 *  - `admin`: accounts and the community's settings (/api/admin)
 */
export const capabilities = ['me', 'counter', 'staff', 'approve', 'admin'] as const;
export type Capability = (typeof capabilities)[number];

export const CAPABILITIES_OF: Record<Role, readonly Capability[]> = {
  resident: ['me'],
  merchant: ['counter'],
  staff: ['staff'],
  accountant: ['staff', 'approve'],
  admin: ['staff', 'admin'],
};

export function can(role: Role, capability: Capability): boolean {
  return CAPABILITIES_OF[role].includes(capability);
}

/** Roles that hold a capability (for queries: who may approve, who are staff). */
export function rolesThatCan(capability: Capability): Role[] {
  return (Object.keys(CAPABILITIES_OF) as Role[]).filter((r) => can(r, capability));
}

/** Roles of the community's own people (who sign in to the console), as opposed to residents and merchants. */
export const STAFF_ROLES: readonly Role[] = rolesThatCan('staff');

/** Roles whose account holds points (staff hold none: they award from issuance). */
export const ACCOUNT_HOLDING_ROLES: readonly Role[] = ['resident', 'merchant'];
