/**
 * Text renderings of the network state, byte for byte as the tools of 2006 print them:
 * iproute2 ss-060323 (`ip addr`, `ip link`, `ip route`, `ip neigh`), net-tools 1.60 with the
 * Debian SI-units patch (`ifconfig`, `route -n`, `arp -n`, `netstat`) and Linux 2.6.16's
 * /proc/net/{dev,route,arp}. Every function returns the full output, each line ending in "\n".
 *
 * A `view` (network context) filters what a guest sees: with hide_netif, only its own
 * addresses and the interfaces carrying them (`nx_ifa_visible`, `nx_dev_visible`).
 */
import { viewHides, type NetView } from './context.js';
import { BROADCAST_MAC, formatIp4, prefixMask, type Ip4 } from './ip4.js';
import { IFF, type Link } from './link.js';
import { NetError } from './messages.js';
import { scopeName, type Route, type RouteTable } from './route.js';
import type { SocketInfo, SocketProtocol } from './socket.js';
import type { InetAddr, NetStack, Neighbour } from './stack.js';

/**
 * How `ip` shows IFF_LOWER_UP. The kernel has the flag since 2.6.17; iproute2 names it since
 * June 2007. 'name' (default) prints `<BROADCAST,MULTICAST,UP,LOWER_UP>`; 'hex' is iproute2 of
 * 2006 on a 2.6.17+ kernel (`<…,UP,10000>`); 'absent' is a 2.6.16 kernel such as the seed's
 * vs2.0.2 host (`<BROADCAST,MULTICAST,UP>`).
 */
export type LowerUpStyle = 'name' | 'hex' | 'absent';

export interface IpAddrOptions {
  view?: NetView;
  /** `ip addr show dev eth0` (ENODEV "Device "eth9" does not exist." otherwise). */
  dev?: string;
  /** `ip addr show label eth0:*` (a glob). */
  label?: string;
  /** `ip addr show up`. */
  up?: boolean;
  /** `ip -4 addr`: only links that have an IPv4 address. */
  inetOnly?: boolean;
  lowerUp?: LowerUpStyle;
}

function visibleAddresses(stack: NetStack, link: Link, view: NetView | undefined): InetAddr[] {
  const ctx = viewHides(view);
  const all = stack.addresses(link.name);
  return ctx ? all.filter((a) => ctx.has(a.local)) : all;
}

function linkVisible(stack: NetStack, link: Link, view: NetView | undefined): boolean {
  const ctx = viewHides(view);
  return !ctx || stack.addresses(link.name).some((a) => ctx.has(a.local));
}

/** The links a viewer sees (for `ip link`, ifconfig, /proc/net/dev). */
export function visibleLinks(stack: NetStack, view?: NetView): Link[] {
  return stack.links.filter((l) => linkVisible(stack, l, view));
}

/** print_link_flags of iproute2: `<BROADCAST,MULTICAST,UP,LOWER_UP>`. */
export function formatLinkFlags(link: Link, lowerUp: LowerUpStyle = 'name'): string {
  let flags = link.flags;
  if (lowerUp === 'absent') flags &= ~IFF.LOWER_UP;
  const parts: string[] = [];
  if (flags & IFF.UP && !(flags & IFF.RUNNING)) parts.push('NO-CARRIER');
  flags &= ~IFF.RUNNING;
  const order: Array<keyof typeof IFF> = [
    'LOOPBACK',
    'BROADCAST',
    'POINTOPOINT',
    'MULTICAST',
    'NOARP',
    'ALLMULTI',
    'PROMISC',
    'MASTER',
    'SLAVE',
    'DEBUG',
    'DYNAMIC',
    'AUTOMEDIA',
    'PORTSEL',
    'NOTRAILERS',
    'UP',
  ];
  if (lowerUp === 'name') order.push('LOWER_UP', 'DORMANT');
  for (const name of order) {
    if (flags & IFF[name]) {
      flags &= ~IFF[name];
      parts.push(name);
    }
  }
  if (flags) parts.push(flags.toString(16));
  return `<${parts.join(',')}>`;
}

function linkHeader(link: Link, lowerUp: LowerUpStyle): string {
  const qlen = link.txqueuelen ? `qlen ${link.txqueuelen}` : '';
  const type = link.isLoopback ? 'loopback' : 'ether';
  const brd = link.isLoopback ? '00:00:00:00:00:00' : BROADCAST_MAC;
  return (
    `${link.index}: ${link.name}: ${formatLinkFlags(link, lowerUp)} mtu ${link.mtu} qdisc ${link.activeQdisc} ${qlen}\n` +
    `    link/${type} ${link.mac} brd ${brd}\n`
  );
}

/** One `    inet …` line of print_addrinfo. */
export function formatInetLine(a: InetAddr): string {
  let s = `    inet ${formatIp4(a.local)}/${a.prefixLen} `;
  if (a.broadcast) s += `brd ${formatIp4(a.broadcast)} `;
  s += `scope ${scopeName(a.scope)} `;
  if (a.secondary) s += 'secondary ';
  return `${s}${a.label}\n`;
}

/** `ip addr [show …]`. */
export function formatIpAddr(stack: NetStack, opts: IpAddrOptions = {}): string {
  const lowerUp = opts.lowerUp ?? 'name';
  let links = visibleLinks(stack, opts.view);
  if (opts.dev !== undefined) {
    links = links.filter((l) => l.name === opts.dev);
    if (links.length === 0) throw new NetError('ENODEV', opts.dev, `Device "${opts.dev}" does not exist.`);
  }
  if (opts.up) links = links.filter((l) => l.adminUp);
  let out = '';
  for (const link of links) {
    let addrs = visibleAddresses(stack, link, opts.view);
    if (opts.label !== undefined) addrs = addrs.filter((a) => fnmatch(opts.label!, a.label));
    if (opts.inetOnly && addrs.length === 0) continue;
    // With a label filter, iproute2 prints a link's header only when its name matches too.
    if (opts.label === undefined || fnmatch(opts.label, link.name)) out += linkHeader(link, lowerUp);
    for (const a of addrs) out += formatInetLine(a);
  }
  return out;
}

/** `ip link [show dev X]`. */
export function formatIpLink(stack: NetStack, opts: { view?: NetView; dev?: string; up?: boolean; lowerUp?: LowerUpStyle } = {}): string {
  let links = visibleLinks(stack, opts.view);
  if (opts.dev !== undefined) {
    links = links.filter((l) => l.name === opts.dev);
    if (links.length === 0) throw new NetError('ENODEV', opts.dev, `Device "${opts.dev}" does not exist.`);
  }
  if (opts.up) links = links.filter((l) => l.adminUp);
  return links.map((l) => linkHeader(l, opts.lowerUp ?? 'name')).join('');
}

// ---------------------------------------------------------------------------------------------
// ifconfig (net-tools 1.60, lib/interface.c ife_print_long)

export interface IfconfigOptions {
  view?: NetView;
  /** -a: include interfaces that are down. */
  all?: boolean;
  /** `ifconfig eth0` / `ifconfig eth0:XX`: one interface (shown even when down). */
  name?: string;
}

interface IfconfigEntry {
  name: string;
  link: Link;
  addr: InetAddr | undefined;
  alias: boolean;
}

/** net-tools' nstrcmp: like strcmp, but digit runs compare as numbers (eth2 < eth10). */
export function nstrcmp(a: string, b: string): number {
  const re = /(\d+)|(\D+)/g;
  const pa = a.match(re) ?? [];
  const pb = b.match(re) ?? [];
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i]!;
    const y = pb[i]!;
    if (/^\d/.test(x) && /^\d/.test(y)) {
      const d = Number(x) - Number(y);
      if (d !== 0) return d;
    } else if (x !== y) {
      return x < y ? -1 : 1;
    }
  }
  return pa.length - pb.length;
}

function ifconfigEntries(stack: NetStack, view: NetView | undefined): IfconfigEntry[] {
  const entries: IfconfigEntry[] = [];
  for (const link of visibleLinks(stack, view)) {
    const addrs = visibleAddresses(stack, link, view);
    entries.push({ name: link.name, link, addr: addrs.find((a) => a.label === link.name), alias: false });
    for (const a of addrs) {
      if (a.label !== link.name && !entries.some((e) => e.name === a.label)) {
        entries.push({ name: a.label, link, addr: a, alias: true });
      }
    }
  }
  return entries.sort((x, y) => nstrcmp(x.name, y.name));
}

function humanBytes(n: number): string {
  const units: Array<[number, string]> = [
    [1073741824, 'GiB'],
    [1048576, 'MiB'],
    [1024, 'KiB'],
  ];
  for (const [div, unit] of units) {
    if (n > div) {
      const short = Math.floor((n * 10) / div);
      return `${Math.floor(short / 10)}.${short % 10} ${unit}`;
    }
  }
  return `${n}.0 b`;
}

function ifconfigBlock(e: IfconfigEntry): string {
  const link = e.link;
  let s = `${e.name.slice(0, 9).padEnd(9)} Link encap:${link.isLoopback ? 'Local Loopback' : 'Ethernet'}  `;
  if (!link.isLoopback) s += `HWaddr ${link.mac.toUpperCase()}  `;
  s += '\n';
  const flags = link.flags;
  if (e.addr) {
    s += `          inet addr:${formatIp4(e.addr.local)} `;
    if (flags & IFF.BROADCAST) s += ` Bcast:${formatIp4(e.addr.broadcast)} `;
    s += ` Mask:${formatIp4(prefixMask(e.addr.prefixLen))}\n`;
  }
  s += '          ';
  if (flags === 0) s += '[NO FLAGS] ';
  const names: Array<[number, string]> = [
    [IFF.UP, 'UP'],
    [IFF.BROADCAST, 'BROADCAST'],
    [IFF.DEBUG, 'DEBUG'],
    [IFF.LOOPBACK, 'LOOPBACK'],
    [IFF.POINTOPOINT, 'POINTOPOINT'],
    [IFF.NOTRAILERS, 'NOTRAILERS'],
    [IFF.RUNNING, 'RUNNING'],
    [IFF.NOARP, 'NOARP'],
    [IFF.PROMISC, 'PROMISC'],
    [IFF.ALLMULTI, 'ALLMULTI'],
    [IFF.SLAVE, 'SLAVE'],
    [IFF.MASTER, 'MASTER'],
    [IFF.MULTICAST, 'MULTICAST'],
    [IFF.DYNAMIC, 'DYNAMIC'],
  ];
  for (const [bit, name] of names) if (flags & bit) s += `${name} `;
  s += ` MTU:${link.mtu}  Metric:${link.metric || 1}\n`;
  if (!e.alias) {
    const st = link.stats;
    s += `          RX packets:${st.rxPackets} errors:${st.rxErrors} dropped:${st.rxDropped} overruns:${st.rxFifo} frame:${st.rxFrame}\n`;
    s += `          TX packets:${st.txPackets} errors:${st.txErrors} dropped:${st.txDropped} overruns:${st.txFifo} carrier:${st.txCarrier}\n`;
    s += `          collisions:${st.collisions} txqueuelen:${link.txqueuelen} \n`;
    s += `          RX bytes:${st.rxBytes} (${humanBytes(st.rxBytes)})  TX bytes:${st.txBytes} (${humanBytes(st.txBytes)})\n`;
  }
  const hw = link.hw;
  if (hw.irq || hw.memStart || (hw.baseAddress ?? 0) >= 0x100) {
    s += '          ';
    if (hw.irq) s += `Interrupt:${hw.irq} `;
    if ((hw.baseAddress ?? 0) >= 0x100) s += `Base address:0x${hw.baseAddress!.toString(16)} `;
    if (hw.memStart) s += `Memory:${hw.memStart.toString(16)}-${(hw.memEnd ?? 0).toString(16)} `;
    s += '\n';
  }
  return `${s}\n`;
}

/**
 * `ifconfig`, `ifconfig -a`, `ifconfig eth0:XX`. Aliases (labels other than the device name)
 * are listed as their own interfaces, without statistics, sorted as net-tools does.
 * An unknown name throws ENODEV with `eth9: error fetching interface information: Device not found`.
 */
export function formatIfconfig(stack: NetStack, opts: IfconfigOptions = {}): string {
  const entries = ifconfigEntries(stack, opts.view);
  if (opts.name !== undefined) {
    const e = entries.find((x) => x.name === opts.name);
    if (!e) throw new NetError('ENODEV', opts.name, `${opts.name}: error fetching interface information: Device not found`);
    return ifconfigBlock(e);
  }
  return entries
    .filter((e) => opts.all || e.link.adminUp)
    .map(ifconfigBlock)
    .join('');
}

// ---------------------------------------------------------------------------------------------
// /proc/net/dev (Linux 2.6.16 dev_seq_show)

export function formatProcNetDev(stack: NetStack, opts: { view?: NetView } = {}): string {
  let s =
    'Inter-|   Receive                                                |  Transmit\n' +
    ' face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n';
  for (const link of visibleLinks(stack, opts.view)) {
    const t = link.stats;
    s +=
      `${link.name.padStart(6)}:${pad(t.rxBytes, 8)} ${pad(t.rxPackets, 7)} ${pad(t.rxErrors, 4)} ${pad(t.rxDropped, 4)} ${pad(t.rxFifo, 4)} ` +
      `${pad(t.rxFrame, 5)} ${pad(t.rxCompressed, 10)} ${pad(t.multicast, 9)} ${pad(t.txBytes, 8)} ${pad(t.txPackets, 7)} ` +
      `${pad(t.txErrors, 4)} ${pad(t.txDropped, 4)} ${pad(t.txFifo, 4)} ${pad(t.collisions, 5)} ${pad(t.txCarrier, 7)} ${pad(t.txCompressed, 10)}\n`;
  }
  return s;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width);
}

// ---------------------------------------------------------------------------------------------
// Routes

export interface IpRouteOptions {
  /** Default 'main'; 'all' prints " table local " on local routes. */
  table?: RouteTable | 'all';
}

/** One line of iproute2 print_route (with its trailing space). */
export function formatRouteLine(stack: NetStack, r: Route, opts: IpRouteOptions = {}): string {
  let s = r.type !== 'unicast' ? `${r.type} ` : '';
  if (r.prefixLen === 0) s += 'default ';
  else if (r.prefixLen === 32) s += `${formatIp4(r.dst)} `;
  else s += `${formatIp4(r.dst)}/${r.prefixLen} `;
  if (r.gateway !== undefined) s += `via ${formatIp4(r.gateway)} `;
  if (r.dev !== undefined) s += `dev ${stack.linkByIndex(r.dev)?.name ?? r.dev} `;
  if (opts.table === 'all' && r.table !== 'main') s += ` table ${r.table} `;
  if (r.proto !== 'boot') s += ` proto ${r.proto} `;
  if (r.scope !== 0) s += ` scope ${scopeName(r.scope)} `;
  if (r.src !== undefined) s += ` src ${formatIp4(r.src)} `;
  if (r.metric) s += ` metric ${r.metric} `;
  if (r.onlink) s += 'onlink ';
  return `${s}\n`;
}

/**
 * `ip route [show [table local|all]]`. There is no per-context routing table in
 * Linux-VServer: a guest sees the host's table.
 */
export function formatIpRoute(stack: NetStack, opts: IpRouteOptions = {}): string {
  return stack
    .routes(opts.table ?? 'main')
    .map((r) => formatRouteLine(stack, r, opts))
    .join('');
}

const RTF_UP = 0x1;
const RTF_GATEWAY = 0x2;
const RTF_HOST = 0x4;
const RTF_REJECT = 0x200;

function routeFlags(r: Route): number {
  let f = r.type === 'unreachable' || r.type === 'prohibit' ? RTF_REJECT : 0;
  if (r.gateway !== undefined) f |= RTF_GATEWAY;
  if (r.prefixLen === 32) f |= RTF_HOST;
  return f | RTF_UP;
}

/** /proc/net/route (main table only; addresses in little-endian hex, lines padded to 127). */
export function formatProcNetRoute(stack: NetStack): string {
  const hex = (ip: Ip4): string => {
    const v = (((ip & 255) << 24) | (((ip >>> 8) & 255) << 16) | (((ip >>> 16) & 255) << 8) | (ip >>> 24)) >>> 0;
    return v.toString(16).toUpperCase().padStart(8, '0');
  };
  let s = `${'Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT'.padEnd(127)}\n`;
  for (const r of stack.routes('main')) {
    const dev = r.dev !== undefined ? (stack.linkByIndex(r.dev)?.name ?? '*') : '*';
    const line = `${dev}\t${hex(r.dst)}\t${hex(r.gateway ?? 0)}\t${routeFlags(r).toString(16).toUpperCase().padStart(4, '0')}\t0\t0\t${r.metric ?? 0}\t${hex(prefixMask(r.prefixLen))}\t0\t0\t0`;
    s += `${line.padEnd(127)}\n`;
  }
  return s;
}

/** `route -n` (net-tools 1.60 rprint_fib). */
export function formatRouteN(stack: NetStack): string {
  let s = 'Kernel IP routing table\nDestination     Gateway         Genmask         Flags Metric Ref    Use Iface\n';
  for (const r of stack.routes('main')) {
    const f = routeFlags(r);
    let flags = 'U';
    if (f & RTF_GATEWAY) flags += 'G';
    if (f & RTF_REJECT) flags = '!';
    if (f & RTF_HOST) flags += 'H';
    const dst = formatIp4(r.dst).padEnd(15);
    const mask = formatIp4(prefixMask(r.prefixLen)).padEnd(15);
    if (f & RTF_REJECT) {
      s += `${dst} -               ${mask} ${flags.padEnd(5)} ${String(r.metric ?? 0).padEnd(6)} -  ${'0'.padStart(7)} -\n`;
    } else {
      const gw = formatIp4(r.gateway ?? 0).padEnd(15);
      const dev = r.dev !== undefined ? (stack.linkByIndex(r.dev)?.name ?? '*') : '*';
      s += `${dst} ${gw} ${mask} ${flags.padEnd(5)} ${String(r.metric ?? 0).padEnd(6)} ${'0'.padEnd(2)} ${'0'.padStart(7)} ${dev}\n`;
    }
  }
  return s;
}

// ---------------------------------------------------------------------------------------------
// Neighbours

/** `ip neigh [show [dev X]]` (NOARP entries hidden, as iproute2 does by default). */
export function formatIpNeigh(stack: NetStack, opts: { dev?: string } = {}): string {
  const index = opts.dev !== undefined ? stack.requireLink(opts.dev).index : undefined;
  let s = '';
  for (const n of stack.neighbours()) {
    if (n.state === 'NOARP' || (index !== undefined && n.dev !== index)) continue;
    s += `${formatIp4(n.ip)} `;
    if (index === undefined) s += `dev ${stack.linkByIndex(n.dev)?.name ?? n.dev} `;
    if (n.mac && n.state !== 'FAILED' && n.state !== 'INCOMPLETE') s += `lladdr ${n.mac}`;
    s += ` ${n.state}\n`;
  }
  return s;
}

function arpFlags(n: Neighbour): number {
  if (n.state === 'PERMANENT') return 0x6;
  if (n.state === 'INCOMPLETE' || n.state === 'FAILED') return 0x0;
  return 0x2;
}

/** /proc/net/arp. */
export function formatProcNetArp(stack: NetStack): string {
  let s = 'IP address       HW type     Flags       HW address            Mask     Device\n';
  for (const n of stack.neighbours()) {
    if (n.state === 'NOARP') continue;
    const flags = arpFlags(n);
    const mac = flags ? (n.mac ?? '00:00:00:00:00:00') : '00:00:00:00:00:00';
    s += `${formatIp4(n.ip).padEnd(16)} 0x${'1'.padEnd(10)}0x${flags.toString(16).padEnd(10)}${mac}     *        ${stack.linkByIndex(n.dev)?.name ?? ''}\n`;
  }
  return s;
}

/** `arp -n` (net-tools 1.60 arp_disp_2). Empty output when the cache is empty. */
export function formatArpN(stack: NetStack): string {
  let s = '';
  for (const n of stack.neighbours()) {
    if (n.state === 'NOARP') continue;
    if (!s) s = 'Address                  HWtype  HWaddress           Flags Mask            Iface\n';
    const flags = arpFlags(n);
    let line = `${formatIp4(n.ip).slice(0, 23).padEnd(23)}  `;
    if (!(flags & 0x2)) line += `${''.padEnd(8)}${'(incomplete)'.padEnd(20)}`;
    else line += `${'ether'.padEnd(8)}${(n.mac ?? '').padEnd(20)}`;
    const f = `${flags & 0x2 ? 'C' : ''}${flags & 0x4 ? 'M' : ''}`;
    line += `${f.padEnd(6)}${''.padEnd(15)} ${stack.linkByIndex(n.dev)?.name ?? ''}\n`;
    s += line;
  }
  return s;
}

// ---------------------------------------------------------------------------------------------
// netstat (net-tools 1.60)

export interface NetstatOptions {
  tcp?: boolean;
  udp?: boolean;
  /** -l: only listening sockets. */
  listening?: boolean;
  /** -a: listening and the others. */
  all?: boolean;
  /** -n: numeric addresses and ports (otherwise `resolve` is used, 0.0.0.0 prints "*"). */
  numeric?: boolean;
  /** -p: the PID/Program name column. */
  programs?: boolean;
  /** Restrict to the sockets of one network context (see SocketTable.list). */
  nid?: number;
  /** Name lookups for non-numeric output. */
  resolve?: { host?(ip: Ip4): string | undefined; service?(port: number, protocol: SocketProtocol): string | undefined };
}

function endpoint(addr: Ip4, port: number, protocol: SocketProtocol, opts: NetstatOptions): string {
  let host: string;
  let serv: string;
  if (opts.numeric) {
    host = formatIp4(addr);
    serv = port === 0 ? '*' : String(port);
  } else {
    host = addr === 0 ? '*' : (opts.resolve?.host?.(addr) ?? formatIp4(addr));
    serv = port === 0 ? '*' : (opts.resolve?.service?.(port, protocol) ?? String(port));
  }
  if (host.length + serv.length > 22) host = host.slice(0, Math.max(0, 22 - serv.length));
  return `${host}:${serv}`;
}

/** `netstat -tlnp` and friends: the "Active Internet connections" section. */
export function formatNetstat(stack: NetStack, opts: NetstatOptions = {}): string {
  const which = opts.all ? '(servers and established)' : opts.listening ? '(only servers)' : '(w/o servers)';
  let s = `Active Internet connections ${which}\nProto Recv-Q Send-Q Local Address           Foreign Address         State      `;
  if (opts.programs) s += ' PID/Program name'.padEnd(20);
  s += '\n';
  const both = !opts.tcp && !opts.udp;
  const protocols: SocketProtocol[] = [];
  if (opts.tcp || both) protocols.push('tcp');
  if (opts.udp || both) protocols.push('udp');
  for (const protocol of protocols) {
    const list = stack.sockets.list({ protocol, ...('nid' in opts ? { nid: opts.nid } : {}) });
    const ordered = [...list.filter((i) => i.state === 'LISTEN'), ...list.filter((i) => i.state !== 'LISTEN')];
    for (const info of ordered) {
      const listening = protocol === 'tcp' ? info.state === 'LISTEN' : info.remotePort === 0;
      if (!opts.all && (opts.listening ? !listening : listening)) continue;
      s += netstatRow(info, opts);
    }
  }
  return s;
}

function netstatRow(info: SocketInfo, opts: NetstatOptions): string {
  const listen = info.state === 'LISTEN';
  const rxq = listen ? 0 : info.recvQ;
  const txq = listen ? 0 : info.sendQ;
  const local = endpoint(info.localAddr, info.localPort, info.protocol, opts);
  const remote = endpoint(info.remoteAddr, info.remotePort, info.protocol, opts);
  const state = info.protocol === 'udp' ? (info.state === 'ESTABLISHED' ? 'ESTABLISHED' : '') : info.state;
  let s = `${info.protocol}   ${pad(rxq, 6)} ${pad(txq, 6)} ${local.padEnd(23)} ${remote.padEnd(23)} ${state.padEnd(12)}`;
  if (opts.programs) s += (info.owner ? `${info.owner.pid}/${info.owner.program}`.slice(0, 19) : '-').padEnd(20);
  return `${s}\n`;
}

/** fnmatch(3) without flags: `*`, `?`, `[…]` (iproute2 uses it for `label` patterns). */
export function fnmatch(pattern: string, text: string): boolean {
  let re = '^';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end < 0) re += '\\[';
      else {
        let body = pattern.slice(i + 1, end);
        if (body.startsWith('!')) body = `^${body.slice(1)}`;
        re += `[${body.replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`${re}$`).test(text);
}
