/**
 * arp — net-tools 1.60 (arp 1.88): the ARP cache as /proc/net/arp has it, Linux style (`arp`,
 * `arp -n`, `arp -e`) or BSD style (`arp -a`), one host (`arp HOST`), and `arp -d HOST`,
 * `arp -s HOST HWADDR [temp]` through SIOCDARP/SIOCSARP.
 */
import { SyscallError } from '../../kernel/errno.js';
import { formatIp4, isValidMac, type Ip4, type NetStack, type Neighbour } from '../../net/index.js';
import type { OptionDef } from '../lib/getopt.js';
import { defineProgram } from '../registry.js';
import { inetAton, Resolver } from './lib/resolve.js';
import { runNetTool, type NetTool } from './lib/tool.js';

const USAGE =
  'Usage:\n  arp [-vn]  [<HW>] [-i <if>] [-a] [<hostname>]             <-Display ARP cache\n' +
  '  arp [-v]          [-i <if>] -d  <hostname> [pub][nopub]    <-Delete ARP entry\n' +
  '  arp [-vnD] [<HW>] [-i <if>] -f  [<filename>]              <-Add entry from file\n' +
  '  arp [-v]   [<HW>] [-i <if>] -s  <hostname> <hwaddr> [temp][nopub] <-Add entry\n' +
  "  arp [-v]   [<HW>] [-i <if>] -s  <hostname> <hwaddr> [netmask <nm>] pub  <-''-\n" +
  "  arp [-v]   [<HW>] [-i <if>] -Ds <hostname> <if> [netmask <nm>] pub      <-''-\n\n" +
  '        -a                       display (all) hosts in alternative (BSD) style\n' +
  '        -s, --set                set a new ARP entry\n' +
  '        -d, --delete             delete a specified entry\n' +
  '        -v, --verbose            be verbose\n' +
  "        -n, --numeric            don't resolve names\n" +
  '        -i, --device             specify network interface (e.g. eth0)\n' +
  '        -D, --use-device         read <hwaddr> from given device\n' +
  '        -A, -p, --protocol       specify protocol family\n' +
  '        -f, --file               read new entries from file or from /etc/ethers\n\n' +
  "  <HW>=Use '-H <hw>' to specify hardware address type. Default: ether\n" +
  '  List of possible hardware types (which support ARP):\n' +
  '    strip (Metricom Starmode IP) ash (Ash) ether (Ethernet) \n' +
  '    tr (16/4 Mbps Token Ring) tr (16/4 Mbps Token Ring (New)) ax25 (AMPR AX.25) \n' +
  '    netrom (AMPR NET/ROM) rose (AMPR ROSE) arcnet (ARCnet) \n' +
  '    dlci (Frame Relay DLCI) fddi (Fiber Distributed Data Interface) hippi (HIPPI) \n' +
  '    irda (IrLAP) x25 (generic X.25) \n';

const OPTIONS: OptionDef[] = [
  { short: 'A', long: 'protocol', arg: 'required' },
  { short: 'H', long: 'hw-type', arg: 'required' },
  { short: 'a', long: 'all' },
  { short: 'd', long: 'delete' },
  { short: 'f', long: 'file' },
  { short: 'p', arg: 'required', key: 'A' },
  { short: 'n', long: 'numeric' },
  { short: 's', long: 'set' },
  { short: 'e' },
  { short: 'i', long: 'device', arg: 'required' },
  { short: 't', arg: 'required', key: 'H' },
  { short: 'v', long: 'verbose' },
  { short: 'h', long: 'help' },
  { short: '?' },
  { short: 'D', long: 'use-device' },
  { short: 'N', long: 'symbolic' },
  { short: 'V', long: 'version' },
];

const ATF_COM = 0x2;
const ATF_PERM = 0x4;

function arpFlags(n: Neighbour): number {
  if (n.state === 'PERMANENT') return ATF_COM | ATF_PERM;
  if (n.state === 'INCOMPLETE' || n.state === 'FAILED') return 0;
  return ATF_COM;
}

async function show(tool: NetTool, stack: NetStack, resolver: Resolver, o: { numeric: boolean; bsd: boolean; device?: string; host?: string; hostArg?: string }): Promise<number> {
  let entries = 0;
  let showed = 0;
  let title = false;
  for (const n of stack.neighbours()) {
    if (n.state === 'NOARP') continue;
    entries++;
    const ip = formatIp4(n.ip);
    const dev = stack.linkByIndex(n.dev)?.name ?? '';
    if (o.host !== undefined && ip !== o.host) continue;
    if (o.device !== undefined && dev !== o.device) continue;
    showed++;
    const name = o.numeric ? '?' : ((await resolver.byAddress(n.ip)) ?? '?');
    const flags = arpFlags(n);
    const hwa = n.mac ?? '00:00:00:00:00:00';
    if (!o.bsd) {
      if (!title) tool.print('Address                  HWtype  HWaddress           Flags Mask            Iface\n');
      title = true;
      let line = `${(name === '?' ? ip : name).slice(0, 23).padEnd(23)}  `;
      line += flags & ATF_COM ? `${'ether'.padEnd(8)}${hwa.slice(0, 20).padEnd(20)}` : `${''.padEnd(8)}${'(incomplete)'.padEnd(20)}`;
      const f = `${flags & ATF_COM ? 'C' : ''}${flags & ATF_PERM ? 'M' : ''}`;
      tool.print(`${line}${f.padEnd(6)}${''.padEnd(15)} ${dev}\n`);
    } else {
      let line = `${name} (${ip}) at `;
      line += flags & ATF_COM ? `${hwa} [ether] ` : '<incomplete> ';
      if (flags & ATF_PERM) line += 'PERM ';
      tool.print(`${line}on ${dev}\n`);
    }
  }
  if (showed === 0) {
    if (o.host !== undefined && !o.bsd) tool.print(`${o.hostArg} (${o.host}) -- no entry\n`);
    else if (o.host !== undefined || o.device !== undefined) tool.print(`arp: in ${entries} entries no match found.\n`);
  }
  return 0;
}

async function arpMain(tool: NetTool): Promise<number> {
  const parsed = await tool.options(tool.proc.argv.slice(1), OPTIONS, USAGE, 4);
  let what: 'show' | 'bsd' | 'file' | 'delete' | 'set' = 'show';
  let numeric = false;
  let device: string | undefined;
  for (const o of parsed.options) {
    switch (o.key) {
      case 'a':
        what = 'bsd';
        break;
      case 'f':
        what = 'file';
        break;
      case 'd':
        what = 'delete';
        break;
      case 's':
        what = 'set';
        break;
      case 'n':
        numeric = true;
        break;
      case 'i':
        device = o.value;
        break;
      case 'A':
        if (o.value !== 'inet') return tool.fail(`arp: ${o.value}: unknown address family.\n`, 255);
        break;
      case 'H':
        if (o.value !== 'ether') return tool.fail(`arp: ${o.value}: unknown hardware type.\n`, 255);
        break;
      case 'V':
        return tool.fail('net-tools 1.60\narp 1.88 (2001-04-04)\n+I18N\nAF: (inet) +UNIX +INET +INET6 +IPX +AX25 +NETROM +X25 +ATALK +ECONET +ROSE \nHW:  (ether) +ETHER +ARC +SLIP +PPP +TUNNEL +TR +AX25 +NETROM +X25 +FR +ROSE +ASH +SIT +FDDI +HIPPI +HDLC/LAPB \n', 5);
      case 'h':
      case '?':
        return tool.fail(USAGE, 4);
    }
  }
  const net = tool.proc.net;
  const stack = net.stack;
  const resolver = new Resolver(tool.proc);
  const args = parsed.operands;
  const resolve = async (text: string): Promise<Ip4 | undefined> => {
    const a = inetAton(text) ?? (await resolver.byName(text))?.address;
    if (a === undefined) await tool.err(`${text}: Unknown host\n`);
    return a;
  };
  if (what === 'show' || what === 'bsd') {
    let host: string | undefined;
    if (args[0] !== undefined) {
      const a = await resolve(args[0]);
      if (a === undefined) return 255;
      host = formatIp4(a);
    }
    return show(tool, stack, resolver, { numeric, bsd: what === 'bsd', ...(device !== undefined ? { device } : {}), ...(host !== undefined ? { host, hostArg: args[0] } : {}) });
  }
  if (what === 'file') {
    const name = args[0] ?? '/etc/ethers';
    try {
      await tool.proc.readFile(name);
    } catch {
      return tool.fail(`arp: cannot open etherfile ${name} !\n`, 255);
    }
    return 0;
  }
  if (args[0] === undefined) return tool.fail('arp: need host name\n', 255);
  const ip = await resolve(args[0]);
  if (ip === undefined) return 255;
  if (what === 'delete') {
    const entry = stack.neighbours().find((n) => n.ip === ip && (device === undefined || stack.linkByIndex(n.dev)?.name === device));
    try {
      const admin = net.admin();
      if (!entry) {
        tool.print(`No ARP entry for ${args[0]}\n`);
        return 255;
      }
      admin.deleteNeighbour(ip, stack.linkByIndex(entry.dev)!.name);
    } catch (e) {
      if (!(e instanceof SyscallError)) throw e;
      return tool.fail(`SIOCDARP(priv): ${e.message}\n`, 255);
    }
    return 0;
  }
  // -s HOST HWADDR [temp]
  const hw = args[1];
  if (hw === undefined) return tool.fail('arp: need hardware address\n', 255);
  if (!isValidMac(hw)) return tool.fail('arp: invalid hardware address\n', 255);
  const temp = args.slice(2).includes('temp');
  try {
    const admin = net.admin();
    let dev = device;
    if (dev === undefined) {
      try {
        dev = stack.routeOutput(ip).link.name;
      } catch {
        throw new SyscallError('ENETUNREACH');
      }
    }
    admin.addNeighbour(ip, dev, hw.toLowerCase(), temp ? 'REACHABLE' : 'PERMANENT');
  } catch (e) {
    if (!(e instanceof SyscallError)) throw e;
    return tool.fail(`SIOCSARP: ${e.message}\n`, 255);
  }
  return 0;
}

defineProgram({
  name: 'arp',
  vszKb: 1684,
  rssKb: 400,
  options: ['-a', '-n', '-e', '-d', '-s', '-i'],
  main: (proc) => runNetTool(proc, 'arp', arpMain),
});
