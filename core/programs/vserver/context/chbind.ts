/**
 * chbind — util-vserver 0.30's compat binary (era B; reference §4.1): lock the process to a list
 * of IPv4 addresses (vc_set_ipv4root) and exec the command:
 *
 *   # chbind --ip 10.0.0.1 bash
 *   ipv4root is now 10.0.0.1
 *
 * `--ip` takes an address, `address/prefix`, `address/netmask`, a host name of /etc/hosts or an
 * interface name (its address, netmask and broadcast); the default mask is /24. At most 16.
 */
import { SyscallError } from '../../../kernel/errno.js';
import { formatIp4, prefixMask, type Ip4, type NxAddr } from '../../../net/index.js';
import { Resolver } from '../../net/lib/resolve.js';
import { defineProgram } from '../../registry.js';
import { runUvTool, type UvTool } from '../../vserver-fs/lib/frame.js';
import { execProgram } from '../lib/exec.js';
import { PACKAGE_BUGREPORT } from '../manage/paths.js';

const OPTIONS = [
  { long: 'help' },
  { long: 'version' },
  { long: 'silent' },
  { long: 'ip', arg: 'required' as const },
  { long: 'bcast', arg: 'required' as const },
  { long: 'nid', arg: 'required' as const },
];

const MAX_ADDRESSES = 16;

/** An interface's address, netmask and broadcast (SIOCGIFADDR, SIOCGIFNETMASK, SIOCGIFBRDADDR). */
function interfaceAddress(tool: UvTool, name: string): { ip: Ip4; mask: Ip4; broadcast: Ip4 } | undefined {
  const stack = tool.proc.net.stack;
  const found = stack.addresses().find((a) => a.label === name);
  if (!found) return undefined;
  return { ip: found.local, mask: prefixMask(found.prefixLen), broadcast: found.broadcast };
}

async function readIp(tool: UvTool, resolver: Resolver, text: string, state: { broadcast: Ip4 }): Promise<NxAddr> {
  const iface = interfaceAddress(tool, text);
  if (iface) {
    state.broadcast = iface.broadcast;
    return { ip: iface.ip, mask: iface.mask };
  }
  const slash = text.indexOf('/');
  const host = slash < 0 ? text : text.slice(0, slash);
  let mask = prefixMask(24);
  if (slash >= 0) {
    const m = text.slice(slash + 1);
    if (!m.includes('.')) mask = prefixMask(Math.max(0, Math.min(32, parseInt(m, 10) || 0)));
    else {
      const entry = await resolver.byName(m);
      if (!entry) return tool.fail(`Invalid netmask '${m}'\n`, 255);
      mask = entry.address;
    }
  }
  const entry = await resolver.byName(host);
  if (!entry) return tool.fail(`Invalid IP number or host name '${host}'\n`, 255);
  return { ip: entry.address, mask };
}

async function chbind(tool: UvTool): Promise<number> {
  const { options, operands } = await tool.options(OPTIONS, `Try '${tool.argv0} --help" for more information.\n`, 255, true);
  const resolver = new Resolver(tool.proc);
  const addresses: NxAddr[] = [];
  const state = { broadcast: 0xffffffff };
  let silent = false;
  for (const o of options) {
    switch (o.key) {
      case 'help':
        tool.help(`Usage:\n  ${tool.argv0} [--silent] [--nid <nid>] [--ip <ip_num>[/<mask>]] [--bcast <broadcast>] [--] <commands> <args>*\n\nPlease report bugs to ${PACKAGE_BUGREPORT}\n`);
        break;
      case 'version':
        tool.version('bind to an ip and execute a program', 2003);
        break;
      case 'silent':
        silent = true;
        break;
      case 'nid':
        // The compat binary of this era has no network contexts of its own.
        await tool.err('WARNING: --nid is not supported by this version\n');
        break;
      case 'bcast': {
        const iface = interfaceAddress(tool, o.value!);
        const entry = iface ? undefined : await resolver.byName(o.value!);
        if (!iface && !entry) return tool.fail(`Invalid broadcast number '${o.value}'\n`, 255);
        state.broadcast = iface ? iface.broadcast : entry!.address;
        break;
      }
      case 'ip':
        if (addresses.length >= MAX_ADDRESSES) return tool.fail(`Too many IP numbers, max ${MAX_ADDRESSES}\n`, 255);
        addresses.push(await readIp(tool, resolver, o.value!, state));
        break;
    }
  }
  if (operands.length === 0) return tool.fail("No command given; try '--help' for more information\n", 255);
  const proc = tool.proc;
  try {
    proc.net.setIpv4root(addresses, state.broadcast);
  } catch (e) {
    if (!(e instanceof SyscallError)) throw e;
    return tool.fail(`chbind: vc_set_ipv4root(): ${e.message}\n`, 255);
  }
  if (!silent) tool.print(`ipv4root is now${addresses.map((a) => ` ${formatIp4(a.ip)}`).join('')}\n`);
  return execProgram(tool, operands, 'chbind');
}

defineProgram({
  name: 'chbind',
  options: ['--ip', '--bcast', '--nid', '--silent', '--help', '--version'],
  main: (proc) => runUvTool(proc, 'chbind', chbind),
});
