import { availableParallelism } from 'node:os';
import { hashSecret } from '../domain/shared/crypto';

/**
 * Hashes many passwords/PINs before an import's transaction: PBKDF2 is slow on purpose, so doing
 * it inside the write would hold the database's only write lock for minutes. Web Crypto runs each
 * derivation on libuv's thread pool, so a few at a time use several cores.
 */
export async function hashAll(
  secrets: string[],
  onProgress?: (done: number) => void,
): Promise<string[]> {
  const hashes: string[] = new Array(secrets.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < secrets.length) {
      const i = next++;
      hashes[i] = await hashSecret(secrets[i]!);
      onProgress?.(++done);
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(secrets.length, Math.max(4, availableParallelism())) }, worker),
  );
  return hashes;
}
