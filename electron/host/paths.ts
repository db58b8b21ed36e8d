import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fs from 'node:fs';

/** The project root, whether running from source (tsx) or from dist/node. */
export function projectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error('package.json not found above ' + fileURLToPath(import.meta.url));
    dir = up;
  }
  return dir;
}

export function rendererDir(): string {
  return path.join(projectRoot(), 'dist', 'renderer');
}
