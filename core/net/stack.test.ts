import { describe, expect, it } from 'vitest';
import { SyscallError, type ErrnoName } from '../kernel/errno.js';
import { formatIp4, ip4 } from './ip4.js';
import { ipErrorMessage, NetError } from './messages.js';
import { Network } from './network.js';
import { RT_SCOPE } from './route.js';
import type { NetStack } from './stack.js';

/** A machine with lo and eth0 (up, plugged into a LAN) and no address on eth0. */
function machine(): { net: Network; host: NetStack } {
  const net = new Network({ seed: 't' });
  const lan = net.addSegment('lan');
  const host = net.addStack('host');
  net.plug(host, 'eth0', lan);
  host.setLinkUp('eth0', true);
  return { net, host };
}

function errnoOf(fn: () => unknown): ErrnoName | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof SyscallError) return e.code;
    throw e;
  }
  return undefined;
}

function addrs(host: NetStack, dev: string): string[] {
  return host.addresses(dev).map((a) => `${formatIp4(a.local)}/${a.prefixLen} ${a.label}${a.secondary ? ' secondary' : ''}`);
}

describe('addresses', () => {
  it('a bare address defaults to /32, scope global, labelled with the device', () => {
    const { host } = machine();
    const a = host.addAddress('eth0', { local: ip4('10.0.0.1') })!;
    expect(a.prefixLen).toBe(32);
    expect(a.scope).toBe(RT_SCOPE.global);
    expect(a.label).toBe('eth0');
    expect(a.broadcast).toBe(0);
  });

  it('127.x addresses default to scope host', () => {
    const { host } = machine();
    expect(host.addAddress('eth0', { local: ip4('127.0.0.2'), prefixLen: 8 })!.scope).toBe(RT_SCOPE.host);
  });

  it('keeps alias labels (ip addr add 10.0.0.1 label eth0:XX dev eth0)', () => {
    const { host } = machine();
    host.addAddress('eth0', { local: ip4('192.168.1.128'), prefixLen: 24, broadcast: '+' });
    host.addAddress('eth0', { local: ip4('10.0.0.1'), label: 'eth0:XX' });
    expect(addrs(host, 'eth0')).toEqual(['192.168.1.128/24 eth0', '10.0.0.1/32 eth0:XX']);
  });

  it.each([
    // [what, operation, errno, ip's message]
    ['unknown device', (h: NetStack) => h.addAddress('eth9', { local: ip4('10.0.0.1') }), 'ENODEV', 'Cannot find device "eth9"'],
    [
      'label of another device',
      (h: NetStack) => h.addAddress('eth0', { local: ip4('10.0.0.1'), label: 'eth1:x' }),
      'EINVAL',
      '"dev" (eth0) must match "label" (eth1:x).',
    ],
    [
      'duplicate address',
      (h: NetStack) => {
        h.addAddress('eth0', { local: ip4('10.0.0.1'), prefixLen: 24 });
        h.addAddress('eth0', { local: ip4('10.0.0.1'), prefixLen: 24 });
      },
      'EEXIST',
      'RTNETLINK answers: File exists',
    ],
    [
      'delete of an absent address',
      (h: NetStack) => h.deleteAddress('eth0', { local: ip4('10.9.9.9'), prefixLen: 32 }),
      'EADDRNOTAVAIL',
      'RTNETLINK answers: Cannot assign requested address',
    ],
    [
      'same subnet, other scope',
      (h: NetStack) => {
        h.addAddress('eth0', { local: ip4('10.0.0.1'), prefixLen: 24 });
        h.addAddress('eth0', { local: ip4('10.0.0.2'), prefixLen: 24, scope: RT_SCOPE.link });
      },
      'EINVAL',
      'RTNETLINK answers: Invalid argument',
    ],
  ] as const)('%s', (_what, op, errno, message) => {
    const { host } = machine();
    let error: unknown;
    try {
      op(host);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SyscallError);
    expect((error as SyscallError).code).toBe(errno);
    expect(ipErrorMessage(error as SyscallError)).toBe(message);
  });

  it('the same address with another prefix is a different address (no EEXIST)', () => {
    const { host } = machine();
    host.addAddress('eth0', { local: ip4('10.0.0.1'), prefixLen: 24 });
    host.addAddress('eth0', { local: ip4('10.0.0.1'), prefixLen: 32 });
    expect(addrs(host, 'eth0')).toEqual(['10.0.0.1/24 eth0', '10.0.0.1/32 eth0']);
  });

  it('a second address in the same subnet is secondary, and dies with its primary', () => {
    const { host } = machine();
    host.addAddress('eth0', { local: ip4('192.168.1.128'), prefixLen: 24 });
    host.addAddress('eth0', { local: ip4('10.0.0.1'), prefixLen: 8 });
    host.addAddress('eth0', { local: ip4('192.168.1.130'), prefixLen: 24, label: 'eth0:1' });
    expect(addrs(host, 'eth0')).toEqual(['192.168.1.128/24 eth0', '10.0.0.1/8 eth0', '192.168.1.130/24 eth0:1 secondary']);
    host.deleteAddress('eth0', { local: ip4('192.168.1.128'), prefixLen: 24 });
    expect(addrs(host, 'eth0')).toEqual(['10.0.0.1/8 eth0']);
  });

  it('promote_secondaries keeps and promotes the secondary', () => {
    const { host } = machine();
    host.sysctl.promoteSecondaries = true;
    host.addAddress('eth0', { local: ip4('192.168.1.128'), prefixLen: 24 });
    host.addAddress('eth0', { local: ip4('192.168.1.130'), prefixLen: 24 });
    host.deleteAddress('eth0', { local: ip4('192.168.1.128'), prefixLen: 24 });
    expect(addrs(host, 'eth0')).toEqual(['192.168.1.130/24 eth0']);
    expect(host.routes().map((r) => `${formatIp4(r.dst)}/${r.prefixLen} src ${formatIp4(r.src ?? 0)}`)).toEqual(['192.168.1.0/24 src 192.168.1.130']);
  });

  it('primaries are kept narrower scope first (kernel insertion order)', () => {
    const { host } = machine();
    host.addAddress('eth0', { local: ip4('10.0.0.1'), prefixLen: 8 });
    host.addAddress('eth0', { local: ip4('169.254.1.1'), prefixLen: 16, scope: RT_SCOPE.link });
    host.addAddress('eth0', { local: ip4('172.16.0.1'), prefixLen: 16 });
    expect(addrs(host, 'eth0')).toEqual(['169.254.1.1/16 eth0', '10.0.0.1/8 eth0', '172.16.0.1/16 eth0']);
  });

  it('wildcard deletion (no prefix) and deletion by label', () => {
    const { host } = machine();
    host.addAddress('eth0', { local: ip4('10.0.0.1'), prefixLen: 24, label: 'eth0:a' });
    host.addAddress('eth0', { local: ip4('10.1.0.1'), prefixLen: 24, label: 'eth0:b' });
    expect(errnoOf(() => host.deleteAddress('eth0', { local: ip4('10.0.0.1'), prefixLen: 32 }))).toBe('EADDRNOTAVAIL');
    expect(errnoOf(() => host.deleteAddress('eth0', { local: ip4('10.0.0.1'), label: 'eth0:b' }))).toBe('EADDRNOTAVAIL');
    host.deleteAddress('eth0', { local: ip4('10.0.0.1') });
    host.deleteAddress('eth0', { local: ip4('10.1.0.1'), label: 'eth0:b' });
    expect(addrs(host, 'eth0')).toEqual([]);
  });

  it('local 0.0.0.0 is silently ignored, as by the kernel', () => {
    const { host } = machine();
    expect(host.addAddress('eth0', { local: 0 })).toBeUndefined();
    expect(addrs(host, 'eth0')).toEqual([]);
  });

  it('ifconfig aliases: classful prefix, broadcast, down deletes the alias', () => {
    const { host } = machine();
    host.ifconfigSetAddress('eth0:1', ip4('10.1.1.2'));
    const a = host.addressByLabel('eth0:1')!;
    expect([a.prefixLen, formatIp4(a.broadcast)]).toEqual([8, '10.255.255.255']);
    host.ifconfigSetNetmask('eth0:1', ip4('255.255.255.0'));
    expect([host.addressByLabel('eth0:1')!.prefixLen, formatIp4(host.addressByLabel('eth0:1')!.broadcast)]).toEqual([24, '10.1.1.255']);
    host.ifconfigSetUp('eth0:1', false);
    expect(host.addressByLabel('eth0:1')).toBeUndefined();
    expect(errnoOf(() => host.ifconfigSetUp('eth0:1', false))).toBe('EADDRNOTAVAIL');
    expect(errnoOf(() => host.ifconfigSetAddress('eth7:1', ip4('10.1.1.2')))).toBe('ENODEV');
  });
});

describe('routes', () => {
  function lanHost(): NetStack {
    const { host } = machine();
    host.addAddress('eth0', { local: ip4('192.168.1.128'), prefixLen: 24, broadcast: '+' });
    host.addRoute({ dst: 0, prefixLen: 0, gateway: ip4('192.168.1.1') });
    return host;
  }
  const show = (h: NetStack): string[] =>
    h.routes().map((r) => `${r.type} ${formatIp4(r.dst)}/${r.prefixLen}${r.gateway !== undefined ? ` via ${formatIp4(r.gateway)}` : ''} ${r.proto}`);

  it('an address brings its connected route; a /32 does not', () => {
    const host = lanHost();
    host.addAddress('eth0', { local: ip4('10.0.0.1'), label: 'eth0:XX' });
    expect(show(host)).toEqual(['unicast 192.168.1.0/24 kernel', 'unicast 0.0.0.0/0 via 192.168.1.1 boot']);
    expect(host.isLocalAddress(ip4('10.0.0.1'))).toBe(true);
  });

  it.each([
    ['gateway off-link', { dst: ip4('10.0.0.0'), prefixLen: 8, gateway: ip4('172.16.0.1') }, 'ENETUNREACH', 'RTNETLINK answers: Network is unreachable'],
    ['existing destination', { dst: 0, prefixLen: 0, gateway: ip4('192.168.1.2') }, 'EEXIST', 'RTNETLINK answers: File exists'],
    ['host bits set', { dst: ip4('10.0.0.1'), prefixLen: 8, dev: 'eth0' }, 'EINVAL', 'RTNETLINK answers: Invalid argument'],
    ['unknown device', { dst: ip4('10.0.0.0'), prefixLen: 8, dev: 'eth9' }, 'ENODEV', 'Cannot find device "eth9"'],
    ['no device, no gateway', { dst: ip4('10.0.0.0'), prefixLen: 8 }, 'ENODEV', 'RTNETLINK answers: No such device'],
    ['source not local', { dst: ip4('10.0.0.0'), prefixLen: 8, dev: 'eth0', src: ip4('10.0.0.5') }, 'EINVAL', 'RTNETLINK answers: Invalid argument'],
  ] as const)('ip route add: %s', (_what, spec, errno, message) => {
    const host = lanHost();
    let error: SyscallError | undefined;
    try {
      host.addRoute(spec);
    } catch (e) {
      error = e as SyscallError;
    }
    expect(error?.code).toBe(errno);
    expect(ipErrorMessage(error!)).toBe(message);
  });

  it('ip route del of a missing route: No such process', () => {
    const host = lanHost();
    let error: SyscallError | undefined;
    try {
      host.deleteRoute({ dst: ip4('10.0.0.0'), prefixLen: 8 });
    } catch (e) {
      error = e as SyscallError;
    }
    expect(ipErrorMessage(error!)).toBe('RTNETLINK answers: No such process');
    host.deleteRoute({ dst: 0, prefixLen: 0 });
    expect(show(host)).toEqual(['unicast 192.168.1.0/24 kernel']);
  });

  it('a device going down loses every route through it; up brings back the kernel ones', () => {
    const host = lanHost();
    host.setLinkUp('eth0', false);
    expect(show(host)).toEqual([]);
    expect(errnoOf(() => host.routeOutput(ip4('192.168.1.1')))).toBe('ENETUNREACH');
    expect(errnoOf(() => host.addRoute({ dst: ip4('10.0.0.0'), prefixLen: 8, dev: 'eth0' }))).toBe('ENETDOWN');
    host.setLinkUp('eth0', true);
    expect(show(host)).toEqual(['unicast 192.168.1.0/24 kernel']);
  });

  it('deleting the last address of a device removes the routes through it', () => {
    const host = lanHost();
    host.deleteAddress('eth0', { local: ip4('192.168.1.128'), prefixLen: 24 });
    expect(show(host)).toEqual([]);
  });

  it('longest prefix wins, then the lowest metric; local table first', () => {
    const host = lanHost();
    host.addRoute({ dst: ip4('10.0.0.0'), prefixLen: 8, gateway: ip4('192.168.1.2') });
    host.addRoute({ dst: ip4('10.1.0.0'), prefixLen: 16, gateway: ip4('192.168.1.3') });
    host.addRoute({ dst: ip4('10.1.0.0'), prefixLen: 16, gateway: ip4('192.168.1.4'), metric: 5 });
    const via = (d: string): string => formatIp4(host.routeOutput(ip4(d)).nextHop);
    expect(via('10.2.3.4')).toBe('192.168.1.2');
    expect(via('10.1.3.4')).toBe('192.168.1.3');
    expect(via('8.8.8.8')).toBe('192.168.1.1');
    expect(via('192.168.1.77')).toBe('192.168.1.77');
    expect(host.routeOutput(ip4('192.168.1.128')).type).toBe('local');
    expect(host.routeOutput(ip4('192.168.1.128')).link.name).toBe('lo');
  });

  it.each([
    ['blackhole', 'EINVAL'],
    ['unreachable', 'EHOSTUNREACH'],
    ['prohibit', 'EACCES'],
  ] as const)('a %s route gives %s to local senders', (type, errno) => {
    const host = lanHost();
    host.addRoute({ dst: ip4('10.0.0.0'), prefixLen: 8, type });
    expect(errnoOf(() => host.routeOutput(ip4('10.1.2.3')))).toBe(errno);
  });

  it('no route at all: ENETUNREACH', () => {
    const { host } = machine();
    host.addAddress('eth0', { local: ip4('192.168.1.128'), prefixLen: 24 });
    expect(errnoOf(() => host.routeOutput(ip4('8.8.8.8')))).toBe('ENETUNREACH');
  });
});

describe('source address selection', () => {
  it.each([
    // [destination, expected source]
    ['192.168.1.1', '192.168.1.128'],
    ['8.8.8.8', '192.168.1.128'],
    ['10.0.0.5', '10.0.0.1'],
    ['127.0.0.1', '127.0.0.1'],
    ['192.168.1.128', '192.168.1.128'],
    ['10.0.0.1', '10.0.0.1'],
  ])('to %s the host uses %s', (dst, src) => {
    const { host } = machine();
    host.addAddress('eth0', { local: ip4('192.168.1.128'), prefixLen: 24 });
    host.addAddress('eth0', { local: ip4('10.0.0.1'), prefixLen: 24, label: 'eth0:XX' });
    host.addRoute({ dst: 0, prefixLen: 0, gateway: ip4('192.168.1.1') });
    expect(formatIp4(host.routeOutput(ip4(dst)).src)).toBe(src);
  });

  it("a route's src wins", () => {
    const { host } = machine();
    host.addAddress('eth0', { local: ip4('192.168.1.128'), prefixLen: 24 });
    host.addAddress('eth0', { local: ip4('10.0.0.1'), label: 'eth0:XX' });
    host.addRoute({ dst: 0, prefixLen: 0, gateway: ip4('192.168.1.1'), src: ip4('10.0.0.1') });
    expect(formatIp4(host.routeOutput(ip4('8.8.8.8')).src)).toBe('10.0.0.1');
  });

  it('an explicit source must be local (EINVAL)', () => {
    const { host } = machine();
    host.addAddress('eth0', { local: ip4('192.168.1.128'), prefixLen: 24 });
    expect(errnoOf(() => host.routeOutput(ip4('192.168.1.1'), { src: ip4('10.0.0.1') }))).toBe('EINVAL');
  });

  it('with an explicit output device and no route, the destination is taken as on-link', () => {
    const { host } = machine();
    host.addAddress('eth0', { local: ip4('192.168.1.128'), prefixLen: 24 });
    const out = host.routeOutput(ip4('172.16.9.9'), { oif: 'eth0' });
    expect([out.link.name, formatIp4(out.nextHop), formatIp4(out.src)]).toEqual(['eth0', '172.16.9.9', '192.168.1.128']);
  });
});

describe('links', () => {
  it('flags, carrier and qdisc follow the state', () => {
    const net = new Network();
    const host = net.addStack('h');
    const eth = host.addLink('eth0');
    expect(eth.activeQdisc).toBe('noop');
    host.setLinkUp('eth0', true);
    expect(eth.carrier).toBe(false); // not plugged
    expect(eth.running).toBe(false);
    net.plug(host, 'eth0', net.addSegment('lan'));
    expect(eth.running).toBe(true);
    expect(eth.activeQdisc).toBe('pfifo_fast');
    expect(errnoOf(() => host.addLink('eth0'))).toBe('EEXIST');
    expect(host.requireLink.bind(host, 'nope')).toThrow(NetError);
  });
});
