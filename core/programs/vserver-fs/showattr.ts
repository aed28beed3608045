/**
 * showattr — util-vserver 0.30.210: the Linux-VServer attributes of files, one line each:
 * the seven-letter field (`Awh-ui-`), a space, the path (reference §6.3, src/showattr.c).
 */
import { SyscallError } from '../../kernel/errno.js';
import { defineProgram } from '../registry.js';
import { PACKAGE_BUGREPORT } from '../vserver/manage/paths.js';
import { ERROR_FIELD, flagField } from './lib/attributes.js';
import { runUvTool } from './lib/frame.js';
import { fstoolHint, processArguments } from './lib/fstool.js';

const OPTIONS = [{ short: 'R' }, { short: 'a' }, { short: 'd' }, { short: 'x' }, { long: 'help' }, { long: 'version' }];

const help = (argv0: string) =>
  `Usage:  ${argv0} [-Radx] [--] <file>*\n\n` +
  ' Options:\n' +
  '   -R  ...  recurse through directories\n' +
  "   -a  ...  display files starting with '.' also\n" +
  '   -d  ...  list directories like other files instead of listing\n' +
  '            their content\n' +
  '   -x  ...  do not cross filesystems\n\n' +
  `Please report bugs to ${PACKAGE_BUGREPORT}\n`;

defineProgram({
  name: 'showattr',
  options: ['-R', '-a', '-d', '-x', '--help', '--version'],
  main: (proc) =>
    runUvTool(proc, 'showattr', async (tool) => {
      const { options, operands } = await tool.options(OPTIONS, fstoolHint(tool.argv0), 1);
      const has = (key: string) => options.some((o) => o.key === key);
      for (const o of options) {
        if (o.key === 'help') tool.help(help(tool.argv0));
        if (o.key === 'version') tool.version('shows vserver specific file attributes', 2004);
      }
      const settings = { recurse: has('R'), displayDot: has('a'), displayDir: has('d'), localFs: has('x') };
      const errors = await processArguments(tool, operands, settings, async (path, display) => {
        let field: string;
        let ok = true;
        try {
          const { flags, mask } = proc.fs.getIattr(path);
          field = `${flagField(flags, mask)} `;
        } catch (e) {
          if (!(e instanceof SyscallError)) throw e;
          await tool.perror('vc_get_iattr()', e);
          field = ERROR_FIELD;
          ok = false;
        }
        tool.print(`${field}${display}\n`);
        return ok;
      });
      return errors > 0 ? 1 : 0;
    }),
});
