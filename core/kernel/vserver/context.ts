/**
 * Linux-VServer security contexts (vx_info) of one kernel: the table of contexts, their flags,
 * capabilities, virtualised system names, per-context limits and scheduler bucket, and the task
 * count of each xid. The rules for who may do what live in calls.ts; this is the state.
 *
 * xid 0 is the host and xid 1 the spectator: neither has a context structure (as in 2.6).
 */
import type { Task } from '../task.js';
import { capabilityBit } from '../capabilities.js';
import { VXF } from './bits.js';

export const MIN_DYNAMIC_XID = 49152;
export const MAX_XID = 65535;

/** The virtualised system names of a context (vc_set_vhi_name): CONTEXT is the vserver's name. */
export const VHI_FIELDS = ['CONTEXT', 'SYSNAME', 'NODENAME', 'RELEASE', 'VERSION', 'MACHINE', 'DOMAINNAME'] as const;
export type VhiField = (typeof VHI_FIELDS)[number];

/** Per-context resource limits (vlimit), in the order of their resource numbers. */
export const CONTEXT_LIMITS = ['cpu', 'fsize', 'data', 'stack', 'core', 'rss', 'nproc', 'nofile', 'memlock', 'as', 'locks', 'msgqueue', 'nsock', 'openfd', 'anon', 'shmem', 'semary', 'nsems', 'dentry'] as const;
export type ContextLimitName = (typeof CONTEXT_LIMITS)[number];

/** Resource numbers of the context limits (Linux RLIMIT_* 0–10, then VLIMIT_* from 16). */
export const CONTEXT_LIMIT_NUMBER: Record<ContextLimitName, number> = {
  cpu: 0, fsize: 1, data: 2, stack: 3, core: 4, rss: 5, nproc: 6, nofile: 7, memlock: 8, as: 9, locks: 10,
  msgqueue: 12, nsock: 16, openfd: 17, anon: 18, shmem: 19, semary: 20, nsems: 21, dentry: 22,
};

/** The limits the vs2.0 kernel enforces per context (vc_get_rlimit_mask); others print N/A. */
export const SUPPORTED_CONTEXT_LIMITS: readonly ContextLimitName[] = ['rss', 'nproc', 'nofile', 'memlock', 'as', 'locks', 'nsock', 'openfd', 'anon', 'shmem', 'semary', 'nsems', 'dentry'];

export interface ContextLimit {
  /** Infinity = unlimited (printed `inf`, -1 in /proc). */
  min: number;
  soft: number;
  hard: number;
  /** How often the limit refused something (the `hits` column). */
  hits: number;
}

/** The token bucket of the hard CPU scheduler (vsched); kernel defaults for HZ=1000. */
export interface SchedBucket {
  fillRate: number;
  interval: number;
  tokens: number;
  tokensMin: number;
  tokensMax: number;
  prioBias: number;
  /** Jiffies of CPU the context used while it had tokens, and while on hold (`Ticks:`/hold). */
  ticks: number;
  holdTicks: number;
  /** Simulated uptime (ms) up to which the bucket was refilled. */
  updatedMs: number;
}

export const HZ = 1000;

export function defaultSchedBucket(): SchedBucket {
  return { fillRate: 1, interval: 4, tokens: HZ / 4, tokensMin: Math.floor(HZ / 16), tokensMax: HZ / 2, prioBias: 0, ticks: 0, holdTicks: 0, updatedMs: 0 };
}

/**
 * The bounding set a new context starts with: every capability but CAP_SETPCAP (the 2.6
 * kernel's CAP_INIT_EFF_SET), which is the seed's `BCaps: fffffffffffffeff` once widened to
 * the 64-bit field the kernel prints.
 */
export const NEW_CONTEXT_BCAPS: bigint = BigInt.asUintN(64, ~capabilityBit('SETPCAP'));

export class VxContext {
  flags: bigint;
  bcaps: bigint = NEW_CONTEXT_BCAPS;
  ccaps = 0n;
  /** The context's init (fake init / reaper); 0 = none. */
  initpid = 0;
  /** Simulated uptime (ms) when the context was created: the origin of virt_uptime. */
  readonly createdMs: number;
  /** Virtualised system names; a missing field shows the host's value. */
  readonly names = new Map<VhiField, string>();
  readonly limits = new Map<ContextLimitName, ContextLimit>();
  sched: SchedBucket = defaultSchedBucket();
  /** The mount namespace saved with `vnamespace --set` (an opaque handle of the filesystem layer). */
  namespace: unknown;
  /** Forks and CPU time of exited tasks, for vserver-stat and cvirt. */
  totalForks = 0;
  exitedUserMs = 0;
  exitedSysMs = 0;

  constructor(
    readonly xid: number,
    flags: bigint,
    createdMs: number,
  ) {
    this.flags = flags;
    this.createdMs = createdMs;
  }

  hasFlag(bit: bigint): boolean {
    return (this.flags & bit) !== 0n;
  }

  hasCcap(bit: bigint): boolean {
    return (this.ccaps & bit) !== 0n;
  }

  limit(name: ContextLimitName): ContextLimit {
    return this.limits.get(name) ?? { min: Infinity, soft: Infinity, hard: Infinity, hits: 0 };
  }

  /** Does the context show its own init as pid 1 (vx_flags(VXF_INFO_INIT) with an initpid)? */
  get fakeInit(): boolean {
    return this.hasFlag(VXF.fakeinit) && this.initpid !== 0;
  }

  /**
   * Is the host's init hidden from the context (vs_pid.h)? With `fakeinit`, its own init stands in
   * for it, or — while state_init waits for an initpid (a sysv-style guest) — there is none.
   */
  get hidesHostInit(): boolean {
    return this.hasFlag(VXF.fakeinit) && (this.initpid !== 0 || this.hasFlag(VXF.state_init));
  }
}

/** A context's saved state (snapshot and restore). */
export interface VxContextState {
  xid: number;
  flags: bigint;
  bcaps: bigint;
  ccaps: bigint;
  initpid: number;
  createdMs: number;
  names: Array<[VhiField, string]>;
  limits: Array<[ContextLimitName, ContextLimit]>;
  sched: SchedBucket;
  namespace: unknown;
  totalForks: number;
  exitedUserMs: number;
  exitedSysMs: number;
}

export class VxRegistry {
  private readonly contexts = new Map<number, VxContext>();
  /** Tasks alive per xid (including 0 and 1). */
  private readonly taskCounts = new Map<number, number>();
  private nextDynamic = MIN_DYNAMIC_XID;

  constructor(private readonly now: () => number) {}

  get(xid: number): VxContext | undefined {
    return this.contexts.get(xid);
  }

  /** Existing contexts, by xid. */
  all(): VxContext[] {
    return [...this.contexts.values()].sort((a, b) => a.xid - b.xid);
  }

  tasksIn(xid: number): number {
    return this.taskCounts.get(xid) ?? 0;
  }

  /** Create a context structure (the rules are the caller's). */
  create(xid: number, flags: bigint): VxContext {
    const ctx = new VxContext(xid, flags, this.now());
    ctx.sched.updatedMs = ctx.createdMs;
    this.contexts.set(xid, ctx);
    return ctx;
  }

  /** The next free dynamic xid, searching upward and wrapping; undefined when all are taken. */
  allocateDynamic(): number | undefined {
    for (let tries = 0; tries <= MAX_XID - MIN_DYNAMIC_XID; tries++) {
      const xid = this.nextDynamic;
      this.nextDynamic = xid >= MAX_XID ? MIN_DYNAMIC_XID : xid + 1;
      if (!this.contexts.has(xid)) return xid;
    }
    return undefined;
  }

  /** A task entered the table in its current xid (fork, restore). */
  attach(task: Task): void {
    this.taskCounts.set(task.xid, this.tasksIn(task.xid) + 1);
    const ctx = this.contexts.get(task.xid);
    if (ctx) ctx.totalForks++;
  }

  /** A task left (exit): a context without tasks disappears unless persistent. */
  detach(task: Task): void {
    const left = this.tasksIn(task.xid) - 1;
    if (left > 0) this.taskCounts.set(task.xid, left);
    else this.taskCounts.delete(task.xid);
    const ctx = this.contexts.get(task.xid);
    if (!ctx) return;
    ctx.exitedUserMs += task.utimeMs;
    ctx.exitedSysMs += task.stimeMs;
    if (ctx.initpid === task.pid) ctx.initpid = 0;
    if (left <= 0 && !ctx.hasFlag(VXF.persistent)) this.contexts.delete(task.xid);
  }

  /** Move a live task to another xid; its capabilities are masked by the new context's bounding set. */
  move(task: Task, xid: number): void {
    if (task.xid === xid) return;
    const from = task.xid;
    const left = this.tasksIn(from) - 1;
    if (left > 0) this.taskCounts.set(from, left);
    else this.taskCounts.delete(from);
    const old = this.contexts.get(from);
    if (old && left <= 0 && !old.hasFlag(VXF.persistent)) this.contexts.delete(from);
    task.xid = xid;
    this.taskCounts.set(xid, this.tasksIn(xid) + 1);
    const ctx = this.contexts.get(xid);
    if (ctx) task.cred.caps &= ctx.bcaps;
  }

  /** Remove a context whatever its tasks (a world restore rebuilds the table). */
  clear(): void {
    this.contexts.clear();
    this.taskCounts.clear();
  }

  save(): { contexts: VxContextState[]; nextDynamic: number } {
    return {
      nextDynamic: this.nextDynamic,
      contexts: this.all().map((c) => ({
        xid: c.xid,
        flags: c.flags,
        bcaps: c.bcaps,
        ccaps: c.ccaps,
        initpid: c.initpid,
        createdMs: c.createdMs,
        names: [...c.names],
        limits: [...c.limits].map(([k, v]) => [k, { ...v }] as [ContextLimitName, ContextLimit]),
        sched: { ...c.sched },
        namespace: c.namespace,
        totalForks: c.totalForks,
        exitedUserMs: c.exitedUserMs,
        exitedSysMs: c.exitedSysMs,
      })),
    };
  }

  /** Put the contexts back; task counts are rebuilt from the restored tasks by the caller (attach). */
  restore(state: { contexts: VxContextState[]; nextDynamic: number }): void {
    this.clear();
    this.nextDynamic = state.nextDynamic;
    for (const s of state.contexts) {
      const ctx = new VxContext(s.xid, s.flags, s.createdMs);
      ctx.bcaps = s.bcaps;
      ctx.ccaps = s.ccaps;
      ctx.initpid = s.initpid;
      for (const [k, v] of s.names) ctx.names.set(k, v);
      for (const [k, v] of s.limits) ctx.limits.set(k, { ...v });
      ctx.sched = { ...s.sched };
      ctx.namespace = s.namespace;
      ctx.totalForks = s.totalForks;
      ctx.exitedUserMs = s.exitedUserMs;
      ctx.exitedSysMs = s.exitedSysMs;
      this.contexts.set(s.xid, ctx);
    }
  }

  /** Rebuild task counts after a restore, without counting forks. */
  recount(tasks: Iterable<Task>): void {
    this.taskCounts.clear();
    for (const t of tasks) if (t.alive) this.taskCounts.set(t.xid, this.tasksIn(t.xid) + 1);
  }
}

