import type { StaffSummary } from '../../../../shared/contract/staff.js';

const STORAGE_KEY = 'pos.demoPins';

/**
 * The sample PINs of the demo shop, for the hint on the sign-in screen. The core returns them
 * once, from shop.setupDemo; they are kept here (it is sample data, not a secret). The table
 * below mirrors DEMO_STAFF in electron/core/demo/demo-setup.ts for demo shops created from
 * the command line (`npm run pos -- demo`), which never passed through this page.
 */
const KNOWN_DEMO_PINS: Record<string, string> = { 王店主: '8888', 李店长: '6666', 张小丽: '1111' };

export function rememberDemoPins(staff: ReadonlyArray<{ name: string; pin: string }>): void {
  try {
    const map: Record<string, string> = {};
    for (const s of staff) map[s.name] = s.pin;
    localStorage.setItem(STORAGE_KEY, JSON.stringify(map));
  } catch {
    /* the fallback table still gives hints */
  }
}

function stored(): Record<string, string> {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    const v: unknown = raw ? JSON.parse(raw) : null;
    return v && typeof v === 'object' ? (v as Record<string, string>) : {};
  } catch {
    return {};
  }
}

/** The hinted PIN for each listed staff member of a demo shop (those without one are left out). */
export function demoPinHints(staff: readonly StaffSummary[]): Array<StaffSummary & { pin: string }> {
  const known = { ...KNOWN_DEMO_PINS, ...stored() };
  return staff.flatMap((s) => (typeof known[s.name] === 'string' ? [{ ...s, pin: known[s.name]! }] : []));
}
