/**
 * The one place names are masked for anyone but staff: 张三华 → 张*华, 王五 → 王*, 欧阳娜娜 → 欧**娜.
 * Works on characters (code points), so it is right for Chinese and Latin names alike.
 */
export function maskName(fullName: string): string {
  const chars = Array.from(fullName.trim());
  if (chars.length === 0) return '*';
  if (chars.length === 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/** 13812345678 → 138****5678; anything shorter keeps only its last two digits. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length >= 11) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  return `${'*'.repeat(Math.max(0, digits.length - 2))}${digits.slice(-2)}`;
}
