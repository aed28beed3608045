/**
 * ifconfig — net-tools 1.60: show all, one (`ifconfig eth0:XX`), `-a`, `-s`; configure with the
 * SIOCS* ioctls in command-line order (`ifconfig eth0:1 10.0.0.2 netmask 255.0.0.0 up`, `down`,
 * `broadcast`, `mtu`, `txqueuelen`, `hw ether`, `[-]arp`, `[-]promisc`, `[-]allmulti`). Every failed
 * ioctl prints "SIOCxxx: <error>" and the exit status becomes 1, as in ifconfig.c. The inet
 * ioctls (address, netmask, broadcast, flags) answer EACCES without CAP_NET_ADMIN, the device
 * ones (mtu, txqueuelen, hardware address) EPERM, as in Linux 2.6.
 */
import { SyscallError, type ErrnoName } from '../../kernel/errno.js';
import { formatIfconfig, isValidMac, prefixMask, type Ip4, type NetStack } from '../../net/index.js';
import { defineProgram } from '../registry.js';
import { interfaceEntries, shortRow } from './lib/iface.js';
import { inetAton, Resolver } from './lib/resolve.js';
import { runNetTool, type NetTool } from './lib/tool.js';

const USAGE =
  'Usage:\n  ifconfig [-a] [-i] [-v] [-s] <interface> [[<AF>] <address>]\n' +
  '  [add <address>[/<prefixlen>]]\n' +
  '  [del <address>[/<prefixlen>]]\n' +
  '  [[-]broadcast [<address>]]  [[-]pointopoint [<address>]]\n' +
  '  [netmask <address>]  [dstaddr <address>]  [tunnel <address>]\n' +
  '  [outfill <NN>] [keepalive <NN>]\n' +
  '  [hw <HW> <address>]  [metric <NN>]  [mtu <NN>]\n' +
  '  [[-]trailers]  [[-]arp]  [[-]allmulti]\n' +
  '  [multicast]  [[-]promisc]\n' +
  '  [mem_start <NN>]  [io_addr <NN>]  [irq <NN>]  [media <type>]\n' +
  '  [txqueuelen <NN>]\n' +
  '  [[-]dynamic]\n' +
  '  [up|down] ...\n\n' +
  '  <HW>=Hardware Type.\n' +
  '  List of possible hardware types:\n' +
  '    loop (Local Loopback) slip (Serial Line IP) cslip (VJ Serial Line IP) \n' +
  '    slip6 (6-bit Serial Line IP) cslip6 (VJ 6-bit Serial Line IP) adaptive (Adaptive Serial Line IP) \n' +
  '    strip (Metricom Starmode IP) ash (Ash) ether (Ethernet) \n' +
  '    tr (16/4 Mbps Token Ring) tr (16/4 Mbps Token Ring (New)) ax25 (AMPR AX.25) \n' +
  '    netrom (AMPR NET/ROM) rose (AMPR ROSE) tunnel (IPIP Tunnel) \n' +
  '    ppp (Point-to-Point Protocol) hdlc ((Cisco)-HDLC) lapb (LAPB) \n' +
  '    arcnet (ARCnet) dlci (Frame Relay DLCI) frad (Frame Relay Access Device) \n' +
  '    sit (IPv6-in-IPv4) fddi (Fiber Distributed Data Interface) hippi (HIPPI) \n' +
  '    irda (IrLAP) ec (Econet) x25 (generic X.25) \n' +
  '  <AF>=Address family. Default: inet\n' +
  '  List of possible address families:\n' +
  '    unix (UNIX Domain) inet (DARPA Internet) inet6 (IPv6) \n' +
  '    ax25 (AMPR AX.25) netrom (AMPR NET/ROM) rose (AMPR ROSE) \n' +
  '    ipx (Novell IPX) ddp (Appletalk DDP) ec (Econet) \n' +
  '    ash (Ash) x25 (CCITT X.25) \n';

const SHORT_HEADER = 'Iface   MTU Met    RX-OK RX-ERR RX-DRP RX-OVR    TX-OK TX-ERR TX-DRP TX-OVR Flg\n';
const AF_NAMES = ['unix', 'inet', 'inet6', 'ax25', 'netrom', 'rose', 'ipx', 'ddp', 'ec', 'ash', 'x25'];

/** One ifconfig invocation on one interface name (device or alias label). */
class Ifconfig {
  failed = false;

  constructor(
    readonly tool: NetTool,
    readonly stack: NetStack,
    readonly mayAdmin: boolean,
    readonly name: string,
  ) {}

  get device(): string {
    return this.name.split(':')[0]!;
  }

  async report(call: string, code: ErrnoName): Promise<void> {
    await this.tool.err(`${call}: ${new SyscallError(code).message}\n`);
    this.failed = true;
  }

  /** An inet ioctl (devinet_ioctl): EACCES without the capability, the model's error otherwise. */
  async inet(call: string, change: () => void): Promise<void> {
    if (!this.stack.link(this.device)) return this.report(call, 'ENODEV');
    if (!this.mayAdmin) return this.report(call, 'EACCES');
    try {
      change();
    } catch (e) {
      if (!(e instanceof SyscallError)) throw e;
      await this.report(call, e.code);
    }
  }

  /** A device ioctl (dev_ioctl): EPERM without the capability. */
  async dev(call: string, change: () => void): Promise<void> {
    if (!this.stack.link(this.device)) return this.report(call, 'ENODEV');
    if (!this.mayAdmin) return this.report(call, 'EPERM');
    try {
      change();
    } catch (e) {
      if (!(e instanceof SyscallError)) throw e;
      await this.report(call, e.code);
    }
  }

  /** set_flag/clr_flag: SIOCGIFFLAGS first ("eth9: unknown interface: No such device"), then SIOCSIFFLAGS. */
  async flags(change: (stack: NetStack) => void): Promise<void> {
    const link = this.stack.link(this.device);
    const alias = this.name.includes(':');
    const missing: ErrnoName | undefined = !link ? 'ENODEV' : alias && !this.stack.addressByLabel(this.name) ? 'EADDRNOTAVAIL' : undefined;
    if (missing) {
      await this.tool.err(`${this.name}: unknown interface: ${new SyscallError(missing).message}\n`);
      this.failed = true;
      return;
    }
    if (!this.mayAdmin) return this.report('SIOCSIFFLAGS', 'EACCES');
    try {
      change(this.stack);
    } catch (e) {
      if (!(e instanceof SyscallError)) throw e;
      await this.report('SIOCSIFFLAGS', e.code);
    }
  }
}

async function ifconfigMain(tool: NetTool): Promise<number> {
  const proc = tool.proc;
  const args = proc.argv.slice(1);
  let all = false;
  let short = false;
  while (args.length > 0 && args[0]!.startsWith('-')) {
    const a = args.shift()!;
    if (a === '-a') all = true;
    else if (a === '-s') short = true;
    else if (a === '-v') {
      /* verbose */
    } else if (a === '-V' || a === '-version' || a === '--version') return tool.fail('net-tools 1.60\nifconfig 1.42 (2001-04-13)\n', 0);
    else if (a === '-?' || a === '-h' || a === '-help' || a === '--help') return tool.fail(USAGE, 4);
    else return tool.fail(`ifconfig: option \`${a}' not recognised.\nifconfig: \`--help' gives usage information.\n`, 1);
  }
  const net = proc.net;
  const stack = net.stack;
  if (args.length <= 1) {
    const name = args[0];
    if (short) {
      const entries = interfaceEntries(stack, net.view).filter((e) => (name === undefined ? all || e.link.adminUp : e.name === name));
      tool.print(SHORT_HEADER + entries.map(shortRow).join(''));
      return 0;
    }
    try {
      tool.print(formatIfconfig(stack, { view: net.view, all, ...(name !== undefined ? { name } : {}) }));
    } catch (e) {
      if (!(e instanceof SyscallError)) throw e;
      return tool.fail(`${'toolMessage' in e ? (e as { toolMessage: string }).toolMessage : e.message}\n`, 1);
    }
    return 0;
  }

  let mayAdmin = true;
  try {
    net.admin();
  } catch {
    mayAdmin = false;
  }
  const ifc = new Ifconfig(tool, stack, mayAdmin, args[0]!.slice(0, 15));
  const resolver = new Resolver(proc);
  const spp = args.slice(1);
  if (AF_NAMES.includes(spp[0]!)) {
    const af = spp.shift()!;
    if (af !== 'inet') return tool.fail(`ifconfig: Cannot set address for this protocol family.\n`, 1);
  }
  let didNetmask = false;
  const host = async (text: string): Promise<Ip4 | undefined> => {
    if (text === 'default') return 0;
    const a = inetAton(text) ?? (await resolver.byName(text))?.address;
    if (a === undefined) {
      await tool.err(`${text}: Unknown host\n`);
      return undefined;
    }
    return a;
  };
  for (let i = 0; i < spp.length; i++) {
    const a = spp[i]!;
    const arg = async (): Promise<string> => (i + 1 < spp.length ? spp[++i]! : tool.fail(USAGE, 4));
    switch (a) {
      case 'arp':
      case '-arp':
        await ifc.flags((s) => s.setLinkFlags(ifc.device, { noarp: a === '-arp' }));
        continue;
      case 'promisc':
      case '-promisc':
        await ifc.flags((s) => s.setLinkFlags(ifc.device, { promisc: a === 'promisc' }));
        continue;
      case 'allmulti':
      case '-allmulti':
        await ifc.flags((s) => s.setLinkFlags(ifc.device, { allmulti: a === 'allmulti' }));
        continue;
      case 'multicast':
      case '-multicast':
        await ifc.flags((s) => s.setLinkFlags(ifc.device, { multicast: a === 'multicast' }));
        continue;
      case 'trailers':
      case '-trailers':
      case 'dynamic':
      case '-dynamic':
      case '-broadcast':
      case '-pointopoint':
        await ifc.flags(() => {});
        continue;
      case 'up':
        await ifc.flags((s) => s.ifconfigSetUp(ifc.name, true));
        continue;
      case 'down':
        await ifc.flags((s) => s.ifconfigSetUp(ifc.name, false));
        continue;
      case 'metric': {
        await arg();
        continue;
      }
      case 'mtu': {
        const v = Number.parseInt(await arg(), 10);
        await ifc.dev('SIOCSIFMTU', () => stack.setLinkMtu(ifc.device, Number.isNaN(v) ? 0 : v));
        continue;
      }
      case 'txqueuelen': {
        const t = await arg();
        const v = /^0[xX]/.test(t) ? Number.parseInt(t.slice(2), 16) : Number.parseInt(t, /^0/.test(t) ? 8 : 10);
        await ifc.dev('SIOCSIFTXQLEN', () => stack.setTxqueuelen(ifc.device, Number.isNaN(v) ? 0 : v));
        continue;
      }
      case 'keepalive':
      case 'outfill':
      case 'mem_start':
      case 'io_addr':
      case 'irq':
      case 'media':
      case 'port':
      case 'dstaddr':
      case 'pointopoint':
      case 'tunnel':
        await arg();
        continue;
      case 'broadcast': {
        if (i + 1 < spp.length) {
          const b = await host(spp[++i]!);
          if (b === undefined) {
            ifc.failed = true;
            continue;
          }
          await ifc.inet('SIOCSIFBRDADDR', () => stack.ifconfigSetBroadcast(ifc.name, b));
        }
        await ifc.flags(() => {});
        continue;
      }
      case 'netmask': {
        if (didNetmask) return tool.fail(USAGE, 4);
        const m = await host(await arg());
        didNetmask = true;
        if (m === undefined) {
          ifc.failed = true;
          continue;
        }
        await ifc.inet('SIOCSIFNETMASK', () => stack.ifconfigSetNetmask(ifc.name, m));
        ifc.failed = false; // set_netmask() always returns 0, and ifconfig assigns it to its error flag
        continue;
      }
      case 'hw': {
        const type = await arg();
        const mac = await arg();
        if (type !== 'ether') return tool.fail(`hw address type \`${type}' has no handler to set address. failed.\n`, 1);
        if (!isValidMac(mac)) {
          await tool.err(`${mac}: invalid ether address.\n`);
          ifc.failed = true;
          continue;
        }
        await ifc.dev('SIOCSIFHWADDR', () => stack.setLinkMac(ifc.device, mac.toLowerCase()));
        continue;
      }
      case 'add':
      case 'del': {
        const text = await arg();
        const slash = text.indexOf('/');
        const ip = inetAton(slash < 0 ? text : text.slice(0, slash));
        if (ip === undefined) {
          await tool.err(`${text}: Unknown host\n`);
          ifc.failed = true;
          continue;
        }
        if (a === 'add') {
          await ifc.inet('SIOCSIFADDR', () => stack.addAddress(ifc.device, { local: ip, prefixLen: slash < 0 ? 32 : Number(text.slice(slash + 1)) }));
        } else {
          const alias = stack.addresses(ifc.device).find((x) => x.local === ip && x.label !== ifc.device);
          if (!alias) {
            await tool.err(`Interface ${ifc.name} not initialized\n`);
            ifc.failed = true;
            continue;
          }
          await ifc.inet('SIOCSIFFLAGS', () => stack.ifconfigSetUp(alias.label, false));
        }
        continue;
      }
    }
    // An address, perhaps with /prefix (INET_getnetmask), then SIOCSIFADDR and the UP flag.
    let text = a;
    const slash = text.indexOf('/');
    if (slash >= 0) {
      const len = Number(text.slice(slash + 1));
      if (!/^\d+$/.test(text.slice(slash + 1)) || len > 32) return tool.fail(USAGE, 4);
      if (didNetmask) return tool.fail(USAGE, 4);
      text = text.slice(0, slash);
      didNetmask = true;
      const mask = prefixMask(len);
      await ifc.inet('SIOCSIFNETMASK', () => stack.ifconfigSetNetmask(ifc.name, mask));
      ifc.failed = false;
    }
    const ip = text === 'default' ? 0 : (inetAton(text) ?? (await resolver.byName(text))?.address);
    if (ip === undefined) return tool.fail(`${text}: Unknown host\nifconfig: \`--help' gives usage information.\n`, 1);
    await ifc.inet('SIOCSIFADDR', () => stack.ifconfigSetAddress(ifc.name, ip));
    if (!(ifc.name.includes(':') && ifc.name.endsWith('-'))) await ifc.flags((s) => s.ifconfigSetUp(ifc.name, true));
  }
  return ifc.failed ? 1 : 0;
}

defineProgram({
  name: 'ifconfig',
  vszKb: 1820,
  rssKb: 480,
  options: ['-a', '-s', 'up', 'down', 'netmask', 'broadcast', 'mtu'],
  main: (proc) => runNetTool(proc, 'ifconfig', ifconfigMain),
});
