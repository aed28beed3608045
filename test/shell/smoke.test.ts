import { describe, expect, it } from 'vitest';
import { bootTestWorld } from '../support/world.js';

describe('the emulated shell, end to end', () => {
  it('runs echo through bash -c', async () => {
    const w = await bootTestWorld();
    const r = await w.run('echo hello; echo $((6*7))');
    expect(r).toEqual({ stdout: 'hello\n42\n', stderr: '', status: 0 });
  });

  it('shows a prompt and runs typed commands on a terminal', async () => {
    const w = await bootTestWorld();
    const t = await w.terminal();
    expect(t.take()).toContain('root@scivm-xm4:~# ');
    await t.type('echo hi there\r');
    expect(t.take()).toBe('echo hi there\r\nhi there\r\nroot@scivm-xm4:~# ');
  });
});
