/**
 * chxid — util-vserver: give files a context tag (reference §6.6, src/chxid.c), on filesystems
 * mounted with tagging (elsewhere the kernel answers EINVAL). `-c` takes an xid or a vserver
 * name; -U (from 2007, in the reference) skips unified files. Silent on success.
 */
import { SyscallError } from '../../kernel/errno.js';
import { IATTR } from '../../kernel/vfs/constants.js';
import { defineProgram } from '../registry.js';
import { PACKAGE_BUGREPORT } from '../vserver/manage/paths.js';
import { runUvTool } from './lib/frame.js';
import { fstoolHint, processArguments } from './lib/fstool.js';
import { VC_NOCTX, xidFromOption } from './lib/xid-option.js';

const OPTIONS = [{ short: 'R' }, { short: 'c', arg: 'required' as const }, { short: 'x' }, { short: 'U' }, { long: 'help' }, { long: 'version' }];

const help = (argv0: string) =>
  `Usage:  ${argv0} -c <ctx|vserver> [-RxU] [--] <file>+\n\n` +
  ' Options:\n' +
  '   -R  ...  recurse through directories\n' +
  '   -c  ...  assign the given context/vserver to the file(s)\n' +
  '   -x  ...  do not cross filesystems\n' +
  '   -U  ...  skip unified files\n\n' +
  `Please report bugs to ${PACKAGE_BUGREPORT}\n`;

const UNIFIED = IATTR.IMMUTABLE | IATTR.IUNLINK;

defineProgram({
  name: 'chxid',
  options: ['-c', '-R', '-x', '-U', '--help', '--version'],
  main: (proc) =>
    runUvTool(proc, 'chxid', async (tool) => {
      const { options, operands } = await tool.options(OPTIONS, fstoolHint(tool.argv0), 1);
      let context: string | undefined;
      for (const o of options) {
        if (o.key === 'help') tool.help(help(tool.argv0));
        if (o.key === 'version') tool.version('assigns a context to a file', 2004);
        if (o.key === 'c') context = o.value;
      }
      const has = (key: string) => options.some((o) => o.key === key);
      if (operands.length === 0) return tool.fail("No filename given; use '--help' for more information\n", 1);
      if (context === undefined) return tool.fail("No context given; use '--help' for more information\n", 1);
      // chxid does not check the lookup: an unknown name becomes VC_NOCTX, which the kernel refuses per file.
      let xid: number;
      try {
        xid = await xidFromOption(proc, context);
      } catch (e) {
        if (!(e instanceof SyscallError)) throw e;
        xid = VC_NOCTX;
      }
      const isUnified = (path: string) => {
        try {
          const { flags, mask } = proc.fs.getIattr(path);
          return (mask & UNIFIED) === UNIFIED && (flags & UNIFIED) === UNIFIED;
        } catch (e) {
          if (e instanceof SyscallError) return false;
          throw e;
        }
      };
      const recurse = has('R');
      const settings = { recurse, localFs: has('x'), displayDir: !recurse, displayDot: true };
      const errors = await processArguments(tool, operands, settings, async (path, display) => {
        if (has('U') && isUnified(path)) return true;
        try {
          proc.fs.setXid(path, xid === VC_NOCTX ? 0xffffffff : xid);
          return true;
        } catch (e) {
          if (!(e instanceof SyscallError)) throw e;
          await tool.perror(display, e);
          return false;
        }
      });
      return errors > 0 ? 1 : 0;
    }),
});
