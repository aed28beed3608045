/** Linux signal numbers (x86), their default actions, and the descriptions bash prints for jobs. */

export type SignalAction = 'terminate' | 'core' | 'ignore' | 'stop' | 'continue';

interface SignalInfo {
  number: number;
  name: string; // without the SIG prefix
  action: SignalAction;
  /** strsignal() text, used by bash in job notifications ("Terminated", "Killed"). */
  description: string;
}

const TABLE: SignalInfo[] = [
  { number: 1, name: 'HUP', action: 'terminate', description: 'Hangup' },
  { number: 2, name: 'INT', action: 'terminate', description: 'Interrupt' },
  { number: 3, name: 'QUIT', action: 'core', description: 'Quit' },
  { number: 4, name: 'ILL', action: 'core', description: 'Illegal instruction' },
  { number: 5, name: 'TRAP', action: 'core', description: 'Trace/breakpoint trap' },
  { number: 6, name: 'ABRT', action: 'core', description: 'Aborted' },
  { number: 7, name: 'BUS', action: 'core', description: 'Bus error' },
  { number: 8, name: 'FPE', action: 'core', description: 'Floating point exception' },
  { number: 9, name: 'KILL', action: 'terminate', description: 'Killed' },
  { number: 10, name: 'USR1', action: 'terminate', description: 'User defined signal 1' },
  { number: 11, name: 'SEGV', action: 'core', description: 'Segmentation fault' },
  { number: 12, name: 'USR2', action: 'terminate', description: 'User defined signal 2' },
  { number: 13, name: 'PIPE', action: 'terminate', description: 'Broken pipe' },
  { number: 14, name: 'ALRM', action: 'terminate', description: 'Alarm clock' },
  { number: 15, name: 'TERM', action: 'terminate', description: 'Terminated' },
  { number: 16, name: 'STKFLT', action: 'terminate', description: 'Stack fault' },
  { number: 17, name: 'CHLD', action: 'ignore', description: 'Child exited' },
  { number: 18, name: 'CONT', action: 'continue', description: 'Continued' },
  { number: 19, name: 'STOP', action: 'stop', description: 'Stopped (signal)' },
  { number: 20, name: 'TSTP', action: 'stop', description: 'Stopped' },
  { number: 21, name: 'TTIN', action: 'stop', description: 'Stopped (tty input)' },
  { number: 22, name: 'TTOU', action: 'stop', description: 'Stopped (tty output)' },
  { number: 23, name: 'URG', action: 'ignore', description: 'Urgent I/O condition' },
  { number: 24, name: 'XCPU', action: 'core', description: 'CPU time limit exceeded' },
  { number: 25, name: 'XFSZ', action: 'core', description: 'File size limit exceeded' },
  { number: 26, name: 'VTALRM', action: 'terminate', description: 'Virtual timer expired' },
  { number: 27, name: 'PROF', action: 'terminate', description: 'Profiling timer expired' },
  { number: 28, name: 'WINCH', action: 'ignore', description: 'Window changed' },
  { number: 29, name: 'IO', action: 'terminate', description: 'I/O possible' },
  { number: 30, name: 'PWR', action: 'terminate', description: 'Power failure' },
  { number: 31, name: 'SYS', action: 'core', description: 'Bad system call' },
];

const BY_NUMBER = new Map(TABLE.map((s) => [s.number, s]));
const BY_NAME = new Map(TABLE.map((s) => [s.name, s]));

export const SIG = Object.fromEntries(TABLE.map((s) => [s.name, s.number])) as Record<
  'HUP' | 'INT' | 'QUIT' | 'ILL' | 'TRAP' | 'ABRT' | 'BUS' | 'FPE' | 'KILL' | 'USR1' | 'SEGV' | 'USR2' | 'PIPE' | 'ALRM' | 'TERM' | 'STKFLT' | 'CHLD' | 'CONT' | 'STOP' | 'TSTP' | 'TTIN' | 'TTOU' | 'URG' | 'XCPU' | 'XFSZ' | 'VTALRM' | 'PROF' | 'WINCH' | 'IO' | 'PWR' | 'SYS',
  number
>;

export const MAX_SIGNAL = 31;

export function signalInfo(sig: number): SignalInfo | undefined {
  return BY_NUMBER.get(sig);
}

export function signalName(sig: number): string {
  return BY_NUMBER.get(sig)?.name ?? String(sig);
}

export function signalDescription(sig: number): string {
  return BY_NUMBER.get(sig)?.description ?? `Unknown signal ${sig}`;
}

export function defaultAction(sig: number): SignalAction {
  return BY_NUMBER.get(sig)?.action ?? 'terminate';
}

/** Parse "TERM", "SIGTERM", "term", "15" into a number; undefined if unknown. 0 is valid (existence check). */
export function parseSignal(spec: string): number | undefined {
  if (/^\d+$/.test(spec)) {
    const n = Number(spec);
    return n === 0 || BY_NUMBER.has(n) ? n : undefined;
  }
  const upper = spec.toUpperCase().replace(/^SIG/, '');
  return BY_NAME.get(upper)?.number;
}

export function allSignals(): readonly SignalInfo[] {
  return TABLE;
}
