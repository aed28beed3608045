/**
 * L2 segments: broadcast domains that NICs plug into through ports. The seed's LAN is one
 * segment; later an ESX vSwitch will be one too, with ports carrying a VLAN id and a security
 * policy, and uplinks joining it to a physical segment. Only the hooks ESX needs are here:
 * VLAN filtering, the promiscuous / forged-transmit / MAC-change policy and uplinks.
 *
 * A segment knows every port's MAC authoritatively (like a vSwitch, unlike a learning switch),
 * so delivery is a lookup, not flooding.
 */
import { BROADCAST_MAC, type Mac } from './ip4.js';
import type { Link } from './link.js';
import type { NetStack } from './stack.js';

/** ESX security policy of a port (or of the whole segment). `undefined` fields = Accept. */
export interface PortPolicy {
  /** Accept: the port also receives unicast frames meant for other ports of its VLAN. */
  promiscuous?: boolean;
  /** Reject (false): inbound frames are dropped while the NIC's MAC differs from its burnt-in MAC. */
  macChanges?: boolean;
  /** Reject (false): outbound frames whose source MAC is not the NIC's burnt-in MAC are dropped. */
  forgedTransmits?: boolean;
}

/** VLAN id meaning "trunk: sees every VLAN" (ESX VGT). 0 means untagged. */
export const VLAN_TRUNK = 4095;

export type PortKind = 'nic' | 'uplink';

export class Port {
  /** Cable plugged / vNIC connected. A NIC on a disconnected port has no carrier. */
  connected = true;
  /** For NIC ports: the machine and device. */
  nic: { stack: NetStack; link: Link } | undefined;
  /** For uplink ports: the port at the other end (on another segment). */
  peer: Port | undefined;

  constructor(
    readonly id: number,
    readonly segment: Segment,
    readonly kind: PortKind,
    /** 0 = untagged, 1–4094 = VLAN (ESX VST), 4095 = trunk (VGT). Uplinks carry every VLAN. */
    public vlan: number = 0,
    /** Overrides the segment's policy when set. */
    public policy: PortPolicy | undefined = undefined,
  ) {}

  get effectivePolicy(): PortPolicy {
    return { ...this.segment.policy, ...this.policy };
  }

  get mac(): Mac | undefined {
    return this.nic?.link.mac;
  }
}

/** A frame as the segment sees it (the payload is opaque to L2). */
export interface FrameHeader {
  src: Mac;
  dst: Mac;
  /** Length on the wire, for the serialisation delay (Ethernet header included). */
  bytes: number;
}

/** One receiving NIC port and the delay from the sender to it. */
export interface Reach {
  port: Port;
  delayNs: number;
  /** True when the port only gets the frame because it is promiscuous. */
  promiscuous: boolean;
}

export interface SegmentOptions {
  /** One-way latency of a traversal (switch + cable), in nanoseconds. Default 50 µs. */
  latencyNs?: number;
  /** Link speed for the serialisation delay. Default 100 Mb/s. */
  bandwidthMbps?: number;
  /**
   * A physical switch forwards between all its ports, uplinks included; an ESX vSwitch never
   * forwards a frame received on one uplink out of another (so no loops, no STP).
   */
  kind?: 'physical' | 'vswitch';
  policy?: PortPolicy;
}

export interface SegmentSnapshot {
  name: string;
  latencyNs: number;
  bandwidthMbps: number;
  kind: 'physical' | 'vswitch';
  policy: PortPolicy;
  nextPortId: number;
  ports: Array<{
    id: number;
    kind: PortKind;
    vlan: number;
    policy?: PortPolicy;
    connected: boolean;
    nic?: { stack: string; link: string };
    peer?: { segment: string; id: number };
  }>;
}

export class Segment {
  latencyNs: number;
  bandwidthMbps: number;
  readonly kind: 'physical' | 'vswitch';
  /** Segment-wide policy (a vSwitch's); ports may override. */
  policy: PortPolicy;
  private readonly portList: Port[] = [];
  private nextPortId = 1;

  constructor(
    readonly name: string,
    opts: SegmentOptions = {},
  ) {
    this.latencyNs = opts.latencyNs ?? 50_000;
    this.bandwidthMbps = opts.bandwidthMbps ?? 100;
    this.kind = opts.kind ?? 'physical';
    this.policy = { ...opts.policy };
  }

  get ports(): readonly Port[] {
    return this.portList;
  }

  /** Plug a NIC into a new port. The link gets the port (and therefore a carrier). */
  attach(stack: NetStack, link: Link, opts: { vlan?: number; policy?: PortPolicy; id?: number } = {}): Port {
    if (link.isLoopback) throw new TypeError('a loopback device has no port');
    if (link.port) link.port.segment.detach(link.port);
    const port = this.newPort('nic', opts.vlan ?? 0, opts.policy, opts.id);
    port.nic = { stack, link };
    link.port = port;
    return port;
  }

  detach(port: Port): void {
    const i = this.portList.indexOf(port);
    if (i < 0) return;
    this.portList.splice(i, 1);
    if (port.nic && port.nic.link.port === port) port.nic.link.port = undefined;
    if (port.peer) {
      const peer = port.peer;
      port.peer = undefined;
      peer.peer = undefined;
      peer.segment.detach(peer);
    }
  }

  /** Join two segments with an uplink (a cable between two switches, a vmnic on a vSwitch). */
  static join(a: Segment, b: Segment, ids: { a?: number; b?: number } = {}): [Port, Port] {
    const pa = a.newPort('uplink', VLAN_TRUNK, undefined, ids.a);
    const pb = b.newPort('uplink', VLAN_TRUNK, undefined, ids.b);
    pa.peer = pb;
    pb.peer = pa;
    return [pa, pb];
  }

  /** @internal used by join and restore */
  newPort(kind: PortKind, vlan: number, policy: PortPolicy | undefined, id?: number): Port {
    const portId = id ?? this.nextPortId;
    this.nextPortId = Math.max(this.nextPortId, portId + 1);
    const port = new Port(portId, this, kind, vlan, policy);
    this.portList.push(port);
    return port;
  }

  /** Serialisation delay of `bytes` at this segment's speed, in ns. */
  wireDelayNs(bytes: number): number {
    return Math.round((bytes * 8 * 1000) / this.bandwidthMbps);
  }

  /**
   * The NIC ports a frame sent from `from` reaches (sender excluded), through uplinks too, with
   * VLAN filtering and the ports' policies applied. A broadcast reaches every eligible port;
   * a unicast reaches the port whose NIC has that MAC, plus promiscuous ports.
   */
  reach(from: Port, frame: FrameHeader): Reach[] {
    if (!from.connected) return [];
    const fromPolicy = from.effectivePolicy;
    if (from.nic && fromPolicy.forgedTransmits === false && frame.src !== from.nic.link.permanentMac) return [];
    // The VLAN the frame travels in: a NIC port's own. A trunk (VGT) port's guest tags its
    // frames itself; guest tagging is not modelled, so its frames may reach every VLAN.
    const vlan = from.kind === 'nic' ? from.vlan : 0;
    const anyVlan = from.kind === 'nic' && from.vlan === VLAN_TRUNK;
    const out: Reach[] = [];
    const seen = new Set<Segment>();
    const visit = (segment: Segment, ingress: Port, delayNs: number): void => {
      if (seen.has(segment)) return;
      seen.add(segment);
      const here = delayNs + segment.latencyNs + segment.wireDelayNs(frame.bytes);
      for (const port of segment.portList) {
        if (port === ingress || !port.connected) continue;
        if (port.kind === 'uplink') {
          // A vSwitch does not forward from one uplink to another.
          if (segment.kind === 'vswitch' && ingress.kind === 'uplink') continue;
          if (port.peer && port.peer.connected) visit(port.peer.segment, port.peer, here);
          continue;
        }
        if (!port.nic) continue;
        if (!anyVlan && port.vlan !== VLAN_TRUNK && port.vlan !== vlan) continue;
        const policy = port.effectivePolicy;
        if (policy.macChanges === false && port.nic.link.mac !== port.nic.link.permanentMac) continue;
        const mine = frame.dst === BROADCAST_MAC || frame.dst === port.nic.link.mac;
        if (mine) out.push({ port, delayNs: here, promiscuous: false });
        else if (policy.promiscuous === true) out.push({ port, delayNs: here, promiscuous: true });
      }
    };
    visit(from.segment, from, 0);
    return out;
  }

  snapshot(): SegmentSnapshot {
    return {
      name: this.name,
      latencyNs: this.latencyNs,
      bandwidthMbps: this.bandwidthMbps,
      kind: this.kind,
      policy: { ...this.policy },
      nextPortId: this.nextPortId,
      ports: this.portList.map((p) => ({
        id: p.id,
        kind: p.kind,
        vlan: p.vlan,
        ...(p.policy ? { policy: { ...p.policy } } : {}),
        connected: p.connected,
        ...(p.nic ? { nic: { stack: p.nic.stack.name, link: p.nic.link.name } } : {}),
        ...(p.peer ? { peer: { segment: p.peer.segment.name, id: p.peer.id } } : {}),
      })),
    };
  }

  /** @internal */
  setNextPortId(n: number): void {
    this.nextPortId = n;
  }
}
