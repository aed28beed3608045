/** Guests built with the seed's apt-rpm command get RHEL 4's packages; vrpm queries them from the host (reference §8.4, §9.10). */
import { describe, expect, it } from 'vitest';
import { bootTestWorld } from '../support/world.js';

describe('guest packages and vrpm', () => {
  it('an apt-rpm guest holds the RHEL 4 base and the lecture server packages, a few hundred MB', async () => {
    const w = await bootTestWorld();
    expect((await w.run('vserver vs build -m apt-rpm --context 33 --hostname vs.jres.org -- -d rhel4 > /dev/null 2>&1')).status).toBe(0);
    const du = Number((await w.run('du -sm /vservers/vs | cut -f1')).stdout.trim());
    expect(du).toBeGreaterThan(200);
    expect(du).toBeLessThan(350);
    expect((await w.run('cat /vservers/vs/etc/redhat-release; ls -l /vservers/vs/usr/sbin/httpd | cut -c1-10')).stdout).toBe('Red Hat Enterprise Linux AS release 4 (Nahant Update 3)\n-rwxr-xr-x\n');
  });

  it('vrpm queries one guest plainly, several with a title line each, and reports failures', async () => {
    const w = await bootTestWorld();
    await w.run('for g in vs1 vs2; do vserver $g build -m apt-rpm --hostname $g -- -d rhel4 > /dev/null 2>&1; done');
    expect(await w.run('vrpm vs1 -- -q httpd')).toEqual({ stdout: 'httpd-2.0.52-22.ent\n', stderr: '', status: 0 });
    const two = await w.run('vrpm ALL -- -q nosuch');
    expect(two.stdout).toBe('vrpm: operating on vserver vs1\npackage nosuch is not installed\n\nvrpm: operating on vserver vs2\npackage nosuch is not installed\n\n');
    expect(two.stderr).toBe("vrpm failed on vserver 'vs1' with errorcode 1\nvrpm failed on vserver 'vs2' with errorcode 1\n");
    expect((await w.run('vrpm')).stderr).toBe('Usage: vrpm <vserver-name>* [--all] -- <params>+\n');
  });
});
