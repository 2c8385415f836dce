import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Every .ts file below `dir`, depth first. */
export const typeScriptFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? typeScriptFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
