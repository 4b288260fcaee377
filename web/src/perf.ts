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

/** Counts an event under `name` (e.g. updates received, to compare with updates rendered). */
export function count(name: string): void {
  record.counts[name] = (record.counts[name] ?? 0) + 1;
}

/** Records a duration measured elsewhere (ms). */
export function sample(name: string, ms: number): void {
  const list = (record.samples[name] ??= []);
  if (list.length >= MAX_SAMPLES) list.splice(0, list.length - MAX_SAMPLES + 1);
  list.push(ms);
  count(name);
}

/**
 * Runs `then` once the next frame has been produced: a task queued from a requestAnimationFrame callback runs after
 * that frame's style, layout and paint on the main thread.
 */
function afterNextFrame(then: () => void): void {
  requestAnimationFrame(() => setTimeout(then, 0));
}

let marked = false;

/** Marks `name` on the Performance timeline once per page, after the frame that shows what was just rendered. */
export function markPaintedOnce(name: string): void {
  if (marked) return;
  marked = true;
  afterNextFrame(() => performance.mark(name));
}

/** Records under `name` the time from `start` (ms, `performance.now()`) until the next frame has been produced. */
export function sampleToNextFrame(name: string, start: number): void {
  afterNextFrame(() => sample(name, performance.now() - start));
}

/** Runs `work` and records how long it took under `name`. */
export function timed<T>(name: string, work: () => T): T {
  const start = performance.now();
  try {
    return work();
  } finally {
    sample(name, performance.now() - start);
  }
}
