/**
 * find (GNU findutils 4.1.20): paths, an expression of tests, actions and operators with the
 * usual precedence (! > implicit -a > -o > ,), the default -print, -prune/-depth/-maxdepth/
 * -mindepth/-xdev/-follow, -exec/-ok, -ls and -printf. Extensions of later findutils that the
 * labs use: `-exec … {} +` and -delete.
 */
import { searchPath } from '../lib/search-path.js';
import type { FileStat } from '../../kernel/fs-calls.js';
import type { Process } from '../../kernel/process.js';
import { defineProgram } from '../registry.js';
import { Output } from '../lib/io.js';
import { baseOf, humanReadable, modeString, why } from './lib/format.js';
import { fnmatch } from './lib/fnmatch.js';
import { applyMode, compileMode } from './lib/modes.js';
import { yesno } from './lib/program.js';
import { localTime, strftime, zoneFor, type Zone } from './lib/time.js';
import { UserDb } from './lib/users.js';

const DAYSECS = 86400;

type Cmp = 'gt' | 'lt' | 'eq';

interface Ctx {
  path: string;
  st: FileStat;
  depth: number;
  /** Set by -prune: do not descend. */
  prune: boolean;
  /** The starting point this file was found under (for %P, %H). */
  start: string;
}

type Node =
  | { kind: 'and' | 'or' | 'comma'; left: Node; right: Node }
  | { kind: 'not'; expr: Node }
  | { kind: 'pred'; name: string; action: boolean; test: (ctx: Ctx) => boolean | Promise<boolean> };

class FindError extends Error {
  constructor(
    message: string,
    readonly usage = false,
  ) {
    super(message);
  }
}

interface Globals {
  depthFirst: boolean;
  maxdepth: number;
  mindepth: number;
  xdev: boolean;
  follow: boolean;
  curDayStart: number;
  fullDays: boolean;
}

/** The state a find run carries. */
class Finder {
  readonly out: Output;
  status = 0;
  readonly batches: { argv: string[]; at: number[]; paths: string[] }[] = [];
  users: UserDb;

  constructor(
    readonly proc: Process,
    readonly g: Globals,
    readonly zone: Zone,
    readonly now: number,
  ) {
    this.out = new Output(proc);
    this.users = new UserDb(proc);
  }

  async warn(message: string): Promise<void> {
    await this.out.flush();
    await this.proc.err(`${this.proc.argv[0] ?? 'find'}: ${message}\n`);
  }

  /** execvp(): the program for a command name, through PATH; a path must itself be executable. */
  lookup(name: string): string | undefined {
    const found = searchPath(this.proc, name);
    if (found === undefined || !name.includes('/')) return found;
    try {
      if (this.proc.fs.stat(name).type === 'dir') return undefined;
      this.proc.fs.access(name, 1);
      return name;
    } catch {
      return undefined;
    }
  }

  /** Run a command as -exec does: true when it exits 0. */
  async launch(argv: string[]): Promise<boolean> {
    await this.out.flush();
    const path = this.lookup(argv[0]!);
    if (!path) {
      await this.warn(`${argv[0]}: No such file or directory`);
      return false;
    }
    let pid: number;
    try {
      pid = this.proc.spawn(path, argv, this.proc.env);
    } catch (e) {
      await this.warn(`cannot fork: ${why(e)}`);
      this.status = 1;
      return false;
    }
    const s = await this.proc.waitStatus(pid);
    if (s.kind === 'signaled') {
      await this.warn(`${argv[0]} terminated by signal ${s.signal}`);
      this.status = 1;
      return false;
    }
    return s.kind === 'exited' && s.code === 0;
  }

  async flushBatches(): Promise<void> {
    for (const b of this.batches) {
      while (b.paths.length) {
        const take = b.paths.splice(0, 1000);
        const argv = [...b.argv.slice(0, b.at[0]), ...take, ...b.argv.slice(b.at[0]! + 1)];
        if (!(await this.launch(argv))) this.status = 1;
      }
    }
  }
}

// ----- parsing ------------------------------------------------------------------------------------

function parseNum(text: string | undefined): { cmp: Cmp; n: number } | undefined {
  if (text === undefined) return undefined;
  let cmp: Cmp = 'eq';
  let s = text;
  if (s.startsWith('+')) {
    cmp = 'gt';
    s = s.slice(1);
  } else if (s.startsWith('-')) {
    cmp = 'lt';
    s = s.slice(1);
  }
  if (!/^\d+$/.test(s)) return undefined;
  return { cmp, n: Number(s) };
}

function compare(cmp: Cmp, value: number, n: number): boolean {
  return cmp === 'gt' ? value > n : cmp === 'lt' ? value < n : value === n;
}

const TYPE_LETTERS: Record<string, FileStat['type']> = { b: 'blockdev', c: 'chardev', d: 'dir', p: 'fifo', f: 'file', l: 'symlink', s: 'socket' };

class Parser {
  i = 0;
  hasAction = false;
  /** -user/-group look names up asynchronously, after parsing. */
  readonly lookups: (() => Promise<void>)[] = [];

  constructor(
    readonly args: string[],
    readonly f: Finder,
    readonly g: Globals,
  ) {}

  private peek(): string | undefined {
    return this.args[this.i];
  }

  parse(): Node | undefined {
    if (this.i >= this.args.length) return undefined;
    const node = this.comma();
    if (this.i < this.args.length) {
      const t = this.args[this.i]!;
      if (t === ')') throw new FindError('invalid expression');
      throw new FindError('invalid expression');
    }
    return node;
  }

  private comma(): Node {
    let left = this.or();
    while (this.peek() === ',') {
      this.i++;
      if (this.i >= this.args.length) throw new FindError('invalid expression');
      left = { kind: 'comma', left, right: this.or() };
    }
    return left;
  }

  private or(): Node {
    let left = this.and();
    while (this.peek() === '-o' || this.peek() === '-or') {
      this.i++;
      if (this.i >= this.args.length || [')', ',', '-o', '-or', '-a', '-and'].includes(this.peek()!)) throw new FindError('invalid expression');
      left = { kind: 'or', left, right: this.and() };
    }
    return left;
  }

  private and(): Node {
    let left = this.unary();
    for (;;) {
      const t = this.peek();
      if (t === undefined || t === ')' || t === ',' || t === '-o' || t === '-or') break;
      if (t === '-a' || t === '-and') {
        this.i++;
        const n = this.peek();
        if (n === undefined || [')', ',', '-o', '-or', '-a', '-and'].includes(n)) throw new FindError('invalid expression');
      }
      left = { kind: 'and', left, right: this.unary() };
    }
    return left;
  }

  private unary(): Node {
    const t = this.peek();
    if (t === undefined) throw new FindError('invalid expression');
    if (t === '!' || t === '-not') {
      this.i++;
      const n = this.peek();
      if (n === undefined || [')', ',', '-o', '-or', '-a', '-and'].includes(n)) throw new FindError('invalid expression');
      return { kind: 'not', expr: this.unary() };
    }
    if (t === '(') {
      this.i++;
      if (this.peek() === ')' || this.peek() === undefined) throw new FindError('invalid expression');
      const e = this.comma();
      if (this.peek() !== ')') throw new FindError('invalid expression');
      this.i++;
      return e;
    }
    if (t === ')' || t === '-o' || t === '-or' || t === '-a' || t === '-and' || t === ',') throw new FindError('invalid expression');
    return this.primary();
  }

  private primary(): Node {
    const name = this.args[this.i++]!;
    if (!'-!(),'.includes(name[0] ?? 'x')) throw new FindError('paths must precede expression', true);
    const f = this.f;
    const g = this.g;
    const arg = (): string => {
      const a = this.args[this.i];
      if (a === undefined) throw new FindError(`missing argument to \`${name}'`);
      this.i++;
      return a;
    };
    const bad = (a: string): never => {
      throw new FindError(`invalid argument \`${a}' to \`${name}'`);
    };
    const pred = (test: (ctx: Ctx) => boolean | Promise<boolean>, action = false): Node => {
      if (action) this.hasAction = true;
      return { kind: 'pred', name, action, test };
    };
    const True = pred(() => true);
    switch (name) {
      // ----- options (they apply globally and are true) -----
      case '-depth':
        g.depthFirst = false;
        return True;
      case '-maxdepth':
      case '-mindepth': {
        const a = arg();
        if (!/^\d+$/.test(a)) bad(a);
        if (name === '-maxdepth') g.maxdepth = Number(a);
        else g.mindepth = Number(a);
        return True;
      }
      case '-xdev':
      case '-mount':
        g.xdev = true;
        return True;
      case '-follow':
        g.follow = true;
        return True;
      case '-noleaf':
        return True;
      case '-daystart':
        if (!g.fullDays) {
          const t = localTime(g.curDayStart + DAYSECS, f.zone);
          g.curDayStart = g.curDayStart + DAYSECS - (t.second + t.minute * 60 + t.hour * 3600);
          g.fullDays = true;
        }
        return True;
      case '-help':
      case '--help':
        throw new HelpRequest();
      case '-version':
      case '--version':
        throw new VersionRequest();
      // ----- tests -----
      case '-true':
        return True;
      case '-false':
        return pred(() => false);
      case '-name':
      case '-iname': {
        const p = arg();
        const casefold = name === '-iname';
        return pred((c) => fnmatch(p, baseOf(c.path) || c.path, { period: true, casefold }));
      }
      case '-path':
      case '-ipath': {
        const p = arg();
        const casefold = name === '-ipath';
        return pred((c) => fnmatch(p, c.path, { casefold }));
      }
      case '-regex':
      case '-iregex': {
        const p = arg();
        let re: RegExp;
        try {
          re = new RegExp(`^(?:${p.replace(/\\([(){}|])/g, '$1')})$`, name === '-iregex' ? 'is' : 's');
        } catch {
          return bad(p);
        }
        return pred((c) => re.test(c.path));
      }
      case '-lname':
      case '-ilname': {
        const p = arg();
        return pred((c) => {
          if (c.st.type !== 'symlink') return false;
          try {
            return fnmatch(p, f.proc.fs.readlink(c.path), { casefold: name === '-ilname' });
          } catch {
            return false;
          }
        });
      }
      case '-type':
      case '-xtype': {
        const a = arg();
        const t = TYPE_LETTERS[a];
        if (a.length !== 1 || !t) bad(a);
        if (name === '-type') return pred((c) => c.st.type === t);
        return pred((c) => {
          let st = c.st;
          try {
            st = g.follow ? f.proc.fs.lstat(c.path) : c.st.type === 'symlink' ? f.proc.fs.stat(c.path) : c.st;
          } catch {
            st = c.st;
          }
          return st.type === t;
        });
      }
      case '-inum':
      case '-links':
      case '-uid':
      case '-gid': {
        const a = arg();
        const n = parseNum(a) ?? bad(a);
        return pred((c) => compare(n.cmp, name === '-inum' ? c.st.ino : name === '-links' ? c.st.nlink : name === '-uid' ? c.st.uid : c.st.gid, n.n));
      }
      case '-size': {
        const a = arg();
        if (a === '') throw new FindError('invalid null argument to -size');
        let blk = 512;
        let s = a;
        const last = a[a.length - 1]!;
        if ('bckw'.includes(last)) {
          blk = { b: 512, c: 1, k: 1024, w: 2 }[last as 'b']!;
          s = a.slice(0, -1);
        } else if (!/[0-9]/.test(last)) throw new FindError(`invalid -size type \`${last}'`);
        const n = parseNum(s) ?? bad(a);
        return pred((c) => compare(n.cmp, Math.ceil(c.st.size / blk), n.n));
      }
      case '-empty':
        return pred((c) => {
          if (c.st.type === 'file') return c.st.size === 0;
          if (c.st.type !== 'dir') return false;
          try {
            return f.proc.fs.readdir(c.path).every((x) => x === '.' || x === '..');
          } catch {
            return false;
          }
        });
      case '-perm': {
        const a = arg();
        const kind = a[0] === '-' ? 'all' : a[0] === '+' ? 'any' : 'exact';
        const text = kind === 'exact' ? a : a.slice(1);
        const changes = compileMode(text, 0, false);
        if (!changes) throw new FindError(`invalid mode \`${a}'`);
        const val = applyMode(0, false, changes) & 0o7777;
        return pred((c) => (kind === 'all' ? (c.st.perm & val) === val : kind === 'any' ? (c.st.perm & val) !== 0 : (c.st.perm & 0o7777) === val));
      }
      case '-user':
      case '-group': {
        const a = arg();
        let id: number | undefined;
        this.lookups.push(async () => {
          if (name === '-user') id = (await f.users.user(a))?.uid;
          else id = await f.users.gid(a);
          if (id === undefined) {
            if (/^\d+$/.test(a)) id = Number(a);
            else throw new FindError(`invalid argument \`${a}' to \`${name}'`);
          }
        });
        return pred((c) => (name === '-user' ? c.st.uid : c.st.gid) === id);
      }
      case '-nouser':
        return pred(async (c) => (await f.users.userName(c.st.uid)) === undefined);
      case '-nogroup':
        return pred(async (c) => (await f.users.groupName(c.st.gid)) === undefined);
      case '-newer':
      case '-anewer':
      case '-cnewer': {
        const a = arg();
        let ref: FileStat;
        try {
          ref = g.follow ? f.proc.fs.stat(a) : f.proc.fs.lstat(a);
        } catch (e) {
          throw new FindError(`${a}: ${why(e)}`);
        }
        const field = name === '-newer' ? 'mtime' : name === '-anewer' ? 'atime' : 'ctime';
        return pred((c) => c.st[field] > ref.mtime);
      }
      case '-mtime':
      case '-atime':
      case '-ctime': {
        const a = arg();
        const n = parseNum(a) ?? bad(a);
        // get_num_days() swaps the senses: +N means "older than".
        const cmp: Cmp = n.cmp === 'gt' ? 'lt' : n.cmp === 'lt' ? 'gt' : 'eq';
        const field = name === '-mtime' ? 'mtime' : name === '-atime' ? 'atime' : 'ctime';
        return pred((c) => {
          const t = g.curDayStart - n.n * DAYSECS + (cmp === 'gt' ? DAYSECS - 1 : 0);
          const v = Math.floor(c.st[field]);
          return cmp === 'gt' ? v > t : cmp === 'lt' ? v < t : v >= t && v < t + DAYSECS;
        });
      }
      case '-mmin':
      case '-amin':
      case '-cmin': {
        const a = arg();
        const n = parseNum(a) ?? bad(a);
        const cmp: Cmp = n.cmp === 'gt' ? 'lt' : n.cmp === 'lt' ? 'gt' : 'eq';
        const field = name === '-mmin' ? 'mtime' : name === '-amin' ? 'atime' : 'ctime';
        return pred((c) => {
          const t = g.curDayStart + DAYSECS - n.n * 60;
          const v = Math.floor(c.st[field]);
          return cmp === 'gt' ? v > t : cmp === 'lt' ? v < t : v >= t && v < t + 60;
        });
      }
      case '-used': {
        const a = arg();
        const n = parseNum(a) ?? bad(a);
        return pred((c) => compare(n.cmp, Math.floor((c.st.atime - c.st.ctime) / DAYSECS), n.n));
      }
      case '-fstype': {
        const a = arg();
        return pred((c) => {
          try {
            return f.proc.fs.statfs(c.path).type === a;
          } catch {
            return false;
          }
        });
      }
      // ----- actions -----
      case '-print':
        return pred((c) => {
          f.out.put(c.path + '\n');
          return true;
        }, true);
      case '-print0':
        return pred((c) => {
          f.out.put(c.path + '\0');
          return true;
        }, true);
      case '-prune':
        return pred((c) => {
          if (g.depthFirst) c.prune = true;
          return true;
        });
      case '-ls':
        return pred(async (c) => {
          f.out.put(await listLine(f, c));
          return true;
        }, true);
      case '-printf': {
        const fmt = arg();
        return pred(async (c) => {
          f.out.put(await printfFormat(f, fmt, c));
          return true;
        }, true);
      }
      case '-delete':
        g.depthFirst = false;
        return pred(async (c) => {
          if (c.path === '.') return true;
          try {
            if (c.st.type === 'dir') f.proc.fs.rmdir(c.path);
            else f.proc.fs.unlink(c.path);
            return true;
          } catch (e) {
            await f.warn(`cannot delete \`${c.path}': ${why(e)}`);
            f.status = 1;
            return false;
          }
        }, true);
      case '-exec':
      case '-ok': {
        const start = this.i;
        let end = start;
        while (end < this.args.length && this.args[end] !== ';' && !(this.args[end] === '+' && this.args[end - 1] === '{}' && name === '-exec')) end++;
        if (end === start || end >= this.args.length) {
          this.i = end;
          throw new FindError(`missing argument to \`${name}'`);
        }
        const vec = this.args.slice(start, end);
        const plus = this.args[end] === '+';
        this.i = end + 1;
        if (plus) {
          const batch = { argv: vec, at: [vec.length - 1], paths: [] as string[] };
          f.batches.push(batch);
          return pred((c) => {
            batch.paths.push(c.path);
            return true;
          }, true);
        }
        return pred(async (c) => {
          const argv = vec.map((a) => a.split('{}').join(c.path));
          if (name === '-ok') {
            await f.out.flush();
            await f.proc.err(`< ${argv.join(' ')} > ? `);
            if (!(await yesno(f.proc))) return false;
          }
          return f.launch(argv);
        }, true);
      }
      default:
        throw new FindError(`invalid predicate \`${name}'`);
    }
  }
}

class HelpRequest extends Error {}
class VersionRequest extends Error {}

async function evaluate(node: Node, ctx: Ctx): Promise<boolean> {
  switch (node.kind) {
    case 'and':
      return (await evaluate(node.left, ctx)) && evaluate(node.right, ctx);
    case 'or':
      return (await evaluate(node.left, ctx)) || evaluate(node.right, ctx);
    case 'comma':
      await evaluate(node.left, ctx);
      return evaluate(node.right, ctx);
    case 'not':
      return !(await evaluate(node.expr, ctx));
    case 'pred':
      return node.test(ctx);
  }
}

/** -ls: the list_file() line of findutils' listfile.c. */
async function listLine(f: Finder, c: Ctx): Promise<string> {
  const st = c.st;
  const user = await f.users.userName(st.uid);
  const group = await f.users.groupName(st.gid);
  let s = `${String(st.ino).padStart(6)} ${humanReadable(st.blocks, {}, 512, 1024).padStart(4)} ${modeString(st.type, st.perm)} ${String(st.nlink).padStart(3)} `;
  s += user !== undefined ? user.slice(0, 8).padEnd(8) + ' ' : String(st.uid).padEnd(8) + ' ';
  s += group !== undefined ? group.slice(0, 8).padEnd(8) + ' ' : String(st.gid).padEnd(8) + ' ';
  if (st.type === 'chardev' || st.type === 'blockdev') s += `${String(st.rdevMajor).padStart(3)}, ${String(st.rdevMinor).padStart(3)} `;
  else s += String(st.size).padStart(8) + ' ';
  const recent = f.now - 6 * 30 * DAYSECS <= st.mtime && st.mtime <= f.now + 3600;
  s += strftime(recent ? '%b %e %H:%M' : '%b %e  %Y', localTime(st.mtime, f.zone)) + ' ';
  s += c.path;
  if (st.type === 'symlink') {
    try {
      s += ' -> ' + f.proc.fs.readlink(c.path);
    } catch {
      // unreadable link
    }
  }
  return s + '\n';
}

/** -printf: the directives of findutils 4.1 that the labs use. */
async function printfFormat(f: Finder, fmt: string, c: Ctx): Promise<string> {
  let out = '';
  const st = c.st;
  for (let i = 0; i < fmt.length; i++) {
    const ch = fmt[i]!;
    if (ch === '\\') {
      const n = fmt[++i];
      const map: Record<string, string> = { n: '\n', t: '\t', '\\': '\\', a: '\x07', b: '\b', f: '\f', r: '\r', v: '\v', '0': '\0' };
      if (n === 'c') return out;
      if (n !== undefined && map[n] !== undefined) out += map[n];
      else {
        await f.warn(`warning: unrecognized escape \`\\${n ?? ''}'`);
        out += '\\' + (n ?? '');
      }
      continue;
    }
    if (ch !== '%') {
      out += ch;
      continue;
    }
    let j = i + 1;
    while (j < fmt.length && '-+ #0123456789.'.includes(fmt[j]!)) j++;
    const flags = fmt.slice(i + 1, j);
    const d = fmt[j];
    i = j;
    const width = Number(/\d+/.exec(flags)?.[0] ?? 0);
    const pad = (v: string | number) => (flags.startsWith('-') ? String(v).padEnd(width) : String(v).padStart(width));
    const time = (t: number, k: string | undefined) => {
      const b = localTime(t, f.zone);
      if (k === undefined) return '';
      if (k === '@') return String(Math.floor(t));
      return strftime(`%${k}`, b);
    };
    switch (d) {
      case '%':
        out += '%';
        break;
      case 'p':
        out += pad(c.path);
        break;
      case 'f':
        out += pad(baseOf(c.path) || c.path);
        break;
      case 'h': {
        const slash = c.path.lastIndexOf('/');
        out += pad(slash < 0 ? '.' : slash === 0 ? '/' : c.path.slice(0, slash));
        break;
      }
      case 'P':
        out += pad(c.path === c.start ? '' : c.path.slice(c.start.length).replace(/^\//, ''));
        break;
      case 'H':
        out += pad(c.start);
        break;
      case 's':
        out += pad(st.size);
        break;
      case 'k':
        out += pad(Math.ceil((st.blocks * 512) / 1024));
        break;
      case 'b':
        out += pad(st.blocks);
        break;
      case 'm':
        out += pad((st.perm & 0o7777).toString(8));
        break;
      case 'M':
        out += pad(modeString(st.type, st.perm));
        break;
      case 'u':
        out += pad((await f.users.userName(st.uid)) ?? st.uid);
        break;
      case 'U':
        out += pad(st.uid);
        break;
      case 'g':
        out += pad((await f.users.groupName(st.gid)) ?? st.gid);
        break;
      case 'G':
        out += pad(st.gid);
        break;
      case 'i':
        out += pad(st.ino);
        break;
      case 'n':
        out += pad(st.nlink);
        break;
      case 'd':
        out += pad(c.depth);
        break;
      case 'y':
        out += pad({ file: 'f', dir: 'd', symlink: 'l', chardev: 'c', blockdev: 'b', fifo: 'p', socket: 's' }[st.type]);
        break;
      case 'l':
        if (st.type === 'symlink') {
          try {
            out += pad(f.proc.fs.readlink(c.path));
          } catch {
            // unreadable
          }
        }
        break;
      case 't':
      case 'a':
      case 'c': {
        const t = d === 't' ? st.mtime : d === 'a' ? st.atime : st.ctime;
        out += pad(strftime('%a %b %e %H:%M:%S %Y', localTime(t, f.zone)));
        break;
      }
      case 'T':
      case 'A':
      case 'C': {
        const t = d === 'T' ? st.mtime : d === 'A' ? st.atime : st.ctime;
        out += pad(time(t, fmt[++i]));
        break;
      }
      case undefined:
        out += '%';
        break;
      default:
        await f.warn(`warning: unrecognized format directive \`%${d}'`);
        out += '%' + d;
    }
  }
  return out;
}

const HELP_TEXT = `Usage: find [path...] [expression]

default path is the current directory; default expression is -print
expression may consist of:
operators (decreasing precedence; -and is implicit where no others are given):
      ( EXPR ) ! EXPR -not EXPR EXPR1 -a EXPR2 EXPR1 -and EXPR2
      EXPR1 -o EXPR2 EXPR1 -or EXPR2 EXPR1 , EXPR2
options (always true): -daystart -depth -follow --help
      -maxdepth LEVELS -mindepth LEVELS -mount -noleaf --version -xdev
tests (N can be +N or -N or N): -amin N -anewer FILE -atime N -cmin N
      -cnewer FILE -ctime N -empty -false -fstype TYPE -gid N -group NAME
      -ilname PATTERN -iname PATTERN -inum N -ipath PATTERN -iregex PATTERN
      -links N -lname PATTERN -mmin N -mtime N -name PATTERN -newer FILE
      -nouser -nogroup -path PATTERN -perm [+-]MODE -regex PATTERN
      -size N[bckw] -true -type [bcdpfls] -uid N -used N -user NAME
      -xtype [bcdpfls]
actions: -exec COMMAND ; -fprint FILE -fprint0 FILE -fprintf FILE FORMAT
      -ok COMMAND ; -print -print0 -printf FORMAT -prune -ls

Report bugs to <bug-findutils@gnu.org>.
`;

defineProgram({
  name: 'find',
  options: ['-name', '-iname', '-type', '-maxdepth', '-mindepth', '-newer', '-size', '-user', '-group', '-perm', '-links', '-inum', '-path', '-prune', '-print', '-print0', '-exec', '-ok', '-delete', '-ls', '-printf', '-mtime', '-depth', '-xdev', '-follow', '-empty', '-not', '-o', '-a'],
  main: async (proc) => {
    const args = proc.argv.slice(1);
    const now = Math.floor(proc.time());
    const g: Globals = { depthFirst: true, maxdepth: -1, mindepth: -1, xdev: false, follow: false, curDayStart: now - DAYSECS, fullDays: false };
    const zone = await zoneFor(proc);
    const f = new Finder(proc, g, zone, now);
    const name = proc.argv[0] ?? 'find';
    let i = 0;
    while (i < args.length && !'-!(),'.includes(args[i]![0] ?? 'x')) i++;
    const paths = args.slice(0, i);
    const parser = new Parser(args.slice(i), f, g);
    let expr: Node | undefined;
    try {
      expr = parser.parse();
      for (const lookup of parser.lookups) await lookup();
    } catch (e) {
      if (e instanceof HelpRequest) {
        await proc.out(HELP_TEXT);
        return 0;
      }
      if (e instanceof VersionRequest) {
        await proc.out('GNU find version 4.1.20\n');
        return 0;
      }
      if (e instanceof FindError) {
        await proc.err(`${name}: ${e.message}\n`);
        if (e.usage) await proc.err(`Usage: ${name} [path...] [expression]\n`);
        return 1;
      }
      throw e;
    }
    const print: Node = { kind: 'pred', name: '-print', action: true, test: (c) => (f.out.put(c.path + '\n'), true) };
    if (!expr) expr = print;
    else if (!parser.hasAction) expr = { kind: 'and', left: expr, right: print };
    const root = expr;

    const fs = proc.fs;
    const dirIds: string[] = [];
    let rootDev = 0;
    const visit = async (path: string, depth: number, start: string): Promise<void> => {
      await proc.checkpoint();
      let st: FileStat;
      try {
        st = g.follow ? fs.stat(path) : fs.lstat(path);
      } catch (e) {
        if (g.follow) {
          try {
            st = fs.lstat(path);
          } catch {
            await f.warn(`${path}: ${why(e)}`);
            f.status = 1;
            return;
          }
        } else {
          await f.warn(`${path}: ${why(e)}`);
          f.status = 1;
          return;
        }
      }
      const ctx: Ctx = { path, st, depth, prune: false, start };
      const apply = async () => {
        if (g.mindepth < 0 || depth >= g.mindepth) await evaluate(root, ctx);
      };
      if (st.type !== 'dir') {
        await apply();
        await f.out.tick();
        return;
      }
      let stop = g.maxdepth >= 0 && depth >= g.maxdepth;
      const id = `${st.dev}:${st.ino}`;
      if (dirIds.includes(id)) stop = true;
      dirIds.push(id);
      if (g.xdev) {
        if (depth === 0) rootDev = st.dev;
        else if (st.dev !== rootDev) stop = true;
      }
      if (g.depthFirst) await apply();
      if (!stop && !ctx.prune) {
        let names: string[] = [];
        try {
          names = fs.readdir(path);
        } catch (e) {
          await f.warn(`${path}: ${why(e)}`);
          f.status = 1;
        }
        for (const n of names) {
          if (n === '.' || n === '..') continue;
          await visit(path.endsWith('/') ? path + n : `${path}/${n}`, depth + 1, start);
          await f.out.tick();
        }
      }
      if (!g.depthFirst) await apply();
      dirIds.pop();
    };
    for (const p of paths.length ? paths : ['.']) await visit(p, 0, p);
    await f.flushBatches();
    try {
      await f.out.flush();
    } catch {
      return 1;
    }
    return f.status;
  },
});
