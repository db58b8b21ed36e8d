/**
 * Wakes the tills' waiting feed requests (long poll) when a push commits, so a sale at one
 * till reaches the others at once instead of at their next poll. In-process: a shop runs one
 * server; a feed request that misses a wake-up still answers at its deadline.
 */
export function createCommitSignal() {
  const waiting = new Set<() => void>();
  /**
   * Starts listening now and returns a wait that resolves at the first commit after this
   * call, after `ms`, or when the server closes. Arm BEFORE reading the feed: a commit that
   * lands between the read and the wait is then not missed (it would otherwise sleep until
   * the deadline). `cancel` stops listening when the read already found something.
   */
  function arm(ms: number): { wait: Promise<void>; cancel: () => void } {
    let wake = () => {};
    const wait = new Promise<void>((resolve) => {
      wake = () => { clearTimeout(timer); waiting.delete(wake); resolve(); };
      const timer = setTimeout(wake, ms);
      waiting.add(wake);
    });
    return { wait, cancel: wake };
  }
  return {
    notify(): void {
      for (const wake of [...waiting]) wake();
    },
    arm,
    /** Answers every waiting request now (the server is closing). */
    releaseAll(): void {
      for (const wake of [...waiting]) wake();
    },
  };
}
export type CommitSignal = ReturnType<typeof createCommitSignal>;
