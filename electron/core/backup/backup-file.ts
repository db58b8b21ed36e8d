import fs from 'node:fs';
import path from 'node:path';
import { openFile, schemaVersion, type Database } from '../db/open.js';
import { integrityCheckInWorker } from '../db/integrity-worker.js';
import { localDateTime } from '../lib/clock.js';
import { backupsToKeep, DEFAULT_ROTATION, type RotationPolicy } from './rotation.js';

/**
 * One backup = one standalone SQLite file (rollback journal, no -wal beside it) written
 * with SQLite's online backup API, plus a small JSON manifest beside it saying when and why
 * it was taken and what it held when it was verified.
 */
export const BACKUP_REASONS = ['daily', 'quit', 'manual', 'pre-restore'] as const;
export type BackupReason = (typeof BACKUP_REASONS)[number];

export interface BackupFacts {
  /** `PRAGMA integrity_check`'s first line: 'ok' for a sound file. */
  integrity: string;
  schemaVersion: number;
  /** Row counts of the tables a shop cares about (those the file has). */
  counts: Record<string, number>;
  lastSale: { receiptNo: string; soldAt: string } | null;
  bytes: number;
}

export interface BackupManifest extends BackupFacts {
  name: string;
  /** Shop-local `YYYY-MM-DDTHH:mm:ss`. */
  createdAt: string;
  reason: BackupReason;
  appVersion: string;
}

export const COUNTED_TABLES = [
  'sales', 'sale_lines', 'sale_payments', 'members', 'products', 'points_ledger', 'stored_value_ledger',
  'topups', 'coupons', 'complaints', 'feedback', 'staff', 'audit_log',
] as const;

const NAME_RE = /^shop-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})(?:-(\d{1,3}))?-(daily|quit|manual|pre-restore)\.sqlite$/;
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * `shop-20261123-191900-daily.sqlite`; a later backup in the same second (whatever its
 * reason) gets `-2`, `-3`…, so names sort in the order the backups were taken.
 */
export function backupName(now: Date, reason: BackupReason, existing: readonly string[]): string {
  const stamp = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
  const seqs = existing.filter((n) => n.startsWith(`shop-${stamp}-`)).map((n) => parseBackupName(n.replace(/\.partial$/, ''))?.seq ?? 1);
  if (seqs.length === 0) return `shop-${stamp}-${reason}.sqlite`;
  return `shop-${stamp}-${Math.max(...seqs) + 1}-${reason}.sqlite`;
}

/** The time and reason a backup's name records, or null for any other file (never a path). */
export function parseBackupName(name: string): { at: Date; seq: number; reason: BackupReason } | null {
  const m = NAME_RE.exec(name);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const at = new Date(y, mo - 1, d, h, mi, s);
  if (Number.isNaN(at.getTime()) || at.getMonth() !== mo - 1) return null;
  return { at, seq: m[7] ? Number(m[7]) : 1, reason: m[8] as BackupReason };
}

export const manifestFile = (file: string) => file.replace(/\.sqlite$/, '.json');

function tableNames(db: Database): Set<string> {
  return new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
}

/** Counts and the last sale of an open shop database (the live one or a copy). */
export function shopFacts(db: Database): Pick<BackupFacts, 'counts' | 'lastSale' | 'schemaVersion'> {
  const tables = tableNames(db);
  const counts: Record<string, number> = {};
  for (const t of COUNTED_TABLES) if (tables.has(t)) counts[t] = db.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number;
  const last = tables.has('sales')
    ? (db.prepare("SELECT receipt_no AS receiptNo, sold_at AS soldAt FROM sales WHERE kind = 'sale' ORDER BY id DESC LIMIT 1").get() as BackupFacts['lastSale'] | undefined)
    : undefined;
  return { counts, lastSale: last ?? null, schemaVersion: schemaVersion(db) };
}

/** Which better-sqlite3 build opens files (Electron's differs from Node's). */
export interface Engine {
  nativeBinding?: string | undefined;
}

function factsOf(file: string, integrity: string, engine: Engine): BackupFacts {
  const db = openFile(file, { readonly: true, ...(engine.nativeBinding ? { nativeBinding: engine.nativeBinding } : {}) });
  try {
    const facts = integrity === 'ok' ? shopFacts(db) : { counts: {}, lastSale: null, schemaVersion: schemaVersion(db) };
    return { integrity, ...facts, bytes: fs.statSync(file).size };
  } finally {
    db.close();
  }
}

/**
 * Opens a backup file read-only and checks it end to end. Throws when the file cannot be
 * opened as SQLite at all (not a database, unreadable); a damaged one answers its
 * integrity_check message instead of 'ok'. On the calling thread: for a backup the owner
 * is about to restore, who waits for the answer anyway.
 */
export function inspectFile(file: string, engine: Engine = {}): BackupFacts {
  const db = openFile(file, { readonly: true, ...(engine.nativeBinding ? { nativeBinding: engine.nativeBinding } : {}) });
  let integrity: string;
  try {
    const rows = db.pragma('integrity_check') as Array<{ integrity_check: string }>;
    integrity = rows.map((r) => r.integrity_check).join('; ').slice(0, 500);
  } finally {
    db.close();
  }
  return factsOf(file, integrity, engine);
}

/** The same check with integrity_check in a worker thread, so a large backup never freezes the till. */
export async function inspectFileInBackground(file: string, engine: Engine = {}): Promise<BackupFacts> {
  const integrity = await integrityCheckInWorker(file, engine.nativeBinding);
  return factsOf(file, integrity, engine);
}

function writeJsonAtomically(file: string, value: unknown): void {
  const tmp = `${file}.partial`;
  fs.writeFileSync(tmp, JSON.stringify(value, null, 2));
  fs.renameSync(tmp, file);
}

export class BackupVerifyError extends Error {}

/** Takes, converts to a standalone file, verifies, then publishes (rename) one backup. */
export async function writeBackup(source: Database, dir: string, reason: BackupReason, now: Date, appVersion: string, engine: Engine = {}): Promise<BackupManifest> {
  fs.mkdirSync(dir, { recursive: true });
  const name = backupName(now, reason, fs.readdirSync(dir));
  const file = path.join(dir, name);
  const tmp = `${file}.partial`;
  try {
    // The online backup API copies a consistent snapshot while the till keeps selling.
    await source.backup(tmp);
    // The copy inherits WAL mode from the live file; a backup is one self-contained file.
    const copy = openFile(tmp, engine.nativeBinding ? { nativeBinding: engine.nativeBinding } : {});
    try { copy.pragma('journal_mode = DELETE'); } finally { copy.close(); }
    const facts = await inspectFileInBackground(tmp, engine);
    if (facts.integrity !== 'ok') throw new BackupVerifyError(`backup ${name} failed its integrity check: ${facts.integrity}`);
    fs.renameSync(tmp, file);
    const manifest: BackupManifest = { name, createdAt: localDateTime(now), reason, appVersion, ...facts };
    writeJsonAtomically(manifestFile(file), manifest);
    return manifest;
  } finally {
    for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`, `${tmp}-journal`]) fs.rmSync(f, { force: true });
  }
}

/** Copies a finished backup to another folder (a USB drive) and verifies the copy as written. */
export async function copyBackup(file: string, manifest: BackupManifest, dir: string, engine: Engine = {}): Promise<BackupManifest> {
  fs.mkdirSync(dir, { recursive: true });
  const target = path.join(dir, manifest.name);
  const tmp = `${target}.partial`;
  try {
    fs.copyFileSync(file, tmp); // a closed, self-contained file: a plain copy is safe
    const facts = await inspectFileInBackground(tmp, engine);
    if (facts.integrity !== 'ok') throw new BackupVerifyError(`the copy in ${dir} failed its integrity check: ${facts.integrity}`);
    fs.renameSync(tmp, target);
    const copied = { ...manifest, ...facts };
    writeJsonAtomically(manifestFile(target), copied);
    return copied;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

export const newestFirst = (a: { at: Date; seq: number }, b: { at: Date; seq: number }) => b.at.getTime() - a.at.getTime() || b.seq - a.seq;

export interface BackupFile {
  name: string;
  file: string;
  at: Date;
  /** 1, or n for the n-th backup taken in the same second. */
  seq: number;
  reason: BackupReason;
  manifest: BackupManifest | null;
}

/** The backups in a folder, newest first; other files are ignored. */
export function listBackups(dir: string): BackupFile[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const out: BackupFile[] = [];
  for (const name of names) {
    const parsed = parseBackupName(name);
    if (!parsed) continue;
    const file = path.join(dir, name);
    let manifest: BackupManifest | null = null;
    try {
      manifest = JSON.parse(fs.readFileSync(manifestFile(file), 'utf8')) as BackupManifest;
    } catch {
      manifest = null; // taken by hand or manifest lost: listed, checked when inspected
    }
    out.push({ name, file, ...parsed, manifest });
  }
  return out.sort(newestFirst);
}

/** Deletes the backups rotation no longer keeps (with their manifests); answers their names. */
export function rotate(dir: string, policy: RotationPolicy = DEFAULT_ROTATION): string[] {
  const all = listBackups(dir);
  const keep = backupsToKeep(all, policy);
  const removed: string[] = [];
  for (const b of all) {
    if (keep.has(b.name)) continue;
    fs.rmSync(b.file, { force: true });
    fs.rmSync(manifestFile(b.file), { force: true });
    removed.push(b.name);
  }
  return removed;
}
