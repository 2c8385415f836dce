/**
 * How Maelstrom 0.2.3's client reads an error reply (maelstrom/client.clj,
 * `throw-errors!` over the registry in errors.edn): only the codes the
 * registry marks definite promise the operation did not happen. Every other
 * code, unknown ones included (2..9, 15..19, 100..999 as much as >= 1000), and
 * an error with no integer code at all, is indefinite.
 */
const DEFINITE_CODES: ReadonlySet<number> = new Set([1, 10, 11, 12, 14, 20, 21, 22, 30]);

export const isDefiniteInMaelstrom = (code: unknown): boolean => typeof code === 'number' && DEFINITE_CODES.has(code);
