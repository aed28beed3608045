// Runaway programs never freeze the world: Ctrl-C stops loops, pipes end early, fork bombs hit limits.
import { describe, expect, it } from 'vitest';
import { bootTestWorld } from '../support/world.js';

describe('runaway programs', () => {
  it('Ctrl-C stops `while true; do :; done` and the prompt comes back', async () => {
    const w = await bootTestWorld();
    const t = await w.terminal();
    await t.type('while true; do :; done\r');
    t.take();
    await t.type('\x03');
    expect(t.take()).toMatch(/\^C\r\nroot@scivm-xm4:~# $/);
    await t.type('echo still here\r');
    expect(t.take()).toContain('still here');
  });

  it('`yes | head -n 3` ends', async () => {
    const w = await bootTestWorld();
    expect(await w.run('yes | head -n 3')).toEqual({ stdout: 'y\ny\ny\n', stderr: '', status: 0 });
  });

  it('a fork bomb hits the task limit with bash\'s message, and kill -9 -1 recovers', async () => {
    const w = await bootTestWorld();
    const t = await w.terminal();
    await t.type(':(){ :|:& };:\r');
    const during = t.take();
    expect(during).toContain('fork: retry: Resource temporarily unavailable');
    await t.type('kill -9 -1\r');
    await t.type('echo recovered\r');
    expect(t.take()).toContain('recovered');
    expect(w.machine.kernel.tasks.size).toBeLessThan(100);
  }, 120_000);
});
