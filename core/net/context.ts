/**
 * Linux-VServer network contexts (nx_info): a nid, the ipv4root list a guest is locked to,
 * a broadcast address, flags and network capabilities.
 *
 * Semantics follow the vs2.0/2.2 kernel code (see reference/linux-vserver.md §4 and §10):
 *  - `addr_in_nx_info`: an address belongs to the context when it is *exactly* one of the
 *    listed IPs (masks are not used for membership); a list whose first entry is 0.0.0.0
 *    means "unrestricted";
 *  - `vc_set_ipv4root`: at most 16 entries; a process already restricted may only narrow its
 *    list to a subset with the same broadcast address, unless it has CAP_NET_ADMIN;
 *  - interfaces and addresses are hidden from `ip addr`/ifconfig only with `hide_netif`.
 * The network model never looks at tasks: callers pass the context of the process they act for.
 */
import { SyscallError } from '../kernel/errno.js';
import { formatIp4, INADDR_ANY, type Ip4 } from './ip4.js';

/** `vc_get_nb_ipv4root()`: the most addresses one context may hold. */
export const NB_IPV4ROOT = 16;

/** One ipv4root entry. `mask` is used for source selection (vs2.0 `ip_find_src`), not for membership. */
export interface NxAddr {
  ip: Ip4;
  mask: Ip4;
}

/** Network flags (nflags) and their bits (util-vserver `lib/*-v13.c`). Bits above 31 need bigint. */
export const NX_FLAGS = {
  lock: 0x1n,
  private: 0x8n,
  single_ip: 0x100n,
  lback_remap: 0x200n,
  lback_allow: 0x400n,
  hide_netif: 0x2000000n,
  hide_lback: 0x4000000n,
  state_setup: 1n << 32n,
  state_admin: 1n << 34n,
  sc_helper: 1n << 36n,
  persistent: 1n << 38n,
} as const;
export type NxFlag = keyof typeof NX_FLAGS;

/** Network capabilities (ncaps). */
export const NX_CAPS = { tun_create: 0x1n, raw_icmp: 0x100n } as const;
export type NxCap = keyof typeof NX_CAPS;

export interface NetContextInit {
  addresses?: readonly NxAddr[];
  /** Default 255.255.255.255, as chbind. */
  broadcast?: Ip4;
  flags?: Iterable<NxFlag>;
  ncaps?: Iterable<NxCap>;
}

export interface NetContextSnapshot {
  nid: number;
  addresses: NxAddr[];
  broadcast: Ip4;
  flags: NxFlag[];
  ncaps: NxCap[];
}

export class NetContext {
  private list: NxAddr[];
  broadcast: Ip4;
  readonly flags: Set<NxFlag>;
  readonly ncaps: Set<NxCap>;

  constructor(
    readonly nid: number,
    init: NetContextInit = {},
  ) {
    const addresses = init.addresses ?? [];
    if (addresses.length > NB_IPV4ROOT) throw new SyscallError('EINVAL', 'too many ipv4root entries');
    this.list = addresses.map((a) => ({ ip: a.ip >>> 0, mask: a.mask >>> 0 }));
    this.broadcast = (init.broadcast ?? 0xffffffff) >>> 0;
    this.flags = new Set(init.flags ?? []);
    this.ncaps = new Set(init.ncaps ?? []);
  }

  /** The ipv4root list, in order (the first entry is the context's "primary" address). */
  get addresses(): readonly NxAddr[] {
    return this.list;
  }

  /** The first address (ipv4root[0]), which also stands in for 127.0.0.1 inside the guest. */
  get primary(): Ip4 | undefined {
    return this.list[0]?.ip;
  }

  /** A list starting with 0.0.0.0 places no restriction (2.4/2.6 convention). */
  get unrestricted(): boolean {
    return this.list.length > 0 && this.list[0]!.ip === INADDR_ANY;
  }

  /** `addr_in_nx_info`: exact membership. */
  has(address: Ip4): boolean {
    if (this.unrestricted) return true;
    const a = address >>> 0;
    return this.list.some((e) => e.ip === a);
  }

  /** Whether an explicit bind to `address` is allowed (a listed IP or the context's broadcast). */
  mayBind(address: Ip4): boolean {
    return this.has(address) || (address >>> 0) === this.broadcast;
  }

  hasFlag(flag: NxFlag): boolean {
    return this.flags.has(flag);
  }

  /** The nflags as the 64-bit value /proc/virtnet/N/status prints. */
  flagBits(): bigint {
    let bits = 0n;
    for (const f of this.flags) bits |= NX_FLAGS[f];
    return bits;
  }

  ncapBits(): bigint {
    let bits = 0n;
    for (const c of this.ncaps) bits |= NX_CAPS[c];
    return bits;
  }

  /** Era-C `naddress --add`: append entries (EINVAL past 16, EEXIST for a duplicate IP). */
  addAddresses(entries: readonly NxAddr[]): void {
    for (const e of entries) {
      if (this.list.some((x) => x.ip === e.ip >>> 0)) throw new SyscallError('EEXIST', formatIp4(e.ip));
    }
    if (this.list.length + entries.length > NB_IPV4ROOT) throw new SyscallError('EINVAL', 'too many ipv4root entries');
    for (const e of entries) this.list.push({ ip: e.ip >>> 0, mask: e.mask >>> 0 });
  }

  /** Era-C `naddress --remove`. Unknown addresses are ignored. */
  removeAddresses(ips: readonly Ip4[]): void {
    const drop = new Set(ips.map((i) => i >>> 0));
    this.list = this.list.filter((e) => !drop.has(e.ip));
  }

  /** `/proc/virtnet/<nid>/info` lines after ID/Info: `0:\t10.0.0.1/255.255.255.0`. */
  infoLines(): string[] {
    return this.list.map((e, i) => `${i}:\t${formatIp4(e.ip)}/${formatIp4(e.mask)}`);
  }

  snapshot(): NetContextSnapshot {
    return {
      nid: this.nid,
      addresses: this.list.map((e) => ({ ...e })),
      broadcast: this.broadcast,
      flags: [...this.flags],
      ncaps: [...this.ncaps],
    };
  }

  static restore(s: NetContextSnapshot): NetContext {
    return new NetContext(s.nid, { addresses: s.addresses, broadcast: s.broadcast, flags: s.flags, ncaps: s.ncaps });
  }
}

export interface Ipv4rootRequest {
  addresses: readonly NxAddr[];
  broadcast?: Ip4;
}

/**
 * The kernel rule of `vc_set_ipv4root` (vs2.0 `legacynet.c`): throws EINVAL for more than 16
 * addresses, EPERM when a restricted caller without CAP_NET_ADMIN asks for an address it does
 * not already hold or for another broadcast address. Returns normally when allowed.
 */
export function checkIpv4root(current: NetContext | undefined, request: Ipv4rootRequest, hasNetAdmin: boolean): void {
  if (request.addresses.length > NB_IPV4ROOT) throw new SyscallError('EINVAL', 'too many ipv4root entries');
  if (!current || current.addresses.length === 0 || current.unrestricted || hasNetAdmin) return;
  const broadcast = (request.broadcast ?? 0xffffffff) >>> 0;
  const subset = request.addresses.every((a) => current.addresses.some((c) => c.ip === a.ip >>> 0));
  if (!subset || broadcast !== current.broadcast) throw new SyscallError('EPERM', 'not a subset of the current ipv4root');
}

/**
 * Whether a context may see an address or an interface in `ip addr`, ifconfig, /proc/net/dev
 * (`nx_ifa_visible`, `nx_dev_visible`). `hideNetif` defaults to the context's own `hide_netif`
 * flag; vs2.0 kept that flag on the process context (cflag), so the kernel may pass it in.
 */
export interface NetView {
  ctx?: NetContext;
  hideNetif?: boolean;
}

export function viewHides(view: NetView | undefined): NetContext | undefined {
  if (!view?.ctx || view.ctx.unrestricted) return undefined;
  const hide = view.hideNetif ?? view.ctx.hasFlag('hide_netif');
  return hide ? view.ctx : undefined;
}
