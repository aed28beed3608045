/**
 * netstat — net-tools 1.60 (netstat 1.42): Internet sockets (`-t -u -w -l -a -n -p -e`), the
 * UNIX domain section, the routing table (`-r`, as `route -e`), the interface table (`-i`) and
 * `-c` (again every second). `-p` shows "PID/Program name" from the processes' descriptors;
 * without root, other users' processes are "-" and netstat says so on standard error.
 * A process inside a network context sees only that context's sockets.
 */
import { formatIfconfig, formatIp4, type Ip4 } from '../../net/index.js';
import type { SocketListing } from '../../kernel/net-calls.js';
import type { OptionDef } from '../lib/getopt.js';
import { defineProgram } from '../registry.js';
import { interfaceEntries, shortRow } from './lib/iface.js';
import { Resolver } from './lib/resolve.js';
import { showRoutes } from './lib/route-table.js';
import { runNetTool, type NetTool } from './lib/tool.js';

const USAGE =
  'usage: netstat [-veenNcCF] [<Af>] -r         netstat {-V|--version|-h|--help}\n' +
  '       netstat [-vnNcaeol] [<Socket> ...]\n' +
  '       netstat { [-veenNac] -i | [-cnNe] -M | -s }\n\n' +
  '        -r, --route              display routing table\n' +
  '        -i, --interfaces         display interface table\n' +
  '        -g, --groups             display multicast group memberships\n' +
  '        -s, --statistics         display networking statistics (like SNMP)\n' +
  '        -M, --masquerade         display masqueraded connections\n\n' +
  '        -v, --verbose            be verbose\n' +
  "        -n, --numeric            don't resolve names\n" +
  "        --numeric-hosts          don't resolve host names\n" +
  "        --numeric-ports          don't resolve port names\n" +
  "        --numeric-users          don't resolve user names\n" +
  '        -N, --symbolic           resolve hardware names\n' +
  '        -e, --extend             display other/more information\n' +
  '        -p, --programs           display PID/Program name for sockets\n' +
  '        -c, --continuous         continuous listing\n\n' +
  '        -l, --listening          display listening server sockets\n' +
  '        -a, --all, --listening   display all sockets (default: connected)\n' +
  '        -o, --timers             display timers\n' +
  '        -F, --fib                display Forwarding Information Base (default)\n' +
  '        -C, --cache              display routing cache instead of FIB\n\n' +
  '  <Socket>={-t|--tcp} {-u|--udp} {-w|--raw} {-x|--unix} --ax25 --ipx --netrom\n' +
  "  <AF>=Use '-A <af>' or '--<af>'; default: inet\n" +
  '  List of possible address families (which support routing):\n' +
  '    inet (DARPA Internet) inet6 (IPv6) ax25 (AMPR AX.25) \n' +
  '    netrom (AMPR NET/ROM) ipx (Novell IPX) ddp (Appletalk DDP) \n' +
  '    x25 (CCITT X.25) \n';

const OPTIONS: OptionDef[] = [
  { short: 'A', long: 'protocol', arg: 'required' },
  { short: 'M', long: 'masquerade' },
  { short: 'C', long: 'cache' },
  { short: 'F', long: 'fib' },
  { short: 'a', long: 'all' },
  { short: 'c', long: 'continuous' },
  { short: 'd', long: 'debug' },
  { short: 'e', long: 'extend' },
  { short: 'g', long: 'groups' },
  { short: 'p', long: 'programs' },
  { short: 'h', long: 'help' },
  { short: 'i', long: 'interfaces' },
  { short: 'n', long: 'numeric' },
  { key: 'numeric-hosts', long: 'numeric-hosts' },
  { key: 'numeric-ports', long: 'numeric-ports' },
  { key: 'numeric-users', long: 'numeric-users' },
  { short: 'N', long: 'symbolic' },
  { short: 'o', long: 'timers' },
  { short: 'r', long: 'route' },
  { short: 's', long: 'statistics' },
  { short: 't', long: 'tcp' },
  { short: 'u', long: 'udp' },
  { short: 'V', long: 'version' },
  { short: 'v', long: 'verbose' },
  { short: '?' },
  { short: 'w', long: 'raw' },
  { short: 'x', long: 'unix' },
  { short: 'l', long: 'listening' },
  { key: 'inet', long: 'inet' },
];

interface Flags {
  tcp: boolean;
  udp: boolean;
  raw: boolean;
  unix: boolean;
  all: boolean;
  listening: boolean;
  programs: boolean;
  extend: number;
  numHost: boolean;
  numPort: boolean;
  numUser: boolean;
}

async function endpoint(resolver: Resolver, f: Flags, addr: Ip4, port: number, protocol: string): Promise<string> {
  let host: string;
  if (f.numHost) host = formatIp4(addr);
  else if (addr === 0) host = '*';
  else if ((addr & 0xff) !== 0) host = (await resolver.byAddress(addr)) ?? formatIp4(addr);
  else host = formatIp4(addr);
  let serv: string;
  if (port === 0) serv = '*';
  else if (f.numPort) serv = String(port);
  else serv = (await resolver.serviceName(port, protocol)) ?? String(port);
  if (host.length + serv.length > 22) host = host.slice(0, Math.max(0, 22 - serv.length));
  return `${host}:${serv}`;
}

async function userName(proc: NetTool['proc'], uid: number, numeric: boolean): Promise<string> {
  if (numeric) return String(uid);
  try {
    const passwd = await proc.readFile('/etc/passwd');
    for (const line of passwd.split('\n')) {
      const [name, , id] = line.split(':');
      if (name && Number(id) === uid) return name;
    }
  } catch {
    /* no passwd */
  }
  return String(uid);
}

async function internet(tool: NetTool, f: Flags, resolver: Resolver): Promise<void> {
  const net = tool.proc.net;
  if (f.programs && tool.proc.task.cred.euid !== 0) {
    await tool.err('(Not all processes could be identified, non-owned process info\n will not be shown, you would have to be root to see it all.)\n');
  }
  let header = `Active Internet connections ${f.all ? '(servers and established)' : f.listening ? '(only servers)' : '(w/o servers)'}\n`;
  header += 'Proto Recv-Q Send-Q Local Address           Foreign Address         State      ';
  if (f.extend > 1) header += ' User       Inode     ';
  if (f.programs) header += ' PID/Program name'.padEnd(20);
  tool.print(`${header}\n`);
  const protocols: Array<'tcp' | 'udp'> = [];
  if (f.tcp) protocols.push('tcp');
  if (f.udp) protocols.push('udp');
  for (const protocol of protocols) {
    const list = net.sockets({ protocol });
    const ordered: SocketListing[] = [...list.filter((i) => i.state === 'LISTEN'), ...list.filter((i) => i.state !== 'LISTEN')];
    for (const info of ordered) {
      const listening = protocol === 'tcp' ? info.state === 'LISTEN' : info.remoteAddr === 0;
      if (!f.all && (f.listening ? !listening : listening)) continue;
      const rxq = info.state === 'LISTEN' ? 0 : info.recvQ;
      const txq = info.state === 'LISTEN' ? 0 : info.sendQ;
      const local = await endpoint(resolver, f, info.localAddr, info.localPort, protocol);
      const remote = await endpoint(resolver, f, info.remoteAddr, info.remotePort, protocol);
      const state = protocol === 'udp' ? (info.state === 'ESTABLISHED' ? 'ESTABLISHED' : '') : info.state;
      let row = `${protocol}   ${String(rxq).padStart(6)} ${String(txq).padStart(6)} ${local.padEnd(23)} ${remote.padEnd(23)} ${state.padEnd(12)}`;
      if (f.extend > 1) {
        row += `${(await userName(tool.proc, info.owner?.uid ?? 0, f.numUser)).padEnd(10)} `;
        row += `${String(20000 + info.id).padEnd(10)} `;
      }
      if (f.programs) row += (info.program ?? '-').slice(0, 19).padEnd(20);
      tool.print(`${row}\n`);
    }
  }
}

function unixSection(tool: NetTool, f: Flags): void {
  let s = `Active UNIX domain sockets ${f.all ? '(servers and established)' : f.listening ? '(only servers)' : '(w/o servers)'}\n`;
  s += 'Proto RefCnt Flags       Type       State         I-Node';
  if (f.programs) s += ' PID/Program name'.padEnd(20);
  tool.print(`${s} Path\n`);
}

async function netstatMain(tool: NetTool): Promise<number> {
  const parsed = await tool.options(tool.proc.argv.slice(1), OPTIONS, USAGE, 4);
  const f: Flags = { tcp: false, udp: false, raw: false, unix: false, all: false, listening: false, programs: false, extend: 1, numHost: false, numPort: false, numUser: false };
  let route = false;
  let interfaces = false;
  let stats = false;
  let groups = false;
  let masq = false;
  let continuous = false;
  let inet = false;
  for (const o of parsed.options) {
    switch (o.key) {
      case 'a':
        f.all = true;
        break;
      case 'l':
        f.listening = true;
        break;
      case 'c':
        continuous = true;
        break;
      case 'e':
        f.extend++;
        break;
      case 'p':
        f.programs = true;
        break;
      case 'i':
        interfaces = true;
        break;
      case 'n':
        f.numHost = f.numPort = f.numUser = true;
        break;
      case 'numeric-hosts':
        f.numHost = true;
        break;
      case 'numeric-ports':
        f.numPort = true;
        break;
      case 'numeric-users':
        f.numUser = true;
        break;
      case 'r':
        route = true;
        break;
      case 's':
        stats = true;
        break;
      case 'g':
        groups = true;
        break;
      case 'M':
        masq = true;
        break;
      case 't':
        f.tcp = true;
        break;
      case 'u':
        f.udp = true;
        break;
      case 'w':
        f.raw = true;
        break;
      case 'x':
        f.unix = true;
        break;
      case 'inet':
        inet = true;
        break;
      case 'A':
        if (o.value === 'inet') inet = true;
        else if (o.value === 'unix') f.unix = true;
        else if (o.value !== 'inet6') return tool.fail(`netstat: ${o.value}: address family not supported!\n`, 1);
        break;
      case 'V':
        tool.print('net-tools 1.60\nnetstat 1.42 (2001-04-15)\nFred Baumgarten, Alan Cox, Bernd Eckenfels, Phil Blundell, Tuan Hoang and others\n+NEW_ADDRT +RTF_IRTT +RTF_REJECT +FW_MASQUERADE +I18N\nAF: (inet) +UNIX +INET +INET6 +IPX +AX25 +NETROM +X25 +ATALK +ECONET +ROSE \nHW:  +ETHER +ARC +SLIP +PPP +TUNNEL +TR +AX25 +NETROM +X25 +FR +ROSE +ASH +SIT +FDDI +HIPPI +HDLC/LAPB \n');
        return 5;
      case 'h':
      case '?':
        return tool.fail(USAGE, 4);
    }
  }
  if (Number(interfaces) + Number(route) + Number(masq) + Number(stats) > 1) return tool.fail(USAGE, 4);
  if (inet && !(f.tcp || f.udp || f.raw)) f.tcp = f.udp = f.raw = true;
  const anyProtocol = f.tcp || f.udp || f.raw || f.unix;
  if (!anyProtocol) {
    f.tcp = f.udp = f.raw = true;
    f.unix = !inet;
  }
  const net = tool.proc.net;
  const resolver = new Resolver(tool.proc);
  for (;;) {
    if (masq) return tool.fail("netstat: no support for `ip_masquerade' on this system.\n", 1);
    if (stats) {
      tool.print('Ip:\n    0 total packets received\n    0 forwarded\n    0 incoming packets discarded\n    0 incoming packets delivered\n    0 requests sent out\n');
      return 0;
    }
    if (route) {
      const ext = f.extend === 2 ? 1 : f.extend === 1 ? 2 : 3;
      tool.print(await showRoutes(net.stack, resolver, f.numHost, ext));
    } else if (interfaces) {
      tool.print('Kernel Interface table\n');
      const entries = interfaceEntries(net.stack, net.view).filter((e) => f.all || e.link.adminUp);
      if (f.extend < 2) {
        tool.print('Iface   MTU Met   RX-OK RX-ERR RX-DRP RX-OVR   TX-OK TX-ERR TX-DRP TX-OVR Flg\n');
        tool.print(entries.map(shortRow).join(''));
      } else {
        tool.print(entries.map((e) => formatIfconfig(net.stack, { view: net.view, name: e.name })).join(''));
      }
    } else if (groups) {
      tool.print('IPv6/IPv4 Group Memberships\nInterface       RefCnt Group\n--------------- ------ ---------------------\n');
      for (const e of interfaceEntries(net.stack, net.view)) if (!e.alias && e.link.adminUp) tool.print(`${e.name.padEnd(15)} 1      ${f.numHost ? '224.0.0.1' : 'ALL-SYSTEMS.MCAST.NET'}\n`);
    } else {
      if (f.tcp || f.udp || f.raw) await internet(tool, f, resolver);
      if (f.unix) unixSection(tool, f);
    }
    if (!continuous) return 0;
    await tool.flush();
    await tool.proc.sleep(1000);
  }
}

defineProgram({
  name: 'netstat',
  vszKb: 2028,
  rssKb: 760,
  options: ['-t', '-u', '-l', '-n', '-p', '-a', '-r', '-i', '-e', '-c', '--tcp', '--udp', '--listening', '--numeric', '--programs', '--all', '--route', '--interfaces'],
  main: (proc) => runNetTool(proc, 'netstat', netstatMain),
});
