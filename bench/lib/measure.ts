/** Timing helpers: every figure is a distribution or a rate, measured with the monotonic clock. */

export const nowMs = () => Number(process.hrtime.bigint()) / 1e6;

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export interface Latency { p50: number; p95: number; p99: number; n: number }

export function latency(samples: number[]): Latency {
  const s = [...samples].sort((a, b) => a - b);
  return { p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99), n: s.length };
}

/** Times `fn` once per input (after a warm-up of a tenth of them), in milliseconds. */
export async function timeEach<T>(inputs: readonly T[], fn: (input: T) => unknown): Promise<Latency> {
  const warm = Math.max(5, Math.floor(inputs.length / 10));
  for (let i = 0; i < Math.min(warm, inputs.length); i++) await fn(inputs[i]!);
  const out: number[] = [];
  for (const input of inputs) {
    const t = nowMs();
    await fn(input);
    out.push(nowMs() - t);
  }
  return latency(out);
}

/** A workload step: `prepare` (untimed, e.g. what the till's page does first) then `run` (timed). */
export interface Step<T> { prepare: () => T; run: (x: T) => unknown }

/**
 * Alternates workloads a few operations at a time until each has spent `totalMs` in timed
 * work, so all see the same machine (other jobs on a shared box come and go). Rates in
 * operations per second of timed work, in the order given.
 */
export async function alternateAll(steps: ReadonlyArray<Step<unknown>>, o: { totalMs: number; block?: number }): Promise<Array<{ rate: number; n: number }>> {
  const block = o.block ?? 5;
  const done = steps.map(() => ({ n: 0, ms: 0 }));
  while (done.some((d) => d.ms < o.totalMs)) {
    for (let s = 0; s < steps.length; s++) {
      const step = steps[s]!;
      for (let i = 0; i < block; i++) {
        const x = step.prepare();
        const t = nowMs();
        await step.run(x);
        done[s]!.ms += nowMs() - t;
        done[s]!.n++;
      }
    }
  }
  return done.map((d) => ({ rate: (d.n * 1000) / d.ms, n: d.n }));
}

/** Two workloads alternated (alternateAll of two). */
export async function alternate<A, B>(a: Step<A>, b: Step<B>, o: { totalMs: number; block?: number }): Promise<{ a: number; b: number; n: { a: number; b: number } }> {
  const [ra, rb] = await alternateAll([a as Step<unknown>, b as Step<unknown>], o);
  return { a: ra!.rate, b: rb!.rate, n: { a: ra!.n, b: rb!.n } };
}

export const round = (x: number, digits = 2) => (Number.isFinite(x) ? Math.round(x * 10 ** digits) / 10 ** digits : x);
