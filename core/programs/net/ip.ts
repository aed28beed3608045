/**
 * ip — iproute2 snapshot ss060323 (the seed's era): `ip addr`, `ip link`, `ip route`, `ip neigh`,
 * `ip rule` (list), with the parser, abbreviations (`ip a`, `ip r s`), messages and exit statuses of
 * ip.c, ipaddress.c, iplink.c, iproute.c, ipneigh.c and lib/utils.c of that snapshot. Exit status
 * 255 is iproute2's exit(-1); 2 a refused netlink request; 1 a bad address.
 */
import { SyscallError } from '../../kernel/errno.js';
import type { NetCalls } from '../../kernel/net-calls.js';
import type { Process } from '../../kernel/process.js';
import {
  fnmatch,
  formatInetLine,
  formatIp4,
  formatIpLink,
  formatIpNeigh,
  formatRouteLine,
  inSubnet,
  ipErrorMessage,
  isValidMac,
  parseScope,
  viewHides,
  wildcardDeletionWarning,
  type InetAddr,
  type Ip4,
  type Link,
  type NetStack,
  type NudState,
  type Route,
  type RouteMatch,
  type RouteProto,
  type RouteSpec,
  type RouteTable,
  type RouteType,
} from '../../net/index.js';
import { defineProgram } from '../registry.js';
import { NetTool, runNetTool, ToolExit } from './lib/tool.js';

const SNAPSHOT = '060323';

/** iproute2's matches(): `cmd` is a prefix of `pattern` (so "" matches everything). */
function matches(cmd: string, pattern: string): boolean {
  return cmd.length <= pattern.length && pattern.startsWith(cmd);
}

const IP_USAGE =
  'Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }\n' +
  '       ip [ -force ] [-batch filename\n' +
  'where  OBJECT := { link | addr | route | rule | neigh | ntable | tunnel |\n' +
  '                   maddr | mroute | monitor | xfrm }\n' +
  '       OPTIONS := { -V[ersion] | -s[tatistics] | -r[esolve] |\n' +
  '                    -f[amily] { inet | inet6 | ipx | dnet | link } |\n' +
  '                    -o[neline] | -t[imestamp] }\n';

const LINK_USAGE =
  'Usage: ip link set DEVICE { up | down |\n' +
  '	                     arp { on | off } |\n' +
  '	                     dynamic { on | off } |\n' +
  '	                     multicast { on | off } |\n' +
  '	                     allmulticast { on | off } |\n' +
  '	                     promisc { on | off } |\n' +
  '	                     trailers { on | off } |\n' +
  '	                     txqueuelen PACKETS |\n' +
  '	                     name NEWNAME |\n' +
  '	                     address LLADDR | broadcast LLADDR |\n' +
  '	                     mtu MTU }\n' +
  '       ip link show [ DEVICE ]\n';

const ADDR_USAGE =
  'Usage: ip addr {add|del} IFADDR dev STRING\n' +
  '       ip addr {show|flush} [ dev STRING ] [ scope SCOPE-ID ]\n' +
  '                            [ to PREFIX ] [ FLAG-LIST ] [ label PATTERN ]\n' +
  'IFADDR := PREFIX | ADDR peer PREFIX\n' +
  '          [ broadcast ADDR ] [ anycast ADDR ]\n' +
  '          [ label STRING ] [ scope SCOPE-ID ]\n' +
  'SCOPE-ID := [ host | link | global | NUMBER ]\n' +
  'FLAG-LIST := [ FLAG-LIST ] FLAG\n' +
  'FLAG  := [ permanent | dynamic | secondary | primary |\n' +
  '           tentative | deprecated ]\n';

const ROUTE_USAGE =
  'Usage: ip route { list | flush } SELECTOR\n' +
  '       ip route get ADDRESS [ from ADDRESS iif STRING ]\n' +
  '                            [ oif STRING ]  [ tos TOS ]\n' +
  '       ip route { add | del | change | append | replace | monitor } ROUTE\n' +
  'SELECTOR := [ root PREFIX ] [ match PREFIX ] [ exact PREFIX ]\n' +
  '            [ table TABLE_ID ] [ proto RTPROTO ]\n' +
  '            [ type TYPE ] [ scope SCOPE ]\n' +
  'ROUTE := NODE_SPEC [ INFO_SPEC ]\n' +
  'NODE_SPEC := [ TYPE ] PREFIX [ tos TOS ]\n' +
  '             [ table TABLE_ID ] [ proto RTPROTO ]\n' +
  '             [ scope SCOPE ] [ metric METRIC ]\n' +
  '             [ mpath MP_ALGO ]\n' +
  'INFO_SPEC := NH OPTIONS FLAGS [ nexthop NH ]...\n' +
  'NH := [ via ADDRESS ] [ dev STRING ] [ weight NUMBER ] NHFLAGS\n' +
  'OPTIONS := FLAGS [ mtu NUMBER ] [ advmss NUMBER ]\n' +
  '           [ rtt NUMBER ] [ rttvar NUMBER ]\n' +
  '           [ window NUMBER] [ cwnd NUMBER ] [ ssthresh NUMBER ]\n' +
  '           [ realms REALM ]\n' +
  'TYPE := [ unicast | local | broadcast | multicast | throw |\n' +
  '          unreachable | prohibit | blackhole | nat ]\n' +
  'TABLE_ID := [ local | main | default | all | NUMBER ]\n' +
  'SCOPE := [ host | link | global | NUMBER ]\n' +
  'FLAGS := [ equalize ]\n' +
  'MP_ALGO := { rr | drr | random | wrandom }\n' +
  'NHFLAGS := [ onlink | pervasive ]\n' +
  'RTPROTO := [ kernel | boot | static | NUMBER ]\n';

const NEIGH_USAGE =
  'Usage: ip neigh { add | del | change | replace } { ADDR [ lladdr LLADDR ]\n' +
  '          [ nud { permanent | noarp | stale | reachable } ]\n' +
  '          | proxy ADDR } [ dev DEV ]\n' +
  '       ip neigh {show|flush} [ to PREFIX ] [ dev DEV ] [ nud STATE ]\n';

const RULE_USAGE =
  'Usage: ip rule [ list | add | del | flush ] SELECTOR ACTION\n' +
  'SELECTOR := [ not ] [ from PREFIX ] [ to PREFIX ] [ tos TOS ] [ fwmark FWMARK ]\n' +
  '            [ dev STRING ] [ pref NUMBER ]\n' +
  'ACTION := [ table TABLE_ID ]\n' +
  '          [ prohibit | reject | unreachable ]\n' +
  '          [ realms [SRCREALM/]DSTREALM ]\n' +
  'TABLE_ID := [ local | main | default | NUMBER ]\n';

type Family = 'unspec' | 'inet' | 'inet6' | 'link' | 'ipx' | 'dnet';

interface Prefix {
  /** 'inet6' addresses are parsed but the emulated kernel has no IPv6. */
  family: 'inet' | 'inet6' | 'any';
  address: Ip4;
  bitlen: number;
  /** A "/N" was given. */
  lenGiven: boolean;
}

/** lib/utils.c get_addr_1 for IPv4: digits and up to three dots, each byte accumulating (mod 256). */
function getAddr1(text: string): Prefix | undefined {
  if (text === 'default' || text === 'all' || text === 'any') return { family: 'any', address: 0, bitlen: -1, lenGiven: false };
  if (text.includes(':')) return { family: 'inet6', address: 0, bitlen: -1, lenGiven: false };
  const bytes = [0, 0, 0, 0];
  let i = 0;
  for (const c of text) {
    if (c >= '0' && c <= '9') {
      bytes[i] = (bytes[i]! * 10 + (c.charCodeAt(0) - 48)) & 255;
      continue;
    }
    if (c === '.' && ++i <= 3) continue;
    return undefined;
  }
  return { family: 'inet', address: ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0, bitlen: -1, lenGiven: false };
}

/** strtoul with base 0: decimal, 0x hex, 0 octal; the whole string must be used. */
function getUnsigned(text: string): number | undefined {
  if (/^0[xX][0-9a-fA-F]+$/.test(text)) return parseInt(text.slice(2), 16);
  if (/^0[0-7]*$/.test(text)) return parseInt(text, 8);
  if (/^[1-9][0-9]*$/.test(text)) return Number(text);
  return undefined;
}

/** lib/utils.c get_prefix_1. */
function getPrefix1(text: string): Prefix | undefined {
  if (text === 'default' || text === 'any' || text === 'all') return { family: 'any', address: 0, bitlen: 0, lenGiven: false };
  const slash = text.indexOf('/');
  const a = getAddr1(slash < 0 ? text : text.slice(0, slash));
  if (!a) return undefined;
  const max = a.family === 'inet6' ? 128 : 32;
  a.bitlen = max;
  if (slash >= 0) {
    const len = getUnsigned(text.slice(slash + 1));
    if (len === undefined || len > max) return undefined;
    a.bitlen = len;
    a.lenGiven = true;
  }
  return a;
}

const ROUTE_TYPES: Record<string, RouteType | 'other'> = {
  unicast: 'unicast',
  local: 'local',
  broadcast: 'broadcast',
  brd: 'broadcast',
  anycast: 'other',
  multicast: 'other',
  prohibit: 'prohibit',
  unreachable: 'unreachable',
  blackhole: 'blackhole',
  xresolve: 'other',
  throw: 'other',
  nat: 'other',
};
const TABLES: Record<string, RouteTable | 'other'> = { main: 'main', local: 'local', default: 'other', unspec: 'other', '254': 'main', '255': 'local' };
const PROTOS: Record<string, RouteProto | 'other'> = { kernel: 'kernel', boot: 'boot', static: 'static', redirect: 'redirect', '2': 'kernel', '3': 'boot', '4': 'static', '1': 'redirect' };

/** One run of ip: the arguments being consumed and what ip.c's options set. */
class Ip {
  family: Family = 'unspec';
  oneline = false;
  private net_: NetCalls | undefined;

  constructor(
    readonly tool: NetTool,
    readonly proc: Process,
  ) {}

  get net(): NetCalls {
    return (this.net_ ??= this.proc.net);
  }

  get stack(): NetStack {
    return this.net.stack;
  }

  // ----- messages (lib/utils.c) -----------------------------------------------------------------

  fail(text: string, status: number): Promise<never> {
    return this.tool.fail(text, status);
  }

  usage(text: string): Promise<never> {
    return this.fail(text, 255);
  }

  incomplete(): Promise<never> {
    return this.fail('Command line is not complete. Try option "help"\n', 255);
  }

  invarg(msg: string, arg: string): Promise<never> {
    return this.fail(`Error: argument "${arg}" is wrong: ${msg}\n`, 255);
  }

  duparg(key: string, arg: string): Promise<never> {
    return this.fail(`Error: duplicate "${key}": "${arg}" is the second value.\n`, 255);
  }

  duparg2(key: string, arg: string): Promise<never> {
    return this.fail(`Error: either "${key}" is duplicate, or "${arg}" is a garbage.\n`, 255);
  }

  async prefix(text: string): Promise<Prefix> {
    if (this.family === 'link') return this.fail(`Error: "${text}" may be inet prefix, but it is not allowed in this context.\n`, 1);
    const p = getPrefix1(text);
    if (!p || (this.family === 'inet' && p.family === 'inet6') || (this.family === 'inet6' && p.family === 'inet')) {
      return this.fail(`Error: an inet prefix is expected rather than "${text}".\n`, 1);
    }
    return p;
  }

  async address(text: string): Promise<Prefix> {
    if (this.family === 'link') return this.fail(`Error: "${text}" may be inet address, but it is not allowed in this context.\n`, 1);
    const p = getAddr1(text);
    if (!p || (this.family === 'inet' && p.family === 'inet6')) return this.fail(`Error: an inet address is expected rather than "${text}".\n`, 1);
    return p;
  }

  /** A kernel (rtnetlink) refusal: `RTNETLINK answers: …`, exit 2. */
  rtnetlink(e: unknown): Promise<never> {
    if (!(e instanceof SyscallError)) throw e;
    return this.fail(`${ipErrorMessage(e)}\n`, 2);
  }

  /** The stack for a change, or "RTNETLINK answers: Operation not permitted". */
  async admin(): Promise<NetStack> {
    try {
      return this.net.admin();
    } catch (e) {
      return this.rtnetlink(e);
    }
  }

  /** Is there an IPv6 request in a kernel without IPv6? */
  async noInet6(p: Prefix): Promise<void> {
    if (p.family === 'inet6' || this.family === 'inet6') await this.fail('RTNETLINK answers: Address family not supported by protocol\n', 2);
  }

  // ----- visibility -------------------------------------------------------------------------------

  links(): Link[] {
    const hide = viewHides(this.net.view);
    return this.stack.links.filter((l) => !hide || this.stack.addresses(l.name).some((a) => hide.has(a.local)));
  }

  addresses(link: Link): InetAddr[] {
    const hide = viewHides(this.net.view);
    const all = this.stack.addresses(link.name);
    return hide ? all.filter((a) => hide.has(a.local)) : all;
  }

  /** ll_name_to_index as the caller sees it (a hidden interface does not exist). */
  findLink(name: string): Link | undefined {
    return this.links().find((l) => l.name === name);
  }

  header(link: Link): string {
    const text = formatIpLink(this.stack, { view: this.net.view, dev: link.name });
    return this.oneline ? `${text.replace(/\n(?=.)/, '\\')}` : text;
  }
}

// ===== ip addr ===================================================================================

async function ipAddr(ip: Ip, args: string[]): Promise<number> {
  if (args.length === 0) return addrList(ip, [], false, false);
  const cmd = args[0]!;
  const rest = args.slice(1);
  if (matches(cmd, 'add')) return addrModify(ip, 'add', rest);
  if (matches(cmd, 'delete')) return addrModify(ip, 'del', rest);
  if (matches(cmd, 'list') || matches(cmd, 'show') || matches(cmd, 'lst')) return addrList(ip, rest, false, false);
  if (matches(cmd, 'flush')) return addrList(ip, rest, true, false);
  if (matches(cmd, 'help')) return ip.usage(ADDR_USAGE);
  return ip.fail(`Command "${cmd}" is unknown, try "ip address help".\n`, 255);
}

interface AddrFilter {
  dev?: string;
  up: boolean;
  label?: string;
  scope?: number;
  secondary?: boolean;
  /** dynamic / tentative / deprecated: the kernel's addresses are all permanent, so nothing matches. */
  none: boolean;
  to?: Prefix;
}

function addrSelected(f: AddrFilter, a: InetAddr): boolean {
  if (f.none) return false;
  if (f.scope !== undefined && a.scope !== f.scope) return false;
  if (f.secondary !== undefined && a.secondary !== f.secondary) return false;
  if (f.label !== undefined && !fnmatch(f.label, a.label)) return false;
  if (f.to && f.to.bitlen > 0 && !inSubnet(a.local, f.to.address, f.to.bitlen)) return false;
  return true;
}

async function addrList(ip: Ip, args: string[], flush: boolean, linkOnly: boolean): Promise<number> {
  const family: Family = linkOnly ? 'link' : ip.family;
  if (flush) {
    if (args.length === 0) return ip.fail('Flush requires arguments.\n', 255);
    if (family === 'link') return ip.fail('Cannot flush link addresses.\n', 255);
  }
  const f: AddrFilter = { up: false, none: false };
  let inetFilter = family !== 'unspec' && family !== 'link';
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const next = async (): Promise<string> => (i + 1 < args.length ? args[++i]! : ip.incomplete());
    if (a === 'to') {
      f.to = await ip.prefix(await next());
      inetFilter = true;
    } else if (a === 'scope') {
      const v = await next();
      const scope = parseScope(v);
      if (scope === undefined) {
        if (v !== 'all') return ip.invarg('invalid "scope"\n', v);
        delete f.scope;
      } else f.scope = scope;
    } else if (a === 'up') f.up = true;
    else if (a === 'dynamic' || a === 'tentative' || a === 'deprecated') f.none = true;
    else if (a === 'permanent') {
      /* every address is permanent */
    } else if (a === 'secondary') f.secondary = true;
    else if (a === 'primary') f.secondary = false;
    else if (a === 'label') f.label = await next();
    else {
      let dev = a;
      if (a === 'dev') dev = await next();
      if (matches(dev, 'help')) return ip.usage(linkOnly ? LINK_USAGE : ADDR_USAGE);
      if (f.dev !== undefined) return ip.duparg2('dev', dev);
      f.dev = dev;
    }
  }
  let links = ip.links();
  if (f.dev !== undefined) {
    const link = ip.findLink(f.dev);
    if (!link) return ip.fail(`Device "${f.dev}" does not exist.\n`, 255);
    links = [link];
  }
  if (flush) {
    const victims = links.flatMap((l) => ip.addresses(l)).filter((a) => addrSelected(f, a) && (!f.up || a.link.adminUp));
    if (victims.length === 0) {
      await ip.tool.err('Nothing to flush.\n');
      return 0;
    }
    let stack: NetStack;
    try {
      stack = ip.net.admin();
    } catch (e) {
      if (!(e instanceof SyscallError)) throw e;
      await ip.tool.err(`Failed to send flush request: ${e.message}\n`);
      return 1;
    }
    for (const v of victims) {
      if (!stack.addresses(v.link.name).includes(v)) continue; // gone with its primary
      stack.deleteAddress(v.link.name, { local: v.local, prefixLen: v.prefixLen, label: v.label });
    }
    return 0;
  }
  if (f.up) links = links.filter((l) => l.adminUp);
  const out: string[] = [];
  const noLink = ip.oneline && inetFilter;
  for (const link of links) {
    const addrs = family === 'link' ? [] : ip.addresses(link).filter((a) => addrSelected(f, a));
    if (inetFilter && addrs.length === 0) continue;
    // print_linkinfo skips the header of a link whose name does not match the label pattern.
    const headerShown = !noLink && (f.label === undefined || (family !== 'unspec' && family !== 'link') || fnmatch(f.label, link.name));
    if (headerShown) out.push(ip.header(link));
    for (const a of addrs) out.push(ip.oneline ? `${link.index}: ${link.name}${formatInetLine(a)}` : formatInetLine(a));
  }
  ip.tool.print(out.join(''));
  return 0;
}

async function addrModify(ip: Ip, cmd: 'add' | 'del', args: string[]): Promise<number> {
  let dev: string | undefined;
  let label: string | undefined;
  let local: Prefix | undefined;
  let localArg = '';
  let peer: Prefix | undefined;
  let brd: Ip4 | '+' | '-' | undefined;
  let scope: number | undefined;
  for (let i = 0; i < args.length; i++) {
    let a = args[i]!;
    const next = async (): Promise<string> => (i + 1 < args.length ? args[++i]! : ip.incomplete());
    if (a === 'peer' || a === 'remote') {
      const v = await next();
      if (peer) return ip.duparg('peer', v);
      peer = await ip.prefix(v);
    } else if (matches(a, 'broadcast') || a === 'brd') {
      const v = await next();
      if (brd !== undefined) return ip.duparg('broadcast', v);
      if (v === '+' || v === '-') brd = v;
      else brd = (await ip.address(v)).address;
    } else if (a === 'anycast') {
      await ip.address(await next());
    } else if (a === 'scope') {
      const v = await next();
      const s = parseScope(v);
      if (s === undefined) return ip.invarg(v, 'invalid scope value.');
      scope = s;
    } else if (a === 'dev') dev = await next();
    else if (a === 'label') label = await next();
    else {
      if (a === 'local') a = await next();
      if (matches(a, 'help')) return ip.usage(ADDR_USAGE);
      if (local) return ip.duparg2('local', a);
      localArg = a;
      local = await ip.prefix(a);
    }
  }
  if (dev === undefined) return ip.fail('Not enough information: "dev" argument is required.\n', 255);
  if (label !== undefined && !matches(dev, label)) return ip.fail(`"dev" (${dev}) must match "label" (${label}).\n`, 1);
  const wildcard = cmd === 'del' && !peer && local !== undefined && local.family !== 'inet6' && !local.lenGiven;
  if (wildcard) await ip.tool.err(`${wildcardDeletionWarning(localArg)}\n`);
  if (local) await ip.noInet6(local);
  if (peer) await ip.noInet6(peer);
  const link = ip.findLink(dev);
  if (!link) return ip.fail(`Cannot find device "${dev}"\n`, 255);
  const stack = await ip.admin();
  const prefixLen = peer ? peer.bitlen : local ? (local.bitlen < 0 ? 32 : local.bitlen) : 0;
  try {
    if (cmd === 'add') {
      if (!local) throw new SyscallError('EINVAL', 'no local address');
      if (peer) throw new SyscallError('EOPNOTSUPP', 'peer');
      stack.addAddress(dev, {
        local: local.address,
        prefixLen,
        ...(brd !== undefined ? { broadcast: brd } : {}),
        ...(scope !== undefined ? { scope } : {}),
        ...(label !== undefined ? { label } : {}),
      });
    } else if (local) {
      stack.deleteAddress(dev, { local: local.address, ...(wildcard ? {} : { prefixLen }), ...(label !== undefined ? { label } : {}) });
    } else {
      // No address: the kernel deletes the first one that matches the other fields.
      const first = stack.addresses(dev).find((a) => label === undefined || a.label === label);
      if (!first) throw new SyscallError('EADDRNOTAVAIL');
      stack.deleteAddress(dev, { local: first.local, prefixLen: first.prefixLen, label: first.label });
    }
  } catch (e) {
    return ip.rtnetlink(e);
  }
  return 0;
}

// ===== ip link ===================================================================================

async function ipLink(ip: Ip, args: string[]): Promise<number> {
  if (args.length === 0) return addrList(ip, [], false, true);
  const cmd = args[0]!;
  if (matches(cmd, 'set')) return linkSet(ip, args.slice(1));
  if (matches(cmd, 'show') || matches(cmd, 'lst') || matches(cmd, 'list')) return addrList(ip, args.slice(1), false, true);
  if (matches(cmd, 'help')) return ip.usage(LINK_USAGE);
  return ip.fail(`Command "${cmd}" is unknown, try "ip link help".\n`, 255);
}

async function linkSet(ip: Ip, args: string[]): Promise<number> {
  let dev: string | undefined;
  let up: boolean | undefined;
  let mtu: number | undefined;
  let qlen: number | undefined;
  let newName: string | undefined;
  let newAddr: string | undefined;
  let newBrd: string | undefined;
  const flags: { promisc?: boolean; allmulti?: boolean; noarp?: boolean; multicast?: boolean } = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const next = async (): Promise<string> => (i + 1 < args.length ? args[++i]! : ip.incomplete());
    const onOff = async (what: string): Promise<boolean> => {
      const v = await next();
      if (v === 'on') return true;
      if (v === 'off') return false;
      return ip.fail(`Error: argument of "${what}" must be "on" or "off"\n`, 255);
    };
    if (a === 'up') up = true;
    else if (a === 'down') up = false;
    else if (a === 'name') newName = await next();
    else if (matches(a, 'address')) newAddr = await next();
    else if (matches(a, 'broadcast') || a === 'brd') newBrd = await next();
    else if (matches(a, 'txqueuelen') || a === 'qlen' || matches(a, 'txqlen')) {
      const v = await next();
      if (qlen !== undefined) return ip.duparg('txqueuelen', v);
      const n = /^-?\d+$/.test(v) ? Number(v) : undefined;
      if (n === undefined) return ip.invarg('Invalid "txqueuelen" value\n', v);
      qlen = n;
    } else if (a === 'mtu') {
      const v = await next();
      if (mtu !== undefined) return ip.duparg('mtu', v);
      const n = /^-?\d+$/.test(v) ? Number(v) : undefined;
      if (n === undefined) return ip.invarg('Invalid "mtu" value\n', v);
      mtu = n;
    } else if (a === 'multicast') flags.multicast = await onOff('multicast');
    else if (a === 'allmulticast') flags.allmulti = await onOff('allmulticast');
    else if (a === 'promisc') flags.promisc = await onOff('promisc');
    else if (a === 'trailers') await onOff('trailers');
    else if (a === 'arp') flags.noarp = !(await onOff('noarp'));
    else if (matches(a, 'dynamic')) await onOff('dynamic');
    else {
      let d = a;
      if (a === 'dev') d = await next();
      if (matches(d, 'help')) return ip.usage(LINK_USAGE);
      if (dev !== undefined) return ip.duparg2('dev', d);
      dev = d;
    }
  }
  if (dev === undefined) return ip.fail('Not enough of information: "dev" argument is required.\n', 255);
  const link = ip.findLink(dev);
  const admin = (): NetStack | undefined => {
    try {
      return ip.net.admin();
    } catch {
      return undefined;
    }
  };
  // Each change is an ioctl that reports its own failure with perror(), then ip returns -1.
  const perror = async (call: string, code: string): Promise<number> => {
    await ip.tool.err(`${call}: ${new SyscallError(code as 'EPERM').message}\n`);
    return 255;
  };
  if (newAddr !== undefined || newBrd !== undefined) {
    if (!link) return perror('SIOCGIFINDEX', 'ENODEV');
    for (const v of [newBrd, newAddr]) {
      if (v !== undefined && !isValidMac(v)) {
        if (/^[0-9a-fA-F:]+$/.test(v)) return ip.fail(`Wrong address (${v}) length: expected 6 bytes\n`, 255);
        return ip.fail(`"${v}" is invalid lladdr.\n`, 255);
      }
    }
  }
  const name = dev;
  if (newName !== undefined && newName !== dev) {
    if (!link) return perror('SIOCSIFNAME', 'ENODEV');
    if (!admin()) return perror('SIOCSIFNAME', 'EPERM');
    return perror('SIOCSIFNAME', link.adminUp ? 'EBUSY' : 'EOPNOTSUPP');
  }
  if (qlen !== undefined) {
    if (!link) return perror('SIOCSIFXQLEN', 'ENODEV');
    const s = admin();
    if (!s) return perror('SIOCSIFXQLEN', 'EPERM');
    try {
      s.setTxqueuelen(name, qlen);
    } catch (e) {
      if (!(e instanceof SyscallError)) throw e;
      return perror('SIOCSIFXQLEN', e.code);
    }
  }
  if (mtu !== undefined) {
    if (!link) return perror('SIOCSIFMTU', 'ENODEV');
    const s = admin();
    if (!s) return perror('SIOCSIFMTU', 'EPERM');
    try {
      s.setLinkMtu(name, mtu);
    } catch (e) {
      if (!(e instanceof SyscallError)) throw e;
      return perror('SIOCSIFMTU', e.code);
    }
  }
  if (newBrd !== undefined) {
    const s = admin();
    if (!s) return perror('SIOCSIFHWBROADCAST', 'EPERM');
  }
  if (newAddr !== undefined) {
    const s = admin();
    if (!s) return perror('SIOCSIFHWADDR', 'EPERM');
    try {
      s.setLinkMac(name, newAddr);
    } catch (e) {
      if (!(e instanceof SyscallError)) throw e;
      return perror('SIOCSIFHWADDR', e.code);
    }
  }
  const changesFlags = up !== undefined || Object.keys(flags).length > 0;
  if (changesFlags) {
    if (!link) return perror('SIOCGIFFLAGS', 'ENODEV');
    const differs =
      (up !== undefined && up !== link.adminUp) ||
      (flags.promisc !== undefined && flags.promisc !== link.promisc) ||
      (flags.allmulti !== undefined && flags.allmulti !== link.allmulti) ||
      (flags.noarp !== undefined && flags.noarp !== link.noarp) ||
      (flags.multicast !== undefined && flags.multicast !== link.multicast);
    if (!differs) return 0;
    const s = admin();
    if (!s) return perror('SIOCSIFFLAGS', 'EPERM');
    s.setLinkFlags(name, flags);
    if (up !== undefined) s.setLinkUp(name, up);
  }
  return 0;
}

// ===== ip route ==================================================================================

async function ipRoute(ip: Ip, args: string[]): Promise<number> {
  if (args.length === 0) return routeList(ip, [], false);
  const cmd = args[0]!;
  const rest = args.slice(1);
  if (matches(cmd, 'add')) return routeModify(ip, 'add', rest);
  if (matches(cmd, 'change') || cmd === 'chg') return routeModify(ip, 'change', rest);
  if (matches(cmd, 'replace')) return routeModify(ip, 'replace', rest);
  if (matches(cmd, 'prepend')) return routeModify(ip, 'add', rest);
  if (matches(cmd, 'append')) return routeModify(ip, 'add', rest);
  if (matches(cmd, 'test')) return routeModify(ip, 'test', rest);
  if (matches(cmd, 'delete')) return routeModify(ip, 'del', rest);
  if (matches(cmd, 'list') || matches(cmd, 'show') || matches(cmd, 'lst')) return routeList(ip, rest, false);
  if (matches(cmd, 'get')) return routeGet(ip, rest);
  if (matches(cmd, 'flush')) return routeList(ip, rest, true);
  if (matches(cmd, 'help')) return ip.usage(ROUTE_USAGE);
  return ip.fail(`Command "${cmd}" is unknown, try "ip route help".\n`, 255);
}

async function routeList(ip: Ip, args: string[], flush: boolean): Promise<number> {
  if (flush && args.length === 0) return ip.fail('"ip route flush" requires arguments.\n', 255);
  let table: RouteTable | 'all' | 'cache' = 'main';
  let dev: string | undefined;
  let scope: number | undefined;
  let type: RouteType | 'other' | undefined;
  let proto: RouteProto | 'other' | undefined;
  let via: Prefix | undefined;
  let src: Prefix | undefined;
  let root: Prefix | undefined;
  let match: Prefix | undefined;
  for (let i = 0; i < args.length; i++) {
    let a = args[i]!;
    const next = async (): Promise<string> => (i + 1 < args.length ? args[++i]! : ip.incomplete());
    if (matches(a, 'table')) {
      const v = await next();
      const t = TABLES[v];
      if (t === 'main' || t === 'local') table = t;
      else if (t === 'other' || /^\d+$/.test(v)) table = 'cache'; // a table the kernel has no routes in
      else if (v === 'all') table = 'all';
      else if (v === 'cache') table = 'cache';
      else if (v === 'help') return ip.usage(ROUTE_USAGE);
      else return ip.invarg('table id value is invalid\n', v);
    } else if (matches(a, 'cached') || matches(a, 'cloned')) table = 'cache';
    else if (a === 'tos' || matches(a, 'dsfield')) await next();
    else if (matches(a, 'protocol')) {
      const v = await next();
      if (v === 'all') proto = undefined;
      else if (PROTOS[v] !== undefined) proto = PROTOS[v];
      else if (/^\d+$/.test(v)) proto = 'other';
      else return ip.invarg('invalid "protocol"\n', v);
    } else if (matches(a, 'scope')) {
      const v = await next();
      const s = parseScope(v);
      if (s === undefined && v !== 'all') return ip.invarg('invalid "scope"\n', v);
      scope = s;
    } else if (matches(a, 'type')) {
      const v = await next();
      if (!(v in ROUTE_TYPES)) return ip.invarg('node type value is invalid\n', v);
      type = ROUTE_TYPES[v];
    } else if (a === 'dev' || a === 'oif') dev = await next();
    else if (a === 'iif') await next();
    else if (a === 'via') via = await ip.prefix(await next());
    else if (a === 'src') src = await ip.prefix(await next());
    else if (matches(a, 'realms')) await next();
    else if (matches(a, 'from')) {
      let v = await next();
      if (matches(v, 'root') || matches(v, 'match') || matches(v, 'exact')) v = await next();
      await ip.prefix(v);
    } else {
      if (matches(a, 'to')) a = await next();
      if (matches(a, 'root')) root = await ip.prefix(await next());
      else if (matches(a, 'match')) match = await ip.prefix(await next());
      else {
        if (matches(a, 'exact')) a = await next();
        match = await ip.prefix(a);
        root = match;
      }
    }
  }
  let oif: number | undefined;
  if (dev !== undefined) {
    const link = ip.findLink(dev);
    if (!link) return ip.fail(`Cannot find device "${dev}"\n`, 255);
    oif = link.index;
  }
  const selected = (r: Route): boolean => {
    if (table !== 'all' && r.table !== table) return false;
    if (oif !== undefined && r.dev !== oif) return false;
    if (scope !== undefined && r.scope !== scope) return false;
    if (type !== undefined && r.type !== type) return false;
    if (proto !== undefined && r.proto !== proto) return false;
    if (via && via.bitlen > 0 && (r.gateway === undefined || !inSubnet(r.gateway, via.address, via.bitlen))) return false;
    if (src && src.bitlen > 0 && (r.src === undefined || !inSubnet(r.src, src.address, src.bitlen))) return false;
    if (root && root.family !== 'any' && (r.prefixLen < root.bitlen || !inSubnet(r.dst, root.address, root.bitlen))) return false;
    if (match && match.family !== 'any' && (r.prefixLen > match.bitlen || !inSubnet(match.address, r.dst, r.prefixLen))) return false;
    if (root && root.family === 'any' && root.bitlen === 0 && match === root && r.prefixLen !== 0) return false;
    return true;
  };
  if (table === 'cache') {
    if (flush) return 0;
    return 0;
  }
  const routes = ip.stack.routes(table === 'all' ? 'all' : table).filter(selected);
  if (flush) {
    if (routes.length === 0) {
      await ip.tool.err('Nothing to flush.\n');
      return 0;
    }
    let stack: NetStack;
    try {
      stack = ip.net.admin();
    } catch (e) {
      if (!(e instanceof SyscallError)) throw e;
      await ip.tool.err(`Failed to send flush request: ${e.message}\n`);
      return 1;
    }
    for (const r of routes) {
      try {
        stack.deleteRoute({ dst: r.dst, prefixLen: r.prefixLen, table: r.table, type: r.type, ...(r.dev !== undefined ? { dev: stack.linkByIndex(r.dev)?.name } : {}) } as RouteMatch);
      } catch {
        /* already gone with its device */
      }
    }
    return 0;
  }
  const devName = oif !== undefined ? ip.stack.linkByIndex(oif)!.name : undefined;
  const lines = routes.map((r) => {
    let line = formatRouteLine(ip.stack, r, { table: table === 'all' ? 'all' : table });
    // print_route leaves out what the filter fixed (the device).
    if (devName !== undefined) line = line.replace(`dev ${devName} `, '');
    return line;
  });
  ip.tool.print(lines.join(''));
  return 0;
}

async function routeModify(ip: Ip, cmd: 'add' | 'change' | 'replace' | 'test' | 'del', args: string[]): Promise<number> {
  let dst: Prefix | undefined;
  let gateway: Prefix | undefined;
  let src: Prefix | undefined;
  let dev: string | undefined;
  let metric: number | undefined;
  let scope: number | undefined;
  let table: RouteTable | 'other' | undefined;
  let proto: RouteProto | 'other' | undefined;
  let type: RouteType | 'other' | undefined;
  let onlink = false;
  for (let i = 0; i < args.length; i++) {
    let a = args[i]!;
    const next = async (): Promise<string> => (i + 1 < args.length ? args[++i]! : ip.incomplete());
    if (a === 'src') src = await ip.address(await next());
    else if (a === 'via') gateway = await ip.address(await next());
    else if (a === 'from') await ip.prefix(await next());
    else if (a === 'tos' || matches(a, 'dsfield')) await next();
    else if (matches(a, 'metric') || matches(a, 'priority') || matches(a, 'preference')) {
      const v = await next();
      const n = getUnsigned(v);
      if (n === undefined || n > 0xffffffff) return ip.invarg('"metric" value is invalid\n', v);
      metric = n;
    } else if (a === 'scope') {
      const v = await next();
      const s = parseScope(v);
      if (s === undefined) return ip.invarg('invalid "scope" value\n', v);
      scope = s;
    } else if (['mtu', 'advmss', 'reordering', 'rtt', 'window', 'cwnd', 'rttvar', 'ssthresh'].some((k) => a === k || (k.length > 3 && matches(a, k)))) {
      let v = await next();
      if (v === 'lock') v = await next();
      if (getUnsigned(v) === undefined) return ip.invarg(`"${a}" value is invalid\n`, v);
    } else if (matches(a, 'realms')) await next();
    else if (a === 'onlink') onlink = true;
    else if (matches(a, 'equalize') || a === 'eql') {
      /* multipath flag: no effect with one next hop */
    } else if (a === 'nexthop') return ip.fail('RTNETLINK answers: Operation not supported\n', 2);
    else if (matches(a, 'protocol')) {
      const v = await next();
      if (PROTOS[v] === undefined && !/^\d+$/.test(v)) return ip.invarg('"protocol" value is invalid\n', v);
      proto = PROTOS[v] ?? 'other';
    } else if (matches(a, 'table')) {
      const v = await next();
      if (TABLES[v] === undefined && !/^\d+$/.test(v)) return ip.invarg('"table" value is invalid\n', v);
      table = TABLES[v] ?? 'other';
    } else if (a === 'dev' || a === 'oif') dev = await next();
    else if (a === 'mpath' || a === 'mp') {
      const v = await next();
      if (!['rr', 'drr', 'random', 'wrandom'].includes(v)) return ip.invarg('"mpath" value is invalid\n', v);
    } else {
      if (a === 'to') a = await next();
      if ((a[0]! < '0' || a[0]! > '9') && a in ROUTE_TYPES) {
        type = ROUTE_TYPES[a];
        a = await next();
      }
      if (matches(a, 'help')) return ip.usage(ROUTE_USAGE);
      if (dst) return ip.duparg2('to', a);
      dst = await ip.prefix(a);
    }
  }
  let link: Link | undefined;
  if (dev !== undefined) {
    link = ip.findLink(dev);
    if (!link) return ip.fail(`Cannot find device "${dev}"\n`, 255);
  }
  for (const p of [dst, gateway, src]) if (p) await ip.noInet6(p);
  const stack = await ip.admin();
  try {
    if (type === 'other' || table === 'other' || proto === 'other') throw new SyscallError('EINVAL', 'not modelled');
    const base = { dst: dst?.address ?? 0, prefixLen: dst ? dst.bitlen : 0 };
    if (cmd === 'del') {
      const m: RouteMatch = {
        ...base,
        ...(gateway ? { gateway: gateway.address } : {}),
        ...(dev !== undefined ? { dev } : {}),
        ...(src ? { src: src.address } : {}),
        ...(type ? { type } : {}),
        ...(table ? { table } : {}),
        ...(proto ? { proto } : {}),
        ...(scope !== undefined ? { scope } : {}),
        ...(metric !== undefined ? { metric } : {}),
      };
      stack.deleteRoute(m);
      return 0;
    }
    const spec: RouteSpec = {
      ...base,
      ...(gateway ? { gateway: gateway.address } : {}),
      ...(dev !== undefined ? { dev } : {}),
      ...(src ? { src: src.address } : {}),
      ...(type ? { type } : {}),
      ...(table ? { table } : {}),
      ...(proto ? { proto } : {}),
      ...(scope !== undefined ? { scope } : {}),
      ...(metric ? { metric } : {}),
      ...(onlink ? { onlink } : {}),
    };
    if (cmd === 'change' || cmd === 'test') {
      const t = spec.table ?? (spec.type === 'local' || spec.type === 'broadcast' ? 'local' : 'main');
      const exists = stack.routes(t).some((r) => r.dst === spec.dst && r.prefixLen === spec.prefixLen && (r.metric ?? 0) === (spec.metric ?? 0));
      if (cmd === 'change' && !exists) throw new SyscallError('ENOENT');
      if (cmd === 'test') {
        if (exists) throw new SyscallError('EEXIST');
        return 0;
      }
    }
    stack.addRoute(spec, { replace: cmd === 'replace' || cmd === 'change' });
  } catch (e) {
    return ip.rtnetlink(e);
  }
  return 0;
}

async function routeGet(ip: Ip, args: string[]): Promise<number> {
  let to: Prefix | undefined;
  let from: Prefix | undefined;
  let oif: string | undefined;
  for (let i = 0; i < args.length; i++) {
    let a = args[i]!;
    const next = async (): Promise<string> => (i + 1 < args.length ? args[++i]! : ip.incomplete());
    if (a === 'tos' || matches(a, 'dsfield')) await next();
    else if (matches(a, 'from')) from = await ip.prefix(await next());
    else if (a === 'iif') await next();
    else if (a === 'oif' || a === 'dev') oif = await next();
    else if (matches(a, 'notify') || matches(a, 'connected')) {
      /* flags */
    } else {
      if (a === 'to') a = await next();
      if (matches(a, 'help')) return ip.usage(ROUTE_USAGE);
      to = await ip.prefix(a);
    }
  }
  if (!to) return ip.fail('need at least destination address\n', 1);
  if (oif !== undefined && !ip.findLink(oif)) return ip.fail(`Cannot find device "${oif}"\n`, 255);
  try {
    const r = ip.net.route(to.address, { ...(from ? { src: from.address } : {}), ...(oif !== undefined ? { device: oif } : {}) });
    let line = r.type === 'local' ? 'local ' : r.type === 'broadcast' ? 'broadcast ' : '';
    line += `${formatIp4(r.dst)} `;
    if (r.route?.gateway !== undefined) line += `via ${formatIp4(r.route.gateway)} `;
    line += `dev ${r.link.name}  src ${formatIp4(r.src)} \n`;
    const mtu = r.link.mtu;
    line += `    cache ${r.type === 'local' ? '<local> ' : ''} mtu ${mtu} advmss ${mtu - 40} hoplimit 64\n`;
    ip.tool.print(line);
  } catch (e) {
    return ip.rtnetlink(e);
  }
  return 0;
}

// ===== ip neigh ==================================================================================

const NUD: Record<string, NudState | 'none' | 'all'> = { permanent: 'PERMANENT', reachable: 'REACHABLE', noarp: 'NOARP', none: 'none', stale: 'STALE', incomplete: 'INCOMPLETE', failed: 'FAILED', all: 'all' };

function nudState(text: string): NudState | 'none' | 'all' | undefined {
  if (matches(text, 'permanent')) return 'PERMANENT';
  if (matches(text, 'reachable')) return 'REACHABLE';
  return NUD[text];
}

async function ipNeigh(ip: Ip, args: string[]): Promise<number> {
  if (args.length === 0) return neighList(ip, [], false);
  const cmd = args[0]!;
  const rest = args.slice(1);
  if (matches(cmd, 'add')) return neighModify(ip, 'add', rest);
  if (matches(cmd, 'change') || cmd === 'chg') return neighModify(ip, 'change', rest);
  if (matches(cmd, 'replace')) return neighModify(ip, 'replace', rest);
  if (matches(cmd, 'delete')) return neighModify(ip, 'del', rest);
  if (matches(cmd, 'get')) return ip.fail('Sorry, "neigh get" is not implemented :-(\n', 255);
  if (matches(cmd, 'show') || matches(cmd, 'lst') || matches(cmd, 'list')) return neighList(ip, rest, false);
  if (matches(cmd, 'flush')) return neighList(ip, rest, true);
  if (matches(cmd, 'help')) return ip.usage(NEIGH_USAGE);
  return ip.fail(`Command "${cmd}" is unknown, try "ip neigh help".\n`, 255);
}

async function neighList(ip: Ip, args: string[], flush: boolean): Promise<number> {
  if (flush && args.length === 0) return ip.fail('Flush requires arguments.\n', 255);
  let dev: string | undefined;
  let to: Prefix | undefined;
  let states: Set<string> | undefined;
  for (let i = 0; i < args.length; i++) {
    let a = args[i]!;
    const next = async (): Promise<string> => (i + 1 < args.length ? args[++i]! : ip.incomplete());
    if (a === 'dev') dev = await next();
    else if (a === 'unused') {
      /* every entry has been used */
    } else if (a === 'nud') {
      const v = await next();
      const s = nudState(v);
      if (s === undefined) return ip.invarg('nud state is bad', v);
      states ??= new Set();
      if (s === 'all') states = undefined;
      else states.add(s);
    } else {
      if (a === 'to') a = await next();
      if (matches(a, 'help')) return ip.usage(NEIGH_USAGE);
      to = await ip.prefix(a);
    }
  }
  if (dev !== undefined && !ip.findLink(dev)) return ip.fail(`Cannot find device "${dev}"\n`, 255);
  const keep = (line: string): boolean => {
    const m = /^(\S+) (?:.*?) (\S+)$/.exec(line);
    if (!m) return true;
    const addr = getAddr1(m[1]!)!.address;
    if (to && to.bitlen > 0 && !inSubnet(addr, to.address, to.bitlen)) return false;
    if (states && !states.has(m[2]!)) return false;
    // Without a nud filter, iproute2 of 2006 hides NOARP entries and, when flushing, permanent ones.
    return true;
  };
  const lines = formatIpNeigh(ip.stack, dev !== undefined ? { dev } : {}).split('\n').filter((l) => l !== '' && keep(l));
  if (flush) {
    const victims = lines.filter((l) => !/ PERMANENT$/.test(l));
    if (victims.length === 0) {
      await ip.tool.err('Nothing to flush.\n');
      return 0;
    }
    let stack: NetStack;
    try {
      stack = ip.net.admin();
    } catch (e) {
      if (!(e instanceof SyscallError)) throw e;
      await ip.tool.err(`Failed to send flush request: ${e.message}\n`);
      return 1;
    }
    for (const n of stack.neighbours()) {
      const link = stack.linkByIndex(n.dev);
      if (!link || n.state === 'PERMANENT' || n.state === 'NOARP') continue;
      if (dev !== undefined && link.name !== dev) continue;
      if (to && to.bitlen > 0 && !inSubnet(n.ip, to.address, to.bitlen)) continue;
      if (states && !states.has(n.state)) continue;
      stack.deleteNeighbour(n.ip, link.name);
    }
    return 0;
  }
  ip.tool.print(lines.map((l) => `${l}\n`).join(''));
  return 0;
}

async function neighModify(ip: Ip, cmd: 'add' | 'change' | 'replace' | 'del', args: string[]): Promise<number> {
  let dev: string | undefined;
  let dst: Prefix | undefined;
  let lladdr: string | undefined;
  let state: NudState = 'PERMANENT';
  for (let i = 0; i < args.length; i++) {
    let a = args[i]!;
    const next = async (): Promise<string> => (i + 1 < args.length ? args[++i]! : ip.incomplete());
    if (matches(a, 'lladdr')) {
      const v = await next();
      if (lladdr !== undefined) return ip.duparg('lladdr', v);
      lladdr = v;
    } else if (a === 'nud') {
      const v = await next();
      const s = nudState(v);
      if (s === undefined || s === 'all' || s === 'none') return ip.invarg('nud state is bad', v);
      state = s;
    } else if (matches(a, 'proxy')) {
      const v = await next();
      if (matches(v, 'help')) return ip.usage(NEIGH_USAGE);
      if (dst) return ip.duparg('address', v);
      dst = await ip.address(v);
    } else if (a === 'dev') dev = await next();
    else {
      if (a === 'to') a = await next();
      if (matches(a, 'help')) a = await next();
      if (dst) return ip.duparg2('to', a);
      dst = await ip.address(a);
    }
  }
  if (dev === undefined || !dst || dst.family === 'any') return ip.fail('Device and destination are required arguments.\n', 255);
  if (!ip.findLink(dev)) return ip.fail(`Cannot find device "${dev}"\n`, 255);
  await ip.noInet6(dst);
  const stack = await ip.admin();
  try {
    const exists = stack.neighbours().some((n) => n.ip === dst!.address && stack.linkByIndex(n.dev)?.name === dev);
    if (cmd === 'del') {
      stack.deleteNeighbour(dst.address, dev);
      return 0;
    }
    if (cmd === 'add' && exists) throw new SyscallError('EEXIST');
    if (cmd === 'change' && !exists) throw new SyscallError('ENOENT');
    if (lladdr === undefined || lladdr === 'null') {
      if (state !== 'NOARP') throw new SyscallError('EINVAL', 'no lladdr');
    }
    if (lladdr !== undefined && lladdr !== 'null' && !isValidMac(lladdr)) throw new SyscallError('EINVAL', 'bad lladdr');
    stack.addNeighbour(dst.address, dev, lladdr ?? '00:00:00:00:00:00', state as 'PERMANENT' | 'REACHABLE' | 'STALE' | 'NOARP');
  } catch (e) {
    return ip.rtnetlink(e);
  }
  return 0;
}

// ===== ip rule (the default policy, read-only) ===================================================

async function ipRule(ip: Ip, args: string[]): Promise<number> {
  const cmd = args[0];
  if (cmd === undefined || matches(cmd, 'list') || matches(cmd, 'lst') || matches(cmd, 'show')) {
    ip.tool.print('0:\tfrom all lookup local \n32766:\tfrom all lookup main \n32767:\tfrom all lookup default \n');
    return 0;
  }
  if (matches(cmd, 'help')) return ip.usage(RULE_USAGE);
  if (matches(cmd, 'add') || matches(cmd, 'delete') || matches(cmd, 'flush')) {
    await ip.admin();
    return ip.fail('RTNETLINK answers: Operation not supported\n', 2);
  }
  return ip.fail(`Command "${cmd}" is unknown, try "ip rule help".\n`, 255);
}

// ===== ip ========================================================================================

const OBJECTS: Array<[string, ((ip: Ip, args: string[]) => Promise<number>) | 'empty' | 'help']> = [
  ['address', ipAddr],
  ['maddress', 'empty'],
  ['route', ipRoute],
  ['rule', ipRule],
  ['neighbor', ipNeigh],
  ['neighbour', ipNeigh],
  ['ntable', 'empty'],
  ['ntbl', 'empty'],
  ['link', ipLink],
  ['tunnel', 'empty'],
  ['tunl', 'empty'],
  ['monitor', 'empty'],
  ['xfrm', 'empty'],
  ['mroute', 'empty'],
  ['help', 'help'],
];

async function ipMain(tool: NetTool, proc: Process): Promise<number> {
  const ip = new Ip(tool, proc);
  const args = proc.argv.slice(1);
  while (args.length > 0) {
    let opt = args[0]!;
    if (opt === '--') {
      args.shift();
      break;
    }
    if (!opt.startsWith('-')) break;
    if (opt[1] === '-') opt = opt.slice(1);
    if (matches(opt, '-family')) {
      args.shift();
      const v = args[0];
      if (v === undefined) return ip.usage(IP_USAGE);
      if (v === 'inet' || v === 'inet6' || v === 'dnet' || v === 'link' || v === 'ipx') ip.family = v;
      else if (v === 'help') return ip.usage(IP_USAGE);
      else return ip.invarg('invalid protocol family', v);
    } else if (opt === '-4') ip.family = 'inet';
    else if (opt === '-6') ip.family = 'inet6';
    else if (opt === '-0') ip.family = 'link';
    else if (opt === '-I') ip.family = 'ipx';
    else if (opt === '-D') ip.family = 'dnet';
    else if (matches(opt, '-stats') || matches(opt, '-statistics') || matches(opt, '-resolve') || matches(opt, '-timestamp')) {
      /* accepted; the outputs of the lab do not change */
    } else if (matches(opt, '-oneline')) ip.oneline = true;
    else if (matches(opt, '-Version')) {
      tool.print(`ip utility, iproute2-ss${SNAPSHOT}\n`);
      return 0;
    } else if (matches(opt, '-force')) {
      /* only for -batch */
    } else if (matches(opt, '-batch')) {
      args.shift();
      if (args.length === 0) return ip.usage(IP_USAGE);
      return ip.fail(`Cannot open file "${args[0]}" for reading: Operation not supported=n`, 255);
    } else if (matches(opt, '-help')) return ip.usage(IP_USAGE);
    else return ip.fail(`Option "${opt}" is unknown, try "ip -help".\n`, 255);
    args.shift();
  }
  if (args.length === 0) return ip.usage(IP_USAGE);
  const object = args[0]!;
  for (const [name, run] of OBJECTS) {
    if (!matches(object, name)) continue;
    if (run === 'help') return ip.usage(IP_USAGE);
    if (run === 'empty') return 0;
    if (ip.family === 'inet6' && run !== ipLink) return 0; // no IPv6 in the emulated kernel: nothing to list
    return run(ip, args.slice(1));
  }
  return ip.fail(`Object "${object}" is unknown, try "ip help".\n`, 255);
}

defineProgram({
  name: 'ip',
  vszKb: 2620,
  rssKb: 600,
  options: ['addr', 'link', 'route', 'neigh', 'rule', 'help', '-4', '-o', '-s', '-Version'],
  main: (proc) =>
    runNetTool(proc, 'ip', async (tool) => {
      try {
        return await ipMain(tool, proc);
      } catch (e) {
        if (e instanceof ToolExit) throw e;
        if (e instanceof SyscallError && e.code === 'ENOSYS') return tool.fail('Cannot open netlink socket: Address family not supported by protocol\n', 1);
        throw e;
      }
    }),
});
