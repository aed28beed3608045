/**
 * vcontext — util-vserver 0.30 (era C; reference §2.4): create a context and enter it, or
 * migrate into an existing one, then exec the program.
 *
 *   # vcontext --create --xid 42 -- /bin/bash
 *   New security context is 42
 *
 * Created contexts start in setup with state_admin and state_init (as util-vserver asks);
 * `--endsetup` clears state_setup, `--initpid` makes the caller the context's init.
 */
import { SyscallError } from '../../../kernel/errno.js';
import { VXF } from '../../../kernel/vserver/bits.js';
import { defineProgram } from '../../registry.js';
import { runUvTool, type UvTool } from '../../vserver-fs/lib/frame.js';
import { execProgram } from '../lib/exec.js';
import { xidFromOption } from '../../vserver-fs/lib/xid-option.js';
import { PACKAGE_BUGREPORT } from '../manage/paths.js';

const OPTIONS = [
  { long: 'help' },
  { long: 'version' },
  { long: 'create' },
  { long: 'migrate' },
  { long: 'migrate-self' },
  { long: 'xid', arg: 'required' as const },
  { long: 'chroot' },
  { long: 'namespace' },
  { long: 'uid', arg: 'required' as const },
  { key: 'initpid', long: 'initpid' },
  { key: 'initpid', long: 'fakeinit' },
  { long: 'endsetup' },
  { long: 'disconnect' },
  { long: 'silent' },
  { long: 'silentexist' },
  { long: 'closefd' },
];

const HINT = "; try '--help' for more information";

const help = (argv0: string) =>
  `Usage:\n  ${argv0} --create [--xid <xid>] <opts>* [--] <program> <args>*\n` +
  `  ${argv0} [(--migrate --xid <xid>)|--migrate-self] <opts>* [--] <program> <args>*\n\n` +
  '<opts> can be:\n' +
  '    --chroot        ...  chroot into current directory\n' +
  '    --namespace     ...  execute namespace management\n' +
  '    --uid <uid>     ...  change uid to <uid>\n' +
  "    --initpid       ...  make the current process the context's init\n" +
  '    --endsetup      ...  clear the setup flag of the context\n' +
  '    --disconnect    ...  start program in background\n' +
  '    --silent        ...  be silent\n' +
  '    --silentexist   ...  be silent when context exists already\n\n' +
  `Please report bugs to ${PACKAGE_BUGREPORT}\n`;

async function vcontext(tool: UvTool): Promise<number> {
  const { options, operands } = await tool.options(OPTIONS, `Try '${tool.argv0} --help' for more information.\n`, 255, true);
  const proc = tool.proc;
  const on = new Set<string>();
  let xid: number | undefined;
  let uid: number | undefined;
  for (const o of options) {
    if (o.key === 'help') tool.help(help(tool.argv0));
    if (o.key === 'version') tool.version('manages the creation of security contexts', 2004);
    if (o.key === 'xid') {
      try {
        xid = await xidFromOption(proc, o.value!);
      } catch (e) {
        if (!(e instanceof SyscallError)) throw e;
        return tool.fail(`vcontext: vc_xidopt2xid("${o.value}"): ${e.message}\n`, 255);
      }
    } else if (o.key === 'uid') {
      if (!/^\d+$/.test(o.value!)) return tool.fail(`vcontext: Uid '${o.value}' is not a number\n`, 255);
      uid = Number(o.value);
    }
    on.add(o.key);
  }
  const create = on.has('create');
  const migrate = on.has('migrate') || on.has('migrate-self');
  if (!create && !migrate) return tool.fail(`Neither '--create' nor '--migrate' specified${HINT}\n`, 255);
  if (create && migrate) return tool.fail(`Can not specify '--create' and '--migrate' at the same time${HINT}\n`, 255);
  if (on.has('initpid') && !migrate) return tool.fail("'--initpid' is possible in combination with '--migrate' only\n", 255);
  if (operands.length === 0) return tool.fail("No command given; use '--help' for more information.\n", 255);

  if (create) {
    try {
      const made = proc.vx.create(xid, VXF.state_setup | VXF.state_admin | VXF.state_init);
      if (!on.has('silent')) tool.print(`New security context is ${made}\n`);
      xid = made;
    } catch (e) {
      if (!(e instanceof SyscallError)) throw e;
      if (e.code === 'EEXIST' || e.code === 'EBUSY') {
        if (!on.has('silentexist')) await tool.err(`vcontext: vc_ctx_create(): ${e.message}\n`);
        return 254;
      }
      return tool.fail(`vcontext: vc_ctx_create(): ${e.message}\n`, 255);
    }
  } else {
    const target = on.has('migrate-self') ? proc.vx.xid : xid;
    if (target === undefined) return tool.fail('vcontext: Can not migrate to an unknown context\n', 255);
    try {
      proc.vx.migrate(target, { initpid: on.has('initpid') });
    } catch (e) {
      if (!(e instanceof SyscallError)) throw e;
      return tool.fail(`vcontext: vc_ctx_migrate(): ${e.message}\n`, 255);
    }
    xid = target;
  }
  try {
    if (on.has('endsetup')) proc.vx.setFlags(xid, 0n, VXF.state_setup);
    if (on.has('chroot')) proc.fs.chroot('.');
    if (uid !== undefined) {
      // setuid(2) by root: every id and the capabilities of a non-root user.
      Object.assign(proc.task.cred, { uid, euid: uid, caps: uid === 0 ? proc.task.cred.caps : 0n });
    }
  } catch (e) {
    if (!(e instanceof SyscallError)) throw e;
    return tool.fail(`vcontext: ${e.message}\n`, 255);
  }
  return execProgram(tool, operands, 'vcontext');
}

defineProgram({
  name: 'vcontext',
  options: ['--create', '--migrate', '--migrate-self', '--xid', '--chroot', '--uid', '--initpid', '--endsetup', '--silent', '--silentexist', '--help', '--version'],
  main: (proc) => runUvTool(proc, 'vcontext', vcontext),
});
