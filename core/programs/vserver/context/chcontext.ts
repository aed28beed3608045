/**
 * chcontext — util-vserver 0.30's compat binary (era B; reference §2.1–2.2): enter (or create) a
 * security context with the legacy new_s_context call, set its host and domain names, lower its
 * capabilities, then exec the command:
 *
 *   # chcontext --hostname vs --secure --xid 33 /bin/sh
 *   Host name is now vs
 *   New security context is 33
 *
 * One deliberate difference, dictated by the seed: a refused context switch reads
 * `vcontext: vc_create_context(): Operation not permitted` (the 2004 vcontext wording the
 * lecture shows) rather than the compat binary's `chcontext: vc_new_s_context(): …`.
 */
import { SyscallError } from '../../../kernel/errno.js';
import type { Process } from '../../../kernel/process.js';
import { VX_DYNAMIC_ID, VX_SAME_CONTEXT } from '../../../kernel/vserver/calls.js';
import { defineProgram } from '../../registry.js';
import { runUvTool, type UvTool } from '../../vserver-fs/lib/frame.js';
import { execProgram } from '../lib/exec.js';
import { xidFromOption } from '../../vserver-fs/lib/xid-option.js';
import { PACKAGE_BUGREPORT } from '../manage/paths.js';

/** The compat capability names (the 2.4 list: CHOWN…LEASE, then QUOTACTL), case-sensitive. */
const COMPAT_CAPS = [
  'CHOWN', 'DAC_OVERRIDE', 'DAC_READ_SEARCH', 'FOWNER', 'FSETID', 'KILL', 'SETGID', 'SETUID', 'SETPCAP', 'LINUX_IMMUTABLE',
  'NET_BIND_SERVICE', 'NET_BROADCAST', 'NET_ADMIN', 'NET_RAW', 'IPC_LOCK', 'IPC_OWNER', 'SYS_MODULE', 'SYS_RAWIO', 'SYS_CHROOT', 'SYS_PTRACE',
  'SYS_PACCT', 'SYS_ADMIN', 'SYS_BOOT', 'SYS_NICE', 'SYS_RESOURCE', 'SYS_TIME', 'SYS_TTY_CONFIG', 'MKNOD', 'LEASE', 'QUOTACTL',
];

/** The compat flag names (S_CTX_INFO_*), exact lower case. */
const COMPAT_FLAGS: Record<string, bigint> = { lock: 0x1n, sched: 0x2n, nproc: 0x4n, private: 0x8n, fakeinit: 0x10n, hideinfo: 0x20n, ulimit: 0x40n, namespace: 0x80n };
const FAKEINIT = 0x10n;

/**
 * vc_get_insecurebcaps(): the capabilities --secure removes — bits 0–31 except CHOWN,
 * DAC_OVERRIDE, DAC_READ_SEARCH, FOWNER, FSETID, KILL, SETGID, SETUID, NET_BIND_SERVICE,
 * SYS_CHROOT, SYS_PTRACE, SYS_BOOT, SYS_TTY_CONFIG, LEASE and AUDIT_WRITE (0x344c04ff kept).
 */
export const INSECURE_BCAPS = 0xffffffffn & ~0x344c04ffn;

const OPTIONS = [
  { long: 'help' },
  { long: 'version' },
  { long: 'cap', arg: 'required' as const },
  { key: 'xid', long: 'ctx', arg: 'required' as const },
  { long: 'xid', arg: 'required' as const },
  { long: 'disconnect' },
  { long: 'domainname', arg: 'required' as const },
  { long: 'flag', arg: 'required' as const },
  { long: 'hostname', arg: 'required' as const },
  { long: 'secure' },
  { long: 'silent' },
];

const HELP = (argv0: string) =>
  `Usage: ${argv0} [--cap [!]<cap_name>] [--secure] [--xid <num>] [--disconnect]\n` +
  '       [--domainname <name>] [--hostname <name>] [--flag <flags>+]\n' +
  '       [--silent] [--] command arguments ...\n\n' +
  'chcontext allocate a new security context and executes\n' +
  'a command in that context.\n' +
  'By default, a new/unused context is allocated\n\n' +
  '--cap CAP_NAME\n' +
  '    Add a capability from the command. This option may be\n' +
  '    repeated several time.\n' +
  '    See /usr/include/linux/capability.h\n' +
  '    In general, this option is used with the --secure option\n' +
  '    --secure removes most critical capabilities and --cap\n' +
  '    adds specific ones.\n\n' +
  '--cap !CAP_NAME\n' +
  '    Remove a capability from the command. This option may be\n' +
  '    repeated several time.\n' +
  '    See /usr/include/linux/capability.h\n\n' +
  '--xid num\n' +
  '    Select the context. On root in context 0 is allowed to\n' +
  '    select a specific context.\n' +
  '    Context number 1 is special. It can see all processes\n' +
  "    in any contexts, but can't kill them though.\n" +
  '    Option --xid may be repeated several times to specify up to 16 contexts.\n' +
  '--disconnect\n' +
  '    Start the command in background and make the process\n' +
  '    a child of process 1.\n' +
  '--domainname new_domainname\n' +
  '    Set the domainname (NIS) in the new security context.\n' +
  '    Use "none" to unset the domain name.\n' +
  '--flag\n' +
  '    Set one flag in the new or current security context. The following\n' +
  '    flags are supported. The option may be used several time.\n\n' +
  '        fakeinit: The new process will believe it is process number 1.\n' +
  '                  Useful to run a real /sbin/init in a vserver.\n' +
  "        lock:     The new process is trapped and can't use chcontext anymore.\n" +
  '        sched:    The new process and its children will share a common \n' +
  '                  execution priority.\n' +
  '        nproc:    Limit the number of process in the vserver according to\n' +
  '                  ulimit setting. Normally, ulimit is a per user thing.\n' +
  '                  With this flag, it becomes a per vserver thing.\n' +
  '        private:  No one can join this security context once created.\n' +
  '        ulimit:   Apply the current ulimit to the whole context\n' +
  '--hostname new_hostname\n' +
  '    Set the hostname in the new security context\n' +
  '    This is need because if you create a less privileged\n' +
  '    security context, it may be unable to change its hostname\n' +
  '--secure\n' +
  '    Remove all the capabilities to make a virtual server trustable\n' +
  '--silent\n' +
  '    Do not print the allocated context number.\n\n' +
  `Please report bugs to ${PACKAGE_BUGREPORT}\n`;

/** vc_text2cap: with or without CAP_, exact case; -1 when unknown. */
function capabilityBitOf(name: string): number {
  return COMPAT_CAPS.indexOf(name.startsWith('CAP_') ? name.slice(4) : name);
}

interface Request {
  xids: number[];
  disconnect: boolean;
  silent: boolean;
  flags: bigint;
  removeCaps: bigint;
  addCaps: bigint;
  hostname?: string;
  domainname?: string;
}

async function parse(tool: UvTool): Promise<{ request: Request; command: string[] }> {
  // getopt_long with "+": options stop at the first operand. util-vserver's hint has a stray quote.
  const { options, operands } = await tool.options(OPTIONS, `Try '${tool.argv0} --help" for more information.\n`, 255, true);
  const request: Request = { xids: [], disconnect: false, silent: false, flags: 0n, removeCaps: 0n, addCaps: 0n };
  for (const o of options) {
    switch (o.key) {
      case 'help':
        tool.help(HELP(tool.argv0));
        break;
      case 'version':
        tool.version('allocates/enters a security context', 2003);
        break;
      case 'disconnect':
        request.disconnect = true;
        break;
      case 'silent':
        request.silent = true;
        break;
      case 'domainname':
        request.domainname = o.value!;
        break;
      case 'hostname':
        request.hostname = o.value!;
        break;
      case 'secure':
        request.removeCaps |= INSECURE_BCAPS;
        break;
      case 'cap': {
        const remove = o.value!.startsWith('!');
        const name = remove ? o.value!.slice(1) : o.value!;
        const bit = capabilityBitOf(name);
        if (bit < 0) await tool.fail(`Unknown capability '${name}'\n`, 255);
        if (remove) request.removeCaps |= 1n << BigInt(bit);
        else request.addCaps |= 1n << BigInt(bit);
        break;
      }
      case 'flag':
        // vc_list2cflag_compat: the list replaces what earlier --flag options gave.
        request.flags = 0n;
        for (const item of o.value!.split(',')) {
          const bit = COMPAT_FLAGS[item];
          if (bit === undefined) await tool.fail(`Unknown flag '${item}'\n`, 255);
          request.flags |= bit!;
        }
        break;
      case 'xid': {
        if (request.xids.length > 0) await tool.err('WARNING: More than one ctx not supported by this version\n');
        if (request.xids.length >= 16) await tool.fail('Too many contexts given\n', 255);
        try {
          request.xids.push(await xidFromOption(tool.proc, o.value!));
        } catch (e) {
          if (!(e instanceof SyscallError)) throw e;
          await tool.fail(`chcontext: vc_xidopt2xid("${o.value}"): ${e.message}\n`, 255);
        }
        break;
      }
    }
  }
  return { request, command: operands };
}

/** The context switch and exec, in the process that will run the command. */
async function enterAndExec(tool: UvTool, request: Request, command: string[]): Promise<number> {
  const proc = tool.proc;
  const wanted = request.xids[0] ?? VX_DYNAMIC_ID;
  let xid: number;
  try {
    xid = proc.vx.newSContext(wanted, 0n, request.flags & ~FAKEINIT);
  } catch (e) {
    if (!(e instanceof SyscallError)) throw e;
    return tool.fail(`vcontext: vc_create_context(): ${e.message}\n`, 255);
  }
  const removeCaps = request.removeCaps & ~request.addCaps;
  if (request.hostname !== undefined) {
    try {
      proc.host.setHostname(proc.task, request.hostname);
    } catch (e) {
      if (!(e instanceof SyscallError)) throw e;
      return tool.fail(`chcontext: sethostname(): ${e.message}\n`, 255);
    }
    if (!request.silent) tool.print(`Host name is now ${request.hostname}\n`);
  }
  if (request.domainname !== undefined) {
    const name = request.domainname === 'none' ? '' : request.domainname;
    try {
      setDomainname(proc, name);
    } catch (e) {
      if (!(e instanceof SyscallError)) throw e;
      return tool.fail(`chcontext: setdomainname(): ${e.message}\n`, 255);
    }
    if (!request.silent) tool.print(`Domain name is now ${name}\n`);
  }
  if (removeCaps !== 0n || request.flags & FAKEINIT) {
    try {
      proc.vx.newSContext(VX_SAME_CONTEXT, removeCaps, request.flags & FAKEINIT);
    } catch (e) {
      if (!(e instanceof SyscallError)) throw e;
      return tool.fail(`chcontext: vc_new_s_context(): ${e.message}\n`, 255);
    }
  }
  if (!request.silent) tool.print(`New security context is ${wanted === VX_DYNAMIC_ID ? xid : wanted}\n`);
  return execProgram(tool, command, 'chcontext');
}

/** setdomainname(2): a guest's own NIS domain (the host's machine keeps its own). */
function setDomainname(proc: Process, name: string): void {
  if (proc.vx.xid < 2) throw new SyscallError('EPERM');
  proc.vx.setName(proc.vx.xid, 'DOMAINNAME', name);
}

async function chcontext(tool: UvTool): Promise<number> {
  const { request, command } = await parse(tool);
  if (command.length === 0) return tool.fail("No command given; use '--help' for more information.\n", 255);
  if (!request.disconnect) return enterAndExec(tool, request, command);
  // --disconnect: the command runs in the background as a new session with stdin from /dev/null;
  // this process waits only for the switch to be made (its messages come first).
  await tool.out.flush();
  const proc = tool.proc;
  let resolveSwitched!: (status: number | undefined) => void;
  const switched = new Promise<number | undefined>((r) => (resolveSwitched = r));
  proc.fork(async (child) => {
    child.setsid();
    const nul = child.open('/dev/null', 0);
    child.dup2(nul, 0);
    child.close(nul);
    return runUvTool(child, 'chcontext', (t) => {
      resolveSwitched(undefined);
      return enterAndExec(t, request, command);
    });
  });
  const failed = await switched;
  return failed ?? 0;
}

defineProgram({
  name: 'chcontext',
  options: ['--cap', '--secure', '--xid', '--ctx', '--disconnect', '--domainname', '--hostname', '--flag', '--silent', '--help', '--version'],
  main: (proc) => runUvTool(proc, 'chcontext', chcontext),
});
