/**
 * Maelstrom's error codes. Definite errors promise the operation did not
 * happen; indefinite ones (timeout, crash, >= 1000) promise nothing, so a
 * client must record the operation as `info`.
 */
export const ErrorCode = {
  timeout: 0,
  nodeNotFound: 1,
  notSupported: 10,
  temporarilyUnavailable: 11,
  malformedRequest: 12,
  crash: 13,
  abort: 14,
  keyDoesNotExist: 20,
  keyAlreadyExists: 21,
  preconditionFailed: 22,
  txnConflict: 30,
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export const isDefiniteError = (code: number): boolean =>
  code !== ErrorCode.timeout && code !== ErrorCode.crash && code < 1000;

export interface ErrorBody {
  readonly type: 'error';
  readonly in_reply_to: number;
  readonly code: number;
  readonly text: string;
}
