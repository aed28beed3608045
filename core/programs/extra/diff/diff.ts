/**
 * diff — GNU diffutils 2.8.1: normal, unified (-u, -U N) and context (-c, -C N) output, -q, -s,
 * -i/-b/-w, -a, directories (-r, -N, "Only in", "Common subdirectories"), binary files, and the
 * exit status 0 (same), 1 (different), 2 (trouble).
 */
import type { FileStat } from '../../../kernel/fs-calls.js';
import type { Tool } from '../../lib/tool.js';
import { localTime, statDate, strftime, zoneFor, type Zone } from '../../files/lib/time.js';
import { baseName, defineExtraTool, errorMessage, joinPath } from '../lib/frame.js';
import { computeChanges, lineKey, splitDiffLines } from './engine.js';
import { formatContext, formatNormal, formatUnified } from './format.js';

const VERSION = `diff (GNU diffutils) 2.8.1
Copyright (C) 2002 Free Software Foundation, Inc.

This program comes with NO WARRANTY, to the extent permitted by law.
You may redistribute copies of this program
under the terms of the GNU General Public License.
For more information about these matters, see the file named COPYING.

Written by Paul Eggert, Mike Haertel, David Hayes,
Richard Stallman, and Len Tower.
`;

const HELP = `Usage: diff [OPTION]... FILES
Compare files line by line.

  -i  --ignore-case  Ignore case differences in file contents.
  --ignore-file-name-case  Ignore case when comparing file names.
  --no-ignore-file-name-case  Consider case when comparing file names.
  -E  --ignore-tab-expansion  Ignore changes due to tab expansion.
  -b  --ignore-space-change  Ignore changes in the amount of white space.
  -w  --ignore-all-space  Ignore all white space.
  -B  --ignore-blank-lines  Ignore changes whose lines are all blank.
  -I RE  --ignore-matching-lines=RE  Ignore changes whose lines all match RE.
  --strip-trailing-cr  Strip trailing carriage return on input.
  -a  --text  Treat all files as text.

  -c  -C NUM  --context[=NUM]  Output NUM (default 3) lines of copied context.
  -u  -U NUM  --unified[=NUM]  Output NUM (default 3) lines of unified context.
    --label LABEL  Use LABEL instead of file name.
    -p  --show-c-function  Show which C function each change is in.
    -F RE  --show-function-line=RE  Show the most recent line matching RE.
  -q  --brief  Output only whether files differ.
  -e  --ed  Output an ed script.
  --normal  Output a normal diff.
  -n  --rcs  Output an RCS format diff.
  -y  --side-by-side  Output in two columns.
    -W NUM  --width=NUM  Output at most NUM (default 130) print columns.
    --left-column  Output only the left column of common lines.
    --suppress-common-lines  Do not output common lines.
  -D NAME  --ifdef=NAME  Output merged file to show \`#ifdef NAME' diffs.
  --GTYPE-group-format=GFMT  Similar, but format GTYPE input groups with GFMT.
  --line-format=LFMT  Similar, but format all input lines with LFMT.
  --LTYPE-line-format=LFMT  Similar, but format LTYPE input lines with LFMT.
    LTYPE is \`old', \`new', or \`unchanged'.  GTYPE is LTYPE or \`changed'.
    GFMT may contain:
      %<  lines from FILE1
      %>  lines from FILE2
      %=  lines common to FILE1 and FILE2
      %[-][WIDTH][.[PREC]]{doxX}LETTER  printf-style spec for LETTER
        LETTERs are as follows for new group, lower case for old group:
          F  first line number
          L  last line number
          N  number of lines = L-F+1
          E  F-1
          M  L+1
    LFMT may contain:
      %L  contents of line
      %l  contents of line, excluding any trailing newline
      %[-][WIDTH][.[PREC]]{doxX}n  printf-style spec for input line number
    Either GFMT or LFMT may contain:
      %%  %
      %c'C'  the single character C
      %c'\\OOO'  the character with octal code OOO

  -l  --paginate  Pass the output through \`pr' to paginate it.
  -t  --expand-tabs  Expand tabs to spaces in output.
  -T  --initial-tab  Make tabs line up by prepending a tab.

  -r  --recursive  Recursively compare any subdirectories found.
  -N  --new-file  Treat absent files as empty.
  --unidirectional-new-file  Treat absent first files as empty.
  -s  --report-identical-files  Report when two files are the same.
  -x PAT  --exclude=PAT  Exclude files that match PAT.
  -X FILE  --exclude-from=FILE  Exclude files that match any pattern in FILE.
  -S FILE  --starting-file=FILE  Start with FILE when comparing directories.
  --from-file=FILE1  Compare FILE1 to all operands.  FILE1 can be a directory.
  --to-file=FILE2  Compare all operands to FILE2.  FILE2 can be a directory.

  --horizon-lines=NUM  Keep NUM lines of the common prefix and suffix.
  -d  --minimal  Try hard to find a smaller set of changes.
  --speed-large-files  Assume large files and many scattered small changes.

  -v  --version  Output version info.
  --help  Output this help.

FILES are \`FILE1 FILE2' or \`DIR1 DIR2' or \`DIR FILE...' or \`FILE... DIR'.
If --from-file or --to-file is given, there are no restrictions on FILES.
If a FILE is \`-', read standard input.

Report bugs to <bug-gnu-utils@gnu.org>.
`;

type Style = 'normal' | 'unified' | 'context' | 'brief';

interface DiffOptions {
  style: Style;
  context: number;
  recursive: boolean;
  newFile: boolean;
  text: boolean;
  reportIdentical: boolean;
  ignoreCase: boolean;
  ignoreSpaceChange: boolean;
  ignoreAllSpace: boolean;
  /** The options as typed, for the "diff -r a/x b/x" lines of a directory comparison. */
  switches: string;
}

/** Status of a comparison: 0 same, 1 different, 2 trouble. */
const worst = (a: number, b: number) => Math.max(a, b);

class Differ {
  constructor(
    private readonly tool: Tool,
    private readonly o: DiffOptions,
    private readonly zone: Zone,
  ) {}

  private get proc() {
    return this.tool.proc;
  }

  private stat(path: string): FileStat | undefined {
    try {
      return this.proc.fs.stat(path);
    } catch {
      return undefined;
    }
  }

  /** Compare two operands of the command line. */
  async top(pathA: string, pathB: string): Promise<number> {
    const stA = pathA === '-' ? undefined : await this.statOrComplain(pathA);
    const stB = pathB === '-' ? undefined : await this.statOrComplain(pathB);
    if ((pathA !== '-' && !stA) || (pathB !== '-' && !stB)) return 2;
    const dirA = stA?.type === 'dir';
    const dirB = stB?.type === 'dir';
    // `diff file dir` compares file with dir/file.
    if (dirA && !dirB) return this.top(joinPath(pathA, baseName(pathB === '-' ? '-' : pathB)), pathB);
    if (dirB && !dirA) return this.top(pathA, joinPath(pathB, baseName(pathA)));
    if (dirA && dirB) return this.directories(pathA, pathB);
    return this.files(pathA, pathB, stA, stB, false);
  }

  private async statOrComplain(path: string): Promise<FileStat | undefined> {
    try {
      return this.proc.fs.stat(path);
    } catch (e) {
      await this.tool.warn(`${path}: ${errorMessage(e)}`);
      return undefined;
    }
  }

  private async directories(dirA: string, dirB: string): Promise<number> {
    let namesA: string[];
    let namesB: string[];
    try {
      namesA = this.entries(dirA);
      namesB = this.entries(dirB);
    } catch (e) {
      await this.tool.warn(`${dirA}: ${errorMessage(e)}`);
      return 2;
    }
    const names = [...new Set([...namesA, ...namesB])].sort();
    let status = 0;
    for (const name of names) {
      const a = joinPath(dirA, name);
      const b = joinPath(dirB, name);
      const stA = namesA.includes(name) ? this.stat(a) : undefined;
      const stB = namesB.includes(name) ? this.stat(b) : undefined;
      if (!stA || !stB) {
        const present = stA ?? stB!;
        if (!this.o.newFile || present.type === 'dir') {
          this.tool.out.put(`Only in ${stA ? dirA : dirB}: ${name}\n`);
          status = worst(status, 1);
          continue;
        }
        status = worst(status, await this.files(a, b, stA, stB, true));
        continue;
      }
      if (stA.type === 'dir' && stB.type === 'dir') {
        if (this.o.recursive) status = worst(status, await this.directories(a, b));
        else this.tool.out.put(`Common subdirectories: ${a} and ${b}\n`);
        continue;
      }
      if ((stA.type === 'dir') !== (stB.type === 'dir')) {
        this.tool.out.put(`File ${a} is a ${typeName(stA)} while file ${b} is a ${typeName(stB)}\n`);
        status = worst(status, 1);
        continue;
      }
      status = worst(status, await this.files(a, b, stA, stB, true));
      await this.tool.out.tick();
    }
    return status;
  }

  private entries(dir: string): string[] {
    return this.proc.fs.readdir(dir).filter((n) => n !== '.' && n !== '..');
  }

  private async read(path: string, st: FileStat | undefined): Promise<string | undefined> {
    if (!st && path !== '-') return ''; // an absent file under -N
    try {
      return path === '-' ? await this.proc.readAll(0) : await this.proc.readFile(path);
    } catch (e) {
      await this.tool.warn(`${path}: ${errorMessage(e)}`);
      return undefined;
    }
  }

  /** Compare two files; `inDirectory` adds the "diff -r a/x b/x" line before the differences. */
  private async files(pathA: string, pathB: string, stA: FileStat | undefined, stB: FileStat | undefined, inDirectory: boolean): Promise<number> {
    if (stA && stB && stA.dev === stB.dev && stA.ino === stB.ino) return this.same(pathA, pathB);
    const textA = await this.read(pathA, stA);
    const textB = await this.read(pathB, stB);
    if (textA === undefined || textB === undefined) return 2;
    if (textA === textB) return this.same(pathA, pathB);
    const header = inDirectory ? `diff${this.o.switches ? ' ' + this.o.switches : ''} ${pathA} ${pathB}\n` : '';
    const binary = !this.o.text && (textA.slice(0, 4096).includes('\0') || textB.slice(0, 4096).includes('\0'));
    if (this.o.style === 'brief' || binary) {
      this.tool.out.put(binary && this.o.style !== 'brief' ? `Binary files ${pathA} and ${pathB} differ\n` : `Files ${pathA} and ${pathB} differ\n`);
      return 1;
    }
    const a = splitDiffLines(textA);
    const b = splitDiffLines(textB);
    const key = (l: (typeof a)[number]) => lineKey(l, this.o);
    const changes = computeChanges(a.map(key), b.map(key));
    if (changes.length === 0) return this.same(pathA, pathB);
    let out = header;
    if (this.o.style === 'normal') out += formatNormal(a, b, changes);
    else if (this.o.style === 'unified') {
      out += `--- ${pathA}\t${this.unifiedDate(stA)}\n+++ ${pathB}\t${this.unifiedDate(stB)}\n`;
      out += formatUnified(a, b, changes, this.o.context);
    } else {
      out += `*** ${pathA}\t${this.contextDate(stA)}\n--- ${pathB}\t${this.contextDate(stB)}\n`;
      out += formatContext(a, b, changes, this.o.context);
    }
    this.tool.out.put(out);
    return 1;
  }

  private same(pathA: string, pathB: string): number {
    if (this.o.reportIdentical) this.tool.out.put(`Files ${pathA} and ${pathB} are identical\n`);
    return 0;
  }

  /** An absent file (-N) shows the Epoch; standard input shows now. */
  private mtime(st: FileStat | undefined): number {
    return st ? st.mtime : 0;
  }

  private unifiedDate(st: FileStat | undefined): string {
    return statDate(this.mtime(st), this.zone);
  }

  private contextDate(st: FileStat | undefined): string {
    return strftime('%a %b %e %H:%M:%S %Y', localTime(this.mtime(st), this.zone));
  }
}

/** gnulib's file_type() words, as diff prints them for a file/directory mismatch. */
function typeName(st: FileStat): string {
  switch (st.type) {
    case 'dir':
      return 'directory';
    case 'file':
      return st.size === 0 ? 'regular empty file' : 'regular file';
    case 'symlink':
      return 'symbolic link';
    case 'chardev':
      return 'character special file';
    case 'blockdev':
      return 'block special file';
    case 'fifo':
      return 'fifo';
    case 'socket':
      return 'socket';
  }
}

function contextLines(value: string | undefined, tool: Tool): number | Promise<never> {
  if (value === undefined) return 3;
  if (!/^\d+$/.test(value)) return tool.usageError(`invalid context length argument`);
  return Number(value);
}

defineExtraTool(
  {
    name: 'diff',
    help: HELP,
    version: VERSION,
    usageStatus: 2,
    usageHint: (name) => `${name}: Try \`${name} --help' for more information.\n`,
    options: [
      { short: 'q', long: 'brief' },
      { short: 'u' },
      { short: 'U', arg: 'required', key: 'unified' },
      { long: 'unified', arg: 'optional', key: 'unified' },
      { short: 'c' },
      { short: 'C', arg: 'required', key: 'context' },
      { long: 'context', arg: 'optional', key: 'context' },
      { long: 'normal' },
      { short: 'r', long: 'recursive' },
      { short: 'N', long: 'new-file' },
      { short: 'a', long: 'text' },
      { short: 's', long: 'report-identical-files' },
      { short: 'i', long: 'ignore-case' },
      { short: 'b', long: 'ignore-space-change' },
      { short: 'w', long: 'ignore-all-space' },
      { short: 'v', key: 'own-version' },
    ],
  },
  async (tool, { options, operands }) => {
    const o: DiffOptions = {
      style: 'normal',
      context: 3,
      recursive: false,
      newFile: false,
      text: false,
      reportIdentical: false,
      ignoreCase: false,
      ignoreSpaceChange: false,
      ignoreAllSpace: false,
      switches: '',
    };
    for (const opt of options) {
      switch (opt.key) {
        case 'q':
          o.style = 'brief';
          break;
        case 'u':
          o.style = 'unified';
          break;
        case 'unified':
          o.style = 'unified';
          o.context = await contextLines(opt.value, tool);
          break;
        case 'c':
          o.style = 'context';
          break;
        case 'context':
          o.style = 'context';
          o.context = await contextLines(opt.value, tool);
          break;
        case 'normal':
          o.style = 'normal';
          break;
        case 'r':
          o.recursive = true;
          break;
        case 'N':
          o.newFile = true;
          break;
        case 'a':
          o.text = true;
          break;
        case 's':
          o.reportIdentical = true;
          break;
        case 'i':
          o.ignoreCase = true;
          break;
        case 'b':
          o.ignoreSpaceChange = true;
          break;
        case 'w':
          o.ignoreAllSpace = true;
          break;
      }
    }
    if (operands.length < 2) return tool.usageError(`missing operand after \`${tool.proc.argv[tool.proc.argv.length - 1]}'`);
    if (operands.length > 2) return tool.usageError(`extra operand \`${operands[2]}'`);
    // The switches as typed (everything that is not one of the two operands), for "diff -r a/x b/x".
    const args = tool.proc.argv.slice(1);
    const rest = [...args];
    for (const op of operands) rest.splice(rest.lastIndexOf(op), 1);
    o.switches = rest.filter((a) => a !== '--').join(' ');
    const differ = new Differ(tool, o, await zoneFor(tool.proc));
    return differ.top(operands[0]!, operands[1]!);
  },
);
