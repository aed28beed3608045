import { describe, expect, it } from 'vitest';
import { SyscallError, type ErrnoName } from '../kernel/errno.js';
import { checkIpv4root, NB_IPV4ROOT, NetContext, type NxAddr } from './context.js';
import { formatIp4, ip4 } from './ip4.js';
import { seedLan } from './preset.js';

const entry = (ip: string, mask = '255.255.255.0'): NxAddr => ({ ip: ip4(ip), mask: ip4(mask) });

function errnoOf(fn: () => unknown): ErrnoName | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof SyscallError) return e.code;
    throw e;
  }
  return undefined;
}

describe('NetContext', () => {
  it('membership is exact; 0.0.0.0 first means unrestricted', () => {
    const c = new NetContext(5, { addresses: [entry('10.0.0.1')] });
    expect(c.has(ip4('10.0.0.1'))).toBe(true);
    expect(c.has(ip4('10.0.0.2'))).toBe(false);
    expect(c.has(ip4('127.0.0.1'))).toBe(false);
    expect(new NetContext(6, { addresses: [entry('0.0.0.0')] }).has(ip4('1.2.3.4'))).toBe(true);
    expect(c.mayBind(ip4('255.255.255.255'))).toBe(true); // its broadcast
  });

  it('flag and capability bits', () => {
    const c = new NetContext(5, { flags: ['hide_netif', 'single_ip', 'state_admin'], ncaps: ['raw_icmp'] });
    expect(c.flagBits()).toBe(0x2000000n | 0x100n | (1n << 34n));
    expect(c.ncapBits()).toBe(0x100n);
    expect(c.infoLines()).toEqual([]);
    expect(new NetContext(7, { addresses: [entry('10.0.0.1')] }).infoLines()).toEqual(['0:\t10.0.0.1/255.255.255.0']);
  });

  it.each([
    // [current list, requested list, CAP_NET_ADMIN, expected errno]
    ['no context yet', undefined, ['10.0.0.1'], false, undefined],
    ['narrowing', ['10.0.0.1', '10.0.0.2'], ['10.0.0.2'], false, undefined],
    ['widening', ['10.0.0.1'], ['10.0.0.1', '10.0.0.2'], false, 'EPERM'],
    ['another address', ['10.0.0.1'], ['10.0.0.3'], false, 'EPERM'],
    ['another address with CAP_NET_ADMIN', ['10.0.0.1'], ['10.0.0.3'], true, undefined],
    ['from an unrestricted context', ['0.0.0.0'], ['10.0.0.3'], false, undefined],
  ] as const)('chained restriction: %s', (_what, current, requested, admin, errno) => {
    const cur = current ? new NetContext(1, { addresses: current.map((a) => entry(a)) }) : undefined;
    expect(errnoOf(() => checkIpv4root(cur, { addresses: requested.map((a) => entry(a)) }, admin))).toBe(errno);
  });

  it('another broadcast address is refused to a restricted caller', () => {
    const cur = new NetContext(1, { addresses: [entry('10.0.0.1')], broadcast: ip4('10.0.0.255') });
    expect(errnoOf(() => checkIpv4root(cur, { addresses: [entry('10.0.0.1')] }, false))).toBe('EPERM');
    expect(errnoOf(() => checkIpv4root(cur, { addresses: [entry('10.0.0.1')], broadcast: ip4('10.0.0.255') }, false))).toBeUndefined();
  });

  it('at most 16 addresses (EINVAL)', () => {
    const many = Array.from({ length: NB_IPV4ROOT + 1 }, (_, i) => entry(`10.0.0.${i + 1}`));
    expect(errnoOf(() => checkIpv4root(undefined, { addresses: many }, true))).toBe('EINVAL');
    expect(errnoOf(() => checkIpv4root(undefined, { addresses: many.slice(0, 16) }, true))).toBeUndefined();
  });

  it('setIpv4root creates a fresh context on the stack', () => {
    const host = seedLan().stack('scivm-xm4')!;
    const a = host.setIpv4root(undefined, { addresses: [entry('10.0.0.1')] }, { hasNetAdmin: true });
    const b = host.setIpv4root(a, { addresses: [entry('10.0.0.1')] }, { hasNetAdmin: false });
    expect(a.nid).not.toBe(b.nid);
    expect(host.context(b.nid)).toBe(b);
    expect(errnoOf(() => host.setIpv4root(b, { addresses: [entry('192.168.1.128')] }, { hasNetAdmin: false }))).toBe('EPERM');
  });
});

describe('source selection in a network context (vs2.0 ip_find_src)', () => {
  function host() {
    const h = seedLan().stack('scivm-xm4')!;
    h.addAddress('eth0', { local: ip4('10.0.0.1'), label: 'eth0:XX' });
    h.addAddress('eth0', { local: ip4('192.168.1.140'), prefixLen: 24, label: 'eth0:1' });
    return h;
  }
  it.each([
    // [context addresses, destination, expected source, expected destination]
    [['10.0.0.1'], '192.168.1.1', '10.0.0.1', '192.168.1.1'],
    [['10.0.0.1', '192.168.1.140'], '192.168.1.1', '192.168.1.140', '192.168.1.1'],
    [['10.0.0.1', '192.168.1.128'], '192.168.1.1', '192.168.1.128', '192.168.1.1'],
    [['192.168.1.140', '10.0.0.1'], '10.0.0.7', '192.168.1.140', '10.0.0.7'],
    [['10.0.0.1'], '127.0.0.1', '10.0.0.1', '10.0.0.1'],
  ])('context %j to %s: source %s', (list, dst, src, finalDst) => {
    const h = host();
    const ctx = h.createContext(undefined, { addresses: list.map((a) => entry(a)) });
    const out = h.routeFor(ip4(dst), { ctx });
    expect([formatIp4(out.src), formatIp4(out.dst)]).toEqual([src, finalDst]);
  });

  it('an explicit source outside the list is EPERM', () => {
    const h = host();
    const ctx = h.createContext(undefined, { addresses: [entry('10.0.0.1')] });
    expect(errnoOf(() => h.routeFor(ip4('192.168.1.1'), { ctx, src: ip4('192.168.1.128') }))).toBe('EPERM');
  });

  it('a context address that is not configured on the host cannot send (EINVAL)', () => {
    const h = host();
    const ctx = h.createContext(undefined, { addresses: [entry('10.9.9.9')] });
    expect(errnoOf(() => h.routeFor(ip4('192.168.1.1'), { ctx }))).toBe('EINVAL');
  });

  it('there is no per-context routing table: a context uses the host routes', () => {
    const h = host();
    const ctx = h.createContext(undefined, { addresses: [entry('10.0.0.1')] });
    expect(h.routeFor(ip4('8.8.8.8'), { ctx }).nextHop).toBe(ip4('192.168.1.1'));
  });
});
