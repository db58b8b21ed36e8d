import fs from 'node:fs';
import path from 'node:path';
import { openCoreOrExplain } from './backup-commands.js';
import { createResilientCore } from '../core/resilient-core.js';
import { startHost } from './http-host.js';
import { rendererDir } from './paths.js';
import { testClockFromEnv } from './test-clock.js';

export interface ServeOptions {
  dataDir: string;
  port?: number;
  /** Fixed secret (tests); a random one per launch otherwise. */
  secret?: string;
}

/** Opens the shop and serves it on 127.0.0.1 until the process is told to stop. */
export async function serve(options: ServeOptions) {
  const staticDir = rendererDir();
  if (!fs.existsSync(path.join(staticDir, 'index.html'))) {
    throw new Error(`The renderer is not built (${staticDir}). Run "npm run build" first.`);
  }
  const clock = testClockFromEnv();
  // The resilient core reopens the database after an I/O error instead of serving from a broken handle.
  const core = openCoreOrExplain({ dataDir: options.dataDir, ...(clock ? { clock } : {}) }, createResilientCore);
  const host = await startHost({
    dispatcher: core.dispatcher,
    events: core.events,
    staticDir,
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(options.secret ? { secret: options.secret } : {}),
  });
  const stop = async () => {
    await host.close();
    await core.shutdown(); // waits for a receipt under way, then the backup on quit
  };
  process.once('SIGINT', () => void stop().then(() => process.exit(0)));
  process.once('SIGTERM', () => void stop().then(() => process.exit(0)));
  return { host, core, stop };
}
