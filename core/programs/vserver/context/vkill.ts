/**
 * vkill — util-vserver 0.30 (reference §9.3, kernel rules §1.3): signal processes of a context
 * through vc_ctx_kill. `vkill --xid 33` signals the whole guest (pid 0); without --xid each pid's
 * context is looked up first. Silent on success.
 */
import { SyscallError } from '../../../kernel/errno.js';
import { parseSignal, SIG } from '../../../kernel/signals.js';
import { defineProgram } from '../../registry.js';
import { runUvTool, type UvTool } from '../../vserver-fs/lib/frame.js';
import { xidFromOption } from '../../vserver-fs/lib/xid-option.js';
import { PACKAGE_BUGREPORT } from '../manage/paths.js';

const OPTIONS = [{ long: 'help' }, { long: 'version' }, { key: 'xid', short: 'c', long: 'xid', arg: 'required' as const }, { key: 'signal', short: 's', arg: 'required' as const }];

async function vkill(tool: UvTool): Promise<number> {
  const { options, operands } = await tool.options(OPTIONS, `Try '${tool.argv0} --help' for more information.\n`, 255, true);
  const proc = tool.proc;
  let xid: number | undefined;
  let sig: number = SIG.TERM;
  for (const o of options) {
    if (o.key === 'help') tool.help(`Usage: ${tool.argv0} [--xid|-c <xid>] [-s <signal>] [--] <pid>*\n\nPlease report bugs to ${PACKAGE_BUGREPORT}\n`);
    if (o.key === 'version') tool.version('sends signals to processes within other contexts', 2003);
    if (o.key === 'signal') {
      const n = /^\d+$/.test(o.value!) ? Number(o.value) : parseSignal(o.value!.replace(/^SIG/i, ''));
      if (n === undefined || n > 64) return tool.fail('Invalid signal specified\n', 1);
      sig = n;
    }
    if (o.key === 'xid') {
      try {
        xid = await xidFromOption(proc, o.value!);
      } catch (e) {
        if (!(e instanceof SyscallError)) throw e;
        return tool.fail(`vkill: vc_xidopt2xid("${o.value}"): ${e.message}\n`, 1);
      }
    }
  }
  if (xid === undefined && operands.length === 0) return tool.fail('No pid specified\n', 1);
  const pids = operands.length > 0 ? operands : ['0'];
  let status = 0;
  for (const text of pids) {
    if (!/^-?\d+$/.test(text)) {
      await tool.err(`vkill: '${text}' is not a number\n`);
      status = 1;
      continue;
    }
    const pid = Number(text);
    try {
      const target = xid ?? proc.vx.xidOf(pid);
      if (target === 0) proc.kill(pid, sig);
      else proc.vx.kill(target, pid, sig);
    } catch (e) {
      if (!(e instanceof SyscallError)) throw e;
      await tool.err(`vkill: vc_ctx_kill(): ${e.message}\n`);
      status = 1;
    }
  }
  return status;
}

defineProgram({
  name: 'vkill',
  options: ['--xid', '--help', '--version'],
  main: (proc) => runUvTool(proc, 'vkill', vkill),
});
