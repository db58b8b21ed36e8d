import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';

/**
 * A small file in the data folder saying which process has the shop open. SQLite itself
 * lets a second process in (WAL), so nothing else stops `pos restore` from swapping the
 * shop file under a till that is selling. The marker is advisory: a process that died
 * leaves it behind, and a marker whose process is gone is ignored.
 */
export const IN_USE_FILE = 'in-use.json';

export interface InUse {
  pid: number;
  /** Local time the shop was opened, for the message. */
  since: string;
}

interface Marker extends InUse {
  /** Tells apart two opens by one process (tests), so closing one leaves the other's mark. */
  token: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to another user — still running.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Writes the marker for this process; the returned function removes it (if it is still ours). */
export function markInUse(dataDir: string, since: string): () => void {
  const file = path.join(dataDir, IN_USE_FILE);
  const mine: Marker = { pid: process.pid, since, token: randomUUID() };
  // A command run beside the open till (pos backup, pos export) leaves the till's mark alone.
  const other = shopInUse(dataDir);
  if (other && other.pid !== process.pid) return () => undefined;
  try {
    fs.writeFileSync(file, JSON.stringify(mine));
  } catch {
    return () => undefined; // a read-only folder fails the start checks before this matters
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    try {
      const now = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<Marker>;
      if (now.token === mine.token) fs.rmSync(file, { force: true });
    } catch {
      /* gone already, or replaced by another process: leave it */
    }
  };
}

/** The running process that has the shop in `dataDir` open, or null (no marker, or a stale one). */
export function shopInUse(dataDir: string): InUse | null {
  let marker: Partial<InUse>;
  try {
    marker = JSON.parse(fs.readFileSync(path.join(dataDir, IN_USE_FILE), 'utf8')) as Partial<InUse>;
  } catch {
    return null;
  }
  if (typeof marker.pid !== 'number' || !Number.isInteger(marker.pid) || marker.pid <= 0) return null;
  return alive(marker.pid) ? { pid: marker.pid, since: String(marker.since ?? '') } : null;
}
