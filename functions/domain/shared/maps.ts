/** The value under `key`, made by `make` and kept the first time it is asked for. */
export function getOrPut<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  const found = map.get(key);
  if (found !== undefined) return found;
  const made = make();
  map.set(key, made);
  return made;
}

/** As getOrPut, for a WeakMap keyed by an object (a cache that lives as long as its key). */
export function getOrPutWeak<K extends object, V>(map: WeakMap<K, V>, key: K, make: () => V): V {
  const found = map.get(key);
  if (found !== undefined) return found;
  const made = make();
  map.set(key, made);
  return made;
}
