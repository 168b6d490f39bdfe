// Small statistics and timing helpers for the benchmark.

/** Nearest-rank percentile of `values` (p in 0..100). */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function median(values: number[]): number {
  return percentile(values, 50);
}

export interface LatencySummary {
  count: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  meanMs: number;
}

export function summarizeLatencies(ms: number[]): LatencySummary {
  const mean = ms.reduce((a, b) => a + b, 0) / Math.max(1, ms.length);
  return { count: ms.length, p50Ms: percentile(ms, 50), p95Ms: percentile(ms, 95), p99Ms: percentile(ms, 99), meanMs: mean };
}

/** Each question in turn, one at a time: the latency a single user sees. */
export async function timeEach<T>(items: readonly T[], run: (item: T) => Promise<unknown>): Promise<number[]> {
  const ms: number[] = [];
  for (const item of items) {
    const start = performance.now();
    await run(item);
    ms.push(performance.now() - start);
  }
  return ms;
}

/** Questions per second with `inFlight` questions outstanding at all times, over `items` in order. */
export async function throughput<T>(items: readonly T[], inFlight: number, run: (item: T) => Promise<unknown>): Promise<number> {
  let next = 0;
  const start = performance.now();
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await run(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, items.length) }, worker));
  const seconds = (performance.now() - start) / 1000;
  return items.length / seconds;
}
