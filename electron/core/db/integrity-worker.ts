import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * `PRAGMA integrity_check` of a database file in a worker thread. better-sqlite3 is
 * synchronous: checking a large shop's backup (hundreds of MB) on the main thread would
 * freeze the till for seconds at the first start of the day. The worker is plain CommonJS
 * passed as source (so it runs the same from TypeScript sources, the build and a packaged
 * app), opens the file read-only with the same native binding, and answers the check's lines.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
let db;
try {
  db = new Database(workerData.file, { readonly: true, fileMustExist: true, ...(workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {}) });
  const rows = db.pragma('integrity_check');
  parentPort.postMessage({ ok: true, lines: rows.map((r) => r.integrity_check) });
} catch (err) {
  parentPort.postMessage({ ok: false, code: err && err.code, message: String(err && err.message || err) });
} finally {
  if (db) db.close();
}
`;

const betterSqlite3 = createRequire(import.meta.url).resolve('better-sqlite3');

export class IntegrityCheckError extends Error {
  constructor(message: string, readonly code: string | undefined) {
    super(message);
  }
}

/** Resolves with integrity_check's answer ('ok' for a sound file); rejects when the file cannot be opened. */
export function integrityCheckInWorker(file: string, nativeBinding?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, module: betterSqlite3, nativeBinding: nativeBinding ?? null } });
    let answered = false;
    worker.once('message', (m: { ok: true; lines: string[] } | { ok: false; code?: string; message: string }) => {
      answered = true;
      if (m.ok) resolve(m.lines.join('; ').slice(0, 500));
      else reject(new IntegrityCheckError(m.message, m.code));
    });
    worker.once('error', (err) => {
      answered = true;
      reject(err);
    });
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`integrity worker exited with ${code}`));
    });
  });
}
