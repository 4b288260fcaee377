/**
 * Durations of the dashboard's live updates (ms, from the Performance API's clock), kept for the browser benchmark
 * and for anyone curious (`__deltastreamPerf` in the console). Bounded: the newest samples per name.
 */
const MAX_SAMPLES = 20_000;

export interface PerfRecord {
  samples: Record<string, number[]>;
  counts: Record<string, number>;
}

const record: PerfRecord = { samples: {}, counts: {} };
(globalThis as unknown as { __deltastreamPerf: PerfRecord }).__deltastreamPerf = record;

/** Runs `work` and records how long it took under `name`. */
export function timed<T>(name: string, work: () => T): T {
  const start = performance.now();
  try {
    return work();
  } finally {
    const list = (record.samples[name] ??= []);
    if (list.length >= MAX_SAMPLES) list.splice(0, list.length - MAX_SAMPLES + 1);
    list.push(performance.now() - start);
    record.counts[name] = (record.counts[name] ?? 0) + 1;
  }
}
