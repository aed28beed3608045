/**
 * The archive formats the file programs write and read: GNU tar (512-byte headers with octal
 * fields, ././@LongLink names, 10240-byte records) and cpio's portable ASCII formats (070707
 * "odc" and 070701 "newc"). File contents are JavaScript strings taken one character per unit,
 * so an archive reads back exactly what was written; sizes in headers count those units.
 * "Compression" (tar -z/-j) is a run-length coding of NUL runs behind a gzip or bzip2 magic, so
 * compressed archives are recognisably smaller without a real deflate in core.
 */
import type { FileType } from '../../../kernel/fs-calls.js';
import { TYPE_BITS, typeFromBits } from './format.js';

export interface Member {
  name: string;
  type: FileType | 'hardlink';
  /** Permission bits (and setuid/setgid/sticky). */
  perm: number;
  uid: number;
  gid: number;
  uname: string;
  gname: string;
  size: number;
  mtime: number;
  linkname: string;
  devmajor: number;
  devminor: number;
  data: string;
}

// ----- tar ----------------------------------------------------------------------------------------

const TYPEFLAG: Record<Member['type'], string> = { file: '0', hardlink: '1', symlink: '2', chardev: '3', blockdev: '4', dir: '5', fifo: '6', socket: '0' };

function octal(n: number, width: number): string {
  // width includes the terminating NUL, as GNU tar writes it.
  return Math.max(0, Math.floor(n)).toString(8).padStart(width - 1, '0') + '\0';
}

function field(s: string, width: number): string {
  return s.length >= width ? s.slice(0, width) : s + '\0'.repeat(width - s.length);
}

function header(m: Member, nameOverride?: string, typeOverride?: string): string {
  const name = nameOverride ?? m.name;
  const type = typeOverride ?? TYPEFLAG[m.type];
  const size = typeOverride === 'L' || typeOverride === 'K' ? m.size : m.type === 'file' ? m.size : 0;
  let h =
    field(name, 100) +
    octal(m.perm & 0o7777, 8) +
    octal(m.uid, 8) +
    octal(m.gid, 8) +
    octal(size, 12) +
    octal(m.mtime, 12) +
    '        ' +
    type +
    field(typeOverride ? '' : m.linkname, 100) +
    'ustar  \0' +
    field(m.uname, 32) +
    field(m.gname, 32) +
    (m.type === 'chardev' || m.type === 'blockdev' ? octal(m.devmajor, 8) + octal(m.devminor, 8) : '\0'.repeat(16));
  h = field(h, 512);
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += h.charCodeAt(i) & 0xff;
  const chk = sum.toString(8).padStart(6, '0') + '\0 ';
  return h.slice(0, 148) + chk + h.slice(156);
}

function pad512(s: string): string {
  const r = s.length % 512;
  return r === 0 ? s : s + '\0'.repeat(512 - r);
}

/** One member's blocks (with a ././@LongLink block for long names). */
export function tarMember(m: Member): string {
  let out = '';
  const longLink = (kind: 'L' | 'K', text: string) => {
    const data = text + '\0';
    out += header({ ...m, size: data.length, perm: 0, uid: 0, gid: 0, mtime: 0, uname: 'root', gname: 'root' }, '././@LongLink', kind) + pad512(data);
  };
  if (m.linkname.length >= 100) longLink('K', m.linkname);
  if (m.name.length >= 100) longLink('L', m.name);
  out += header(m);
  if (m.type === 'file') out += pad512(m.data);
  return out;
}

/** The end of an archive: two zero blocks, then padding to a 10240-byte record. */
export function tarEnd(written: number): string {
  let s = '\0'.repeat(1024);
  const total = written + s.length;
  const r = total % 10240;
  if (r) s += '\0'.repeat(10240 - r);
  return s;
}

export type TarParse = { members: Member[]; error?: 'not-tar' | 'eof' };

function num(s: string): number {
  const t = s.replace(/[\0 ]+$/, '').replace(/^ +/, '');
  return t === '' ? 0 : parseInt(t, 8);
}

function str(s: string): string {
  const i = s.indexOf('\0');
  return i < 0 ? s : s.slice(0, i);
}

/** Read every member of a tar archive. */
export function parseTar(archive: string): TarParse {
  const members: Member[] = [];
  let pos = 0;
  let longName: string | undefined;
  let longLink: string | undefined;
  while (pos + 512 <= archive.length) {
    const h = archive.slice(pos, pos + 512);
    if (/^\0*$/.test(h)) break;
    let sum = 0;
    for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : h.charCodeAt(i) & 0xff;
    if (sum !== num(h.slice(148, 156))) return { members, error: members.length ? 'eof' : 'not-tar' };
    const size = num(h.slice(124, 136));
    const flag = h[156]!;
    pos += 512;
    const data = archive.slice(pos, pos + size);
    if (data.length < size) return { members, error: 'eof' };
    pos += Math.ceil(size / 512) * 512;
    if (flag === 'L') {
      longName = str(data);
      continue;
    }
    if (flag === 'K') {
      longLink = str(data);
      continue;
    }
    const prefix = h.slice(257, 263) === 'ustar\0' ? str(h.slice(345, 500)) : '';
    let name = longName ?? (prefix ? `${prefix}/${str(h.slice(0, 100))}` : str(h.slice(0, 100)));
    longName = undefined;
    const mode = num(h.slice(100, 108));
    let type: Member['type'];
    switch (flag) {
      case '1':
        type = 'hardlink';
        break;
      case '2':
        type = 'symlink';
        break;
      case '3':
        type = 'chardev';
        break;
      case '4':
        type = 'blockdev';
        break;
      case '5':
        type = 'dir';
        break;
      case '6':
        type = 'fifo';
        break;
      default:
        type = name.endsWith('/') ? 'dir' : 'file';
    }
    if (type === 'dir' && !name.endsWith('/')) name += '/';
    members.push({
      name,
      type,
      perm: mode & 0o7777,
      uid: num(h.slice(108, 116)),
      gid: num(h.slice(116, 124)),
      size,
      mtime: num(h.slice(136, 148)),
      linkname: longLink ?? str(h.slice(157, 257)),
      uname: str(h.slice(265, 297)),
      gname: str(h.slice(297, 329)),
      devmajor: num(h.slice(329, 337)),
      devminor: num(h.slice(337, 345)),
      data: type === 'file' ? data : '',
    });
    longLink = undefined;
  }
  return { members };
}

// ----- "compression" ------------------------------------------------------------------------------

export const GZIP_MAGIC = '\x1f\x8b\x08\x00';
export const BZIP2_MAGIC = 'BZh9';

/** Runs of NUL become "\0" + length in two characters; everything else is copied. */
export function compress(data: string, magic: string): string {
  let out = magic;
  let i = 0;
  while (i < data.length) {
    if (data[i] === '\0') {
      let j = i;
      while (j < data.length && data[j] === '\0' && j - i < 65535) j++;
      const n = j - i;
      out += '\0' + String.fromCharCode(n >> 8) + String.fromCharCode(n & 0xff);
      i = j;
    } else {
      const next = data.indexOf('\0', i);
      const end = next < 0 ? data.length : next;
      out += data.slice(i, end);
      i = end;
    }
  }
  return out;
}

export function decompress(data: string, magic: string): string | undefined {
  if (!data.startsWith(magic)) return undefined;
  let out = '';
  let i = magic.length;
  const parts: string[] = [];
  while (i < data.length) {
    if (data[i] === '\0') {
      const n = (data.charCodeAt(i + 1) << 8) | data.charCodeAt(i + 2);
      parts.push('\0'.repeat(n));
      i += 3;
    } else {
      const next = data.indexOf('\0', i);
      const end = next < 0 ? data.length : next;
      parts.push(data.slice(i, end));
      i = end;
    }
  }
  out = parts.join('');
  return out;
}

// ----- cpio ---------------------------------------------------------------------------------------

export type CpioFormat = 'odc' | 'newc' | 'crc';

const o = (n: number, w: number) => Math.max(0, Math.floor(n)).toString(8).padStart(w, '0').slice(-w);
const x8 = (n: number) => Math.max(0, Math.floor(n)).toString(16).toUpperCase().padStart(8, '0').slice(-8);

export interface CpioEntry extends Omit<Member, 'uname' | 'gname' | 'type'> {
  type: FileType;
  ino: number;
  dev: number;
  nlink: number;
}

export function cpioEntry(e: CpioEntry, format: CpioFormat): string {
  const mode = TYPE_BITS[e.type] | (e.perm & 0o7777);
  const data = e.type === 'symlink' ? e.linkname : e.type === 'file' ? e.data : '';
  if (format === 'odc') {
    return '070707' + o(e.dev, 6) + o(e.ino, 6) + o(mode, 6) + o(e.uid, 6) + o(e.gid, 6) + o(e.nlink, 6) + o((e.devmajor << 8) | e.devminor, 6) + o(e.mtime, 11) + o(e.name.length + 1, 6) + o(data.length, 11) + e.name + '\0' + data;
  }
  const pad4 = (n: number) => '\0'.repeat((4 - (n % 4)) % 4);
  const head =
    (format === 'crc' ? '070702' : '070701') +
    x8(e.ino) + x8(mode) + x8(e.uid) + x8(e.gid) + x8(e.nlink) + x8(e.mtime) + x8(data.length) + x8(e.dev >> 8) + x8(e.dev & 0xff) + x8(e.devmajor) + x8(e.devminor) + x8(e.name.length + 1) + x8(0);
  const nameBlock = head + e.name + '\0';
  return nameBlock + pad4(nameBlock.length) + data + pad4(data.length);
}

export function cpioTrailer(format: CpioFormat): string {
  return cpioEntry({ name: 'TRAILER!!!', type: 'file', perm: 0, uid: 0, gid: 0, size: 0, mtime: 0, linkname: '', devmajor: 0, devminor: 0, data: '', ino: 0, dev: 0, nlink: 1 }, format);
}

export type CpioParse = { entries: CpioEntry[]; error?: string };

/** Read a cpio archive in either ASCII format (the binary one is not written by us). */
export function parseCpio(archive: string): CpioParse {
  const entries: CpioEntry[] = [];
  let pos = 0;
  for (;;) {
    const magic = archive.slice(pos, pos + 6);
    if (magic === '070707') {
      const h = archive.slice(pos, pos + 76);
      if (h.length < 76) return { entries, error: 'premature end of archive' };
      const f = (a: number, w: number) => parseInt(h.slice(a, a + w), 8);
      const namesize = f(59, 6);
      const filesize = f(65, 11);
      const name = archive.slice(pos + 76, pos + 76 + namesize - 1);
      const data = archive.slice(pos + 76 + namesize, pos + 76 + namesize + filesize);
      pos += 76 + namesize + filesize;
      if (name === 'TRAILER!!!') break;
      const mode = f(18, 6);
      const rdev = f(42, 6);
      entries.push(fromMode(name, mode, { dev: f(6, 6), ino: f(12, 6), uid: f(24, 6), gid: f(30, 6), nlink: f(36, 6), mtime: f(48, 11), rdev: [rdev >> 8, rdev & 0xff], data }));
      continue;
    }
    if (magic === '070701' || magic === '070702') {
      const h = archive.slice(pos, pos + 110);
      if (h.length < 110) return { entries, error: 'premature end of archive' };
      const f = (k: number) => parseInt(h.slice(6 + k * 8, 14 + k * 8), 16);
      const namesize = f(11);
      const filesize = f(6);
      let p = pos + 110;
      const name = archive.slice(p, p + namesize - 1);
      p += namesize;
      p += (4 - ((p - pos) % 4)) % 4;
      const data = archive.slice(p, p + filesize);
      p += filesize;
      p += (4 - (filesize % 4)) % 4;
      pos = p;
      if (name === 'TRAILER!!!') break;
      entries.push(fromMode(name, f(1), { dev: (f(7) << 8) | f(8), ino: f(0), uid: f(2), gid: f(3), nlink: f(4), mtime: f(5), rdev: [f(9), f(10)], data }));
      continue;
    }
    if (pos >= archive.length || /^\0*$/.test(archive.slice(pos))) return { entries, error: entries.length ? undefined : 'premature end of archive' };
    return { entries, error: entries.length ? 'premature end of archive' : 'bad magic' };
  }
  return { entries };
}

function fromMode(name: string, mode: number, r: { dev: number; ino: number; uid: number; gid: number; nlink: number; mtime: number; rdev: [number, number]; data: string }): CpioEntry {
  const type = typeFromBits(mode) ?? 'file';
  return {
    name,
    type,
    perm: mode & 0o7777,
    uid: r.uid,
    gid: r.gid,
    size: type === 'file' ? r.data.length : 0,
    mtime: r.mtime,
    linkname: type === 'symlink' ? r.data : '',
    devmajor: r.rdev[0],
    devminor: r.rdev[1],
    data: type === 'file' ? r.data : '',
    ino: r.ino,
    dev: r.dev,
    nlink: r.nlink,
  };
}
