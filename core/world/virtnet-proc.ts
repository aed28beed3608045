/**
 * /proc/virtnet (one directory per network context) and /proc/PID/ninfo, in the vs2.0 format
 * (reference/linux-vserver.md §5.4). The host sees every network context, a guest its own.
 */
import type { ProcSubtree } from '../kernel/procfs/content.js';
import type { Task } from '../kernel/task.js';
import { hex16 } from '../kernel/vserver/bits.js';
import { formatIp4, type NetContext, type NetStack } from '../net/index.js';

function infoText(ctx: NetContext): string {
  const lines = ctx.addresses.map((a, i) => `${i}:\t${formatIp4(a.ip)}/${formatIp4(a.mask)}\n`);
  return `ID:\t${ctx.nid}\nInfo:\t${(0xc1b40000 + ctx.nid * 0x100).toString(16)}\n${lines.join('')}`;
}

export function virtnetProcTree(stack: () => NetStack, contextOf: (viewer: Task) => NetContext | undefined): ProcSubtree {
  const visible = (viewer: Task): NetContext[] => {
    const own = contextOf(viewer);
    const all = [...stack().contexts.values()].sort((a, b) => a.nid - b.nid);
    return own && viewer.xid !== 1 ? all.filter((c) => c === own) : all;
  };
  const named = (name: string | undefined, viewer: Task) => (name && /^\d+$/.test(name) ? visible(viewer).find((c) => c.nid === Number(name)) : undefined);
  return {
    list(path, viewer) {
      if (path.length === 0) return ['info', 'status', ...visible(viewer).map((c) => String(c.nid))];
      if (path.length === 1 && named(path[0], viewer)) return ['info', 'status'];
      return undefined;
    },
    read(path, viewer) {
      if (path.length === 1 && path[0] === 'info') return 'VCIVersion:\t0002:0000\nVCISyscall:\t273\nVCIKernel:\t00000003\n';
      if (path.length === 1 && path[0] === 'status') {
        const n = stack().contexts.size;
        return `#CTotal:\t${n}\n#CActive:\t${n}\n`;
      }
      const ctx = path.length === 2 ? named(path[0], viewer) : undefined;
      if (!ctx) return undefined;
      if (path[1] === 'info') return infoText(ctx);
      if (path[1] === 'status') return `UseCnt:\t2\nTasks:\t1\nFlags:\t${hex16(ctx.flagBits())}\nNCaps:\t${hex16(ctx.ncapBits())}\n`;
      return undefined;
    },
  };
}

/** /proc/PID/ninfo (vs2.0 layout). */
export function ninfoFile(ctx: NetContext | undefined, nid: number): string {
  const head = `NID:\t${nid}\nNCaps:\t${hex16(ctx?.ncapBits() ?? 0n)}\nNFlags:\t${hex16(ctx?.flagBits() ?? 0n)}\n`;
  if (!ctx) return head;
  return head + ctx.addresses.map((a, i) => `V4Root[${i}]:\t${formatIp4(a.ip)}/${formatIp4(a.mask)}\n`).join('') + `V4Root[bcast]:\t${formatIp4(ctx.broadcast)}\n`;
}
