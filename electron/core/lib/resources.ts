import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A file shipped in the project's resources/ folder (fonts, icons), or null when it is not
 * there. Found by walking up from this module, because the module sits at different depths:
 * electron/core/lib under tsx and vitest, dist/node/electron/core/lib when built, and the
 * same path inside app.asar when packaged (electron-builder.yml `files` takes resources/ in;
 * Electron's fs reads from the archive).
 */
export function resourcePath(relative: string, from = path.dirname(fileURLToPath(import.meta.url))): string | null {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'resources', relative);
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return null;
  }
}
