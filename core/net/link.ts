/**
 * Network devices ("links"): lo, eth0, eth1… with the state `ip link`, ifconfig and
 * /proc/net/dev show. A NIC reaches other machines through a port on an L2 segment.
 */
import type { Mac } from './ip4.js';
import type { Port } from './segment.js';

/** Interface flags (<linux/if.h>). */
export const IFF = {
  UP: 0x1,
  BROADCAST: 0x2,
  DEBUG: 0x4,
  LOOPBACK: 0x8,
  POINTOPOINT: 0x10,
  NOTRAILERS: 0x20,
  RUNNING: 0x40,
  NOARP: 0x80,
  PROMISC: 0x100,
  ALLMULTI: 0x200,
  MASTER: 0x400,
  SLAVE: 0x800,
  MULTICAST: 0x1000,
  PORTSEL: 0x2000,
  AUTOMEDIA: 0x4000,
  DYNAMIC: 0x8000,
  LOWER_UP: 0x10000,
  DORMANT: 0x20000,
} as const;

export type LinkType = 'loopback' | 'ether';

/** The counters of /proc/net/dev and ifconfig (struct net_device_stats). */
export interface LinkStats {
  rxPackets: number;
  rxBytes: number;
  rxErrors: number;
  rxDropped: number;
  rxFifo: number;
  rxFrame: number;
  rxCompressed: number;
  multicast: number;
  txPackets: number;
  txBytes: number;
  txErrors: number;
  txDropped: number;
  txFifo: number;
  collisions: number;
  txCarrier: number;
  txCompressed: number;
}

export function emptyStats(): LinkStats {
  return {
    rxPackets: 0,
    rxBytes: 0,
    rxErrors: 0,
    rxDropped: 0,
    rxFifo: 0,
    rxFrame: 0,
    rxCompressed: 0,
    multicast: 0,
    txPackets: 0,
    txBytes: 0,
    txErrors: 0,
    txDropped: 0,
    txFifo: 0,
    collisions: 0,
    txCarrier: 0,
    txCompressed: 0,
  };
}

/** Hardware resources ifconfig prints on its "Interrupt:… Base address:…" line. */
export interface LinkHardware {
  irq?: number;
  baseAddress?: number;
  memStart?: number;
  memEnd?: number;
}

export interface LinkSnapshot {
  index: number;
  name: string;
  type: LinkType;
  mac: Mac;
  permanentMac: Mac;
  mtu: number;
  txqueuelen: number;
  qdisc: string;
  adminUp: boolean;
  promisc: boolean;
  allmulti: boolean;
  noarp: boolean;
  multicast: boolean;
  metric: number;
  hw: LinkHardware;
  stats: LinkStats;
  /** The segment port this NIC is plugged into (segment name and port id), if any. */
  port?: { segment: string; id: number };
}

export class Link {
  /** Current MAC (may be changed with `ip link set dev eth0 address …`). */
  mac: Mac;
  /** The burnt-in MAC (what a vSwitch knows the vNIC by; see PortPolicy.macChanges). */
  readonly permanentMac: Mac;
  mtu: number;
  txqueuelen: number;
  /** The qdisc attached when the link is up (pfifo_fast; noqueue for lo). Down links show "noop". */
  qdisc: string;
  adminUp = false;
  promisc = false;
  allmulti = false;
  noarp = false;
  multicast: boolean;
  /** ifconfig's Metric (0 prints as 1). */
  metric = 0;
  hw: LinkHardware = {};
  stats: LinkStats = emptyStats();
  /** Set by Segment.attach/detach. */
  port: Port | undefined;

  constructor(
    readonly index: number,
    readonly name: string,
    readonly type: LinkType,
    mac: Mac,
    opts: { mtu?: number; txqueuelen?: number; qdisc?: string } = {},
  ) {
    this.mac = mac;
    this.permanentMac = mac;
    const loopback = type === 'loopback';
    this.mtu = opts.mtu ?? (loopback ? 16436 : 1500);
    this.txqueuelen = opts.txqueuelen ?? (loopback ? 0 : 1000);
    this.qdisc = opts.qdisc ?? (loopback ? 'noqueue' : 'pfifo_fast');
    this.multicast = !loopback;
  }

  get isLoopback(): boolean {
    return this.type === 'loopback';
  }

  /** Carrier: lo always has one; a NIC has one when plugged into a connected port. */
  get carrier(): boolean {
    if (this.isLoopback) return true;
    return this.port !== undefined && this.port.connected;
  }

  /** Administratively up and carrier present: frames can flow. */
  get running(): boolean {
    return this.adminUp && this.carrier;
  }

  /** The flags as the 2.6.17+ kernel reports them (dev_get_flags): RUNNING and LOWER_UP only while up. */
  get flags(): number {
    let f = 0;
    if (this.adminUp) f |= IFF.UP;
    if (this.isLoopback) f |= IFF.LOOPBACK;
    else f |= IFF.BROADCAST;
    if (this.multicast) f |= IFF.MULTICAST;
    if (this.noarp) f |= IFF.NOARP;
    if (this.promisc) f |= IFF.PROMISC;
    if (this.allmulti) f |= IFF.ALLMULTI;
    if (this.adminUp && this.carrier) f |= IFF.RUNNING | IFF.LOWER_UP;
    return f;
  }

  /** The qdisc shown by `ip link`: the configured one while up, "noop" while down. */
  get activeQdisc(): string {
    return this.adminUp ? this.qdisc : 'noop';
  }

  /** RFC 2863 operational state (for /sys/class/net/X/operstate). */
  get operstate(): 'up' | 'down' | 'unknown' {
    if (!this.adminUp) return 'down';
    if (this.isLoopback) return 'unknown';
    return this.carrier ? 'up' : 'down';
  }

  countTx(bytes: number): void {
    this.stats.txPackets++;
    this.stats.txBytes += bytes;
  }

  countRx(bytes: number): void {
    this.stats.rxPackets++;
    this.stats.rxBytes += bytes;
  }

  snapshot(): LinkSnapshot {
    return {
      index: this.index,
      name: this.name,
      type: this.type,
      mac: this.mac,
      permanentMac: this.permanentMac,
      mtu: this.mtu,
      txqueuelen: this.txqueuelen,
      qdisc: this.qdisc,
      adminUp: this.adminUp,
      promisc: this.promisc,
      allmulti: this.allmulti,
      noarp: this.noarp,
      multicast: this.multicast,
      metric: this.metric,
      hw: { ...this.hw },
      stats: { ...this.stats },
      ...(this.port ? { port: { segment: this.port.segment.name, id: this.port.id } } : {}),
    };
  }

  static restore(s: LinkSnapshot): Link {
    const link = new Link(s.index, s.name, s.type, s.permanentMac, { mtu: s.mtu, txqueuelen: s.txqueuelen, qdisc: s.qdisc });
    link.mac = s.mac;
    link.adminUp = s.adminUp;
    link.promisc = s.promisc;
    link.allmulti = s.allmulti;
    link.noarp = s.noarp;
    link.multicast = s.multicast;
    link.metric = s.metric;
    link.hw = { ...s.hw };
    link.stats = { ...s.stats };
    return link;
  }
}
