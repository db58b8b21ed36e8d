import os from 'node:os';
import path from 'node:path';

export const PRODUCT_NAME = 'Counter POS';

/**
 * Where the shop's data lives when no `--data-dir` / POS_DATA_DIR is given: the same folder
 * Electron uses as userData (appData/productName), so the CLI, the browser host and the
 * desktop app all open the same shop.
 */
export function defaultDataDir(platform = process.platform, env = process.env, home = os.homedir()): string {
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', PRODUCT_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), PRODUCT_NAME);
}

export function resolveDataDir(flag: string | undefined, env = process.env): string {
  return path.resolve(flag ?? env.POS_DATA_DIR ?? defaultDataDir());
}
