/**
 * What the process tools (ps, top, pgrep, kill by name, free, uptime) read, the way procps reads
 * it: pids from readdir("/proc"), uptime from /proc/uptime, memory from /proc/meminfo, the load
 * from /proc/loadavg. Reading files (not kernel fields) matters: Linux-VServer virtualises
 * uptime and memory per context, and an unmounted /proc must fail as it does on a real system.
 * Per-task details come from the kernel's task objects of the pids the caller can see.
 */
import type { Process } from '../../kernel/process.js';
import { bsdStat, cpuMs, priority, sharedKb, stateLetter, wchanName } from '../../kernel/procfs/task-info.js';
import type { Task } from '../../kernel/task.js';
import type { Accounts } from './accounts.js';

/** libproc's message when /proc cannot be read (procps exits with 102 after it). */
export const BAD_OPEN_MESSAGE =
  'Error: /proc must be mounted\n' +
  '  To mount /proc at boot you need an /etc/fstab line like:\n' +
  '      /proc   /proc   proc    defaults\n' +
  '  In the meantime, mount /proc /proc -t proc\n';

export const BAD_OPEN_STATUS = 102;

/** Thrown when a /proc file cannot be opened: the tool prints BAD_OPEN_MESSAGE and exits 102. */
export class ProcUnavailable extends Error {
  constructor(readonly path: string) {
    super(`${path}: cannot open`);
    this.name = 'ProcUnavailable';
  }
}

async function procFile(proc: Process, path: string): Promise<string> {
  try {
    return await proc.readFile(path);
  } catch {
    throw new ProcUnavailable(path);
  }
}

/** /proc/uptime: seconds since boot and idle seconds, as the caller's context sees them. */
export async function readUptime(proc: Process): Promise<{ up: number; idle: number }> {
  const [up, idle] = (await procFile(proc, '/proc/uptime')).trim().split(/\s+/).map(Number);
  return { up: up ?? 0, idle: idle ?? 0 };
}

export interface LoadAverage {
  one: number;
  five: number;
  fifteen: number;
  running: number;
  total: number;
}

export async function readLoadavg(proc: Process): Promise<LoadAverage> {
  const f = (await procFile(proc, '/proc/loadavg')).trim().split(/\s+/);
  const [running, total] = (f[3] ?? '0/0').split('/').map(Number);
  return { one: Number(f[0] ?? 0), five: Number(f[1] ?? 0), fifteen: Number(f[2] ?? 0), running: running ?? 0, total: total ?? 0 };
}

/** /proc/meminfo in KiB, with libproc's derived values. */
export interface MemInfo {
  total: number;
  free: number;
  used: number;
  shared: number;
  buffers: number;
  cached: number;
  swapTotal: number;
  swapFree: number;
  swapUsed: number;
  lowTotal: number;
  lowFree: number;
  highTotal: number;
  highFree: number;
  active: number;
  inactive: number;
}

/** Parse meminfo text (pure, for tests). Missing fields are 0; Low = total when the kernel has no highmem lines. */
export function parseMeminfo(text: string): MemInfo {
  const v: Record<string, number> = {};
  for (const line of text.split('\n')) {
    const m = /^(\w+):\s+(\d+)/.exec(line);
    if (m) v[m[1]!] = Number(m[2]);
  }
  const get = (k: string) => v[k] ?? 0;
  const total = get('MemTotal');
  const free = get('MemFree');
  const swapTotal = get('SwapTotal');
  const swapFree = get('SwapFree');
  const lowTotal = v.LowTotal ?? total;
  const lowFree = v.LowFree ?? free;
  return {
    total,
    free,
    used: total - free,
    shared: get('MemShared'),
    buffers: get('Buffers'),
    cached: get('Cached'),
    swapTotal,
    swapFree,
    swapUsed: swapTotal - swapFree,
    lowTotal,
    lowFree,
    highTotal: get('HighTotal'),
    highFree: get('HighFree'),
    active: get('Active'),
    inactive: get('Inactive'),
  };
}

export async function readMeminfo(proc: Process): Promise<MemInfo> {
  return parseMeminfo(await procFile(proc, '/proc/meminfo'));
}

/** The pids in /proc, ascending (only the caller's visible processes are listed there). */
export function listPids(proc: Process): number[] {
  let names: string[];
  try {
    names = proc.fs.readdir('/proc');
  } catch {
    throw new ProcUnavailable('/proc');
  }
  return names.filter((n) => /^\d+$/.test(n)).map(Number).sort((a, b) => a - b);
}

/** One process as the tools see it: the fields of /proc/PID/stat, status and cmdline. */
export interface ProcInfo {
  readonly task: Task;
  pid: number;
  ppid: number;
  pgid: number;
  sid: number;
  /** The terminal's foreground group, -1 without a terminal. */
  tpgid: number;
  /** "pts/0", or "" without a controlling terminal. */
  tty: string;
  comm: string;
  /** argv; empty for kernel threads and zombies (their /proc/PID/cmdline is empty). */
  cmdline: string[];
  /** R S D T Z */
  state: string;
  /** BSD STAT: state plus < N s + */
  stat: string;
  uid: number;
  euid: number;
  gid: number;
  egid: number;
  /** Effective user name (or number as text when /etc/passwd has none). */
  user: string;
  ruser: string;
  group: string;
  nice: number;
  priority: number;
  vszKb: number;
  rssKb: number;
  shareKb: number;
  cpuMs: number;
  /** Start, in ms since boot (kernel clock). */
  startMs: number;
  /** Whole seconds of life, procps-style (seconds_since_boot - start_time/HZ). */
  ageSeconds: number;
  /** Wall-clock start, epoch seconds. */
  startEpoch: number;
  xid: number;
  nid: number;
  wchan: string;
  env: Record<string, string>;
}

export function describeTask(task: Task, accounts: Accounts, nowMs: number, nowEpoch: number): ProcInfo {
  const zombie = task.state === 'zombie';
  const tty = task.tty;
  const ageMs = Math.max(0, nowMs - task.startTimeMs);
  return {
    task,
    pid: task.pid,
    ppid: task.ppid,
    pgid: task.pgid,
    sid: task.sid,
    tpgid: tty ? tty.foregroundPgrp || -1 : -1,
    tty: tty ? tty.name : '',
    comm: task.comm,
    cmdline: zombie ? [] : [...task.argv],
    state: stateLetter(task),
    stat: bsdStat(task),
    uid: task.cred.uid,
    euid: task.cred.euid,
    gid: task.cred.gid,
    egid: task.cred.egid,
    user: accounts.userName(task.cred.euid),
    ruser: accounts.userName(task.cred.uid),
    group: accounts.groupName(task.cred.egid),
    nice: task.nice,
    priority: priority(task),
    vszKb: task.vszKb,
    rssKb: task.rssKb,
    shareKb: sharedKb(task),
    cpuMs: cpuMs(task),
    startMs: task.startTimeMs,
    ageSeconds: Math.max(0, Math.floor(nowMs / 1000) - Math.floor(task.startTimeMs / 1000)),
    startEpoch: Math.floor(nowEpoch - ageMs / 1000),
    xid: task.xid,
    nid: task.nid,
    wchan: wchanName(task),
    env: { ...task.env },
  };
}

/**
 * The processes the caller can see, in pid order: pids come from /proc (throws ProcUnavailable
 * when it is not mounted), details from the kernel's tasks, never one the caller may not see.
 */
export function readProcesses(proc: Process, accounts: Accounts): ProcInfo[] {
  const pids = listPids(proc);
  const kernel = proc.kernel;
  const nowMs = kernel.clock.uptimeMs;
  const nowEpoch = proc.time();
  const out: ProcInfo[] = [];
  for (const pid of pids) {
    // In a guest with a fake init, /proc's "1" is the guest's init (vx_rmap_tgid).
    const task = kernel.taskSeenBy(proc.task, pid);
    if (!task || !proc.canSee(task)) continue;
    const info = describeTask(task, accounts, nowMs, nowEpoch);
    info.pid = pid;
    info.ppid = ppidSeenBy(proc, task);
    out.push(info);
  }
  return out;
}

/** getppid() as the viewer sees it: a parent it cannot see is init (pid 1), and a guest's own init has none. */
function ppidSeenBy(proc: Process, task: Task): number {
  const kernel = proc.kernel;
  const parent = task.parent;
  if (!parent) return 0;
  if (kernel.visibility(proc.task, parent)) return kernel.pidSeenBy(proc.task, parent);
  const ctx = kernel.vx.get(proc.task.xid);
  if (ctx?.fakeInit) return ctx.initpid === task.pid ? 0 : 1;
  return parent.pid;
}

/** The command line as pgrep -f and ps args see it: argv joined by spaces, else the name. */
export function fullCommand(p: ProcInfo): string {
  return p.cmdline.length > 0 ? p.cmdline.join(' ') : p.comm;
}

/** Users logged in: distinct terminals holding a login shell (argv[0] starting with '-'). */
export function countUsers(procs: readonly ProcInfo[]): number {
  const ttys = new Set<string>();
  for (const p of procs) if (p.tty && p.cmdline[0]?.startsWith('-')) ttys.add(p.tty);
  return ttys.size;
}
