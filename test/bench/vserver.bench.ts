/**
 * Linux-VServer at scale: `vserver-stat` and `vps ax` over 1,000 running guests holding 20,000
 * processes (target ≤ 50 ms each), and entering a context, beside real `unshare` + `chroot`
 * (see host.bench.ts for the latter). The guests are made through the kernel's own calls (fork,
 * then vc_ctx_create / migrate), which keeps the set-up fast.
 */
import type { Process } from '../../core/kernel/process.js';
import { VXF } from '../../core/kernel/vserver/bits.js';
import { idleForever } from '../../core/programs/daemons/daemons.js';
import { bootTestWorld, type TestWorld } from '../support/world.js';
import type { BenchFigure } from './types.js';

const GUESTS = 1000;
const PER_GUEST = 20;

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function timeCommand(w: TestWorld, command: string, runs = 3): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const t0 = performance.now();
    const r = await w.run(command);
    if (i > 0) times.push(performance.now() - t0);
    if (r.status !== 0) throw new Error(`${command} failed: ${r.stderr.slice(0, 200)}`);
  }
  return median(times);
}

export async function run(): Promise<BenchFigure[]> {
  const w = await bootTestWorld();
  const kernel = w.machine.kernel;
  Object.assign(kernel, { limits: { ...kernel.limits, maxTasks: GUESTS * PER_GUEST + 1000 } });
  const init = w.machine.initProcess;
  for (let g = 0; g < GUESTS; g++) {
    const xid = 100 + g;
    for (let i = 0; i < PER_GUEST; i++) {
      init.fork(async (p: Process) => {
        if (i === 0) p.vx.create(xid, VXF.state_admin);
        else p.vx.migrate(xid);
        p.task.comm = i === 0 ? 'init' : 'httpd';
        p.task.argv = [p.task.comm];
        p.task.vszKb = 4000;
        p.task.rssKb = 1200;
        return idleForever(p);
      });
      // Let the guest's first process create the context before the others join it.
      if (i === 0) await new Promise((r) => setImmediate(r));
    }
  }
  await w.settle();
  const count = (await w.run('vserver-stat | wc -l')).stdout.trim();
  if (Number(count) < GUESTS + 2) throw new Error(`vserver-stat shows ${count} lines for ${GUESTS} guests`);
  const stat = await timeCommand(w, 'vserver-stat > /dev/null');
  const vps = await timeCommand(w, 'vps ax > /dev/null');
  return [
    { name: `vserver-stat, ${GUESTS} guests / ${GUESTS * PER_GUEST} processes`, value: stat, unit: 'ms', target: '≤ 50 ms', met: stat <= 50 },
    { name: `vps ax, ${GUESTS} guests / ${GUESTS * PER_GUEST} processes`, value: vps, unit: 'ms', target: '≤ 50 ms', met: vps <= 50 },
  ];
}
