/**
 * `kafka-workload serve`: starts the server, prints its address, and serves
 * until interrupted.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ServeOptions } from './cli.js';
import { BUILT_PAGE, startServer } from './server.js';

export const serve = async (options: ServeOptions): Promise<number> => {
  if (!existsSync(options.store_dir)) {
    process.stderr.write(`kafka-workload serve: no store at ${options.store_dir} (runs go to ./store by default; --store DIR names another)\n`);
    return 2;
  }
  let server;
  try {
    server = await startServer({ store: options.store_dir, host: options.host, port: options.port });
  } catch (error) {
    process.stderr.write(`kafka-workload serve: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  if (!existsSync(join(BUILT_PAGE, 'index.html'))) {
    process.stderr.write(`kafka-workload serve: warning: the replay page is not built (${BUILT_PAGE}): runs are listed but do not open; run 'npm run demo:build'\n`);
  }
  process.stdout.write(`kafka-workload serve: ${options.store_dir} on ${server.url} (Ctrl-C stops)\n`);
  await new Promise<void>((resolve) => {
    const stop = (): void => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  return 0;
};
