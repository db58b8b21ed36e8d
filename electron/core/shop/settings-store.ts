import type { Database } from '../db/open.js';

/**
 * Typed key/value settings, JSON in the `settings` table. Each domain reads its own keys
 * with a default, so a new setting needs no migration.
 */
export function createSettingsStore(db: Database) {
  const getStmt = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
  const setStmt = db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  );
  return {
    get<T>(key: string, fallback: T): T {
      const row = getStmt.get(key);
      return row ? (JSON.parse(row.value) as T) : fallback;
    },
    set(key: string, value: unknown): void {
      setStmt.run(key, JSON.stringify(value));
    },
  };
}
export type SettingsStore = ReturnType<typeof createSettingsStore>;
