import { describe, expect, it } from 'vitest';
import { makeCred } from './cred.js';
import { IATTR } from './constants.js';
import { VfsError } from './errors.js';
import { guestCaps, makeWorld } from './fixtures.js';

function code(f: () => unknown): string {
  try {
    f();
    return 'ok';
  } catch (e) {
    if (e instanceof VfsError) return e.code;
    throw e;
  }
}

describe('path resolution', () => {
  const w = makeWorld();
  const { vfs } = w;
  vfs.symlink(w.root, '/etc/passwd', '/tmp/abs');
  vfs.symlink(w.root, '../etc/passwd', '/tmp/rel');
  vfs.symlink(w.root, 'loop2', '/tmp/loop1');
  vfs.symlink(w.root, 'loop1', '/tmp/loop2');
  vfs.symlink(w.root, '/nowhere', '/tmp/dangling');
  vfs.symlink(w.root, '/etc', '/tmp/etcdir');
  // a chain of 40 links is fine, 41 is too many
  vfs.symlink(w.root, '/etc/passwd', '/tmp/c0');
  for (let i = 1; i <= 40; i++) vfs.symlink(w.root, `c${i - 1}`, `/tmp/c${i}`);

  const ino = (p: string) => vfs.stat(w.root, p).ino;
  const table: [string, string | number][] = [
    ['/', w.rootfs.root.ino],
    ['/.', w.rootfs.root.ino],
    ['/..', w.rootfs.root.ino],
    ['/../../..', w.rootfs.root.ino],
    ['//etc//passwd', ino('/etc/passwd')],
    ['/etc/../etc/./passwd', ino('/etc/passwd')],
    ['/etc/', ino('/etc')],
    ['/tmp/abs', ino('/etc/passwd')],
    ['/tmp/rel', ino('/etc/passwd')],
    ['/tmp/etcdir/passwd', ino('/etc/passwd')],
    ['/tmp/etcdir/', ino('/etc')],
    ['/tmp/c39', ino('/etc/passwd')],
    ['/tmp/c40', 'ELOOP'],
    ['/tmp/loop1', 'ELOOP'],
    ['/tmp/dangling', 'ENOENT'],
    ['/etc/passwd/', 'ENOTDIR'],
    ['/etc/passwd/x', 'ENOTDIR'],
    ['/nope', 'ENOENT'],
    ['/nope/x', 'ENOENT'],
    ['', 'ENOENT'],
    ['/' + 'a'.repeat(256), 'ENAMETOOLONG'],
    ['/' + 'a'.repeat(255), 'ENOENT'],
    ['/a/'.repeat(1400), 'ENAMETOOLONG'],
  ];
  const labelled = table.map(([p, want]) => [p.length > 40 ? `${p.slice(0, 12)}… (${p.length} chars)` : p || "''", p, want] as const);
  it.each(labelled)('stat %s', (_label, path, want) => {
    const got = code(() => vfs.stat(w.root, path));
    if (typeof want === 'number') expect(vfs.stat(w.root, path).ino).toBe(want);
    else expect(got).toBe(want);
  });

  it('lstat does not follow the final link, stat does', () => {
    expect(vfs.lstat(w.root, '/tmp/abs').type).toBe('symlink');
    expect(vfs.lstat(w.root, '/tmp/abs').size).toBe('/etc/passwd'.length);
    expect(vfs.stat(w.root, '/tmp/abs').type).toBe('file');
    expect(vfs.lstat(w.root, '/tmp/dangling').type).toBe('symlink');
    // a trailing slash forces following
    expect(vfs.lstat(w.root, '/tmp/etcdir/').type).toBe('dir');
  });

  it('relative paths start at the cwd', () => {
    expect(vfs.stat(w.alice, 'notes.txt').uid).toBe(1000);
    expect(vfs.getcwd(w.alice)).toBe('/home/alice');
    expect(vfs.stat(w.alice, '../alice/./notes.txt').size).toBe(6);
  });

  it('search permission is needed on every directory (EACCES), root passes by capability', () => {
    vfs.mkdir(w.root, '/root/secret');
    expect(code(() => vfs.stat(w.alice, '/root/secret'))).toBe('EACCES');
    expect(code(() => vfs.stat(w.root, '/root/secret'))).toBe('ok');
    vfs.mkdir(w.root, '/tmp/private', 0o700);
    vfs.mkdir(w.root, '/tmp/private/x');
    vfs.chown(w.root, '/tmp/private', 5, 5);
    // uid 0 without capabilities is just another user
    const powerless = w.as(makeCred({ uid: 0, gid: 0, caps: 0n }));
    expect(code(() => vfs.stat(powerless, '/tmp/private/x'))).toBe('EACCES');
    expect(code(() => vfs.stat(w.root, '/tmp/private/x'))).toBe('ok');
    // stat needs no permission on the file itself
    expect(code(() => vfs.stat(w.alice, '/etc/shadow'))).toBe('ok');
  });

  it('getcwd and realpath', () => {
    expect(vfs.realpath(w.root, '/tmp/rel')).toBe('/etc/passwd');
    expect(vfs.realpath(w.root, '/tmp/etcdir/../bin/sh')).toBe('/bin/bash');
    expect(vfs.realpath(w.root, '/tmp/etcdir')).toBe('/etc');
    expect(vfs.realpath(w.root, '/')).toBe('/');
    const cwd = vfs.chdir(w.root, '/vservers/vs/etc');
    expect(vfs.getcwd({ ...w.root, cwd })).toBe('/vservers/vs/etc');
    expect(vfs.getcwd({ ...w.guest, cwd })).toBe('/etc');
  });

  it('getcwd of a removed directory is ENOENT', () => {
    const d = vfs.mkdirp(w.root, '/tmp/gone');
    vfs.rmdir(w.root, '/tmp/gone');
    expect(code(() => vfs.getcwd({ ...w.root, cwd: d }))).toBe('ENOENT');
    expect(code(() => vfs.open({ ...w.root, cwd: d }, 'x', 0o101))).toBe('ENOENT');
  });
});

describe('chroot', () => {
  it('.. never goes above the root; absolute symlinks resolve inside it', () => {
    const w = makeWorld();
    const { vfs } = w;
    vfs.symlink(w.root, '/etc/hostname', '/vservers/vs/tmp/h');
    expect(vfs.stat(w.guest, '/').ino).toBe(vfs.stat(w.root, '/vservers/vs').ino);
    expect(vfs.stat(w.guest, '/../../..').ino).toBe(vfs.stat(w.root, '/vservers/vs').ino);
    expect(vfs.readAll(vfs.resolve(w.guest, '/tmp/h').inode)).toBe('vs\n');
    expect(vfs.getcwd(w.guest)).toBe('/');
    expect(() => vfs.stat(w.guest, '/etc/passwd')).toThrow(VfsError);
  });

  it('chroot needs CAP_SYS_CHROOT (after the lookup checks)', () => {
    const w = makeWorld();
    expect(code(() => w.vfs.chroot(w.alice, '/tmp'))).toBe('EPERM');
    expect(code(() => w.vfs.chroot(w.alice, '/nope'))).toBe('ENOENT');
    expect(code(() => w.vfs.chroot(w.alice, '/etc/passwd'))).toBe('ENOTDIR');
    expect(code(() => w.vfs.chroot(w.root, '/tmp'))).toBe('ok');
  });

  /**
   * The classic escape: a guest root makes a directory, chroots into it while keeping its cwd
   * outside the new root, and climbs with '..'. Without the barrier it reaches the real /; with
   * the barrier on /vservers (what vserver-build sets) the walk stops there with EACCES.
   */
  function escape(barrier: boolean): { result: string; where?: string; sawPasswd?: boolean } {
    const w = makeWorld();
    const { vfs } = w;
    if (barrier) vfs.setIattr(w.root, '/vservers', IATTR.BARRIER);
    let ctx = w.guest;
    vfs.mkdir(ctx, 'x');
    ctx = { ...ctx, root: vfs.chroot(ctx, 'x') }; // cwd stays at the old root, outside the new one
    try {
      ctx = { ...ctx, cwd: vfs.chdir(ctx, '../../..') };
      ctx = { ...ctx, root: vfs.chroot(ctx, '.') };
      const where = vfs.getcwd(ctx);
      const passwd = vfs.readAll(vfs.open(ctx, '/etc/passwd', 0).inode, ctx.cred);
      return { result: 'escaped', where, sawPasswd: passwd.startsWith('root:x:0:0') };
    } catch (e) {
      if (e instanceof VfsError) return { result: e.code };
      throw e;
    }
  }

  it('without the barrier the guest reaches the host root', () => {
    expect(escape(false)).toEqual({ result: 'escaped', where: '/', sawPasswd: true });
  });

  it('with the barrier on /vservers the escape fails with EACCES', () => {
    expect(escape(true)).toEqual({ result: 'EACCES' });
  });

  it('the barrier stops guests only: host (0) and spectator (1) walk through', () => {
    const w = makeWorld();
    const { vfs } = w;
    vfs.setIattr(w.root, '/vservers', IATTR.BARRIER);
    expect(code(() => vfs.stat(w.root, '/vservers/vs/etc/hostname'))).toBe('ok');
    const spectator = w.as(makeCred({ uid: 0, gid: 0, xid: 1 }));
    expect(code(() => vfs.stat(spectator, '/vservers/vs/etc/hostname'))).toBe('ok');
    const guestOnHostRoot = w.as(makeCred({ uid: 0, gid: 0, xid: 40000, caps: guestCaps() }));
    expect(code(() => vfs.stat(guestOnHostRoot, '/vservers/vs/etc/hostname'))).toBe('EACCES');
    expect(code(() => vfs.readdir(guestOnHostRoot, '/vservers'))).toBe('EACCES');
    // the guest inside its root never touches /vservers
    expect(code(() => vfs.stat(w.guest, '/etc/hostname'))).toBe('ok');
    // a guest whose cwd is its old root (outside a new chroot) can name /vservers with '..'
    // (lookup needs no permission on the result) but can neither enter, list nor cross it
    const outside = { ...w.guest, root: vfs.resolve(w.root, '/vservers/vs/tmp') };
    expect(vfs.pathOf(vfs.resolve(outside, '..'), w.root.root)).toBe('/vservers');
    expect(vfs.stat(outside, '..').ino).toBe(vfs.stat(w.root, '/vservers').ino);
    expect(code(() => vfs.chdir(outside, '..'))).toBe('EACCES');
    expect(code(() => vfs.readdir(outside, '..'))).toBe('EACCES');
    expect(code(() => vfs.stat(outside, '../..'))).toBe('EACCES');
    expect(code(() => vfs.stat(outside, '../vs/etc/hostname'))).toBe('EACCES');
  });
});
