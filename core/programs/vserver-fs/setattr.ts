/**
 * setattr — util-vserver: set or clear Linux-VServer attributes (reference §6.4, src/setattr.c).
 * One vc_set_iattr per file with flags = set & ~clear and mask = set | clear; silent on success,
 * `perror(<path>)` on failure. Without -R a directory argument is changed itself; with -R, the
 * directory and everything below it (dot files included).
 *
 * The options are the reference's full list (0.30.210 itself lacked --immutable, --ixunlink,
 * --write, --cow and --flags, which came between 2006-12 and 2011); the seed's era-B kernel
 * refuses the write and cow bits with EINVAL.
 */
import { SyscallError } from '../../kernel/errno.js';
import type { Process } from '../../kernel/process.js';
import { defineProgram } from '../registry.js';
import { PACKAGE_BUGREPORT } from '../vserver/manage/paths.js';
import { applyAttributeOption, SETATTR_OPTIONS } from './lib/attributes.js';
import { runUvTool } from './lib/frame.js';
import { fstoolHint, processArguments } from './lib/fstool.js';
import { consumedAll, strtoul } from './lib/strtol.js';

const OPTIONS = [...SETATTR_OPTIONS, { long: 'help' }, { long: 'version' }];

const help = (argv0: string) =>
  `Usage:  ${argv0} [-Rx] [--[~](iunlink|admin|watch|hide|barrier|iunlink-but-not-immutable|immutable|write|cow|ixunlink)]* [--] <file>+\n\n` +
  ' Options:\n' +
  '   -R  ...  recurse through directories\n' +
  '   -x  ...  do not cross filesystems\n\n' +
  `Please report bugs to ${PACKAGE_BUGREPORT}\n`;

/**
 * setattr's main with an explicit argument vector: vprocunhide runs it in-process for each line
 * of its list, as the real script runs the setattr binary. Returns the exit status.
 */
export function setattrMain(proc: Process, argv: readonly string[] = proc.argv): Promise<number> {
  return runUvTool(
    proc,
    'setattr',
    async (tool) => {
      const { options, operands } = await tool.options(OPTIONS, fstoolHint(tool.argv0), 1);
      const masks = { set: 0, clear: 0 };
      let recurse = false;
      let localFs = false;
      for (const o of options) {
        if (o.key === 'help') tool.help(help(tool.argv0));
        else if (o.key === 'version') tool.version('sets vserver specific file attributes', 2004);
        else if (o.key === 'R') recurse = true;
        else if (o.key === 'x') localFs = true;
        else if (o.key === 'flags' || o.key === '~flags') {
          const text = o.value ?? '';
          const n = strtoul(text);
          if (!consumedAll(text, n)) return tool.fail(`Invalid flags argument: '${text}'; try '--help' for more information\n`, 1);
          if (o.key === 'flags') masks.set = (masks.set | n.value) >>> 0;
          else masks.clear = (masks.clear | n.value) >>> 0;
        } else applyAttributeOption(o.key, masks);
      }
      if (operands.length === 0) return tool.fail("No filename given; use '--help' for more information\n", 1);
      const set = (masks.set & ~masks.clear) >>> 0;
      const settings = { recurse, localFs, displayDir: !recurse, displayDot: true };
      const errors = await processArguments(tool, operands, settings, async (path, display) => {
        try {
          proc.fs.setIattr(path, set, masks.clear);
          return true;
        } catch (e) {
          if (!(e instanceof SyscallError)) throw e;
          await tool.perror(display, e);
          return false;
        }
      });
      return errors > 0 ? 1 : 0;
    },
    argv,
  );
}

defineProgram({
  name: 'setattr',
  options: ['-R', '-x', '--iunlink', '--~iunlink', '--admin', '--watch', '--hide', '--~hide', '--barrier', '--~barrier', '--immutable', '--help', '--version'],
  main: (proc) => setattrMain(proc),
});
