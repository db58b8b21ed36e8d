import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { localDateTime } from '../core/lib/clock.js';
import { makeTempDir } from '../../tests/helpers/temp-dir.js';
import { testClockFromEnv } from './test-clock.js';

const dirs: Array<ReturnType<typeof makeTempDir>> = [];
afterEach(() => { for (const d of dirs.splice(0)) d.cleanup(); });

describe('the end-to-end tests\' clock', () => {
  it('is absent unless POS_TEST_CLOCK_FILE is set', () => {
    expect(testClockFromEnv({})).toBeUndefined();
  });

  it('starts at the file\'s time, runs on, and jumps when the file changes', () => {
    const tmp = makeTempDir();
    dirs.push(tmp);
    const file = path.join(tmp.dir, 'clock');
    fs.writeFileSync(file, '2026-11-22T10:00:00');
    const clock = testClockFromEnv({ POS_TEST_CLOCK_FILE: file })!;
    expect(localDateTime(clock.now())).toMatch(/^2026-11-22T10:00:0\d$/);
    fs.writeFileSync(file, '2026-11-25T08:30:00');
    expect(localDateTime(clock.now())).toMatch(/^2026-11-25T08:30:0\d$/);
    fs.writeFileSync(file, 'not a date');
    expect(localDateTime(clock.now())).toMatch(/^2026-11-25T08:30:0\d$/);
  });
});
