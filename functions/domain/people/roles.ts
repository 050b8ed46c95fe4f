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
