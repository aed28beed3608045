import { describe, expect, it } from 'vitest';
import type { FileStat } from '../../kernel/fs-calls.js';
import { formatFile, formatFs, humanFsType, printfValue } from './stat.js';
import { parseTz, UTC } from './lib/time.js';

const st = (over: Partial<FileStat> = {}): FileStat => ({
  dev: 0x801, ino: 12345, type: 'file', perm: 0o644, nlink: 1, uid: 0, gid: 0, size: 1234, rdevMajor: 0, rdevMinor: 0, blocks: 8, blksize: 4096,
  atime: 1148979600, mtime: 1148979600, ctime: 1148979600, iattr: 0, iattrMask: 0, xid: undefined, ...over,
});

describe('printf conversions', () => {
  it.each([
    ['-10', 'u', 1234, '1234      '],
    ['5', 'd', 0, '    0'],
    ['04', 'o', 0o644, '0644'],
    ['8', 's', 'root', '    root'],
    ['-8', 's', 'root', 'root    '],
    ['10.10', 's', '-rw-r--r--x', '-rw-r--r--'],
    ['', 'x', 2049, '801'],
    ['#', 'x', 255, '0xff'],
  ] as const)('%%%s%s of %j', (spec, conv, value, out) => {
    expect(printfValue(spec, conv, value)).toBe(out);
  });
});

describe('stat layouts', () => {
  it('the default layout of coreutils 5.2.1', () => {
    const text = formatFile(
      '  File: %N\n  Size: %-10s\tBlocks: %-10b IO Block: %-6o %F\nDevice: %Dh/%dd\tInode: %-10i  Links: %h\nAccess: (%04a/%10.10A)  Uid: (%5u/%8U)   Gid: (%5g/%8G)\nAccess: %x\nModify: %y\nChange: %z',
      { name: '/etc/passwd', st: st(), user: 'root', group: 'root' },
      parseTz('Europe/Paris'),
    );
    expect(text).toBe(
      "  File: `/etc/passwd'\n" +
        '  Size: 1234      \tBlocks: 8          IO Block: 4096   regular file\n' +
        'Device: 801h/2049d\tInode: 12345       Links: 1\n' +
        'Access: (0644/-rw-r--r--)  Uid: (    0/    root)   Gid: (    0/    root)\n' +
        'Access: 2006-05-30 11:00:00.000000000 +0200\n' +
        'Modify: 2006-05-30 11:00:00.000000000 +0200\n' +
        'Change: 2006-05-30 11:00:00.000000000 +0200\n',
    );
  });
  it('symbolic links and devices', () => {
    expect(formatFile('%N', { name: 'sh', st: st({ type: 'symlink', perm: 0o777 }), linkTarget: 'bash' }, UTC)).toBe("`sh' -> `bash'\n");
    expect(formatFile('%t,%T %F', { name: 'null', st: st({ type: 'chardev', rdevMajor: 1, rdevMinor: 3, size: 0 }) }, UTC)).toBe('1,3 character special file\n');
    expect(formatFile('%U %G', { name: 'x', st: st({ uid: 4242 }) }, UTC)).toBe('UNKNOWN UNKNOWN\n');
  });
  it('-c formats with %% and a trailing %', () => {
    expect(formatFile('%n is %s bytes, 100%% %', { name: 'f', st: st() }, UTC)).toBe('f is 1234 bytes, 100% %\n');
    expect(formatFile('%a %A %h %i %f %b %B %o', { name: 'f', st: st({ perm: 0o4755 }) }, UTC)).toBe('4755 -rwsr-xr-x 1 12345 89ed 8 512 4096\n');
  });
  it('filesystem status', () => {
    const s = { type: 'ext3', device: '/dev/sda1', blockSize: 4096, blocks: 1000, blocksFree: 600, blocksAvail: 550, inodes: 500, inodesFree: 400 };
    expect(formatFs('%T %b %f %a %s %c %d %l %t', '/', s, 0x801)).toBe('ext2/ext3 1000 600 550 4096 500 400 255 ef53\n');
    expect(humanFsType('proc')).toBe('proc');
  });
});
