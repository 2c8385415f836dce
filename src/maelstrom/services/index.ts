/** Maelstrom's services (lin-kv, seq-kv, lww-kv, lin-tso) as one pure machine. */
export { initialServices, isServiceId, SERVICE_IDS, servicesStep, type ServiceId, type ServicesInput, type ServicesState } from './services.js';
export { canonicalJson, handleKv, LWW_KV, PERSISTENT_KV, type KvFlavour, type KvMap, type KvOutcome, type ReplyBody } from './kv.js';
export { clojureStr, javaDouble, prStr } from './clojure-text.js';
export { jsonEqual } from './json-equal.js';
