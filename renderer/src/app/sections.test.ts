// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { canSee, shortcutFor, visibleSections, visibleSettingsTabs, type KeyLike } from './sections.js';

const key = (k: Partial<KeyLike>): KeyLike => ({ key: '', altKey: false, ctrlKey: false, metaKey: false, shiftKey: false, ...k });

describe('shell shortcuts', () => {
  it('maps F1, F2–F7, Alt+1–6 and Ctrl+L', () => {
    expect(shortcutFor(key({ key: 'F1' }))).toEqual({ type: 'help' });
    expect(shortcutFor(key({ key: 'F2' }))).toEqual({ type: 'section', id: 'checkout' });
    expect(shortcutFor(key({ key: 'F5' }))).toEqual({ type: 'section', id: 'complaints' });
    expect(shortcutFor(key({ key: 'F7' }))).toEqual({ type: 'section', id: 'settings' });
    expect(shortcutFor(key({ key: 'F11' }))).toEqual({ type: 'section', id: 'stock' });
    expect(shortcutFor(key({ key: '3', altKey: true, code: 'Digit3' }))).toEqual({ type: 'section', id: 'rewards' });
    // A layout where Alt changes the character: the physical key still counts.
    expect(shortcutFor(key({ key: '¡', altKey: true, code: 'Digit1' }))).toEqual({ type: 'section', id: 'checkout' });
    expect(shortcutFor(key({ key: 'l', ctrlKey: true }))).toEqual({ type: 'lock' });
    expect(shortcutFor(key({ key: 'L', metaKey: true }))).toEqual({ type: 'lock' });
  });

  it('leaves other keys alone', () => {
    expect(shortcutFor(key({ key: 'F8' }))).toBeNull();
    expect(shortcutFor(key({ key: '2' }))).toBeNull();
    expect(shortcutFor(key({ key: 'l' }))).toBeNull();
    expect(shortcutFor(key({ key: 'F2', ctrlKey: true }))).toBeNull();
    expect(shortcutFor(key({ key: 'l', ctrlKey: true, shiftKey: true }))).toBeNull();
    expect(shortcutFor(key({ key: '9', altKey: true, code: 'Digit9' }))).toBeNull();
  });
});

describe('role-aware navigation', () => {
  it('cashiers see the counter sections only', () => {
    expect(visibleSections('cashier').map((s) => s.id)).toEqual(['checkout', 'members', 'rewards', 'complaints', 'stock']);
    expect(canSee('cashier', 'settings')).toBe(false);
    expect(canSee('cashier', 'reports')).toBe(false);
  });

  it('managers and owners see everything', () => {
    expect(visibleSections('manager')).toHaveLength(7);
    expect(visibleSections('owner')).toHaveLength(7);
  });

  it('settings tabs follow the contract: owner-only shop, staff, tiers, points rules, offers, audit and backups', () => {
    expect(visibleSettingsTabs('owner')).toEqual(['shop', 'staff', 'products', 'devices', 'tiers', 'rewards', 'offers', 'gifts', 'promotions', 'weighing', 'memberImport', 'complaints', 'myPin', 'audit', 'system', 'backup', 'tills']);
    expect(visibleSettingsTabs('manager')).toEqual(['products', 'devices', 'gifts', 'promotions', 'weighing', 'memberImport', 'complaints', 'myPin', 'system', 'tills']);
    expect(visibleSettingsTabs('cashier')).toEqual(['myPin']);
  });
});
