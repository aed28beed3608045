/** The seed's "Limites" slide, each observable in a running guest with the real error. */
import { describe, expect, it } from 'vitest';
import { bootTestWorld } from '../support/world.js';

describe('what a guest cannot do', () => {
  it('no loopback of its own, no routing table of its own, no in-kernel NFS', async () => {
    const w = await bootTestWorld();
    await w.run('vserver vs build -m apt-rpm --context 33 --hostname vs.jres.org --interface vs=eth0:10.1.1.2 -- -d rhel4 > /dev/null 2>&1; vserver vs start > /dev/null 2>&1');
    expect(await w.run('vserver vs exec ip addr show lo')).toEqual({ stdout: '', stderr: 'Device "lo" does not exist.\n', status: 255 });
    // 127.0.0.1 is the guest's own address: the answer comes from it.
    expect((await w.run('vserver vs exec ping -c1 127.0.0.1')).stdout).toContain('64 bytes from 10.1.1.2: icmp_seq=0');
    // The guest sees the host's routes and cannot change them.
    expect((await w.run('vserver vs exec route -n')).stdout).toBe((await w.run('route -n')).stdout);
    expect(await w.run('vserver vs exec ip route add 10.9.0.0/16 via 192.168.1.1')).toEqual({ stdout: '', stderr: 'RTNETLINK answers: Operation not permitted\n', status: 2 });
    expect((await w.run('vserver vs exec mount -t nfs 192.168.1.1:/export /mnt')).stderr).toBe('mount: permission denied\n');
  });
});
