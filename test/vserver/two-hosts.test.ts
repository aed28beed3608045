/**
 * The `two-vserver-hosts` world: the seed's host and a second one on the same LAN, for the
 * lecture's "restart its VServers from another host". A guest tree is copied over the network
 * with the tools of the era (tar through nc) and is identical on the other side.
 */
import { describe, expect, it } from 'vitest';
import { bootTestWorld } from '../support/world.js';

describe('two VServer hosts on one LAN', () => {
  it('each host has its own name, address and filesystem, and they reach each other', async () => {
    const w = await bootTestWorld('two-vserver-hosts');
    expect(w.world.info.machines).toEqual(['scivm-xm4', 'scivm-xm5']);
    expect((await w.run('hostname; ip addr show eth0 | grep "inet "')).stdout).toBe('scivm-xm4.unilim.fr\n    inet 192.168.1.128/24 brd 192.168.1.255 scope global eth0\n');
    expect((await w.run('hostname; ip addr show eth0 | grep "inet "', { machine: 'scivm-xm5' })).stdout).toBe(
      'scivm-xm5.unilim.fr\n    inet 192.168.1.129/24 brd 192.168.1.255 scope global eth0\n',
    );
    const ping = await w.run('ping -c 1 scivm-xm5 | head -2');
    expect(ping.stdout).toMatch(/^PING scivm-xm5\.unilim\.fr \(192\.168\.1\.129\) 56\(84\) bytes of data\.\n64 bytes from scivm-xm5\.unilim\.fr \(192\.168\.1\.129\): icmp_seq=0 ttl=64 time=/);
    await w.run('echo only-here > /root/mark');
    expect((await w.run('cat /root/mark', { machine: 'scivm-xm5' })).stderr).toBe('cat: /root/mark: No such file or directory\n');
  });

  it('a guest tree copied with tar over nc arrives whole on the other host', async () => {
    const w = await bootTestWorld('two-vserver-hosts');
    const other = { machine: 'scivm-xm5' };
    await w.run('mkdir -p /vservers/vs/etc /vservers/vs/var/www && echo vs.jres.org > /vservers/vs/etc/hostname && echo "<h1>vs</h1>" > /vservers/vs/var/www/index.html');
    expect((await w.run('cd /vservers && nc -l -p 9000 | tar xf - &', other)).status).toBe(0);
    const send = await w.run('cd /vservers && tar cf - vs | nc -w 2 192.168.1.129 9000; echo $?');
    expect(send.stdout).toBe('0\n');
    const there = await w.run('find /vservers/vs | sort; cat /vservers/vs/var/www/index.html', other);
    expect(there.stdout).toBe('/vservers/vs\n/vservers/vs/etc\n/vservers/vs/etc/hostname\n/vservers/vs/var\n/vservers/vs/var/www\n/vservers/vs/var/www/index.html\n<h1>vs</h1>\n');
  });
});
