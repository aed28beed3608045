import { describe, expect, it } from 'vitest';
import { SyscallError } from '../kernel/errno.js';
import { formatPingTime, mayOpenRawIcmp, ping, pingSizes, pingStatistics, preparePing, type PingProbe } from './icmp.js';
import { formatIp4, ip4 } from './ip4.js';
import { NetContext } from './context.js';
import { SECOND_HOST, SEED_GATEWAY, SEED_HOST, SEED_INTERNET, seedLan } from './preset.js';

function lan(opts: { secondHost?: boolean } = {}) {
  const clock = { t: 0 };
  const net = seedLan({ ...opts, now: () => clock.t });
  const advance = (ms: number): void => {
    clock.t += ms;
  };
  return { net, clock, advance, host: net.stack(SEED_HOST)!, gw: net.stack(SEED_GATEWAY)! };
}

/** A probe as iputils would print it (the tests' readable form). */
function line(p: PingProbe): string {
  switch (p.kind) {
    case 'reply':
      return `${p.bytes} bytes from ${formatIp4(p.from)}: icmp_seq=${p.seq} ttl=${p.ttl} time=${formatPingTime(p.rttUs)} ms`;
    case 'error':
      return `From ${formatIp4(p.from)} icmp_seq=${p.seq} ${p.message}`;
    case 'lost':
      return `(icmp_seq=${p.seq} lost)`;
    case 'send-error':
      return `ping: sendmsg: ${p.errno}`;
  }
}

function errorOf(fn: () => unknown): SyscallError | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof SyscallError) return e;
    throw e;
  }
  return undefined;
}

describe('ping over the model', () => {
  it('the seed: the gateway answers with ttl=128 in 1.13 ms', () => {
    const { host } = lan();
    expect(pingSizes()).toEqual({ data: 56, icmp: 64, ip: 84 });
    const res = ping(host, { destination: ip4('192.168.1.1') });
    expect(res.probes.map(line)).toEqual(['64 bytes from 192.168.1.1: icmp_seq=0 ttl=128 time=1.13 ms']);
    expect([res.transmitted, res.received, res.lossPercent]).toEqual([1, 1, 0]);
  });

  it('the seed: after chbind --ip 10.0.0.1 every reply is lost, by the model alone', () => {
    const { host, gw, net } = lan();
    host.addAddress('eth0', { local: ip4('10.0.0.1'), label: 'eth0:XX' });
    // chbind --ip 10.0.0.1 (default mask 255.255.255.0), run by root on the host
    const ctx = host.setIpv4root(undefined, { addresses: [{ ip: ip4('10.0.0.1'), mask: ip4('255.255.255.0') }] }, { hasNetAdmin: true });
    const gwRx = gw.link('eth0')!.stats.rxPackets;
    const gwUpTx = gw.link('eth1')!.stats.txPackets;
    const res = ping(host, { destination: ip4('192.168.1.1'), ctx });
    expect(formatIp4(res.source)).toBe('10.0.0.1');
    expect(res.probes.map(line)).toEqual(['(icmp_seq=0 lost)']);
    expect([res.transmitted, res.received, res.lossPercent]).toEqual([1, 0, 100]);
    // The request did reach the gateway; its reply left through the upstream link.
    expect(gw.link('eth0')!.stats.rxPackets).toBe(gwRx + 1);
    expect(gw.link('eth1')!.stats.txPackets).toBeGreaterThan(gwUpTx);
    expect(res.probes[0]).toMatchObject({ reason: expect.stringContaining(SEED_INTERNET) });
    // And it is routing, not magic: give the gateway a route back and the replies come home.
    gw.addRoute({ dst: ip4('10.0.0.0'), prefixLen: 24, gateway: ip4('192.168.1.128') });
    expect(ping(host, { destination: ip4('192.168.1.1'), ctx }).received).toBe(1);
    void net;
  });

  it('connect: Network is unreachable without a route', () => {
    const { host } = lan();
    host.deleteRoute({ dst: 0, prefixLen: 0 });
    const e = errorOf(() => preparePing(host, { destination: ip4('8.8.8.8') }));
    expect([e?.code, e?.detail]).toEqual(['ENETUNREACH', 'connect']);
  });

  it('the Internet is offline: 100% loss, no error', () => {
    const { host } = lan();
    const res = ping(host, { destination: ip4('8.8.8.8') });
    expect([res.received, res.errors, res.lossPercent]).toEqual([0, 0, 100]);
  });

  it('a host that is down: Destination Host Unreachable from our own address, 3 s later, in bursts', () => {
    const { host, net, advance } = lan({ secondHost: true });
    net.stack(SECOND_HOST)!.powered = false;
    const res = ping(host, { destination: ip4('192.168.1.129'), count: 4 }, advance);
    expect(res.probes.map(line)).toEqual([
      'From 192.168.1.128 icmp_seq=0 Destination Host Unreachable',
      'From 192.168.1.128 icmp_seq=1 Destination Host Unreachable',
      'From 192.168.1.128 icmp_seq=2 Destination Host Unreachable',
      'From 192.168.1.128 icmp_seq=3 Destination Host Unreachable',
    ]);
    // probes 0-2 fail together when the first resolution gives up; probe 3 starts a new one
    expect(res.probes.map((p) => (p.kind === 'error' ? Math.round(p.afterUs / 1e5) / 10 : -1))).toEqual([3, 2, 1, 3]);
    expect([res.transmitted, res.received, res.errors, res.lossPercent]).toEqual([4, 0, 4, 100]);
    expect(host.neighbours().find((n) => formatIp4(n.ip) === '192.168.1.129')?.state).toBe('INCOMPLETE');
  });

  it('a known host switched off: its stale ARP entry is used, the packets vanish', () => {
    const { host, net, advance } = lan({ secondHost: true });
    expect(ping(host, { destination: ip4('192.168.1.129') }).received).toBe(1);
    net.stack(SECOND_HOST)!.powered = false;
    advance(1000);
    const res = ping(host, { destination: ip4('192.168.1.129') });
    expect(res.probes.map(line)).toEqual(['(icmp_seq=0 lost)']);
  });

  it('a Linux host answers with ttl=64 in about 0.12 ms (0.24 with ARP); icmp_echo_ignore_all silences it', () => {
    const { host, net } = lan({ secondHost: true });
    const other = net.stack(SECOND_HOST)!;
    // The first probe pays for the ARP exchange.
    expect(ping(host, { destination: ip4('192.168.1.129'), count: 2 }).probes.map(line)).toEqual([
      '64 bytes from 192.168.1.129: icmp_seq=0 ttl=64 time=0.237 ms',
      '64 bytes from 192.168.1.129: icmp_seq=1 ttl=64 time=0.121 ms',
    ]);
    other.sysctl.icmpEchoIgnoreAll = true;
    expect(ping(host, { destination: ip4('192.168.1.129') }).received).toBe(0);
  });

  it('ttl seen at the sender drops by one per router', () => {
    const { host } = lan();
    const res = ping(host, { destination: ip4('198.51.100.1') });
    expect(res.probes[0]).toMatchObject({ kind: 'reply', ttl: 63 });
  });

  it('-t 1 through the gateway: Time to live exceeded from 192.168.1.1', () => {
    const { host } = lan();
    expect(ping(host, { destination: ip4('198.51.100.1'), ttl: 1 }).probes.map(line)).toEqual(['From 192.168.1.1 icmp_seq=0 Time to live exceeded']);
  });

  it('a router without a route answers Destination Net Unreachable', () => {
    const { host, gw } = lan();
    gw.deleteRoute({ dst: 0, prefixLen: 0 });
    expect(ping(host, { destination: ip4('8.8.8.8') }).probes.map(line)).toEqual(['From 192.168.1.1 icmp_seq=0 Destination Net Unreachable']);
  });

  it('loopback: 127.0.0.1 and our own address answer in 0.035 ms', () => {
    const { host } = lan();
    expect(ping(host, { destination: ip4('127.0.0.1') }).probes.map(line)).toEqual(['64 bytes from 127.0.0.1: icmp_seq=0 ttl=64 time=0.035 ms']);
    expect(ping(host, { destination: ip4('192.168.1.128') }).probes.map(line)).toEqual(['64 bytes from 192.168.1.128: icmp_seq=0 ttl=64 time=0.035 ms']);
  });

  it('-I with a foreign source: ping: bind: Cannot assign requested address', () => {
    const { host } = lan();
    expect(errorOf(() => preparePing(host, { destination: ip4('192.168.1.1'), source: ip4('10.9.9.9') }))?.code).toBe('EADDRNOTAVAIL');
    const ctx = new NetContext(40, { addresses: [{ ip: ip4('10.0.0.1'), mask: ip4('255.255.255.0') }] });
    expect(errorOf(() => preparePing(host, { destination: ip4('192.168.1.1'), source: ip4('192.168.1.128'), ctx }))?.code).toBe('EADDRNOTAVAIL');
  });

  it('-I eth0, -s 1000', () => {
    const { host } = lan();
    const res = ping(host, { destination: ip4('192.168.1.1'), device: 'eth0', dataBytes: 1000 });
    expect(res.probes[0]).toMatchObject({ kind: 'reply', bytes: 1008 });
    expect((res.probes[0] as { rttUs: number }).rttUs).toBeGreaterThan(1130);
  });

  it('a route that vanishes during the ping: sendmsg fails', () => {
    const { host } = lan();
    const session = preparePing(host, { destination: ip4('192.168.1.1') });
    host.setLinkUp('eth0', false);
    expect(session.probe(1)).toEqual({ seq: 1, kind: 'send-error', errno: 'ENETUNREACH' });
  });

  it('statistics as iputils computes them', () => {
    const r = (seq: number, rttUs: number): PingProbe => ({ seq, kind: 'reply', from: 1, ttl: 64, rttUs, bytes: 64 });
    const stats = pingStatistics([r(0, 1000), { seq: 1, kind: 'lost', reason: '' }, r(2, 3000)]);
    expect(stats).toEqual({ transmitted: 3, received: 2, errors: 0, lossPercent: 33, rtt: { min: 1000, avg: 2000, max: 3000, mdev: 1000 } });
  });

  it.each([
    [1130, '1.13'],
    [45, '0.045'],
    [12345, '12.3'],
    [123456, '123'],
    [1005, '1.00'],
  ])('time=%s µs prints %s', (us, text) => {
    expect(formatPingTime(us)).toBe(text);
  });

  it('jitter is deterministic', () => {
    const a = lan();
    const b = lan();
    a.gw.timing.jitterNs = 50_000;
    b.gw.timing.jitterNs = 50_000;
    const pa = ping(a.host, { destination: ip4('192.168.1.1'), count: 5 }, a.advance).probes;
    const pb = ping(b.host, { destination: ip4('192.168.1.1'), count: 5 }, b.advance).probes;
    expect(pa).toEqual(pb);
    expect(new Set(pa.map((p) => (p as { rttUs: number }).rttUs)).size).toBeGreaterThan(1);
  });

  it('raw ICMP permission inputs', () => {
    const ctx = new NetContext(3, { ncaps: ['raw_icmp'] });
    expect(mayOpenRawIcmp({ hasCapNetRaw: true })).toBe(true);
    expect(mayOpenRawIcmp({ hasCapNetRaw: false })).toBe(false);
    expect(mayOpenRawIcmp({ hasCapNetRaw: false, ctx })).toBe(true);
    expect(mayOpenRawIcmp({ hasCapNetRaw: false, contextRawIcmp: true })).toBe(true);
  });
});
