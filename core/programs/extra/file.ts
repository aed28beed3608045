/**
 * file — file 4.10 (RHEL 4): the type of each file from its inode and first bytes. Knows the
 * lab's own formats: program images (ELF executables), .ko modules (ELF relocatable), gzip
 * (with the original name and time), tar, ext2/ext3 images written by mke2fs, scripts and text.
 * Names are padded so the descriptions line up, as file does for several operands.
 */
import { O_RDONLY } from '../../kernel/file.js';
import type { FileStat } from '../../kernel/fs-calls.js';
import { moduleInImage } from '../../kernel/modules.js';
import type { Process } from '../../kernel/process.js';
import { localTime, strftime, zoneFor, type Zone } from '../files/lib/time.js';
import { utf8Bytes } from '../lib/io.js';
import { defineProgram, programInImage } from '../registry.js';
import { errorMessage } from './lib/frame.js';
import { gzipHeader } from './gzip/codec.js';
import { readSuperblockMark } from './mkfs/superblock.js';

const ELF_EXEC = 'ELF 32-bit LSB executable, Intel 80386, version 1 (SYSV), for GNU/Linux 2.2.5, dynamically linked (uses shared libs), stripped';
const ELF_REL = 'ELF 32-bit LSB relocatable, Intel 80386, version 1 (SYSV), not stripped';

/** What the first bytes of a regular file say (size > 0). */
export function classifyContent(head: string, zone: Zone): string {
  if (programInImage(head)) return ELF_EXEC;
  if (moduleInImage(head)) return ELF_REL;
  if (head.startsWith('\x7fELF')) return 'ELF 32-bit LSB executable, Intel 80386, version 1 (SYSV)';
  const gz = gzipHeader(head);
  if (gz) {
    let s = 'gzip compressed data';
    if (gz.name !== undefined) s += `, was "${gz.name}"`;
    if (gz.os === 3) s += ', from Unix';
    s += `, last modified: ${strftime('%a %b %e %H:%M:%S %Y', localTime(gz.mtime, zone))}`;
    if (gz.xfl === 2) s += ', max compression';
    else if (gz.xfl === 4) s += ', max speed';
    return s;
  }
  if (head.startsWith('BZh')) return `bzip2 compressed data, block size = ${head[3] ?? '9'}00k`;
  if (head.slice(257, 265) === 'ustar  \0') return 'GNU tar archive';
  if (head.slice(257, 263) === 'ustar\0') return 'POSIX tar archive';
  const fs = readSuperblockMark(head);
  if (fs) return `Linux rev 1.0 ${fs} filesystem data`;
  if (head.startsWith('#!')) {
    const interp = head.slice(2).split('\n')[0]!.trim().split(/\s+/)[0] ?? '';
    const base = interp.slice(interp.lastIndexOf('/') + 1);
    const known: Record<string, string> = { sh: 'Bourne shell script', bash: 'Bourne-Again shell script', perl: 'perl script', python: 'python script', awk: 'awk script', gawk: 'awk script', tcsh: 'Tenex C shell script', csh: 'C shell script' };
    return `${known[base] ?? `a ${interp} script`} text executable`;
  }
  return textKind(head);
}

/** ASCII / UTF-8 text with its line-ending remarks, or data. */
export function textKind(head: string): string {
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x06\x0e-\x1a\x1c-\x1f\x7f]/.test(head)) return 'data';
  const ascii = /^[\x07-\x7e]*$/.test(head);
  let kind = ascii ? 'ASCII' : 'UTF-8 Unicode';
  if (/^\s*<(!doctype html|html|head|title)/i.test(head)) kind = 'HTML document';
  const remarks: string[] = [];
  if (head.split('\n').some((l) => l.length > 300)) remarks.push('with very long lines');
  if (head.includes('\r\n')) remarks.push('with CRLF line terminators');
  else if (!head.includes('\n') && !head.includes('\r')) remarks.push('with no line terminators');
  return `${kind} text${remarks.length ? ', ' + remarks.join(', ') : ''}`;
}

async function describe(proc: Process, name: string, follow: boolean, zone: Zone): Promise<string> {
  let st: FileStat;
  try {
    st = follow ? proc.fs.stat(name) : proc.fs.lstat(name);
  } catch (e) {
    return `ERROR: cannot open \`${name}' (${errorMessage(e)})`;
  }
  switch (st.type) {
    case 'dir':
      return 'directory';
    case 'symlink': {
      const target = proc.fs.readlink(name);
      try {
        proc.fs.stat(name);
        return `symbolic link to \`${target}'`;
      } catch {
        return `broken symbolic link to \`${target}'`;
      }
    }
    case 'chardev':
      return `character special (${st.rdevMajor}/${st.rdevMinor})`;
    case 'blockdev':
      return `block special (${st.rdevMajor}/${st.rdevMinor})`;
    case 'fifo':
      return 'fifo (named pipe)';
    case 'socket':
      return 'socket';
    case 'file':
      break;
  }
  if (st.size === 0) return 'empty';
  let head: string;
  try {
    const fd = proc.open(name, O_RDONLY);
    try {
      head = await proc.read(fd, 4096);
    } finally {
      proc.close(fd);
    }
  } catch (e) {
    return `ERROR: cannot open \`${name}' (${errorMessage(e)})`;
  }
  return classifyContent(head, zone);
}

defineProgram({
  name: 'file',
  options: ['-b', '-L', '-h', '-f'],
  main: async (proc) => {
    let brief = false;
    let follow = false;
    const names: string[] = [];
    const args = proc.argv.slice(1);
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a === '-f' && i + 1 < args.length) {
        try {
          names.push(...(await proc.readFile(args[++i]!)).split('\n').filter(Boolean));
        } catch (e) {
          await proc.err(`file: Cannot open \`${args[i]}' (${errorMessage(e)}).\n`);
          return 1;
        }
      } else if (a.startsWith('-') && a.length > 1 && names.length === 0) {
        for (const c of a.slice(1)) {
          if (c === 'b') brief = true;
          else if (c === 'L') follow = true;
          else if (c === 'h') follow = false;
          else if (c === 'v') {
            await proc.out('file-4.10\nmagic file from /usr/share/file/magic\n');
            return 0;
          } else {
            await proc.err(`file: invalid option -- ${c}\nUsage: file [-bcikLnNsvz] [-f namefile] [-F separator] [-m magicfiles] file...\n       file -C -m magicfiles\nTry \`file --help' for more information.\n`);
            return 1;
          }
        }
      } else names.push(a);
    }
    if (names.length === 0) {
      await proc.err('Usage: file [-bcikLnNsvz] [-f namefile] [-F separator] [-m magicfiles] file...\n       file -C -m magicfiles\nTry `file --help\' for more information.\n');
      return 1;
    }
    const zone = await zoneFor(proc);
    const width = Math.max(...names.map((n) => utf8Bytes(n).length));
    let out = '';
    for (const n of names) {
      const what = await describe(proc, n, follow, zone);
      out += brief ? `${what}\n` : `${n}:${' '.repeat(width - utf8Bytes(n).length)} ${what}\n`;
      await proc.checkpoint();
    }
    await proc.out(out);
    return 0;
  },
});
