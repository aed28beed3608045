/**
 * chattr and lsattr (e2fsprogs 1.35) over the kernel's inode attributes. The ext2 immutable flag
 * `i` is the VFS's IMMUTABLE attribute — the one Linux-VServer's setattr --immutable sets, so a
 * unified file shows `----i--------`. Changing it needs CAP_LINUX_IMMUTABLE (a guest lacks it).
 * The emulated kernel keeps no other ext2 flag: setting one fails with EOPNOTSUPP.
 */
import { SyscallError } from '../../kernel/errno.js';
import type { FileStat } from '../../kernel/fs-calls.js';
import type { Process } from '../../kernel/process.js';
import { IATTR } from '../../kernel/vfs/constants.js';
import { defineProgram } from '../registry.js';
import { capable, joinPath } from './lib/frame.js';

/** The ext2 flags in lib/e2p/pf.c's order: [letter, long name, bit]. */
const EXT2_FLAGS: readonly (readonly [string, string, number])[] = [
  ['s', 'Secure_Deletion', 0x1],
  ['u', 'Undelete', 0x2],
  ['S', 'Synchronous_Updates', 0x8],
  ['D', 'Synchronous_Directory_Updates', 0x10000],
  ['i', 'Immutable', 0x10],
  ['a', 'Append_Only', 0x20],
  ['d', 'No_Dump', 0x40],
  ['A', 'No_Atime', 0x80],
  ['c', 'Compression_Requested', 0x4],
  ['j', 'Journaled_Data', 0x4000],
  ['I', 'Indexed_direcctory', 0x1000],
  ['t', 'No_Tailmerging', 0x8000],
  ['T', 'Top_of_Directory_Hierarchies', 0x20000],
];
const IMMUTABLE_FL = 0x10;
/** The letters chattr accepts (its own table has no I). */
const CHATTR_LETTERS = 'ASDacdijsutT';

/** print_flags(): 13 letters or dashes, or the long names (-l). */
export function formatFlags(flags: number, long: boolean): string {
  if (long) {
    const names = EXT2_FLAGS.filter(([, , bit]) => flags & bit).map(([, name]) => name);
    return names.length ? names.join(', ') : '---';
  }
  return EXT2_FLAGS.map(([letter, , bit]) => (flags & bit ? letter : '-')).join('');
}

/** The letters of a chattr argument as flag bits; undefined for an unknown letter. */
export function parseFlagLetters(letters: string): number | undefined {
  let bits = 0;
  for (const c of letters) {
    if (!CHATTR_LETTERS.includes(c)) return undefined;
    bits |= EXT2_FLAGS.find(([l]) => l === c)![2];
  }
  return bits;
}

/** EXT2_IOC_GETFLAGS through the emulated kernel: only ext2/ext3 know it, only files and directories answer. */
function getFlags(proc: Process, path: string): number {
  const st = proc.fs.stat(path);
  if (st.type !== 'file' && st.type !== 'dir') throw new SyscallError('EOPNOTSUPP');
  if (!['ext2', 'ext3'].includes(proc.fs.statfs(path).type)) throw new SyscallError('ENOTTY');
  return st.iattr & IATTR.IMMUTABLE ? IMMUTABLE_FL : 0;
}

/** EXT2_IOC_SETFLAGS: owner or CAP_FOWNER, then CAP_LINUX_IMMUTABLE to change i. */
function setFlags(proc: Process, path: string, st: FileStat, flags: number): void {
  const current = getFlags(proc, path);
  if (proc.task.cred.euid !== st.uid && !capable(proc, 'FOWNER')) throw new SyscallError('EACCES');
  if (flags & ~IMMUTABLE_FL) throw new SyscallError('EOPNOTSUPP');
  if ((flags ^ current) & IMMUTABLE_FL) {
    if (flags & IMMUTABLE_FL) proc.fs.setIattr(path, IATTR.IMMUTABLE, 0);
    else proc.fs.setIattr(path, 0, IATTR.IMMUTABLE);
  }
}

// ----- lsattr ---------------------------------------------------------------------------------

defineProgram({
  name: 'lsattr',
  options: ['-R', '-V', '-a', '-d', '-l', '-v'],
  main: async (proc) => {
    const name = proc.argv[0] ?? 'lsattr';
    const opts = new Set<string>();
    let i = 1;
    // getopt with "RVadlv", stopping at the first operand is not needed: operands are only paths.
    const operands: string[] = [];
    for (; i < proc.argv.length; i++) {
      const a = proc.argv[i]!;
      if (a === '--') {
        operands.push(...proc.argv.slice(i + 1));
        break;
      }
      if (a.startsWith('-') && a.length > 1) {
        for (const c of a.slice(1)) {
          if (!'RVadlv'.includes(c)) {
            await proc.err(`${name}: invalid option -- ${c}\nUsage: ${name} [-RVadlv] [files...]\n`);
            return 1;
          }
          opts.add(c);
        }
      } else operands.push(a);
    }
    let out = '';
    const flush = async () => {
      await proc.out(out);
      out = '';
    };
    const comErr = async (message: string) => {
      await flush();
      await proc.err(`${name}: ${message}\n`);
    };
    const list = async (path: string) => {
      let flags: number;
      try {
        flags = getFlags(proc, path);
      } catch (e) {
        if (!(e instanceof SyscallError)) throw e;
        return comErr(`${e.message} While reading flags on ${path}`);
      }
      if (opts.has('v')) out += `${String(0).padStart(5)} `;
      out += opts.has('l') ? `${path.padEnd(28)} ${formatFlags(flags, true)}\n` : `${formatFlags(flags, false)} ${path}\n`;
    };
    const listDir = async (dir: string): Promise<void> => {
      let names: string[];
      try {
        names = proc.fs.readdir(dir);
      } catch (e) {
        if (!(e instanceof SyscallError)) throw e;
        return comErr(`${e.message} while opening directory ${dir}`);
      }
      for (const entry of names) {
        const path = joinPath(dir, entry);
        let st: FileStat;
        try {
          st = proc.fs.lstat(path);
        } catch (e) {
          await comErr(`${path}: ${(e as Error).message}`);
          continue;
        }
        if (entry.startsWith('.') && !opts.has('a')) continue;
        await list(path);
        if (st.type === 'dir' && opts.has('R') && entry !== '.' && entry !== '..') {
          out += `\n${path}:\n`;
          await listDir(path);
          out += '\n';
        }
        await proc.checkpoint();
      }
    };
    if (opts.has('V')) await proc.err('lsattr 1.35 (28-Feb-2004)\n');
    for (const arg of operands.length ? operands : ['.']) {
      let st: FileStat;
      try {
        st = proc.fs.lstat(arg);
      } catch (e) {
        if (!(e instanceof SyscallError)) throw e;
        await comErr(`${e.message} while trying to stat ${arg}`);
        continue;
      }
      if (st.type === 'dir' && !opts.has('d')) await listDir(arg);
      else await list(arg);
    }
    await flush();
    return 0;
  },
});

// ----- chattr ---------------------------------------------------------------------------------

defineProgram({
  name: 'chattr',
  options: ['-R', '-V', '+i', '-i', '+a', '-a'],
  main: async (proc) => {
    const name = proc.argv[0] ?? 'chattr';
    const usage = async () => {
      await proc.err(`usage: ${name} [-RV] [-+=AacDdijsSu] [-v version] files...\n`);
      return 1;
    };
    let recursive = false;
    let verbose = false;
    let add = 0;
    let remove = 0;
    let assign: number | undefined;
    let i = 1;
    const args = proc.argv;
    // decode_arg(): words starting with -, + or = are flag changes until the first file.
    for (; i < args.length; i++) {
      const a = args[i]!;
      const sign = a[0];
      if (sign !== '-' && sign !== '+' && sign !== '=') break;
      let letters = a.slice(1);
      if (sign === '-') {
        if (letters.includes('v')) return usage();
        if (letters.includes('R')) recursive = true;
        if (letters.includes('V')) verbose = true;
        letters = letters.replace(/[RV]/g, '');
      }
      const bits = parseFlagLetters(letters);
      if (bits === undefined) return usage();
      if (sign === '+') add |= bits;
      else if (sign === '-') remove |= bits;
      else assign = (assign ?? 0) | bits;
    }
    if (i >= args.length) return usage();
    if (assign !== undefined && (add || remove)) {
      await proc.err('= is incompatible with - and +\n');
      return 1;
    }
    if (add & remove) {
      await proc.err("Can't both set and unset same flag.\n");
      return 1;
    }
    if (assign === undefined && !add && !remove) {
      await proc.err("Must use '-v', =, - or +\n");
      return 1;
    }
    if (verbose) await proc.err('chattr 1.35 (28-Feb-2004)\n');
    const change = async (path: string, fromRecursion: boolean): Promise<void> => {
      let st: FileStat;
      try {
        st = proc.fs.lstat(path);
      } catch (e) {
        if (!(e instanceof SyscallError)) throw e;
        await proc.err(`${name}: ${e.message} while trying to stat ${path}\n`);
        return;
      }
      if (st.type === 'symlink' && (recursive || fromRecursion)) return;
      // Devices, FIFOs and sockets are skipped without a word.
      if (st.type !== 'file' && st.type !== 'dir' && st.type !== 'symlink') return;
      let flags: number;
      if (assign !== undefined) flags = assign;
      else {
        try {
          flags = (getFlags(proc, path) & ~remove) | add;
        } catch (e) {
          if (!(e instanceof SyscallError)) throw e;
          await proc.err(`${name}: ${e.message} while reading flags on ${path}\n`);
          return;
        }
      }
      if (verbose) await proc.out(`Flags of ${path} set as ${formatFlags(flags, false)}\n`);
      try {
        setFlags(proc, path, proc.fs.stat(path), flags);
      } catch (e) {
        if (!(e instanceof SyscallError)) throw e;
        // With =, fsetflags() failures go through perror(); otherwise through com_err().
        await proc.err(assign !== undefined ? `${path}: ${e.message}\n` : `${name}: ${e.message} while setting flags on ${path}\n`);
      }
      if (st.type === 'dir' && recursive) {
        let names: string[] = [];
        try {
          names = proc.fs.readdir(path);
        } catch {
          return;
        }
        for (const entry of names) if (entry !== '.' && entry !== '..') await change(joinPath(path, entry), true);
      }
    };
    for (; i < args.length; i++) await change(args[i]!, false);
    return 0;
  },
});
