/** A history that could not be read: which line, and why. Lines count from 1. */
export interface ParseError {
  readonly line: number;
  readonly message: string;
}

export function formatParseError(e: ParseError): string {
  return `line ${e.line}: ${e.message}`;
}
