/**
 * Freezes a default-config object and its nested arrays/objects at runtime while keeping its
 * mutable static type (so it still satisfies interfaces with plain tuples). Shared defaults are
 * handed to many callers; one accidental `defaults.x[0] = …` must not change everyone's scoring.
 */
export function deepFreeze<T extends object>(value: T): T {
  for (const child of Object.values(value)) {
    if (typeof child === 'object' && child !== null && !Object.isFrozen(child)) deepFreeze(child as object);
  }
  Object.freeze(value);
  return value;
}
