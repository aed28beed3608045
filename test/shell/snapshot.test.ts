// Whole-world snapshot and restore: files, processes, time and host name come back exactly.
import { describe, expect, it } from 'vitest';
import { bootTestWorld } from '../support/world.js';

describe('world snapshot and restore', () => {
  it('puts files, the process table, the clock and the host name back', async () => {
    const w = await bootTestWorld();
    await w.run('echo before > /tmp/state; echo kept > /tmp/kept');
    const pidsBefore = [...w.machine.kernel.tasks.keys()].sort((a, b) => a - b);
    const clockBefore = w.world.clock.uptimeMs;
    const snap = w.world.snapshot();

    await w.run('echo after > /tmp/state; echo new > /tmp/new');
    w.machine.hostname = 'changed.example';
    w.world.advanceTime(60_000);
    w.world.restore(snap);
    await w.settle();

    const r = await w.run('read x < /tmp/state; echo $x; [ -f /tmp/kept ] && echo kept; [ -e /tmp/new ] || echo no-new');
    expect(r.stdout).toBe('before\nkept\nno-new\n');
    expect(w.machine.hostname).toBe('scivm-xm4.unilim.fr');
    const pidsAfter = [...w.machine.kernel.tasks.keys()].sort((a, b) => a - b);
    expect(pidsAfter).toEqual(pidsBefore);
    expect(w.machine.kernel.tasks.get(1)?.comm).toBe('init');
    expect(w.world.clock.uptimeMs).toBeLessThan(clockBefore + 60_000);
  });

  it('gives an open terminal a fresh shell that works', async () => {
    const w = await bootTestWorld();
    const t = await w.terminal();
    const snap = w.world.snapshot();
    await t.type('cd /tmp\r');
    w.world.restore(snap);
    await w.settle();
    t.take();
    await t.type('echo $PWD\r');
    expect(t.take()).toContain('echo $PWD\r\n/root\r\n');
  });
});
