/**
 * Saving and restoring a machine: the filesystem (copy-on-write, cheap), the host name, and the
 * process table. A program's JavaScript stack cannot be saved, so restored processes are
 * re-created with their pid, parent, command line, context, credentials and directories, and
 * wait as daemons do (ps, kill and the lab checks see them as they were); init runs init again.
 * Terminal sessions are not saved: each open console gets a fresh login shell.
 */
import type { Credentials, FsContext, ResourceLimit, RlimitName, Task, TaskState } from '../kernel/task.js';
import type { VfsSnapshot } from '../kernel/vfs/snapshot.js';

export interface TaskRecord {
  pid: number;
  ppid: number;
  pgid: number;
  sid: number;
  comm: string;
  argv: string[];
  env: Record<string, string>;
  exePath: string;
  cred: Credentials;
  xid: number;
  nid: number;
  rlimits: Record<RlimitName, ResourceLimit>;
  nice: number;
  fs: FsContext;
  startTimeMs: number;
  utimeMs: number;
  stimeMs: number;
  vszKb: number;
  rssKb: number;
  ignored: number[];
  state: TaskState;
}

export interface MachineSnapshot {
  vfs: VfsSnapshot;
  hostname: string;
  domainname: string;
  lastPid: number;
  tasks: TaskRecord[];
  /** State owned by other layers (VServer contexts, the network), saved by their own code. */
  extensions: Map<string, unknown>;
}

/** A task belongs to a terminal session if it has a controlling tty: those are not saved. */
export function isSessionTask(task: Task): boolean {
  return task.tty !== undefined;
}

export function recordTask(task: Task): TaskRecord {
  return {
    pid: task.pid,
    ppid: task.ppid,
    pgid: task.pgid,
    sid: task.sid,
    comm: task.comm,
    argv: [...task.argv],
    env: { ...task.env },
    exePath: task.exePath,
    cred: { ...task.cred, groups: [...task.cred.groups] },
    xid: task.xid,
    nid: task.nid,
    rlimits: Object.fromEntries(Object.entries(task.rlimits).map(([k, v]) => [k, { ...v }])) as Record<RlimitName, ResourceLimit>,
    nice: task.nice,
    fs: { ...task.fs },
    startTimeMs: task.startTimeMs,
    utimeMs: task.utimeMs,
    stimeMs: task.stimeMs,
    vszKb: task.vszKb,
    rssKb: task.rssKb,
    ignored: [...task.dispositions].filter(([, d]) => d === 'ignore').map(([s]) => s),
    state: task.state,
  };
}
