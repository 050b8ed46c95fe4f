/** Fixed ids of the system accounts (created by migration 0002 in every community database). */
export const SYSTEM_ACCOUNTS = {
  issuance: 1,
  expiry: 2,
  pool: 3,
} as const;
