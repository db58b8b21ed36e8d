/**
 * Makes the Chinese font the app ships for the PDF 日结 (resources/fonts), so a PDF renders
 * Chinese on a computer with no Chinese font of its own:
 *   Source Han Sans SC Regular (Adobe, SIL Open Font License 1.1: bundling allowed, the
 *   licence travels with it as resources/fonts/LICENSE-SourceHanSans.txt), from the npm
 *   package node-source-han-sans-sc, subset to ASCII, Latin-1, general and CJK punctuation,
 *   full-width forms and the 7,445 characters of GB 2312 (its 6,763 common hanzi): 3.7 MB
 *   instead of 17 MB. A system font with every character is still preferred when the
 *   computer has one (daily-report-files.ts), for the rare characters of some names.
 * The output is committed; the tools are needed only to remake it:
 *   apt-get install fonttools            # pyftsubset (fontTools, the maintained subsetter)
 *   npm install --no-save node-source-han-sans-sc@1.1.0-2.001R
 *   node scripts/make-font.mjs [--from DIR]   # DIR: where that package is installed
 * (subset-font, harfbuzz in wasm, fails on this CID-keyed CFF font; pyftsubset does not.)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const from = process.argv.includes('--from') ? path.resolve(process.argv[process.argv.indexOf('--from') + 1], 'package.json') : path.join(root, 'package.json');
const pkg = path.dirname(createRequire(from).resolve('node-source-han-sans-sc/package.json'));

let text = '';
const range = (a, b) => { for (let c = a; c <= b; c++) text += String.fromCodePoint(c); };
range(0x20, 0x7e); range(0xa0, 0x17f); range(0x2000, 0x206f); range(0x3000, 0x303f); range(0xff00, 0xffef);
// Every double-byte code of GB 2312 (rows A1–F7, cells A1–FE), decoded by iconv-lite.
for (let hi = 0xa1; hi <= 0xf7; hi++) {
  for (let lo = 0xa1; lo <= 0xfe; lo++) {
    const ch = iconv.decode(Buffer.from([hi, lo]), 'gb2312');
    if (ch.length === 1 && ch !== '\ufffd') text += ch;
  }
}

const out = path.join(root, 'resources/fonts');
fs.mkdirSync(out, { recursive: true });
const textFile = path.join(os.tmpdir(), `pos-font-chars-${process.pid}.txt`);
fs.writeFileSync(textFile, text);
execFileSync('pyftsubset', [
  path.join(pkg, 'SourceHanSansSC-Regular.otf'),
  `--text-file=${textFile}`,
  `--output-file=${path.join(out, 'SourceHanSansSC-Regular-GB2312.otf')}`,
  '--layout-features=*',
], { stdio: 'inherit' });
fs.rmSync(textFile);
fs.copyFileSync(path.join(pkg, 'LICENSE'), path.join(out, 'LICENSE-SourceHanSans.txt'));
console.log(`font written to ${path.relative(root, out)} (${[...text].length} characters)`);
