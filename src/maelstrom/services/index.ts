/** Maelstrom's services (lin-kv, seq-kv, lww-kv, lin-tso) as one pure machine. */
export { initialServices, isServiceId, SERVICE_IDS, servicesStep, type ServiceId, type ServicesInput, type ServicesState } from './services.js';
export { handleKv, keyText, type KvMap, type KvOutcome, type ReplyBody } from './kv.js';
export { jsonEqual } from './json-equal.js';
