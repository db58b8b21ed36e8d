import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/**
 * Runtime boundaries, enforced: a file's folder says what it may import.
 *   shared/      pure TypeScript: no Node, no DOM, no Electron, no React
 *   renderer/    the page: no Node, no Electron, no core
 *   electron/core, electron/host, electron/devices: plain Node, never 'electron'
 *   server/      the shop server, plain Node: no Electron, no UI, no till code (shared/ only)
 * Only electron/main and electron/preload import 'electron'.
 * electron/main and electron/host never import each other; electron/core's folders follow
 * the layer order in coreLayers.
 */
const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'http', 'net', 'url', 'util'];

/** What no core, host or devices file may import (repeated in each core layer's block below). */
const coreRuntime = [
  { group: ['electron'], message: 'The core runs without Electron: only electron/main and electron/preload import it.' },
  { group: ['react', 'react-*', '**/renderer/**'], message: 'The core knows nothing of the UI.' },
];

/**
 * The core's layers, lowest first: a folder of electron/core imports only folders before it
 * (or itself). Shop-wide services (shifts and receipt numbers in till/, printing, sync) sit
 * under the domains that use them; members under rewards (points and stored value belong to a
 * member); rewards under checkout (a sale spends and earns them); membership/ holds the member
 * workflows that cross those (enrol with its bonus, merge, erase, buy a tier); the owner's
 * views and tools (care, stats, backup, demo, system) are on top. app.ts and resilient-core.ts
 * compose everything and are outside the layers; tests may use any layer to set up a shop.
 */
const coreLayers = [
  'lib', 'db', 'dispatch', 'csv', 'audit', 'staff', 'shop', 'sync', 'till', 'receipts', 'print',
  'catalogue', 'members', 'rewards', 'checkout', 'complaints', 'membership', 'care', 'stats', 'backup', 'demo', 'system', 'counter',
];
const coreLayerBlocks = coreLayers.map((layer, i) => {
  const above = coreLayers.slice(i + 1);
  return {
    files: [`electron/core/${layer}/**/*.ts`],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          ...coreRuntime,
          ...(above.length ? [{ group: above.flatMap((up) => [`../${up}/*`, `../../${up}/*`, `**/core/${up}/*`]), message: `electron/core/${layer} is below ${above.join(', ')} (eslint.config.js coreLayers): pass what it needs in from app.ts, or move the code up.` }] : []),
        ],
      }],
    },
  };
});

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'native/**', 'test-results/**', 'playwright-report/**', 'bench/results/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
      // Small modules: a file that outgrows one reading is split along what it does.
      'max-lines': ['error', { max: 420 }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: nodeBuiltins, message: 'shared/ is pure: no Node built-ins.' },
          { group: ['electron', 'react', 'react-*', 'better-sqlite3', '**/electron/**', '**/renderer/**'], message: 'shared/ is pure and used by both sides.' },
        ],
      }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: nodeBuiltins, message: 'The renderer runs sandboxed: no Node built-ins.' },
          { group: ['electron', 'better-sqlite3', '**/electron/**'], message: 'The renderer reaches the core only through the contract (renderer/src/api).' },
        ],
      }],
    },
  },
  {
    files: ['electron/core/**/*.ts', 'electron/devices/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: coreRuntime }] },
  },
  ...coreLayerBlocks,
  {
    // The browser host and the Electron shell are two transports over one core: neither
    // imports the other. What both need (the CSP) lives in shared/ or the core.
    files: ['electron/host/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [...coreRuntime, { group: ['**/main/*', '**/electron/main/**'], message: 'The browser host does not depend on the Electron shell.' }],
      }],
    },
  },
  {
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts', 'electron/preload/**/*.cts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['**/host/*', '**/electron/host/**'], message: 'The Electron shell does not depend on the browser host: share the fact through shared/ or electron/core.' }],
      }],
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['electron', 'react', 'react-*', 'better-sqlite3'], message: 'The shop server is plain Node over PostgreSQL.' },
          { group: ['**/electron/**', '**/renderer/**'], message: 'The shop server shares only shared/ with the till.' },
        ],
      }],
    },
  },
);
