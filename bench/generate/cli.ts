/**
 * `npx tsx bench/generate/cli.ts [--scale 0.05] [--seed N] [--out DIR]`: generates the
 * benchmark shop into DIR (default: the bench cache, reused by `npm run bench`).
 */
import { parseArgs } from 'node:util';
import { generateShop } from './generate-shop.js';
import { cachedShop, DEFAULT_SEED } from '../cache.js';

const { values } = parseArgs({
  options: { scale: { type: 'string', default: '1' }, seed: { type: 'string', default: String(DEFAULT_SEED) }, out: { type: 'string' } },
});
const scale = Number(values.scale);
const seed = Number(values.seed);
if (!(scale > 0 && scale <= 1) || !Number.isInteger(seed)) {
  console.error('usage: generate [--scale 0<s≤1] [--seed INT] [--out DIR]');
  process.exit(2);
}
const log = (m: string) => console.log(m);
if (values.out) {
  const shop = await generateShop({ dataDir: values.out, seed, scale, log });
  console.log(JSON.stringify(shop));
} else {
  const shop = await cachedShop({ seed, scale, log });
  console.log(JSON.stringify(shop));
}
