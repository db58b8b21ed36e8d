#!/usr/bin/env node
/**
 * `npm run security:scan`: electronegativity over the Electron main process, preload and the
 * built page (for its Content-Security-Policy meta tag), failing on any finding that is not
 * reviewed and justified in scripts/security-scan.config.mjs. Runs after `npm run build`.
 *
 * The scanner's AVAILABLE_SECURITY_FIXES check looks up Electron releases online and only
 * warns when offline; the tool cannot exclude it (its -x rejects global check names), so
 * the few seconds it waits on a machine without internet are accepted.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { parse } from 'csv-parse/sync';
import accepted from './security-scan.config.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const builtPage = path.join(root, 'dist', 'renderer', 'index.html');
if (!fs.existsSync(builtPage)) {
  console.error(`security:scan needs the built page (${builtPage}): run "npm run build" first.`);
  process.exit(2);
}

// The scanned tree: the Electron-side sources and the built page, nothing from node_modules.
const stage = path.join(root, '.tmp', 'security-scan');
fs.rmSync(stage, { recursive: true, force: true });
fs.mkdirSync(path.join(stage, 'renderer'), { recursive: true });
fs.cpSync(path.join(root, 'electron'), path.join(stage, 'electron'), { recursive: true, filter: (src) => !src.endsWith('.test.ts') });
fs.copyFileSync(builtPage, path.join(stage, 'renderer', 'index.html'));

const electronVersion = JSON.parse(fs.readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
const out = path.join(stage, 'findings.csv');
const bin = require.resolve('@doyensec/electronegativity/dist/index.js');
const run = spawnSync(process.execPath, [bin, '-i', stage, '-r', '-v', 'false', '-e', electronVersion, '-o', out], { encoding: 'utf8', cwd: root });
if (run.status !== 0 || !fs.existsSync(out)) {
  console.error(run.stdout, run.stderr);
  console.error('security:scan: electronegativity did not run');
  process.exit(2);
}

const rows = parse(fs.readFileSync(out, 'utf8'), { columns: (h) => h.map((c) => c.trim()), trim: true, skip_empty_lines: true });
const findings = rows.map((r) => ({ check: r.issue, severity: r.severity, file: r.filename.replaceAll('\\', '/'), location: r.location, sample: r.sample }));
const matches = (a, f) => a.check === f.check && (a.file === undefined || a.file === f.file);
const unexplained = findings.filter((f) => !accepted.some((a) => matches(a, f)));
const stale = accepted.filter((a) => !findings.some((f) => matches(a, f)));

console.log(`security:scan: electronegativity ${electronVersion ? `(Electron ${electronVersion}) ` : ''}— ${findings.length} findings, ${findings.length - unexplained.length} reviewed and accepted`);
for (const f of findings) {
  const a = accepted.find((x) => matches(x, f));
  console.log(`  ${a ? 'accepted' : 'FAILED  '} ${f.check} ${f.severity} ${f.file}:${f.location}${a ? ` — ${a.reason}` : ''}`);
}
for (const a of stale) console.log(`  STALE    ${a.check} ${a.file ?? ''} is accepted in the config but no longer found: remove it`);
if (unexplained.length || stale.length) process.exit(1);
