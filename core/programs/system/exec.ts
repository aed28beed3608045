/**
 * Running another program from a program (env, nice, nohup, watch): execvp()'s PATH search, and
 * getpriority/setpriority over the kernel's tasks, which the Process API does not offer yet.
 */
import { SyscallError } from '../../kernel/errno.js';
import type { Process } from '../../kernel/process.js';
import type { Task } from '../../kernel/task.js';

const CAP_SYS_NICE = 1n << 23n;
const DEFAULT_PATH = ':/bin:/usr/bin';

/** Is this path an executable regular file for the caller? */
export function isExecutable(proc: Process, path: string): boolean {
  try {
    const st = proc.fs.stat(path);
    if (st.type !== 'file') return false;
    proc.fs.access(path, 1);
    return true;
  } catch {
    return false;
  }
}

/** Where execvp() would find a command: the path, or the errno it would fail with. */
export function findInPath(proc: Process, name: string, path = proc.env.PATH ?? DEFAULT_PATH): string | SyscallError {
  if (name === '') return new SyscallError('ENOENT');
  if (name.includes('/')) {
    try {
      const st = proc.fs.stat(name);
      if (st.type === 'dir') return new SyscallError('EACCES');
      proc.fs.access(name, 1);
      return name;
    } catch (e) {
      if (e instanceof SyscallError) return e;
      throw e;
    }
  }
  let denied = false;
  for (const dir of path.split(':')) {
    const candidate = `${dir === '' ? '.' : dir}/${name}`;
    try {
      const st = proc.fs.stat(candidate);
      if (st.type !== 'file') {
        if (st.type === 'dir') denied = true;
        continue;
      }
      proc.fs.access(candidate, 1);
      return candidate;
    } catch (e) {
      if (e instanceof SyscallError && e.code === 'EACCES') denied = true;
      else if (!(e instanceof SyscallError)) throw e;
    }
  }
  return new SyscallError(denied ? 'EACCES' : 'ENOENT');
}

/**
 * execvp(): replace the program. Returns the error only when the exec itself failed (the caller
 * prints its message and exits 126 or 127); once the new program runs, this never returns.
 */
export async function execvp(proc: Process, argv: string[], env: Record<string, string> = proc.env): Promise<SyscallError> {
  const found = findInPath(proc, argv[0]!, env.PATH ?? proc.env.PATH ?? DEFAULT_PATH);
  if (found instanceof SyscallError) return found;
  const before = proc.task.exePath;
  try {
    await proc.exec(found, argv, env);
  } catch (e) {
    // An error after the new program started is that program's own: let it through.
    if (e instanceof SyscallError && proc.task.exePath === before) return e;
    throw e;
  }
  return new SyscallError('ENOEXEC'); // not reached: exec ends the task
}

/** The exit status of a failed exec, as coreutils uses it: 127 not found, 126 found but not runnable. */
export function execFailureStatus(e: SyscallError): number {
  return e.code === 'ENOENT' ? 127 : 126;
}

// ----- priorities ---------------------------------------------------------------------------------

export type PrioWhich = 'process' | 'pgrp' | 'user';

function targets(proc: Process, which: PrioWhich, who: number): Task[] {
  const self = proc.task;
  const all = [...proc.kernel.tasks.values()].filter((t) => t.alive && proc.canSee(t));
  switch (which) {
    case 'process':
      return all.filter((t) => t.pid === (who === 0 ? self.pid : who));
    case 'pgrp':
      return all.filter((t) => t.pgid === (who === 0 ? self.pgid : who));
    case 'user':
      return all.filter((t) => t.cred.uid === (who === 0 ? self.cred.uid : who));
  }
}

/** getpriority(2): the lowest nice value among the targets. Throws ESRCH. */
export function getPriority(proc: Process, which: PrioWhich, who: number): number {
  const ts = targets(proc, which, who);
  if (ts.length === 0) throw new SyscallError('ESRCH');
  return Math.min(...ts.map((t) => t.nice));
}

/**
 * setpriority(2) as Linux 2.6.16 does it: clamp to -20..19; another user's task needs
 * CAP_SYS_NICE (EPERM); lowering a nice value needs CAP_SYS_NICE (EACCES).
 */
export function setPriority(proc: Process, which: PrioWhich, who: number, value: number): void {
  const ts = targets(proc, which, who);
  if (ts.length === 0) throw new SyscallError('ESRCH');
  const nice = Math.max(-20, Math.min(19, value));
  const cred = proc.task.cred;
  const capable = (cred.caps & CAP_SYS_NICE) !== 0n;
  let error: SyscallError | undefined;
  for (const t of ts) {
    if (cred.euid !== t.cred.uid && cred.euid !== t.cred.euid && !capable) {
      error = new SyscallError('EPERM');
      continue;
    }
    if (nice < t.nice && !capable) {
      error = new SyscallError('EACCES');
      continue;
    }
    t.nice = nice;
  }
  if (error) throw error;
}
