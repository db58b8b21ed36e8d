import { createRequire } from 'node:module';

/** The app's version, from package.json (works from source and from dist/). */
function readVersion(): string {
  const require = createRequire(import.meta.url);
  for (const rel of ['../../package.json', '../../../package.json']) {
    try {
      return (require(rel) as { version: string }).version;
    } catch {
      /* try the next location */
    }
  }
  return '0.0.0';
}
export const APP_VERSION = readVersion();
