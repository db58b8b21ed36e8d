import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  test: {
    include: ['electron/**/*.test.ts', 'server/**/*.test.ts', 'shared/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}', 'tests/integration/**/*.test.ts', 'bench/**/*.test.ts'],
    environment: 'node',
    // Scrypt PIN hashing is deliberately slow; give integration tests room on 2 cores.
    testTimeout: 20_000,
    pool: 'forks',
  },
});
