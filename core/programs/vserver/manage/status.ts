/**
 * Is a guest running? (reference §8.2): its run file holds an xid, that context's CONTEXT name is
 * the guest's configuration directory, and the context has tasks. And `filetime`, the age of the
 * run file that `vserver … status` prints as the uptime.
 */
import { SyscallError } from '../../../kernel/errno.js';
import type { Process } from '../../../kernel/process.js';
import { readValue } from './files.js';
import type { Guest } from './options.js';

export interface RunState {
  /** The run file's content (the xid). */
  xid: string;
  /** Tasks of the context when it is this guest's, else 0. */
  tasks: number;
}

/** getVserverStatus: undefined when there is no readable run file. */
export async function readRunState(proc: Process, guest: Guest): Promise<RunState | undefined> {
  const xid = await readValue(proc, `${guest.dir}/run`);
  if (xid === undefined) return undefined;
  let tasks = 0;
  if (/^\d+$/.test(xid)) {
    try {
      if (proc.vx.getName(Number(xid), 'CONTEXT') === guest.dir) tasks = proc.vx.info(Number(xid)).tasks;
    } catch (e) {
      if (!(e instanceof SyscallError)) throw e;
    }
  }
  return { xid, tasks };
}

/** isVserverRunning: the xid while the guest runs; a stale run file is removed on the way. */
export async function runningXid(proc: Process, guest: Guest): Promise<number | undefined> {
  const state = await readRunState(proc, guest);
  if (!state) return undefined;
  if (state.tasks > 0) return Number(state.xid);
  removeRunFile(proc, guest);
  return undefined;
}

/** `rm -f $(readlink <cfgdir>/run)`. */
export function removeRunFile(proc: Process, guest: Guest): void {
  try {
    proc.fs.unlink(proc.fs.readlink(`${guest.dir}/run`));
  } catch (e) {
    if (!(e instanceof SyscallError)) throw e;
  }
}

/** filetime: the age of a file as `HH:MM` or `D days, HH:MM`. */
export function fileAge(proc: Process, path: string): string {
  const since = Math.max(0, Math.floor(proc.time() - proc.fs.stat(path).mtime));
  const days = Math.floor(since / 86400);
  const today = since % 86400;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${days > 0 ? `${days} days, ` : ''}${two(Math.floor(today / 3600))}:${two(Math.floor((today % 3600) / 60))}`;
}
