/** chcontext, chbind, vattribute and vuname end to end on the seed host (reference §2–4, §7). */
import { describe, expect, it } from 'vitest';
import { bootTestWorld } from '../support/world.js';

/** A process that keeps context 33 alive: the test world's settle() jumps over any timer, so not sleep. */
const KEEP_33 = 'chcontext --silent --xid 33 nc -l -p 5033 &';
const KEEP_33_SECURE = 'chcontext --silent --secure --xid 33 nc -l -p 5033 &';

describe('context tools', () => {
  it('chcontext --secure: the guest root loses mount, mknod, setting the time and raw sockets; --hostname names the guest', async () => {
    const w = await bootTestWorld();
    const r = await w.run(
      'chcontext --hostname vs --secure --xid 33 /bin/sh -c "hostname; mount -t tmpfs none /mnt; mknod /tmp/d c 1 3; date -s 2006-06-01; ping -c 1 192.168.1.1; grep CapEff /proc/self/status"',
    );
    expect(r.stdout).toBe('Host name is now vs\nNew security context is 33\nvs\nThu Jun  1 00:00:00 CEST 2006\nCapEff:\t00000003344c04ff\n');
    expect(r.stderr).toBe('mount: permission denied\nmknod: `/tmp/d\': Operation not permitted\ndate: cannot set date: Operation not permitted\nping: icmp open socket: Operation not permitted\n');
    expect((await w.run('hostname')).stdout).toBe('scivm-xm4.unilim.fr\n');
  });

  it('vattribute --ccap raw_icmp gives ping back to a guest without CAP_NET_RAW (the seed)', async () => {
    const w = await bootTestWorld();
    await w.run(KEEP_33_SECURE);
    await w.run('vattribute --set --xid 33 --bcap ~net_raw');
    expect((await w.run('vattribute --get --xid 33')).stdout).toBe(
      'bcapabilities:\nCHOWN,DAC_OVERRIDE,DAC_READ_SEARCH,FOWNER,FSETID,KILL,SETGID,SETUID,NET_BIND_SERVICE,SYS_CHROOT,SYS_PTRACE,SYS_BOOT,SYS_TTY_CONFIG,LEASE,AUDIT_WRITE,MAC_OVERRIDE,MAC_ADMIN,' +
        Array.from({ length: 30 }, (_, i) => `^${34 + i}`).join(',') +
        '\nccapabilities:\n\nflags:\nstate_init\n',
    );
    expect((await w.run('chcontext --silent --xid 33 ping -c 1 192.168.1.1')).stderr).toBe('ping: icmp open socket: Operation not permitted\n');
    expect((await w.run('vattribute --set --xid 33 --ccap raw_icmp')).status).toBe(0);
    const ping = await w.run('chcontext --silent --xid 33 ping -c 1 192.168.1.1');
    expect(ping.stdout).toContain('1 packets transmitted, 1 received, 0% packet loss');
    expect((await w.run('vattribute --get --xid 33')).stdout).toContain('\nccapabilities:\nraw_icmp\n');
  });

  it('vattribute errors: unknown names, a missing context, inside a guest', async () => {
    const w = await bootTestWorld();
    expect(await w.run('vattribute --set --xid 33 --flag bogus')).toEqual({ stdout: '', stderr: "Unknown flag 'bogus'\n", status: 1 });
    expect((await w.run('vattribute --set --xid 33 --bcap nosuch')).stderr).toBe("Unknown bcap 'nosuch'\n");
    expect(await w.run('vattribute --get --xid 33')).toEqual({ stdout: '', stderr: 'vattribute: vc_get_ccaps(): No such process\n', status: 1 });
    const inside = await w.run('chcontext --silent --secure --xid 34 vattribute --set --ccap raw_icmp');
    expect(inside).toEqual({ stdout: '', stderr: 'vattribute: vc_set_ccaps(): Operation not permitted\n', status: 1 });
  });

  it('vuname: the seed sets a guest node name; tags match by prefix; errors', async () => {
    const w = await bootTestWorld();
    await w.run(KEEP_33);
    expect((await w.run('vuname --xid 33 -s -t NODENAME=marseille.jres.org')).status).toBe(0);
    expect((await w.run('vuname --xid 33 -g n d; chcontext --silent --xid 33 uname -n; hostname')).stdout).toBe('marseille.jres.org (none)\nmarseille.jres.org\nscivm-xm4.unilim.fr\n');
    // The slide's en dash is not an option: getopt stops there and takes it for a tag.
    expect(await w.run('vuname --xid 33 –s -t NODENAME=x')).toEqual({ stdout: '', stderr: "Tag '–s' not recognized\n", status: 255 });
    expect((await w.run('vuname -g nodename')).stderr).toBe("No context specified; try '--help' for more information\n");
    expect((await w.run('vuname --xid 33 -s -t bogus=1')).stderr).toBe("Tag 'bogus' not recognized\n");
  });

  it('chbind: several addresses, a bind outside the list fails, errors', async () => {
    const w = await bootTestWorld();
    await w.run('ip addr add 10.0.0.1 label eth0:XX dev eth0; ip addr add 10.0.0.2 label eth0:YY dev eth0');
    const r = await w.run('chbind --ip 10.0.0.1 --ip 10.0.0.2/8 sh -c "cat /proc/self/ninfo; nc -l -s 192.168.1.128 -p 8080"');
    expect(r.stdout).toBe('ipv4root is now 10.0.0.1 10.0.0.2\nNID:\t49152\nNCaps:\t0000000000000000\nNFlags:\t0000000000000000\nV4Root[0]:\t10.0.0.1/255.255.255.0\nV4Root[1]:\t10.0.0.2/255.0.0.0\nV4Root[bcast]:\t255.255.255.255\n');
    expect(r.stderr).toMatch(/Cannot assign requested address/);
    expect(await w.run('chbind --ip 10.0.0.999 true')).toEqual({ stdout: '', stderr: "Invalid IP number or host name '10.0.0.999'\n", status: 255 });
    expect((await w.run('chbind --ip 10.0.0.1')).stderr).toBe("No command given; try '--help' for more information\n");
    const many = Array.from({ length: 17 }, (_, i) => `--ip 10.0.1.${i + 1}`).join(' ');
    expect((await w.run(`chbind ${many} true`)).stderr).toBe('Too many IP numbers, max 16\n');
    expect((await w.run('chbind --ip 10.0.0.1 chbind --ip 10.0.0.2 true')).stderr).toBe('chbind: vc_set_ipv4root(): Operation not permitted\n');
  });

  it('vlimit: set hard and soft limits, -a columns, the guest then hits its process limit', async () => {
    const w = await bootTestWorld();
    await w.run(KEEP_33);
    const r = await w.run('vlimit --xid 33 --nproc 3 -S --as 64M -a | head -5');
    expect(r.stdout).toBe(
      'RSS         N/A                 inf                 inf\n' +
        'NPROC       N/A                 inf                 0x3\n' +
        'NOFILE      N/A                 inf                 inf\n' +
        'MEMLOCK     N/A                 inf                 inf\n' +
        'AS          N/A                 0x4000000           inf\n',
    );
    expect((await w.run('vlimit --xid 33 -d -a | grep NPROC')).stdout).toBe('NPROC       N/A                 inf                 3\n');
    const fork = await w.run('chcontext --silent --xid 33 sh -c "true & true & true & wait"');
    expect(fork.stderr).toContain('fork: retry: Resource temporarily unavailable');
    expect((await w.run('cat /proc/virtual/33/limit')).stdout).toMatch(/^PROC:\t +\d+\/3\n/);
    expect(await w.run('vlimit --xid 33 --nproc abc')).toEqual({ stdout: '', stderr: "Can not parse limit 'abc'\n", status: 255 });
  });

  it('vkill signals a whole guest; its errors', async () => {
    const w = await bootTestWorld();
    await w.run(KEEP_33);
    expect((await w.run('cat /proc/virtual/status')).stdout).toBe('#CTotal:\t1\n#CActive:\t1\n');
    expect(await w.run('vkill --xid 33 -s KILL')).toEqual({ stdout: '', stderr: '', status: 0 });
    expect((await w.run('cat /proc/virtual/status')).stdout).toBe('#CTotal:\t0\n#CActive:\t0\n');
    expect(await w.run('vkill')).toEqual({ stdout: '', stderr: 'No pid specified\n', status: 1 });
    expect((await w.run('vkill -s FOO 1')).stderr).toBe('Invalid signal specified\n');
    expect((await w.run('vkill 99999')).stderr).toBe('vkill: vc_ctx_kill(): No such process\n');
    expect((await w.run('vkill --xid 33 x')).stderr).toBe("vkill: 'x' is not a number\n");
  });

  it('vsched sets the bucket shown in /proc/virtual/N/sched; its errors', async () => {
    const w = await bootTestWorld();
    await w.run(KEEP_33);
    expect((await w.run('vsched --xid 33 --fill-rate 2 --interval 8 --tokens 100 --tokens-min 10 --tokens-max 200; cat /proc/virtual/33/sched')).stdout).toBe(
      'Ticks:\t               0\nToken:\t\t     100\nFillRate:\t       2\nInterval:\t       8\nTokensMin:\t      10\nTokensMax:\t     200\n',
    );
    expect((await w.run('vsched --xid 33 --fill-rate x')).stderr).toBe("vsched: non-integer value specified for '--fill_rate'\n");
    expect((await w.run('vsched --fill-rate 1')).stderr).toBe("Without a program, '--xid' must be used; try '--help' for more information\n");
    expect((await w.run('vsched --xid 33 --interval 0')).stderr).toBe('vc_set_sched(): Invalid argument\n');
  });

  it('vcontext --create / --migrate (era C) and its errors', async () => {
    const w = await bootTestWorld();
    expect(await w.run('vcontext --create --xid 42 -- cat /proc/self/vinfo')).toEqual({
      stdout: 'New security context is 42\nXID:\t42\nBCaps:\tfffffffffffffeff\nCCaps:\t0000000000000000\nCFlags:\t0000000700000000\nCIPid:\t0\n',
      stderr: '',
      status: 0,
    });
    await w.run('vcontext --create --silent --xid 43 -- nc -l -p 5043 &');
    expect(await w.run('vcontext --create --xid 43 true')).toEqual({ stdout: '', stderr: 'vcontext: vc_ctx_create(): Device or resource busy\n', status: 254 });
    expect((await w.run('vcontext --migrate --xid 43 -- sh -c "cat /proc/self/status | grep VxID"')).stdout).toBe('VxID:\t43\n');
    expect((await w.run('vcontext --migrate --xid 44 true')).stderr).toBe('vcontext: vc_ctx_migrate(): No such process\n');
    expect((await w.run('vcontext true')).stderr).toBe("Neither '--create' nor '--migrate' specified; try '--help' for more information\n");
    expect((await w.run('vcontext --create --migrate true')).stderr).toBe("Can not specify '--create' and '--migrate' at the same time; try '--help' for more information\n");
    expect((await w.run('vcontext --create --initpid true')).stderr).toBe("'--initpid' is possible in combination with '--migrate' only\n");
    expect((await w.run('vcontext --migrate true')).stderr).toBe('vcontext: Can not migrate to an unknown context\n');
    expect((await w.run('vcontext --create --uid x true')).stderr).toBe("vcontext: Uid 'x' is not a number\n");
  });
});
