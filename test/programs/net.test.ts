// The network programs on the seed's host: ip, ifconfig, route, arp, ping, netstat, nc, over the
// world's network model (core/world/network-host.ts), with the lecture's transcript.
import { describe, expect, it } from 'vitest';
import { captureFile, stringFile } from '../../core/kernel/memory-file.js';
import { ip4 } from '../../core/net/index.js';
import { bootTestWorld, type RunResult, type TestWorld } from '../support/world.js';

const MAC = (w: TestWorld) => w.machine.net!.link('eth0')!.mac;

/** `bash -c command` as another user and/or in a network context (nid), outside any terminal. */
async function runAs(w: TestWorld, who: { uid?: number; nid?: number }, command: string, stdin = ''): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const m = w.machine;
  const pid = m.initProcess.fork(async (p) => {
    for (const fd of [0, 1, 2]) if (p.isOpen(fd)) p.close(fd);
    p.install(stringFile(stdin));
    p.install(captureFile((d) => (stdout += d)));
    p.install(captureFile((d) => (stderr += d)));
    if (who.uid !== undefined) p.task.cred = { uid: who.uid, gid: who.uid, euid: who.uid, egid: who.uid, groups: [who.uid], caps: 0n };
    if (who.nid !== undefined) p.task.nid = who.nid;
    p.fs.chdir('/tmp');
    return p.exec('/bin/bash', ['bash', '-c', command], { PATH: '/usr/local/sbin:/usr/local/bin:/sbin:/bin:/usr/sbin:/usr/bin', HOME: '/tmp' });
  });
  let status: number | undefined;
  void m.whenExits(pid).then((s) => (status = s));
  for (let i = 0; status === undefined && i < 1000; i++) await w.settle();
  return { stdout, stderr, status: status ?? -1 };
}

const IP_ADDR = (mac: string) =>
  '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 16436 qdisc noqueue \n' +
  '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n' +
  '    inet 127.0.0.1/8 scope host lo\n' +
  '2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc pfifo_fast qlen 1000\n' +
  `    link/ether ${mac} brd ff:ff:ff:ff:ff:ff\n` +
  '    inet 192.168.1.128/24 brd 192.168.1.255 scope global eth0\n';

describe('ip (iproute2 ss060323)', () => {
  it('ip addr on the seed host', async () => {
    const w = await bootTestWorld();
    const r = await w.run('ip addr');
    expect(r).toEqual({ stdout: IP_ADDR(MAC(w)), stderr: '', status: 0 });
    expect((await w.run('ip a s')).stdout).toBe(IP_ADDR(MAC(w)));
  });

  it('the seed: ip addr add 10.0.0.1 label eth0:XX dev eth0', async () => {
    const w = await bootTestWorld();
    expect(await w.run('ip addr add 10.0.0.1 label eth0:XX dev eth0')).toEqual({ stdout: '', stderr: '', status: 0 });
    const r = await w.run('ip addr');
    expect(r.stdout).toBe(`${IP_ADDR(MAC(w))}    inet 10.0.0.1/32 scope global eth0:XX\n`);
    expect(await w.run('ip addr add 10.0.0.1 label eth0:XX dev eth0')).toEqual({ stdout: '', stderr: 'RTNETLINK answers: File exists\n', status: 2 });
    // The alias is an interface for ifconfig.
    expect((await w.run('ifconfig eth0:XX')).stdout).toContain('eth0:XX   Link encap:Ethernet');
  });

  it('errors with iproute2 wording and statuses', async () => {
    const w = await bootTestWorld();
    expect(await w.run('ip addr add 10.0.0.2 dev eth9')).toEqual({ stdout: '', stderr: 'Cannot find device "eth9"\n', status: 255 });
    expect(await w.run('ip addr show dev eth9')).toEqual({ stdout: '', stderr: 'Device "eth9" does not exist.\n', status: 255 });
    expect(await w.run('ip frob')).toEqual({ stdout: '', stderr: 'Object "frob" is unknown, try "ip help".\n', status: 255 });
    expect(await w.run('ip addr frob')).toEqual({ stdout: '', stderr: 'Command "frob" is unknown, try "ip address help".\n', status: 255 });
    expect(await w.run('ip addr add 10.0.0.2 label eth1:x dev eth0')).toEqual({ stdout: '', stderr: '"dev" (eth0) must match "label" (eth1:x).\n', status: 1 });
    expect(await w.run('ip addr add 10.0.0.300 dev eth0')).toEqual({ stdout: '', stderr: '', status: 0 }); // bytes wrap, as get_addr_1 does
    expect((await w.run('ip addr add 1.2.x.4 dev eth0')).stderr).toBe('Error: an inet prefix is expected rather than "1.2.x.4".\n');
    expect((await w.run('ip addr add 10.0.0.2')).stderr).toBe('Not enough information: "dev" argument is required.\n');
    expect((await w.run('ip link set eth0 mtu abc')).stderr).toBe('Error: argument "abc" is wrong: Invalid "mtu" value\n\n');
    const usage = await w.run('ip');
    expect(usage.status).toBe(255);
    expect(usage.stderr).toMatch(/^Usage: ip \[ OPTIONS \] OBJECT \{ COMMAND \| help \}\n/);
  });

  it('ip addr del (with the wildcard warning), ip link set down/up, ip route add/del', async () => {
    const w = await bootTestWorld();
    await w.run('ip addr add 10.0.0.1 label eth0:XX dev eth0');
    const del = await w.run('ip addr del 10.0.0.1 dev eth0');
    expect(del.status).toBe(0);
    expect(del.stderr).toContain('Warning: Executing wildcard deletion to stay compatible with old scripts.\n         Explicitly specify the prefix length (10.0.0.1/32) to avoid this warning.');
    expect((await w.run('ip addr')).stdout).toBe(IP_ADDR(MAC(w)));
    expect((await w.run('ip route')).stdout).toBe('192.168.1.0/24 dev eth0  proto kernel  scope link  src 192.168.1.128 \ndefault via 192.168.1.1 dev eth0 \n');
    expect(await w.run('ip route add 10.9.0.0/16 via 192.168.1.1')).toEqual({ stdout: '', stderr: '', status: 0 });
    expect((await w.run('ip route show 10.9.0.0/16')).stdout).toBe('10.9.0.0/16 via 192.168.1.1 dev eth0 \n');
    expect((await w.run('ip route add 10.9.0.0/16 via 192.168.1.1')).stderr).toBe('RTNETLINK answers: File exists\n');
    expect((await w.run('ip route add 10.8.0.0/16 via 10.7.7.7')).stderr).toBe('RTNETLINK answers: Network is unreachable\n');
    expect(await w.run('ip route del 10.9.0.0/16')).toEqual({ stdout: '', stderr: '', status: 0 });
    expect((await w.run('ip route del 10.9.0.0/16')).stderr).toBe('RTNETLINK answers: No such process\n');
    await w.run('ip link set eth0 down');
    expect((await w.run('ip link show eth0')).stdout).toBe(`2: eth0: <BROADCAST,MULTICAST> mtu 1500 qdisc noop qlen 1000\n    link/ether ${MAC(w)} brd ff:ff:ff:ff:ff:ff\n`);
    expect((await w.run('ip route')).stdout).toBe('');
    expect((await w.run('ping -c 1 192.168.1.1')).stderr).toBe('connect: Network is unreachable\n');
    await w.run('ip link set eth0 up');
    expect((await w.run('ip route')).stdout).toBe('192.168.1.0/24 dev eth0  proto kernel  scope link  src 192.168.1.128 \n');
  });

  it('changes need CAP_NET_ADMIN', async () => {
    const w = await bootTestWorld();
    expect(await runAs(w, { uid: 500 }, 'ip addr add 10.0.0.1 dev eth0')).toEqual({ stdout: '', stderr: 'RTNETLINK answers: Operation not permitted\n', status: 2 });
    expect(await runAs(w, { uid: 500 }, 'ifconfig eth0 down')).toEqual({ stdout: '', stderr: 'SIOCSIFFLAGS: Permission denied\n', status: 1 });
    expect(await runAs(w, { uid: 500 }, 'route add -net 10.0.0.0 netmask 255.0.0.0 dev eth0')).toEqual({ stdout: '', stderr: 'SIOCADDRT: Operation not permitted\n', status: 7 });
    expect((await runAs(w, { uid: 500 }, 'ip addr')).stdout).toBe(IP_ADDR(MAC(w)));
  });
});

describe('ifconfig, route, arp (net-tools 1.60)', () => {
  it('ifconfig eth0:1 10.0.0.2 netmask 255.0.0.0 up, then down', async () => {
    const w = await bootTestWorld();
    expect(await w.run('ifconfig eth0:1 10.0.0.2 netmask 255.0.0.0 up')).toEqual({ stdout: '', stderr: '', status: 0 });
    expect((await w.run('ip addr show dev eth0')).stdout).toContain('    inet 10.0.0.2/8 brd 10.255.255.255 scope global eth0:1\n');
    expect((await w.run('ifconfig eth0:1')).stdout).toBe(
      `eth0:1    Link encap:Ethernet  HWaddr ${MAC(w).toUpperCase()}  \n` +
        '          inet addr:10.0.0.2  Bcast:10.255.255.255  Mask:255.0.0.0\n' +
        '          UP BROADCAST RUNNING MULTICAST  MTU:1500  Metric:1\n\n',
    );
    expect(await w.run('ifconfig eth0:1 down')).toEqual({ stdout: '', stderr: '', status: 0 });
    expect((await w.run('ifconfig eth0:1')).stderr).toBe('eth0:1: error fetching interface information: Device not found\n');
    expect(await w.run('ifconfig eth9 up')).toEqual({ stdout: '', stderr: 'eth9: unknown interface: No such device\n', status: 1 });
    expect((await w.run('ifconfig -s')).stdout).toBe(
      'Iface   MTU Met    RX-OK RX-ERR RX-DRP RX-OVR    TX-OK TX-ERR TX-DRP TX-OVR Flg\n' +
        'eth0   1500   0       0      0      0      0       0      0      0      0 BMRU\n' +
        'lo    16436   0       0      0      0      0       0      0      0      0 LRU\n',
    );
  });

  it('route and route -n; route add/del', async () => {
    const w = await bootTestWorld();
    expect((await w.run('route -n')).stdout).toBe(
      'Kernel IP routing table\n' +
        'Destination     Gateway         Genmask         Flags Metric Ref    Use Iface\n' +
        '192.168.1.0     0.0.0.0         255.255.255.0   U     0      0        0 eth0\n' +
        '0.0.0.0         192.168.1.1     0.0.0.0         UG    0      0        0 eth0\n',
    );
    expect((await w.run('route')).stdout).toContain('default         gw.unilim.fr    0.0.0.0         UG    0      0        0 eth0\n');
    expect((await w.run('route add -net 10.0.0.0 netmask 255.0.0.0 gw 192.168.1.1')).status).toBe(0);
    expect((await w.run('route -n')).stdout).toContain('10.0.0.0        192.168.1.1     255.0.0.0       UG    0      0        0 eth0\n');
    expect(await w.run('route add -net 10.0.0.0 netmask 255.0.0.0 gw 192.168.1.1')).toEqual({ stdout: '', stderr: 'SIOCADDRT: File exists\n', status: 7 });
    expect((await w.run('route del -net 10.0.0.0 netmask 255.0.0.0')).status).toBe(0);
    expect(await w.run('route del -net 10.0.0.0 netmask 255.0.0.0')).toEqual({ stdout: '', stderr: 'SIOCDELRT: No such process\n', status: 7 });
    expect((await w.run('route add -net 10.0.0.0 dev eth0')).stderr).toBe('SIOCADDRT: Invalid argument\n');
  });

  it('arp -n and arp -a', async () => {
    const w = await bootTestWorld();
    const gw = w.world.network!.network.stack('gateway')!.link('eth0')!.mac;
    expect((await w.run('arp -n')).stdout).toBe(
      'Address                  HWtype  HWaddress           Flags Mask            Iface\n' + `192.168.1.1              ether   ${gw}   C                     eth0\n`,
    );
    expect((await w.run('arp -a')).stdout).toBe(`gw.unilim.fr (192.168.1.1) at ${gw} [ether] on eth0\n`);
    expect((await w.run('arp -an')).stdout).toBe(`? (192.168.1.1) at ${gw} [ether] on eth0\n`);
  });
});

describe('ping (iputils of 2006)', () => {
  it('the seed: ping -c 1 192.168.1.1', async () => {
    const w = await bootTestWorld();
    expect(await w.run('ping -c 1 192.168.1.1')).toEqual({
      stdout:
        'PING 192.168.1.1 (192.168.1.1) 56(84) bytes of data.\n' +
        '64 bytes from 192.168.1.1: icmp_seq=0 ttl=128 time=1.13 ms\n' +
        '\n' +
        '--- 192.168.1.1 ping statistics ---\n' +
        '1 packets transmitted, 1 received, 0% packet loss, time 0ms\n' +
        'rtt min/avg/max/mdev = 1.130/1.130/1.130/0.000 ms\n',
      stderr: '',
      status: 0,
    });
  });

  it('takes simulated time only: three probes a second apart', async () => {
    const w = await bootTestWorld();
    const t0 = w.world.clock.uptimeMs;
    const r = await w.run('ping -c 3 gw');
    expect(r.stdout).toBe(
      'PING gw.unilim.fr (192.168.1.1) 56(84) bytes of data.\n' +
        '64 bytes from gw.unilim.fr (192.168.1.1): icmp_seq=0 ttl=128 time=1.13 ms\n' +
        '64 bytes from gw.unilim.fr (192.168.1.1): icmp_seq=1 ttl=128 time=1.13 ms\n' +
        '64 bytes from gw.unilim.fr (192.168.1.1): icmp_seq=2 ttl=128 time=1.13 ms\n' +
        '\n' +
        '--- gw.unilim.fr ping statistics ---\n' +
        '3 packets transmitted, 3 received, 0% packet loss, time 2000ms\n' +
        'rtt min/avg/max/mdev = 1.130/1.130/1.130/0.000 ms\n',
    );
    expect(w.world.clock.uptimeMs - t0).toBeGreaterThanOrEqual(2001);
    expect(w.world.clock.uptimeMs - t0).toBeLessThan(2100);
  });

  it('unknown host, unreachable network, unreachable host, no reply', async () => {
    const w = await bootTestWorld();
    expect(await w.run('ping foo')).toEqual({ stdout: '', stderr: 'ping: unknown host foo\n', status: 2 });
    expect(await w.run('ip route del default; ping -c 1 10.1.2.3')).toEqual({ stdout: '', stderr: 'connect: Network is unreachable\n', status: 2 });
    expect((await w.run('ping -c 3 192.168.1.77')).stdout).toBe(
      'PING 192.168.1.77 (192.168.1.77) 56(84) bytes of data.\n' +
        'From 192.168.1.128 icmp_seq=0 Destination Host Unreachable\n' +
        'From 192.168.1.128 icmp_seq=1 Destination Host Unreachable\n' +
        'From 192.168.1.128 icmp_seq=2 Destination Host Unreachable\n' +
        '\n' +
        '--- 192.168.1.77 ping statistics ---\n' +
        '3 packets transmitted, 0 received, +3 errors, 100% packet loss, time 2000ms\n' +
        ', pipe 3\n',
    );
    await w.run('ip route add default via 192.168.1.1');
    const lost = await w.run('ping -c 2 -W 3 10.1.2.3');
    expect(lost).toEqual({
      stdout: 'PING 10.1.2.3 (10.1.2.3) 56(84) bytes of data.\n\n--- 10.1.2.3 ping statistics ---\n2 packets transmitted, 0 received, 100% packet loss, time 1000ms\n\n',
      stderr: '',
      status: 1,
    });
  });

  it('options: -q, -s, -t, -i for a user, bad values', async () => {
    const w = await bootTestWorld();
    expect((await w.run('ping -q -c 2 192.168.1.1')).stdout).toBe(
      'PING 192.168.1.1 (192.168.1.1) 56(84) bytes of data.\n\n--- 192.168.1.1 ping statistics ---\n2 packets transmitted, 2 received, 0% packet loss, time 1000ms\nrtt min/avg/max/mdev = 1.130/1.130/1.130/0.000 ms\n',
    );
    expect((await w.run('ping -c 1 -s 100 127.0.0.1')).stdout).toMatch(/^PING 127\.0\.0\.1 \(127\.0\.0\.1\) 100\(128\) bytes of data\.\n108 bytes from 127\.0\.0\.1: icmp_seq=0 ttl=64 time=0\.\d\d\d ms\n/);
    expect((await w.run('ping -c 1 -t 1 10.1.2.3')).stdout).toContain('From 192.168.1.1 icmp_seq=0 Time to live exceeded\n');
    expect(await w.run('ping -c 0 x')).toEqual({ stdout: '', stderr: 'ping: bad number of packets to transmit.\n', status: 2 });
    expect((await runAs(w, { uid: 500 }, 'ping -i 0.1 -c 1 192.168.1.1')).stderr).toBe('ping: icmp open socket: Operation not permitted\n');
  });

  it('without CAP_NET_RAW: ping: icmp open socket: Operation not permitted', async () => {
    const w = await bootTestWorld();
    expect(await runAs(w, { uid: 500 }, 'ping -c 1 192.168.1.1')).toEqual({ stdout: '', stderr: 'ping: icmp open socket: Operation not permitted\n', status: 2 });
    // The hook for Linux-VServer's raw_icmp context capability.
    w.world.network!.contextAllowsRawIcmp = (task) => task.cred.uid === 500;
    expect((await runAs(w, { uid: 500 }, 'ping -c 1 192.168.1.1')).status).toBe(0);
  });

  it('the seed: after chbind --ip 10.0.0.1, every reply is lost', async () => {
    const w = await bootTestWorld();
    await w.run('ip addr add 10.0.0.1 label eth0:XX dev eth0');
    // What chbind will do: a network context whose ipv4root is 10.0.0.1, entered by the shell.
    const ctx = w.machine.net!.setIpv4root(undefined, { addresses: [{ ip: ip4('10.0.0.1'), mask: ip4('255.255.255.0') }] }, { hasNetAdmin: true });
    const r = await runAs(w, { nid: ctx.nid }, 'ping -c 1 192.168.1.1');
    expect(r).toEqual({
      stdout: 'PING 192.168.1.1 (192.168.1.1) 56(84) bytes of data.\n\n--- 192.168.1.1 ping statistics ---\n1 packets transmitted, 0 received, 100% packet loss, time 0ms\n\n',
      stderr: '',
      status: 1,
    });
    // The context's source address is the one the probes carry.
    expect((await runAs(w, { nid: ctx.nid }, 'ip route get 192.168.1.1')).stdout).toContain('src 10.0.0.1');
  });

  it('runs until Ctrl-C, then prints the statistics', async () => {
    const w = await bootTestWorld();
    const session = w.world.openConsole({ cols: 80, rows: 24, mode: 'interactive' });
    let screen = '';
    session.onOutput((d) => {
      screen += d;
      session.acknowledge(d.length);
    });
    await w.world.settle();
    session.input('ping 192.168.1.1\r');
    await w.world.settle();
    // Real time drives an interactive console's clock: a tenth of a second at a time.
    for (let i = 0; i < 25; i++) {
      w.world.advanceTime(100);
      await w.world.settle();
    }
    session.input('\x03');
    await w.world.settle();
    const text = screen.replace(/\r\n/g, '\n');
    expect(text).toContain(
      'PING 192.168.1.1 (192.168.1.1) 56(84) bytes of data.\n' +
        '64 bytes from 192.168.1.1: icmp_seq=0 ttl=128 time=1.13 ms\n' +
        '64 bytes from 192.168.1.1: icmp_seq=1 ttl=128 time=1.13 ms\n' +
        '64 bytes from 192.168.1.1: icmp_seq=2 ttl=128 time=1.13 ms\n' +
        '^C\n' +
        '--- 192.168.1.1 ping statistics ---\n' +
        '3 packets transmitted, 3 received, 0% packet loss, time 2000ms\n' +
        'rtt min/avg/max/mdev = 1.130/1.130/1.130/0.000 ms\n',
    );
    expect(text.endsWith('# ')).toBe(true);
  });
});

describe('netstat and sockets', () => {
  it('netstat -tlnp shows sshd, httpd and mysqld listening', async () => {
    const w = await bootTestWorld();
    const pid = (name: string) => [...w.machine.kernel.tasks.values()].filter((t) => t.comm === name).map((t) => t.pid).sort((a, b) => a - b)[0];
    const r = await w.run('netstat -tlnp');
    expect(r).toEqual({
      stdout:
        'Active Internet connections (only servers)\n' +
        'Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name   \n' +
        `tcp        0      0 192.168.1.128:22        0.0.0.0:*               LISTEN      ${`${pid('sshd')}/sshd`.padEnd(20)}\n` +
        `tcp        0      0 192.168.1.128:80        0.0.0.0:*               LISTEN      ${`${pid('httpd')}/httpd`.padEnd(20)}\n` +
        `tcp        0      0 192.168.1.128:3306      0.0.0.0:*               LISTEN      ${`${pid('mysqld')}/mysqld`.padEnd(20)}\n`,
      stderr: '',
      status: 0,
    });
    // Without -n: "*" for any address and port names from /etc/services; without root, other users' processes are "-".
    expect((await w.run('netstat -tl')).stdout).toContain('tcp        0      0 scivm-xm4.unilim.fr:ssh *:*                     LISTEN      \n');
    const user = await runAs(w, { uid: 500 }, 'netstat -tlnp');
    expect(user.stderr).toBe('(Not all processes could be identified, non-owned process info\n will not be shown, you would have to be root to see it all.)\n');
    expect(user.stdout).toContain('tcp        0      0 192.168.1.128:22        0.0.0.0:*               LISTEN      -                   \n');
    // Stopping the daemon closes its socket.
    await w.run(`kill ${pid('mysqld')}`);
    expect((await w.run('netstat -tln')).stdout).not.toContain(':3306');
  });

  it('nc -l -p 5000 & then echo hi | nc 127.0.0.1 5000 delivers hi', async () => {
    const w = await bootTestWorld();
    expect((await w.run('nc -l -p 5000 > /tmp/out &')).status).toBe(0);
    const listening = await w.run('netstat -tlnp | grep 5000');
    expect(listening.stdout).toMatch(/^tcp {8}0 {6}0 0\.0\.0\.0:5000 {12}0\.0\.0\.0:\* {15}LISTEN {6}\d+\/nc {2,}\n$/);
    const r = await w.run('echo hi | nc -w 1 127.0.0.1 5000; echo $?; cat /tmp/out');
    expect(r).toEqual({ stdout: '0\nhi\n', stderr: '', status: 0 });
    // Both ends are gone; the client's side lingers in TIME_WAIT as on Linux.
    expect((await w.run('netstat -tan | grep 5000')).stdout).toMatch(/TIME_WAIT/);
    expect((await w.run('netstat -tln | grep 5000')).stdout).toBe('');
  });

  it('nc messages: refused with -v, bind errors', async () => {
    const w = await bootTestWorld();
    expect(await w.run('nc -vn 127.0.0.1 81')).toEqual({ stdout: '', stderr: '(UNKNOWN) [127.0.0.1] 81 (?) : Connection refused\n', status: 1 });
    expect(await w.run('nc 127.0.0.1 81')).toEqual({ stdout: '', stderr: '', status: 1 });
    expect(await w.run('nc -l -s 10.0.0.9 -p 5000')).toEqual({ stdout: '', stderr: "Can't grab 10.0.0.9:5000 with bind : Cannot assign requested address\n", status: 1 });
    expect(await w.run('nc -l -p 22')).toEqual({ stdout: '', stderr: "Can't grab 0.0.0.0:22 with bind : Address already in use\n", status: 1 });
  });

  it('binding port 80 as a user: EACCES (no CAP_NET_BIND_SERVICE)', async () => {
    const w = await bootTestWorld();
    expect(await runAs(w, { uid: 500 }, 'nc -l -p 80')).toEqual({ stdout: '', stderr: "Can't grab 0.0.0.0:80 with bind : Permission denied\n", status: 1 });
    // The system call itself, through proc.net.
    let code = '';
    const pid = w.machine.initProcess.fork(async (p) => {
      p.task.cred = { uid: 500, gid: 500, euid: 500, egid: 500, groups: [500], caps: 0n };
      const fd = p.net.socket('tcp');
      try {
        p.net.bind(fd, 0, 80);
      } catch (e) {
        code = (e as { code: string }).code;
      }
      p.net.bind(fd, 0, 8080);
      p.net.listen(fd);
      return 0;
    });
    await w.machine.whenExits(pid);
    expect(code).toBe('EACCES');
  });

  it('a network context binds only its own addresses', async () => {
    const w = await bootTestWorld();
    await w.run('ip addr add 10.0.0.1 label eth0:XX dev eth0');
    const ctx = w.machine.net!.setIpv4root(undefined, { addresses: [{ ip: ip4('10.0.0.1'), mask: ip4('255.255.255.0') }] }, { hasNetAdmin: true });
    const r = await runAs(w, { nid: ctx.nid }, 'nc -l -s 192.168.1.128 -p 5000');
    expect(r).toEqual({ stdout: '', stderr: "Can't grab 192.168.1.128:5000 with bind : Cannot assign requested address\n", status: 1 });
    await runAs(w, { nid: ctx.nid }, 'nc -l -p 5000 > /dev/null &');
    // The guest sees its own socket; the host sees it too.
    expect((await runAs(w, { nid: ctx.nid }, 'netstat -tln')).stdout).toBe(
      'Active Internet connections (only servers)\nProto Recv-Q Send-Q Local Address           Foreign Address         State      \n' +
        'tcp        0      0 0.0.0.0:5000            0.0.0.0:*               LISTEN      \n',
    );
    expect((await w.run('netstat -tln')).stdout).toContain(':22 ');
    // Reaching it through the host's address fails: the context listens on 10.0.0.1 only.
    expect((await w.run('nc -vn 192.168.1.128 5000')).stderr).toBe('(UNKNOWN) [192.168.1.128] 5000 (?) : Connection refused\n');
  });
});

describe('interactive use', () => {
  it('nc between two terminals: what is typed in one appears in the other', async () => {
    const w = await bootTestWorld();
    const server = await w.terminal();
    const client = await w.terminal();
    await server.type('nc -l -p 7000\r');
    await client.type('nc 127.0.0.1 7000\r');
    server.take();
    await client.type('hello over tcp\r');
    expect(server.take()).toBe('hello over tcp\r\n');
    await server.type('and back\r');
    expect(client.take()).toContain('and back\r\n');
    // Ctrl-C on the server ends it; the client sees the connection close and exits too.
    await server.type('\x03');
    client.take();
    await client.type('echo done\r');
    expect(client.take()).toContain('done\r\n');
  });

  it('a guest with hide_netif sees only the interface carrying its address', async () => {
    const w = await bootTestWorld();
    await w.run('ip addr add 10.0.0.1 label eth0:XX dev eth0');
    const ctx = w.machine.net!.createContext(undefined, { addresses: [{ ip: ip4('10.0.0.1'), mask: ip4('255.255.255.0') }], flags: ['hide_netif'] });
    const r = await runAs(w, { nid: ctx.nid }, 'ip addr; grep -c : /proc/net/dev; ifconfig | grep -e Link -e inet');
    expect(r.stdout).toBe(
      '2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc pfifo_fast qlen 1000\n' +
        `    link/ether ${MAC(w)} brd ff:ff:ff:ff:ff:ff\n` +
        '    inet 10.0.0.1/32 scope global eth0:XX\n' +
        '1\n' +
        // /proc/net/dev lists eth0 (it carries 10.0.0.1); only the alias has a visible address.
        `eth0      Link encap:Ethernet  HWaddr ${MAC(w).toUpperCase()}  \n` +
        `eth0:XX   Link encap:Ethernet  HWaddr ${MAC(w).toUpperCase()}  \n` +
        '          inet addr:10.0.0.1  Bcast:0.0.0.0  Mask:255.255.255.255\n',
    );
  });
});

describe('the network in /proc and in snapshots', () => {
  it('/proc/net/dev, /proc/net/route, /proc/net/arp', async () => {
    const w = await bootTestWorld();
    expect((await w.run('ls /proc/net')).stdout).toBe('arp\ndev\nroute\n');
    expect((await w.run('ls /proc | grep -cx net')).stdout).toBe('1\n');
    const dev = (await w.run('cat /proc/net/dev')).stdout.split('\n');
    expect(dev[0]).toBe('Inter-|   Receive                                                |  Transmit');
    expect(dev[2]).toMatch(/^ {4}lo: +\d+/);
    expect(dev[3]).toMatch(/^ {2}eth0: +\d+/);
    expect((await w.run('head -2 /proc/net/route')).stdout.split('\n')[1]).toMatch(/^eth0\t0001A8C0\t00000000\t0001\t/);
    expect((await w.run('cat /proc/net/arp')).stdout).toMatch(/^IP address {7}HW type {5}Flags {7}HW address {12}Mask {5}Device\n192\.168\.1\.1 /);
  });

  it('restoring a snapshot brings the addresses and the sockets back', async () => {
    const w = await bootTestWorld();
    const before = (await w.run('ip addr')).stdout;
    const sockets = (await w.run('netstat -tlnp')).stdout;
    const snap = w.world.snapshot();
    await w.run('ip addr add 10.0.0.1 label eth0:XX dev eth0; ip route del default; nc -l -p 6000 > /dev/null &');
    expect((await w.run('ip addr')).stdout).toContain('10.0.0.1');
    w.world.restore(snap);
    await w.settle();
    expect((await w.run('ip addr')).stdout).toBe(before);
    expect((await w.run('ip route')).stdout).toContain('default via 192.168.1.1 dev eth0');
    expect((await w.run('netstat -tlnp')).stdout).toBe(sockets);
    expect((await w.run('ping -c 1 192.168.1.1')).status).toBe(0);
    // The restored daemons own their sockets again: stopping one closes its port.
    const sshd = [...w.machine.kernel.tasks.values()].find((t) => t.comm === 'sshd')!;
    await w.run(`kill ${sshd.pid}`);
    expect((await w.run('netstat -tln')).stdout).not.toContain(':22 ');
  });
});
