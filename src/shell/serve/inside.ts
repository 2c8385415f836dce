/**
 * The one gate between a URL and a file: a path is served only if, with
 * every symlink followed, it is the root or under it. Checked on the real
 * path, after the file system has resolved it, so `..` (plain or
 * percent-encoded), an encoded slash, and a symlink that leads out of the
 * root all end here as "not found".
 */
import { realpath } from 'node:fs/promises';
import { join, sep } from 'node:path';

/**
 * The real path of `segments` (still percent-encoded, as in the URL) under
 * `root` (itself a real path), or null when it does not exist or is not
 * inside. A segment that decodes to something holding a separator, a NUL or
 * a dot name is refused before the file system sees it.
 */
export const resolveInside = async (root: string, segments: readonly string[]): Promise<string | null> => {
  const names: string[] = [];
  for (const segment of segments) {
    let name: string;
    try {
      name = decodeURIComponent(segment);
    } catch {
      return null;
    }
    if (name === '') continue;
    if (name === '.' || name === '..' || /[/\\\0]/.test(name)) return null;
    names.push(name);
  }
  let real: string;
  try {
    real = await realpath(join(root, ...names));
  } catch {
    return null;
  }
  return real === root || real.startsWith(root + sep) ? real : null;
};
