/**
 * ls (coreutils 5.2.1): the listing formats (columns, one per line, long, commas), sorting, -R,
 * indicators, colours, and the long format with the widths computed per listing as 5.2 does
 * ("-rw-r--r--  1 root root 1745 May 30 09:12 passwd").
 */
import type { FileStat } from '../../kernel/fs-calls.js';
import type { Process } from '../../kernel/process.js';
import type { Tool } from '../lib/tool.js';
import { HELP } from './lib/help.js';
import { compareC, HUMAN_H, HUMAN_SI, humanReadable, modeString, q, why, type HumanOptions } from './lib/format.js';
import { argmatch, defineTool } from './lib/program.js';
import { localTime, strftime, zoneFor, type Zone } from './lib/time.js';
import { UserDb } from './lib/users.js';

type Format = 'long' | 'one' | 'columns' | 'across' | 'commas';
type SortType = 'name' | 'none' | 'time' | 'size' | 'extension' | 'version';
type TimeType = 'mtime' | 'ctime' | 'atime';
type Indicator = 'none' | 'slash' | 'file-type' | 'classify';
type Deref = 'never' | 'args' | 'args-dir' | 'always';
type Quoting = 'literal' | 'escape' | 'c' | 'shell';

interface Entry {
  name: string;
  st: FileStat | undefined;
  linkname?: string;
  linkSt?: FileStat;
  linkok: boolean;
  /** 'arg_directory': a directory named on the command line, listed as a directory later. */
  kind: 'dir' | 'arg_directory' | 'symlink' | 'normal' | 'unknown';
}

interface Config {
  format: Format;
  sort: SortType;
  reverse: boolean;
  timeType: TimeType;
  all: boolean;
  almostAll: boolean;
  directoryOnly: boolean;
  recursive: boolean;
  inode: boolean;
  blockSize: boolean;
  numeric: boolean;
  owner: boolean;
  group: boolean;
  indicator: Indicator;
  deref: Deref;
  human: HumanOptions;
  outputBlockSize: number;
  fileBlockSize: number;
  color: boolean;
  quoting: Quoting;
  qmark: boolean;
  lineLength: number;
  tabSize: number;
  timeFormats: [old: string, recent: string];
  ignore: RegExp[];
}

// ----- pure helpers (tested directly) -----------------------------------------------------------

/**
 * calculate_columns(): how many columns fit, and each column's width (names plus the two-space
 * gap, the last column without it), for names laid out down the columns or across the lines.
 */
export function layoutColumns(lengths: readonly number[], lineLength: number, byColumns: boolean): { cols: number; widths: number[] } {
  const n = lengths.length;
  const maxIdx = Math.max(1, Math.floor(lineLength / 3));
  const maxCols = Math.min(maxIdx, n);
  const info = Array.from({ length: maxCols }, (_, i) => ({ valid: true, lineLen: (i + 1) * 3, widths: new Array<number>(i + 1).fill(3) }));
  for (let f = 0; f < n; f++) {
    const len = lengths[f]!;
    for (let i = 0; i < maxCols; i++) {
      const c = info[i]!;
      if (!c.valid) continue;
      const idx = byColumns ? Math.floor(f / Math.floor((n + i) / (i + 1))) : f % (i + 1);
      const real = len + (idx === i ? 0 : 2);
      if (c.widths[idx]! < real) {
        c.lineLen += real - c.widths[idx]!;
        c.widths[idx] = real;
        c.valid = c.lineLen < lineLength;
      }
    }
  }
  let cols = maxCols;
  while (cols > 1 && !info[cols - 1]!.valid) cols--;
  return { cols: Math.max(cols, 1), widths: n === 0 ? [] : info[Math.max(cols, 1) - 1]!.widths };
}

/** indent(): spaces, or tabs where a tab stop is reached, from column `from` to `to`. */
export function indent(from: number, to: number, tabSize: number): string {
  let s = '';
  while (from < to) {
    if (tabSize !== 0 && Math.floor(to / tabSize) > Math.floor((from + 1) / tabSize)) {
      s += '\t';
      from += tabSize - (from % tabSize);
    } else {
      s += ' ';
      from++;
    }
  }
  return s;
}

/** strverscmp(): names compared with digit runs as numbers (ls -v). */
export function versionCompare(a: string, b: string): number {
  const re = /(\d+|\D+)/g;
  const pa = a.match(re) ?? [];
  const pb = b.match(re) ?? [];
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i]!;
    const y = pb[i]!;
    if (/^\d/.test(x) && /^\d/.test(y)) {
      const d = Number(x) - Number(y);
      if (d) return d;
      if (x.length !== y.length) return y.length - x.length;
    } else if (x !== y) return compareC(x, y);
  }
  return pa.length - pb.length;
}

/** A file name as ls shows it: literal, with '?' for unprintable characters on a terminal, or escaped. */
export function quoteName(name: string, style: Quoting, qmark: boolean): string {
  if (style === 'literal' || style === 'shell') {
    if (!qmark) return name;
    let out = '';
    for (const ch of name) {
      const c = ch.codePointAt(0)!;
      out += c < 32 || c === 127 || (c >= 0x80 && c < 0xa0) ? '?' : ch;
    }
    return out;
  }
  let out = '';
  for (const ch of name) {
    const c = ch.codePointAt(0)!;
    const esc: Record<string, string> = { '\n': '\\n', '\t': '\\t', '\r': '\\r', '\b': '\\b', '\f': '\\f', '\v': '\\v', '\x07': '\\a', '\\': '\\\\' };
    if (esc[ch]) out += esc[ch];
    else if (style === 'c' && ch === '"') out += '\\"';
    else if (style === 'escape' && ch === ' ') out += '\\ ';
    else if (c < 32 || c === 127) out += '\\' + c.toString(8).padStart(3, '0');
    else out += ch;
  }
  return style === 'c' ? `"${out}"` : out;
}

/** Is the time locale a "hard" one (not C/POSIX)? Then ls -l's default style becomes long-iso. */
export function hardTimeLocale(env: Record<string, string>): boolean {
  const v = env.LC_ALL || env.LC_TIME || env.LANG || '';
  return v !== '' && v !== 'C' && v !== 'POSIX';
}

// ----- colours ----------------------------------------------------------------------------------

interface Colors {
  codes: Record<string, string | undefined>;
  ext: [string, string][];
}

function parseLsColors(value: string | undefined): Colors {
  const codes: Record<string, string | undefined> = {
    lc: '\x1b[', rc: 'm', ec: undefined, no: '0', fi: '0', di: '01;34', ln: '01;36', pi: '33', so: '01;35', bd: '01;33', cd: '01;33', mi: undefined, or: undefined, ex: '01;32',
  };
  const ext: [string, string][] = [];
  for (const item of (value ?? '').split(':')) {
    const eq = item.indexOf('=');
    if (eq < 0) continue;
    const key = item.slice(0, eq);
    const val = item.slice(eq + 1).replace(/\\e|\^\[/g, '\x1b');
    if (key.startsWith('*')) ext.unshift([key.slice(1), val]);
    else if (key in codes || key.length === 2) codes[key] = val;
  }
  return { codes, ext };
}

// ----- the program -----------------------------------------------------------------------------

class Lister {
  files: Entry[] = [];
  exitStatus = 0;
  pending: { name: string; realname?: string }[] = [];
  first = true;
  printDirName = true;
  colors: Colors | undefined;
  now: number;
  private readonly activeDirs: string[] = [];

  constructor(
    readonly tool: Tool,
    readonly cfg: Config,
    readonly users: UserDb,
    readonly zone: Zone,
  ) {
    this.now = tool.proc.time();
  }

  get proc(): Process {
    return this.tool.proc;
  }

  private needsStat(): boolean {
    const c = this.cfg;
    return c.sort === 'time' || c.sort === 'size' || c.format === 'long' || c.deref === 'always' || c.blockSize || c.inode;
  }

  private needsType(): boolean {
    const c = this.cfg;
    return !this.needsStat() && (c.recursive || c.color || c.indicator !== 'none');
  }

  /** gobble_file(): stat a name and add it to the table; returns its blocks. */
  async gobble(name: string, explicit: boolean, dirname: string): Promise<number> {
    const cfg = this.cfg;
    const fs = this.proc.fs;
    const path = name.startsWith('/') || dirname === '' ? name : attach(dirname, name);
    const entry: Entry = { name, st: undefined, linkok: false, kind: 'unknown' };
    if (explicit || this.needsStat() || this.needsType()) {
      let st: FileStat | undefined;
      let err: unknown;
      const tryStat = (follow: boolean) => {
        try {
          st = follow ? fs.stat(path) : fs.lstat(path);
          err = undefined;
        } catch (e) {
          st = undefined;
          err = e;
        }
      };
      if (cfg.deref === 'always') tryStat(true);
      else if (explicit && (cfg.deref === 'args' || cfg.deref === 'args-dir')) {
        tryStat(true);
        if (cfg.deref === 'args-dir') {
          const needLstat = st ? st.type !== 'dir' : (err as { code?: string }).code === 'ENOENT';
          if (needLstat) tryStat(false);
        }
      } else tryStat(false);
      if (!st) {
        if (!explicit && !this.needsStat()) {
          // As with d_type from readdir: the name is listed even if it cannot be examined.
          this.files.push(entry);
          return 0;
        }
        await this.tool.warn(`${path}: ${why(err)}`);
        this.exitStatus = 1;
        return 0;
      }
      entry.st = st;
      if (st.type === 'symlink' && (cfg.format === 'long' || this.colors)) {
        try {
          entry.linkname = fs.readlink(path);
        } catch (e) {
          await this.tool.warn(`cannot read symbolic link ${path}: ${why(e)}`);
          this.exitStatus = 1;
        }
        if (entry.linkname !== undefined && (cfg.indicator !== 'none' || this.colors)) {
          const linkpath = entry.linkname.startsWith('/') || !path.includes('/') ? entry.linkname : path.slice(0, path.lastIndexOf('/') + 1) + entry.linkname;
          try {
            const ls = fs.stat(linkpath);
            entry.linkok = true;
            if (!explicit || cfg.format === 'long' || ls.type !== 'dir') entry.linkSt = ls;
          } catch {
            // dangling
          }
        }
      }
      if (st.type === 'symlink') entry.kind = 'symlink';
      else if (st.type === 'dir') entry.kind = explicit && !cfg.directoryOnly ? 'arg_directory' : 'dir';
      else entry.kind = 'normal';
    }
    this.files.push(entry);
    return entry.st && (explicit || this.needsStat()) ? entry.st.blocks : 0;
  }

  /** extract_dirs_from_files(): queue the directories, drop the arguments that were directories. */
  extractDirs(dirname: string, ignoreDots: boolean): void {
    const queued: { name: string; realname?: string }[] = [];
    for (const f of this.files) {
      if (f.kind !== 'dir' && f.kind !== 'arg_directory') continue;
      const base = f.name.slice(f.name.lastIndexOf('/') + 1);
      if (ignoreDots && (base === '.' || base === '..')) continue;
      const name = f.name.startsWith('/') || dirname === '' ? f.name : pathConcat(dirname, f.name);
      queued.push({ name, realname: f.linkname });
    }
    // A marker after the subdirectories: when it comes up, DIRNAME is no longer being listed.
    if (dirname !== '' && this.cfg.recursive) queued.push({ name: '\0pop' });
    this.pending.unshift(...queued);
    this.files = this.files.filter((f) => f.kind !== 'arg_directory');
  }

  sortFiles(): void {
    const cfg = this.cfg;
    if (cfg.sort === 'none') {
      if (cfg.reverse) this.files.reverse();
      return;
    }
    const time = (e: Entry) => (e.st ? e.st[cfg.timeType] : 0);
    let cmp: (a: Entry, b: Entry) => number;
    switch (cfg.sort) {
      case 'time':
        cmp = (a, b) => time(b) - time(a) || compareC(a.name, b.name);
        break;
      case 'size':
        cmp = (a, b) => (b.st?.size ?? 0) - (a.st?.size ?? 0) || compareC(a.name, b.name);
        break;
      case 'extension':
        cmp = (a, b) => {
          const ea = a.name.lastIndexOf('.') >= 0 ? a.name.slice(a.name.lastIndexOf('.')) : '';
          const eb = b.name.lastIndexOf('.') >= 0 ? b.name.slice(b.name.lastIndexOf('.')) : '';
          return compareC(ea, eb) || compareC(a.name, b.name);
        };
        break;
      case 'version':
        cmp = (a, b) => versionCompare(a.name, b.name);
        break;
      default:
        cmp = (a, b) => compareC(a.name, b.name);
    }
    this.files.sort(cfg.reverse ? (a, b) => cmp(b, a) : cmp);
  }

  // ----- printing -------------------------------------------------------------------------------

  private put(s: string): void {
    this.tool.out.put(s);
  }

  private colorFor(name: string, st: FileStat | undefined, linkok: boolean, missing: boolean): string {
    const c = this.colors!;
    let key = 'fi';
    if (missing && c.codes.mi) key = 'mi';
    else if (st) {
      switch (st.type) {
        case 'dir':
          key = 'di';
          break;
        case 'symlink':
          key = !linkok && c.codes.or ? 'or' : 'ln';
          break;
        case 'fifo':
          key = 'pi';
          break;
        case 'socket':
          key = 'so';
          break;
        case 'blockdev':
          key = 'bd';
          break;
        case 'chardev':
          key = 'cd';
          break;
        default:
          if (st.perm & 0o111) key = 'ex';
      }
    }
    let code = c.codes[key] ?? c.codes.fi ?? '0';
    if (key === 'fi') {
      const ext = c.ext.find(([e]) => name.endsWith(e));
      if (ext) code = ext[1];
    }
    return `${c.codes.lc}${code}${c.codes.rc}`;
  }

  private endColor(): string {
    const c = this.colors!.codes;
    return c.ec ?? `${c.lc}${c.no}${c.rc}`;
  }

  /** print_name_with_quoting(). */
  private nameText(name: string, st: FileStat | undefined, linkok: boolean, missing = false): string {
    const text = quoteName(name, this.cfg.quoting, this.cfg.qmark);
    if (!this.colors) return text;
    return this.colorFor(name, st, linkok, missing) + text + this.endColor();
  }

  private typeIndicator(st: FileStat | undefined): string {
    if (!st) return '';
    const style = this.cfg.indicator;
    switch (st.type) {
      case 'file':
        return style === 'classify' && st.perm & 0o111 ? '*' : '';
      case 'dir':
        return '/';
      case 'symlink':
        return style === 'slash' ? '' : '@';
      case 'fifo':
        return style === 'slash' ? '' : '|';
      case 'socket':
        return style === 'slash' ? '' : '=';
      default:
        return '';
    }
  }

  private widths() {
    const w = { inode: 0, blocks: 0, nlink: 0, owner: 0, group: 0, major: 0, minor: 0, size: 0 };
    return w;
  }

  private async computeWidths() {
    const cfg = this.cfg;
    const w = this.widths();
    for (const f of this.files) {
      const st = f.st;
      if (!st) continue;
      w.inode = Math.max(w.inode, String(st.ino).length);
      w.blocks = Math.max(w.blocks, this.blocksText(st).length);
      if (cfg.format === 'long') {
        if (cfg.owner) w.owner = Math.max(w.owner, (await this.ownerText(st.uid)).length);
        if (cfg.group) w.group = Math.max(w.group, (await this.groupText(st.gid)).length);
        w.nlink = Math.max(w.nlink, String(st.nlink).length);
        if (st.type === 'chardev' || st.type === 'blockdev') {
          w.major = Math.max(w.major, String(st.rdevMajor).length);
          w.minor = Math.max(w.minor, String(st.rdevMinor).length);
          w.size = Math.max(w.size, w.major + 2 + w.minor);
        } else w.size = Math.max(w.size, this.sizeText(st).length);
      }
    }
    return w;
  }

  private blocksText(st: FileStat): string {
    return humanReadable(st.blocks, this.cfg.human, 512, this.cfg.outputBlockSize);
  }

  private sizeText(st: FileStat): string {
    return humanReadable(st.size, this.cfg.human, 1, this.cfg.fileBlockSize);
  }

  private async ownerText(uid: number): Promise<string> {
    return (!this.cfg.numeric && (await this.users.userName(uid))) || String(uid);
  }

  private async groupText(gid: number): Promise<string> {
    return (!this.cfg.numeric && (await this.users.groupName(gid))) || String(gid);
  }

  /** The columns before the name in short formats (-i, -s). */
  private frills(f: Entry, w: ReturnType<Lister['widths']>, commas: boolean): string {
    let s = '';
    if (this.cfg.inode) s += (f.st ? String(f.st.ino) : '?').padStart(commas ? 0 : w.inode) + ' ';
    if (this.cfg.blockSize) s += (f.st ? this.blocksText(f.st) : '?').padStart(commas ? 0 : w.blocks) + ' ';
    return s;
  }

  private lengthOf(f: Entry, w: ReturnType<Lister['widths']>, commas: boolean): number {
    let len = 0;
    if (this.cfg.inode) len += 1 + (commas ? String(f.st?.ino ?? '?').length : w.inode);
    if (this.cfg.blockSize) len += 1 + (commas ? (f.st ? this.blocksText(f.st) : '?').length : w.blocks);
    len += [...quoteName(f.name, this.cfg.quoting, this.cfg.qmark)].length;
    if (this.cfg.indicator !== 'none') len += this.typeIndicator(f.st).length;
    return len;
  }

  private shortName(f: Entry, w: ReturnType<Lister['widths']>, commas = false): string {
    return this.frills(f, w, commas) + this.nameText(f.name, f.st, f.linkok) + (this.cfg.indicator !== 'none' ? this.typeIndicator(f.st) : '');
  }

  async printCurrentFiles(): Promise<void> {
    const cfg = this.cfg;
    const w = await this.computeWidths();
    const files = this.files;
    switch (cfg.format) {
      case 'one':
        for (const f of files) {
          this.put(this.shortName(f, w) + '\n');
          await this.tool.out.tick();
        }
        break;
      case 'long':
        for (const f of files) {
          this.put((await this.longLine(f, w)) + '\n');
          await this.tool.out.tick();
        }
        break;
      case 'commas': {
        let pos = 0;
        files.forEach((f, i) => {
          const len = this.lengthOf(f, w, true);
          if (i !== 0) {
            if (pos + len + 2 < cfg.lineLength) {
              pos += 2;
              this.put(', ');
            } else {
              pos = 0;
              this.put(',\n');
            }
          }
          this.put(this.shortName(f, w, true));
          pos += len;
        });
        this.put('\n');
        break;
      }
      case 'columns': {
        if (files.length === 0) break;
        const lengths = files.map((f) => this.lengthOf(f, w, false));
        const { cols, widths } = layoutColumns(lengths, cfg.lineLength, true);
        const rows = Math.floor(files.length / cols) + (files.length % cols !== 0 ? 1 : 0);
        for (let row = 0; row < rows; row++) {
          let col = 0;
          let idx = row;
          let pos = 0;
          let line = '';
          for (;;) {
            const len = lengths[idx]!;
            const max = widths[col++]!;
            line += this.shortName(files[idx]!, w);
            idx += rows;
            if (idx >= files.length) break;
            line += indent(pos + len, pos + max, cfg.tabSize);
            pos += max;
          }
          this.put(line + '\n');
          await this.tool.out.tick();
        }
        break;
      }
      case 'across': {
        if (files.length === 0) break;
        const lengths = files.map((f) => this.lengthOf(f, w, false));
        const { cols, widths } = layoutColumns(lengths, cfg.lineLength, false);
        let pos = 0;
        let len = lengths[0]!;
        let max = widths[0]!;
        let line = this.shortName(files[0]!, w);
        for (let i = 1; i < files.length; i++) {
          const col = i % cols;
          if (col === 0) {
            this.put(line + '\n');
            line = '';
            pos = 0;
          } else {
            line += indent(pos + len, pos + max, cfg.tabSize);
            pos += max;
          }
          line += this.shortName(files[i]!, w);
          len = lengths[i]!;
          max = widths[col]!;
        }
        this.put(line + '\n');
        break;
      }
    }
  }

  private async longLine(f: Entry, w: ReturnType<Lister['widths']>): Promise<string> {
    const cfg = this.cfg;
    const st = f.st;
    if (!st) return this.nameText(f.name, undefined, false);
    let s = '';
    if (cfg.inode) s += String(st.ino).padStart(w.inode) + ' ';
    if (cfg.blockSize) s += this.blocksText(st).padStart(w.blocks) + ' ';
    s += modeString(st.type, st.perm) + ' ' + ' ' + String(st.nlink).padStart(w.nlink) + ' ';
    if (cfg.owner) {
      const name = !cfg.numeric ? await this.users.userName(st.uid) : undefined;
      s += (name !== undefined ? name.padEnd(w.owner) : String(st.uid).padStart(w.owner)) + ' ';
    }
    if (cfg.group) {
      const name = !cfg.numeric ? await this.users.groupName(st.gid) : undefined;
      s += (name !== undefined ? name.padEnd(w.group) : String(st.gid).padStart(w.group)) + ' ';
    }
    if (st.type === 'chardev' || st.type === 'blockdev') {
      const blanks = w.size - (w.major + 2 + w.minor);
      s += String(st.rdevMajor).padStart(w.major + Math.max(0, blanks)) + ', ' + String(st.rdevMinor).padStart(w.minor) + ' ';
    } else s += this.sizeText(st).padStart(w.size) + ' ';
    const when = st[cfg.timeType];
    const sixMonthsAgo = this.now - 31556952 / 2;
    const recent = sixMonthsAgo <= when && when <= this.now;
    s += strftime(cfg.timeFormats[recent ? 1 : 0], localTime(when, this.zone), 0) + ' ';
    s += this.nameText(f.name, f.linkSt && this.colors ? st : st, f.linkok);
    if (f.kind === 'symlink') {
      if (f.linkname !== undefined) {
        s += ' -> ' + this.nameText(f.linkname, f.linkSt, f.linkok, !f.linkok);
        if (cfg.indicator !== 'none') s += this.typeIndicator(f.linkSt);
      }
    } else if (cfg.indicator !== 'none') s += this.typeIndicator(st);
    return s;
  }

  /** print_dir(): list one directory. */
  async printDir(name: string, realname: string | undefined): Promise<void> {
    const cfg = this.cfg;
    const fs = this.proc.fs;
    let names: string[];
    let st: FileStat;
    try {
      names = fs.readdir(name);
      st = fs.stat(name);
    } catch (e) {
      await this.tool.warn(`${name}: ${why(e)}`);
      this.exitStatus = 1;
      return;
    }
    const key = `${st.dev}:${st.ino}`;
    if (cfg.recursive) {
      if (this.activeDirs.includes(key)) {
        await this.tool.warn(`not listing already-listed directory: ${name}`);
        return;
      }
      this.activeDirs.push(key);
    }
    this.files = [];
    let total = 0;
    for (const n of names) {
      if (!this.interesting(n)) continue;
      total += await this.gobble(n, false, name);
      await this.proc.checkpoint();
    }
    this.sortFiles();
    if (cfg.recursive) this.extractDirs(name, true);
    if (cfg.recursive || this.printDirName) {
      if (!this.first) this.put('\n');
      this.first = false;
      this.put(quoteName(realname ?? name, cfg.quoting, cfg.qmark).replace(/:/g, cfg.quoting === 'escape' || cfg.quoting === 'c' ? '\\:' : ':') + ':\n');
    }
    if (cfg.format === 'long' || cfg.blockSize) this.put(`total ${humanReadable(total, cfg.human, 512, cfg.outputBlockSize)}\n`);
    if (this.files.length) await this.printCurrentFiles();
  }

  interesting(name: string): boolean {
    const cfg = this.cfg;
    for (const re of cfg.ignore) if (re.test(name)) return false;
    if (cfg.all && !cfg.almostAll) return true;
    if (name[0] !== '.') return true;
    return cfg.almostAll && name !== '.' && name !== '..';
  }

  popActive(): void {
    this.activeDirs.pop();
  }
}

/** attach(): DIRNAME/NAME, with "." not prefixed. */
function attach(dirname: string, name: string): string {
  if (dirname === '.') return name;
  return dirname.endsWith('/') ? dirname + name : `${dirname}/${name}`;
}

function pathConcat(dir: string, name: string): string {
  return dir.endsWith('/') ? dir + name : `${dir}/${name}`;
}

/** A shell glob (for -I and -B) as a regular expression, FNM_PERIOD style. */
function globRegExp(pattern: string): RegExp {
  let re = '';
  for (const ch of pattern) {
    if (ch === '*') re += '.*';
    else if (ch === '?') re += '.';
    else re += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  const leadingDot = pattern.startsWith('.');
  return new RegExp(leadingDot ? `^${re}$` : `^(?!\\.)${re}$`, 's');
}

const OPTIONS = [
  { short: 'a', long: 'all' },
  { short: 'A', long: 'almost-all' },
  { long: 'author' },
  { short: 'b', long: 'escape' },
  { long: 'block-size', arg: 'required' as const },
  { short: 'B', long: 'ignore-backups' },
  { short: 'c' },
  { short: 'C' },
  { long: 'color', arg: 'optional' as const },
  { long: 'colour', key: 'color', arg: 'optional' as const },
  { short: 'd', long: 'directory' },
  { short: 'D', long: 'dired' },
  { short: 'f' },
  { short: 'F', long: 'classify' },
  { long: 'format', arg: 'required' as const },
  { long: 'full-time' },
  { short: 'g' },
  { short: 'G', long: 'no-group' },
  { short: 'h', long: 'human-readable' },
  { long: 'si' },
  { short: 'H', long: 'dereference-command-line' },
  { long: 'dereference-command-line-symlink-to-dir' },
  { long: 'indicator-style', arg: 'required' as const },
  { short: 'i', long: 'inode' },
  { short: 'I', long: 'ignore', arg: 'required' as const },
  { short: 'k' },
  { short: 'l' },
  { short: 'L', long: 'dereference' },
  { short: 'm' },
  { short: 'n', long: 'numeric-uid-gid' },
  { short: 'N', long: 'literal' },
  { short: 'o' },
  { short: 'p', long: 'file-type' },
  { short: 'q', long: 'hide-control-chars' },
  { long: 'show-control-chars' },
  { short: 'Q', long: 'quote-name' },
  { long: 'quoting-style', arg: 'required' as const },
  { short: 'r', long: 'reverse' },
  { short: 'R', long: 'recursive' },
  { short: 's', long: 'size' },
  { short: 'S' },
  { long: 'sort', arg: 'required' as const },
  { long: 'time', arg: 'required' as const },
  { long: 'time-style', arg: 'required' as const },
  { short: 't' },
  { short: 'T', long: 'tabsize', arg: 'required' as const },
  { short: 'u' },
  { short: 'U' },
  { short: 'v' },
  { short: 'w', long: 'width', arg: 'required' as const },
  { short: 'x' },
  { short: 'X' },
  { short: '1' },
];

defineTool(
  { name: 'ls', suite: 'coreutils', help: HELP.ls, authors: 'Richard Stallman and David MacKenzie', options: OPTIONS },
  async (tool, { options, operands }) => {
    const proc = tool.proc;
    const env = proc.env;
    const tty = proc.isatty(1);
    const cfg: Config = {
      format: tty ? 'columns' : 'one',
      sort: 'name',
      reverse: false,
      timeType: 'mtime',
      all: false,
      almostAll: false,
      directoryOnly: false,
      recursive: false,
      inode: false,
      blockSize: false,
      numeric: false,
      owner: true,
      group: true,
      indicator: 'none',
      deref: 'never',
      human: {},
      outputBlockSize: 1024,
      fileBlockSize: 1,
      color: false,
      quoting: 'literal',
      qmark: tty,
      lineLength: 80,
      tabSize: 8,
      timeFormats: ['%b %e  %Y', '%b %e %H:%M'],
      ignore: [],
    };
    let derefSet: Deref | undefined;
    let sortSpecified = false;
    let timeStyle: string | undefined;
    const columns = env.COLUMNS;
    if (columns) {
      if (/^\d+$/.test(columns) && Number(columns) > 0) cfg.lineLength = Number(columns);
      else await tool.warn(`ignoring invalid width in environment variable COLUMNS: ${columns}`);
    }
    // TIOCGWINSZ wins over COLUMNS when standard output is a terminal.
    const ttyCols = proc.ttyOf(1)?.cols;
    if (ttyCols && ttyCols > 0) cfg.lineLength = ttyCols;
    const tabEnv = env.TABSIZE;
    if (tabEnv !== undefined && env.POSIXLY_CORRECT === undefined) {
      if (/^\d+$/.test(tabEnv)) cfg.tabSize = Number(tabEnv);
      else await tool.warn(`ignoring invalid tab size in environment variable TABSIZE: ${tabEnv}`);
    }
    for (const o of options) {
      const v = o.value ?? '';
      switch (o.key) {
        case 'a':
          cfg.all = true;
          cfg.almostAll = false;
          break;
        case 'A':
          cfg.all = true;
          cfg.almostAll = true;
          break;
        case 'b':
          cfg.quoting = 'escape';
          break;
        case 'c':
          cfg.timeType = 'ctime';
          break;
        case 'd':
          cfg.directoryOnly = true;
          break;
        case 'f':
          cfg.all = true;
          cfg.almostAll = false;
          cfg.sort = 'none';
          sortSpecified = true;
          if (cfg.format === 'long') cfg.format = tty ? 'columns' : 'one';
          cfg.blockSize = false;
          cfg.color = false;
          break;
        case 'g':
          cfg.format = 'long';
          cfg.owner = false;
          break;
        case 'h':
          cfg.human = HUMAN_H;
          cfg.outputBlockSize = cfg.fileBlockSize = 1;
          break;
        case 'si':
          cfg.human = HUMAN_SI;
          cfg.outputBlockSize = cfg.fileBlockSize = 1;
          break;
        case 'i':
          cfg.inode = true;
          break;
        case 'k':
          cfg.human = {};
          cfg.outputBlockSize = cfg.fileBlockSize = 1024;
          break;
        case 'l':
          cfg.format = 'long';
          break;
        case 'm':
          cfg.format = 'commas';
          break;
        case 'n':
          cfg.numeric = true;
          cfg.format = 'long';
          break;
        case 'o':
          cfg.format = 'long';
          cfg.group = false;
          break;
        case 'p':
          cfg.indicator = 'file-type';
          break;
        case 'q':
          cfg.qmark = true;
          break;
        case 'show-control-chars':
          cfg.qmark = false;
          break;
        case 'r':
          cfg.reverse = true;
          break;
        case 's':
          cfg.blockSize = true;
          break;
        case 't':
          cfg.sort = 'time';
          sortSpecified = true;
          break;
        case 'u':
          cfg.timeType = 'atime';
          break;
        case 'v':
          cfg.sort = 'version';
          sortSpecified = true;
          break;
        case 'w':
          if (!/^\d+$/.test(v) || Number(v) <= 0) return tool.fatal(`invalid line width: ${v}`);
          cfg.lineLength = Number(v);
          break;
        case 'x':
          cfg.format = 'across';
          break;
        case 'B':
          cfg.ignore.push(globRegExp('*~'), globRegExp('.*~'));
          break;
        case 'C':
          cfg.format = 'columns';
          break;
        case 'D':
          break;
        case 'F':
          cfg.indicator = 'classify';
          break;
        case 'G':
          cfg.group = false;
          break;
        case 'H':
          derefSet = 'args';
          break;
        case 'dereference-command-line-symlink-to-dir':
          derefSet = 'args-dir';
          break;
        case 'I':
          cfg.ignore.push(globRegExp(v));
          break;
        case 'L':
          derefSet = 'always';
          break;
        case 'N':
          cfg.quoting = 'literal';
          break;
        case 'Q':
          cfg.quoting = 'c';
          break;
        case 'R':
          cfg.recursive = true;
          break;
        case 'S':
          cfg.sort = 'size';
          sortSpecified = true;
          break;
        case 'T':
          if (!/^\d+$/.test(v)) return tool.fatal(`invalid tab size: ${v}`);
          cfg.tabSize = Number(v);
          break;
        case 'U':
          cfg.sort = 'none';
          sortSpecified = true;
          break;
        case 'X':
          cfg.sort = 'extension';
          sortSpecified = true;
          break;
        case '1':
          if (cfg.format !== 'long') cfg.format = 'one';
          break;
        case 'sort':
          cfg.sort = (await argmatch(tool, '--sort', v, { none: 'none', time: 'time', size: 'size', extension: 'extension', version: 'version' })) as SortType;
          sortSpecified = true;
          break;
        case 'time':
          cfg.timeType = (await argmatch(tool, '--time', v, { atime: 'atime', access: 'atime', use: 'atime', ctime: 'ctime', status: 'ctime' })) as TimeType;
          break;
        case 'format':
          cfg.format = (await argmatch(tool, '--format', v, {
            verbose: 'long', long: 'long', commas: 'commas', horizontal: 'across', across: 'across', vertical: 'columns', 'single-column': 'one',
          })) as Format;
          break;
        case 'full-time':
          cfg.format = 'long';
          timeStyle = 'full-iso';
          break;
        case 'color': {
          const when = o.value === undefined ? 'always' : await argmatch(tool, '--color', v, { always: 'always', yes: 'always', force: 'always', never: 'never', no: 'never', none: 'never', auto: 'auto', tty: 'auto', 'if-tty': 'auto' });
          cfg.color = when === 'always' || (when === 'auto' && tty);
          if (cfg.color) cfg.tabSize = 0;
          break;
        }
        case 'indicator-style':
          cfg.indicator = (await argmatch(tool, '--indicator-style', v, { none: 'none', classify: 'classify', 'file-type': 'file-type' })) as Indicator;
          break;
        case 'quoting-style':
          cfg.quoting = (await argmatch(tool, '--quoting-style', v, { literal: 'literal', shell: 'shell', 'shell-always': 'shell', c: 'c', escape: 'escape', locale: 'c', clocale: 'c' })) as Quoting;
          break;
        case 'time-style':
          timeStyle = v;
          break;
        case 'block-size': {
          const n = /^\d+$/.test(v) ? Number(v) : v === 'K' || v === 'k' ? 1024 : v === 'M' ? 1048576 : undefined;
          if (!n) return tool.fatal(`invalid --block-size argument ${q(v)}`);
          cfg.human = {};
          cfg.outputBlockSize = cfg.fileBlockSize = n;
          break;
        }
      }
    }
    cfg.deref = derefSet ?? (cfg.directoryOnly || cfg.indicator === 'classify' || cfg.format === 'long' ? 'never' : 'args-dir');
    if ((cfg.timeType === 'ctime' || cfg.timeType === 'atime') && !sortSpecified && cfg.format !== 'long') cfg.sort = 'time';
    if (cfg.format === 'long') {
      let style = timeStyle ?? env.TIME_STYLE ?? 'posix-long-iso';
      let keepDefault = false;
      while (style.startsWith('posix-')) {
        if (!hardTimeLocale(env)) {
          keepDefault = true;
          break;
        }
        style = style.slice(6);
      }
      if (!keepDefault) {
        if (style.startsWith('+')) {
          const [a, b] = style.slice(1).split('\n');
          cfg.timeFormats = [a!, b ?? a!];
        } else {
          const s = await argmatch(tool, 'time style', style, { 'full-iso': 'full-iso', 'long-iso': 'long-iso', iso: 'iso', locale: 'locale' });
          if (s === 'full-iso') cfg.timeFormats = ['%Y-%m-%d %H:%M:%S.%N %z', '%Y-%m-%d %H:%M:%S.%N %z'];
          else if (s === 'long-iso') cfg.timeFormats = ['%Y-%m-%d %H:%M', '%Y-%m-%d %H:%M'];
          else if (s === 'iso') cfg.timeFormats = ['%Y-%m-%d ', '%m-%d %H:%M'];
        }
      }
    }
    const zone = await zoneFor(proc);
    const lister = new Lister(tool, cfg, new UserDb(proc), zone);
    if (cfg.color) {
      lister.colors = parseLsColors(env.LS_COLORS);
      tool.out.put(lister['endColor']());
    }

    for (const arg of operands) await lister.gobble(arg, true, '');
    if (operands.length === 0) {
      if (cfg.directoryOnly) await lister.gobble('.', true, '');
      else lister.pending.unshift({ name: '.' });
    }
    if (lister.files.length) {
      lister.sortFiles();
      if (!cfg.directoryOnly) lister.extractDirs('', false);
    }
    if (lister.files.length) {
      await lister.printCurrentFiles();
      if (lister.pending.length) tool.out.put('\n');
    } else if (operands.length <= 1 && lister.pending.length === 1) lister.printDirName = false;
    while (lister.pending.length) {
      const next = lister.pending.shift()!;
      if (next.name === '\0pop') {
        lister.popActive();
        continue;
      }
      await lister.printDir(next.name, next.realname);
      lister.printDirName = true;
    }
    if (lister.colors) tool.out.put(`${lister.colors.codes.lc}${lister.colors.codes.rc}`);
    return lister.exitStatus;
  },
);
