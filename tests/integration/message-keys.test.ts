import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { zhCN, en } from '../../renderer/src/i18n/resources.js';

/** Every `errors.*` message key the core can send must have zh-CN and en text in the page. */
function coreMessageKeys(): Set<string> {
  const root = path.resolve(import.meta.dirname, '../../electron/core');
  const keys = new Set<string>();
  const walk = (dir: string) => {
    for (const name of fs.readdirSync(dir)) {
      const full = path.join(dir, name);
      if (fs.statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.ts') && !name.endsWith('.test.ts')) {
        for (const m of fs.readFileSync(full, 'utf8').matchAll(/'errors\.([a-z_]+)'/g)) keys.add(m[1]!);
      }
    }
  };
  walk(root);
  return keys;
}

describe('core message keys', () => {
  it('every errors.* key the core can send is translated in both languages', () => {
    const keys = coreMessageKeys();
    expect(keys.size).toBeGreaterThan(20);
    const has = (tree: Record<string, unknown>, k: string) => typeof (tree.errors as Record<string, unknown>)[k] === 'string';
    expect([...keys].filter((k) => !(has(zhCN, k) && has(en, k)))).toEqual([]);
  });
});
