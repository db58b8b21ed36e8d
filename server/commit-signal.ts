/**
 * Wakes the tills' waiting feed requests (long poll) when a push commits, so a sale at one
 * till reaches the others at once instead of at their next poll. In-process: a shop runs one
 * server; a feed request that misses a wake-up still answers at its deadline.
 */
export function createCommitSignal() {
  const waiting = new Set<() => void>();
  return {
    notify(): void {
      for (const wake of [...waiting]) wake();
    },
    /** Resolves at the next commit, after `ms`, or when the server closes. */
    wait(ms: number): Promise<void> {
      return new Promise((resolve) => {
        const wake = () => { clearTimeout(timer); waiting.delete(wake); resolve(); };
        const timer = setTimeout(wake, ms);
        waiting.add(wake);
      });
    },
    /** Answers every waiting request now (the server is closing). */
    releaseAll(): void {
      for (const wake of [...waiting]) wake();
    },
  };
}
export type CommitSignal = ReturnType<typeof createCommitSignal>;
