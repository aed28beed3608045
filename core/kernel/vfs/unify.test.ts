import { describe, expect, it } from 'vitest';
import { O_CREAT, O_RDONLY, O_TRUNC, O_WRONLY } from '../file.js';
import { IATTR } from './constants.js';
import { checkInvariants } from './dump.js';
import { VfsError } from './errors.js';
import { makeWorld } from './fixtures.js';

function outcome(f: () => unknown): string {
  try {
    f();
    return 'ok';
  } catch (e) {
    if (e instanceof VfsError) return e.code;
    throw e;
  }
}

describe('hard links', () => {
  it('share one inode: same ino, nlink counts, unlinking one keeps the other', () => {
    const w = makeWorld();
    const { vfs } = w;
    vfs.link(w.root, '/etc/passwd', '/srv/pw');
    const a = vfs.stat(w.root, '/etc/passwd');
    const b = vfs.stat(w.root, '/srv/pw');
    expect(b.ino).toBe(a.ino);
    expect(a.nlink).toBe(2);
    expect(vfs.resolve(w.root, '/srv/pw').inode).toBe(vfs.resolve(w.root, '/etc/passwd').inode);
    // a write through one name shows through the other
    vfs.write(vfs.open(w.root, '/srv/pw', O_WRONLY).inode, 0, 'ROOT', w.root.cred);
    expect(vfs.readAll(vfs.resolve(w.root, '/etc/passwd').inode).startsWith('ROOT:x')).toBe(true);
    vfs.unlink(w.root, '/etc/passwd');
    expect(vfs.stat(w.root, '/srv/pw')).toMatchObject({ ino: a.ino, nlink: 1 });
    expect(outcome(() => vfs.stat(w.root, '/etc/passwd'))).toBe('ENOENT');
    expect(checkInvariants(w.rootfs)).toEqual([]);
  });

  it('an open file survives the unlink of its last name', () => {
    const w = makeWorld();
    const { vfs } = w;
    const { inode } = vfs.open(w.root, '/etc/passwd', O_RDONLY);
    vfs.unlink(w.root, '/etc/passwd');
    expect(inode.nlink).toBe(0);
    expect(inode.linked).toBe(false);
    expect(vfs.readAll(inode).startsWith('root:')).toBe(true);
    expect(vfs.fstat(inode).nlink).toBe(0);
    expect(checkInvariants(w.rootfs)).toEqual([]);
  });
});

describe('unification (immutable + iunlink)', () => {
  /** vunify's steps on a guest file that equals the reference file (§9.9). */
  function unified() {
    const w = makeWorld();
    const { vfs } = w;
    const ref = '/bin/ls';
    const guestFile = '/vservers/vs/bin/ls';
    vfs.setIattr(w.root, ref, IATTR.IMMUTABLE | IATTR.IUNLINK);
    vfs.rename(w.root, guestFile, guestFile + ';A1b2C3');
    vfs.link(w.root, ref, guestFile);
    vfs.unlink(w.root, guestFile + ';A1b2C3');
    return { w, vfs };
  }

  it('vunify: the guest file is the host file, flagged immutable + iunlink', () => {
    const { w, vfs } = unified();
    expect(vfs.stat(w.guest, '/bin/ls').ino).toBe(vfs.stat(w.root, '/bin/ls').ino);
    expect(vfs.stat(w.guest, '/bin/ls').nlink).toBe(2);
    const info = vfs.getIattr(w.root, '/vservers/vs/bin/ls');
    expect(info.flags).toBe(IATTR.IMMUTABLE | IATTR.IUNLINK);
    expect(info.mask).toBe(IATTR.IMMUTABLE | IATTR.IUNLINK);
    expect(vfs.getIattr(w.root, '/etc').mask).toBe(IATTR.IMMUTABLE | IATTR.IUNLINK | IATTR.BARRIER);
    expect(checkInvariants(w.rootfs)).toEqual([]);
  });

  it.each([
    ['open for writing', (v: ReturnType<typeof unified>) => v.vfs.open(v.w.guest, '/bin/ls', O_WRONLY), 'EPERM'],
    ['open with O_TRUNC', (v: ReturnType<typeof unified>) => v.vfs.open(v.w.guest, '/bin/ls', O_WRONLY | O_TRUNC), 'EPERM'],
    ['write to the inode', (v: ReturnType<typeof unified>) => v.vfs.write(v.vfs.resolve(v.w.guest, '/bin/ls').inode, 0, 'x', v.w.guest.cred), 'EPERM'],
    ['truncate', (v: ReturnType<typeof unified>) => v.vfs.truncate(v.w.guest, '/bin/ls', 0), 'EPERM'],
    ['chmod', (v: ReturnType<typeof unified>) => v.vfs.chmod(v.w.guest, '/bin/ls', 0o777), 'EPERM'],
    ['chown', (v: ReturnType<typeof unified>) => v.vfs.chown(v.w.guest, '/bin/ls', 5, 5), 'EPERM'],
    ['touch', (v: ReturnType<typeof unified>) => v.vfs.utimes(v.w.guest, '/bin/ls', undefined), 'EPERM'],
    ['clear the flags from the guest', (v: ReturnType<typeof unified>) => v.vfs.setIattr(v.w.guest, '/bin/ls', 0, IATTR.IMMUTABLE), 'EPERM'],
    ['read and execute', (v: ReturnType<typeof unified>) => (v.vfs.open(v.w.guest, '/bin/ls', O_RDONLY), v.vfs.openExec(v.w.guest, '/bin/ls')), 'ok'],
    ['rm', (v: ReturnType<typeof unified>) => v.vfs.unlink(v.w.guest, '/bin/ls'), 'ok'],
    ['mv', (v: ReturnType<typeof unified>) => v.vfs.rename(v.w.guest, '/bin/ls', '/bin/ls.old'), 'ok'],
    ['replace (package upgrade: new file renamed over it)', (v: ReturnType<typeof unified>) => (v.vfs.open(v.w.guest, '/bin/ls.new', O_CREAT | O_WRONLY), v.vfs.rename(v.w.guest, '/bin/ls.new', '/bin/ls')), 'ok'],
  ])('a guest on a unified file: %s → %s', (_name, run, want) => {
    const v = unified();
    expect(outcome(() => run(v))).toBe(want);
    // the host copy is never affected
    expect(v.vfs.stat(v.w.root, '/bin/ls')).toMatchObject({ perm: 0o755, size: 77160, uid: 0 });
    expect(checkInvariants(v.w.rootfs)).toEqual([]);
  });

  it('replacing breaks the link: the guest gets its own file, the host keeps the old one', () => {
    const { w, vfs } = unified();
    const hostIno = vfs.stat(w.root, '/bin/ls').ino;
    const { inode } = vfs.open(w.guest, '/bin/ls.new', O_CREAT | O_WRONLY, 0o755);
    vfs.write(inode, 0, 'new ls', w.guest.cred);
    vfs.rename(w.guest, '/bin/ls.new', '/bin/ls');
    expect(vfs.stat(w.guest, '/bin/ls').ino).not.toBe(hostIno);
    expect(vfs.stat(w.root, '/bin/ls')).toMatchObject({ ino: hostIno, nlink: 1, size: 77160 });
  });

  it('immutable without iunlink cannot be removed even by host root', () => {
    const w = makeWorld();
    w.vfs.setIattr(w.root, '/etc/passwd', IATTR.IMMUTABLE);
    expect(outcome(() => w.vfs.unlink(w.root, '/etc/passwd'))).toBe('EPERM');
    w.vfs.setIattr(w.root, '/etc/passwd', 0, IATTR.IMMUTABLE);
    expect(outcome(() => w.vfs.unlink(w.root, '/etc/passwd'))).toBe('ok');
  });

  it('setattr rules: proc bits only on /proc entries, barrier ignored on files', () => {
    const w = makeWorld();
    expect(outcome(() => w.vfs.setIattr(w.root, '/etc/passwd', IATTR.HIDE))).toBe('EINVAL');
    w.vfs.setIattr(w.root, '/etc/passwd', IATTR.BARRIER);
    expect(w.vfs.getIattr(w.root, '/etc/passwd').flags).toBe(0);
    expect(outcome(() => w.vfs.setIattr(w.root, '/etc/passwd', 0x80000))).toBe('EINVAL');
  });
});
