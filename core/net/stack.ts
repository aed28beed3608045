/**
 * NetStack: the IPv4 networking of one machine — links, addresses, routing tables, the
 * neighbour (ARP) cache, the Linux-VServer network contexts and the socket table.
 *
 * Kernel behaviours reproduced (Linux 2.6.16, net/ipv4/devinet.c and fib_frontend.c):
 *  - address insertion order, primary/secondary addresses, EEXIST/EINVAL/EADDRNOTAVAIL;
 *  - deleting a primary deletes its secondaries (promote_secondaries off by default);
 *  - "proto kernel" routes derived from addresses (local table: local + broadcast routes;
 *    main table: the connected subnet route, absent for a /32), created when the link is up;
 *  - a link going down, or losing its last address, loses every route through it;
 *  - route lookup: table local, then main; longest prefix, then lowest metric;
 *  - source address selection (inet_select_addr) and the vs2.0 `ip_find_src` restriction.
 * Errors are SyscallError with the errno the kernel returns; see messages.ts for the words
 * `ip` and ifconfig print.
 */
import { SyscallError } from '../kernel/errno.js';
import { checkIpv4root, NetContext, type Ipv4rootRequest, type NetContextInit } from './context.js';
import {
  broadcastAddress,
  classfulPrefix,
  formatIp4,
  INADDR_BROADCAST,
  INADDR_LOOPBACK,
  inSubnet,
  isLoopbackNet,
  isMulticast,
  maskPrefix,
  networkAddress,
  prefixMask,
  ZERO_MAC,
  type Ip4,
  type Mac,
} from './ip4.js';
import { Link, type LinkType } from './link.js';
import { RT_SCOPE, type Route, type RouteMatch, type RouteSpec, type RouteTable } from './route.js';
import type { Network } from './network.js';
import { SocketTable } from './socket.js';
import { cannotFindDevice, labelError, labelMatchesDevice, NetError } from './messages.js';

/** Per-machine kernel tunables (/proc/sys/net/ipv4/…). */
export interface Sysctl {
  /** ip_forward: route packets that are not for this machine. */
  ipForward: boolean;
  /** ip_default_ttl: 64 on Linux; 128 on the Windows-like gateway of the seed. */
  ipDefaultTtl: number;
  icmpEchoIgnoreAll: boolean;
  icmpEchoIgnoreBroadcasts: boolean;
  /** arp_ignore: 0 answers ARP for any local address; 1 only for addresses of the receiving link. */
  arpIgnore: 0 | 1;
  /** promote_secondaries: keep secondaries when their primary is deleted. */
  promoteSecondaries: boolean;
  /** ip_local_port_range. */
  localPortRange: [number, number];
  /** How long a confirmed neighbour stays REACHABLE before turning STALE (base_reachable_time). */
  neighReachableMs: number;
  /** How long a failed resolution takes: mcast_solicit (3) × retrans_time (1 s). */
  neighResolveTimeoutMs: number;
  /** How long a connect() keeps retrying SYNs before ETIMEDOUT (tcp_syn_retries 5 → 189 s). */
  tcpSynTimeoutMs: number;
  /** TIME_WAIT length (TCP_TIMEWAIT_LEN, 60 s). */
  tcpTimeWaitMs: number;
}

export function defaultSysctl(): Sysctl {
  return {
    ipForward: false,
    ipDefaultTtl: 64,
    icmpEchoIgnoreAll: false,
    icmpEchoIgnoreBroadcasts: false,
    arpIgnore: 0,
    promoteSecondaries: false,
    localPortRange: [32768, 61000],
    neighReachableMs: 30_000,
    neighResolveTimeoutMs: 3_000,
    tcpSynTimeoutMs: 189_000,
    tcpTimeWaitMs: 60_000,
  };
}

/** Deterministic timing of this machine, in nanoseconds. */
export interface StackTiming {
  /** One trip through the loopback device. */
  loopbackNs: number;
  /** Time to turn an echo request into a reply. */
  icmpResponseNs: number;
  /** Time to forward a packet (routers). */
  forwardNs: number;
  /** Amplitude of a deterministic jitter added to echo replies (0: none). */
  jitterNs: number;
}

export function defaultTiming(): StackTiming {
  return { loopbackNs: 15_000, icmpResponseNs: 5_000, forwardNs: 20_000, jitterNs: 0 };
}

/** One IPv4 address of a link (struct in_ifaddr). */
export interface InetAddr {
  readonly link: Link;
  local: Ip4;
  prefixLen: number;
  /** 0 = none (no "brd" in `ip addr`). */
  broadcast: Ip4;
  scope: number;
  /** "eth0", or an alias label such as "eth0:XX". */
  label: string;
  secondary: boolean;
}

/** What `ip addr add` asks for. */
export interface AddressSpec {
  local: Ip4;
  /** Default 32, as iproute2 for a bare address. */
  prefixLen?: number;
  /** An address, '+' (computed from the prefix), '-' (network address) or nothing. */
  broadcast?: Ip4 | '+' | '-';
  /** Default: host for 127.0.0.0/8, global otherwise (iproute2 `default_scope`). */
  scope?: number;
  /** Default: the device name. Must start with it. */
  label?: string;
}

/** What `ip addr del` matches: the local address, and the prefix/label only when given. */
export interface AddressMatch {
  local: Ip4;
  /** Omitted: iproute2's "wildcard deletion" (any prefix length). */
  prefixLen?: number;
  label?: string;
}

export type NudState = 'INCOMPLETE' | 'REACHABLE' | 'STALE' | 'FAILED' | 'NOARP' | 'PERMANENT';

/** A neighbour cache entry (`ip neigh`, `arp -n`, /proc/net/arp). */
export interface Neighbour {
  ip: Ip4;
  dev: number;
  mac: Mac | undefined;
  /** The stored state; use NetStack.neighbours() for the state at the current time. */
  state: NudState;
  /** When the entry was last confirmed (ms of the network clock). */
  updatedMs: number;
  /** For INCOMPLETE entries: when the resolution gives up. */
  failAtMs?: number;
}

/** The result of an output route lookup: where a packet to `dst` goes and with which source. */
export interface OutputRoute {
  type: 'unicast' | 'local' | 'broadcast';
  /** The route used (undefined for an on-link guess with an explicit output device). */
  route: Route | undefined;
  /** Output device (lo for local destinations). */
  link: Link;
  /** Gateway or destination. */
  nextHop: Ip4;
  src: Ip4;
  /** The destination (a context may remap 127.0.0.1 to its first address). */
  dst: Ip4;
}

export interface RouteQuery {
  /** The caller's network context (undefined: the host, unrestricted). */
  ctx?: NetContext | undefined;
  /** A bound/explicit source address. */
  src?: Ip4;
  /** An explicit output device (SO_BINDTODEVICE, ping -I eth0). */
  oif?: string;
}

export interface StackOptions {
  hostname?: string;
  sysctl?: Partial<Sysctl>;
  timing?: Partial<StackTiming>;
  /** Create lo (index 1, 127.0.0.1/8, up). Default true. */
  loopback?: boolean;
}

export class NetStack {
  hostname: string;
  readonly sysctl: Sysctl;
  readonly timing: StackTiming;
  /** A powered-off machine receives nothing and answers nothing. */
  powered = true;
  readonly sockets: SocketTable;

  private readonly linkList: Link[] = [];
  private nextIndex = 1;
  /** Per link index, the address list in kernel order (ifa_list). */
  private readonly ifa = new Map<number, InetAddr[]>();
  private routeList: Route[] = [];
  private neighList: Neighbour[] = [];
  private readonly ctxs = new Map<number, NetContext>();
  private nextNid = 49152;

  constructor(
    readonly network: Network,
    /** Unique name of the machine in the network (also the MAC seed). */
    readonly name: string,
    opts: StackOptions = {},
  ) {
    this.hostname = opts.hostname ?? name;
    this.sysctl = { ...defaultSysctl(), ...opts.sysctl };
    this.timing = { ...defaultTiming(), ...opts.timing };
    this.sockets = new SocketTable(this);
    if (opts.loopback !== false) {
      this.addLink('lo', 'loopback');
      this.addAddress('lo', { local: INADDR_LOOPBACK, prefixLen: 8 });
      this.setLinkUp('lo', true);
    }
  }

  /** The network clock, in milliseconds. */
  now(): number {
    return this.network.now();
  }

  // -------------------------------------------------------------------------------------------
  // Links

  get links(): readonly Link[] {
    return this.linkList;
  }

  link(name: string): Link | undefined {
    return this.linkList.find((l) => l.name === name);
  }

  linkByIndex(index: number): Link | undefined {
    return this.linkList.find((l) => l.index === index);
  }

  /** The link or ENODEV (iproute2: `Cannot find device "eth9"`). */
  requireLink(name: string): Link {
    const link = this.link(name);
    if (!link) throw new NetError('ENODEV', name, cannotFindDevice(name));
    return link;
  }

  get loopback(): Link | undefined {
    return this.linkList.find((l) => l.isLoopback);
  }

  /** Create a device (down, no address). MACs are derived from the network seed. */
  addLink(name: string, type: LinkType = 'ether', opts: { mac?: Mac; mtu?: number; txqueuelen?: number; qdisc?: string; index?: number } = {}): Link {
    if (this.link(name)) throw new SyscallError('EEXIST', name);
    if (name.length === 0 || name.length > 15 || name.includes(':') || name.includes('/') || /\s/.test(name)) {
      throw new SyscallError('EINVAL', name);
    }
    const index = opts.index ?? this.nextIndex;
    this.nextIndex = Math.max(this.nextIndex, index + 1);
    const mac = opts.mac ?? (type === 'loopback' ? ZERO_MAC : this.network.macFor(this.name, name));
    const link = new Link(index, name, type, mac.toLowerCase(), opts);
    this.linkList.push(link);
    this.linkList.sort((a, b) => a.index - b.index);
    this.ifa.set(index, []);
    return link;
  }

  /** Remove a device with its addresses and routes (a vNIC hot-unplugged). */
  removeLink(name: string): void {
    const link = this.requireLink(name);
    if (link.adminUp) this.setLinkUp(name, false);
    this.ifa.delete(link.index);
    this.routeList = this.routeList.filter((r) => r.dev !== link.index);
    if (link.port) link.port.segment.detach(link.port);
    this.linkList.splice(this.linkList.indexOf(link), 1);
  }

  /** `ip link set dev X up|down`, `ifconfig X up|down`. */
  setLinkUp(name: string, up: boolean): void {
    const link = this.requireLink(name);
    if (link.adminUp === up) return;
    link.adminUp = up;
    if (up) {
      for (const a of this.ifa.get(link.index) ?? []) this.addKernelRoutes(a);
    } else {
      this.disableIp(link);
      this.neighList = this.neighList.filter((n) => n.dev !== link.index);
    }
  }

  setLinkMtu(name: string, mtu: number): void {
    const link = this.requireLink(name);
    if (!Number.isInteger(mtu) || mtu < 68 || mtu > 65535) throw new SyscallError('EINVAL', String(mtu));
    link.mtu = mtu;
  }

  setLinkMac(name: string, mac: Mac): void {
    const link = this.requireLink(name);
    if (link.isLoopback) throw new SyscallError('EOPNOTSUPP', name);
    link.mac = mac.toLowerCase();
  }

  setLinkFlags(name: string, flags: { promisc?: boolean; allmulti?: boolean; noarp?: boolean; multicast?: boolean }): void {
    const link = this.requireLink(name);
    if (flags.promisc !== undefined) link.promisc = flags.promisc;
    if (flags.allmulti !== undefined) link.allmulti = flags.allmulti;
    if (flags.noarp !== undefined) link.noarp = flags.noarp;
    if (flags.multicast !== undefined) link.multicast = flags.multicast;
  }

  setTxqueuelen(name: string, qlen: number): void {
    const link = this.requireLink(name);
    if (!Number.isInteger(qlen) || qlen < 0) throw new SyscallError('EINVAL', String(qlen));
    link.txqueuelen = qlen;
  }

  // -------------------------------------------------------------------------------------------
  // Addresses

  /** Addresses of one link (kernel order), or of every link in index order. */
  addresses(dev?: string): InetAddr[] {
    if (dev !== undefined) return [...(this.ifa.get(this.requireLink(dev).index) ?? [])];
    return this.linkList.flatMap((l) => this.ifa.get(l.index) ?? []);
  }

  /** Whether `address` is one of this machine's addresses on an up link (inet_addr_type == LOCAL). */
  isLocalAddress(address: Ip4): boolean {
    const r = this.fibLookup(address);
    return r !== undefined && r.type === 'local';
  }

  /** Any configured address equal to `address` (up or down link). */
  hasAddress(address: Ip4): boolean {
    return this.addresses().some((a) => a.local === address >>> 0);
  }

  /**
   * `ip addr add`. Returns the new address, or undefined when the kernel silently ignores the
   * request (local 0.0.0.0). Throws ENODEV (no such device), EINVAL (bad label or prefix, or
   * same subnet with another scope), EEXIST (same address and prefix already there).
   */
  addAddress(dev: string, spec: AddressSpec): InetAddr | undefined {
    const link = this.requireLink(dev);
    const label = spec.label ?? dev;
    if (spec.label !== undefined && !labelMatchesDevice(dev, spec.label)) {
      throw new NetError('EINVAL', spec.label, labelError(dev, spec.label));
    }
    if (label.length > 15) throw new SyscallError('EINVAL', label);
    const prefixLen = spec.prefixLen ?? 32;
    if (!Number.isInteger(prefixLen) || prefixLen < 0 || prefixLen > 32) throw new SyscallError('EINVAL', String(prefixLen));
    const local = spec.local >>> 0;
    let broadcast = 0;
    if (typeof spec.broadcast === 'number') broadcast = spec.broadcast >>> 0;
    else if (spec.broadcast === '+' && prefixLen <= 30) broadcast = broadcastAddress(local, prefixLen);
    else if (spec.broadcast === '-' && prefixLen <= 30) broadcast = networkAddress(local, prefixLen);
    const scope = spec.scope ?? (isLoopbackNet(local) ? RT_SCOPE.host : RT_SCOPE.global);
    if (local === 0) return undefined;
    const ifa: InetAddr = { link, local, prefixLen, broadcast, scope, label, secondary: false };
    this.insertIfa(ifa);
    return ifa;
  }

  /**
   * `ip addr del`. Throws ENODEV, or EADDRNOTAVAIL when nothing matches. Deleting a primary
   * also deletes the secondaries of its subnet unless promoteSecondaries is set.
   */
  deleteAddress(dev: string, match: AddressMatch): InetAddr {
    const link = this.requireLink(dev);
    const list = this.ifa.get(link.index)!;
    const local = match.local >>> 0;
    const found = list.find(
      (a) =>
        a.local === local &&
        (match.label === undefined || a.label === match.label) &&
        (match.prefixLen === undefined || (a.prefixLen === match.prefixLen && inSubnet(local, a.local, a.prefixLen))),
    );
    if (!found) throw new SyscallError('EADDRNOTAVAIL', formatIp4(local));
    this.deleteIfa(found);
    return found;
  }

  /** `ip addr flush dev X` (optionally only addresses matching a predicate). Returns the count. */
  flushAddresses(dev: string, predicate: (a: InetAddr) => boolean = () => true): number {
    const link = this.requireLink(dev);
    let n = 0;
    for (;;) {
      const victim = (this.ifa.get(link.index) ?? []).find(predicate);
      if (!victim) return n;
      const before = this.ifa.get(link.index)!.length;
      this.deleteIfa(victim);
      n += before - this.ifa.get(link.index)!.length;
    }
  }

  private insertIfa(ifa: InetAddr): void {
    const list = this.ifa.get(ifa.link.index)!;
    ifa.secondary = false;
    let lastPrimary = 0; // insertion position for a primary
    for (let i = 0; i < list.length; i++) {
      const a = list[i]!;
      if (!a.secondary && ifa.scope <= a.scope) lastPrimary = i + 1;
      if (a.prefixLen === ifa.prefixLen && inSubnet(a.local, ifa.local, ifa.prefixLen)) {
        if (a.local === ifa.local) throw new SyscallError('EEXIST', formatIp4(ifa.local));
        if (a.scope !== ifa.scope) throw new SyscallError('EINVAL', 'scope mismatch');
        ifa.secondary = true;
      }
    }
    if (ifa.secondary) list.push(ifa);
    else list.splice(lastPrimary, 0, ifa);
    if (ifa.link.adminUp) this.addKernelRoutes(ifa);
  }

  private deleteIfa(victim: InetAddr): void {
    const list = this.ifa.get(victim.link.index)!;
    const gone: InetAddr[] = [];
    if (!victim.secondary) {
      const mates = list.filter(
        (a) => a !== victim && a.secondary && a.prefixLen === victim.prefixLen && inSubnet(a.local, victim.local, victim.prefixLen),
      );
      if (this.sysctl.promoteSecondaries && mates.length > 0) {
        mates[0]!.secondary = false;
      } else {
        gone.push(...mates);
      }
    }
    gone.push(victim);
    for (const g of gone) list.splice(list.indexOf(g), 1);
    // A promoted secondary must come before the remaining secondaries and gets its routes.
    if (!victim.secondary && this.sysctl.promoteSecondaries) {
      const promoted = list.find((a) => !a.secondary && a.prefixLen === victim.prefixLen && inSubnet(a.local, victim.local, victim.prefixLen) && !gone.includes(a));
      if (promoted) {
        list.splice(list.indexOf(promoted), 1);
        let pos = 0;
        for (let i = 0; i < list.length; i++) if (!list[i]!.secondary && promoted.scope <= list[i]!.scope) pos = i + 1;
        list.splice(pos, 0, promoted);
      }
    }
    this.afterAddressRemoval(victim.link, gone);
  }

  private afterAddressRemoval(link: Link, gone: InetAddr[]): void {
    const list = this.ifa.get(link.index)!;
    // Kernel routes of this link no longer justified by its remaining addresses go away.
    const justified = link.adminUp ? list.flatMap((a) => this.kernelRoutesFor(a)) : [];
    this.routeList = this.routeList.filter(
      (r) => r.proto !== 'kernel' || r.dev !== link.index || justified.some((j) => sameDerived(j, r)),
    );
    if (link.adminUp) for (const a of list) this.addKernelRoutes(a); // e.g. a promoted secondary
    // Routes preferring a source address that is no longer ours (fib_sync_down).
    for (const g of gone) {
      if (!this.hasAddress(g.local)) this.routeList = this.routeList.filter((r) => r.src !== g.local);
    }
    // The last address of a link: IP is disabled there (fib_disable_ip).
    if (list.length === 0) this.disableIp(link);
  }

  private disableIp(link: Link): void {
    this.routeList = this.routeList.filter((r) => r.dev !== link.index);
  }

  /** The routes fib_add_ifaddr creates for one address. */
  private kernelRoutesFor(ifa: InetAddr): Route[] {
    const list = this.ifa.get(ifa.link.index) ?? [];
    const prim = ifa.secondary
      ? list.find((a) => !a.secondary && a.prefixLen === ifa.prefixLen && inSubnet(a.local, ifa.local, ifa.prefixLen)) ?? ifa
      : ifa;
    const dev = ifa.link.index;
    const out: Route[] = [];
    const src = prim.local;
    out.push({ table: 'local', type: 'local', dst: ifa.local, prefixLen: 32, dev, src, proto: 'kernel', scope: RT_SCOPE.host });
    if (ifa.broadcast !== 0 && ifa.broadcast !== INADDR_BROADCAST) {
      out.push({ table: 'local', type: 'broadcast', dst: ifa.broadcast, prefixLen: 32, dev, src, proto: 'kernel', scope: RT_SCOPE.link });
    }
    const prefix = networkAddress(ifa.local, ifa.prefixLen);
    if (prefix !== 0 && !ifa.secondary && (prefix !== ifa.local || ifa.prefixLen < 32)) {
      if (ifa.link.isLoopback) {
        out.push({ table: 'local', type: 'local', dst: prefix, prefixLen: ifa.prefixLen, dev, src: ifa.local, proto: 'kernel', scope: RT_SCOPE.host });
      } else {
        out.push({ table: 'main', type: 'unicast', dst: prefix, prefixLen: ifa.prefixLen, dev, src: ifa.local, proto: 'kernel', scope: RT_SCOPE.link });
      }
      if (ifa.prefixLen < 31) {
        out.push({ table: 'local', type: 'broadcast', dst: prefix, prefixLen: 32, dev, src: ifa.local, proto: 'kernel', scope: RT_SCOPE.link });
        out.push({ table: 'local', type: 'broadcast', dst: broadcastAddress(ifa.local, ifa.prefixLen), prefixLen: 32, dev, src: ifa.local, proto: 'kernel', scope: RT_SCOPE.link });
      }
    }
    return out;
  }

  private addKernelRoutes(ifa: InetAddr): void {
    for (const r of this.kernelRoutesFor(ifa)) {
      if (!this.routeList.some((x) => sameDerived(x, r))) this.routeList.push(r);
    }
  }

  // ---- ifconfig (SIOCSIF* ioctls): aliases are addressed by label ("eth0:1") -----------------

  /** The address an ifconfig name (device or alias label) refers to: the first with that label. */
  addressByLabel(label: string): InetAddr | undefined {
    return this.addresses().find((a) => a.label === label);
  }

  private ioctlTarget(label: string): { link: Link; ifa: InetAddr | undefined } {
    const dev = label.split(':')[0]!;
    const link = this.requireLink(dev);
    return { link, ifa: (this.ifa.get(link.index) ?? []).find((a) => a.label === label) };
  }

  /**
   * SIOCSIFADDR (`ifconfig eth0:1 10.1.1.2`): creates or replaces the address labelled `label`,
   * with the class-based prefix and its broadcast, as the kernel does.
   */
  ifconfigSetAddress(label: string, local: Ip4): InetAddr | undefined {
    const { link, ifa } = this.ioctlTarget(label);
    if (ifa && ifa.local === local >>> 0) return ifa;
    if (ifa) this.deleteIfa(ifa);
    if ((local >>> 0) === 0) return undefined;
    const prefixLen = classfulPrefix(local >>> 0);
    const broadcast = !link.isLoopback && prefixLen < 31 ? broadcastAddress(local, prefixLen) : 0;
    const next: InetAddr = {
      link,
      local: local >>> 0,
      prefixLen,
      broadcast,
      scope: isLoopbackNet(local) ? RT_SCOPE.host : RT_SCOPE.global,
      label,
      secondary: false,
    };
    this.insertIfa(next);
    return next;
  }

  /** SIOCSIFNETMASK (`ifconfig X netmask M`). EADDRNOTAVAIL without an address, EINVAL for a holey mask. */
  ifconfigSetNetmask(label: string, mask: Ip4): void {
    const { ifa } = this.ioctlTarget(label);
    if (!ifa) throw new SyscallError('EADDRNOTAVAIL', label);
    const prefixLen = maskPrefix(mask);
    if (prefixLen === undefined) throw new SyscallError('EINVAL', formatIp4(mask));
    if (prefixLen === ifa.prefixLen) return;
    const oldBroadcast = broadcastAddress(ifa.local, ifa.prefixLen);
    this.deleteIfa(ifa);
    const next: InetAddr = { ...ifa, prefixLen, secondary: false };
    if (!ifa.link.isLoopback && prefixLen < 31 && ifa.broadcast === oldBroadcast) next.broadcast = broadcastAddress(ifa.local, prefixLen);
    this.insertIfa(next);
  }

  /** SIOCSIFBRDADDR (`ifconfig X broadcast B`). */
  ifconfigSetBroadcast(label: string, broadcast: Ip4): void {
    const { ifa } = this.ioctlTarget(label);
    if (!ifa) throw new SyscallError('EADDRNOTAVAIL', label);
    if (ifa.broadcast === broadcast >>> 0) return;
    this.deleteIfa(ifa);
    this.insertIfa({ ...ifa, broadcast: broadcast >>> 0, secondary: false });
  }

  /**
   * SIOCSIFFLAGS up/down. On a device it is `ip link set up/down`; on an alias label, "down"
   * deletes the alias address and "up" does nothing (EADDRNOTAVAIL when the alias does not exist).
   */
  ifconfigSetUp(label: string, up: boolean): void {
    if (!label.includes(':')) {
      this.setLinkUp(label, up);
      return;
    }
    const { ifa } = this.ioctlTarget(label);
    if (!ifa) throw new SyscallError('EADDRNOTAVAIL', label);
    if (!up) this.deleteIfa(ifa);
  }

  // -------------------------------------------------------------------------------------------
  // Routes

  /** Routes of a table ('main' by default; 'all' for both), in `ip route` order (longest prefix first). */
  routes(table: RouteTable | 'all' = 'main'): Route[] {
    const list = this.routeList.filter((r) => table === 'all' || r.table === table);
    return list
      .map((r, i) => ({ r, i }))
      .sort((a, b) => (a.r.table === b.r.table ? 0 : a.r.table === 'local' ? 1 : -1) || b.r.prefixLen - a.r.prefixLen || a.i - b.i)
      .map((x) => x.r);
  }

  /**
   * `ip route add` (or `replace` with opts.replace). Throws ENODEV (unknown or missing device),
   * ENETDOWN (device down), ENETUNREACH (gateway not on a connected subnet), EINVAL (host
   * bits set, bad source, nexthop on a reject route), EEXIST (same destination and metric).
   */
  addRoute(spec: RouteSpec, opts: { replace?: boolean } = {}): Route {
    const type = spec.type ?? 'unicast';
    const table = spec.table ?? (type === 'local' || type === 'broadcast' ? 'local' : 'main');
    const prefixLen = spec.prefixLen;
    if (!Number.isInteger(prefixLen) || prefixLen < 0 || prefixLen > 32) throw new SyscallError('EINVAL', String(prefixLen));
    const dst = spec.dst >>> 0;
    if ((dst & ~prefixMask(prefixLen)) >>> 0 !== 0) throw new SyscallError('EINVAL', 'host bits set');
    const link = spec.dev !== undefined ? this.requireLink(spec.dev) : undefined;
    const reject = type === 'blackhole' || type === 'unreachable' || type === 'prohibit';
    const scope =
      spec.scope ?? (type === 'local' ? RT_SCOPE.host : type === 'broadcast' ? RT_SCOPE.link : type === 'unicast' && spec.gateway === undefined ? RT_SCOPE.link : RT_SCOPE.global);
    let dev = link?.index;
    if (reject) {
      if (spec.gateway !== undefined || link) throw new SyscallError('EINVAL', 'nexthop on a reject route');
    } else if (spec.gateway !== undefined) {
      const gw = spec.gateway >>> 0;
      if (spec.onlink) {
        if (!link) throw new SyscallError('EINVAL', 'onlink needs a device');
        if (!link.adminUp) throw new SyscallError('ENETDOWN', link.name);
      } else {
        const minScope = Math.max(scope + 1, RT_SCOPE.link);
        const via = this.fibLookup(gw, { oif: link?.index, minScope });
        if (!via) throw new SyscallError('ENETUNREACH', formatIp4(gw));
        if (via.type !== 'unicast' && via.type !== 'local') throw new SyscallError('EINVAL', 'gateway');
        const viaLink = via.dev !== undefined ? this.linkByIndex(via.dev) : undefined;
        if (!viaLink) throw new SyscallError('ENETUNREACH', formatIp4(gw));
        if (!viaLink.adminUp) throw new SyscallError('ENETDOWN', viaLink.name);
        dev = viaLink.index;
      }
    } else {
      if (!link) throw new SyscallError('ENODEV', 'no device');
      if (!link.adminUp) throw new SyscallError('ENETDOWN', link.name);
    }
    if (spec.src !== undefined) {
      const src = spec.src >>> 0;
      if (!(type === 'local' && src === dst) && !this.isLocalAddress(src)) throw new SyscallError('EINVAL', 'source is not local');
    }
    const route: Route = {
      table,
      type,
      dst,
      prefixLen,
      ...(spec.gateway !== undefined ? { gateway: spec.gateway >>> 0 } : {}),
      ...(dev !== undefined ? { dev } : {}),
      ...(spec.src !== undefined ? { src: spec.src >>> 0 } : {}),
      proto: spec.proto ?? 'boot',
      scope,
      ...(spec.metric ? { metric: spec.metric } : {}),
      ...(spec.onlink ? { onlink: true } : {}),
    };
    const clash = this.routeList.findIndex(
      (r) => r.table === table && r.dst === dst && r.prefixLen === prefixLen && (r.metric ?? 0) === (route.metric ?? 0),
    );
    if (clash >= 0) {
      if (!opts.replace) throw new SyscallError('EEXIST', `${formatIp4(dst)}/${prefixLen}`);
      this.routeList.splice(clash, 1, route);
    } else {
      this.routeList.push(route);
    }
    return route;
  }

  /** `ip route del`: the first route matching every given field. ESRCH when none. */
  deleteRoute(match: RouteMatch): Route {
    const dev = match.dev !== undefined ? this.requireLink(match.dev).index : undefined;
    const table = match.table ?? (match.type === 'local' || match.type === 'broadcast' ? 'local' : 'main');
    const i = this.routeList.findIndex(
      (r) =>
        r.table === table &&
        r.dst === match.dst >>> 0 &&
        r.prefixLen === match.prefixLen &&
        (match.gateway === undefined || r.gateway === match.gateway >>> 0) &&
        (dev === undefined || r.dev === dev) &&
        (match.src === undefined || r.src === match.src >>> 0) &&
        (match.type === undefined || r.type === match.type) &&
        (match.proto === undefined || r.proto === match.proto) &&
        (match.scope === undefined || r.scope === match.scope) &&
        (match.metric === undefined || (r.metric ?? 0) === match.metric),
    );
    if (i < 0) throw new SyscallError('ESRCH', `${formatIp4(match.dst)}/${match.prefixLen}`);
    return this.routeList.splice(i, 1)[0]!;
  }

  /** `ip route flush` of a table (optionally filtered). Returns the count. */
  flushRoutes(table: RouteTable = 'main', predicate: (r: Route) => boolean = () => true): number {
    const before = this.routeList.length;
    this.routeList = this.routeList.filter((r) => r.table !== table || !predicate(r));
    return before - this.routeList.length;
  }

  /**
   * fib_lookup: the best route for `dst` (table local first, then main; longest prefix, then
   * lowest metric). `oif` restricts unicast/local routes to one device; `minScope` skips wider routes.
   */
  fibLookup(dst: Ip4, opts: { oif?: number | undefined; minScope?: number } = {}): Route | undefined {
    const d = dst >>> 0;
    for (const table of ['local', 'main'] as const) {
      let best: Route | undefined;
      for (const r of this.routeList) {
        if (r.table !== table || !inSubnet(d, r.dst, r.prefixLen)) continue;
        if (opts.minScope !== undefined && r.scope < opts.minScope) continue;
        const hasNexthop = r.type === 'unicast' || r.type === 'local' || r.type === 'broadcast';
        if (opts.oif !== undefined && hasNexthop && r.dev !== opts.oif) continue;
        if (!best || r.prefixLen > best.prefixLen || (r.prefixLen === best.prefixLen && (r.metric ?? 0) < (best.metric ?? 0))) best = r;
      }
      if (best) return best;
    }
    return undefined;
  }

  /**
   * inet_select_addr: the first primary address of `link` within `scope` that is in the same
   * subnet as `dst`, else its first primary within scope, else any non-link-scope primary of
   * the machine. 0 when there is none.
   */
  selectAddress(link: Link | undefined, dst: Ip4, scope: number): Ip4 {
    let addr = 0;
    if (link) {
      for (const a of this.ifa.get(link.index) ?? []) {
        if (a.secondary || a.scope > scope) continue;
        if (!dst || inSubnet(dst, a.local, a.prefixLen)) return a.local;
        if (!addr) addr = a.local;
      }
      if (addr) return addr;
    }
    for (const l of this.linkList) {
      for (const a of this.ifa.get(l.index) ?? []) {
        if (!a.secondary && a.scope !== RT_SCOPE.link && a.scope <= scope) return a.local;
      }
    }
    return 0;
  }

  /**
   * ip_route_output: where a packet to `dst` leaves and with which source, for the host itself
   * (no context). Throws ENETUNREACH (no route), EHOSTUNREACH/EACCES/EINVAL (unreachable,
   * prohibit, blackhole routes), EINVAL (source not local), ENODEV (unknown oif).
   */
  routeOutput(dst: Ip4, opts: { src?: Ip4 | undefined; oif?: string | undefined } = {}): OutputRoute {
    let d = dst >>> 0;
    const src = opts.src === undefined ? 0 : opts.src >>> 0;
    const oif = opts.oif !== undefined ? this.requireLink(opts.oif) : undefined;
    if (src !== 0) {
      if (isMulticast(src) || src === INADDR_BROADCAST || !this.isLocalAddress(src)) throw new SyscallError('EINVAL', 'source is not local');
    }
    if (d === 0) d = src !== 0 ? src : INADDR_LOOPBACK;
    const lo = this.loopback;
    if (d === INADDR_BROADCAST && oif) {
      return { type: 'broadcast', route: undefined, link: oif, nextHop: d, src: src || this.selectAddress(oif, 0, RT_SCOPE.link), dst: d };
    }
    const r = this.fibLookup(d, { oif: oif?.index });
    if (!r) {
      if (oif) {
        if (!oif.adminUp) throw new SyscallError('ENETUNREACH', oif.name);
        return { type: 'unicast', route: undefined, link: oif, nextHop: d, src: src || this.selectAddress(oif, 0, RT_SCOPE.link), dst: d };
      }
      throw new SyscallError('ENETUNREACH', formatIp4(d));
    }
    switch (r.type) {
      case 'blackhole':
        throw new SyscallError('EINVAL', 'blackhole');
      case 'unreachable':
        throw new SyscallError('EHOSTUNREACH', 'unreachable route');
      case 'prohibit':
        throw new SyscallError('EACCES', 'prohibit route');
      case 'local': {
        if (!lo || !lo.adminUp) throw new SyscallError('ENETUNREACH', 'lo');
        return { type: 'local', route: r, link: lo, nextHop: d, src: src || (r.src ?? d), dst: d };
      }
      default: {
        const link = r.dev !== undefined ? this.linkByIndex(r.dev) : undefined;
        if (!link || !link.adminUp) throw new SyscallError('ENETUNREACH', formatIp4(d));
        const nextHop = r.gateway ?? d;
        const chosen = src || r.src || this.selectAddress(link, nextHop, r.scope);
        return { type: r.type === 'broadcast' ? 'broadcast' : 'unicast', route: r, link, nextHop, src: chosen, dst: d };
      }
    }
  }

  /**
   * The route and source for a process in network context `q.ctx` (vs2.0 `ip_route_connect` +
   * `ip_find_src`): with one ipv4root address the source is that address; with several, the
   * host's choice if it is listed, else the first listed address in the same subnet (using
   * the entry's mask), else the first one. An explicit source outside the list is EPERM.
   * Inside a context, 127.0.0.1 as destination (and as source) stands for the first address.
   */
  routeFor(dst: Ip4, q: RouteQuery = {}): OutputRoute {
    const ctx = q.ctx;
    let d = dst >>> 0;
    let src = q.src === undefined ? 0 : q.src >>> 0;
    if (!ctx || ctx.unrestricted || ctx.primary === undefined || ctx.primary === 0) {
      return this.routeOutput(d, { src: src || undefined, oif: q.oif });
    }
    const root = ctx.primary;
    const list = ctx.addresses;
    if (src === 0) {
      if (list.length > 1) {
        let found: Ip4;
        try {
          found = this.routeOutput(d, { oif: q.oif }).src;
        } catch {
          found = this.routeOutput(d, { src: root, oif: q.oif }).src;
        }
        for (const e of list) {
          if (found === e.ip) {
            src = e.ip;
            break;
          }
          if (!src && ((found & e.mask) >>> 0) === ((e.ip & e.mask) >>> 0)) src = e.ip;
        }
      }
      if (!src) src = d === INADDR_LOOPBACK ? INADDR_LOOPBACK : root;
    } else if (!list.some((e) => e.ip === src)) {
      throw new SyscallError('EPERM', 'source not in the network context');
    }
    if (d === INADDR_LOOPBACK) d = root;
    if (src === INADDR_LOOPBACK) src = root;
    return this.routeOutput(d, { src, oif: q.oif });
  }

  // -------------------------------------------------------------------------------------------
  // Neighbours (ARP cache)

  /** The neighbour cache with states as of now (REACHABLE ages into STALE, INCOMPLETE into FAILED). */
  neighbours(): Neighbour[] {
    const now = this.now();
    return this.neighList.map((n) => ({ ...n, state: this.currentState(n, now) }));
  }

  private currentState(n: Neighbour, now: number): NudState {
    if (n.state === 'REACHABLE' && now - n.updatedMs >= this.sysctl.neighReachableMs) return 'STALE';
    if (n.state === 'INCOMPLETE' && n.failAtMs !== undefined && now >= n.failAtMs) return 'FAILED';
    return n.state;
  }

  /** @internal the live entry (for resolution). */
  neighbourEntry(ip: Ip4, dev: number): Neighbour | undefined {
    const e = this.neighList.find((n) => n.ip === ip >>> 0 && n.dev === dev);
    if (e) e.state = this.currentState(e, this.now());
    return e;
  }

  /** @internal record a resolution outcome. */
  setNeighbour(ip: Ip4, dev: number, update: Partial<Omit<Neighbour, 'ip' | 'dev'>>): Neighbour {
    let e = this.neighList.find((n) => n.ip === ip >>> 0 && n.dev === dev);
    if (!e) {
      e = { ip: ip >>> 0, dev, mac: undefined, state: 'INCOMPLETE', updatedMs: this.now() };
      this.neighList.push(e);
    }
    if (e.state === 'PERMANENT' && update.state !== undefined && update.state !== 'PERMANENT') return e;
    Object.assign(e, update);
    if (e.state !== 'INCOMPLETE') delete e.failAtMs;
    return e;
  }

  /** `ip neigh add|replace … lladdr M nud permanent|reachable`, `arp -s`. */
  addNeighbour(ip: Ip4, dev: string, mac: Mac, state: 'PERMANENT' | 'REACHABLE' | 'STALE' | 'NOARP' = 'PERMANENT'): Neighbour {
    const link = this.requireLink(dev);
    const existing = this.neighList.find((n) => n.ip === ip >>> 0 && n.dev === link.index);
    if (existing) existing.state = 'STALE'; // allow the update below even over PERMANENT
    return this.setNeighbour(ip, link.index, { mac: mac.toLowerCase(), state, updatedMs: this.now() });
  }

  /** `ip neigh del`, `arp -d`. ENOENT when there is no such entry. */
  deleteNeighbour(ip: Ip4, dev: string): void {
    const link = this.requireLink(dev);
    const i = this.neighList.findIndex((n) => n.ip === ip >>> 0 && n.dev === link.index);
    if (i < 0) throw new SyscallError('ENOENT', formatIp4(ip));
    this.neighList.splice(i, 1);
  }

  /** `ip neigh flush dev X` (permanent entries are kept, as the kernel does). */
  flushNeighbours(dev?: string): number {
    const index = dev !== undefined ? this.requireLink(dev).index : undefined;
    const before = this.neighList.length;
    this.neighList = this.neighList.filter((n) => n.state === 'PERMANENT' || (index !== undefined && n.dev !== index));
    return before - this.neighList.length;
  }

  // -------------------------------------------------------------------------------------------
  // Network contexts

  get contexts(): ReadonlyMap<number, NetContext> {
    return this.ctxs;
  }

  context(nid: number): NetContext | undefined {
    return this.ctxs.get(nid);
  }

  /** Create a context (`ncontext --create`, `vserver … start`). EEXIST when the nid is taken. */
  createContext(nid: number | undefined, init: NetContextInit = {}): NetContext {
    const id = nid ?? this.allocateNid();
    if (this.ctxs.has(id)) throw new SyscallError('EEXIST', String(id));
    const ctx = new NetContext(id, init);
    this.ctxs.set(id, ctx);
    return ctx;
  }

  deleteContext(nid: number): void {
    this.ctxs.delete(nid);
  }

  /**
   * `vc_set_ipv4root` (era-B `chbind`): check the request against the caller's current context
   * and return a new context holding exactly the requested list. EINVAL past 16 entries, EPERM
   * when a restricted caller without CAP_NET_ADMIN asks for more than it has.
   */
  setIpv4root(current: NetContext | undefined, request: Ipv4rootRequest, opts: { hasNetAdmin: boolean; nid?: number }): NetContext {
    checkIpv4root(current, request, opts.hasNetAdmin);
    return this.createContext(opts.nid, { addresses: request.addresses, broadcast: request.broadcast ?? INADDR_BROADCAST, flags: current?.flags, ncaps: current?.ncaps });
  }

  private allocateNid(): number {
    while (this.ctxs.has(this.nextNid)) this.nextNid++;
    return this.nextNid++;
  }

  // -------------------------------------------------------------------------------------------
  // Snapshot support (used by Network)

  /** @internal */
  exportState(): StackState {
    return {
      name: this.name,
      hostname: this.hostname,
      powered: this.powered,
      sysctl: { ...this.sysctl, localPortRange: [...this.sysctl.localPortRange] as [number, number] },
      timing: { ...this.timing },
      nextIndex: this.nextIndex,
      links: this.linkList.map((l) => l.snapshot()),
      addresses: this.addresses().map((a) => ({
        dev: a.link.index,
        local: a.local,
        prefixLen: a.prefixLen,
        broadcast: a.broadcast,
        scope: a.scope,
        label: a.label,
        secondary: a.secondary,
      })),
      routes: this.routeList.map((r) => ({ ...r })),
      neighbours: this.neighList.map((n) => ({ ...n })),
      contexts: [...this.ctxs.values()].map((c) => c.snapshot()),
      nextNid: this.nextNid,
    };
  }

  /** @internal (links are re-attached to ports by the Network) */
  importState(s: StackState): void {
    this.hostname = s.hostname;
    this.powered = s.powered;
    Object.assign(this.sysctl, s.sysctl, { localPortRange: [...s.sysctl.localPortRange] });
    Object.assign(this.timing, s.timing);
    this.linkList.length = 0;
    this.ifa.clear();
    for (const ls of s.links) {
      const link = Link.restore(ls);
      this.linkList.push(link);
      this.ifa.set(link.index, []);
    }
    this.nextIndex = s.nextIndex;
    for (const a of s.addresses) {
      const link = this.linkByIndex(a.dev)!;
      this.ifa.get(a.dev)!.push({ link, local: a.local, prefixLen: a.prefixLen, broadcast: a.broadcast, scope: a.scope, label: a.label, secondary: a.secondary });
    }
    this.routeList = s.routes.map((r) => ({ ...r }));
    this.neighList = s.neighbours.map((n) => ({ ...n }));
    this.ctxs.clear();
    for (const c of s.contexts) this.ctxs.set(c.nid, NetContext.restore(c));
    this.nextNid = s.nextNid;
  }
}

/** Plain-data state of a stack (part of NetworkSnapshot). */
export interface StackState {
  name: string;
  hostname: string;
  powered: boolean;
  sysctl: Sysctl;
  timing: StackTiming;
  nextIndex: number;
  links: ReturnType<Link['snapshot']>[];
  addresses: Array<{ dev: number; local: Ip4; prefixLen: number; broadcast: Ip4; scope: number; label: string; secondary: boolean }>;
  routes: Route[];
  neighbours: Neighbour[];
  contexts: ReturnType<NetContext['snapshot']>[];
  nextNid: number;
}

function sameDerived(a: Route, b: Route): boolean {
  return a.table === b.table && a.type === b.type && a.dst === b.dst && a.prefixLen === b.prefixLen && a.dev === b.dev && a.src === b.src;
}
