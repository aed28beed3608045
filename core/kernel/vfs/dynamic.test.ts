import { describe, expect, it } from 'vitest';
import { O_CREAT, O_RDONLY, O_WRONLY } from '../file.js';
import { IATTR } from './constants.js';
import { makeCred, type VfsCred } from './cred.js';
import { VfsError } from './errors.js';
import type { DynamicEntry, DynamicSource } from './filesystem.js';
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

/** A toy /proc: pids per context, uptime, a writable sys file, self. */
function toyProc(state: { tasks: { pid: number; xid: number }[]; hostname: string }): DynamicSource {
  const visible = (v: VfsCred) => state.tasks.filter((t) => v.xid === 1 || t.xid === v.xid || t.pid === 1);
  const secure = IATTR.ADMIN | IATTR.HIDE;
  return {
    list(path, v) {
      if (path === '') return [...visible(v).map((t) => String(t.pid)), 'uptime', 'cmdline', 'self', 'sys'];
      if (path === 'sys') return ['hostname'];
      if (/^\d+$/.test(path) && visible(v).some((t) => String(t.pid) === path)) return ['status'];
      return undefined;
    },
    lookup(path, v): DynamicEntry | undefined {
      if (path === '' || path === 'sys') return { kind: 'dir' };
      if (path === 'uptime') return { kind: 'file', read: () => '123.45 100.00\n', iattr: IATTR.ADMIN };
      if (path === 'cmdline') return { kind: 'file', read: () => 'ro root=/dev/sda1\n', iattr: secure };
      if (path === 'sys/hostname') return { kind: 'file', perm: 0o644, read: () => state.hostname + '\n', write: (d) => void (state.hostname = d.trim()) };
      if (path === 'self') return { kind: 'symlink', target: String((v.subject as { pid: number } | undefined)?.pid ?? 1) };
      const m = /^(\d+)(?:\/(status))?$/.exec(path);
      const t = m && visible(v).find((x) => String(x.pid) === m[1]);
      if (!t) return undefined;
      if (!m[2]) return { kind: 'dir', ino: t.pid * 65536, mtime: 1000 + t.pid };
      return { kind: 'file', read: () => `Pid:\t${t.pid}\nVxID:\t${t.xid}\n` };
    },
  };
}

function setup() {
  const w = makeWorld();
  const state = { tasks: [{ pid: 1, xid: 0 }, { pid: 300, xid: 0 }, { pid: 4400, xid: 40000 }], hostname: 'scivm-xm4' };
  const proc = w.vfs.createFilesystem({ type: 'proc', device: 'proc', source: toyProc(state) });
  w.vfs.mount(w.root, '/proc', proc);
  w.vfs.mount(w.root, '/vservers/vs/proc', proc);
  return { w, vfs: w.vfs, state, proc };
}

describe('dynamic filesystems (/proc)', () => {
  it('lists and reads through the callbacks, per viewer', () => {
    const { w, vfs } = setup();
    const names = (ctx: typeof w.root) => vfs.readdir(ctx, '/proc').map((e) => e.name);
    expect(names(w.root)).toEqual(['.', '..', '1', '300', 'uptime', 'cmdline', 'self', 'sys']);
    expect(names(w.guest)).toEqual(['.', '..', '1', '4400', 'uptime', 'self', 'sys']);
    const spectator = w.as(makeCred({ uid: 0, gid: 0, xid: 1 }));
    expect(names(spectator)).toEqual(['.', '..', '1', '300', '4400', 'uptime', 'self', 'sys']);
    expect(outcome(() => vfs.stat(w.guest, '/proc/300'))).toBe('ENOENT');
    const status = vfs.open(w.guest, '/proc/4400/status', O_RDONLY).inode;
    expect(vfs.readAll(status, w.guest.cred)).toBe('Pid:\t4400\nVxID:\t40000\n');
    expect(vfs.read(status, 5, 4, w.guest.cred)).toBe('4400');
    expect(vfs.stat(w.guest, '/proc/4400')).toMatchObject({ type: 'dir', ino: 4400 * 65536, mtime: 5400, perm: 0o555 });
    expect(vfs.stat(w.root, '/proc/uptime')).toMatchObject({ type: 'file', size: 0, perm: 0o444, dev: vfs.stat(w.root, '/proc').dev });
    // stable inode numbers
    expect(vfs.stat(w.root, '/proc/uptime').ino).toBe(vfs.stat(w.guest, '/proc/uptime').ino);
    expect(vfs.stat(w.root, '/proc').ino).toBe(1);
  });

  it('symlinks, .. and getcwd inside /proc', () => {
    const { w, vfs } = setup();
    const me = { ...w.root, cred: makeCred({ uid: 0, gid: 0, subject: { pid: 300 } }) };
    expect(vfs.readlink(me, '/proc/self')).toBe('300');
    expect(vfs.stat(me, '/proc/self/status').type).toBe('file');
    expect(vfs.realpath(me, '/proc/self/status')).toBe('/proc/300/status');
    const cwd = vfs.chdir(me, '/proc/300');
    expect(vfs.getcwd({ ...me, cwd })).toBe('/proc/300');
    expect(vfs.stat({ ...me, cwd }, '../..').ino).toBe(2);
  });

  it('writes go to the callback; other changes are refused', () => {
    const { w, vfs, state } = setup();
    const f = vfs.open(w.root, '/proc/sys/hostname', O_WRONLY).inode;
    vfs.write(f, 0, 'newname\n', w.root.cred);
    expect(state.hostname).toBe('newname');
    expect(outcome(() => vfs.write(vfs.resolve(w.root, '/proc/uptime').inode, 0, 'x', w.root.cred))).toBe('EIO');
    expect(outcome(() => vfs.mkdir(w.root, '/proc/x'))).toBe('EPERM');
    expect(outcome(() => vfs.open(w.root, '/proc/new', O_CREAT | O_WRONLY))).toBe('EACCES');
    expect(outcome(() => vfs.unlink(w.root, '/proc/uptime'))).toBe('EPERM');
    expect(outcome(() => vfs.chmod(w.root, '/proc/uptime', 0o777))).toBe('EPERM');
    expect(outcome(() => vfs.open(w.alice, '/proc/sys/hostname', O_WRONLY))).toBe('EACCES');
  });

  it('admin/watch/hide: settable, persistent, applied per context (seed: vprocunhide, setattr --hide)', () => {
    const { w, vfs, proc } = setup();
    const flags = (p: string) => vfs.getIattr(w.root, p);
    // uptime after vprocunhide: admin only → Awh; cmdline: admin+hide → AwH
    expect(flags('/proc/uptime')).toMatchObject({ flags: IATTR.ADMIN, mask: IATTR.ADMIN | IATTR.WATCH | IATTR.HIDE | IATTR.IUNLINK | IATTR.IMMUTABLE });
    expect(outcome(() => vfs.stat(w.guest, '/proc/cmdline'))).toBe('ENOENT');
    expect(outcome(() => vfs.stat(w.root, '/proc/cmdline'))).toBe('ok');
    vfs.setIattr(w.root, '/proc/uptime', IATTR.HIDE);
    expect(flags('/proc/uptime').flags).toBe(IATTR.ADMIN | IATTR.HIDE);
    expect(outcome(() => vfs.stat(w.guest, '/proc/uptime'))).toBe('ENOENT');
    expect(outcome(() => vfs.stat(w.root, '/proc/uptime'))).toBe('ok');
    const spectator = w.as(makeCred({ uid: 0, gid: 0, xid: 1 }));
    expect(outcome(() => vfs.stat(spectator, '/proc/uptime'))).toBe('ENOENT');
    vfs.setIattr(w.root, '/proc/uptime', IATTR.WATCH);
    expect(outcome(() => vfs.stat(spectator, '/proc/uptime'))).toBe('ok');
    // the attributes belong to the entry, whichever mount shows it
    expect(vfs.getIattr(w.root, '/vservers/vs/proc/uptime').flags).toBe(IATTR.ADMIN | IATTR.WATCH | IATTR.HIDE);
    // process directories carry no such bits
    expect(outcome(() => vfs.setIattr(w.root, '/proc/300', IATTR.HIDE))).toBe('EINVAL');
    // the setting survives a snapshot round trip
    const snap = vfs.snapshot();
    vfs.setIattr(w.root, '/proc/uptime', 0, IATTR.HIDE);
    expect(outcome(() => vfs.stat(w.guest, '/proc/uptime'))).toBe('ok');
    vfs.restore(snap);
    expect(outcome(() => vfs.stat(w.guest, '/proc/uptime'))).toBe('ENOENT');
    expect(proc.dynAttrs.get('uptime')).toBe(IATTR.ADMIN | IATTR.WATCH | IATTR.HIDE);
  });

  it('callback failures become VfsErrors', () => {
    const w = makeWorld();
    const bad: DynamicSource = {
      list: () => {
        throw new TypeError('boom');
      },
      lookup: (p) => (p === '' ? { kind: 'dir' } : { kind: 'file', read: () => { throw new Error('nope'); } }),
    };
    w.vfs.mount(w.root, '/proc', w.vfs.createFilesystem({ type: 'proc', source: bad }));
    expect(outcome(() => w.vfs.readdir(w.root, '/proc'))).toBe('EIO');
    expect(outcome(() => w.vfs.readAll(w.vfs.resolve(w.root, '/proc/x').inode))).toBe('EIO');
  });
});
