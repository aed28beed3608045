import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SyscallError } from '../kernel/errno.js';
import { formatIfconfig, formatIpAddr, formatIpNeigh, formatIpRoute, formatNetstat } from './format.js';
import { ping } from './icmp.js';
import { inSubnet, ip4, networkAddress } from './ip4.js';
import { Network } from './network.js';
import { SECOND_HOST, SEED_HOST, seedLan, seedLanSpec } from './preset.js';
import { RT_SCOPE, type RouteType } from './route.js';
import { Segment } from './segment.js';
import type { NetStack } from './stack.js';

describe('snapshot and restore', () => {
  it('round-trips the seed LAN through JSON, connections and contexts included', () => {
    const clock = { t: 5000 };
    const net = seedLan({ secondHost: true, now: () => clock.t });
    const host = net.stack(SEED_HOST)!;
    const other = net.stack(SECOND_HOST)!;
    host.addAddress('eth0', { local: ip4('10.0.0.1'), label: 'eth0:XX' });
    const ctx = host.setIpv4root(undefined, { addresses: [{ ip: ip4('10.0.0.1'), mask: ip4('255.255.255.0') }] }, { hasNetAdmin: true });
    const srv = other.sockets.create('tcp', { owner: { pid: 77, program: 'sshd' } });
    srv.bind(0, 22);
    srv.listen();
    const cli = host.sockets.create('tcp');
    cli.connect(ip4('192.168.1.129'), 22);
    cli.write('pending');
    ping(host, { destination: ip4('192.168.1.129') });

    const snap = JSON.parse(JSON.stringify(net.snapshot()));
    const copy = Network.restore(snap, { now: () => clock.t });
    expect(JSON.parse(JSON.stringify(copy.snapshot()))).toEqual(snap);
    const h2 = copy.stack(SEED_HOST)!;
    const o2 = copy.stack(SECOND_HOST)!;
    for (const f of [formatIpAddr, formatIpRoute, formatIfconfig, formatIpNeigh] as const) expect(f(h2)).toBe(f(host));
    expect(formatNetstat(o2, { all: true, numeric: true, programs: true })).toBe(formatNetstat(other, { all: true, numeric: true, programs: true }));
    expect(h2.context(ctx.nid)?.addresses).toEqual(ctx.addresses);

    // The restored world keeps working: the pending connection, new connections, ping.
    const conn = o2.sockets.all().find((s) => s.state === 'LISTEN')!.tryAccept()!;
    expect(conn.tryRead()).toBe('pending');
    conn.write('pong');
    expect(copy.socketById(cli.id)!.tryRead()).toBe('pong');
    expect(ping(h2, { destination: ip4('192.168.1.1') }).received).toBe(1);
    expect(ping(h2, { destination: ip4('192.168.1.1'), ctx: h2.context(ctx.nid)! }).received).toBe(0);
    // and the original is untouched
    expect(other.sockets.all().find((s) => s.state === 'LISTEN')!.pendingConnections).toBe(1);
  });

  it('keeps uplinks and VLANs', () => {
    const net = new Network();
    const a = net.addSegment('vSwitch0', { kind: 'vswitch' });
    const b = net.addSegment('pswitch');
    Segment.join(a, b);
    const vm = net.addStack('vm');
    net.plug(vm, 'eth0', a, { vlan: 10 });
    const copy = Network.restore(JSON.parse(JSON.stringify(net.snapshot())));
    const port = copy.stack('vm')!.link('eth0')!.port!;
    expect([port.segment.name, port.vlan]).toEqual(['vSwitch0', 10]);
    expect(copy.segment('vSwitch0')!.ports.find((p) => p.kind === 'uplink')!.peer!.segment.name).toBe('pswitch');
  });

  it('builds from data', () => {
    const spec = seedLanSpec();
    expect(spec.hosts.map((h) => h.name)).toEqual(['scivm-xm4', 'gateway', 'internet']);
    const net = seedLan();
    expect(net.stack(SEED_HOST)!.hostname).toBe('scivm-xm4.unilim.fr');
  });
});

// ---------------------------------------------------------------------------------------------
// Property: random address/route/link operations only ever fail with SyscallError, and the
// tables stay consistent.

const pool = ['10.0.0.1', '10.0.0.2', '10.0.1.1', '192.168.1.1', '192.168.1.128', '127.0.0.2', '0.0.0.0', '10.0.0.0'].map(ip4);
const devs = ['lo', 'eth0', 'eth1', 'eth9'];
const prefixes = [0, 8, 16, 24, 30, 31, 32, 33];

type Op =
  | { op: 'addAddr'; dev: string; local: number; prefixLen?: number; label?: string; brd?: '+' | '-'; scope?: number }
  | { op: 'delAddr'; dev: string; local: number; prefixLen?: number }
  | { op: 'addRoute'; dst: number; prefixLen: number; gateway?: number; dev?: string; type?: RouteType; src?: number; metric?: number }
  | { op: 'delRoute'; dst: number; prefixLen: number; dev?: string }
  | { op: 'link'; dev: string; up: boolean }
  | { op: 'ifcAddr'; label: string; local: number }
  | { op: 'ifcMask'; label: string; prefixLen: number }
  | { op: 'ifcDown'; label: string }
  | { op: 'flush'; dev: string };

const opt = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(a, { nil: undefined });
const addr = fc.constantFrom(...pool);
const dev = fc.constantFrom(...devs);
const label = fc.constantFrom('eth0:1', 'eth0:XX', 'eth1:a', 'lo:1', 'eth0');

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    op: fc.constant('addAddr' as const),
    dev,
    local: addr,
    prefixLen: opt(fc.constantFrom(...prefixes)),
    label: opt(label),
    brd: opt(fc.constantFrom('+' as const, '-' as const)),
    scope: opt(fc.constantFrom(RT_SCOPE.global, RT_SCOPE.link, RT_SCOPE.host)),
  }),
  fc.record({ op: fc.constant('delAddr' as const), dev, local: addr, prefixLen: opt(fc.constantFrom(...prefixes)) }),
  fc.record({
    op: fc.constant('addRoute' as const),
    dst: addr,
    prefixLen: fc.constantFrom(...prefixes),
    gateway: opt(addr),
    dev: opt(dev),
    type: opt(fc.constantFrom<RouteType>('unicast', 'blackhole', 'unreachable', 'local')),
    src: opt(addr),
    metric: opt(fc.constantFrom(0, 5)),
  }),
  fc.record({ op: fc.constant('delRoute' as const), dst: addr, prefixLen: fc.constantFrom(...prefixes), dev: opt(dev) }),
  fc.record({ op: fc.constant('link' as const), dev, up: fc.boolean() }),
  fc.record({ op: fc.constant('ifcAddr' as const), label, local: addr }),
  fc.record({ op: fc.constant('ifcMask' as const), label, prefixLen: fc.constantFrom(8, 24, 32) }),
  fc.record({ op: fc.constant('ifcDown' as const), label }),
  fc.record({ op: fc.constant('flush' as const), dev }),
);

function apply(h: NetStack, o: Op): void {
  switch (o.op) {
    case 'addAddr':
      h.addAddress(o.dev, { local: o.local, ...(o.prefixLen !== undefined ? { prefixLen: o.prefixLen } : {}), ...(o.label ? { label: o.label } : {}), ...(o.brd ? { broadcast: o.brd } : {}), ...(o.scope !== undefined ? { scope: o.scope } : {}) });
      return;
    case 'delAddr':
      h.deleteAddress(o.dev, { local: o.local, ...(o.prefixLen !== undefined ? { prefixLen: o.prefixLen } : {}) });
      return;
    case 'addRoute':
      h.addRoute({
        dst: o.dst,
        prefixLen: o.prefixLen,
        ...(o.gateway !== undefined ? { gateway: o.gateway } : {}),
        ...(o.dev ? { dev: o.dev } : {}),
        ...(o.type ? { type: o.type } : {}),
        ...(o.src !== undefined ? { src: o.src } : {}),
        ...(o.metric ? { metric: o.metric } : {}),
      });
      return;
    case 'delRoute':
      h.deleteRoute({ dst: o.dst, prefixLen: o.prefixLen, ...(o.dev ? { dev: o.dev } : {}) });
      return;
    case 'link':
      h.setLinkUp(o.dev, o.up);
      return;
    case 'ifcAddr':
      h.ifconfigSetAddress(o.label, o.local);
      return;
    case 'ifcMask':
      h.ifconfigSetNetmask(o.label, (0xffffffff << (32 - o.prefixLen)) >>> 0);
      return;
    case 'ifcDown':
      h.ifconfigSetUp(o.label, false);
      return;
    case 'flush':
      h.flushAddresses(o.dev);
      return;
  }
}

function checkInvariants(h: NetStack): void {
  const all = h.addresses();
  for (const link of h.links) {
    const list = h.addresses(link.name);
    list.forEach((a, i) => {
      expect(a.label.startsWith(link.name)).toBe(true);
      expect(a.local).not.toBe(0);
      // no duplicate (local, prefix) on a link
      expect(list.findIndex((b) => b.local === a.local && b.prefixLen === a.prefixLen)).toBe(i);
      // a secondary has a primary of the same subnet; a primary has none before it
      const primary = list.find((b) => !b.secondary && b.prefixLen === a.prefixLen && inSubnet(b.local, a.local, a.prefixLen));
      if (a.secondary) expect(primary).toBeDefined();
      else expect(primary).toBe(a);
    });
  }
  for (const r of h.routes('all')) {
    if (r.dev !== undefined) {
      const link = h.linkByIndex(r.dev);
      expect(link).toBeDefined();
      expect(link!.adminUp).toBe(true);
    }
    // (a user route's src only has to be local when added: 127.0.0.2 is, through lo's /8)
    if (r.proto === 'kernel' && r.src !== undefined) expect(h.hasAddress(r.src)).toBe(true);
    if (r.proto === 'kernel') {
      // every connected route belongs to an existing (primary) address of its link
      const owners = all.filter((a) => a.link.index === r.dev);
      if (r.table === 'main') {
        expect(owners.some((a) => !a.secondary && a.local === r.src && a.prefixLen === r.prefixLen && networkAddress(a.local, a.prefixLen) === r.dst)).toBe(true);
      } else if (r.type === 'local' && r.prefixLen === 32) {
        expect(owners.some((a) => a.local === r.dst)).toBe(true);
      } else {
        expect(owners.length).toBeGreaterThan(0);
      }
    }
  }
}

function fresh(): NetStack {
  const net = new Network({ seed: 'prop' });
  const h = net.addStack('h');
  const lan = net.addSegment('lan');
  net.plug(h, 'eth0', lan);
  h.addLink('eth1');
  h.setLinkUp('eth0', true);
  return h;
}

describe('property: address and route operations', () => {
  it('throw only SyscallError and keep the tables consistent', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 40 }), (ops) => {
        const h = fresh();
        for (const o of ops) {
          try {
            apply(h, o);
          } catch (e) {
            if (!(e instanceof SyscallError)) throw e;
          }
          checkInvariants(h);
        }
        // and the state survives a snapshot
        const snap = JSON.parse(JSON.stringify(h.network.snapshot()));
        expect(JSON.parse(JSON.stringify(Network.restore(snap).snapshot()))).toEqual(snap);
      }),
      { numRuns: 300 },
    );
  });
});
