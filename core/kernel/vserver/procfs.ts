/**
 * /proc/virtual (one directory per existing context, in the seed's era-B format) and the
 * per-process /proc/PID/vinfo. Formats: reference/linux-vserver.md §5.3–5.4.
 *
 * Who sees what: the host and the spectator see every context directory, a guest only its own
 * (and only once /proc/virtual is unhidden for it, which the default /proc attributes do not do).
 */
import type { Kernel } from '../kernel.js';
import type { ProcProviders, ProcSubtree } from '../procfs/content.js';
import type { Task } from '../task.js';
import { hex16, VXF } from './bits.js';
import { contextInfo, contextUsage } from './calls.js';
import type { ContextLimitName, VxContext } from './context.js';

/** VCI version of a vs2.0.2 kernel and its syscall number on i386. */
const VCI_VERSION = '0002:0000';
const VCI_SYSCALL = 273;
const VCI_KERNEL = '00000003';

const CONTEXT_FILES = ['info', 'status', 'limit', 'sched', 'cvirt'] as const;

/** Rows of the era's `limit` file: name and resource. */
const LIMIT_ROWS: ReadonlyArray<[string, ContextLimitName]> = [
  ['PROC', 'nproc'],
  ['VM', 'as'],
  ['VML', 'memlock'],
  ['RSS', 'rss'],
  ['FILES', 'nofile'],
];

function finite(n: number): number {
  return n === Infinity ? -1 : n;
}

export function virtualProcTree(kernel: Kernel): ProcSubtree {
  const visible = (viewer: Task): VxContext[] => kernel.vx.all().filter((c) => viewer.xid < 2 || c.xid === viewer.xid);
  const contextNamed = (name: string | undefined, viewer: Task): VxContext | undefined =>
    name !== undefined && /^\d+$/.test(name) ? visible(viewer).find((c) => c.xid === Number(name)) : undefined;

  const files: Record<(typeof CONTEXT_FILES)[number], (ctx: VxContext) => string> = {
    info: (ctx) => `ID:\t${ctx.xid}\nInfo:\t${(0xc1a2e000 + ctx.xid * 0x200).toString(16)}\nInit:\t${ctx.initpid}\n`,
    status: (ctx) => {
      const info = contextInfo(kernel, ctx);
      return `UseCnt:\t${info.useCount}\nTasks:\t${info.tasks}\nFlags:\t${hex16(ctx.flags)}\nBCaps:\t${hex16(ctx.bcaps)}\nCCaps:\t${hex16(ctx.ccaps)}\nTicks:\t${Math.floor(ctx.sched.ticks)}\n`;
    },
    limit: (ctx) => {
      const use = contextUsage(kernel, ctx.xid);
      const current: Record<string, number> = { nproc: use.tasks, as: use.vmPages, memlock: 0, rss: use.rssPages, nofile: use.openFiles };
      return LIMIT_ROWS.map(([label, name]) => `${label}:\t${String(current[name] ?? 0).padStart(8)}/${finite(Math.min(ctx.limit(name).soft, ctx.limit(name).hard))}\n`).join('');
    },
    sched: (ctx) => {
      const s = ctx.sched;
      const n8 = (v: number) => String(v).padStart(8);
      return `Ticks:\t${String(Math.floor(s.ticks)).padStart(16)}\nToken:\t\t${n8(Math.floor(s.tokens))}\nFillRate:\t${n8(s.fillRate)}\nInterval:\t${n8(s.interval)}\nTokensMin:\t${n8(s.tokensMin)}\nTokensMax:\t${n8(s.tokensMax)}\n`;
    },
    cvirt: (ctx) => {
      const use = contextUsage(kernel, ctx.xid);
      const bias = ctx.createdMs / 1000;
      return (
        `BiasUptime:\t${Math.floor(bias)}.${String(Math.floor((bias % 1) * 100)).padStart(2, '0')}\n` +
        `nr_threads:\t${use.tasks}\nnr_running:\t${[...kernel.tasks.values()].filter((t) => t.xid === ctx.xid && t.state === 'running').length}\n` +
        `nr_unintr:\t0\nnr_onhold:\t0\nload_updates:\t0\nloadavg:\t0.00 0.00 0.00\ntotal_forks:\t${use.forks}\n`
      );
    },
  };

  return {
    list(path, viewer) {
      if (path.length === 0) return ['info', 'status', ...visible(viewer).map((c) => String(c.xid))];
      if (path.length === 1 && contextNamed(path[0], viewer)) return [...CONTEXT_FILES];
      return undefined;
    },
    read(path, viewer) {
      if (path.length === 1 && path[0] === 'info') return `VCIVersion:\t${VCI_VERSION}\nVCISyscall:\t${VCI_SYSCALL}\nVCIKernel:\t${VCI_KERNEL}\n`;
      if (path.length === 1 && path[0] === 'status') {
        const all = kernel.vx.all();
        return `#CTotal:\t${all.length}\n#CActive:\t${all.filter((c) => kernel.vx.tasksIn(c.xid) > 0).length}\n`;
      }
      if (path.length !== 2) return undefined;
      const ctx = contextNamed(path[0], viewer);
      const file = files[path[1] as keyof typeof files];
      return ctx && file ? file(ctx) : undefined;
    },
  };
}

/** /proc/PID/vinfo. */
export function vinfoFile(kernel: Kernel, task: Task): string {
  const ctx = kernel.vx.get(task.xid);
  return `XID:\t${task.xid}\nBCaps:\t${hex16(ctx?.bcaps ?? task.cred.caps)}\nCCaps:\t${hex16(ctx?.ccaps ?? 0n)}\nCFlags:\t${hex16(ctx?.flags ?? 0n)}\nCIPid:\t${ctx?.initpid ?? 0}\n`;
}

/**
 * What the VServer layer adds to /proc: virtual/, PID/vinfo, and a guest's view of uptime
 * (virt_uptime: time since the context was created) and memory (virt_mem: its RSS limit as
 * the total).
 */
export function vserverProcProviders(kernel: Kernel, hostMemory: () => MemoryView): Pick<ProcProviders, 'subtrees' | 'pidFiles' | 'uptimeMs' | 'memory'> {
  return {
    subtrees: { virtual: virtualProcTree(kernel) },
    pidFiles: { vinfo: (task) => vinfoFile(kernel, task) },
    uptimeMs: (viewer) => {
      const ctx = kernel.vx.get(viewer.xid);
      const now = kernel.clock.uptimeMs;
      return ctx?.hasFlag(VXF.virt_uptime) ? now - ctx.createdMs : now;
    },
    memory: (viewer) => {
      const host = hostMemory();
      const ctx = kernel.vx.get(viewer.xid);
      if (!ctx?.hasFlag(VXF.virt_mem)) return host;
      const rss = ctx.limit('rss');
      const limitPages = Math.min(rss.soft, rss.hard);
      if (limitPages === Infinity) return host;
      const totalKb = Math.min(host.totalKb, limitPages * 4);
      const usedKb = contextUsage(kernel, ctx.xid).rssPages * 4;
      return { totalKb, freeKb: Math.max(0, totalKb - usedKb), swapTotalKb: host.swapTotalKb, swapFreeKb: host.swapFreeKb };
    },
  };
}

export interface MemoryView {
  totalKb: number;
  freeKb: number;
  swapTotalKb: number;
  swapFreeKb: number;
}
