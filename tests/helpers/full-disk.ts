import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * A really small disk for the full-disk tests: a tmpfs of `size` mounted on a temp folder
 * (needs root, as in CI). Answers why not, as a string, where it cannot be made.
 */
export function mountTmpfs(size: string, prefix: string): { dir: string; umount(): void } | string {
  if (process.platform !== 'linux') return 'tmpfs needs Linux';
  if (process.getuid?.() !== 0) return 'mounting a tmpfs needs root';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const m = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]);
  if (m.status !== 0) {
    fs.rmdirSync(dir);
    return `mount failed: ${m.stderr.toString().trim() || m.error?.message}`;
  }
  return { dir, umount: () => { spawnSync('umount', ['-l', dir]); fs.rmSync(dir, { recursive: true, force: true }); } };
}

/** Fills the disk under `dir` to the last block; delete the returned file to free it. */
export function fillDisk(dir: string): string {
  const filler = path.join(dir, 'filler.bin');
  const fd = fs.openSync(filler, 'w');
  const chunk = Buffer.alloc(64 * 1024, 1);
  try {
    for (;;) fs.writeSync(fd, chunk);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
  } finally {
    fs.closeSync(fd);
  }
  return filler;
}
