/** A Map or a WeakMap: whatever keeps a value under a key. */
interface Keeps<K, V> {
  get(key: K): V | undefined;
  set(key: K, value: V): unknown;
}

/** The value under `key`, made by `make` and kept the first time it is asked for. */
export function getOrPut<K, V>(map: Keeps<K, V>, key: K, make: () => V): V {
  const found = map.get(key);
  if (found !== undefined) return found;
  const made = make();
  map.set(key, made);
  return made;
}
