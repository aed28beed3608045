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

/**
 * The bytes at the start of a program file: an ELF-looking header that names the built-in
 * program. Because the name travels with the content, a copy made with cp, tar, cpio or rsync
 * (the lecture's "copy the real server into a skeleton guest") still runs.
 */
export function programImageHeader(name: string): string {
  return `\x7fELF\x01\x01\x01\0vlab-program:${name}\0`;
}

/** The program a file's first bytes name, if any. */
export function programInImage(content: string): string | undefined {
  // eslint-disable-next-line no-control-regex
  const m = /^\x7fELF\x01\x01\x01\0vlab-program:([^\0]+)\0/.exec(content);
  return m?.[1];
}
