import { describe, expect, it } from 'vitest';
import { createCommitSignal } from './commit-signal.js';

/** The feed's long poll: a commit between reading the feed and waiting must still wake it. */
describe('commit signal', () => {
  it('an armed wait wakes at a commit made before anyone awaits it', async () => {
    const signal = createCommitSignal();
    const armed = signal.arm(10_000);
    signal.notify(); // lands while the feed is being read
    const started = Date.now();
    await armed.wait;
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('a wait armed after the commit sleeps until its deadline', async () => {
    const signal = createCommitSignal();
    signal.notify();
    const started = Date.now();
    await signal.arm(150).wait;
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('a cancelled wait stops listening', async () => {
    const signal = createCommitSignal();
    const armed = signal.arm(10_000);
    armed.cancel();
    await armed.wait; // resolves at once; the timer is gone, so the test does not hang
    signal.notify();
  });
});
