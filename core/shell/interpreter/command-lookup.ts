/** Finding the program a command name runs: PATH search with bash's hash table and errors. */
import { SyscallError } from '../../kernel/errno.js';
import type { Process } from '../../kernel/process.js';
import type { ShellState } from './state.js';

export type Lookup = { kind: 'found'; path: string } | { kind: 'error'; message: string; status: number };

function isExecutableFile(proc: Process, path: string): 'ok' | 'missing' | 'directory' | 'denied' {
  try {
    const st = proc.fs.stat(path);
    if (st.type === 'dir') return 'directory';
    proc.fs.access(path, 1);
    return 'ok';
  } catch (e) {
    if (e instanceof SyscallError && (e.code === 'EACCES' || e.code === 'EPERM')) return 'denied';
    if (e instanceof SyscallError) return 'missing';
    throw e;
  }
}

/** Resolve a command name to a path, or the error bash prints ("command not found", 127). */
export function lookupCommand(proc: Process, state: ShellState, name: string): Lookup {
  if (name.includes('/')) {
    const r = isExecutableFile(proc, name);
    if (r === 'ok') return { kind: 'found', path: name };
    if (r === 'missing') return { kind: 'error', message: `${name}: No such file or directory`, status: 127 };
    if (r === 'directory') return { kind: 'error', message: `${name}: is a directory`, status: 126 };
    return { kind: 'error', message: `${name}: Permission denied`, status: 126 };
  }
  const hashed = state.hashed.get(name);
  if (hashed && isExecutableFile(proc, hashed) === 'ok') return { kind: 'found', path: hashed };
  const path = state.get('PATH') ?? '/usr/local/sbin:/usr/local/bin:/sbin:/bin:/usr/sbin:/usr/bin';
  let denied: string | undefined;
  for (const dir of path.split(':')) {
    const candidate = `${dir === '' ? '.' : dir}/${name}`;
    const r = isExecutableFile(proc, candidate);
    if (r === 'ok') {
      if (state.options.hashall) state.hashed.set(name, candidate);
      return { kind: 'found', path: candidate };
    }
    if (r === 'denied' && !denied) denied = candidate;
  }
  if (denied) return { kind: 'error', message: `${denied}: Permission denied`, status: 126 };
  return { kind: 'error', message: `${name}: command not found`, status: 127 };
}

/** Every command name visible in PATH (for Tab completion). */
export function commandsInPath(proc: Process, state: ShellState): string[] {
  const names = new Set<string>();
  for (const dir of (state.get('PATH') ?? '').split(':')) {
    try {
      for (const n of proc.fs.readdir(dir || '.')) names.add(n);
    } catch (e) {
      if (!(e instanceof SyscallError)) throw e;
    }
  }
  return [...names];
}
