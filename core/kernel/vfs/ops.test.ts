import { describe, expect, it } from 'vitest';
import { O_APPEND, O_CREAT, O_DIRECTORY, O_EXCL, O_NOFOLLOW, O_RDONLY, O_RDWR, O_TRUNC, O_WRONLY } from '../file.js';
import { IATTR, R_OK, W_OK, X_OK, F_OK } from './constants.js';
import { makeCred } from './cred.js';
import { checkInvariants } from './dump.js';
import { VfsError } from './errors.js';
import { makeWorld, type TestWorld } from './fixtures.js';

type Row = [name: string, run: (w: TestWorld) => unknown, want: string];

function outcome(f: () => unknown): string {
  try {
    f();
    return 'ok';
  } catch (e) {
    if (e instanceof VfsError) return e.code;
    throw e;
  }
}

/** Each row runs on a fresh world, then the accounting invariants must still hold. */
function table(rows: Row[]) {
  it.each(rows)('%s', (_name, run, want) => {
    const w = makeWorld();
    // common extra fixtures
    w.vfs.mkdir(w.root, '/tmp/bobdir');
    w.vfs.chown(w.root, '/tmp/bobdir', 1001, 1001);
    w.vfs.open(w.bob, '/tmp/bobfile', O_CREAT | O_WRONLY);
    w.vfs.mkdirp(w.root, '/srv/full/sub');
    w.vfs.open(w.root, '/srv/file', O_CREAT | O_WRONLY);
    expect(outcome(() => run(w))).toBe(want);
    expect(checkInvariants(w.rootfs)).toEqual([]);
  });
}

const data = (w: TestWorld, path: string) => w.vfs.readAll(w.vfs.resolve(w.root, path).inode);

describe('mkdir', () => {
  table([
    ['creates', (w) => w.vfs.mkdir(w.root, '/srv/new'), 'ok'],
    ['existing name', (w) => w.vfs.mkdir(w.root, '/etc'), 'EEXIST'],
    ['existing name wins over EACCES', (w) => w.vfs.mkdir(w.alice, '/etc'), 'EEXIST'],
    ['dot', (w) => w.vfs.mkdir(w.root, '/srv/.'), 'EEXIST'],
    ['root', (w) => w.vfs.mkdir(w.root, '/'), 'EEXIST'],
    ['missing parent', (w) => w.vfs.mkdir(w.root, '/nope/x'), 'ENOENT'],
    ['parent is a file', (w) => w.vfs.mkdir(w.root, '/etc/passwd/x'), 'ENOTDIR'],
    ['no write permission', (w) => w.vfs.mkdir(w.alice, '/etc/x'), 'EACCES'],
    ['trailing slash ok', (w) => w.vfs.mkdir(w.root, '/srv/y/'), 'ok'],
    ['immutable parent', (w) => (w.vfs.setIattr(w.root, '/srv', IATTR.IMMUTABLE), w.vfs.mkdir(w.root, '/srv/z')), 'EPERM'],
    ['read-only filesystem', (w) => ((w.rootfs.readOnly = true), w.vfs.mkdir(w.root, '/srv/z')), 'EROFS'],
    ['name too long', (w) => w.vfs.mkdir(w.root, '/srv/' + 'x'.repeat(256)), 'ENAMETOOLONG'],
  ]);
  it('applies the umask, counts links, inherits setgid', () => {
    const w = makeWorld();
    const before = w.vfs.stat(w.root, '/srv').nlink;
    w.vfs.mkdir({ ...w.root, umask: 0o027 }, '/srv/a', 0o777);
    expect(w.vfs.stat(w.root, '/srv/a').perm).toBe(0o750);
    expect(w.vfs.stat(w.root, '/srv/a').nlink).toBe(2);
    expect(w.vfs.stat(w.root, '/srv').nlink).toBe(before + 1);
    w.vfs.chmod(w.root, '/srv/a', 0o2775);
    w.vfs.chown(w.root, '/srv/a', -1, 50);
    w.vfs.mkdir(w.root, '/srv/a/b');
    expect(w.vfs.stat(w.root, '/srv/a/b').gid).toBe(50);
    expect(w.vfs.stat(w.root, '/srv/a/b').perm & 0o2000).toBe(0o2000);
    expect(w.vfs.stat(w.root, '/srv/a/b').size).toBe(4096);
  });
  it('mkdirp creates missing parents and stops at a file', () => {
    const w = makeWorld();
    w.vfs.mkdirp(w.root, '/a/b/c/d');
    expect(w.vfs.stat(w.root, '/a/b/c/d').type).toBe('dir');
    w.vfs.mkdirp(w.root, '/a/b');
    expect(outcome(() => w.vfs.mkdirp(w.root, '/etc/passwd'))).toBe('EEXIST');
    expect(outcome(() => w.vfs.mkdirp(w.root, '/etc/passwd/x'))).toBe('ENOTDIR');
    expect(outcome(() => w.vfs.mkdirp(w.alice, '/etc/q/r'))).toBe('EACCES');
  });
});

describe('rmdir', () => {
  table([
    ['removes an empty directory', (w) => w.vfs.rmdir(w.root, '/mnt'), 'ok'],
    ['not empty', (w) => w.vfs.rmdir(w.root, '/srv/full'), 'ENOTEMPTY'],
    ['not a directory', (w) => w.vfs.rmdir(w.root, '/etc/passwd'), 'ENOTDIR'],
    ['dot', (w) => w.vfs.rmdir(w.root, '/srv/full/sub/.'), 'EINVAL'],
    ['dot dot', (w) => w.vfs.rmdir(w.root, '/srv/full/sub/..'), 'ENOTEMPTY'],
    ['root', (w) => w.vfs.rmdir(w.root, '/'), 'EBUSY'],
    ['missing', (w) => w.vfs.rmdir(w.root, '/nope'), 'ENOENT'],
    ['no write permission on the parent', (w) => w.vfs.rmdir(w.alice, '/mnt'), 'EACCES'],
    ['sticky /tmp: another user', (w) => w.vfs.rmdir(w.alice, '/tmp/bobdir'), 'EPERM'],
    ['sticky /tmp: the owner', (w) => w.vfs.rmdir(w.bob, '/tmp/bobdir'), 'ok'],
    ['a mount point', (w) => (w.vfs.mount(w.root, '/mnt', w.vfs.createFilesystem({ type: 'tmpfs' })), w.vfs.rmdir(w.root, '/mnt')), 'EBUSY'],
    ['immutable directory itself', (w) => (w.vfs.setIattr(w.root, '/mnt', IATTR.IMMUTABLE), w.vfs.rmdir(w.root, '/mnt')), 'EPERM'],
  ]);
});

describe('unlink', () => {
  table([
    ['removes a file', (w) => w.vfs.unlink(w.root, '/srv/file'), 'ok'],
    ['a directory', (w) => w.vfs.unlink(w.root, '/srv/full'), 'EISDIR'],
    ['missing', (w) => w.vfs.unlink(w.root, '/srv/nope'), 'ENOENT'],
    ['trailing slash on a file', (w) => w.vfs.unlink(w.root, '/srv/file/'), 'ENOTDIR'],
    ['no write permission', (w) => w.vfs.unlink(w.alice, '/etc/passwd'), 'EACCES'],
    ['sticky /tmp: another user', (w) => w.vfs.unlink(w.alice, '/tmp/bobfile'), 'EPERM'],
    ['sticky /tmp: root', (w) => w.vfs.unlink(w.root, '/tmp/bobfile'), 'ok'],
    ['immutable', (w) => (w.vfs.setIattr(w.root, '/srv/file', IATTR.IMMUTABLE), w.vfs.unlink(w.root, '/srv/file')), 'EPERM'],
    ['immutable + iunlink', (w) => (w.vfs.setIattr(w.root, '/srv/file', IATTR.IMMUTABLE | IATTR.IUNLINK), w.vfs.unlink(w.root, '/srv/file')), 'ok'],
    ['a symlink, not its target', (w) => (w.vfs.unlink(w.root, '/bin/sh'), w.vfs.stat(w.root, '/bin/bash')), 'ok'],
    ['read-only filesystem', (w) => ((w.rootfs.readOnly = true), w.vfs.unlink(w.root, '/srv/file')), 'EROFS'],
  ]);
});

describe('link', () => {
  table([
    ['creates a hard link', (w) => w.vfs.link(w.root, '/etc/passwd', '/srv/pw'), 'ok'],
    ['existing name', (w) => w.vfs.link(w.root, '/etc/passwd', '/srv/file'), 'EEXIST'],
    ['a directory', (w) => w.vfs.link(w.root, '/etc', '/srv/etc2'), 'EPERM'],
    ['missing source', (w) => w.vfs.link(w.root, '/nope', '/srv/x'), 'ENOENT'],
    ['across filesystems', (w) => (w.vfs.mount(w.root, '/mnt', w.vfs.createFilesystem({ type: 'tmpfs' })), w.vfs.link(w.root, '/etc/passwd', '/mnt/pw')), 'EXDEV'],
    ['immutable source', (w) => (w.vfs.setIattr(w.root, '/srv/file', IATTR.IMMUTABLE), w.vfs.link(w.root, '/srv/file', '/srv/l')), 'EPERM'],
    ['unified source (immutable + iunlink)', (w) => (w.vfs.setIattr(w.root, '/srv/file', IATTR.IMMUTABLE | IATTR.IUNLINK), w.vfs.link(w.root, '/srv/file', '/srv/l')), 'ok'],
    ['no write permission on the target directory', (w) => w.vfs.link(w.alice, '/etc/passwd', '/etc/pw2'), 'EACCES'],
    ['a symlink itself (not followed)', (w) => (w.vfs.link(w.root, '/bin/sh', '/srv/sh'), w.vfs.lstat(w.root, '/srv/sh').type === 'symlink' || (() => { throw new VfsError('EIO'); })()), 'ok'],
  ]);
});

describe('symlink and readlink', () => {
  table([
    ['creates', (w) => w.vfs.symlink(w.root, '/etc/passwd', '/srv/l'), 'ok'],
    ['dangling is fine', (w) => w.vfs.symlink(w.root, '/nope', '/srv/l'), 'ok'],
    ['existing name', (w) => w.vfs.symlink(w.root, '/etc/passwd', '/srv/file'), 'EEXIST'],
    ['empty target', (w) => w.vfs.symlink(w.root, '', '/srv/l'), 'ENOENT'],
    ['target too long', (w) => w.vfs.symlink(w.root, 'x'.repeat(4096), '/srv/l'), 'ENAMETOOLONG'],
    ['readlink of a file', (w) => w.vfs.readlink(w.root, '/etc/passwd'), 'EINVAL'],
    ['readlink of nothing', (w) => w.vfs.readlink(w.root, '/nope'), 'ENOENT'],
  ]);
  it('readlink returns the target; long targets use a block', () => {
    const w = makeWorld();
    expect(w.vfs.readlink(w.root, '/bin/sh')).toBe('bash');
    w.vfs.symlink(w.root, '/a'.repeat(40), '/srv/long');
    expect(w.vfs.lstat(w.root, '/srv/long').blocks).toBe(8);
    expect(w.vfs.lstat(w.root, '/bin/sh').blocks).toBe(0);
    expect(w.vfs.lstat(w.root, '/bin/sh').perm).toBe(0o777);
  });
});

describe('rename', () => {
  table([
    ['a file', (w) => w.vfs.rename(w.root, '/srv/file', '/srv/moved'), 'ok'],
    ['over an existing file', (w) => w.vfs.rename(w.root, '/srv/file', '/etc/passwd'), 'ok'],
    ['a directory over an empty one', (w) => (w.vfs.mkdir(w.root, '/srv/empty'), w.vfs.rename(w.root, '/srv/full', '/srv/empty')), 'ok'],
    ['a directory over a non-empty one', (w) => (w.vfs.mkdir(w.root, '/srv/other'), w.vfs.rename(w.root, '/srv/other', '/srv/full')), 'ENOTEMPTY'],
    ['a directory over a file', (w) => w.vfs.rename(w.root, '/srv/full', '/srv/file'), 'ENOTDIR'],
    ['a file over a directory', (w) => w.vfs.rename(w.root, '/srv/file', '/srv/full'), 'EISDIR'],
    ['a directory into itself', (w) => w.vfs.rename(w.root, '/srv/full', '/srv/full/sub/x'), 'EINVAL'],
    ['a directory onto its ancestor', (w) => w.vfs.rename(w.root, '/srv/full/sub', '/srv'), 'ENOTEMPTY'],
    ['across filesystems', (w) => (w.vfs.mount(w.root, '/mnt', w.vfs.createFilesystem({ type: 'tmpfs' })), w.vfs.rename(w.root, '/srv/file', '/mnt/file')), 'EXDEV'],
    ['a mount point', (w) => (w.vfs.mount(w.root, '/mnt', w.vfs.createFilesystem({ type: 'tmpfs' })), w.vfs.rename(w.root, '/mnt', '/mnt2')), 'EBUSY'],
    ['missing source', (w) => w.vfs.rename(w.root, '/srv/nope', '/srv/x'), 'ENOENT'],
    ['dot', (w) => w.vfs.rename(w.root, '/srv/.', '/srv/x'), 'EBUSY'],
    ['hard links of one inode: no-op', (w) => (w.vfs.link(w.root, '/srv/file', '/srv/h'), w.vfs.rename(w.root, '/srv/file', '/srv/h'), w.vfs.stat(w.root, '/srv/file')), 'ok'],
    ['sticky /tmp: another user', (w) => w.vfs.rename(w.alice, '/tmp/bobfile', '/tmp/mine'), 'EPERM'],
    ['no write permission', (w) => w.vfs.rename(w.alice, '/etc/passwd', '/tmp/pw'), 'EACCES'],
    ['immutable file', (w) => (w.vfs.setIattr(w.root, '/srv/file', IATTR.IMMUTABLE), w.vfs.rename(w.root, '/srv/file', '/srv/x')), 'EPERM'],
    ['unified file', (w) => (w.vfs.setIattr(w.root, '/srv/file', IATTR.IMMUTABLE | IATTR.IUNLINK), w.vfs.rename(w.root, '/srv/file', '/srv/x')), 'ok'],
    ['over a unified file', (w) => (w.vfs.setIattr(w.root, '/etc/passwd', IATTR.IMMUTABLE | IATTR.IUNLINK), w.vfs.rename(w.root, '/srv/file', '/etc/passwd')), 'ok'],
    ['over an immutable file', (w) => (w.vfs.setIattr(w.root, '/etc/passwd', IATTR.IMMUTABLE), w.vfs.rename(w.root, '/srv/file', '/etc/passwd')), 'EPERM'],
  ]);
  it('moves a directory: parents\' link counts and its .. follow', () => {
    const w = makeWorld();
    const srv = w.vfs.stat(w.root, '/srv').nlink;
    const mnt = w.vfs.stat(w.root, '/mnt').nlink;
    w.vfs.mkdirp(w.root, '/srv/d/e');
    w.vfs.rename(w.root, '/srv/d', '/mnt/d');
    expect(w.vfs.stat(w.root, '/srv').nlink).toBe(srv);
    expect(w.vfs.stat(w.root, '/mnt').nlink).toBe(mnt + 1);
    expect(w.vfs.stat(w.root, '/mnt/d/e/../..').ino).toBe(w.vfs.stat(w.root, '/mnt').ino);
    expect(w.vfs.realpath(w.root, '/mnt/d/e')).toBe('/mnt/d/e');
    expect(checkInvariants(w.rootfs)).toEqual([]);
  });
  it('replacing a file keeps the content of the source', () => {
    const w = makeWorld();
    w.vfs.rename(w.root, '/home/alice/notes.txt', '/etc/passwd');
    expect(data(w, '/etc/passwd')).toBe('hello\n');
  });
});

describe('chmod, chown, utimes', () => {
  table([
    ['chmod by the owner', (w) => w.vfs.chmod(w.alice, 'notes.txt', 0o600), 'ok'],
    ['chmod by another user', (w) => w.vfs.chmod(w.alice, '/etc/passwd', 0o777), 'EPERM'],
    ['chmod by root', (w) => w.vfs.chmod(w.root, '/home/alice/notes.txt', 0o600), 'ok'],
    ['chmod of an immutable file', (w) => (w.vfs.setIattr(w.root, '/srv/file', IATTR.IMMUTABLE), w.vfs.chmod(w.root, '/srv/file', 0o600)), 'EPERM'],
    ['chmod on a read-only fs', (w) => ((w.rootfs.readOnly = true), w.vfs.chmod(w.root, '/srv/file', 0o600)), 'EROFS'],
    ['chown by root', (w) => w.vfs.chown(w.root, '/srv/file', 1000, 1000), 'ok'],
    ['chown to another user by a user', (w) => w.vfs.chown(w.alice, 'notes.txt', 1001, -1), 'EPERM'],
    ['chown to oneself by the owner', (w) => w.vfs.chown(w.alice, 'notes.txt', 1000, -1), 'ok'],
    ['chgrp to an own group', (w) => w.vfs.chown(w.alice, 'notes.txt', -1, 1000), 'ok'],
    ['chgrp to a foreign group', (w) => w.vfs.chown(w.alice, 'notes.txt', -1, 0), 'EPERM'],
    ['chown of an immutable file', (w) => (w.vfs.setIattr(w.root, '/srv/file', IATTR.IMMUTABLE | IATTR.IUNLINK), w.vfs.chown(w.root, '/srv/file', 1, 1)), 'EPERM'],
    ['utimes explicit by the owner', (w) => w.vfs.utimes(w.alice, 'notes.txt', { atime: 1, mtime: 2 }), 'ok'],
    ['utimes explicit by a user with write access', (w) => (w.vfs.chmod(w.root, '/srv/file', 0o666), w.vfs.utimes(w.alice, '/srv/file', { atime: 1, mtime: 2 })), 'EPERM'],
    ['touch (now) with write access', (w) => (w.vfs.chmod(w.root, '/srv/file', 0o666), w.vfs.utimes(w.alice, '/srv/file', undefined)), 'ok'],
    ['touch (now) without write access', (w) => w.vfs.utimes(w.alice, '/srv/file', undefined), 'EACCES'],
    ['utimes of an immutable file', (w) => (w.vfs.setIattr(w.root, '/srv/file', IATTR.IMMUTABLE), w.vfs.utimes(w.root, '/srv/file', undefined)), 'EPERM'],
  ]);
  it('chmod drops setgid for a non-member; chown clears setuid', () => {
    const w = makeWorld();
    w.vfs.chmod(w.alice, 'notes.txt', 0o2755);
    expect(w.vfs.stat(w.alice, 'notes.txt').perm).toBe(0o2755);
    w.vfs.chown(w.root, '/home/alice/notes.txt', -1, 0);
    w.vfs.chmod(w.alice, 'notes.txt', 0o2755);
    expect(w.vfs.stat(w.alice, 'notes.txt').perm).toBe(0o755);
    w.vfs.chmod(w.root, '/bin/ls', 0o4755);
    w.vfs.chown(w.root, '/bin/ls', 1000, -1);
    expect(w.vfs.stat(w.root, '/bin/ls').perm).toBe(0o755);
  });
  it('times: ctime changes with attributes, mtime with content', () => {
    const w = makeWorld();
    w.vfs.open(w.root, '/srv/file', O_CREAT | O_WRONLY);
    w.clock.t += 100;
    w.vfs.chmod(w.root, '/srv/file', 0o600);
    const st = w.vfs.stat(w.root, '/srv/file');
    expect(st.ctime).toBe(w.clock.t);
    expect(st.mtime).toBeLessThan(w.clock.t);
    w.clock.t += 100;
    w.vfs.write(w.vfs.resolve(w.root, '/srv/file').inode, 0, 'x', w.root.cred);
    expect(w.vfs.stat(w.root, '/srv/file').mtime).toBe(w.clock.t);
    w.vfs.utimes(w.root, '/srv/file', { atime: 5, mtime: 6 });
    expect(w.vfs.stat(w.root, '/srv/file')).toMatchObject({ atime: 5, mtime: 6, ctime: w.clock.t });
  });
});

describe('mknod', () => {
  table([
    ['a character device as root', (w) => w.vfs.mknod(w.root, '/srv/null', 'chardev', 0o666, 1, 3), 'ok'],
    ['a device in a guest (no CAP_MKNOD)', (w) => w.vfs.mknod(w.guest, '/tmp/null', 'chardev', 0o666, 1, 3), 'EPERM'],
    ['a FIFO in a guest', (w) => w.vfs.mknod(w.guest, '/tmp/fifo', 'fifo', 0o644), 'ok'],
    ['a FIFO by a user in /tmp', (w) => w.vfs.mknod(w.alice, '/tmp/fifo', 'fifo', 0o644), 'ok'],
    ['a device by a user without write access', (w) => w.vfs.mknod(w.alice, '/etc/null', 'chardev', 0o666, 1, 3), 'EACCES'],
    ['over an existing name', (w) => w.vfs.mknod(w.root, '/dev/null', 'chardev', 0o666, 1, 3), 'EEXIST'],
  ]);
  it('records the device numbers', () => {
    const w = makeWorld();
    w.vfs.mknod(w.root, '/srv/sda', 'blockdev', 0o660, 8, 0);
    expect(w.vfs.stat(w.root, '/srv/sda')).toMatchObject({ type: 'blockdev', rdevMajor: 8, rdevMinor: 0, perm: 0o640 });
  });
});

describe('open', () => {
  table([
    ['O_CREAT creates', (w) => w.vfs.open(w.root, '/srv/new', O_CREAT | O_WRONLY), 'ok'],
    ['O_CREAT|O_EXCL on an existing file', (w) => w.vfs.open(w.root, '/srv/file', O_CREAT | O_EXCL | O_WRONLY), 'EEXIST'],
    ['O_CREAT|O_EXCL on a symlink', (w) => w.vfs.open(w.root, '/bin/sh', O_CREAT | O_EXCL | O_WRONLY), 'EEXIST'],
    ['O_CREAT with a trailing slash', (w) => w.vfs.open(w.root, '/srv/new/', O_CREAT | O_WRONLY), 'EISDIR'],
    ['O_CREAT without write access', (w) => w.vfs.open(w.alice, '/etc/new', O_CREAT | O_WRONLY), 'EACCES'],
    ['a directory for writing', (w) => w.vfs.open(w.root, '/etc', O_WRONLY), 'EISDIR'],
    ['a directory for reading', (w) => w.vfs.open(w.root, '/etc', O_RDONLY | O_DIRECTORY), 'ok'],
    ['O_DIRECTORY on a file', (w) => w.vfs.open(w.root, '/etc/passwd', O_RDONLY | O_DIRECTORY), 'ENOTDIR'],
    ['O_NOFOLLOW on a symlink', (w) => w.vfs.open(w.root, '/bin/sh', O_RDONLY | O_NOFOLLOW), 'ELOOP'],
    ['reading /etc/shadow as a user', (w) => w.vfs.open(w.alice, '/etc/shadow', O_RDONLY), 'EACCES'],
    ['reading /etc/shadow as root', (w) => w.vfs.open(w.root, '/etc/shadow', O_RDONLY), 'ok'],
    ['writing /etc/passwd as a user', (w) => w.vfs.open(w.alice, '/etc/passwd', O_RDWR), 'EACCES'],
    ['writing an immutable file as root', (w) => (w.vfs.setIattr(w.root, '/srv/file', IATTR.IMMUTABLE), w.vfs.open(w.root, '/srv/file', O_WRONLY)), 'EPERM'],
    ['O_TRUNC of a read-only-for-me file', (w) => w.vfs.open(w.alice, '/etc/passwd', O_RDONLY | O_TRUNC), 'EACCES'],
    ['writing on a read-only fs', (w) => ((w.rootfs.readOnly = true), w.vfs.open(w.root, '/srv/file', O_WRONLY)), 'EROFS'],
    ['a device on a read-only fs for writing', (w) => ((w.rootfs.readOnly = true), w.vfs.open(w.root, '/dev/null', O_WRONLY)), 'ok'],
    ['missing without O_CREAT', (w) => w.vfs.open(w.root, '/srv/nope', O_RDONLY), 'ENOENT'],
  ]);
  it('O_TRUNC empties, O_CREAT through a dangling symlink creates its target, umask applies', () => {
    const w = makeWorld();
    w.vfs.open(w.root, '/etc/passwd', O_WRONLY | O_TRUNC);
    expect(w.vfs.stat(w.root, '/etc/passwd').size).toBe(0);
    w.vfs.symlink(w.root, '/srv/target', '/srv/link');
    const r = w.vfs.open(w.root, '/srv/link', O_CREAT | O_WRONLY, 0o666);
    expect(r.created).toBe(true);
    expect(w.vfs.stat(w.root, '/srv/target')).toMatchObject({ type: 'file', perm: 0o644, uid: 0 });
    const a = w.vfs.open(w.alice, 'new.txt', O_CREAT | O_WRONLY, 0o640);
    expect(w.vfs.fstat(a.inode)).toMatchObject({ uid: 1000, gid: 1000, perm: 0o640, nlink: 1, size: 0 });
  });
  it('openExec needs a regular file with an x bit, even for root', () => {
    const w = makeWorld();
    expect(w.vfs.openExec(w.root, '/bin/ls').inode.program).toBe('ls');
    expect(w.vfs.openExec(w.root, '/bin/sh').inode.program).toBe('bash');
    expect(outcome(() => w.vfs.openExec(w.root, '/etc/passwd'))).toBe('EACCES');
    expect(outcome(() => w.vfs.openExec(w.root, '/bin'))).toBe('EACCES');
    expect(outcome(() => w.vfs.openExec(w.alice, '/bin/ls'))).toBe('ok');
    w.vfs.chmod(w.root, '/bin/ls', 0o700);
    expect(outcome(() => w.vfs.openExec(w.alice, '/bin/ls'))).toBe('EACCES');
  });
});

describe('read, write, truncate', () => {
  it('reads and writes at offsets, appends, extends with NULs', () => {
    const w = makeWorld();
    const { inode } = w.vfs.open(w.root, '/srv/f', O_CREAT | O_RDWR);
    const c = w.root.cred;
    expect(w.vfs.write(inode, 0, 'hello world', c)).toBe(11);
    expect(w.vfs.read(inode, 6, 100, c)).toBe('world');
    expect(w.vfs.write(inode, 0, 'J', c)).toBe(1);
    expect(w.vfs.append(inode, '!\n', c)).toBe(2);
    expect(w.vfs.readAll(inode)).toBe('Jello world!\n');
    expect(w.vfs.write(inode, 16, 'x', c)).toBe(1);
    expect(w.vfs.readAll(inode)).toBe('Jello world!\n\0\0\0x');
    expect(w.vfs.read(inode, 100, 10, c)).toBe('');
    expect(w.vfs.fstat(inode)).toMatchObject({ size: 17, blocks: 8 });
  });
  it('sizes are UTF-8 byte counts; offsets are bytes', () => {
    const w = makeWorld();
    const { inode } = w.vfs.open(w.root, '/srv/f', O_CREAT | O_RDWR);
    const c = w.root.cred;
    expect(w.vfs.write(inode, 0, 'café\n', c)).toBe(6);
    expect(w.vfs.fstat(inode).size).toBe(6);
    expect(w.vfs.read(inode, 0, 3, c)).toBe('caf');
    expect(w.vfs.read(inode, 3, 10, c)).toBe('é\n');
    expect(w.vfs.append(inode, '日本\n', c)).toBe(7);
    expect(w.vfs.fstat(inode).size).toBe(13);
    expect(w.vfs.readAll(inode)).toBe('café\n日本\n');
  });
  it('binary content: one character per byte', () => {
    const w = makeWorld();
    const { inode } = w.vfs.open(w.root, '/srv/bin', O_CREAT | O_RDWR);
    const c = w.root.cred;
    const bytes = '\x7fELF\x01\x01\xff\xfe';
    expect(w.vfs.write(inode, 0, bytes, c, { binary: true })).toBe(8);
    expect(w.vfs.fstat(inode).size).toBe(8);
    expect(inode.binary).toBe(true);
    expect(w.vfs.read(inode, 6, 2, c)).toBe('\xff\xfe');
    // text written into a binary file is stored as its UTF-8 bytes
    expect(w.vfs.write(inode, 8, 'é', c)).toBe(2);
    expect(w.vfs.read(inode, 8, 2, c)).toBe('\xc3\xa9');
  });
  table([
    ['truncate a file', (w) => w.vfs.truncate(w.root, '/etc/passwd', 4), 'ok'],
    ['truncate a directory', (w) => w.vfs.truncate(w.root, '/etc', 0), 'EISDIR'],
    ['truncate without write access', (w) => w.vfs.truncate(w.alice, '/etc/passwd', 0), 'EACCES'],
    ['truncate an immutable file', (w) => (w.vfs.setIattr(w.root, '/etc/passwd', IATTR.IMMUTABLE | IATTR.IUNLINK), w.vfs.truncate(w.root, '/etc/passwd', 0)), 'EPERM'],
    ['truncate to a negative length', (w) => w.vfs.truncate(w.root, '/etc/passwd', -1), 'EINVAL'],
    ['write into an immutable inode', (w) => (w.vfs.setIattr(w.root, '/etc/passwd', IATTR.IMMUTABLE), w.vfs.write(w.vfs.resolve(w.root, '/etc/passwd').inode, 0, 'x', w.root.cred)), 'EPERM'],
    ['read a directory inode', (w) => w.vfs.read(w.vfs.resolve(w.root, '/etc').inode, 0, 10, w.root.cred), 'EISDIR'],
    ['write a directory inode', (w) => w.vfs.write(w.vfs.resolve(w.root, '/etc').inode, 0, 'x', w.root.cred), 'EISDIR'],
  ]);
  it('truncate shortens and extends (a hole uses no space)', () => {
    const w = makeWorld();
    w.vfs.truncate(w.root, '/etc/passwd', 4);
    expect(data(w, '/etc/passwd')).toBe('root');
    w.vfs.truncate(w.root, '/etc/passwd', 1 << 20);
    const st = w.vfs.stat(w.root, '/etc/passwd');
    expect(st.size).toBe(1 << 20);
    expect(st.blocks).toBe(8);
    expect(data(w, '/etc/passwd').length).toBe(1 << 20);
    expect(checkInvariants(w.rootfs)).toEqual([]);
  });
  it('a write by a non-owner clears setuid', () => {
    const w = makeWorld();
    w.vfs.open(w.root, '/srv/file', O_CREAT | O_WRONLY);
    w.vfs.chmod(w.root, '/srv/file', 0o4777);
    w.vfs.write(w.vfs.open(w.alice, '/srv/file', O_WRONLY | O_APPEND).inode, 0, 'x', w.alice.cred);
    expect(w.vfs.stat(w.root, '/srv/file').perm).toBe(0o777);
  });
});

describe('readdir and access', () => {
  it('lists . and .. first, then entries in creation order', () => {
    const w = makeWorld();
    w.vfs.mkdir(w.root, '/srv/d');
    for (const n of ['zeta', 'alpha', 'mid']) w.vfs.open(w.root, `/srv/d/${n}`, O_CREAT | O_WRONLY);
    const list = w.vfs.readdir(w.root, '/srv/d');
    expect(list.map((e) => e.name)).toEqual(['.', '..', 'zeta', 'alpha', 'mid']);
    expect(list[1]!.ino).toBe(w.vfs.stat(w.root, '/srv').ino);
    expect(list[2]!.type).toBe('file');
    const root = w.vfs.readdir(w.root, '/');
    expect(root[0]!.ino).toBe(2);
    expect(root[1]!.ino).toBe(2);
    expect(root[2]!.name).toBe('lost+found');
    expect(root[2]!.ino).toBe(11);
  });
  table([
    ['readdir of a file', (w) => w.vfs.readdir(w.root, '/etc/passwd'), 'ENOTDIR'],
    ['readdir without read permission', (w) => w.vfs.readdir(w.alice, '/root'), 'EACCES'],
    ['access R as a user', (w) => w.vfs.access(w.alice, '/etc/passwd', R_OK), 'ok'],
    ['access W as a user', (w) => w.vfs.access(w.alice, '/etc/passwd', W_OK), 'EACCES'],
    ['access X of a non-executable as root', (w) => w.vfs.access(w.root, '/etc/passwd', X_OK), 'EACCES'],
    ['access X of a program', (w) => w.vfs.access(w.alice, '/bin/ls', X_OK), 'ok'],
    ['access F of nothing', (w) => w.vfs.access(w.alice, '/nope', F_OK), 'ENOENT'],
    ['access W on a read-only fs', (w) => ((w.rootfs.readOnly = true), w.vfs.access(w.root, '/etc/passwd', W_OK)), 'EROFS'],
  ]);
});

describe('ext3 details', () => {
  it('inode numbers: root 2, lost+found 11, then allocation from 12 with reuse of the lowest free', () => {
    const w = makeWorld();
    expect(w.vfs.stat(w.root, '/').ino).toBe(2);
    expect(w.vfs.stat(w.root, '/lost+found')).toMatchObject({ ino: 11, perm: 0o700, size: 16384 });
    expect(w.vfs.stat(w.root, '/etc').ino).toBe(12);
    const a = w.vfs.open(w.root, '/srv/a', O_CREAT | O_WRONLY).inode.ino;
    w.vfs.unlink(w.root, '/srv/a');
    expect(w.vfs.open(w.root, '/srv/b', O_CREAT | O_WRONLY).inode.ino).toBe(a);
  });
  it('a directory grows by a block when its entries fill the first one', () => {
    const w = makeWorld();
    w.vfs.mkdir(w.root, '/srv/big');
    // 12-byte records for . and .., then 8 + name rounded to 4: 'entry-number-NNN' takes 24
    for (let i = 100; i < 269; i++) w.vfs.open(w.root, `/srv/big/entry-number-${i}`, O_CREAT | O_WRONLY);
    expect(w.vfs.stat(w.root, '/srv/big').size).toBe(4096); // 24 + 169 × 24 = 4080 bytes fit in one block
    w.vfs.unlink(w.root, '/srv/big/entry-number-100');
    w.vfs.open(w.root, '/srv/big/entry-number-999', O_CREAT | O_WRONLY);
    w.vfs.open(w.root, '/srv/big/entry-number-998', O_CREAT | O_WRONLY);
    expect(w.vfs.stat(w.root, '/srv/big').size).toBe(2 * 4096);
    expect(w.vfs.stat(w.root, '/srv/big').blocks).toBe(16);
    expect(checkInvariants(w.rootfs)).toEqual([]);
  });
  it('tmpfs directories report 20 bytes per entry', () => {
    const w = makeWorld();
    const t = w.vfs.createFilesystem({ type: 'tmpfs', blocks: 100 });
    w.vfs.mount(w.root, '/mnt', t);
    expect(w.vfs.stat(w.root, '/mnt').size).toBe(40);
    w.vfs.mkdir(w.root, '/mnt/a');
    expect(w.vfs.stat(w.root, '/mnt').size).toBe(60);
    expect(w.vfs.stat(w.root, '/mnt').ino).toBe(1);
  });
  it('a user cannot make a guest-only credential do more: makeCred without caps', () => {
    const nobody = makeCred({ uid: 65534, gid: 65534 });
    expect(nobody.capable('DAC_OVERRIDE')).toBe(false);
  });
});
