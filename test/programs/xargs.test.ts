import { describe, expect, it } from 'vitest';
import { bootTestWorld } from '../support/world.js';

describe('xargs on the emulated host', () => {
  it('batches arguments, replaces strings, and reports a missing command with 127', async () => {
    const w = await bootTestWorld();
    expect(await w.run('echo a b c d e | xargs -n 2 echo X')).toEqual({ stdout: 'X a b\nX c d\nX e\n', stderr: '', status: 0 });
    expect((await w.run('printf "x\\ny\\n" | xargs -I{} echo [{}]')).stdout).toBe('[x]\n[y]\n');
    expect(await w.run('echo x | xargs nosuch')).toEqual({ stdout: '', stderr: 'xargs: nosuch: No such file or directory\n', status: 127 });
    expect((await w.run('echo x | xargs false')).status).toBe(123);
    expect((await w.run('true | xargs -r echo never')).stdout).toBe('');
  });
});
