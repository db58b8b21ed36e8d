import type { StaffSummary } from '../../../../shared/contract/staff.js';

/** The hinted PIN for each listed staff member of a demo shop (shop.status carries the sample PINs). */
export function demoPinHints(staff: readonly StaffSummary[], pins: ReadonlyArray<{ name: string; pin: string }>): Array<StaffSummary & { pin: string }> {
  const known = new Map(pins.map((p) => [p.name, p.pin]));
  return staff.flatMap((s) => (known.has(s.name) ? [{ ...s, pin: known.get(s.name)! }] : []));
}
