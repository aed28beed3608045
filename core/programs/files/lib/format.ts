/**
 * Formatting shared by the file programs: coreutils' `quote' style, mode strings, file type
 * names, and gnulib's human_readable() (ls -h, du -h, df -h) with its exact rounding.
 */
import { SyscallError } from '../../../kernel/errno.js';
import type { FileStat, FileType } from '../../../kernel/fs-calls.js';

/** coreutils 5.2's quote(): `name' (the era's backtick-apostrophe quoting). */
export function q(name: string): string {
  return `\`${name}'`;
}

/** The message of an error from a system call. */
export function why(e: unknown): string {
  if (e instanceof SyscallError) return e.message;
  throw e;
}

export function isErr(e: unknown, ...codes: string[]): boolean {
  return e instanceof SyscallError && (codes.length === 0 || codes.includes(e.code));
}

export const S_ISUID = 0o4000;
export const S_ISGID = 0o2000;
export const S_ISVTX = 0o1000;

const TYPE_LETTER: Record<FileType, string> = {
  file: '-',
  dir: 'd',
  symlink: 'l',
  chardev: 'c',
  blockdev: 'b',
  fifo: 'p',
  socket: 's',
};

/** ls -l's ten-character mode: type letter, rwx triplets with s/S and t/T. */
export function modeString(type: FileType, perm: number): string {
  const c = [TYPE_LETTER[type]];
  const rwx = (shift: number) => {
    c.push(perm & (4 << shift) ? 'r' : '-', perm & (2 << shift) ? 'w' : '-', perm & (1 << shift) ? 'x' : '-');
  };
  rwx(6);
  rwx(3);
  rwx(0);
  if (perm & S_ISUID) c[3] = c[3] === 'x' ? 's' : 'S';
  if (perm & S_ISGID) c[6] = c[6] === 'x' ? 's' : 'S';
  if (perm & S_ISVTX) c[9] = c[9] === 'x' ? 't' : 'T';
  return c.join('');
}

/** gnulib file_type(): the words stat %F and cp/mv messages use. */
export function fileTypeName(st: Pick<FileStat, 'type' | 'size'>): string {
  switch (st.type) {
    case 'file':
      return st.size === 0 ? 'regular empty file' : 'regular file';
    case 'dir':
      return 'directory';
    case 'blockdev':
      return 'block special file';
    case 'chardev':
      return 'character special file';
    case 'fifo':
      return 'fifo';
    case 'symlink':
      return 'symbolic link';
    case 'socket':
      return 'socket';
  }
}

/** st_mode as a number (type bits + permissions), for stat %f and archive headers. */
export const TYPE_BITS: Record<FileType, number> = {
  fifo: 0o010000,
  chardev: 0o020000,
  dir: 0o040000,
  blockdev: 0o060000,
  file: 0o100000,
  symlink: 0o120000,
  socket: 0o140000,
};

export function typeFromBits(mode: number): FileType | undefined {
  const t = mode & 0o170000;
  return (Object.keys(TYPE_BITS) as FileType[]).find((k) => TYPE_BITS[k] === t);
}

// ----- human_readable ----------------------------------------------------------------------------

export interface HumanOptions {
  /** Pick the largest power that keeps the number under the base (ls -h, du -h, df -h). */
  autoscale?: boolean;
  /** Powers of 1024 (K, M, G) rather than 1000 (k, M, G; --si). */
  base1024?: boolean;
  /** Append the power letter (autoscale implies it in practice). */
  si?: boolean;
  /** Rounding: coreutils rounds sizes up ("ceiling") unless told otherwise. */
  round?: 'ceiling' | 'floor' | 'nearest';
}

export const HUMAN_H: HumanOptions = { autoscale: true, base1024: true, si: true };
export const HUMAN_SI: HumanOptions = { autoscale: true, si: true };

const POWER = ['', 'K', 'M', 'G', 'T', 'P', 'E', 'Z', 'Y'];

/**
 * gnulib human_readable(): N units of FROM bytes, shown in units of TO bytes. Integer arithmetic
 * with the same tenths/rounding bookkeeping as the C code, so "4.0K", "12K", "1.1M" come out alike.
 */
export function humanReadable(n: number, opts: HumanOptions, from: number, to: number): string {
  const style = opts.round ?? 'ceiling';
  const base = opts.base1024 ? 1024 : 1000;
  let amt: number;
  let tenths = 0;
  let rounding = 0;
  let exponent = -1;
  if (to <= from) {
    amt = n * (from / to);
  } else {
    const divisor = to / from;
    const r10 = (n % divisor) * 10;
    const r2 = (r10 % divisor) * 2;
    amt = Math.floor(n / divisor);
    tenths = Math.floor(r10 / divisor);
    rounding = r2 < divisor ? (0 < r2 ? 1 : 0) : 2 + (divisor < r2 ? 1 : 0);
  }
  let point = '';
  if (opts.autoscale) {
    exponent = 0;
    if (base <= amt) {
      do {
        const r10 = (amt % base) * 10 + tenths;
        const r2 = (r10 % base) * 2 + (rounding >> 1);
        amt = Math.floor(amt / base);
        tenths = Math.floor(r10 / base);
        rounding = r2 < base ? (r2 + rounding !== 0 ? 1 : 0) : 2 + (base < r2 + rounding ? 1 : 0);
        exponent++;
      } while (base <= amt && exponent < POWER.length - 1);
      if (amt < 10) {
        if (style === 'nearest' ? 2 < rounding + (tenths & 1) : style === 'ceiling' && 0 < rounding) {
          tenths++;
          rounding = 0;
          if (tenths === 10) {
            amt++;
            tenths = 0;
          }
        }
        if (amt < 10) {
          point = '.' + tenths;
          tenths = rounding = 0;
        }
      }
    }
  }
  if (style === 'nearest' ? 5 < tenths + (0 < rounding + (amt & 1) ? 1 : 0) : style === 'ceiling' && 0 < tenths + rounding) {
    amt++;
    if (opts.autoscale && amt === base && exponent < POWER.length - 1) {
      exponent++;
      point = '.0';
      amt = 1;
    }
  }
  let out = String(amt) + point;
  if (opts.si) {
    if (exponent < 0) {
      exponent = 0;
      for (let power = 1; power < to; power *= base) if (++exponent === POWER.length - 1) break;
    }
    if (exponent) out += !opts.base1024 && exponent === 1 ? 'k' : POWER[exponent];
  }
  return out;
}

/** Pad on the left to a width (printf %*s). */
export function padLeft(s: string | number, width: number): string {
  return String(s).padStart(width);
}

export function padRight(s: string | number, width: number): string {
  return String(s).padEnd(width);
}

/** Join a directory and a name as coreutils' path_concat does (no doubled slash). */
export function joinPath(dir: string, name: string): string {
  if (dir === '') return name;
  return dir.endsWith('/') ? dir + name : `${dir}/${name}`;
}

/** The last component of a path, ignoring trailing slashes. */
export function baseOf(path: string): string {
  const p = path.replace(/\/+$/, '');
  if (p === '') return path.startsWith('/') ? '/' : '';
  return p.slice(p.lastIndexOf('/') + 1);
}

/** The directory part of a path ("." when there is none). */
export function dirOf(path: string): string {
  const p = path.replace(/\/+$/, '');
  const i = p.lastIndexOf('/');
  if (i < 0) return '.';
  const d = p.slice(0, i).replace(/\/+$/, '');
  return d === '' ? '/' : d;
}

/** Strip trailing slashes (but keep "/"). */
export function stripSlashes(path: string): string {
  const p = path.replace(/\/+$/, '');
  return p === '' && path.startsWith('/') ? '/' : p;
}

/** Byte-wise (LC_COLLATE=C) comparison. */
export function compareC(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Parse a decimal number with coreutils' block-size suffixes (k, M, G; KB, MB decimal). */
export function parseSize(text: string, defaultMultiplier = 1): number | undefined {
  const m = /^(\d+)([bckKMGTPEwZY]?)(B|iB)?$/.exec(text);
  if (!m) return undefined;
  const n = Number(m[1]);
  const suffix = m[2] ?? '';
  const decimal = m[3] === 'B';
  const base = decimal ? 1000 : 1024;
  const powers: Record<string, number> = { k: 1, K: 1, M: 2, G: 3, T: 4, P: 5, E: 6, Z: 7, Y: 8 };
  if (suffix === '') return m[3] ? undefined : n * defaultMultiplier;
  if (suffix === 'b') return n * 512;
  if (suffix === 'c') return n;
  if (suffix === 'w') return n * 2;
  return n * base ** powers[suffix]!;
}
