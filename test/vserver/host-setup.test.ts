/**
 * The seed's host set-up slide: host services must not bind ANY (0.0.0.0), or they take their
 * port from every guest. The default host is set up that way; undoing it shows why.
 */
import { describe, expect, it } from 'vitest';
import { bootTestWorld } from '../support/world.js';

describe('host services and guests', () => {
  it('the set-up host binds its own address, so a guest can run its own sshd', async () => {
    const w = await bootTestWorld();
    expect((await w.run('netstat -tln | grep :22')).stdout).toBe('tcp        0      0 192.168.1.128:22        0.0.0.0:*               LISTEN      \n');
    await w.run('vserver vs build -m apt-rpm --context 33 --hostname vs.jres.org --interface vs=eth0:10.1.1.2 -- -d rhel4 > /dev/null 2>&1');
    const start = await w.run('vserver vs start');
    expect(start.stdout).toContain('Starting sshd:[  OK  ]');
    expect(start.stderr).not.toContain('WARNING');
    expect((await w.run('vserver vs exec netstat -tln | grep :22')).stdout).toBe('tcp        0      0 0.0.0.0:22              0.0.0.0:*               LISTEN      \n');
  });

  it('with the host sshd on 0.0.0.0, a guest sshd cannot bind port 22 and its start fails', async () => {
    const w = await bootTestWorld();
    await w.run('sed -i "s/^ListenAddress .*/#ListenAddress 0.0.0.0/" /etc/ssh/sshd_config; service sshd restart > /dev/null');
    expect((await w.run('netstat -tln | grep :22')).stdout).toBe('tcp        0      0 0.0.0.0:22              0.0.0.0:*               LISTEN      \n');
    await w.run('ip addr add 10.1.1.2 dev eth0');
    expect(await w.run('chbind --silent --ip 10.1.1.2 /usr/sbin/sshd')).toEqual({ stdout: '', stderr: 'Bind to port 22 on 0.0.0.0 failed: Address already in use.\nCannot bind any address.\n', status: 255 });
    await w.run('vserver vs build -m apt-rpm --context 33 --hostname vs.jres.org --interface vs=eth0:10.1.1.3 -- -d rhel4 > /dev/null 2>&1');
    const start = await w.run('vserver vs start');
    expect(start.stdout).toContain('Starting sshd:[FAILED]');
    expect(start.stderr).toContain('Bind to port 22 on 0.0.0.0 failed: Address already in use.\nCannot bind any address.\n');
    expect(start.stderr.split('\n')[0]).toBe("WARNING: host service 'sshd' listens on 0.0.0.0:22; guests cannot use port 22");
  });
});
