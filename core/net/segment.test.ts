import { describe, expect, it } from 'vitest';
import { formatIp4, ip4 } from './ip4.js';
import { Network } from './network.js';
import { resolveNeighbour } from './packet.js';
import { ping } from './icmp.js';
import { Segment, VLAN_TRUNK } from './segment.js';
import type { NetStack } from './stack.js';

/** Hosts `a`, `b`… on segments; each gets eth0 with the given address/24. */
function world(hosts: Array<{ name: string; segment: string; ip: string; vlan?: number }>, opts: { clock?: { t: number } } = {}) {
  const clock = opts.clock ?? { t: 0 };
  const net = new Network({ seed: 'seg', now: () => clock.t });
  for (const h of hosts) {
    const seg = net.segment(h.segment) ?? net.addSegment(h.segment);
    const s = net.addStack(h.name);
    net.plug(s, 'eth0', seg, h.vlan !== undefined ? { vlan: h.vlan } : {});
    s.addAddress('eth0', { local: ip4(h.ip), prefixLen: 24, broadcast: '+' });
    s.setLinkUp('eth0', true);
  }
  return { net, clock, s: (n: string) => net.stack(n)! };
}

function resolves(from: NetStack, ip: string): boolean {
  return resolveNeighbour(from, from.link('eth0')!, ip4(ip), undefined).ok;
}

describe('ARP and L2 segments', () => {
  it('resolves a neighbour on the same segment and caches it (both ways)', () => {
    const { s } = world([
      { name: 'a', segment: 'lan', ip: '192.168.1.10' },
      { name: 'b', segment: 'lan', ip: '192.168.1.20' },
    ]);
    const r = resolveNeighbour(s('a'), s('a').link('eth0')!, ip4('192.168.1.20'), ip4('192.168.1.10'));
    expect(r).toMatchObject({ ok: true, mac: s('b').link('eth0')!.mac });
    expect(s('a').neighbours().map((n) => [formatIp4(n.ip), n.state])).toEqual([['192.168.1.20', 'REACHABLE']]);
    // b learnt a's MAC from the request
    expect(s('b').neighbours().map((n) => [formatIp4(n.ip), n.state, n.mac])).toEqual([['192.168.1.10', 'STALE', s('a').link('eth0')!.mac]]);
  });

  it('frames do not cross into another segment', () => {
    const { s } = world([
      { name: 'a', segment: 'lan1', ip: '192.168.1.10' },
      { name: 'b', segment: 'lan2', ip: '192.168.1.20' },
    ]);
    expect(resolves(s('a'), '192.168.1.20')).toBe(false);
  });

  it('VLANs isolate ports of one segment; a trunk port sees every VLAN', () => {
    const { s } = world([
      { name: 'a', segment: 'vsw', ip: '192.168.1.10', vlan: 10 },
      { name: 'b', segment: 'vsw', ip: '192.168.1.20', vlan: 20 },
      { name: 'c', segment: 'vsw', ip: '192.168.1.30', vlan: 10 },
      { name: 't', segment: 'vsw', ip: '192.168.1.40', vlan: VLAN_TRUNK },
    ]);
    expect(resolves(s('a'), '192.168.1.20')).toBe(false);
    expect(resolves(s('a'), '192.168.1.30')).toBe(true);
    expect(resolves(s('a'), '192.168.1.40')).toBe(true);
  });

  it('a failed resolution stays INCOMPLETE for 3 s, then FAILED', () => {
    const clock = { t: 0 };
    const { s } = world([{ name: 'a', segment: 'lan', ip: '192.168.1.10' }], { clock });
    const r = resolveNeighbour(s('a'), s('a').link('eth0')!, ip4('192.168.1.99'), undefined);
    expect(r).toEqual({ ok: false, failAfterNs: 3e9 });
    clock.t = 1000;
    expect(resolveNeighbour(s('a'), s('a').link('eth0')!, ip4('192.168.1.99'), undefined)).toEqual({ ok: false, failAfterNs: 2e9 });
    clock.t = 3500;
    expect(s('a').neighbours()[0]!.state).toBe('FAILED');
  });

  it('a REACHABLE entry turns STALE after 30 s and is re-confirmed on use', () => {
    const clock = { t: 0 };
    const { s } = world(
      [
        { name: 'a', segment: 'lan', ip: '192.168.1.10' },
        { name: 'b', segment: 'lan', ip: '192.168.1.20' },
      ],
      { clock },
    );
    resolves(s('a'), '192.168.1.20');
    clock.t = 31_000;
    expect(s('a').neighbours()[0]!.state).toBe('STALE');
    resolves(s('a'), '192.168.1.20');
    expect(s('a').neighbours()[0]!.state).toBe('REACHABLE');
  });

  it('a powered-off or down machine does not answer', () => {
    const { s } = world([
      { name: 'a', segment: 'lan', ip: '192.168.1.10' },
      { name: 'b', segment: 'lan', ip: '192.168.1.20' },
      { name: 'c', segment: 'lan', ip: '192.168.1.30' },
    ]);
    s('b').powered = false;
    s('c').setLinkUp('eth0', false);
    expect(resolves(s('a'), '192.168.1.20')).toBe(false);
    expect(resolves(s('a'), '192.168.1.30')).toBe(false);
  });

  it('arp_ignore=1 answers only for addresses of the receiving link', () => {
    const { s } = world([
      { name: 'a', segment: 'lan', ip: '192.168.1.10' },
      { name: 'b', segment: 'lan', ip: '192.168.1.20' },
    ]);
    s('b').addAddress('lo', { local: ip4('10.5.5.5') });
    expect(resolves(s('a'), '10.5.5.5')).toBe(true); // Linux answers for any local address
    s('a').flushNeighbours();
    s('b').sysctl.arpIgnore = 1;
    expect(resolves(s('a'), '10.5.5.5')).toBe(false);
  });

  it('uplinks join segments; a vSwitch does not forward between its uplinks', () => {
    const clock = { t: 0 };
    const net = new Network({ now: () => clock.t });
    const phys = net.addSegment('pswitch');
    const vsw1 = net.addSegment('vSwitch1', { kind: 'vswitch' });
    const vsw2 = net.addSegment('vSwitch2', { kind: 'vswitch' });
    Segment.join(vsw1, phys);
    Segment.join(vsw2, phys);
    const mk = (name: string, seg: Segment, ip: string): NetStack => {
      const st = net.addStack(name);
      net.plug(st, 'eth0', seg);
      st.addAddress('eth0', { local: ip4(ip), prefixLen: 24 });
      st.setLinkUp('eth0', true);
      return st;
    };
    const vm1 = mk('vm1', vsw1, '10.0.0.1');
    mk('vm2', vsw2, '10.0.0.2');
    mk('pc', phys, '10.0.0.3');
    expect(resolves(vm1, '10.0.0.2')).toBe(true); // vSwitch1 → pswitch → vSwitch2
    expect(resolves(vm1, '10.0.0.3')).toBe(true);
    // Two uplinks of the same vSwitch into two isolated physical switches: no bridging between them.
    const net2 = new Network();
    const sw = net2.addSegment('vSwitch0', { kind: 'vswitch' });
    const p1 = net2.addSegment('p1');
    const p2 = net2.addSegment('p2');
    Segment.join(sw, p1);
    Segment.join(sw, p2);
    const x = net2.addStack('x');
    net2.plug(x, 'eth0', p1);
    x.addAddress('eth0', { local: ip4('10.0.0.1'), prefixLen: 24 });
    x.setLinkUp('eth0', true);
    const y = net2.addStack('y');
    net2.plug(y, 'eth0', p2);
    y.addAddress('eth0', { local: ip4('10.0.0.2'), prefixLen: 24 });
    y.setLinkUp('eth0', true);
    expect(resolves(x, '10.0.0.2')).toBe(false);
  });

  it('port policies: forged transmits and MAC changes rejected', () => {
    const { net, s } = world([
      { name: 'a', segment: 'vsw', ip: '192.168.1.10' },
      { name: 'b', segment: 'vsw', ip: '192.168.1.20' },
    ]);
    const seg = net.segment('vsw')!;
    seg.policy = { forgedTransmits: false, macChanges: false };
    s('a').setLinkMac('eth0', '02:00:00:00:00:01');
    expect(resolves(s('a'), '192.168.1.20')).toBe(false); // a's frames carry a forged source MAC
    seg.policy = { macChanges: false };
    s('a').flushNeighbours();
    s('b').flushNeighbours();
    expect(resolves(s('a'), '192.168.1.20')).toBe(false); // the request goes out, the reply to a's new MAC is dropped
    seg.policy = {};
    s('a').flushNeighbours();
    expect(resolves(s('a'), '192.168.1.20')).toBe(true);
  });

  it('a promiscuous port sees unicast frames of others (reach)', () => {
    const { net, s } = world([
      { name: 'a', segment: 'vsw', ip: '192.168.1.10' },
      { name: 'b', segment: 'vsw', ip: '192.168.1.20' },
      { name: 'spy', segment: 'vsw', ip: '192.168.1.30' },
    ]);
    const seg = net.segment('vsw')!;
    const spyPort = s('spy').link('eth0')!.port!;
    spyPort.policy = { promiscuous: true };
    const aPort = s('a').link('eth0')!.port!;
    const reach = seg.reach(aPort, { src: s('a').link('eth0')!.mac, dst: s('b').link('eth0')!.mac, bytes: 98 });
    expect(reach.map((r) => [r.port.nic!.stack.name, r.promiscuous])).toEqual([
      ['b', false],
      ['spy', true],
    ]);
  });

  it('an unplugged cable: no carrier, ping finds no neighbour', () => {
    const { s } = world([
      { name: 'a', segment: 'lan', ip: '192.168.1.10' },
      { name: 'b', segment: 'lan', ip: '192.168.1.20' },
    ]);
    s('b').link('eth0')!.port!.connected = false;
    expect(s('b').link('eth0')!.running).toBe(false);
    const res = ping(s('a'), { destination: ip4('192.168.1.20') });
    expect(res.probes[0]!.kind).toBe('error');
  });
});
