/**
 * lsxid — util-vserver 0.30.210: the context tag of files (reference §6.5, src/lsxid.c). Each
 * line is a 20-character right-aligned field — the name of the vserver running in that context,
 * or the xid with -n or when none — two spaces, then the path. `!!ERR!!` (left-aligned) where
 * the filesystem carries no tags or the call failed.
 */
import { SyscallError } from '../../kernel/errno.js';
import { IATTR } from '../../kernel/vfs/constants.js';
import { defineProgram } from '../registry.js';
import { contextDisplayName } from '../vserver/lib/names.js';
import { PACKAGE_BUGREPORT } from '../vserver/manage/paths.js';
import { runUvTool } from './lib/frame.js';
import { fstoolHint, processArguments } from './lib/fstool.js';

const OPTIONS = [{ short: 'R' }, { short: 'a' }, { short: 'd' }, { short: 'n' }, { short: 'x' }, { long: 'help' }, { long: 'version' }];

const help = (argv0: string) =>
  `Usage:  ${argv0} [-Radnx] [--] <file>*\n\n` +
  ' Options:\n' +
  '   -R  ...  recurse through directories\n' +
  "   -a  ...  display files starting with '.' also\n" +
  '   -d  ...  list directories like other files instead of\n' +
  '            listing their content\n' +
  '   -n  ...  do not try to do xid -> vserver-name mapping\n' +
  '   -x  ...  do not cross filesystems\n\n' +
  `Please report bugs to ${PACKAGE_BUGREPORT}\n`;

/** Width of the xid/name field. */
const FIELD = 20;

/** The field of one line: the name or xid right-aligned, `!!ERR!!` left-aligned; a longer name overflows. */
export function xidField(value: string | undefined): string {
  if (value === undefined) return '!!ERR!!'.padEnd(FIELD);
  return value.padStart(FIELD);
}

defineProgram({
  name: 'lsxid',
  options: ['-R', '-a', '-d', '-n', '-x', '--help', '--version'],
  main: (proc) =>
    runUvTool(proc, 'lsxid', async (tool) => {
      const { options, operands } = await tool.options(OPTIONS, fstoolHint(tool.argv0), 1);
      const has = (key: string) => options.some((o) => o.key === key);
      for (const o of options) {
        if (o.key === 'help') tool.help(help(tool.argv0));
        if (o.key === 'version') tool.version('shows the context which is associated to a file', 2004);
      }
      const mapping = !has('n');
      const names = new Map<number, string | undefined>();
      const nameOf = async (xid: number) => {
        if (!names.has(xid)) names.set(xid, await contextDisplayName(proc, xid));
        return names.get(xid);
      };
      const settings = { recurse: has('R'), displayDot: has('a'), displayDir: has('d'), localFs: has('x') };
      const errors = await processArguments(tool, operands, settings, async (path, display) => {
        let xid: number | undefined;
        try {
          const info = proc.fs.getIattr(path);
          if (info.mask & IATTR.TAG) xid = info.xid ?? 0;
        } catch (e) {
          if (!(e instanceof SyscallError)) throw e;
          await tool.perror('vc_get_iattr()', e);
        }
        const shown = xid === undefined ? undefined : ((mapping ? await nameOf(xid) : undefined) ?? String(xid));
        tool.print(`${xidField(shown)}  ${display}\n`);
        return xid !== undefined;
      });
      return errors > 0 ? 1 : 0;
    }),
});
