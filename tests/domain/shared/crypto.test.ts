import { describe, expect, it } from 'vitest';
import { sha256Hex, toHex } from '../../../functions/domain/shared/crypto';

describe('sha256Hex', () => {
  it('is SHA-256 of the UTF-8 text, as Web Crypto (the edge runtime) computes it', async () => {
    expect(await sha256Hex('')).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(await sha256Hex('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    for (const text of ['积分银行 redemption 20', 'x'.repeat(1000), '\u{1F600}']) {
      const web = toHex(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
      expect(await sha256Hex(text)).toBe(web);
    }
  });
});
