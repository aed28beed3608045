/** One figure printed by `npm run bench`. */
export interface BenchFigure {
  /** What was measured, e.g. "keystroke-to-echo p99". */
  name: string;
  value: number;
  unit: 'ms' | 'MB' | 'µs' | 'ops/s';
  /** The anchor measured in the same run (the real thing, or a bare page), when there is one. */
  anchor?: { name: string; value: number };
  /** Human-readable target, e.g. "≤ 1.3× anchor" or "≤ 16 ms". */
  target?: string;
  /** Whether the target was met (undefined when there is no target). */
  met?: boolean;
}

/** Each test/bench/*.bench.ts module exports `run` returning its figures. */
export type BenchModule = { run(): Promise<BenchFigure[]> };
