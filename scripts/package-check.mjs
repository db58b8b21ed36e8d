#!/usr/bin/env node
// @ts-check
/**
 * `npm run package:check`: proves the packaging configuration without the Electron binary
 * and offline. It runs electron-builder with electron-builder.yml as it is, except for three
 * settings: a stand-in Electron folder (`electronDist`), a temporary output folder, no fuse
 * flipping (the stand-in is not a real binary) and, only when `npm run native:electron` has
 * not produced it, a placeholder for the Electron build of better-sqlite3. Then it opens
 * app.asar and checks what ships and what must not.
 *
 * Needs `npm run build` first (dist/node and dist/renderer). Not part of `npm test`.
 *   node scripts/package-check.mjs [--keep]
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const requireFromRoot = createRequire(path.join(ROOT, 'package.json'));
// js-yaml and @electron/asar come with electron-builder; resolve them through it.
const requireFromBuilder = createRequire(requireFromRoot.resolve('app-builder-lib/package.json'));
const yaml = requireFromBuilder('js-yaml');
const asar = requireFromBuilder('@electron/asar');

const NATIVE = path.join(ROOT, 'native', 'electron', 'better_sqlite3.node');
const keep = process.argv.includes('--keep');

/** @type {string[]} */
const problems = [];
/** @param {boolean} ok @param {string} what */
function expectThat(ok, what) {
  console.log(`${ok ? '  ok  ' : '  FAIL'} ${what}`);
  if (!ok) problems.push(what);
}

for (const built of ['dist/node/electron/main/main.js', 'dist/node/electron/preload/preload.cjs', 'dist/renderer/index.html']) {
  if (!fs.existsSync(path.join(ROOT, built))) {
    console.error(`package:check: ${built} is missing. Run "npm run build" first.`);
    process.exit(1);
  }
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'counter-pos-package-check-'));
const standIn = path.join(work, 'electron-dist');
const output = path.join(work, 'release');
fs.mkdirSync(standIn);
// electron-builder copies this folder and renames `electron` to the product's executable.
fs.writeFileSync(path.join(standIn, 'electron'), '#!/bin/sh\necho "stand-in for the Electron binary"\n', { mode: 0o755 });
const electronVersion = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
fs.writeFileSync(path.join(standIn, 'version'), `v${electronVersion}`);

const config = yaml.load(fs.readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8'));
config.electronDist = standIn;
config.directories = { ...config.directories, output };
// Flipping fuses patches the real binary; the stand-in has none to flip. The fuse settings
// were still validated against electron-builder's schema when the configuration loaded.
const fuses = config.electronFuses;
config.electronFuses = null;
const nativeBuilt = fs.existsSync(NATIVE);
if (!nativeBuilt) {
  const placeholder = path.join(work, 'better_sqlite3.node');
  fs.writeFileSync(placeholder, 'placeholder: run npm run native:electron for the real module\n');
  config.extraResources = config.extraResources.map((/** @type {{from: string, to: string}} */ r) =>
    path.normalize(r.from) === path.normalize('native/electron/better_sqlite3.node') ? { ...r, from: placeholder } : r,
  );
}
const configFile = path.join(work, 'electron-builder.json');
fs.writeFileSync(configFile, JSON.stringify(config, null, 2));

console.log(`package:check: electron-builder --linux dir against a stand-in Electron ${electronVersion} (output in ${output})`);
const builder = requireFromRoot.resolve('electron-builder/cli.js');
const run = spawnSync(process.execPath, [builder, '--linux', 'dir', '--projectDir', ROOT, '--config', configFile], {
  cwd: ROOT,
  stdio: 'inherit',
  env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
});
if (run.status !== 0) {
  console.error(`package:check: electron-builder failed (exit ${run.status ?? run.signal}). Files kept in ${work}`);
  process.exit(1);
}

const resources = path.join(output, 'linux-unpacked', 'resources');
const archive = path.join(resources, 'app.asar');
/** @type {string[]} */
const files = asar.listPackage(archive).map((/** @type {string} */ f) => f.replace(/\\/g, '/'));
const has = (/** @type {string} */ f) => files.includes(f);
const pkg = JSON.parse(asar.extractFile(archive, 'package.json').toString('utf8'));
const devDependencies = Object.keys(JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).devDependencies ?? {});

console.log('package:check: app.asar');
expectThat(has(`/${pkg.main}`), `package.json "main" (${pkg.main}) is inside`);
expectThat(has('/dist/node/electron/preload/preload.cjs'), 'the preload is inside');
expectThat(has('/dist/renderer/index.html'), 'the built renderer is inside');
expectThat(has('/node_modules/better-sqlite3/lib/index.js'), 'production dependencies are inside (better-sqlite3/lib)');
const top = [...new Set(files.map((f) => f.split('/')[1]))].sort();
expectThat(top.every((t) => ['dist', 'node_modules', 'package.json', 'resources'].includes(t)), `only dist/, node_modules/, package.json and resources/ at the top (${top.join(', ')})`);
expectThat(has('/resources/build/icons/256x256.png'), "the window's icon is inside (resources/build/icons/256x256.png)");
expectThat(has('/resources/fonts/SourceHanSansSC-Regular-GB2312.otf') && has('/resources/fonts/LICENSE-SourceHanSans.txt'), 'the Chinese font of the PDF and its licence are inside (resources/fonts)');
const resourceFiles = files.filter((f) => f.startsWith('/resources/') && path.extname(f));
expectThat(resourceFiles.length === 3, `nothing else from resources/ (${resourceFiles.length} files: ${resourceFiles.join(', ')})`);
const sources = files.filter((f) => /\.(ts|tsx|cts|mts)$/.test(f) || f.endsWith('.map') || /\.test\.js$/.test(f.replace(/^\/node_modules\/.*/, '')));
expectThat(sources.length === 0, `no sources, tests or source maps (${sources.slice(0, 3).join(', ') || 'none'})`);
const sqliteBuild = files.filter((f) => /^\/node_modules\/better-sqlite3\/(build|deps|src)(\/|$)/.test(f));
expectThat(sqliteBuild.length === 0, "better-sqlite3's Node build and C sources are left out");
const shippedDev = devDependencies.filter((d) => has(`/node_modules/${d}`));
expectThat(shippedDev.length === 0, `no devDependencies (${shippedDev.join(', ') || 'none'})`);
const natives = files.filter((f) => f.endsWith('.node'));
const packed = natives.filter((f) => !fs.existsSync(path.join(`${archive}.unpacked`, f)));
expectThat(packed.length === 0, `every .node is unpacked beside the archive (${natives.length} found)`);

console.log('package:check: resources');
const nativeResource = path.join(resources, 'better_sqlite3.node');
expectThat(fs.existsSync(nativeResource), `resources/better_sqlite3.node is where main.ts looks for it${nativeBuilt ? '' : ' (placeholder: native:electron not built here)'}`);

console.log('package:check: not checked here');
console.log(`  --   electron fuses (${Object.keys(fuses ?? {}).length} set): they patch the real Electron binary`);
console.log('  --   installers (nsis, dmg, AppImage, deb): electron-builder downloads their tools');

if (!keep) fs.rmSync(work, { recursive: true, force: true });
else console.log(`package:check: kept ${work}`);
if (problems.length > 0) {
  console.error(`package:check: ${problems.length} problem(s).`);
  process.exit(1);
}
console.log(`package:check: the packaging configuration is sound${nativeBuilt ? '.' : '; installers still need "npm run native:electron" on a connected machine.'}`);
