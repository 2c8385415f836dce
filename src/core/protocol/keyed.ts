/**
 * A plain record keyed by strings from the outside (log keys, node ids): it
 * has no prototype, so a key named `__proto__`, `constructor` or `toString`
 * is an own property like any other, and JSON.stringify writes it. (On `{}`,
 * `record['__proto__'] = x` would set the prototype and the key would vanish
 * from the reply.) Found by the fuzzer (docs/fuzz.md).
 */
export const keyedRecord = <T>(): Record<string, T> => Object.create(null) as Record<string, T>;

/** Whether `record` holds `key` itself, never through its prototype. */
export const holds = (record: Readonly<Record<string, unknown>>, key: string): boolean => Object.hasOwn(record, key);
