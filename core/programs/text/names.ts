/** basename and dirname (coreutils 5.2.1). */
import { defineProgram } from '../registry.js';
import { runTool, type ToolSpec } from '../lib/tool.js';

/** POSIX basename: trailing slashes removed, then everything up to the last slash. */
export function baseName(path: string, suffix?: string): string {
  if (path === '') return '';
  let p = path.replace(/\/+$/, '');
  if (p === '') return '/';
  p = p.slice(p.lastIndexOf('/') + 1);
  if (suffix && p !== suffix && p.endsWith(suffix)) p = p.slice(0, -suffix.length);
  return p;
}

/** POSIX dirname: "." when there is no slash; "/" for the root. */
export function dirName(path: string): string {
  let p = path.replace(/\/+$/, '');
  if (p === '') return path.startsWith('/') ? '/' : '.';
  const slash = p.lastIndexOf('/');
  if (slash < 0) return '.';
  p = p.slice(0, slash).replace(/\/+$/, '');
  return p === '' ? '/' : p;
}

const BASENAME_HELP = `Usage: basename NAME [SUFFIX]
  or:  basename OPTION
Print NAME with any leading directory components removed.
If specified, also remove a trailing SUFFIX.

      --help     display this help and exit
      --version  output version information and exit

Examples:
  basename /usr/bin/sort       Output "sort".
  basename include/stdio.h .h  Output "stdio".

Report bugs to <bug-coreutils@gnu.org>.
`;

const DIRNAME_HELP = `Usage: dirname NAME
  or:  dirname OPTION
Print NAME with its trailing /component removed; if NAME contains no /'s,
output \`.' (meaning the current directory).

      --help     display this help and exit
      --version  output version information and exit

Examples:
  dirname /usr/bin/sort  Output "/usr/bin".
  dirname stdio.h        Output ".".

Report bugs to <bug-coreutils@gnu.org>.
`;

// Both take negative-looking names as operands only after --; getopt sees options first, like the real ones.
const BASENAME: ToolSpec = { name: 'basename', suite: 'coreutils', help: BASENAME_HELP, options: [], authors: 'FIXME unknown', settings: { posixOrder: true } };
const DIRNAME: ToolSpec = { name: 'dirname', suite: 'coreutils', help: DIRNAME_HELP, options: [], authors: 'David MacKenzie and Jim Meyering', settings: { posixOrder: true } };

defineProgram({
  name: 'basename',
  main: (proc) =>
    runTool(proc, BASENAME, async (tool, { operands }) => {
      if (operands.length < 1) return tool.usageError('too few arguments');
      if (operands.length > 2) return tool.usageError('too many arguments');
      tool.out.put(baseName(operands[0]!, operands[1]) + '\n');
      return 0;
    }),
});

defineProgram({
  name: 'dirname',
  main: (proc) =>
    runTool(proc, DIRNAME, async (tool, { operands }) => {
      if (operands.length < 1) return tool.usageError('too few arguments');
      if (operands.length > 1) return tool.usageError('too many arguments');
      tool.out.put(dirName(operands[0]!) + '\n');
      return 0;
    }),
});
