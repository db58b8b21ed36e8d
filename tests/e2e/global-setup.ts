import fs from 'node:fs';
import path from 'node:path';

/** The tests drive the built renderer; say so plainly instead of failing in every test. */
export default function globalSetup(): void {
  const index = path.resolve('dist/renderer/index.html');
  if (!fs.existsSync(index)) {
    throw new Error(`${index} is missing: build the renderer first (npx vite build), then run npx playwright test.`);
  }
}
