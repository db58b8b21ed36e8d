/**
 * Makes every icon the app needs from the one source image, resources/icon.svg:
 *   resources/build/icon.ico      Windows exe, installer and taskbar (16–256 px)
 *   resources/build/icon.icns     macOS app bundle and dmg (16–1024 px)
 *   resources/build/icon.png      1024 px, electron-builder's fallback for any target
 *   resources/build/icons/NxN.png Linux (AppImage, deb: hicolor sizes) and the window icon
 * The outputs are committed, so packaging and the window need no image tool. Rerun after
 * changing the SVG (icon-gen is a tool, not a dependency of the app):
 *   npm install --no-save icon-gen@5 && node scripts/make-icons.mjs
 * (or `node scripts/make-icons.mjs --tools DIR` with icon-gen installed in DIR).
 * icon-gen writes the .ico and .icns containers; sharp (which icon-gen brings) renders the
 * SVG to the PNG sizes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const toolsAt = process.argv.includes('--tools') ? path.resolve(process.argv[process.argv.indexOf('--tools') + 1], 'package.json') : path.join(root, 'package.json');
const need = createRequire(toolsAt);
const iconGen = need('icon-gen');
const sharp = need('sharp');

const source = path.join(root, 'resources/icon.svg');
const out = path.join(root, 'resources/build');
const linuxSizes = [16, 24, 32, 48, 64, 128, 256, 512, 1024];

fs.mkdirSync(path.join(out, 'icons'), { recursive: true });
const svg = fs.readFileSync(source);
for (const size of linuxSizes) {
  await sharp(svg, { density: 72 * (size / 1024) * 4 }).resize(size, size).png({ compressionLevel: 9 }).toFile(path.join(out, 'icons', `${size}x${size}.png`));
}
fs.copyFileSync(path.join(out, 'icons/1024x1024.png'), path.join(out, 'icon.png'));
await iconGen(source, out, {
  report: false,
  ico: { name: 'icon', sizes: [16, 24, 32, 48, 64, 128, 256] },
  icns: { name: 'icon', sizes: [16, 32, 64, 128, 256, 512, 1024] },
});
console.log(`icons written to ${path.relative(root, out)}`);
