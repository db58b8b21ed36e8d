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
 */
const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'http', 'net', 'url', 'util'];

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
    files: ['electron/core/**/*.ts', 'electron/host/**/*.ts', 'electron/devices/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['electron'], message: 'The core runs without Electron: only electron/main and electron/preload import it.' },
          { group: ['react', 'react-*', '**/renderer/**'], message: 'The core knows nothing of the UI.' },
        ],
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
