/**
 * vnamespace — util-vserver 0.30 (reference §9.8): mount namespaces of contexts.
 *   --new|-n PROG…       run PROG in a new (private copy of the) mount namespace;
 *   --enter|-e XID PROG… run PROG in the namespace saved for context XID;
 *   --set|-s [PROG…]     save the caller's namespace as its context's;
 *   --cleanup|-c         (vc_cleanup_namespace) unmount everything in it — refused here: ENOSYS.
 * Messages are the C tool's: `vnamespace: vc_enter_namespace(): …`, exit 255.
 */
import { SyscallError } from '../../kernel/errno.js';
import { defineProgram } from '../registry.js';
import { PACKAGE_BUGREPORT } from './manage/paths.js';
import { runUvTool, type UvTool } from '../vserver-fs/lib/frame.js';
import { execProgram } from './lib/exec.js';
import { xidFromOption, xidoptCall } from '../vserver-fs/lib/xid-option.js';

const OPTIONS = [
  { long: 'help' },
  { long: 'version' },
  { key: 'new', short: 'n', long: 'new' },
  { key: 'enter', short: 'e', long: 'enter', arg: 'required' as const },
  { key: 'set', short: 's', long: 'set' },
  { key: 'cleanup', short: 'c', long: 'cleanup' },
];

const help = (argv0: string) =>
  `Usage: ${argv0} <operation> [--] [<program> <args>*]\n\n` +
  '<operation> can be one of:\n' +
  '    --new|-n          ...  create new namespace and execute <program> there;\n' +
  '                           <program> is mandatory in this case\n' +
  '    --enter|-e <xid>  ...  enter the namespace of context <xid> and execute\n' +
  '                           <program> there; <program> is mandatory in this\n' +
  '                           case\n' +
  '    --set|-s          ...  make current namespace the namespace of the\n' +
  '                           current context\n' +
  '    --cleanup|-c      ...  remove all mounts from the namespace of the\n' +
  '                           current context\n\n' +
  `Please report bugs to ${PACKAGE_BUGREPORT}\n`;

const HINT = "; try '--help' for more information\n";

/** A kernel call; its failure ends the tool as perror() and exit(255) do. */
async function call(tool: UvTool, what: string, f: () => void): Promise<void> {
  try {
    f();
  } catch (e) {
    if (!(e instanceof SyscallError)) throw e;
    await tool.perror(`vnamespace: ${what}`, e);
    tool.exit(255);
  }
}

async function vnamespace(tool: UvTool): Promise<number> {
  const { options, operands } = await tool.options(OPTIONS, `Try '${tool.argv0} --help' for more information.\n`, 255, true);
  let xidArg: string | undefined;
  const ops = new Set<string>();
  for (const o of options) {
    if (o.key === 'help') tool.help(help(tool.argv0));
    if (o.key === 'version') tool.version('manages filesystem-namespace', 2004);
    if (o.key === 'enter') xidArg = o.value;
    ops.add(o.key);
  }
  if (ops.size === 0) return tool.fail(`No operation was specified${HINT}`, 255);
  if (ops.size > 1) return tool.fail(`Can not specify multiple operations${HINT}`, 255);
  const proc = tool.proc;
  if (operands.length === 0 && (ops.has('new') || ops.has('enter'))) return tool.fail(`No command specified${HINT}`, 255);
  if (ops.has('new')) await call(tool, 'clone()', () => proc.fs.unshareNamespace());
  else if (ops.has('set')) await call(tool, 'vc_set_namespace()', () => proc.fs.setContextNamespace(proc.vx.xid));
  else if (ops.has('cleanup')) await call(tool, 'vc_cleanup_namespace()', () => {
    throw new SyscallError('ENOSYS');
  });
  else {
    let xid: number;
    try {
      xid = await xidFromOption(proc, xidArg!);
    } catch (e) {
      if (!(e instanceof SyscallError)) throw e;
      await tool.perror(xidoptCall(xidArg!), e);
      return 255;
    }
    await call(tool, 'vc_enter_namespace()', () => proc.fs.enterContextNamespace(xid));
  }
  if (operands.length === 0) return 0;
  return execProgram(tool, operands, 'vnamespace');
}

defineProgram({
  name: 'vnamespace',
  options: ['--new', '--enter', '--set', '--cleanup', '--help', '--version'],
  main: (proc) => runUvTool(proc, 'vnamespace', vnamespace),
});
