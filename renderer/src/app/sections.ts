import { roleAllows, type Access, type Role } from '../../../shared/roles.js';

export type SectionId = 'checkout' | 'members' | 'rewards' | 'complaints' | 'reports' | 'settings' | 'stock';

export interface SectionDef {
  id: SectionId;
  /** Function key that opens it (F2–F7), and the Alt+digit alternative. */
  key: string;
  altDigit: string;
  access: Access;
}

/** The shell's sections in navigation order, with their shortcuts and the weakest role that sees them. */
export const SECTIONS: readonly SectionDef[] = [
  { id: 'checkout', key: 'F2', altDigit: '1', access: 'cashier' },
  { id: 'members', key: 'F3', altDigit: '2', access: 'cashier' },
  { id: 'rewards', key: 'F4', altDigit: '3', access: 'cashier' },
  { id: 'complaints', key: 'F5', altDigit: '4', access: 'cashier' },
  { id: 'reports', key: 'F6', altDigit: '5', access: 'manager' },
  { id: 'settings', key: 'F7', altDigit: '6', access: 'manager' },
  // 库存: cashiers count shelves here; receiving, levels and the reorder list are the manager's.
  // F11 because F8–F10 and F12 are the checkout's own keys.
  { id: 'stock', key: 'F11', altDigit: '7', access: 'cashier' },
];

export function isSectionId(v: unknown): v is SectionId {
  return SECTIONS.some((s) => s.id === v);
}

export function visibleSections(role: Role): SectionDef[] {
  return SECTIONS.filter((s) => roleAllows(role, s.access));
}

export function canSee(role: Role, id: SectionId): boolean {
  const s = SECTIONS.find((x) => x.id === id);
  return !!s && roleAllows(role, s.access);
}

export type SettingsTabId = 'shop' | 'staff' | 'products' | 'devices' | 'tiers' | 'rewards' | 'offers' | 'gifts' | 'promotions' | 'weighing' | 'memberImport' | 'complaints' | 'myPin' | 'audit' | 'system' | 'backup' | 'tills';

export const SETTINGS_TABS: ReadonlyArray<{ id: SettingsTabId; access: Access }> = [
  { id: 'shop', access: 'owner' },
  { id: 'staff', access: 'owner' },
  { id: 'products', access: 'manager' },
  { id: 'devices', access: 'manager' },
  { id: 'tiers', access: 'owner' },
  { id: 'rewards', access: 'owner' },
  { id: 'offers', access: 'owner' },
  { id: 'gifts', access: 'manager' },
  { id: 'promotions', access: 'manager' },
  { id: 'weighing', access: 'manager' },
  { id: 'memberImport', access: 'manager' },
  { id: 'complaints', access: 'manager' },
  { id: 'myPin', access: 'cashier' },
  { id: 'audit', access: 'owner' },
  { id: 'system', access: 'manager' },
  { id: 'backup', access: 'owner' },
  { id: 'tills', access: 'manager' },
];

export function visibleSettingsTabs(role: Role): SettingsTabId[] {
  return SETTINGS_TABS.filter((t) => roleAllows(role, t.access)).map((t) => t.id);
}

export type ShortcutAction = { type: 'help' } | { type: 'lock' } | { type: 'section'; id: SectionId };

export interface KeyLike {
  key: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  code?: string;
}

/** Which shell action a key press means, or null. Pure, so it is unit-tested. */
export function shortcutFor(e: KeyLike): ShortcutAction | null {
  if (e.key === 'F1' && !e.altKey && !e.ctrlKey && !e.metaKey) return { type: 'help' };
  if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && (e.key === 'l' || e.key === 'L')) return { type: 'lock' };
  if (!e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey) {
    const s = SECTIONS.find((x) => x.key === e.key);
    if (s) return { type: 'section', id: s.id };
  }
  if (e.altKey && !e.ctrlKey && !e.metaKey) {
    // e.code keeps Alt+digit working on layouts where Alt changes the character.
    const digit = /^Digit(\d)$/.exec(e.code ?? '')?.[1] ?? e.key;
    const s = SECTIONS.find((x) => x.altDigit === digit);
    if (s) return { type: 'section', id: s.id };
  }
  return null;
}
