/**
 * Declaring a network from data, and the seed's LAN.
 *
 * The seed (slide "Jouer avec le réseau") shows a host scivm-xm4.unilim.fr with eth0
 * 192.168.1.128/24 pinging its gateway 192.168.1.1, which answers with ttl=128 (a Windows-like
 * router) in 1.13 ms. The gateway's upstream is an "internet" stub that drops everything it
 * cannot route: the lab is offline, and replies addressed to a private address that the
 * gateway does not know (the seed's 10.0.0.1) leave through the default route and vanish.
 */
import { broadcastAddress, ip4, parseCidr, type Ip4 } from './ip4.js';
import type { LinkHardware } from './link.js';
import { Network } from './network.js';
import type { RouteType } from './route.js';
import type { SegmentOptions } from './segment.js';
import type { Sysctl, StackTiming } from './stack.js';

export interface AddressDecl {
  /** "192.168.1.128/24" (a bare address means /32). */
  cidr: string;
  /** Alias label ("eth0:1"). */
  label?: string;
  /** Default '+' (computed, as ifup/ifconfig set it); 'none' for no broadcast. */
  broadcast?: string | '+' | 'none';
}

export interface InterfaceSpec {
  name: string;
  /** The segment the NIC is plugged into (none: no carrier). */
  segment?: string;
  vlan?: number;
  addresses?: Array<string | AddressDecl>;
  mac?: string;
  mtu?: number;
  /** Default true. */
  up?: boolean;
  hw?: LinkHardware;
}

export interface RouteDecl {
  /** "default" or "10.0.0.0/8". */
  to: string;
  via?: string;
  dev?: string;
  type?: RouteType;
  src?: string;
  metric?: number;
}

export interface HostSpec {
  /** Unique machine name in the network. */
  name: string;
  hostname?: string;
  interfaces: InterfaceSpec[];
  routes?: RouteDecl[];
  /** ip_forward. */
  forwarding?: boolean;
  /** ip_default_ttl (128 for a Windows-like machine). */
  ttl?: number;
  sysctl?: Partial<Sysctl>;
  timing?: Partial<StackTiming>;
  /** Addresses already in the ARP cache at boot (resolved against the world). */
  warmNeighbours?: string[];
  /** Default true. */
  powered?: boolean;
}

export interface SegmentSpec extends SegmentOptions {
  name: string;
}

export interface NetworkSpec {
  seed?: string;
  oui?: string;
  segments: SegmentSpec[];
  hosts: HostSpec[];
}

/** Build a Network from a declaration. Throws TypeError/SyscallError on inconsistent data. */
export function buildNetwork(spec: NetworkSpec, opts: { now?: () => number } = {}): Network {
  const net = new Network({ ...(spec.seed ? { seed: spec.seed } : {}), ...(spec.oui ? { oui: spec.oui } : {}), ...(opts.now ? { now: opts.now } : {}) });
  for (const s of spec.segments) {
    const { name, ...rest } = s;
    net.addSegment(name, rest);
  }
  for (const h of spec.hosts) {
    const sysctl: Partial<Sysctl> = { ...h.sysctl };
    if (h.forwarding !== undefined) sysctl.ipForward = h.forwarding;
    if (h.ttl !== undefined) sysctl.ipDefaultTtl = h.ttl;
    const stack = net.addStack(h.name, { ...(h.hostname ? { hostname: h.hostname } : {}), sysctl, ...(h.timing ? { timing: h.timing } : {}) });
    for (const i of h.interfaces) {
      const link = stack.addLink(i.name, 'ether', { ...(i.mac ? { mac: i.mac } : {}), ...(i.mtu ? { mtu: i.mtu } : {}) });
      if (i.hw) link.hw = { ...i.hw };
      if (i.segment !== undefined) {
        const seg = net.segment(i.segment);
        if (!seg) throw new TypeError(`${h.name}/${i.name}: unknown segment ${i.segment}`);
        seg.attach(stack, link, { ...(i.vlan !== undefined ? { vlan: i.vlan } : {}) });
      }
      for (const a of i.addresses ?? []) {
        const decl = typeof a === 'string' ? { cidr: a } : a;
        const parsed = parseCidr(decl.cidr);
        if (!parsed) throw new TypeError(`${h.name}/${i.name}: bad address ${decl.cidr}`);
        const prefixLen = parsed.prefixLen ?? 32;
        const brd = decl.broadcast ?? '+';
        const broadcast: Ip4 | undefined =
          brd === 'none' ? undefined : brd === '+' ? (prefixLen <= 30 ? broadcastAddress(parsed.address, prefixLen) : undefined) : ip4(brd);
        stack.addAddress(i.name, {
          local: parsed.address,
          prefixLen,
          ...(broadcast !== undefined ? { broadcast } : {}),
          ...(decl.label ? { label: decl.label } : {}),
        });
      }
      if (i.up !== false) stack.setLinkUp(i.name, true);
    }
    for (const r of h.routes ?? []) {
      const dst = r.to === 'default' ? { address: 0, prefixLen: 0 } : parseCidr(r.to);
      if (!dst) throw new TypeError(`${h.name}: bad route ${r.to}`);
      stack.addRoute({
        dst: dst.address,
        prefixLen: dst.prefixLen ?? 32,
        ...(r.via ? { gateway: ip4(r.via) } : {}),
        ...(r.dev ? { dev: r.dev } : {}),
        ...(r.type ? { type: r.type } : {}),
        ...(r.src ? { src: ip4(r.src) } : {}),
        ...(r.metric ? { metric: r.metric } : {}),
      });
    }
    if (h.powered === false) stack.powered = false;
  }
  // Warm ARP caches: the owner of the address on the same segment, as if it had been talked to.
  for (const h of spec.hosts) {
    const stack = net.stack(h.name)!;
    for (const text of h.warmNeighbours ?? []) {
      const ip = ip4(text);
      const out = stack.routeOutput(ip);
      const port = out.link.port;
      const owner = port?.segment.ports.find((p) => p.nic && p.nic.stack !== stack && p.nic.stack.hasAddress(ip));
      if (!owner?.nic) throw new TypeError(`${h.name}: nobody owns ${text} on its segment`);
      stack.setNeighbour(ip, out.link.index, { mac: owner.nic.link.mac, state: 'REACHABLE', updatedMs: net.now() });
      // They have talked: the owner knows us too (it learnt our MAC from our ARP request).
      const peer = owner.nic.stack;
      const ours = stack.selectAddress(out.link, ip, 253);
      if (ours) peer.setNeighbour(ours, owner.nic.link.index, { mac: out.link.mac, state: 'REACHABLE', updatedMs: net.now() });
    }
  }
  return net;
}

/**
 * Calibration of the seed's gateway: the slide shows `time=1.13 ms` for a 56-byte ping. The
 * path adds two LAN traversals (50 µs + 98 bytes at 100 Mb/s each); the rest is the router.
 */
export const SEED_GATEWAY_RTT_NS = 1_130_000;
const LAN_LATENCY_NS = 50_000;
const LAN_MBPS = 100;
const PING_FRAME_BYTES = 98;
const GATEWAY_RESPONSE_NS = SEED_GATEWAY_RTT_NS - 2 * (LAN_LATENCY_NS + Math.round((PING_FRAME_BYTES * 8 * 1000) / LAN_MBPS));

export const SEED_HOST = 'scivm-xm4';
export const SEED_GATEWAY = 'gateway';
export const SEED_INTERNET = 'internet';
/** A second VServer host (name and address invented for the "take over a guest" scenario). */
export const SECOND_HOST = 'scivm-xm5';

/** The seed's LAN as data; `secondHost` adds scivm-xm5 at 192.168.1.129. */
export function seedLanSpec(opts: { secondHost?: boolean; seed?: string } = {}): NetworkSpec {
  const hosts: HostSpec[] = [
    {
      name: SEED_HOST,
      hostname: 'scivm-xm4.unilim.fr',
      interfaces: [{ name: 'eth0', segment: 'lan', addresses: ['192.168.1.128/24'] }],
      routes: [{ to: 'default', via: '192.168.1.1' }],
      warmNeighbours: ['192.168.1.1'],
    },
    {
      name: SEED_GATEWAY,
      hostname: 'gateway',
      forwarding: true,
      ttl: 128,
      timing: { icmpResponseNs: GATEWAY_RESPONSE_NS },
      interfaces: [
        { name: 'eth0', segment: 'lan', addresses: ['192.168.1.1/24'] },
        { name: 'eth1', segment: 'uplink', addresses: ['198.51.100.2/30'] },
      ],
      routes: [{ to: 'default', via: '198.51.100.1' }],
    },
    {
      name: SEED_INTERNET,
      hostname: 'internet',
      forwarding: true,
      interfaces: [{ name: 'eth0', segment: 'uplink', addresses: ['198.51.100.1/30'] }],
      // Offline: whatever is not on its own link is silently dropped. The route back to the
      // LAN stands for the gateway's NAT (not modelled): only the LAN's own addresses return.
      routes: [
        { to: '192.168.1.0/24', via: '198.51.100.2' },
        { to: 'default', type: 'blackhole' },
      ],
    },
  ];
  if (opts.secondHost) {
    hosts.push({
      name: SECOND_HOST,
      hostname: 'scivm-xm5.unilim.fr',
      interfaces: [{ name: 'eth0', segment: 'lan', addresses: ['192.168.1.129/24'] }],
      routes: [{ to: 'default', via: '192.168.1.1' }],
      warmNeighbours: ['192.168.1.1'],
    });
  }
  return {
    seed: opts.seed ?? 'seed-2006',
    segments: [
      { name: 'lan', latencyNs: LAN_LATENCY_NS, bandwidthMbps: LAN_MBPS },
      { name: 'uplink', latencyNs: 2_000_000, bandwidthMbps: 2 },
    ],
    hosts,
  };
}

/** The seed's LAN, built. */
export function seedLan(opts: { secondHost?: boolean; seed?: string; now?: () => number } = {}): Network {
  return buildNetwork(seedLanSpec(opts), opts.now ? { now: opts.now } : {});
}
