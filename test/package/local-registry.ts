/**
 * A registry on 127.0.0.1 that knows only the package's runtime
 * dependencies, each packed from this clone's node_modules/, so that
 * `npm install TARBALL --registry URL --cache EMPTY` installs with no
 * network and without relying on what npm's own cache happens to hold (an
 * install from package-lock.json caches tarballs but not the packuments an
 * install of a tarball resolves its dependencies with).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';

export interface LocalRegistry {
  readonly url: string;
  close(): Promise<void>;
}

interface Packed {
  readonly manifest: Record<string, unknown> & { readonly name: string; readonly version: string };
  readonly tarball: Buffer;
}

const pack = (root: string, name: string, into: string, npm: string): Packed => {
  const dir = join(root, 'node_modules', name);
  const packed = spawnSync(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', into, dir], { encoding: 'utf8' });
  if (packed.status !== 0) throw new Error(`npm pack ${dir} failed:\n${packed.stderr}`);
  const [report] = JSON.parse(packed.stdout) as { filename: string }[];
  return { manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')), tarball: readFileSync(join(into, report!.filename)) };
};

export const startLocalRegistry = async (root: string, names: readonly string[], into: string, npm: string): Promise<LocalRegistry> => {
  mkdirSync(into, { recursive: true });
  const packages = new Map(names.map((name) => [name, pack(root, name, into, npm)]));
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0]!;
    const [, name = '', dash, file] = path.split('/');
    const found = packages.get(decodeURIComponent(name));
    if (found === undefined) {
      response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
    } else if (dash === '-' && file === `${name}-${found.manifest.version}.tgz`) {
      response.writeHead(200, { 'content-type': 'application/octet-stream' }).end(found.tarball);
    } else {
      const { name: n, version } = found.manifest;
      const integrity = `sha512-${createHash('sha512').update(found.tarball).digest('base64')}`;
      const host = `http://${request.headers.host ?? '127.0.0.1'}`;
      const packument = {
        name: n,
        'dist-tags': { latest: version },
        versions: { [version]: { ...found.manifest, dist: { tarball: `${host}/${n}/-/${n}-${version}.tgz`, integrity } } },
      };
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(packument));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the registry has no port');
  return { url: `http://127.0.0.1:${address.port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
};
