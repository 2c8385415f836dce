/**
 * JSON encoding that survives any depth. V8's JSON.parse accepts nesting a
 * million deep, but JSON.stringify recurses and overflows the stack at about
 * ten thousand: a client could store a value we could never send back. The
 * fast path is JSON.stringify; on a stack overflow we fall back to an
 * explicit-stack encoder that writes the same text.
 */

export const encodeJson = (value: unknown): string => {
  try {
    return JSON.stringify(value);
  } catch (error) {
    if (error instanceof RangeError) return encodeIteratively(value);
    throw error;
  }
};

type Frame =
  | { readonly kind: 'array'; readonly items: readonly unknown[]; next: number }
  | { readonly kind: 'object'; readonly record: Readonly<Record<string, unknown>>; readonly keys: string[]; next: number; wrote: boolean };

/** Same output as JSON.stringify for JSON data (no toJSON, no undefined in arrays needed beyond null). */
export const encodeIteratively = (root: unknown): string => {
  const parts: string[] = [];
  const stack: Frame[] = [];
  const open = (value: unknown): void => {
    if (Array.isArray(value)) {
      parts.push('[');
      stack.push({ kind: 'array', items: value, next: 0 });
    } else if (value !== null && typeof value === 'object') {
      parts.push('{');
      const record = value as Readonly<Record<string, unknown>>;
      stack.push({ kind: 'object', record, keys: Object.keys(record), next: 0, wrote: false });
    } else {
      parts.push(JSON.stringify(value) ?? 'null');
    }
  };
  open(root);
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    if (frame.kind === 'array') {
      if (frame.next === frame.items.length) {
        parts.push(']');
        stack.pop();
        continue;
      }
      if (frame.next > 0) parts.push(',');
      open(frame.items[frame.next++]);
      continue;
    }
    // Skip properties JSON.stringify would omit (undefined, functions).
    while (frame.next < frame.keys.length && !isEncodable(frame.record[frame.keys[frame.next]!])) frame.next++;
    if (frame.next === frame.keys.length) {
      parts.push('}');
      stack.pop();
      continue;
    }
    const key = frame.keys[frame.next++]!;
    if (frame.wrote) parts.push(',');
    frame.wrote = true;
    parts.push(JSON.stringify(key), ':');
    open(frame.record[key]);
  }
  return parts.join('');
};

const isEncodable = (value: unknown): boolean =>
  value !== undefined && typeof value !== 'function' && typeof value !== 'symbol';
