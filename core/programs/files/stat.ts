/** stat (coreutils 5.2.1): the default layouts, -c FORMAT, -t, -f (filesystem status), -L. */
import type { FileStat, StatFs } from '../../kernel/fs-calls.js';
import { HELP } from './lib/help.js';
import { fileTypeName, modeString, q, TYPE_BITS, why } from './lib/format.js';
import { defineTool } from './lib/program.js';
import { statDate, zoneFor, type Zone } from './lib/time.js';
import { UserDb } from './lib/users.js';

/** Magic numbers and names of filesystem types, as statfs(2) reports and stat -f prints them. */
const FS_TYPES: Record<string, [magic: number, human: string]> = {
  ext2: [0xef53, 'ext2/ext3'],
  ext3: [0xef53, 'ext2/ext3'],
  proc: [0x9fa0, 'proc'],
  tmpfs: [0x01021994, 'tmpfs'],
  devpts: [0x1cd1, 'devpts'],
  sysfs: [0x62656572, 'sysfs'],
  nfs: [0x6969, 'nfs'],
  iso9660: [0x9660, 'isofs'],
  vfat: [0x4d44, 'msdos'],
  ramfs: [0x858458f6, 'ramfs'],
  none: [0, 'UNKNOWN'],
};

export function fsMagic(type: string): number {
  return FS_TYPES[type]?.[0] ?? 0;
}

export function humanFsType(type: string): string {
  const t = FS_TYPES[type];
  return t ? t[1] : `UNKNOWN (0x${fsMagic(type).toString(16)})`;
}

/** A printf conversion of one stat directive: flags/width/precision applied to a value. */
export function printfValue(spec: string, conv: 's' | 'd' | 'u' | 'o' | 'x', value: string | number): string {
  const m = /^([#\-+ 0I]*)(\d*)(?:\.(\d*))?$/.exec(spec) ?? ['', '', '', undefined];
  const flags = m[1] ?? '';
  const width = m[2] ? Number(m[2]) : 0;
  const precision = m[3] !== undefined ? Number(m[3] || '0') : undefined;
  let s: string;
  if (conv === 's') {
    s = String(value);
    if (precision !== undefined) s = s.slice(0, precision);
  } else {
    const n = Number(value);
    const neg = n < 0;
    let digits = conv === 'o' ? Math.abs(n).toString(8) : conv === 'x' ? Math.abs(n).toString(16) : String(Math.abs(Math.trunc(n)));
    if (precision !== undefined) digits = digits.padStart(precision, '0');
    if (flags.includes('#') && conv === 'o' && !digits.startsWith('0')) digits = '0' + digits;
    if (flags.includes('#') && conv === 'x' && n !== 0) digits = '0x' + digits;
    const sign = neg ? '-' : conv === 'd' && flags.includes('+') ? '+' : conv === 'd' && flags.includes(' ') ? ' ' : '';
    if (flags.includes('0') && !flags.includes('-') && precision === undefined) digits = digits.padStart(width - sign.length, '0');
    s = sign + digits;
  }
  return flags.includes('-') ? s.padEnd(width) : s.padStart(width);
}

interface FileData {
  name: string;
  st: FileStat;
  linkTarget?: string;
  user?: string;
  group?: string;
}

/** Expand a stat format for a file (print_stat). */
export function formatFile(format: string, f: FileData, zone: Zone): string {
  return expand(format, (spec, c) => {
    const st = f.st;
    switch (c) {
      case 'n':
        return printfValue(spec, 's', f.name);
      case 'N':
        return st.type === 'symlink' && f.linkTarget !== undefined ? `${printfValue(spec, 's', q(f.name))} -> ${printfValue(spec, 's', q(f.linkTarget))}` : printfValue(spec, 's', q(f.name));
      case 'd':
        return printfValue(spec, 'd', st.dev);
      case 'D':
        return printfValue(spec, 'x', st.dev);
      case 'i':
        return printfValue(spec, 'd', st.ino);
      case 'a':
        return printfValue(spec, 'o', st.perm & 0o7777);
      case 'A':
        return printfValue(spec, 's', modeString(st.type, st.perm));
      case 'f':
        return printfValue(spec, 'x', TYPE_BITS[st.type] | st.perm);
      case 'F':
        return printfValue(spec, 's', fileTypeName(st));
      case 'h':
        return printfValue(spec, 'd', st.nlink);
      case 'u':
        return printfValue(spec, 'd', st.uid);
      case 'U':
        return printfValue(spec, 's', f.user ?? 'UNKNOWN');
      case 'g':
        return printfValue(spec, 'd', st.gid);
      case 'G':
        return printfValue(spec, 's', f.group ?? 'UNKNOWN');
      case 't':
        return printfValue(spec, 'x', st.rdevMajor);
      case 'T':
        return printfValue(spec, 'x', st.rdevMinor);
      case 's':
        return printfValue(spec, 'u', st.size);
      case 'B':
        return printfValue(spec, 'u', 512);
      case 'b':
        return printfValue(spec, 'u', st.blocks);
      case 'o':
        return printfValue(spec, 'd', st.blksize);
      case 'x':
        return printfValue(spec, 's', statDate(st.atime, zone));
      case 'X':
        return printfValue(spec, 'd', Math.floor(st.atime));
      case 'y':
        return printfValue(spec, 's', statDate(st.mtime, zone));
      case 'Y':
        return printfValue(spec, 'd', Math.floor(st.mtime));
      case 'z':
        return printfValue(spec, 's', statDate(st.ctime, zone));
      case 'Z':
        return printfValue(spec, 'd', Math.floor(st.ctime));
      default:
        return printfValue(spec, 's', c);
    }
  });
}

/** Expand a stat -f format (print_statfs). */
export function formatFs(format: string, name: string, s: StatFs, dev: number): string {
  return expand(format, (spec, c) => {
    switch (c) {
      case 'n':
        return printfValue(spec, 's', name);
      case 'i':
        return printfValue(spec, 'x', 0) + ' ' + printfValue('-8', 'x', dev);
      case 'l':
        return printfValue(spec, 'u', 255);
      case 't':
        return printfValue(spec, 'x', fsMagic(s.type));
      case 'T':
        return printfValue(spec, 's', humanFsType(s.type));
      case 'b':
        return printfValue(spec, 'd', s.blocks);
      case 'f':
        return printfValue(spec, 'd', s.blocksFree);
      case 'a':
        return printfValue(spec, 'd', s.blocksAvail);
      case 's':
        return printfValue(spec, 'd', s.blockSize);
      case 'c':
        return printfValue(spec, 'd', s.inodes);
      case 'd':
        return printfValue(spec, 'd', s.inodesFree);
      default:
        return printfValue(spec, 's', c);
    }
  });
}

/** print_it(): text with %-directives; "%%" and a trailing "%" print "%"; a newline ends the output. */
function expand(format: string, directive: (spec: string, c: string) => string): string {
  let out = '';
  let i = 0;
  while (i < format.length) {
    const p = format.indexOf('%', i);
    if (p < 0) {
      out += format.slice(i);
      break;
    }
    out += format.slice(i, p);
    let j = p + 1;
    while (j < format.length && '#-+.I 0123456789'.includes(format[j]!)) j++;
    const spec = format.slice(p + 1, j);
    const c = format[j];
    if (c === undefined || c === '%') {
      out += '%';
      i = j + 1;
      continue;
    }
    out += directive(spec, c);
    i = j + 1;
  }
  return out + '\n';
}

const DEFAULT = '  File: %N\n  Size: %-10s\tBlocks: %-10b IO Block: %-6o %F\nDevice: %Dh/%dd\tInode: %-10i  Links: %h\nAccess: (%04a/%10.10A)  Uid: (%5u/%8U)   Gid: (%5g/%8G)\nAccess: %x\nModify: %y\nChange: %z';
const DEFAULT_DEV =
  '  File: %N\n  Size: %-10s\tBlocks: %-10b IO Block: %-6o %F\nDevice: %Dh/%dd\tInode: %-10i  Links: %-5h Device type: %t,%T\nAccess: (%04a/%10.10A)  Uid: (%5u/%8U)   Gid: (%5g/%8G)\nAccess: %x\nModify: %y\nChange: %z';
const TERSE = '%n %s %b %f %u %g %D %i %h %t %T %X %Y %Z %o';
const FS_DEFAULT = '  File: "%n"\n    ID: %-8i Namelen: %-7l Type: %T\nBlocks: Total: %-10b Free: %-10f Available: %-10a Size: %s\nInodes: Total: %-10c Free: %-10d';
const FS_TERSE = '%n %i %l %t %b %f %a %s %c %d';

defineTool(
  {
    name: 'stat',
    suite: 'coreutils',
    help: HELP.stat,
    authors: 'Michael Meskes',
    options: [
      { short: 'c', long: 'format', arg: 'required' },
      { short: 'f', long: 'filesystem' },
      { short: 'L', long: 'dereference' },
      { short: 'l' },
      { short: 't', long: 'terse' },
    ],
  },
  async (tool, { options, operands }) => {
    const proc = tool.proc;
    let follow = false;
    let fsMode = false;
    let terse = false;
    let format: string | undefined;
    for (const o of options) {
      if (o.key === 'c') format = o.value;
      else if (o.key === 'l') {
        await tool.warn("Warning: `-l' is deprecated; use `-L' instead");
        follow = true;
      } else if (o.key === 'L') follow = true;
      else if (o.key === 'f') fsMode = true;
      else if (o.key === 't') terse = true;
    }
    if (operands.length === 0) return tool.usageError('too few arguments');
    const zone = await zoneFor(proc);
    const db = new UserDb(proc);
    for (const name of operands) {
      if (fsMode) {
        let s: StatFs;
        let dev = 0;
        try {
          s = proc.fs.statfs(name);
          dev = proc.fs.stat(name).dev;
        } catch (e) {
          await tool.warn(`cannot read file system information for ${q(name)}: ${why(e)}`);
          continue;
        }
        tool.out.put(formatFs(format ?? (terse ? FS_TERSE : FS_DEFAULT), name, s, dev));
        continue;
      }
      let st: FileStat;
      try {
        st = follow ? proc.fs.stat(name) : proc.fs.lstat(name);
      } catch (e) {
        // coreutils 5.2.1 reports the error but still exits 0 (G_fail is never set).
        await tool.warn(`cannot stat ${q(name)}: ${why(e)}`);
        continue;
      }
      let linkTarget: string | undefined;
      if (st.type === 'symlink') {
        try {
          linkTarget = proc.fs.readlink(name);
        } catch (e) {
          await tool.warn(`cannot read symbolic link ${q(name)}: ${why(e)}`);
        }
      }
      const fmt = format ?? (terse ? TERSE : st.type === 'chardev' || st.type === 'blockdev' ? DEFAULT_DEV : DEFAULT);
      tool.out.put(formatFile(fmt, { name, st, linkTarget, user: await db.userName(st.uid), group: await db.groupName(st.gid) }, zone));
      await tool.out.tick();
    }
    return 0;
  },
);
