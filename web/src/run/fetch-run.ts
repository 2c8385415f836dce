/**
 * Opening the run the page's address names: `replay/?run=PATH`, as
 * `kafka-workload serve` links it (src/shell/serve/server.ts). The server
 * lists the run folder at `store/PATH/` and serves its files under it; the
 * page fetches the ones it reads (isRunFile) and opens them exactly as if
 * the folder had been chosen with "Open folder…" (runOfTexts), gzipped
 * files included.
 */
import { isRunFile, readFileText, runOfTexts } from './open-files.js';
import type { Run } from './run.js';

/** The run the address asks for, if any. */
export const requestedRun = (search: string): string | null => new URLSearchParams(search).get('run');

/** The run folder's address, relative to the page's: one encoded segment at a time. */
const folderUrl = (path: string, page: string): URL => new URL(`../store/${path.split('/').map(encodeURIComponent).join('/')}/`, page);

export const fetchRun = async (path: string, page: string): Promise<Run | string> => {
  const folder = folderUrl(path, page);
  const listing = await fetch(folder);
  if (!listing.ok) return `there is no run ${path} in the store (${listing.status} ${listing.statusText})`;
  const { files } = (await listing.json()) as { files: readonly string[] };
  const name = path.split('/').pop() ?? path;
  const texts = await Promise.all(
    files.filter(isRunFile).map(async (file) => {
      const response = await fetch(new URL(encodeURIComponent(file), folder));
      if (!response.ok) throw new Error(`${path}/${file}: ${response.status} ${response.statusText}`);
      // Named as in a chosen folder, so the run is named after its folder.
      return { name: `${name}/${file}`, text: await readFileText(await response.blob()) };
    }),
  );
  return runOfTexts(texts);
};
