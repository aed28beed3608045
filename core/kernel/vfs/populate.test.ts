import { describe, expect, it } from 'vitest';
import { IATTR } from './constants.js';
import { checkInvariants, dumpVfs } from './dump.js';
import { VfsError } from './errors.js';
import { populate } from './populate.js';
import { Vfs } from './vfs.js';

function setup(tagging = false) {
  const vfs = new Vfs({ clock: () => 1000 });
  const fs = vfs.createFilesystem({ type: 'ext3', device: '/dev/sda1', blocks: 10000, tagging });
  const ns = vfs.createNamespace(fs);
  return { vfs, fs, ctx: vfs.hostContext(ns) };
}

describe('populate', () => {
  it('declares a tree as data: files, programs, dirs, symlinks, devices, hard links, attributes', () => {
    const { vfs, fs, ctx } = setup(true);
    const made = populate(
      fs,
      {
        '/etc/passwd': 'root:x:0:0:root:/root:/bin/bash\n',
        '/bin/ls': { program: 'ls', size: 77160 },
        '/bin/sh': { type: 'symlink', target: 'bash' },
        '/tmp/': { mode: 0o1777 },
        '/dev/null': { type: 'chardev', major: 1, minor: 3, mode: 0o666 },
        '/dev/initctl': { type: 'fifo', mode: 0o600 },
        '/vservers/': { iattr: IATTR.BARRIER, mode: 0o000 },
        '/vservers/vs/bin/ls': { type: 'link', target: '/bin/ls' },
        '/home/alice/.bashrc': { content: '# hi\n', uid: 1000, gid: 1000, mtime: 42 },
        '/var/data.bin': { content: '\x00\xff\x10', binary: true },
        '/var/tagged': { content: 'x', xid: 40000 },
      },
      { time: 500 },
    );
    expect(made.get('bin/ls')).toBe(made.get('vservers/vs/bin/ls'));
    expect(vfs.stat(ctx, '/bin/ls')).toMatchObject({ perm: 0o755, size: 77160, nlink: 2, blocks: 152, program: 'ls', mtime: 500 });
    expect(vfs.readAll(vfs.resolve(ctx, '/bin/ls').inode).length).toBe(77160);
    expect(vfs.readlink(ctx, '/bin/sh')).toBe('bash');
    expect(vfs.stat(ctx, '/tmp').perm).toBe(0o1777);
    expect(vfs.stat(ctx, '/dev/null')).toMatchObject({ type: 'chardev', rdevMajor: 1, rdevMinor: 3 });
    expect(vfs.stat(ctx, '/dev/initctl').type).toBe('fifo');
    expect(vfs.getIattr(ctx, '/vservers').flags & IATTR.BARRIER).toBeTruthy();
    expect(vfs.stat(ctx, '/home/alice/.bashrc')).toMatchObject({ uid: 1000, mtime: 42, size: 5 });
    expect(vfs.stat(ctx, '/home/alice')).toMatchObject({ uid: 0, perm: 0o755 });
    expect(vfs.stat(ctx, '/var/data.bin').size).toBe(3);
    expect(vfs.stat(ctx, '/var/tagged').xid).toBe(40000);
    expect(fs.usageOf(40000).inodes).toBe(1);
    expect(checkInvariants(fs)).toEqual([]);
  });

  it('is deterministic', () => {
    const a = setup();
    const b = setup();
    const spec = { '/a/b/c': 'x', '/a/d/': {}, '/e': { program: 'e' } };
    populate(a.fs, spec);
    populate(b.fs, spec);
    expect(dumpVfs(a.vfs)).toBe(dumpVfs(b.vfs));
  });

  it('fails with VfsErrors on inconsistent specs and full filesystems', () => {
    const { fs } = setup();
    expect(() => populate(fs, { '/f': 'x', '/f/g': 'y' })).toThrow(VfsError);
    expect(() => populate(fs, { '/l': { type: 'link', target: '/nope' } })).toThrow(VfsError);
    expect(() => populate(fs, { '/d/': {}, '/d': 'file over dir' })).toThrow(VfsError);
    expect(() => populate(fs, { '/huge': { size: 1 << 30 } })).toThrow(VfsError);
    expect(checkInvariants(fs)).toEqual([]);
  });
});

describe('checkInvariants', () => {
  it('notices corrupted accounting and link counts', () => {
    const { fs } = setup();
    populate(fs, { '/a/b': 'x' });
    expect(checkInvariants(fs)).toEqual([]);
    fs.usedBlocks++;
    expect(checkInvariants(fs).join()).toMatch(/usedBlocks/);
    fs.usedBlocks--;
    const b = fs.root.entry('a')!.entry('b')!;
    b.mut().nlink = 2;
    expect(checkInvariants(fs).join()).toMatch(/nlink 2 != 1/);
    b.mut().nlink = 1;
    const a = fs.root.entry('a')!;
    a.mut().parent = a;
    expect(checkInvariants(fs).join()).toMatch(/does not reach the root/);
  });
});
