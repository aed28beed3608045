/**
 * Built-in programs. A program is installed as a file in the emulated filesystem whose inode names
 * it (e.g. /bin/ls → 'ls'); exec() finds the implementation here. Without that file there is no
 * program: a guest built with `-m skeleton` has no /bin/ps until a distribution is installed.
 */
import type { Process } from '../kernel/process.js';

export interface ProgramSpec {
  /** The name the file refers to, e.g. 'ls', 'chcontext'. */
  name: string;
  main: (process: Process) => Promise<number>;
  /** Options offered by Tab completion after the command name. */
  options?: readonly string[];
  /** Simulated memory footprint in KiB (ps VSZ and RSS). */
  vszKb?: number;
  rssKb?: number;
}

const programs = new Map<string, ProgramSpec>();

export function defineProgram(spec: ProgramSpec): ProgramSpec {
  programs.set(spec.name, spec);
  return spec;
}

export function findProgram(name: string): ProgramSpec | undefined {
  return programs.get(name);
}

export function programNames(): string[] {
  return [...programs.keys()].sort();
}
