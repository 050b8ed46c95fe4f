/**
 * What a login, phone, card number, PIN and password must look like, wherever an account is made:
 * the spreadsheet import, the staff desk, the admin console and the first set-up accept the same data.
 */
export const LOGIN_PATTERN = /^[a-z0-9_.-]{3,32}$/;
export const PHONE_PATTERN = /^1\d{10}$/;
export const CARD_PATTERN = /^C\d{4,8}$/;
export const PIN_PATTERN = /^\d{4}$/;
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

/** Normalizes what people type for a card number: ` c0001 ` → `C0001`. */
export function normalizeCard(value: string): string {
  return value.trim().toUpperCase();
}
