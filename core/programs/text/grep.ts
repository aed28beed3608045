/**
 * grep, egrep and fgrep (GNU grep 2.5.1): print lines matching a pattern.
 * Exit status: 0 a line was selected, 1 none, 2 trouble (even when something matched).
 */
import { SyscallError } from '../../kernel/errno.js';
import type { Process } from '../../kernel/process.js';
import { defineProgram } from '../registry.js';
import { Reader, closeInput, openInput, utf8Length } from '../lib/io.js';
import { escapeLiteral, matchAll, RegexError, translateRegex } from '../lib/regex.js';
import { runTool, type Tool, type ToolSpec } from '../lib/tool.js';

const helpText = (name: string) => `Usage: ${name} [OPTION]... PATTERN [FILE]...
Search for PATTERN in each FILE or standard input.
Example: ${name} -i 'hello world' menu.h main.c

Regexp selection and interpretation:
  -E, --extended-regexp     PATTERN is an extended regular expression
  -F, --fixed-strings       PATTERN is a set of newline-separated strings
  -G, --basic-regexp        PATTERN is a basic regular expression
  -P, --perl-regexp         PATTERN is a Perl regular expression
  -e, --regexp=PATTERN      use PATTERN as a regular expression
  -f, --file=FILE           obtain PATTERN from FILE
  -i, --ignore-case         ignore case distinctions
  -w, --word-regexp         force PATTERN to match only whole words
  -x, --line-regexp         force PATTERN to match only whole lines
  -z, --null-data           a data line ends in 0 byte, not newline

Miscellaneous:
  -s, --no-messages         suppress error messages
  -v, --invert-match        select non-matching lines
  -V, --version             print version information and exit
      --help                display this help and exit
      --mmap                use memory-mapped input if possible

Output control:
  -m, --max-count=NUM       stop after NUM matches
  -b, --byte-offset         print the byte offset with output lines
  -n, --line-number         print line number with output lines
      --line-buffered       flush output on every line
  -H, --with-filename       print the filename for each match
  -h, --no-filename         suppress the prefixing filename on output
      --label=LABEL         print LABEL as filename for standard input
  -o, --only-matching       show only the part of a line matching PATTERN
  -q, --quiet, --silent     suppress all normal output
      --binary-files=TYPE   assume that binary files are TYPE
                            TYPE is 'binary', 'text', or 'without-match'
  -a, --text                equivalent to --binary-files=text
  -I                        equivalent to --binary-files=without-match
  -d, --directories=ACTION  how to handle directories
                            ACTION is 'read', 'recurse', or 'skip'
  -D, --devices=ACTION      how to handle devices, FIFOs and sockets
                            ACTION is 'read' or 'skip'
  -R, -r, --recursive       equivalent to --directories=recurse
      --include=PATTERN     files that match PATTERN will be examined
      --exclude=PATTERN     files that match PATTERN will be skipped.
      --exclude-from=FILE   files that match PATTERN in FILE will be skipped.
  -L, --files-without-match only print FILE names containing no match
  -l, --files-with-matches  only print FILE names containing matches
  -c, --count               only print a count of matching lines per FILE
  -Z, --null                print 0 byte after FILE name

Context control:
  -B, --before-context=NUM  print NUM lines of leading context
  -A, --after-context=NUM   print NUM lines of trailing context
  -C, --context=NUM         print NUM lines of output context
  -NUM                      same as --context=NUM
      --color[=WHEN],
      --colour[=WHEN]       use markers to distinguish the matching string
                            WHEN may be \`always', \`never' or \`auto'.
  -U, --binary              do not strip CR characters at EOL (MSDOS)
  -u, --unix-byte-offsets   report offsets as if CRs were not there (MSDOS)

\`egrep' means \`grep -E'.  \`fgrep' means \`grep -F'.
With no FILE, or when FILE is -, read standard input.  If less than
two FILEs given, assume -h.  Exit status is 0 if match, 1 if no match,
and 2 if trouble.

Report bugs to <bug-grep@gnu.org>.
`;

const OPTIONS = [
  { short: 'E', long: 'extended-regexp' },
  { short: 'F', long: 'fixed-strings' },
  { short: 'G', long: 'basic-regexp' },
  { short: 'P', long: 'perl-regexp' },
  { short: 'e', long: 'regexp', arg: 'required' },
  { short: 'f', long: 'file', arg: 'required' },
  { short: 'i', long: 'ignore-case' },
  { short: 'y' },
  { short: 'w', long: 'word-regexp' },
  { short: 'x', long: 'line-regexp' },
  { short: 'z', long: 'null-data' },
  { short: 's', long: 'no-messages' },
  { short: 'v', long: 'invert-match' },
  { short: 'V', key: 'version' },
  { long: 'mmap', key: 'mmap' },
  { short: 'm', long: 'max-count', arg: 'required' },
  { short: 'b', long: 'byte-offset' },
  { short: 'n', long: 'line-number' },
  { long: 'line-buffered', key: 'line-buffered' },
  { short: 'H', long: 'with-filename' },
  { short: 'h', long: 'no-filename' },
  { long: 'label', key: 'label', arg: 'required' },
  { short: 'o', long: 'only-matching' },
  { short: 'q', long: 'quiet' },
  { short: 'q', long: 'silent' },
  { long: 'binary-files', key: 'binary-files', arg: 'required' },
  { short: 'a', long: 'text' },
  { short: 'I' },
  { short: 'd', long: 'directories', arg: 'required' },
  { short: 'D', long: 'devices', arg: 'required' },
  { short: 'r', long: 'recursive' },
  { short: 'R', key: 'r' },
  { long: 'include', key: 'include', arg: 'required' },
  { long: 'exclude', key: 'exclude', arg: 'required' },
  { long: 'exclude-from', key: 'exclude-from', arg: 'required' },
  { short: 'L', long: 'files-without-match' },
  { short: 'l', long: 'files-with-matches' },
  { short: 'c', long: 'count' },
  { short: 'Z', long: 'null' },
  { short: 'B', long: 'before-context', arg: 'required' },
  { short: 'A', long: 'after-context', arg: 'required' },
  { short: 'C', long: 'context', arg: 'required' },
  { long: 'color', key: 'color', arg: 'optional' },
  { long: 'colour', key: 'color', arg: 'optional' },
  { short: 'U', long: 'binary' },
  { short: 'u', long: 'unix-byte-offsets' },
] as const;

type Syntax = 'G' | 'E' | 'F';

/** Line selection for a set of patterns: any pattern may match. */
export class Matcher {
  private readonly res: RegExp[];

  constructor(patterns: string[], syntax: Syntax, opts: { icase: boolean; word: boolean; line: boolean }) {
    this.res = patterns.map((p) => {
      let source = syntax === 'F' ? escapeLiteral(p) : translateRegex(p, { extended: syntax === 'E', dialect: 'grep' }).source;
      if (opts.line) source = `^(?:${source})$`;
      else if (opts.word) source = `(?<![A-Za-z0-9_])(?:${source})(?![A-Za-z0-9_])`;
      try {
        return new RegExp(source, opts.icase ? 'gi' : 'g');
      } catch {
        throw new RegexError('Invalid regular expression');
      }
    });
  }

  test(line: string): boolean {
    return this.res.some((re) => {
      re.lastIndex = 0;
      return re.test(line);
    });
  }

  /** Non-overlapping matches, leftmost first and longest among the patterns (for -o). */
  matches(line: string): { start: number; end: number }[] {
    const all: { start: number; end: number }[] = [];
    for (const re of this.res) for (const m of matchAll(re, line)) all.push({ start: m.index, end: m.index + m[0].length });
    all.sort((a, b) => a.start - b.start || b.end - a.end);
    const out: { start: number; end: number }[] = [];
    let at = 0;
    for (const m of all) {
      if (m.start < at || m.end === m.start) continue;
      out.push(m);
      at = m.end;
    }
    return out;
  }
}

interface Settings {
  invert: boolean;
  count: boolean;
  listMatching: boolean;
  listNonMatching: boolean;
  quiet: boolean;
  noMessages: boolean;
  lineNumbers: boolean;
  byteOffset: boolean;
  only: boolean;
  withFilename: boolean;
  nullAfterName: boolean;
  maxCount: number;
  before: number;
  after: number;
  binary: 'binary' | 'text' | 'without-match';
  directories: 'read' | 'recurse' | 'skip';
  eol: string;
  label: string;
  include: RegExp[];
  exclude: RegExp[];
}

/** Shell glob to RegExp for --include/--exclude (matched against the file's base name). */
function globToRegExp(glob: string): RegExp {
  let s = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') s += '.*';
    else if (c === '?') s += '.';
    else if (c === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close < 0) s += '\\[';
      else {
        s += '[' + glob.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\') + ']';
        i = close;
      }
    } else s += escapeLiteral(c);
  }
  return new RegExp(`^${s}$`);
}

class QuietMatch extends Error {}

class Grep {
  status = 1;
  errors = false;
  private anyPrinted = false;

  constructor(
    readonly tool: Tool,
    readonly matcher: Matcher,
    readonly s: Settings,
  ) {}

  get proc(): Process {
    return this.tool.proc;
  }

  async complain(message: string): Promise<void> {
    this.errors = true;
    if (!this.s.noMessages) await this.tool.warn(message);
  }

  /** One operand: a file, '-', or (with -r) a directory to walk. */
  async operand(name: string, top: boolean): Promise<void> {
    if (name !== '-' && this.s.directories !== 'read') {
      let isDir = false;
      try {
        isDir = this.proc.fs.stat(name).type === 'dir';
      } catch (e) {
        if (!(e instanceof SyscallError)) throw e;
        if (e.code !== 'ENOSYS') {
          await this.complain(`${name}: ${e.message}`);
          return;
        }
      }
      if (isDir) {
        if (this.s.directories === 'skip') return;
        let names: string[];
        try {
          names = this.proc.fs.readdir(name);
        } catch (e) {
          if (!(e instanceof SyscallError)) throw e;
          await this.complain(`${name}: ${e.message}`);
          return;
        }
        for (const entry of names) {
          if (entry === '.' || entry === '..') continue;
          await this.operand(name.endsWith('/') ? name + entry : `${name}/${entry}`, false);
        }
        return;
      }
      if (!top) {
        const base = name.slice(name.lastIndexOf('/') + 1);
        if (this.s.include.length && !this.s.include.some((r) => r.test(base))) return;
        if (this.s.exclude.some((r) => r.test(base))) return;
      }
    }
    let fd: number;
    try {
      fd = openInput(this.proc, name);
    } catch (e) {
      if (!(e instanceof SyscallError)) throw e;
      await this.complain(`${name}: ${e.message}`);
      return;
    }
    try {
      await this.file(fd, name === '-' ? this.s.label : name);
    } catch (e) {
      if (!(e instanceof SyscallError)) throw e;
      await this.complain(`${name}: ${e.message}`);
    } finally {
      closeInput(this.proc, fd);
    }
  }

  private async file(fd: number, display: string): Promise<void> {
    const s = this.s;
    const out = this.tool.out;
    const reader = new Reader(this.proc, fd, out);
    const prefixName = s.withFilename ? display + (s.nullAfterName ? '\0' : '') : '';
    let count = 0;
    let lineNo = 0;
    let offset = 0;
    let afterLeft = 0;
    let lastPrinted = 0;
    const before: { text: string; no: number; offset: number }[] = [];
    const context = s.before > 0 || s.after > 0;
    let binary: boolean | undefined;
    const emit = (text: string, no: number, off: number, sep: ':' | '-') => {
      if (context && this.anyPrinted && (lastPrinted === 0 || no > lastPrinted + 1)) out.put('--\n');
      let prefix = '';
      if (s.withFilename) prefix += prefixName + (s.nullAfterName ? '' : sep);
      if (s.lineNumbers) prefix += `${no}${sep}`;
      if (s.byteOffset) prefix += `${off}${sep}`;
      out.put(prefix + text + s.eol);
      lastPrinted = no;
      this.anyPrinted = true;
    };
    for (let line = await reader.line(s.eol); line; line = await reader.line(s.eol)) {
      lineNo++;
      const lineOffset = offset;
      offset += utf8Length(line.text) + (line.nl ? 1 : 0);
      if (binary === undefined) binary = s.binary !== 'text' && line.text.includes('\0') && s.eol === '\n';
      const selected = this.matcher.test(line.text) !== s.invert;
      if (selected) {
        count++;
        this.status = 0;
        if (s.quiet) throw new QuietMatch();
        if (s.listMatching) break;
        if (s.listNonMatching) break;
        if (binary) {
          if (s.binary === 'without-match') {
            count = 0;
            this.status = 1;
            break;
          }
          if (!s.count) {
            out.put(`Binary file ${display} matches\n`);
            break;
          }
        } else if (!s.count) {
          for (const b of before) emit(b.text, b.no, b.offset, '-');
          before.length = 0;
          if (s.only) {
            if (!s.invert)
              for (const m of this.matcher.matches(line.text)) emit(line.text.slice(m.start, m.end), lineNo, lineOffset + utf8Length(line.text.slice(0, m.start)), ':');
          } else emit(line.text, lineNo, lineOffset, ':');
          afterLeft = s.after;
        }
      } else if (!s.count && !binary && context) {
        if (afterLeft > 0) {
          afterLeft--;
          emit(line.text, lineNo, lineOffset, '-');
        } else if (s.before > 0) {
          before.push({ text: line.text, no: lineNo, offset: lineOffset });
          if (before.length > s.before) before.shift();
        }
      }
      if (count >= s.maxCount && afterLeft === 0) break;
      await out.tick();
    }
    if (s.count) out.put(`${s.withFilename ? prefixName + (s.nullAfterName ? '' : ':') : ''}${count}\n`);
    if (s.listMatching && count > 0) out.put(display + (s.nullAfterName ? '\0' : '\n'));
    if (s.listNonMatching && count === 0) out.put(display + (s.nullAfterName ? '\0' : '\n'));
  }
}

function grepProgram(name: string, fixedSyntax?: Syntax) {
  const spec: ToolSpec = {
    name,
    suite: 'grep',
    help: helpText(name),
    options: OPTIONS.map((o) => ({ ...o })),
    usageStatus: 2,
    usageHint: (n) => `Usage: ${n} [OPTION]... PATTERN [FILE]...\nTry \`${n} --help' for more information.\n`,
  };
  return async (proc: Process): Promise<number> => {
    // "-NUM" is --context=NUM.
    const argv = proc.argv.slice(1).map((a) => (/^-\d+$/.test(a) ? `--context=${a.slice(1)}` : a));
    return runTool(
      proc,
      spec,
      async (tool, { options, operands }) => {
        let syntax: Syntax = fixedSyntax ?? 'G';
        const patterns: string[] = [];
        let patternGiven = false;
        const s: Settings = {
          invert: false,
          count: false,
          listMatching: false,
          listNonMatching: false,
          quiet: false,
          noMessages: false,
          lineNumbers: false,
          byteOffset: false,
          only: false,
          withFilename: false,
          nullAfterName: false,
          maxCount: Infinity,
          before: 0,
          after: 0,
          binary: 'binary',
          directories: 'read',
          eol: '\n',
          label: '(standard input)',
          include: [],
          exclude: [],
        };
        let filenames: boolean | undefined;
        let icase = false;
        let word = false;
        let wholeLine = false;
        const contextNum = async (v: string) => {
          if (!/^\d+$/.test(v)) return tool.fatal(`${v}: invalid context length argument`, 2);
          return Number(v);
        };
        for (const o of options) {
          const v = o.value ?? '';
          switch (o.key) {
            case 'E':
            case 'F':
            case 'G':
              if (fixedSyntax === undefined || fixedSyntax === o.key) syntax = o.key;
              else return tool.fatal('conflicting matchers specified', 2);
              break;
            case 'P':
              return tool.fatal('The -P option is not supported', 2);
            case 'e':
              patterns.push(...v.split('\n'));
              patternGiven = true;
              break;
            case 'f': {
              let text: string;
              try {
                text = await proc.readFile(v);
              } catch (e) {
                if (e instanceof SyscallError) return tool.fatal(`${v}: ${e.message}`, 2);
                throw e;
              }
              if (text !== '') patterns.push(...text.replace(/\n$/, '').split('\n'));
              patternGiven = true;
              break;
            }
            case 'i':
            case 'y':
              icase = true;
              break;
            case 'w':
              word = true;
              break;
            case 'x':
              wholeLine = true;
              break;
            case 'z':
              s.eol = '\0';
              break;
            case 's':
              s.noMessages = true;
              break;
            case 'v':
              s.invert = true;
              break;
            case 'm':
              if (!/^\d+$/.test(v)) return tool.fatal('invalid max count', 2);
              s.maxCount = Number(v);
              break;
            case 'b':
              s.byteOffset = true;
              break;
            case 'n':
              s.lineNumbers = true;
              break;
            case 'H':
              filenames = true;
              break;
            case 'h':
              filenames = false;
              break;
            case 'label':
              s.label = v;
              break;
            case 'o':
              s.only = true;
              break;
            case 'q':
              s.quiet = true;
              break;
            case 'binary-files':
              if (v !== 'binary' && v !== 'text' && v !== 'without-match') return tool.fatal('unknown binary-files type', 2);
              s.binary = v;
              break;
            case 'a':
              s.binary = 'text';
              break;
            case 'I':
              s.binary = 'without-match';
              break;
            case 'd':
              if (v !== 'read' && v !== 'recurse' && v !== 'skip') return tool.fatal('unknown directories method', 2);
              s.directories = v;
              break;
            case 'D':
              if (v !== 'read' && v !== 'skip') return tool.fatal('unknown devices method', 2);
              break;
            case 'r':
              s.directories = 'recurse';
              break;
            case 'include':
              s.include.push(globToRegExp(v));
              break;
            case 'exclude':
              s.exclude.push(globToRegExp(v));
              break;
            case 'exclude-from':
              try {
                for (const g of (await proc.readFile(v)).split('\n').filter(Boolean)) s.exclude.push(globToRegExp(g));
              } catch (e) {
                if (e instanceof SyscallError) return tool.fatal(`${v}: ${e.message}`, 2);
                throw e;
              }
              break;
            case 'L':
              s.listNonMatching = true;
              s.listMatching = false;
              break;
            case 'l':
              s.listMatching = true;
              s.listNonMatching = false;
              break;
            case 'c':
              s.count = true;
              break;
            case 'Z':
              s.nullAfterName = true;
              break;
            case 'A':
              s.after = await contextNum(v);
              break;
            case 'B':
              s.before = await contextNum(v);
              break;
            case 'C':
              s.after = s.before = await contextNum(v);
              break;
            default:
              // --color, --mmap, --line-buffered, -U, -u: accepted, no effect here (colour stays off).
              break;
          }
        }
        const files = [...operands];
        if (!patternGiven) {
          const p = files.shift();
          if (p === undefined) return tool.usage();
          patterns.push(...p.split('\n'));
        }
        let matcher: Matcher;
        try {
          matcher = new Matcher(patterns, syntax, { icase, word, line: wholeLine });
        } catch (e) {
          if (e instanceof RegexError) return tool.fatal(e.message, 2);
          throw e;
        }
        s.withFilename = filenames ?? (files.length > 1 || s.directories === 'recurse');
        const grep = new Grep(tool, matcher, s);
        try {
          // grep 2.5.1 reads standard input when no file is named, even with -r.
          for (const f of files.length ? files : ['-']) await grep.operand(f, true);
        } catch (e) {
          if (e instanceof QuietMatch) return 0;
          throw e;
        }
        return grep.errors ? 2 : grep.status;
      },
      argv,
    );
  };
}

defineProgram({ name: 'grep', main: grepProgram('grep'), options: ['-E', '-F', '-i', '-v', '-c', '-n', '-l', '-r', '-w', '-x', '-o', '-q', '-s', '-e', '-f', '-A', '-B', '-C'] });
defineProgram({ name: 'egrep', main: grepProgram('egrep', 'E') });
defineProgram({ name: 'fgrep', main: grepProgram('fgrep', 'F') });
