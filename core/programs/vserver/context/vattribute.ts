/**
 * vattribute — util-vserver 0.30 (reference §3): look at or change a context's bounding
 * capabilities, context capabilities and flags, then run an optional program.
 *
 *   # vattribute --set --xid 33 --ccap raw_icmp
 *   # vattribute --get --xid 33
 *   bcapabilities:
 *   CHOWN,DAC_OVERRIDE,…
 *
 * `--secure` replaces earlier --bcap/--ccap/--flag: the insecure bounding capabilities go,
 * the context capabilities become exactly set_utsname,raw_icmp,audit_control, hide_netif is set.
 */
import { SyscallError } from '../../../kernel/errno.js';
import { defineProgram } from '../../registry.js';
import { runUvTool, type UvTool } from '../../vserver-fs/lib/frame.js';
import { execProgram } from '../lib/exec.js';
import { xidFromOption } from '../../vserver-fs/lib/xid-option.js';
import { PACKAGE_BUGREPORT } from '../manage/paths.js';
import { INSECURE_BCAPS } from './chcontext.js';
import { formatList, parseList, type ListKind, type MaskChange } from './lists.js';

const OPTIONS = [
  { long: 'help' },
  { long: 'version' },
  { long: 'xid', arg: 'required' as const },
  { long: 'set' },
  { long: 'get' },
  { long: 'bcap', arg: 'required' as const },
  { long: 'ccap', arg: 'required' as const },
  { long: 'flag', arg: 'required' as const },
  { long: 'secure' },
  { long: 'umask', arg: 'required' as const },
];

/** set_utsname | raw_icmp | audit_control. */
const SECURE_CCAPS = 0x4101n;
const HIDE_NETIF = 0x2000000n;

const help = (argv0: string) =>
  `Usage:\n  ${argv0} [--xid <xid>] {--get|--set [--bcap [~!]<cap>] [--ccap [~!]<cap>]\n` +
  '    [--flag [~!]<flag>] [--secure]} -- [<program> <args>*]\n\n' +
  ' --bcap <cap>   ...  system  capability to be added\n' +
  ' --ccap <cap>   ...  context capability to be added\n' +
  ' --flag <flag>  ...  context flag to be added\n' +
  ' --secure       ...  remove insecure capabilities and set secure flags\n\n' +
  'Please report bugs to ' + PACKAGE_BUGREPORT + '\n';

const LABEL: Record<ListKind, string> = { bcap: 'bcap', ccap: 'ccap', flag: 'flag' };

async function vattribute(tool: UvTool): Promise<number> {
  const { options, operands } = await tool.options(OPTIONS, `Try '${tool.argv0} --help' for more information.\n`, 255, true);
  const proc = tool.proc;
  let xid = proc.vx.xid;
  let get = false;
  const changes: Record<ListKind, MaskChange> = { bcap: { value: 0n, mask: 0n }, ccap: { value: 0n, mask: 0n }, flag: { value: 0n, mask: 0n } };
  for (const o of options) {
    switch (o.key) {
      case 'help':
        tool.help(help(tool.argv0));
        break;
      case 'version':
        tool.version('sets attributes of vservers', 2004);
        break;
      case 'xid':
        try {
          xid = await xidFromOption(proc, o.value!);
        } catch (e) {
          if (!(e instanceof SyscallError)) throw e;
          await tool.fail(`vattribute: vc_xidopt2xid("${o.value}"): ${e.message}\n`, 255);
        }
        break;
      case 'get':
        get = true;
        break;
      case 'set':
        get = false;
        break;
      case 'bcap':
      case 'ccap':
      case 'flag': {
        const kind = o.key as ListKind;
        const r = parseList(kind, o.value!, changes[kind]);
        if ('unknown' in r) await tool.fail(`Unknown ${LABEL[kind]} '${r.unknown}'\n`, 1);
        break;
      }
      case 'secure':
        changes.bcap = { value: 0n, mask: INSECURE_BCAPS };
        changes.ccap = { value: SECURE_CCAPS, mask: (1n << 64n) - 1n };
        changes.flag = { value: HIDE_NETIF, mask: HIDE_NETIF };
        break;
      case 'umask':
        await tool.fail(`Unknown namespace '${o.value}'\n`, 1);
        break;
    }
  }
  if (get) {
    try {
      const info = proc.vx.info(xid);
      tool.print(`bcapabilities:\n${formatList('bcap', info.bcaps)}\nccapabilities:\n${formatList('ccap', info.ccaps)}\nflags:\n${formatList('flag', info.flags)}\n`);
    } catch (e) {
      if (!(e instanceof SyscallError)) throw e;
      return tool.fail(`vattribute: vc_get_ccaps(): ${e.message}\n`, 1);
    }
  } else {
    try {
      if (changes.bcap.mask || changes.ccap.mask) {
        proc.vx.setCaps(xid, { bcaps: changes.bcap.value, bmask: changes.bcap.mask, ccaps: changes.ccap.value, cmask: changes.ccap.mask });
      }
    } catch (e) {
      if (!(e instanceof SyscallError)) throw e;
      return tool.fail(`vattribute: vc_set_ccaps(): ${e.message}\n`, 1);
    }
    try {
      if (changes.flag.mask) proc.vx.setFlags(xid, changes.flag.value, changes.flag.mask);
    } catch (e) {
      if (!(e instanceof SyscallError)) throw e;
      return tool.fail(`vattribute: vc_set_flags(): ${e.message}\n`, 1);
    }
  }
  if (operands.length === 0) return 0;
  return execProgram(tool, operands, 'vattribute');
}

defineProgram({
  name: 'vattribute',
  options: ['--xid', '--set', '--get', '--bcap', '--ccap', '--flag', '--secure', '--help', '--version'],
  main: (proc) => runUvTool(proc, 'vattribute', vattribute),
});
