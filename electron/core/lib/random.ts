import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';

/** A seeded random source for generators (demo shop, benchmarks): same seed, same shop. */
export function seededRandom(seed: number) {
  const rng = xoroshiro128plus(seed);
  return {
    int: (from: number, to: number) => uniformInt(rng, from, to),
    float: () => uniformFloat64(rng),
    chance: (p: number) => uniformFloat64(rng) < p,
    pick<T>(items: readonly T[]): T {
      return items[uniformInt(rng, 0, items.length - 1)]!;
    },
    digits(n: number): string {
      let s = '';
      for (let i = 0; i < n; i++) s += String(uniformInt(rng, 0, 9));
      return s;
    },
  };
}
export type Random = ReturnType<typeof seededRandom>;
