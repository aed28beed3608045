/**
 * route — net-tools 1.60 (route 1.98): the kernel routing table (`route`, `route -n`, `-e`, `-ee`)
 * and `route add|del [-net|-host] TARGET [netmask M] [gw G] [metric N] [reject] [[dev] IF]`
 * through SIOCADDRT/SIOCDELRT, with lib/inet_sr.c's checks and messages. Without -n, names come
 * from /etc/hosts (0.0.0.0 is "default" as a destination and "*" as a gateway).
 */
import { SyscallError } from '../../kernel/errno.js';
import { formatIp4, maskPrefix, prefixMask, type Ip4, type RouteMatch, type RouteSpec } from '../../net/index.js';
import { defineProgram } from '../registry.js';
import type { OptionDef } from '../lib/getopt.js';
import { inetAton, Resolver } from './lib/resolve.js';
import { showRoutes } from './lib/route-table.js';
import { runNetTool, type NetTool } from './lib/tool.js';

const USAGE =
  'Usage: route [-nNvee] [-FC] [<AF>]           List kernel routing tables\n' +
  '       route [-v] [-FC] {add|del|flush} ...  Modify routing table for AF.\n\n' +
  '       route {-h|--help} [<AF>]              Detailed usage syntax for specified AF.\n' +
  '       route {-V|--version}                  Display version/author and exit.\n\n' +
  '        -v, --verbose            be verbose\n' +
  '        -n, --numeric            don\'t resolve names\n' +
  '        -e, --extend             display other/more information\n' +
  '        -F, --fib                display Forwarding Information Base (default)\n' +
  '        -C, --cache              display routing cache instead of FIB\n\n' +
  "  <AF>=Use '-A <af>' or '--<af>'; default: inet\n" +
  '  List of possible address families (which support routing):\n' +
  '    inet (DARPA Internet) inet6 (IPv6) ax25 (AMPR AX.25) \n' +
  '    netrom (AMPR NET/ROM) ipx (Novell IPX) ddp (Appletalk DDP) \n' +
  '    x25 (CCITT X.25) \n';

const INET_USAGE =
  'Usage: inet_route [-vF] del {-host|-net} Target[/prefix] [gw Gw] [metric M] [[dev] If]\n' +
  '       inet_route [-vF] add {-host|-net} Target[/prefix] [gw Gw] [metric M]\n' +
  '                              [netmask N] [mss Mss] [window W] [irtt I]\n' +
  '                              [mod] [dyn] [reinstate] [[dev] If]\n' +
  '       inet_route [-vF] add {-host|-net} Target[/prefix] [metric M] reject\n' +
  '       inet_route [-FC] flush      NOT supported\n';

const E_OPTERR = 3;
const E_USAGE = 4;
const E_LOOKUP = 6;
const E_SOCK = 7;

const OPTIONS: OptionDef[] = [
  { short: 'A', long: 'protocol', arg: 'required' },
  { short: 'e', long: 'extend' },
  { short: 'C', long: 'cache' },
  { short: 'F', long: 'fib' },
  { short: 'h', long: 'help' },
  { short: 'n', long: 'numeric' },
  { short: 'N', long: 'symbolic' },
  { short: 'V', long: 'version' },
  { short: 'v', long: 'verbose' },
  { short: '?' },
  { key: 'inet', long: 'inet' },
];

/** INET_setroute: parse, check, then SIOCADDRT / SIOCDELRT. */
async function editRoute(tool: NetTool, action: 'add' | 'del', args: string[]): Promise<number> {
  const resolver = new Resolver(tool.proc);
  const inetUsage = async (): Promise<number> => {
    await tool.err(INET_USAGE);
    return E_USAGE;
  };
  let i = 0;
  let xflag: 'net' | 'host' | undefined;
  if (args[i] === '-net') {
    xflag = 'net';
    i++;
  } else if (args[i] === '-host') {
    xflag = 'host';
    i++;
  }
  let target = args[i++];
  if (target === undefined) return inetUsage();
  let genmask: Ip4 | undefined;
  const slash = target.indexOf('/');
  if (slash >= 0) {
    const n = Number(target.slice(slash + 1));
    if (!/^\d+$/.test(target.slice(slash + 1))) return inetUsage();
    genmask = prefixMask(n);
    target = target.slice(0, slash);
  }
  let dst: Ip4;
  let isnet: boolean;
  if (target === 'default') {
    dst = 0;
    isnet = true;
  } else {
    const numeric = inetAton(target);
    const found = numeric ?? (await resolver.byName(target))?.address;
    if (found === undefined) {
      await tool.err(`${target}: Unknown host\n`);
      return 1;
    }
    dst = found;
    isnet = false;
  }
  if (xflag === 'net') isnet = true;
  else if (xflag === 'host') isnet = false;
  const host = !isnet;
  let gateway: Ip4 | undefined;
  let metric: number | undefined;
  let dev: string | undefined;
  let reject = false;
  while (i < args.length) {
    const a = args[i++]!;
    if (a === 'metric') {
      const v = args[i++];
      if (v === undefined || !/^\d/.test(v)) return inetUsage();
      metric = Number.parseInt(v, 10);
    } else if (a === 'netmask') {
      const v = args[i++];
      if (v === undefined || genmask !== undefined) return inetUsage();
      const m = v === 'default' ? 0 : inetAton(v);
      if (m === undefined) {
        await tool.err(`${v}: Unknown host\n`);
        return E_LOOKUP;
      }
      genmask = m;
    } else if (a === 'gw' || a === 'gateway') {
      const v = args[i++];
      if (v === undefined || gateway !== undefined) return inetUsage();
      if (v === 'default') {
        await tool.err(`route: ${v}: cannot use a NETWORK as gateway!\n`);
        return E_OPTERR;
      }
      const g = inetAton(v) ?? (await resolver.byName(v))?.address;
      if (g === undefined) {
        await tool.err(`${v}: Unknown host\n`);
        return E_LOOKUP;
      }
      gateway = g;
    } else if (a === 'mss' || a === 'mtu') {
      const v = args[i++];
      if (v === undefined) return inetUsage();
      const n = Number.parseInt(v, 10) || 0;
      if (n < 64 || n > 65536) {
        await tool.err('route: Invalid MSS/MTU.\n');
        return E_OPTERR;
      }
    } else if (a === 'window') {
      const v = args[i++];
      if (v === undefined) return inetUsage();
      if ((Number.parseInt(v, 10) || 0) < 128) {
        await tool.err('route: Invalid window.\n');
        return E_OPTERR;
      }
    } else if (a === 'irtt') {
      if (args[i++] === undefined) return inetUsage();
    } else if (a === 'reject') reject = true;
    else if (a === 'mod' || a === 'dyn' || a === 'reinstate') {
      /* flags without effect on the table */
    } else if (a === 'device' || a === 'dev') {
      const v = args[i++];
      if (dev !== undefined || v === undefined) return inetUsage();
      dev = v;
    } else if (dev === undefined) {
      dev = a;
      if (i < args.length) return inetUsage();
    } else return inetUsage();
  }
  if (genmask !== undefined) {
    const inv = ~genmask >>> 0;
    if (host && genmask !== 0xffffffff) {
      await tool.err(`route: netmask ${inv.toString(16).padStart(8, '0')} doesn't make sense with host route\n`);
      return E_OPTERR;
    }
    if (maskPrefix(genmask) === undefined) {
      await tool.err(`route: bogus netmask ${formatIp4(genmask)}\n`);
      return E_OPTERR;
    }
    if ((dst & inv) >>> 0 !== 0) {
      await tool.err("route: netmask doesn't match route address\n");
      return E_OPTERR;
    }
  }
  // The kernel (fib_convert_rtentry): a host route is /32; a network takes the genmask (none: /0).
  const prefixLen = host ? 32 : genmask !== undefined ? maskPrefix(genmask)! : 0;
  const call = action === 'add' ? 'SIOCADDRT' : 'SIOCDELRT';
  try {
    const stack = tool.proc.net.admin();
    if (!host && genmask === undefined && dst !== 0) throw new SyscallError('EINVAL', 'bad mask');
    if (action === 'add') {
      const spec: RouteSpec = reject
        ? { dst, prefixLen, type: 'unreachable' }
        : { dst, prefixLen, ...(gateway !== undefined ? { gateway } : {}), ...(dev !== undefined ? { dev } : {}), ...(metric ? { metric } : {}) };
      stack.addRoute(spec);
    } else {
      const m: RouteMatch = { dst, prefixLen, ...(gateway !== undefined ? { gateway } : {}), ...(dev !== undefined ? { dev } : {}), ...(metric !== undefined ? { metric } : {}) };
      stack.deleteRoute(m);
    }
  } catch (e) {
    if (!(e instanceof SyscallError)) throw e;
    await tool.err(`${call}: ${e.message}\n`);
    return E_SOCK;
  }
  return 0;
}

async function routeMain(tool: NetTool): Promise<number> {
  const args = tool.proc.argv.slice(1).map((a) => (a === '-net' ? '#net' : a === '-host' ? '#host' : a));
  const parsed = await tool.options(args, OPTIONS, USAGE, E_USAGE);
  let numeric = false;
  let ext = 1;
  let help = false;
  let cache = false;
  for (const o of parsed.options) {
    if (o.key === 'n') numeric = true;
    else if (o.key === 'e') ext++;
    else if (o.key === 'C') cache = true;
    else if (o.key === 'V') return tool.fail('net-tools 1.60\nroute 1.98 (2001-04-15)\n+NEW_ADDRT +RTF_IRTT +RTF_REJECT +FW_MASQUERADE +I18N\nAF: (inet) +UNIX +INET +INET6 +IPX +AX25 +NETROM +X25 +ATALK +ECONET +ROSE \nHW:  +ETHER +ARC +SLIP +PPP +TUNNEL +TR +AX25 +NETROM +X25 +FR +ROSE +ASH +SIT +FDDI +HIPPI +HDLC/LAPB \n', 5);
    else if (o.key === 'h' || o.key === '?') help = true;
    else if (o.key === 'A' && o.value !== 'inet') return tool.fail(`route: ${o.value}: address family not supported!\n`, 1);
  }
  const operands = parsed.operands.map((a) => (a === '#net' ? '-net' : a === '#host' ? '-host' : a));
  if (help) return tool.fail(USAGE, E_USAGE);
  const net = tool.proc.net;
  if (operands.length === 0) {
    if (cache) {
      tool.print('Kernel IP routing cache\nSource          Destination     Gateway         Flags Metric Ref    Use Iface\n');
      return 0;
    }
    tool.print(await showRoutes(net.stack, new Resolver(tool.proc), numeric, Math.min(ext, 3)));
    return 0;
  }
  const action = operands[0]!;
  if (action === 'flush') {
    await tool.err("Flushing `inet' routing table not supported\n");
    return tool.fail(INET_USAGE, E_USAGE);
  }
  if (action !== 'add' && action !== 'del' && action !== 'delete') return tool.fail(USAGE, E_USAGE);
  if (cache) {
    await tool.err("Modifying `inet' routing cache not supported\n");
    return tool.fail(INET_USAGE, E_USAGE);
  }
  const status = await editRoute(tool, action === 'add' ? 'add' : 'del', operands.slice(1));
  if (status === E_OPTERR) return tool.fail(USAGE, E_USAGE);
  return status;
}

defineProgram({
  name: 'route',
  vszKb: 1760,
  rssKb: 420,
  options: ['-n', '-e', 'add', 'del', 'default', 'gw', 'netmask', 'dev', '-net', '-host'],
  main: (proc) => runNetTool(proc, 'route', routeMain),
});
