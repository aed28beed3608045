/** vnamespace's operations and errors (util-vserver 0.30, reference §9.8). */
import { describe, expect, it } from 'vitest';
import { bootTestWorld } from '../support/world.js';

describe('vnamespace', () => {
  it('--new runs the program in a private copy of the namespace: its mounts stay there', async () => {
    const w = await bootTestWorld();
    const r = await w.run('vnamespace --new -- sh -c "mount -t tmpfs none /mnt && touch /mnt/x && ls /mnt"; ls /mnt; grep -c mnt /proc/mounts');
    expect(r).toEqual({ stdout: 'x\n0\n', stderr: '', status: 1 });
  });

  it('usage errors: no operation, several, no command, an unknown option, a missing context', async () => {
    const w = await bootTestWorld();
    expect(await w.run('vnamespace')).toEqual({ stdout: '', stderr: "No operation was specified; try '--help' for more information\n", status: 255 });
    expect((await w.run('vnamespace -n -s true')).stderr).toBe("Can not specify multiple operations; try '--help' for more information\n");
    expect(await w.run('vnamespace --enter 33')).toEqual({ stdout: '', stderr: "No command specified; try '--help' for more information\n", status: 255 });
    expect(await w.run('vnamespace -x')).toEqual({ stdout: '', stderr: "vnamespace: invalid option -- x\nTry 'vnamespace --help' for more information.\n", status: 255 });
    expect(await w.run('vnamespace --enter 33 true')).toEqual({ stdout: '', stderr: 'vnamespace: vc_enter_namespace(): No such process\n', status: 255 });
    expect((await w.run('vnamespace --enter nosuchguest true')).stderr).toBe('vc_xidopt2xid("nosuchguest"): No such process\n');
    expect((await w.run('vnamespace --new -- nosuchprogram')).stderr).toBe('vnamespace: execvp("nosuchprogram"): No such file or directory\n');
    expect((await w.run('vnamespace --help')).stdout).toMatch(/^Usage: vnamespace <operation> \[--\] \[<program> <args>\*\]\n/);
  });
});
