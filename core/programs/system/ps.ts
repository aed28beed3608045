/**
 * ps (procps 3.2.3). Arguments are parsed the way procps does it: UNIX (SysV) syntax first, and
 * when that fails a second pass reading every option as BSD, which prints the famous
 * "Warning: bad ps syntax, perhaps a bogus '-'?" (`ps -aux`); when both fail, the first error
 * and the help text. Selection follows select.c's table (default: this user's processes on this
 * terminal), formats come from ps-format.ts, pids from /proc.
 */
import type { Process } from '../../kernel/process.js';
import { zoneFor } from '../files/lib/time.js';
import { Output, WriteFailed } from '../lib/io.js';
import { defineProgram } from '../registry.js';
import { Accounts } from './accounts.js';
import {
  activeColumns,
  layoutLine,
  parseFormatList,
  specNodes,
  unix98Broken,
  type FormatContext,
  type FormatNode,
} from './ps-format.js';
import { BAD_OPEN_MESSAGE, BAD_OPEN_STATUS, ProcUnavailable, readMeminfo, readProcesses, readUptime, type ProcInfo } from './procinfo.js';

export const PS_VERSION = 'procps version 3.2.3';

export const PS_HELP = `********* simple selection *********  ********* selection by list *********
-A all processes                      -C by command name
-N negate selection                   -G by real group ID (supports names)
-a all w/ tty except session leaders  -U by real user ID (supports names)
-d all except session leaders         -g by session OR by effective group name
-e all processes                      -p by process ID
T  all processes on this terminal     -s processes in the sessions given
a  all w/ tty, including other users  -t by tty
g  OBSOLETE -- DO NOT USE             -u by effective user ID (supports names)
r  only running processes             U  processes for specified users
x  processes w/o controlling ttys     t  by tty
*********** output format **********  *********** long options ***********
-o,o user-defined  -f full            --Group --User --pid --cols --ppid
-j,j job control   s  signal          --group --user --sid --rows --info
-O,O preloaded -o  v  virtual memory  --cumulative --format --deselect
-l,l long          u  user-oriented   --sort --tty --forest --version
-F   extra full    X  registers       --heading --no-heading --context
                    ********* misc options *********
-V,V  show version      L  list format codes  f  ASCII art forest
-m,m,-L,-T,H  threads   S  children in sum    -y change -l format
-M,Z  security data     c  true command name  -c scheduling class
-w,w  wide output       n  numeric WCHAN,UID  -H process hierarchy
`;

const BAD_SYNTAX_WARNING = "Warning: bad ps syntax, perhaps a bogus '-'? See http://procps.sf.net/faq.html\n";

/** No line limit when standard output is not a terminal (procps's OUTBUF_SIZE). */
const UNLIMITED_COLS = 163840;

type SelType = 'pid' | 'ppid' | 'pgrp' | 'sess' | 'euid' | 'ruid' | 'rgid' | 'egid' | 'tty' | 'comm';
interface Selection {
  type: SelType;
  values: (number | string)[];
}

type SfCode = 'U_o' | 'B_o' | 'G_format' | 'U_O' | 'B_O' | 'G_sort';
interface SfNode {
  arg: string;
  code: SfCode;
  broken: boolean;
}

/** Simple-selection bits of select.c. */
const SS_U_a = 1;
const SS_U_d = 2;
const SS_B_x = 4;
const SS_B_g = 8;
const SS_B_a = 16;

/** Everything the parser decides. */
class PsArgs {
  allProcesses = false;
  simpleSelect = 0;
  selections: Selection[] = [];
  negate = false;
  runningOnly = false;
  /** Format flags: Uf Ul Uj Bj Bl Bs Bu Bv */
  formatFlags = new Set<string>();
  /** Format modifiers: j (FM_j) F (FM_F) */
  formatModifiers = new Set<string>();
  sf: SfNode[] = [];
  forest: '' | 'b' | 'u' | 'g' = '';
  wCount = 0;
  screenCols: number | undefined;
  screenRows: number | undefined;
  bsdC = false;
  bsdE = false;
  unixF = false;
  numeric = false;
  header: 'default' | 'none' | 'multi' = 'default';
  preferBsd = false;
  notPureUnix = false;
  /** --help / --version / V: print and exit. */
  exclusive: 'help' | 'version' | undefined;
}

/** What the parser needs to resolve names: users, groups and terminals of the caller's system. */
interface ParseEnv {
  accounts: Accounts;
  /** The caller's controlling terminal ("pts/0"), or "" without one. */
  ourTty: string;
  ttyExists(path: string): boolean;
}

class Parser {
  private i = 0;
  private flag = '';
  private pos = 0;
  readonly a = new PsArgs();

  constructor(
    private readonly argv: readonly string[],
    private readonly env: ParseEnv,
    private readonly forceBsd: boolean,
  ) {}

  /** parse_all_options(): undefined on success, else the error text. */
  parse(): string | undefined {
    const a = this.a;
    if (this.forceBsd) {
      a.notPureUnix = true;
      a.preferBsd = true;
    }
    for (this.i = 0; this.i < this.argv.length; this.i++) {
      const arg = this.argv[this.i]!;
      const type = argType(arg);
      if (type !== 'sysv') a.notPureUnix = true;
      let err: string | undefined;
      switch (type) {
        case 'gnu':
          err = this.gnu(arg);
          break;
        case 'sysv':
          if (!this.forceBsd) {
            err = this.sysv(arg);
            break;
          }
          a.preferBsd = true;
          err = this.bsd(arg);
          break;
        case 'bsd':
          a.preferBsd = true;
          err = this.bsd(arg);
          break;
        case 'pid':
          a.preferBsd = true;
          err = this.trailingPids();
          break;
        default:
          return 'Garbage option.';
      }
      if (err) return err;
    }
    return undefined;
  }

  /** get_opt_arg(): the rest of this argument, or the next argument. */
  private optArg(): string | undefined {
    if (this.pos + 1 < this.flag.length) {
      this.a.notPureUnix = true;
      return this.flag.slice(this.pos + 1);
    }
    if (this.i + 1 >= this.argv.length) return undefined;
    if (this.argv[this.i + 1] === '') return undefined;
    return this.argv[++this.i];
  }

  private list(arg: string, type: SelType): string | undefined {
    const parsed = parseList(arg, (item) => this.item(item, type));
    if (typeof parsed === 'string') return parsed;
    this.a.selections.push({ type, values: parsed });
    return undefined;
  }

  private item(item: string, type: SelType): number | string | { error: string } {
    switch (type) {
      case 'pid':
      case 'ppid':
      case 'pgrp':
      case 'sess':
        return parsePid(item);
      case 'euid':
      case 'ruid': {
        if (/^\d+$/.test(item)) return Number(item);
        const u = this.env.accounts.userByName(item);
        return u ? u.uid : { error: 'User name does not exist.' };
      }
      case 'rgid':
      case 'egid': {
        if (/^\d+$/.test(item)) return Number(item);
        const g = this.env.accounts.groupByName(item);
        return g ? g.gid : { error: 'Group name does not exist.' };
      }
      case 'tty':
        return this.tty(item);
      case 'comm':
        return item.slice(0, 15);
    }
  }

  /** parse_tty(): pts/N, N (a pty), ttyN, /dev/..., or "-"/"?" for no terminal. */
  private tty(item: string): string | { error: string } {
    const tryPath = (path: string): string | undefined => (this.env.ttyExists(path) ? path.replace(/^\/dev\//, '') : undefined);
    if (item.startsWith('/')) return tryPath(item) ?? { error: 'TTY could not be found.' };
    for (const p of [`/dev/pts/${item}`, `/dev/${item}`, `/dev/tty${item}`, `/dev/pty${item}`]) {
      const found = tryPath(p);
      if (found !== undefined) return found;
    }
    if (item === '-' || item === '?') return '';
    return { error: 'TTY could not be found.' };
  }

  private sysv(arg: string): string | undefined {
    const a = this.a;
    this.flag = arg;
    for (this.pos = 1; this.pos < arg.length; this.pos++) {
      const c = arg[this.pos]!;
      if (!'aAdefgGlnoptuU'.includes(c)) a.notPureUnix = true;
      let v: string | undefined;
      switch (c) {
        case 'A':
        case 'e':
          a.allProcesses = true;
          break;
        case 'C':
          v = this.optArg();
          if (v === undefined) return 'List of command names must follow -C.';
          return this.list(v, 'comm');
        case 'F':
          a.formatModifiers.add('F');
          a.formatFlags.add('Uf');
          a.unixF = true;
          break;
        case 'G':
          v = this.optArg();
          if (v === undefined) return 'List of real groups must follow -G.';
          return this.list(v, 'rgid');
        case 'H':
          a.forest = 'u';
          break;
        case 'N':
          a.negate = true;
          break;
        case 'O':
          v = this.optArg();
          if (v === undefined) return 'Format or sort specification must follow -O.';
          a.sf.push({ arg: v, code: 'U_O', broken: false });
          return undefined;
        case 'U':
          v = this.optArg();
          if (v === undefined) return 'List of real groups must follow -U.';
          return this.list(v, 'ruid');
        case 'V':
          if (this.argv.length !== 1 || this.argv[0] !== '-V') return 'The -V option is exclusive.';
          a.exclusive = 'version';
          return undefined;
        case 'a':
          a.simpleSelect |= SS_U_a;
          break;
        case 'd':
          a.simpleSelect |= SS_U_d;
          break;
        case 'f':
          a.formatFlags.add('Uf');
          a.unixF = true;
          break;
        case 'g':
          v = this.optArg();
          if (v === undefined) return 'List of session leaders OR effective group names must follow -g.';
          if (!this.list(v, 'sess')) return undefined;
          if (!this.list(v, 'egid')) return undefined;
          return 'List of session leaders OR effective group IDs was invalid.';
        case 'j':
          a.formatModifiers.add('j');
          break;
        case 'l':
          a.formatFlags.add('Ul');
          break;
        case 'o':
          v = this.optArg();
          if (v === undefined) return 'Format specification must follow -o.';
          {
            const broken = unix98Broken(v);
            if (!broken) a.notPureUnix = true;
            a.sf.push({ arg: v, code: 'U_o', broken });
          }
          return undefined;
        case 'p':
          v = this.optArg();
          if (v === undefined) return 'List of process IDs must follow -p.';
          return this.list(v, 'pid');
        case 's':
          v = this.optArg();
          if (v === undefined) return 'List of session IDs must follow -s.';
          return this.list(v, 'sess');
        case 't':
          v = this.optArg();
          if (v === undefined) return 'List of terminals (pty, tty...) must follow -t.';
          return this.list(v, 'tty');
        case 'u':
          v = this.optArg();
          if (v === undefined) return 'List of users must follow -u.';
          return this.list(v, 'euid');
        case 'w':
          a.wCount++;
          break;
        case 'x':
          return 'Must set personality to get -x option.';
        case 'y':
          a.formatModifiers.add('y');
          break;
        case 'c':
        case 'L':
        case 'M':
        case 'm':
        case 'P':
        case 'T':
        case 'Z':
          // Scheduling class, threads and security labels: accepted, no effect on this kernel.
          break;
        case '-':
          return "Embedded '-' among SysV options makes no sense.";
        default:
          return 'Unsupported SysV option.';
      }
    }
    return undefined;
  }

  private bsd(arg: string): string | undefined {
    const a = this.a;
    if (!arg.startsWith('-')) {
      if (this.forceBsd) return '2nd chance parse failed, not BSD or SysV.';
      this.flag = ' ' + arg;
    } else this.flag = arg;
    for (this.pos = 1; this.pos < this.flag.length; this.pos++) {
      const c = this.flag[this.pos]!;
      let v: string | undefined;
      if (c >= '0' && c <= '9') return this.list(this.flag.slice(this.pos), 'pid');
      switch (c) {
        case 'O':
          v = this.optArg();
          if (v === undefined) return 'Format or sort specification must follow O.';
          a.sf.push({ arg: v, code: 'B_O', broken: false });
          return undefined;
        case 'S':
          break;
        case 'T':
          a.selections.push({ type: 'tty', values: [this.env.ourTty] });
          break;
        case 'U':
          v = this.optArg();
          if (v === undefined) return 'List of users must follow U.';
          return this.list(v, 'euid');
        case 'V':
          if (this.argv.length !== 1 || this.argv[0] !== 'V') return 'The V option is exclusive.';
          a.exclusive = 'version';
          return undefined;
        case 'W':
          return 'Obsolete W option not supported. (You have a /dev/drum?)';
        case 'a':
          a.simpleSelect |= SS_B_a;
          break;
        case 'c':
          a.bsdC = true;
          break;
        case 'e':
          a.bsdE = true;
          break;
        case 'f':
          a.forest = 'b';
          break;
        case 'g':
          a.simpleSelect |= SS_B_g;
          break;
        case 'h':
          if (a.header !== 'default') return 'Only one heading option may be specified.';
          a.header = 'none';
          break;
        case 'j':
          a.formatFlags.add('Bj');
          break;
        case 'k':
          v = this.optArg();
          if (v === undefined) return "Long sort specification must follow 'k'.";
          a.sf.push({ arg: v, code: 'G_sort', broken: false });
          return undefined;
        case 'l':
          a.formatFlags.add('Bl');
          break;
        case 'n':
          a.numeric = true;
          break;
        case 'o':
          v = this.optArg();
          if (v === undefined) return 'Format specification must follow o.';
          a.sf.push({ arg: v, code: 'B_o', broken: false });
          return undefined;
        case 'p':
          v = this.optArg();
          if (v === undefined) return 'List of process IDs must follow p.';
          return this.list(v, 'pid');
        case 'r':
          a.runningOnly = true;
          break;
        case 's':
          a.formatFlags.add('Bs');
          break;
        case 't':
          v = this.optArg();
          if (v === undefined) {
            a.selections.push({ type: 'tty', values: [this.env.ourTty] });
            return undefined;
          }
          return this.list(v, 'tty');
        case 'u':
          a.formatFlags.add('Bu');
          break;
        case 'v':
          a.formatFlags.add('Bv');
          break;
        case 'w':
          a.wCount++;
          break;
        case 'x':
          a.simpleSelect |= SS_B_x;
          break;
        case 'H':
        case 'L':
        case 'm':
        case 'M':
        case 'X':
        case 'Z':
          break;
        case '-':
          return "Embedded '-' among BSD options makes no sense.";
        default:
          return 'Unsupported option (BSD syntax)';
      }
    }
    return undefined;
  }

  private gnu(arg: string): string | undefined {
    const a = this.a;
    const body = arg.slice(2);
    const nameLen = body.search(/[:=]|$/);
    const name = body.slice(0, nameLen);
    const attached = body.slice(nameLen);
    const takeArg = (): string | undefined => {
      if (attached !== '') return attached.length > 1 ? attached.slice(1) : undefined;
      if (this.i + 1 >= this.argv.length || this.argv[this.i + 1] === '') return undefined;
      return this.argv[++this.i];
    };
    const noArg = (msg: string) => (attached !== '' ? msg : undefined);
    switch (name) {
      case 'Group': {
        const v = takeArg();
        return v === undefined ? 'List of real groups must follow --Group.' : this.list(v, 'rgid');
      }
      case 'User': {
        const v = takeArg();
        return v === undefined ? 'List of real users must follow --User.' : this.list(v, 'ruid');
      }
      case 'cols':
      case 'columns':
      case 'width': {
        const v = takeArg();
        if (v !== undefined && /^\d+$/.test(v) && Number(v) > 0) {
          a.screenCols = Number(v);
          return undefined;
        }
        return 'Number of columns must follow --cols, --width, or --columns.';
      }
      case 'cumulative':
        return noArg('Option --cumulative does not take an argument.');
      case 'deselect':
        a.negate = true;
        return noArg('Option --deselect does not take an argument.');
      case 'forest':
        a.forest = 'g';
        return noArg('Option --forest does not take an argument.');
      case 'format': {
        const v = takeArg();
        if (v === undefined) return 'Format specification must follow --format.';
        a.sf.push({ arg: v, code: 'G_format', broken: false });
        return undefined;
      }
      case 'group': {
        const v = takeArg();
        return v === undefined ? 'List of effective groups must follow --group.' : this.list(v, 'egid');
      }
      case 'header':
      case 'headers':
      case 'heading':
      case 'headings':
        if (attached) return 'Option --heading does not take an argument.';
        if (a.header !== 'default') return 'Only one heading option may be specified.';
        a.header = 'multi';
        return undefined;
      case 'no-header':
      case 'no-headers':
      case 'no-heading':
      case 'no-headings':
      case 'noheader':
      case 'noheaders':
      case 'noheading':
      case 'noheadings':
        if (attached) return 'Option --no-heading does not take an argument.';
        if (a.header !== 'default') return 'Only one heading option may be specified.';
        a.header = 'none';
        return undefined;
      case 'help':
        if (this.argv.length !== 1) return 'The --help option is exclusive.';
        a.exclusive = 'help';
        return undefined;
      case 'version':
        if (this.argv.length !== 1) return 'The --version option is exclusive.';
        a.exclusive = 'version';
        return undefined;
      case 'pid': {
        const v = takeArg();
        return v === undefined ? 'List of process IDs must follow --pid.' : this.list(v, 'pid');
      }
      case 'ppid': {
        const v = takeArg();
        return v === undefined ? 'List of process IDs must follow --ppid.' : this.list(v, 'ppid');
      }
      case 'rows':
      case 'lines': {
        const v = takeArg();
        if (v !== undefined && /^\d+$/.test(v) && Number(v) > 0) {
          a.screenRows = Number(v);
          return undefined;
        }
        return 'Number of rows must follow --rows or --lines.';
      }
      case 'sid': {
        const v = takeArg();
        return v === undefined ? 'Some sid thing(s) must follow --sid.' : this.list(v, 'sess');
      }
      case 'sort': {
        const v = takeArg();
        if (v === undefined) return 'Long sort specification must follow --sort.';
        a.sf.push({ arg: v, code: 'G_sort', broken: false });
        return undefined;
      }
      case 'tty': {
        const v = takeArg();
        return v === undefined ? 'List of ttys must follow --tty.' : this.list(v, 'tty');
      }
      case 'user': {
        const v = takeArg();
        return v === undefined ? 'List of effective users must follow --user.' : this.list(v, 'euid');
      }
      default:
        return 'Unknown gnu long option.';
    }
  }

  /** Trailing numbers: pids, -pgrp, +session. */
  private trailingPids(): string | undefined {
    const pids: number[] = [];
    const grps: number[] = [];
    const sids: number[] = [];
    for (; this.i < this.argv.length; this.i++) {
      const arg = this.argv[this.i]!;
      const target = arg.startsWith('-') ? grps : arg.startsWith('+') ? sids : pids;
      const v = parsePid(/^[-+]/.test(arg) ? arg.slice(1) : arg);
      if (typeof v !== 'number') return v.error;
      target.push(v);
    }
    if (pids.length) this.a.selections.push({ type: 'pid', values: pids });
    if (grps.length) this.a.selections.push({ type: 'pgrp', values: grps });
    if (sids.length) this.a.selections.push({ type: 'sess', values: sids });
    return undefined;
  }
}

function argType(arg: string): 'bsd' | 'pid' | 'sysv' | 'gnu' | 'fail' {
  const c0 = arg[0] ?? '';
  if (/[a-zA-Z]/.test(c0)) return 'bsd';
  if (/[0-9]/.test(c0) || c0 === '+') return 'pid';
  if (c0 !== '-') return 'fail';
  const c1 = arg[1] ?? '';
  if (/[a-zA-Z]/.test(c1)) return 'sysv';
  if (/[0-9]/.test(c1)) return 'pid';
  if (c1 !== '-') return 'fail';
  return /[a-zA-Z]/.test(arg[2] ?? '') ? 'gnu' : 'fail';
}

function parsePid(text: string): number | { error: string } {
  const n = /^0x[0-9a-f]+$/i.test(text) ? parseInt(text, 16) : /^0[0-7]*$/.test(text) ? parseInt(text || '0', 8) : /^\d+$/.test(text) ? Number(text) : NaN;
  if (Number.isNaN(n)) return { error: 'Process ID list syntax error.' };
  if (n < 1 || n > 0x7fffffff) return { error: 'Process ID out of range.' };
  return n;
}

/** parse_list(): items separated by commas or blanks, each parsed by `item`. */
function parseList(arg: string, item: (s: string) => number | string | { error: string }): (number | string)[] | string {
  const parts = arg.split(/[ ,\t]/);
  if (parts.some((p) => p === '')) return 'Improper list.';
  const out: (number | string)[] = [];
  for (const p of parts) {
    const v = item(p);
    if (typeof v === 'object') return v.error;
    out.push(v);
  }
  return out;
}

interface SortKey {
  node: FormatNode;
  reverse: boolean;
}

/** The decided output: columns, sort order, and line width. */
interface Plan {
  nodes: FormatNode[];
  sort: SortKey[];
}

/** process_sf_options() and the SysV list generator: the columns to print. */
function planFormat(a: PsArgs): Plan | string {
  let formatNodes: FormatNode[] | undefined;
  let sort: SortKey[] = [];
  let parsedSort = false;
  for (const sf of a.sf) {
    switch (sf.code) {
      case 'U_o':
      case 'B_o':
      case 'G_format': {
        const r = parseFormatList(sf.arg, sf.code === 'U_o' && sf.broken && !a.notPureUnix);
        if (typeof r === 'string') return r;
        formatNodes = [...(formatNodes ?? []), ...r];
        break;
      }
      case 'U_O':
      case 'B_O': {
        if (formatNodes) return sf.code === 'U_O' ? 'option -O can not follow other format options.' : 'option O is neither first format nor sort order.';
        const r = parseFormatList(sf.arg);
        if (typeof r === 'string') return r;
        const trailer = sf.code === 'B_O' ? 'state,tname,cputime,comm' : 'state,tname,time,command';
        formatNodes = [...specNodes('pid')!, ...r, ...trailer.split(',').flatMap((n) => specNodes(n)!)];
        break;
      }
      case 'G_sort': {
        if (parsedSort) return 'Multiple sort options.';
        parsedSort = true;
        const keys: SortKey[] = [];
        for (const raw of sf.arg.split(',')) {
          if (raw === '') return 'Improper sort list';
          const reverse = raw.startsWith('-');
          const name = raw.replace(/^[-+]/, '');
          const node = specNodes(name);
          if (!node || node.length !== 1) return 'Unknown sort specifier.';
          keys.push({ node: node[0]!, reverse });
        }
        sort = keys;
        break;
      }
    }
  }
  if (formatNodes) {
    if (a.formatFlags.size) return 'Conflicting format options.';
    if (a.formatModifiers.has('j') || a.formatModifiers.has('F') || a.formatModifiers.has('y')) return "Can't use output modifiers with user-defined output";
    return { nodes: formatNodes, sort };
  }
  const flags = [...a.formatFlags].sort().join('|');
  let spec: string | undefined;
  switch (flags) {
    case '':
    case 'Uf':
    case 'Ul':
    case 'Uf|Ul':
      spec = undefined;
      break;
    case 'Bj':
      spec = 'OL_j';
      break;
    case 'Bl':
      spec = 'OL_l';
      break;
    case 'Bs':
      spec = 'pid,tname,stat,bsdtime,args';
      break;
    case 'Bu':
      spec = 'OL_u';
      break;
    case 'Bv':
      spec = 'OL_v';
      break;
    default:
      return 'Conflicting format options.';
  }
  const names = spec ? [spec] : sysvList(a);
  if (typeof names === 'string') return names;
  const nodes = names.flatMap((n) => specNodes(n)!);
  if (a.formatModifiers.has('j') && spec) {
    const at = Math.max(nodes.findIndex((n) => n.head === 'PPID'), nodes.findIndex((n) => n.head === 'PID'));
    nodes.splice(at + 1, 0, ...specNodes('pgid')!, ...specNodes('sid')!);
  }
  return { nodes, sort };
}

/** generate_sysv_list(): the UNIX default, -f, -l and -j columns. */
function sysvList(a: PsArgs): string[] | string {
  const f = a.formatFlags.has('Uf');
  const l = a.formatFlags.has('Ul');
  const y = a.formatModifiers.has('y');
  if (y && !l) return 'Modifier -y without format -l makes no sense.';
  const list: string[] = [];
  if (l) list.push(...(y ? [] : ['f']), 's');
  if (f) list.push('uid_hack');
  else if (l) list.push('uid');
  list.push('pid');
  if (f || l) list.push('ppid');
  if (a.formatModifiers.has('j')) list.push('pgid', 'sid');
  if (f || l) list.push('c');
  if (l) list.push('opri', 'ni');
  if (l) list.push(y ? 'rss' : 'addr_1');
  if (a.formatModifiers.has('F') || l) list.push('sz');
  if (l) list.push('wchan');
  if (a.formatModifiers.has('F') && !(l && y)) list.push('rss', 'psr');
  if (f) list.push('stime');
  list.push('tname');
  if (a.preferBsd) {
    if (!l) list.push('stat');
    list.push('bsdtime', a.formatFlags.size ? 'cmd' : 'args');
  } else list.push('time', f ? 'cmd' : 'ucmd');
  return list;
}

/** select_bits_setup() and want_this_proc(). */
function makeFilter(a: PsArgs, ourEuid: number, ourTty: string): ((p: ProcInfo) => boolean) | string {
  let all = a.allProcesses;
  let bits = 0;
  if (!a.simpleSelect && !a.preferBsd) bits = 0xaa00;
  else {
    const sw = a.simpleSelect & (SS_U_a | SS_U_d) ? a.simpleSelect : a.simpleSelect | SS_B_g;
    switch (sw) {
      case SS_U_a | SS_U_d:
        bits = 0x3f3f;
        break;
      case SS_U_a:
        bits = 0x0303;
        break;
      case SS_U_d:
        bits = 0x3333;
        break;
      case SS_B_g:
        bits = 0x0a0a;
        break;
      case SS_B_g | SS_B_a:
        bits = 0x0f0f;
        break;
      case SS_B_g | SS_B_x:
        bits = 0xaaaa;
        break;
      case SS_B_g | SS_B_x | SS_B_a:
        all = true;
        break;
      default:
        return 'Process selection options conflict.';
    }
  }
  const tableAccept = (p: ProcInfo) => {
    const index = (p.euid === ourEuid ? 1 : 0) | (p.sid === p.pid ? 2 : 0) | (p.tty === '' ? 4 : 0) | (p.tty === ourTty ? 8 : 0);
    return (bits & (1 << index)) !== 0;
  };
  const listed = (p: ProcInfo) =>
    a.selections.some((s) => {
      const v = {
        pid: p.pid,
        ppid: p.ppid,
        pgrp: p.pgid,
        sess: p.sid,
        euid: p.euid,
        ruid: p.uid,
        rgid: p.gid,
        egid: p.egid,
        tty: p.tty,
        comm: p.comm.slice(0, 15),
      }[s.type];
      return s.values.includes(v);
    });
  return (p) => {
    let ok = all || ((a.simpleSelect !== 0 || a.selections.length === 0) && tableAccept(p)) || listed(p);
    if (a.runningOnly && p.state !== 'R' && p.state !== 'D') ok = false;
    return a.negate ? !ok : ok;
  };
}

/** Parse like arg_parse(): UNIX first, then everything as BSD. */
export function parsePsArgs(argv: readonly string[], env: ParseEnv): { args: PsArgs; plan: Plan; warning: boolean } | { error: string } {
  const first = new Parser(argv, env, false);
  let err = first.parse();
  let plan: Plan | string | undefined;
  if (!err) {
    plan = planFormat(first.a);
    if (typeof plan === 'string') err = plan;
    else {
      const f = makeFilter(first.a, 0, '');
      if (typeof f === 'string') err = f;
      else return { args: first.a, plan, warning: false };
    }
  }
  const second = new Parser(argv, env, true);
  const err2 = second.parse();
  if (err2) return { error: err! };
  const plan2 = planFormat(second.a);
  if (typeof plan2 === 'string') return { error: err! };
  const f2 = makeFilter(second.a, 0, '');
  if (typeof f2 === 'string') return { error: err! };
  return { args: second.a, plan: plan2, warning: true };
}

function compareValues(a: number | string, b: number | string): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

/** The forest: each tree from its root, children indented with " \_ " (BSD f) or two spaces (-H). */
function forestOrder(procs: ProcInfo[], type: 'b' | 'u' | 'g'): { p: ProcInfo; prefix: string }[] {
  // Sort by ppid, then start time (procps's prep_forest_sort), then walk trees as show_forest does.
  const sorted = [...procs].sort((x, y) => x.ppid - y.ppid || x.startMs - y.startMs || x.pid - y.pid);
  const out: { p: ProcInfo; prefix: string }[] = [];
  const art = (prefix: string): string => {
    let s = '';
    for (const ch of prefix) {
      if (type === 'u') s += '  ';
      else s += ch === ' ' ? '    ' : ch === '|' ? ' |  ' : ' \\_ ';
    }
    return s;
  };
  const n = sorted.length;
  let prefix: string[] = [];
  const showTree = (self: number, level: number, haveSibling: boolean) => {
    if (level) {
      prefix[level - 1] = haveSibling ? '+' : 'L';
      prefix.length = level;
    }
    out.push({ p: sorted[self]!, prefix: art(prefix.join('')) });
    let i = 0;
    while (i < n && sorted[i]!.ppid !== sorted[self]!.pid) i++;
    if (i >= n) return;
    if (level) {
      prefix[level - 1] = haveSibling ? '|' : ' ';
      prefix.length = level;
    }
    for (;;) {
      if (i >= n) break;
      const selfPid = sorted[self]!.pid;
      const more = i + 1 < n && sorted[i + 1]!.ppid === selfPid;
      if (selfPid === 1 && type !== 'u') showTree(i++, level, more);
      else showTree(i++, level + 1, more);
      if (!more) break;
    }
    prefix.length = level;
  };
  for (let i = n - 1; i >= 0; i--) {
    if (sorted.some((q) => q.pid === sorted[i]!.ppid)) continue;
    prefix = [];
    showTree(i, 0, false);
  }
  return out;
}

async function psMain(proc: Process): Promise<number> {
  const out = new Output(proc);
  const args = proc.argv.slice(1);
  try {
    const accounts = await Accounts.load(proc);
    const ourTty = proc.task.tty?.name ?? '';
    const env: ParseEnv = {
      accounts,
      ourTty,
      ttyExists: (path) => {
        try {
          const st = proc.fs.stat(path);
          return st.type === 'chardev';
        } catch {
          return false;
        }
      },
    };
    const parsed = parsePsArgs(args, env);
    if ('error' in parsed) {
      await proc.err(`ERROR: ${parsed.error}\n${PS_HELP}`);
      return 1;
    }
    const { args: a, plan, warning } = parsed;
    if (a.exclusive === 'help') {
      out.put(PS_HELP);
      await out.flush();
      return 0;
    }
    if (a.exclusive === 'version') {
      out.put(`${PS_VERSION}\n`);
      await out.flush();
      return 0;
    }
    if (warning) await proc.err(BAD_SYNTAX_WARNING);

    // Screen size (set_screen_size and choose_dimensions).
    const tty = proc.ttyOf(1);
    let cols = tty ? tty.cols : 80;
    let rows = tty ? tty.rows : 24;
    if (!tty) cols = UNLIMITED_COLS;
    const envCols = Number(proc.env.COLUMNS);
    if (/^\d+$/.test(proc.env.COLUMNS ?? '') && envCols > 0) cols = envCols;
    if (/^\d+$/.test(proc.env.LINES ?? '') && Number(proc.env.LINES) > 0) rows = Number(proc.env.LINES);
    if (a.screenCols) cols = a.screenCols;
    if (a.screenRows) rows = a.screenRows;
    if (a.wCount && cols < 132) cols = 132;
    if (a.wCount > 1) cols = UNLIMITED_COLS;

    await readUptime(proc); // procps reads /proc/uptime first: no /proc, no ps
    const mem = await readMeminfo(proc);
    const filter = makeFilter(a, proc.task.cred.euid, ourTty) as (p: ProcInfo) => boolean;
    let procs = readProcesses(proc, accounts).filter(filter);

    const ctx: FormatContext = {
      memTotalKb: mem.total,
      now: proc.time(),
      zone: await zoneFor(proc),
      bsdC: a.bsdC,
      bsdE: a.bsdE,
      unixF: a.unixF,
      numeric: a.numeric,
      forestPrefix: '',
    };
    const nodes = plan.nodes;
    const active = activeColumns(nodes, cols);
    const userIsNumber = a.numeric;
    const showHeader = a.header !== 'none' && nodes.some((n) => n.head !== '');
    const headerGap = a.header === 'multi' ? rows - 1 : -1;

    let rowsOut: { p: ProcInfo; prefix: string }[];
    if (plan.sort.length > 0) {
      const keyOf = (k: SortKey, p: ProcInfo) => (k.node.spec.key ? k.node.spec.key(p, ctx) : k.node.spec.pr(p, ctx));
      procs = [...procs].sort((x, y) => {
        for (const k of plan.sort) {
          const r = compareValues(keyOf(k, x), keyOf(k, y));
          if (r) return k.reverse ? -r : r;
        }
        return 0;
      });
    }
    if (a.forest) rowsOut = forestOrder(procs, a.forest);
    else rowsOut = procs.map((p) => ({ p, prefix: '' }));

    const header = layoutLine(
      nodes,
      nodes.map((n) => n.head),
      active,
      { userIsNumber },
    );
    let sinceHeader = 0;
    if (showHeader) out.put(header + '\n');
    for (const { p, prefix } of rowsOut) {
      if (showHeader && headerGap > 0 && sinceHeader === headerGap) {
        out.put(header + '\n');
        sinceHeader = 0;
      }
      const c = { ...ctx, forestPrefix: prefix };
      const cells = nodes.map((n) => n.spec.pr(p, c));
      const numeric = nodes.map((n) => n.spec.numeric?.(p));
      out.put(layoutLine(nodes, cells, active, { userIsNumber, numeric }) + '\n');
      sinceHeader++;
      await out.tick();
    }
    await out.flush();
    return rowsOut.length === 0 ? 1 : 0;
  } catch (e) {
    if (e instanceof ProcUnavailable) {
      await out.flush().catch(() => {});
      await proc.err(BAD_OPEN_MESSAGE);
      return BAD_OPEN_STATUS;
    }
    if (e instanceof WriteFailed) return 1;
    throw e;
  }
}

defineProgram({
  name: 'ps',
  main: psMain,
  vszKb: 2116,
  rssKb: 744,
  options: ['aux', 'auxw', 'ax', '-e', '-ef', '-f', '-l', '-o', '-p', '-u', '-C', '--forest', '--sort', '--help', '--version'],
});
