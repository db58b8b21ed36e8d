/**
 * What a serial scale (电子秤 on RS-232 / USB-COM) says about the weight on its plate. Two
 * protocols, both common on Chinese counters:
 *
 * - continuous: the scale sends a line several times a second, `ST,GS,+0001.250kg`:
 *   ST stable / US unstable / OL overload, GS gross / NT net (the scale's own tare) / TR tare,
 *   then the signed weight and its unit (kg, g or lb).
 * - poll and answer (MT-SICS, Mettler Toledo's standard set and its many clones): the till
 *   sends `SI` (weight now) and the scale answers `S S      1.250 kg` (stable) or
 *   `S D      1.250 kg` (dynamic: still moving); `S +` / `S -` is over / under range and
 *   `ES`, `EL`, `I` are errors.
 *
 * Both become one reading in whole grams; anything else is ignored (noise on the line).
 */

export interface WeightReading {
  grams: number;
  stable: boolean;
  /** The scale reports net weight (it has a tare of its own). */
  net: boolean;
  overload: boolean;
}

const LB_GRAMS = 453.59237;

function toGrams(sign: string, value: string, unit: string): number {
  const n = Number(value) * (sign === '-' ? -1 : 1);
  const g = unit === 'kg' ? n * 1000 : unit === 'lb' ? n * LB_GRAMS : n;
  return Math.round(g);
}

const CONTINUOUS = /^(ST|US|OL),(GS|NT|TR),\s*([+-]?)\s*(\d+(?:\.\d+)?)\s*(kg|g|lb)$/i;
const SICS = /^S\s+([SD])\s+([+-]?)\s*(\d+(?:\.\d+)?)\s*(kg|g|lb)$/i;
const SICS_RANGE = /^S\s+([+-])$/;

/** One line from the scale (without its CR/LF), or null when it is not a weight. */
export function parseWeightLine(raw: string): WeightReading | null {
  // Some indicators frame each line with STX/ETX: strip control characters first.
  // eslint-disable-next-line no-control-regex
  const line = raw.replace(/[\x00-\x1f]/g, '').trim();
  let m = CONTINUOUS.exec(line);
  if (m) {
    const status = m[1]!.toUpperCase();
    return { grams: toGrams(m[3]!, m[4]!, m[5]!.toLowerCase()), stable: status === 'ST', net: m[2]!.toUpperCase() === 'NT', overload: status === 'OL' };
  }
  m = SICS.exec(line);
  if (m) return { grams: toGrams(m[2]!, m[3]!, m[4]!.toLowerCase()), stable: m[1]!.toUpperCase() === 'S', net: false, overload: false };
  m = SICS_RANGE.exec(line);
  if (m) return { grams: 0, stable: false, net: false, overload: m[1] === '+' };
  return null;
}

/** The MT-SICS command for "the weight now, stable or not". */
export const SICS_WEIGHT_NOW = 'SI\r\n';

/** What the till may sell from a reading: a stable, positive weight within range, after the till's own tare. */
export function sellableGrams(r: WeightReading | null, tareGrams: number, maxGrams: number): { grams: number } | { problem: 'no_reading' | 'unstable' | 'overload' | 'zero_weight' | 'over_range' } {
  if (!r) return { problem: 'no_reading' };
  if (r.overload) return { problem: 'overload' };
  if (!r.stable) return { problem: 'unstable' };
  const g = r.grams - tareGrams;
  if (g <= 0) return { problem: 'zero_weight' };
  if (g > maxGrams) return { problem: 'over_range' };
  return { grams: g };
}
