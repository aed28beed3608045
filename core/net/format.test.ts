import { describe, expect, it } from 'vitest';
import { SyscallError } from '../kernel/errno.js';
import {
  fnmatch,
  formatArpN,
  formatIfconfig,
  formatIpAddr,
  formatIpLink,
  formatIpNeigh,
  formatIpRoute,
  formatLinkFlags,
  formatNetstat,
  formatProcNetArp,
  formatProcNetDev,
  formatProcNetRoute,
  formatRouteN,
  nstrcmp,
} from './format.js';
import { ip4 } from './ip4.js';
import { ipErrorMessage } from './messages.js';
import { Network } from './network.js';
import { SECOND_HOST, SEED_HOST, seedLan } from './preset.js';

/** The seed host after `ip addr add 10.0.0.1 label eth0:XX dev eth0`. */
function seedHost() {
  const net = seedLan({ secondHost: true });
  const host = net.stack(SEED_HOST)!;
  host.addAddress('eth0', { local: ip4('10.0.0.1'), label: 'eth0:XX' });
  const mac = host.link('eth0')!.mac;
  return { net, host, mac, MAC: mac.toUpperCase() };
}

describe('ip addr / ip link (iproute2 ss-060323 layout)', () => {
  it('the seed host, with its alias', () => {
    const { host, mac } = seedHost();
    expect(formatIpAddr(host)).toBe(
      '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 16436 qdisc noqueue \n' +
        '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n' +
        '    inet 127.0.0.1/8 scope host lo\n' +
        '2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc pfifo_fast qlen 1000\n' +
        `    link/ether ${mac} brd ff:ff:ff:ff:ff:ff\n` +
        '    inet 192.168.1.128/24 brd 192.168.1.255 scope global eth0\n' +
        '    inet 10.0.0.1/32 scope global eth0:XX\n',
    );
  });

  it('what a chbound guest with hide_netif sees', () => {
    const { host, mac } = seedHost();
    const ctx = host.createContext(undefined, { addresses: [{ ip: ip4('10.0.0.1'), mask: ip4('255.255.255.0') }], flags: ['hide_netif'] });
    const view = { ctx };
    expect(formatIpAddr(host, { view })).toBe(
      '2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc pfifo_fast qlen 1000\n' +
        `    link/ether ${mac} brd ff:ff:ff:ff:ff:ff\n` +
        '    inet 10.0.0.1/32 scope global eth0:XX\n',
    );
    // without hide_netif (vs2.0's chbind default) the guest sees everything
    expect(formatIpAddr(host, { view: { ctx, hideNetif: false } })).toBe(formatIpAddr(host));
    expect(formatProcNetDev(host, { view }).split('\n').length).toBe(4);
  });

  it('secondary addresses, a down interface, filters', () => {
    const net = new Network({ seed: 'f' });
    const h = net.addStack('h');
    const eth0 = h.addLink('eth0');
    h.addLink('eth1');
    net.plug(h, 'eth0', net.addSegment('lan'));
    h.addAddress('eth0', { local: ip4('192.168.1.10'), prefixLen: 24, broadcast: '+' });
    h.addAddress('eth0', { local: ip4('192.168.1.11'), prefixLen: 24, broadcast: '+', label: 'eth0:1' });
    h.setLinkUp('eth0', true);
    expect(formatIpAddr(h, { dev: 'eth0' })).toBe(
      '2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc pfifo_fast qlen 1000\n' +
        `    link/ether ${eth0.mac} brd ff:ff:ff:ff:ff:ff\n` +
        '    inet 192.168.1.10/24 brd 192.168.1.255 scope global eth0\n' +
        '    inet 192.168.1.11/24 brd 192.168.1.255 scope global secondary eth0:1\n',
    );
    expect(formatIpLink(h, { dev: 'eth1' })).toBe(
      `3: eth1: <BROADCAST,MULTICAST> mtu 1500 qdisc noop qlen 1000\n    link/ether ${h.link('eth1')!.mac} brd ff:ff:ff:ff:ff:ff\n`,
    );
    // iproute2 prints only the matching addresses for a label filter that is not a device name
    expect(formatIpAddr(h, { label: 'eth0:*' })).toBe('    inet 192.168.1.11/24 brd 192.168.1.255 scope global secondary eth0:1\n');
    expect(formatIpAddr(h, { inetOnly: true }).match(/^\d+:/gm)).toEqual(['1:', '2:']);
    expect(formatIpAddr(h, { up: true }).match(/^\d+:/gm)).toEqual(['1:', '2:']);
    let error: SyscallError | undefined;
    try {
      formatIpAddr(h, { dev: 'eth9' });
    } catch (e) {
      error = e as SyscallError;
    }
    expect(ipErrorMessage(error!)).toBe('Device "eth9" does not exist.');
  });

  it.each([
    ['name', 'up, plugged', '<BROADCAST,MULTICAST,UP,LOWER_UP>'],
    ['hex', 'up, plugged', '<BROADCAST,MULTICAST,UP,10000>'],
    ['absent', 'up, plugged', '<BROADCAST,MULTICAST,UP>'],
    ['name', 'up, unplugged', '<NO-CARRIER,BROADCAST,MULTICAST,UP>'],
    ['name', 'down', '<BROADCAST,MULTICAST>'],
  ] as const)('link flags, LOWER_UP style %s, %s: %s', (style, state, text) => {
    const net = new Network();
    const h = net.addStack('h');
    const l = h.addLink('eth0');
    if (state !== 'up, unplugged') net.plug(h, 'eth0', net.addSegment('s'));
    if (state !== 'down') h.setLinkUp('eth0', true);
    expect(formatLinkFlags(l, style)).toBe(text);
  });

  it('promiscuous and noarp flags', () => {
    const net = new Network();
    const h = net.addStack('h');
    const l = h.addLink('eth0');
    net.plug(h, 'eth0', net.addSegment('s'));
    h.setLinkUp('eth0', true);
    h.setLinkFlags('eth0', { promisc: true, noarp: true });
    expect(formatLinkFlags(l)).toBe('<BROADCAST,MULTICAST,NOARP,PROMISC,UP,LOWER_UP>');
  });
});

describe('ifconfig (net-tools 1.60)', () => {
  it('the seed host after some traffic', () => {
    const { host, MAC } = seedHost();
    const eth0 = host.link('eth0')!;
    eth0.stats.rxPackets = 1234;
    eth0.stats.rxBytes = 1_500_000;
    eth0.stats.txPackets = 567;
    eth0.stats.txBytes = 65_432;
    eth0.hw = { irq: 177, baseAddress: 0x2000 };
    host.link('lo')!.stats = { ...host.link('lo')!.stats, rxPackets: 8, rxBytes: 560, txPackets: 8, txBytes: 560 };
    expect(formatIfconfig(host)).toBe(
      `eth0      Link encap:Ethernet  HWaddr ${MAC}  \n` +
        '          inet addr:192.168.1.128  Bcast:192.168.1.255  Mask:255.255.255.0\n' +
        '          UP BROADCAST RUNNING MULTICAST  MTU:1500  Metric:1\n' +
        '          RX packets:1234 errors:0 dropped:0 overruns:0 frame:0\n' +
        '          TX packets:567 errors:0 dropped:0 overruns:0 carrier:0\n' +
        '          collisions:0 txqueuelen:1000 \n' +
        '          RX bytes:1500000 (1.4 MiB)  TX bytes:65432 (63.8 KiB)\n' +
        '          Interrupt:177 Base address:0x2000 \n' +
        '\n' +
        `eth0:XX   Link encap:Ethernet  HWaddr ${MAC}  \n` +
        '          inet addr:10.0.0.1  Bcast:0.0.0.0  Mask:255.255.255.255\n' +
        '          UP BROADCAST RUNNING MULTICAST  MTU:1500  Metric:1\n' +
        '          Interrupt:177 Base address:0x2000 \n' +
        '\n' +
        'lo        Link encap:Local Loopback  \n' +
        '          inet addr:127.0.0.1  Mask:255.0.0.0\n' +
        '          UP LOOPBACK RUNNING  MTU:16436  Metric:1\n' +
        '          RX packets:8 errors:0 dropped:0 overruns:0 frame:0\n' +
        '          TX packets:8 errors:0 dropped:0 overruns:0 carrier:0\n' +
        '          collisions:0 txqueuelen:0 \n' +
        '          RX bytes:560 (560.0 b)  TX bytes:560 (560.0 b)\n' +
        '\n',
    );
  });

  it('-a shows down interfaces; a name selects one; an unknown one fails', () => {
    const { host } = seedHost();
    host.addLink('eth1');
    expect(formatIfconfig(host).includes('eth1')).toBe(false);
    expect(formatIfconfig(host, { all: true })).toContain(`eth1      Link encap:Ethernet  HWaddr ${host.link('eth1')!.mac.toUpperCase()}  \n          BROADCAST MULTICAST  MTU:1500  Metric:1\n`);
    expect(formatIfconfig(host, { name: 'eth0:XX' }).split('\n')[0]).toMatch(/^eth0:XX {3}Link encap:Ethernet/);
    let error: SyscallError | undefined;
    try {
      formatIfconfig(host, { name: 'eth9' });
    } catch (e) {
      error = e as SyscallError;
    }
    expect(ipErrorMessage(error!)).toBe('eth9: error fetching interface information: Device not found');
  });

  it('orders names like net-tools (nstrcmp)', () => {
    expect(['lo', 'eth10', 'eth2', 'eth2:1', 'eth0'].sort(nstrcmp)).toEqual(['eth0', 'eth2', 'eth2:1', 'eth10', 'lo']);
  });
});

describe('/proc/net/dev', () => {
  it('Linux 2.6.16 layout', () => {
    const { host } = seedHost();
    const eth0 = host.link('eth0')!;
    eth0.stats.rxBytes = 123456789;
    eth0.stats.rxPackets = 98765;
    eth0.stats.txBytes = 4321;
    eth0.stats.txPackets = 21;
    expect(formatProcNetDev(host)).toBe(
      'Inter-|   Receive                                                |  Transmit\n' +
        ' face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n' +
        '    lo:       0       0    0    0    0     0          0         0        0       0    0    0    0     0       0          0\n' +
        '  eth0:123456789   98765    0    0    0     0          0         0     4321      21    0    0    0     0       0          0\n',
    );
  });
});

describe('routes', () => {
  it('ip route (with the trailing spaces of print_route)', () => {
    const { host } = seedHost();
    expect(formatIpRoute(host)).toBe('192.168.1.0/24 dev eth0  proto kernel  scope link  src 192.168.1.128 \ndefault via 192.168.1.1 dev eth0 \n');
    host.addRoute({ dst: ip4('10.1.0.0'), prefixLen: 16, dev: 'eth0' });
    host.addRoute({ dst: ip4('172.16.0.0'), prefixLen: 12, type: 'blackhole' });
    host.addRoute({ dst: ip4('10.2.0.0'), prefixLen: 16, gateway: ip4('192.168.1.2'), metric: 10 });
    expect(formatIpRoute(host)).toBe(
      '192.168.1.0/24 dev eth0  proto kernel  scope link  src 192.168.1.128 \n' +
        '10.1.0.0/16 dev eth0  scope link \n' +
        '10.2.0.0/16 via 192.168.1.2 dev eth0  metric 10 \n' +
        'blackhole 172.16.0.0/12 \n' +
        'default via 192.168.1.1 dev eth0 \n',
    );
  });

  it('ip route show table local', () => {
    const { host } = seedHost();
    expect(formatIpRoute(host, { table: 'local' })).toBe(
      'local 127.0.0.1 dev lo  proto kernel  scope host  src 127.0.0.1 \n' +
        'broadcast 127.0.0.0 dev lo  proto kernel  scope link  src 127.0.0.1 \n' +
        'broadcast 127.255.255.255 dev lo  proto kernel  scope link  src 127.0.0.1 \n' +
        'local 192.168.1.128 dev eth0  proto kernel  scope host  src 192.168.1.128 \n' +
        'broadcast 192.168.1.255 dev eth0  proto kernel  scope link  src 192.168.1.128 \n' +
        'broadcast 192.168.1.0 dev eth0  proto kernel  scope link  src 192.168.1.128 \n' +
        'local 10.0.0.1 dev eth0  proto kernel  scope host  src 10.0.0.1 \n' +
        'local 127.0.0.0/8 dev lo  proto kernel  scope host  src 127.0.0.1 \n',
    );
    expect(formatIpRoute(host, { table: 'all' })).toContain('local 10.0.0.1 dev eth0  table local  proto kernel  scope host  src 10.0.0.1 \n');
  });

  it('route -n and /proc/net/route', () => {
    const { host } = seedHost();
    host.addRoute({ dst: ip4('10.9.0.0'), prefixLen: 16, type: 'unreachable' });
    expect(formatRouteN(host)).toBe(
      'Kernel IP routing table\n' +
        'Destination     Gateway         Genmask         Flags Metric Ref    Use Iface\n' +
        '192.168.1.0     0.0.0.0         255.255.255.0   U     0      0        0 eth0\n' +
        '10.9.0.0        -               255.255.0.0     !     0      -        0 -\n' +
        '0.0.0.0         192.168.1.1     0.0.0.0         UG    0      0        0 eth0\n',
    );
    const lines = formatProcNetRoute(host).split('\n');
    expect(lines[0]).toBe('Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT'.padEnd(127));
    expect(lines[1]).toBe('eth0\t0001A8C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0'.padEnd(127));
    expect(lines[2]).toBe('*\t0000090A\t00000000\t0201\t0\t0\t0\t0000FFFF\t0\t0\t0'.padEnd(127));
    expect(lines[3]).toBe('eth0\t00000000\t0101A8C0\t0003\t0\t0\t0\t00000000\t0\t0\t0'.padEnd(127));
  });
});

describe('neighbours', () => {
  it('ip neigh, arp -n, /proc/net/arp', () => {
    const clock = { t: 0 };
    const net = seedLan({ now: () => clock.t });
    const host = net.stack(SEED_HOST)!;
    const gwMac = net.stack('gateway')!.link('eth0')!.mac;
    // an unanswered resolution
    host.routeOutput(ip4('192.168.1.77'));
    host.setNeighbour(ip4('192.168.1.77'), 2, { state: 'INCOMPLETE', failAtMs: 3000, mac: undefined });
    clock.t = 40_000;
    expect(formatIpNeigh(host)).toBe(`192.168.1.1 dev eth0 lladdr ${gwMac} STALE\n192.168.1.77 dev eth0  FAILED\n`);
    expect(formatIpNeigh(host, { dev: 'eth0' })).toBe(`192.168.1.1 lladdr ${gwMac} STALE\n192.168.1.77  FAILED\n`);
    expect(formatArpN(host)).toBe(
      'Address                  HWtype  HWaddress           Flags Mask            Iface\n' +
        `192.168.1.1              ether   ${gwMac}   C                     eth0\n` +
        '192.168.1.77                     (incomplete)                              eth0\n',
    );
    expect(formatProcNetArp(host)).toBe(
      'IP address       HW type     Flags       HW address            Mask     Device\n' +
        `192.168.1.1      0x1         0x2         ${gwMac}     *        eth0\n` +
        '192.168.1.77     0x1         0x0         00:00:00:00:00:00     *        eth0\n',
    );
  });
});

describe('netstat (net-tools 1.60)', () => {
  it('netstat -tlnp and -tanp', () => {
    const net = seedLan({ secondHost: true });
    const host = net.stack(SEED_HOST)!;
    const sshd = host.sockets.create('tcp', { owner: { pid: 2001, program: 'sshd' } });
    sshd.bind(0, 22);
    sshd.listen();
    const portmap = host.sockets.create('udp', { owner: { pid: 1500, program: 'portmap' } });
    portmap.bind(0, 111);
    const cli = net.stack(SECOND_HOST)!.sockets.create('tcp');
    cli.connect(ip4('192.168.1.128'), 22);
    expect(formatNetstat(host, { tcp: true, listening: true, numeric: true, programs: true })).toBe(
      'Active Internet connections (only servers)\n' +
        'Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name   \n' +
        'tcp        0      0 0.0.0.0:22              0.0.0.0:*               LISTEN      2001/sshd           \n',
    );
    expect(formatNetstat(host, { all: true, numeric: true })).toBe(
      'Active Internet connections (servers and established)\n' +
        'Proto Recv-Q Send-Q Local Address           Foreign Address         State      \n' +
        'tcp        0      0 0.0.0.0:22              0.0.0.0:*               LISTEN      \n' +
        `tcp        0      0 192.168.1.128:22        192.168.1.129:${cli.localPort}     ESTABLISHED \n` +
        'udp        0      0 0.0.0.0:111             0.0.0.0:*                           \n',
    );
    expect(formatNetstat(host, { tcp: true, listening: true, resolve: { service: (p) => (p === 22 ? 'ssh' : undefined) } })).toContain(
      'tcp        0      0 *:ssh                   *:*                     LISTEN      \n',
    );
  });
});

describe('fnmatch', () => {
  it.each([
    ['eth0:*', 'eth0:XX', true],
    ['eth0:*', 'eth0', false],
    ['eth?', 'eth1', true],
    ['eth[01]', 'eth2', false],
    ['eth[!0]', 'eth2', true],
    ['a.b', 'axb', false],
  ])('%s ~ %s: %s', (p, t, r) => {
    expect(fnmatch(p, t)).toBe(r);
  });
});
