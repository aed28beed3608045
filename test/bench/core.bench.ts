/**
 * The emulated host's speed and size, each beside the real thing measured in the same run:
 * a 1,000-line mixed script in the emulated bash vs real bash; booting the default world;
 * the default world's memory.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootEmulatedWorld } from '../../core/world/boot.js';
import { nodeHooks, bootTestWorld } from '../support/world.js';
import type { BenchFigure } from './types.js';
import { O_CREAT, O_WRONLY } from '../../core/kernel/file.js';
import { HOST_ROOT } from '../../core/kernel/vfs/cred.js';
import type { VfsMachineFs } from '../../core/world/machine-fs.js';

/** A script of builtins, arithmetic, expansions, functions, pipes and subshells: 1,000 lines. */
export function mixedScript(lines = 1000): string {
  const body = [
    'x=$((x + 1))',
    'name="item-$x"',
    'echo "${name%-*} ${#name}" > /dev/null',
    'case $name in item-*) y=1 ;; *) y=0 ;; esac',
    'if [ "$y" -eq 1 ]; then z=ok; else z=ko; fi',
    'f() { local a=$1; echo $((a * 2)); }',
    'v=$(f $x)',
    'echo "$v" | read w',
    'for i in 1 2 3; do s=$((s + i)); done',
    '( echo sub > /dev/null )',
  ];
  const out = ['x=0; s=0'];
  while (out.length < lines) out.push(body[out.length % body.length]!);
  return out.join('\n') + '\necho "$x $s"\n';
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export async function run(): Promise<BenchFigure[]> {
  const figures: BenchFigure[] = [];
  const script = mixedScript();
  const commands = script.split('\n').filter(Boolean).length;

  // Real bash on this machine, same script.
  const dir = mkdtempSync(join(tmpdir(), 'vlab-bench-'));
  const file = join(dir, 'mixed.sh');
  writeFileSync(file, script);
  const realTimes: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    spawnSync('bash', [file], { encoding: 'utf8' });
    realTimes.push(performance.now() - t0);
  }
  rmSync(dir, { recursive: true, force: true });

  const w = await bootTestWorld();
  // Put the script in place through the filesystem (independent of the programs under test).
  const vfs = (w.machine.fs as VfsMachineFs).vfs;
  const created = vfs.open(vfs.hostContext((w.machine.fs as VfsMachineFs).rootNamespace), '/tmp/mixed.sh', O_WRONLY | O_CREAT, 0o644);
  vfs.write(created.inode, 0, script, HOST_ROOT);
  const emuTimes: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const r = await w.run(`. /tmp/mixed.sh`);
    emuTimes.push(performance.now() - t0);
    if (r.status !== 0 || r.stderr !== '') throw new Error(`mixed script failed: ${r.stderr.slice(0, 200)}`);
  }
  const real = (median(realTimes) * 1000) / commands;
  const emu = (median(emuTimes) * 1000) / commands;
  figures.push({ name: 'mixed script, per command', value: emu, unit: 'µs', anchor: { name: 'real bash', value: real }, target: '≥ 10× faster than real', met: emu * 10 <= real });

  // Boot time of the default world (until every boot task waits).
  const boots: number[] = [];
  for (let i = 0; i < 13; i++) {
    const t0 = performance.now();
    const world = bootEmulatedWorld('vserver-host', nodeHooks);
    await world.settle();
    if (i >= 3) boots.push(performance.now() - t0); // the first boots warm the JIT up
  }
  figures.push({ name: 'world boot (vserver-host)', value: median(boots), unit: 'ms', target: '≤ 20 ms', met: median(boots) <= 20 });

  // Memory of one default world: heap growth over 20 worlds, divided.
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage().heapUsed;
  const keep = [];
  for (let i = 0; i < 20; i++) {
    const world = bootEmulatedWorld('vserver-host', nodeHooks);
    await world.settle();
    keep.push(world);
  }
  gc?.();
  const perWorld = (process.memoryUsage().heapUsed - before) / 20 / 1024 / 1024;
  figures.push({ name: 'memory of the default world', value: perWorld, unit: 'MB', target: '≤ 30 MB', met: perWorld <= 30 });
  keep.length = 0;
  return figures;
}
