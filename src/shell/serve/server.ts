/**
 * The HTTP side of `kafka-workload serve` (node:http; four routes, so no
 * framework):
 *
 *   GET /                  the index page (index-page.ts)
 *   GET /runs.json         the same runs as data
 *   GET /replay/...        the built replay page (web/dist), which opens
 *                          ?run=PATH by itself (web/src/run/fetch-run.ts)
 *   GET /store/PATH/       a run folder's files, as a JSON list of names
 *   GET /store/PATH/FILE   a file of the store, as it is on disk
 *
 * Anything else, and any path that is not inside the store or the page once
 * symlinks are followed (inside.ts), is 404. Every request reads the disk
 * afresh, so a run being written is served as far as it goes.
 */
import { createReadStream } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { extname, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { INDEX_CSP, indexPage } from './index-page.js';
import { resolveInside } from './inside.js';
import { RunIndex } from './runs.js';

/** The replay page as `npm run demo:build` (and `npm pack`) leaves it, relative to this file in dist/ and in the package alike. */
export const BUILT_PAGE = fileURLToPath(new URL('../../../../web/dist/', import.meta.url));

export interface ServerOptions {
  readonly store: string;
  readonly host: string;
  readonly port: number;
  /** The built replay page (default: BUILT_PAGE). */
  readonly page?: string;
}

export interface RunningServer {
  readonly url: string;
  close(): Promise<void>;
}

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.gz': 'application/gzip',
};
const typeOf = (path: string): string => TYPES[extname(path)] ?? 'text/plain; charset=utf-8';

/** A store file opened on its own (an SVG, say) runs nothing and loads nothing. */
const STORE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox";

const send = (response: ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}): void => {
  response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...headers }).end(body);
};
const notFound = (response: ServerResponse): void => send(response, 404, 'text/plain; charset=utf-8', 'not found\n');

const sendFile = async (response: ServerResponse, path: string, headers: Record<string, string> = {}): Promise<void> => {
  const info = await stat(path);
  response.writeHead(200, { 'content-type': typeOf(path), 'content-length': String(info.size), 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...headers });
  await pipeline(createReadStream(path), response);
};

/** The files (not folders) directly in a run folder that would be served: what the replay page may ask for. */
const listing = async (store: string, dir: string): Promise<string[]> => {
  const entries = await readdir(dir, { withFileTypes: true });
  const served = await Promise.all(
    entries.map(async (e) => {
      if (e.isFile()) return e.name;
      const target = e.isSymbolicLink() ? await resolveInside(store, [...dir.slice(store.length).split(sep), e.name].map(encodeURIComponent)) : null;
      return target !== null && (await stat(target)).isFile() ? e.name : null;
    }),
  );
  return served.filter((name): name is string => name !== null).sort();
};

const isLoopback = (host: string): boolean => host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);

const hostnameOf = (header: string | undefined): string => {
  try {
    return new URL(`http://${header ?? ''}`).hostname;
  } catch {
    return '';
  }
};

export const startServer = async (options: ServerOptions): Promise<RunningServer> => {
  const store = await realpath(options.store);
  if (!(await stat(store)).isDirectory()) throw new Error(`${options.store} is not a folder`);
  const page = await realpath(options.page ?? BUILT_PAGE).catch(() => null);
  const runs = new RunIndex(store);

  const loopback = isLoopback(options.host);
  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    if (loopback && !isLoopback(hostnameOf(request.headers.host))) {
      // A page elsewhere whose name was pointed at 127.0.0.1 (DNS rebinding) reads nothing.
      send(response, 403, 'text/plain; charset=utf-8', 'this server answers only to 127.0.0.1, localhost or [::1]\n');
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      send(response, 405, 'text/plain; charset=utf-8', 'only GET\n', { allow: 'GET, HEAD' });
      return;
    }
    // Split the raw path, not a parsed URL's: what a segment decodes to is inside.ts's to judge.
    const raw = (request.url ?? '/').split('?')[0]!;
    const [, top = '', ...rest] = raw.split('/');
    if (raw === '/' || raw === '/index.html') {
      send(response, 200, 'text/html; charset=utf-8', indexPage(options.store, runs.list(Date.now())), { 'content-security-policy': INDEX_CSP });
    } else if (raw === '/runs.json') {
      send(response, 200, 'application/json; charset=utf-8', JSON.stringify(runs.list(Date.now())));
    } else if (raw === '/replay') {
      // The page's asset paths are relative to its folder.
      send(response, 301, 'text/plain; charset=utf-8', '', { location: `/replay/${(request.url ?? '').slice(raw.length)}` });
    } else if (top === 'replay') {
      if (page === null) {
        send(response, 404, 'text/plain; charset=utf-8', `The replay page is not built (no ${options.page ?? BUILT_PAGE}): run 'npm run demo:build' in the repository.\n`);
        return;
      }
      const path = await resolveInside(page, rest.length === 0 || rest[rest.length - 1] === '' ? [...rest, 'index.html'] : rest);
      if (path === null || !(await stat(path)).isFile()) notFound(response);
      else await sendFile(response, path);
    } else if (top === 'store') {
      const path = await resolveInside(store, rest);
      if (path === null) notFound(response);
      else if ((await stat(path)).isDirectory()) send(response, 200, 'application/json; charset=utf-8', JSON.stringify({ files: await listing(store, path) }));
      else await sendFile(response, path, { 'content-security-policy': STORE_CSP });
    } else notFound(response);
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      // A file that vanished between two looks (a run being rewritten) is simply not found.
      if (!response.headersSent) notFound(response);
      else response.destroy(error instanceof Error ? error : undefined);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the server has no port');
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}/`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
