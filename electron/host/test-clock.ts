import fs from 'node:fs';
import type { Clock } from '../core/lib/clock.js';

/**
 * For end-to-end tests only: `POS_TEST_CLOCK_FILE=PATH` makes the browser host's clock read
 * the shop's "now" from a file holding a local date-time (`2026-11-25T09:00:00`); from
 * there time runs on at the real pace, and writing another date-time to the file moves the
 * clock again (the file is checked on every reading). Unset — always, outside the tests —
 * the host uses the system clock.
 */
export function testClockFromEnv(env: NodeJS.ProcessEnv = process.env): Clock | undefined {
  const file = env.POS_TEST_CLOCK_FILE;
  if (!file) return undefined;
  let seen = '';
  let base = Date.now();
  let at = Date.now();
  return {
    now() {
      let text = seen;
      try {
        text = fs.readFileSync(file, 'utf8').trim();
      } catch {
        /* keep the last time read */
      }
      if (text !== seen) {
        const parsed = new Date(text);
        if (!Number.isNaN(parsed.getTime())) {
          seen = text;
          base = parsed.getTime();
          at = Date.now();
        }
      }
      return seen ? new Date(base + (Date.now() - at)) : new Date();
    },
  };
}
