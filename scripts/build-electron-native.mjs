#!/usr/bin/env node
// @ts-check
/**
 * `npm run native:electron`: builds better-sqlite3 for Electron's ABI into
 * native/electron/better_sqlite3.node, which the desktop app loads through better-sqlite3's
 * `nativeBinding` option (packaged: copied to resources/ by electron-builder.yml).
 *
 * Why not `npm rebuild` / @electron/rebuild: both rebuild node_modules/better-sqlite3/build
 * in place, and that Node build must stay usable for the tests, the CLI and the browser
 * host. (On machines whose npm config sets `nodedir`, @electron/rebuild also reports
 * success while compiling against Node's headers.) So: compile a copy of the package,
 * against Electron's headers, then check the ABI of what came out before installing it.
 *
 * Needs, like any node-gyp build: Electron's headers (downloaded from --dist-url, or
 * ELECTRON_HEADERS_DIR for offline machines), python3 and a C++ toolchain.
 * Not part of `npm test`.
 *
 *   node scripts/build-electron-native.mjs [--force]
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = path.join(ROOT, 'native', 'electron');
const OUT_FILE = path.join(OUT_DIR, 'better_sqlite3.node');
const HEADERS_URL = 'https://electronjs.org/headers';
const requireFromRoot = createRequire(path.join(ROOT, 'package.json'));

/** @param {string} message @returns {never} */
function fail(message) {
  console.error(`\nnative:electron: ${message}`);
  process.exit(1);
}

/** @param {string} file */
function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/**
 * Same check as electron/host/start.ts: better-sqlite3 is not N-API, so the module exports
 * `node_register_module_v<ABI>`, the symbol the runtime looks up when loading it.
 * @param {string} file
 */
function abiOf(file) {
  const bytes = fs.readFileSync(file);
  const match = /node_register_module_v(\d+)/.exec(bytes.toString('latin1'));
  return { size: bytes.length, abi: match ? match[1] : null };
}

/** node-gyp from the project's node_modules, else the copy bundled with npm. */
function findNodeGyp() {
  const candidates = [];
  try {
    candidates.push(requireFromRoot.resolve('node-gyp/bin/node-gyp.js'));
  } catch {
    /* not installed in the project */
  }
  if (process.env.npm_execpath) {
    candidates.push(path.join(path.dirname(process.env.npm_execpath), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  }
  const prefix = path.dirname(path.dirname(process.execPath));
  candidates.push(path.join(prefix, 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  candidates.push(path.join(path.dirname(process.execPath), 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  return candidates.find((file) => fs.existsSync(file)) ?? null;
}

/**
 * npm passes its config to scripts as npm_config_* variables, and node-gyp reads them:
 * an inherited `nodedir` (set on these machines) silently wins over --target and builds
 * for Node's ABI. Drop every setting that picks the headers or the runtime.
 */
function cleanEnv() {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^npm_config_(nodedir|target|runtime|disturl|dist_url|build_from_source|devdir|arch|target_arch)$/i.test(key)) delete env[key];
  }
  return env;
}

function main() {
  const force = process.argv.includes('--force');

  const electronPkgFile = path.join(ROOT, 'node_modules', 'electron', 'package.json');
  if (!fs.existsSync(electronPkgFile)) fail('node_modules/electron is missing. Run "npm install" first.');
  const electronVersion = readJson(electronPkgFile).version;
  const abiFile = path.join(ROOT, 'node_modules', 'electron', 'abi_version');
  const electronAbi = fs.existsSync(abiFile) ? fs.readFileSync(abiFile, 'utf8').trim() : null;

  let sqliteDir;
  try {
    sqliteDir = path.dirname(requireFromRoot.resolve('better-sqlite3/package.json'));
  } catch {
    fail('better-sqlite3 is not installed. Run "npm install" first.');
  }
  const sqliteVersion = readJson(path.join(sqliteDir, 'package.json')).version;
  const what = `better-sqlite3 ${sqliteVersion} for Electron ${electronVersion}${electronAbi ? ` (ABI ${electronAbi})` : ''}`;

  if (!force && fs.existsSync(OUT_FILE)) {
    const current = abiOf(OUT_FILE);
    if (current.size > 0 && (electronAbi === null || current.abi === electronAbi)) {
      console.log(`native:electron: ${path.relative(ROOT, OUT_FILE)} is up to date (${what}). Use --force to rebuild.`);
      return;
    }
  }

  const nodeGyp = findNodeGyp();
  if (!nodeGyp) fail('node-gyp was not found (neither in node_modules nor bundled with npm). Run "npm install --save-dev node-gyp".');

  // A private copy: node-gyp writes build/ next to binding.gyp, and the original's build/
  // is the Node build the tests use.
  const work = path.join(OUT_DIR, '.work', `better-sqlite3-${sqliteVersion}-electron-${electronVersion}`);
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  for (const entry of ['package.json', 'binding.gyp', 'src', 'deps']) {
    fs.cpSync(path.join(sqliteDir, entry), path.join(work, entry), { recursive: true });
  }

  const args = [
    nodeGyp,
    'rebuild',
    '--release',
    '--runtime=electron',
    `--target=${electronVersion}`,
    `--arch=${process.arch}`,
    `--dist-url=${HEADERS_URL}`,
    '--jobs=max',
  ];
  // Offline machines: point at an extracted node-v<electron>-headers.tar.gz.
  const headersDir = process.env.ELECTRON_HEADERS_DIR;
  if (headersDir) args.push(`--nodedir=${path.resolve(headersDir)}`);

  console.log(`native:electron: building ${what} in ${path.relative(ROOT, work)}`);
  const result = spawnSync(process.execPath, args, { cwd: work, stdio: 'inherit', env: cleanEnv() });
  const built = path.join(work, 'build', 'Release', 'better_sqlite3.node');

  if (result.status !== 0 || !fs.existsSync(built)) {
    fs.rmSync(path.join(OUT_DIR, '.work'), { recursive: true, force: true });
    fail(
      [
        `could not build ${what} (node-gyp ${result.error ? `did not run: ${result.error.message}` : `exited with ${result.status ?? result.signal}`}).`,
        '',
        'node-gyp needs Electron\'s headers (downloaded from ' + HEADERS_URL + '), python3 and a C++ toolchain',
        '(build-essential on Linux, Visual Studio Build Tools on Windows, Xcode Command Line Tools on macOS).',
        'Ways out:',
        '  - on a machine with internet access: npm run native:electron',
        `  - offline: fetch ${HEADERS_URL}/v${electronVersion}/node-v${electronVersion}-headers.tar.gz elsewhere,`,
        '    extract it and run: ELECTRON_HEADERS_DIR=<extracted node_headers dir> npm run native:electron',
        '  - or use the app in a browser: npm run start:web',
        'node_modules/better-sqlite3 was not touched: the tests keep using the Node build.',
      ].join('\n'),
    );
  }

  const produced = abiOf(built);
  if (produced.size === 0) fail(`node-gyp produced an empty ${built}.`);
  if (electronAbi !== null && produced.abi !== electronAbi) {
    fs.rmSync(path.join(OUT_DIR, '.work'), { recursive: true, force: true });
    fail(
      `node-gyp built for ABI ${produced.abi ?? 'unknown'}, not Electron's ${electronAbi}: it compiled against the wrong headers ` +
        `(an inherited nodedir, or ELECTRON_HEADERS_DIR pointing at Node's headers). Nothing was installed.`,
    );
  }

  // Copy then rename, so a running app or an interrupted build never sees half a file.
  fs.mkdirSync(OUT_DIR, { recursive: true });
  const partial = `${OUT_FILE}.partial`;
  fs.copyFileSync(built, partial);
  fs.renameSync(partial, OUT_FILE);
  fs.rmSync(path.join(OUT_DIR, '.work'), { recursive: true, force: true });
  console.log(`native:electron: wrote ${path.relative(ROOT, OUT_FILE)} (${what}, ${produced.size} bytes).`);
}

main();
