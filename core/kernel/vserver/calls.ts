/**
 * The Linux-VServer system calls a process may make (sys_vserver commands and the legacy
 * new_s_context), bound to the calling task. Rules and errno follow the vs2.0 kernel as the
 * reference describes it (reference/linux-vserver.md §1.2–1.3, §3, §9.3, §9.6, §9.7):
 *
 *  - creating, entering and administering contexts needs CAP_SYS_ADMIN and the host context
 *    (EPERM otherwise): the seed's `vc_create_context(): Operation not permitted` inside a guest;
 *  - changing a context's limits, capabilities, flags or names also needs CAP_SYS_RESOURCE;
 *  - a guest sees only its own context (ESRCH for the others); the host and the spectator see all;
 *  - bounding capabilities can only be lowered; one-time state flags can only be cleared.
 */
import { hasCapability } from '../capabilities.js';
import { SyscallError } from '../errno.js';
import type { Kernel } from '../kernel.js';
import { SIG } from '../signals.js';
import type { Task } from '../task.js';
import { VXF, VXF_ONE_TIME } from './bits.js';
import {
  MAX_XID,
  MIN_DYNAMIC_XID,
  SUPPORTED_CONTEXT_LIMITS,
  type ContextLimit,
  type ContextLimitName,
  type SchedBucket,
  type VhiField,
  type VxContext,
} from './context.js';

/** `new_s_context` special ids (legacy API). */
export const VX_DYNAMIC_ID = -1;
export const VX_SAME_CONTEXT = -2;

/** What `vc_get_*` report about a context. */
export interface ContextInfo {
  xid: number;
  initpid: number;
  flags: bigint;
  bcaps: bigint;
  ccaps: bigint;
  tasks: number;
  /** References to the context: its tasks plus the kernel's own two (the seed's `UseCnt: 3` for one task). */
  useCount: number;
  /** Simulated uptime (ms) at creation. */
  createdMs: number;
}

/** What a context uses now (the `current` column of /proc/virtual/N/limit, vserver-stat). */
export interface ContextUsage {
  tasks: number;
  /** Pages (4 KiB) of address space and of resident memory. */
  vmPages: number;
  rssPages: number;
  openFiles: number;
  userMs: number;
  sysMs: number;
  /** Age of the context in ms (vc_virt_stat's uptime). */
  uptimeMs: number;
  forks: number;
}

export function contextInfo(kernel: Kernel, ctx: VxContext): ContextInfo {
  const tasks = kernel.vx.tasksIn(ctx.xid);
  return { xid: ctx.xid, initpid: ctx.initpid, flags: ctx.flags, bcaps: ctx.bcaps, ccaps: ctx.ccaps, tasks, useCount: tasks + 2, createdMs: ctx.createdMs };
}

export function contextUsage(kernel: Kernel, xid: number): ContextUsage {
  let tasks = 0;
  let vsz = 0;
  let rss = 0;
  let files = 0;
  let userMs = 0;
  let sysMs = 0;
  let oldest = Infinity;
  for (const t of kernel.tasks.values()) {
    if (t.xid !== xid || !t.alive) continue;
    tasks++;
    vsz += t.vszKb;
    rss += t.rssKb;
    files += t.fds.openDescriptors().length;
    userMs += t.utimeMs;
    sysMs += t.stimeMs;
    if (t.startTimeMs < oldest) oldest = t.startTimeMs;
  }
  const ctx = kernel.vx.get(xid);
  const now = kernel.clock.uptimeMs;
  return {
    tasks,
    vmPages: Math.ceil(vsz / 4),
    rssPages: Math.ceil(rss / 4),
    openFiles: files,
    userMs: userMs + (ctx?.exitedUserMs ?? 0),
    sysMs: sysMs + (ctx?.exitedSysMs ?? 0),
    uptimeMs: now - (ctx ? ctx.createdMs : oldest === Infinity ? now : oldest),
    forks: ctx?.totalForks ?? tasks,
  };
}

export class VserverCalls {
  constructor(
    private readonly kernel: Kernel,
    private readonly task: Task,
  ) {}

  /** The caller's own context (vc_get_task_xid(0)). */
  get xid(): number {
    return this.task.xid;
  }

  /** The context a process is in (vc_get_task_xid(pid)); ESRCH when the caller cannot see it. */
  xidOf(pid: number): number {
    const target = pid === 0 ? this.task : this.kernel.taskSeenBy(this.task, pid);
    if (!target || !target.alive) throw new SyscallError('ESRCH');
    return target.xid;
  }

  // ----- permission checks ----------------------------------------------------------------------

  private capable(name: 'SYS_ADMIN' | 'SYS_RESOURCE' | 'NET_ADMIN'): boolean {
    return hasCapability(this.task.cred.caps, name);
  }

  private requireAdmin(): void {
    if (!this.capable('SYS_ADMIN')) throw new SyscallError('EPERM');
  }

  private requireResource(): void {
    if (!this.capable('SYS_ADMIN') || !this.capable('SYS_RESOURCE')) throw new SyscallError('EPERM');
  }

  /** A context the caller may look at: its own, or any from the host and the spectator. */
  private visibleContext(xid: number): VxContext {
    const ctx = xid === VX_SAME_CONTEXT ? this.kernel.vx.get(this.task.xid) : this.kernel.vx.get(xid);
    if (!ctx) throw new SyscallError('ESRCH');
    if (this.task.xid >= 2 && ctx.xid !== this.task.xid) throw new SyscallError('ESRCH');
    return ctx;
  }

  /** A context the caller may change: its own (with the capabilities) or any from the host. */
  private managedContext(xid: number): VxContext {
    this.requireResource();
    const ctx = this.visibleContext(xid);
    if (this.task.xid === 1) throw new SyscallError('EPERM');
    return ctx;
  }

  // ----- creating and entering --------------------------------------------------------------------

  /**
   * The legacy `new_s_context(ctx, remove_cap, flags)` of era-B `chcontext`: join or create a
   * context (ctx = VX_DYNAMIC_ID picks a dynamic one, 1 the spectator), or with VX_SAME_CONTEXT
   * only add flags and lower capabilities. Returns the xid.
   */
  newSContext(ctx: number, removeCaps: bigint, flags: bigint): number {
    this.requireAdmin();
    const current = this.kernel.vx.get(this.task.xid);
    if (ctx === VX_SAME_CONTEXT) {
      if (!current) {
        // The host has no context structure: only the process's own capabilities drop.
        this.task.cred.caps &= ~removeCaps;
        return this.task.xid;
      }
      this.applyLegacy(current, removeCaps, flags);
      this.task.cred.caps &= current.bcaps;
      return current.xid;
    }
    if (this.task.xid !== 0 || current?.hasFlag(VXF.lock)) throw new SyscallError('EPERM');
    if (ctx === 1) {
      this.kernel.vx.move(this.task, 1);
      return 1;
    }
    if (ctx === 0 || ctx > MAX_XID || (ctx < 0 && ctx !== VX_DYNAMIC_ID)) throw new SyscallError('EINVAL');
    let target: VxContext | undefined;
    if (ctx === VX_DYNAMIC_ID) {
      const xid = this.kernel.vx.allocateDynamic();
      if (xid === undefined) throw new SyscallError('EAGAIN');
      target = this.kernel.vx.create(xid, VXF.state_init);
    } else {
      target = this.kernel.vx.get(ctx);
      if (!target) {
        if (ctx >= MIN_DYNAMIC_XID) throw new SyscallError('EINVAL');
        target = this.kernel.vx.create(ctx, VXF.state_init);
      } else if (target.hasFlag(VXF.private) && !target.hasFlag(VXF.state_setup)) throw new SyscallError('EPERM');
    }
    this.applyLegacy(target, removeCaps, flags);
    this.kernel.vx.move(this.task, target.xid);
    return target.xid;
  }

  private applyLegacy(ctx: VxContext, removeCaps: bigint, flags: bigint): void {
    ctx.bcaps &= ~removeCaps;
    ctx.flags |= flags & ~VXF_ONE_TIME;
    if (flags & VXF.fakeinit) {
      ctx.initpid = this.task.pid;
      ctx.flags &= ~VXF.state_init;
    }
    if (flags & 0x4n) {
      // nproc: the caller's RLIMIT_NPROC becomes the whole context's process limit.
      const hard = this.task.rlimits.nproc.hard;
      ctx.limits.set('nproc', { min: Infinity, soft: hard, hard, hits: 0 });
    }
  }

  /** `vc_ctx_create(xid, flags)` (era C): create a context and move the caller into it. */
  create(xid: number | undefined, flags: bigint): number {
    this.requireAdmin();
    if (this.task.xid !== 0) throw new SyscallError('EPERM');
    let id: number;
    if (xid === undefined) {
      const dynamic = this.kernel.vx.allocateDynamic();
      if (dynamic === undefined) throw new SyscallError('EAGAIN');
      id = dynamic;
    } else {
      if (xid < 2 || xid > MAX_XID) throw new SyscallError('EINVAL');
      const existing = this.kernel.vx.get(xid);
      if (existing) throw new SyscallError(existing.hasFlag(VXF.state_setup) ? 'EBUSY' : 'EEXIST');
      if (xid >= MIN_DYNAMIC_XID) throw new SyscallError('EINVAL');
      id = xid;
    }
    const ctx = this.kernel.vx.create(id, flags);
    this.kernel.vx.move(this.task, ctx.xid);
    return ctx.xid;
  }

  /**
   * `vc_ctx_migrate(xid)`: enter an existing context (1 = the spectator). With `initpid` the
   * caller becomes the context's init (and clears state_init).
   */
  migrate(xid: number, options: { initpid?: boolean } = {}): void {
    this.requireAdmin();
    if (xid === 1) {
      if (this.task.xid !== 0) throw new SyscallError('EPERM');
      this.kernel.vx.move(this.task, 1);
      return;
    }
    const target = this.kernel.vx.get(xid);
    if (this.task.xid !== 0 && !(target && target.xid === this.task.xid) && !target?.hasFlag(VXF.state_setup)) throw new SyscallError('EPERM');
    if (!target) throw new SyscallError('ESRCH');
    if (target.xid !== this.task.xid) {
      if (target.hasFlag(VXF.private) && !target.hasFlag(VXF.state_setup)) throw new SyscallError('EACCES');
      if (!target.hasFlag(VXF.state_admin) && !target.hasFlag(VXF.state_setup)) throw new SyscallError('EACCES');
    }
    this.kernel.vx.move(this.task, target.xid);
    if (options.initpid) {
      target.initpid = this.task.pid;
      target.flags &= ~VXF.state_init;
    }
  }

  // ----- looking at and changing a context ----------------------------------------------------------

  /** Does the context exist (and may the caller see it)? */
  exists(xid: number): boolean {
    try {
      this.visibleContext(xid);
      return true;
    } catch {
      return false;
    }
  }

  /** The contexts the caller may see, by xid. */
  contexts(): number[] {
    return this.kernel.vx
      .all()
      .filter((c) => this.task.xid < 2 || c.xid === this.task.xid)
      .map((c) => c.xid);
  }

  info(xid: number): ContextInfo {
    return contextInfo(this.kernel, this.visibleContext(xid));
  }

  usage(xid: number): ContextUsage {
    if (xid >= 2) this.visibleContext(xid);
    else if (this.task.xid >= 2) throw new SyscallError('ESRCH');
    return contextUsage(this.kernel, xid);
  }

  /**
   * Per-context totals of the live processes the caller can see (except itself), in one pass —
   * what vserver-stat adds up from /proc/PID/stat, at /proc's granularity (CPU in 10 ms ticks).
   */
  processTotals(): Map<number, { tasks: number; vszKb: number; rssPages: number; userMs: number; sysMs: number; oldestStartMs: number }> {
    const totals = new Map<number, { tasks: number; vszKb: number; rssPages: number; userMs: number; sysMs: number; oldestStartMs: number }>();
    const tick = (ms: number) => Math.floor(ms / 10) * 10;
    for (const t of this.kernel.tasks.values()) {
      if (!t.alive || t === this.task || !this.kernel.visibility(this.task, t)) continue;
      let entry = totals.get(t.xid);
      if (!entry) totals.set(t.xid, (entry = { tasks: 0, vszKb: 0, rssPages: 0, userMs: 0, sysMs: 0, oldestStartMs: Infinity }));
      entry.tasks++;
      entry.vszKb += t.vszKb;
      entry.rssPages += Math.ceil(t.rssKb / 4);
      entry.userMs += tick(t.utimeMs);
      entry.sysMs += tick(t.stimeMs);
      entry.oldestStartMs = Math.min(entry.oldestStartMs, tick(t.startTimeMs));
    }
    return totals;
  }

  /** vc_set_cflags: change the bits of `mask` to their value in `flags`; one-time flags only clear. */
  setFlags(xid: number, flags: bigint, mask: bigint): void {
    const ctx = this.managedContext(xid);
    const settable = mask & ~(VXF_ONE_TIME & flags);
    ctx.flags = (ctx.flags & ~settable) | (flags & settable);
    if (flags & mask & VXF.fakeinit && ctx.initpid === 0) ctx.flags |= VXF.state_init;
  }

  /** vc_set_ccaps: lower bounding capabilities, and set or clear context capabilities. */
  setCaps(xid: number, change: { bcaps?: bigint; bmask?: bigint; ccaps?: bigint; cmask?: bigint }): void {
    const ctx = this.managedContext(xid);
    if (change.bmask !== undefined) ctx.bcaps &= ~(change.bmask & ~(change.bcaps ?? 0n));
    if (change.cmask !== undefined) ctx.ccaps = (ctx.ccaps & ~change.cmask) | ((change.ccaps ?? 0n) & change.cmask);
    for (const t of this.kernel.tasks.values()) if (t.xid === ctx.xid) t.cred.caps &= ctx.bcaps;
  }

  /** vc_get_vhi_name: a virtualised system name; undefined when the context keeps the host's. */
  getName(xid: number, field: VhiField): string | undefined {
    return this.visibleContext(xid).names.get(field);
  }

  /** vc_set_vhi_name (vuname --set). EINVAL past 64 characters, as the utsname fields. */
  setName(xid: number, field: VhiField, value: string): void {
    const ctx = this.managedContext(xid);
    if (value.length > 64) throw new SyscallError('EINVAL');
    ctx.names.set(field, value);
  }

  getLimit(xid: number, name: ContextLimitName): ContextLimit {
    if (!SUPPORTED_CONTEXT_LIMITS.includes(name)) throw new SyscallError('EINVAL');
    return { ...this.visibleContext(xid).limit(name) };
  }

  /** vc_set_rlimit: the given values replace the current ones; the others stay. */
  setLimit(xid: number, name: ContextLimitName, values: Partial<Pick<ContextLimit, 'min' | 'soft' | 'hard'>>): void {
    if (!SUPPORTED_CONTEXT_LIMITS.includes(name)) throw new SyscallError('EINVAL');
    const ctx = this.managedContext(xid);
    const next = { ...ctx.limit(name), ...values };
    ctx.limits.set(name, next);
  }

  getSched(xid: number): SchedBucket {
    return { ...this.visibleContext(xid).sched };
  }

  /** vc_set_sched: EINVAL for a zero interval or a bucket whose minimum exceeds its maximum. */
  setSched(xid: number, values: Partial<Omit<SchedBucket, 'ticks' | 'holdTicks' | 'updatedMs'>>): void {
    const ctx = this.managedContext(xid);
    const next = { ...ctx.sched, ...values };
    if (next.interval <= 0 || next.fillRate < 0 || next.tokensMin > next.tokensMax) throw new SyscallError('EINVAL');
    next.tokens = Math.min(next.tokens, next.tokensMax);
    ctx.sched = next;
  }

  /**
   * vc_ctx_kill(xid, pid, sig) — vkill: pid 0 or -1 signals every process of the context but
   * pid ≤ 1 (for -1, its init too is spared); pid 1 its init; another pid that process, only
   * if it is in the context. Without state_admin, a signal to init is forced to SIGINT when the
   * context has other tasks, and pids other than 1 are refused (EACCES).
   */
  kill(xid: number, pid: number, sig: number): void {
    this.requireResource();
    if (this.task.xid !== 0) throw new SyscallError('EPERM');
    const ctx = this.kernel.vx.get(xid);
    if (!ctx) throw new SyscallError('ESRCH');
    const admin = ctx.hasFlag(VXF.state_admin);
    const members = [...this.kernel.tasks.values()].filter((t) => t.alive && t.xid === xid);
    if (pid === 1) {
      const init = ctx.initpid ? this.kernel.tasks.get(ctx.initpid) : undefined;
      if (!init) throw new SyscallError('ESRCH');
      this.kernel.sendSignal(init, !admin && members.length > 1 ? SIG.INT : sig);
      return;
    }
    if (!admin && (pid > 1 || (pid < 1 && ctx.initpid))) throw new SyscallError('EACCES');
    if (pid === 0 || pid === -1) {
      const targets = members.filter((t) => t.pid > 1 && !(pid === -1 && t.pid === ctx.initpid));
      for (const t of targets) this.kernel.sendSignal(t, sig);
      return;
    }
    const target = members.find((t) => t.pid === pid);
    if (!target) throw new SyscallError('ESRCH');
    this.kernel.sendSignal(target, sig);
  }
}
