/**
 * The emulated host under load, each beside the real thing on this machine in the same run:
 *  - `ps aux` with 10,000 processes (real: 10,000 `sleep` processes spawned for the occasion);
 *  - `find / | wc -l` over 100,000 inodes (real: a tree of the same shape under /tmp);
 *  - entering an isolated context (`chcontext --xid N true`) beside `unshare` + `chroot` + `true`;
 *  - snapshot + restore of the default world.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findProgram } from '../../core/programs/registry.js';
import { idleForever } from '../../core/programs/daemons/daemons.js';
import type { Process } from '../../core/kernel/process.js';
import type { VfsMachineFs } from '../../core/world/machine-fs.js';
import { bootEmulatedWorld } from '../../core/world/boot.js';
import { bootTestWorld, nodeHooks, type TestWorld } from '../support/world.js';
import type { BenchFigure } from './types.js';

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Wall time of a real shell command, median of `runs`. */
function timeReal(command: string, runs = 5): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = spawnSync('bash', ['-c', command], { encoding: 'utf8' });
    times.push(performance.now() - t0);
    if (r.status !== 0) throw new Error(`real command failed: ${command}: ${r.stderr}`);
  }
  return median(times);
}

/** Wall time of an emulated command line (bash -c in the world), median of `runs`. */
async function timeEmulated(w: TestWorld, command: string, runs = 5): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs + 1; i++) {
    const t0 = performance.now();
    const r = await w.run(command);
    if (i > 0) times.push(performance.now() - t0); // the first run warms the JIT up
    if (r.status !== 0) throw new Error(`emulated command failed: ${command}: ${r.stderr.slice(0, 200)}`);
  }
  return median(times);
}

const FACTOR = 10;
const faster = (name: string, emu: number, anchorName: string, real: number): BenchFigure => ({
  name,
  value: emu,
  unit: 'ms',
  anchor: { name: anchorName, value: real },
  target: `≥ ${FACTOR}× faster than real`,
  met: emu * FACTOR <= real,
});

async function psWithManyProcesses(): Promise<BenchFigure> {
  const count = 10_000;
  // Real: 10,000 sleeping processes of our own.
  const sleepers: ChildProcess[] = [];
  for (let i = 0; i < count; i++) sleepers.push(spawn('sleep', ['600'], { stdio: 'ignore' }));
  await new Promise((r) => setTimeout(r, 500));
  const real = timeReal('ps aux > /dev/null');
  for (const s of sleepers) s.kill('SIGKILL');

  // Emulated: 10,000 sleeping children of init.
  const w = await bootTestWorld();
  // A kernel of its own limits (the default object is shared by every kernel).
  Object.assign(w.machine.kernel, { limits: { ...w.machine.kernel.limits, maxTasks: 20_000 } });
  const init = w.machine.initProcess;
  for (let i = 0; i < count; i++) {
    init.fork(async (p: Process) => {
      p.task.comm = 'sleep';
      p.task.argv = ['sleep', '600'];
      return idleForever(p, 'hrtimer_nanosleep');
    });
  }
  await w.settle();
  const lines = (await w.run('ps aux | wc -l')).stdout.trim();
  if (Number(lines) < count) throw new Error(`ps aux shows ${lines} lines, expected more than ${count}`);
  const emu = await timeEmulated(w, 'ps aux > /dev/null', 3);
  return faster(`ps aux, ${count.toLocaleString('en')} processes`, emu, 'real ps aux', real);
}

async function findOverManyInodes(): Promise<BenchFigure> {
  const dirs = 1000;
  const filesPerDir = 99;
  // Real tree: 1,000 directories of 99 files (+ the directories) = 100,000 inodes.
  const root = mkdtempSync(join(tmpdir(), 'vlab-find-'));
  for (let d = 0; d < dirs; d++) {
    const dir = join(root, `d${d}`);
    mkdirSync(dir);
    for (let f = 0; f < filesPerDir; f++) writeFileSync(join(dir, `f${f}`), '');
  }
  const real = timeReal(`find ${root} | wc -l > /dev/null`, 3);
  rmSync(root, { recursive: true, force: true });

  // Emulated: the same tree under /srv/tree, built through the VFS directly.
  const w = await bootTestWorld();
  const mfs = w.machine.fs as VfsMachineFs;
  const vfs = mfs.vfs;
  const ctx = vfs.hostContext(mfs.rootNamespace);
  vfs.mkdir(ctx, '/srv/tree', 0o755);
  for (let d = 0; d < dirs; d++) {
    vfs.mkdir(ctx, `/srv/tree/d${d}`, 0o755);
    for (let f = 0; f < filesPerDir; f++) vfs.open(ctx, `/srv/tree/d${d}/f${f}`, 0o101 /* O_WRONLY|O_CREAT */, 0o644);
  }
  const emu = await timeEmulated(w, 'find /srv/tree | wc -l > /dev/null', 3);
  return faster('find | wc -l, 100,000 inodes', emu, 'real find', real);
}

async function contextEntry(): Promise<BenchFigure | undefined> {
  const probe = spawnSync('bash', ['-c', 'unshare -m -u -i -p -f chroot / true'], { encoding: 'utf8' });
  const real = probe.status === 0 ? timeReal('unshare -m -u -i -p -f chroot / true', 9) : undefined;
  if (!findProgram('chcontext')) return undefined;
  const w = await bootTestWorld();
  let xid = 100;
  const times: number[] = [];
  for (let i = 0; i < 10; i++) {
    const t0 = performance.now();
    const r = await w.run(`chcontext --silent --xid ${xid++} true`);
    if (i > 0) times.push(performance.now() - t0);
    if (r.status !== 0) throw new Error(`chcontext failed: ${r.stderr}`);
  }
  const emu = median(times);
  if (real === undefined) return { name: 'chcontext --xid N true', value: emu, unit: 'ms', target: 'real unshare not available here' };
  return faster('chcontext --xid N true', emu, 'unshare+chroot', real);
}

async function snapshotRestore(): Promise<BenchFigure> {
  const world = bootEmulatedWorld('vserver-host', nodeHooks);
  await world.settle();
  const times: number[] = [];
  for (let i = 0; i < 25; i++) {
    const t0 = performance.now();
    const snap = world.snapshot();
    world.restore(snap);
    if (i >= 5) times.push(performance.now() - t0);
  }
  const value = median(times);
  return { name: 'snapshot + restore of the default world', value, unit: 'ms', target: '≤ 5 ms', met: value <= 5 };
}

export async function run(): Promise<BenchFigure[]> {
  const figures: BenchFigure[] = [];
  figures.push(await snapshotRestore());
  figures.push(await findOverManyInodes());
  const entry = await contextEntry();
  if (entry) figures.push(entry);
  figures.push(await psWithManyProcesses());
  return figures;
}
