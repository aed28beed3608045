import { describe, expect, it } from 'vitest';
import { O_CREAT, O_WRONLY } from '../file.js';
import { IATTR } from './constants.js';
import { checkInvariants, dumpVfs } from './dump.js';
import { makeWorld, type TestWorld } from './fixtures.js';
import { populate, type PopulateSpec } from './populate.js';
import { Vfs } from './vfs.js';

function mess(w: TestWorld): void {
  const { vfs } = w;
  w.clock.t += 60;
  vfs.write(vfs.open(w.root, '/etc/passwd', O_WRONLY).inode, 3, 'XX', w.root.cred);
  vfs.append(vfs.open(w.root, '/etc/passwd', O_WRONLY).inode, 'bob:x:1001:1001::/home/bob:/bin/sh\n', w.root.cred);
  vfs.mkdirp(w.root, '/srv/a/b/c');
  vfs.open(w.root, '/srv/a/b/c/f', O_CREAT | O_WRONLY);
  vfs.link(w.root, '/bin/ls', '/srv/ls');
  vfs.unlink(w.root, '/home/alice/notes.txt');
  vfs.rename(w.root, '/vservers/vs/etc', '/vservers/vs/etc.old');
  vfs.chmod(w.root, '/tmp', 0o755);
  vfs.setIattr(w.root, '/vservers', IATTR.BARRIER);
  vfs.truncate(w.root, '/bin/ls', 10);
  const t = vfs.createFilesystem({ type: 'tmpfs', device: 'later' });
  vfs.mount(w.root, '/mnt', t);
  vfs.mkdir(w.root, '/mnt/in-tmpfs');
  vfs.cloneNamespace(w.ns);
  vfs.rmdir(w.root, '/lost+found');
}

describe('snapshot and restore', () => {
  it('snapshot → modify → restore gives back exactly the same state', () => {
    const w = makeWorld();
    const before = dumpVfs(w.vfs);
    const snap = w.vfs.snapshot();
    mess(w);
    expect(dumpVfs(w.vfs)).not.toBe(before);
    w.vfs.restore(snap);
    expect(dumpVfs(w.vfs)).toBe(before);
    expect(checkInvariants(w.rootfs)).toEqual([]);
    // restorable again, after more changes
    mess(w);
    w.vfs.restore(snap);
    expect(dumpVfs(w.vfs)).toBe(before);
  });

  it('snapshots nest and can be restored in any order (undo, redo)', () => {
    const w = makeWorld();
    const s0 = w.vfs.snapshot();
    const d0 = dumpVfs(w.vfs);
    w.vfs.mkdir(w.root, '/srv/one');
    const s1 = w.vfs.snapshot();
    const d1 = dumpVfs(w.vfs);
    w.vfs.mkdir(w.root, '/srv/two');
    w.vfs.restore(s0);
    expect(dumpVfs(w.vfs)).toBe(d0);
    w.vfs.restore(s1);
    expect(dumpVfs(w.vfs)).toBe(d1);
    w.vfs.mkdir(w.root, '/srv/three');
    w.vfs.restore(s1);
    expect(dumpVfs(w.vfs)).toBe(d1);
    expect(w.vfs.readdir(w.root, '/srv').map((e) => e.name)).toEqual(['.', '..', 'one']);
  });

  it('keeps object identity: inodes held open and task locations stay valid', () => {
    const w = makeWorld();
    const passwd = w.vfs.resolve(w.root, '/etc/passwd').inode;
    const cwd = w.vfs.chdir(w.root, '/srv');
    const snap = w.vfs.snapshot();
    w.vfs.truncate(w.root, '/etc/passwd', 0);
    w.vfs.rmdir(w.root, '/srv');
    w.vfs.restore(snap);
    expect(w.vfs.resolve(w.root, '/etc/passwd').inode).toBe(passwd);
    expect(passwd.size).toBeGreaterThan(0);
    expect(w.vfs.getcwd({ ...w.root, cwd })).toBe('/srv');
  });

  it('mounts and namespaces come back (the same Mount objects)', () => {
    const w = makeWorld();
    const m = w.vfs.mount(w.root, '/mnt', w.vfs.createFilesystem({ type: 'tmpfs', device: 'x' }));
    const snap = w.vfs.snapshot();
    w.vfs.umount(w.root, '/mnt');
    w.vfs.mount(w.root, '/srv', w.vfs.createFilesystem({ type: 'tmpfs', device: 'y' }));
    w.vfs.restore(snap);
    expect(w.vfs.resolve(w.root, '/mnt').mount).toBe(m);
    expect(w.vfs.mountTable(w.root).map((e) => e.mountPoint)).toEqual(['/', '/mnt']);
  });

  it('a restored world keeps working (copy-on-write: records shared with the snapshot are never changed)', () => {
    const w = makeWorld();
    const snap = w.vfs.snapshot();
    const d0 = dumpVfs(w.vfs);
    for (let round = 0; round < 3; round++) {
      mess(w);
      expect(checkInvariants(w.rootfs)).toEqual([]);
      w.vfs.restore(snap);
      expect(dumpVfs(w.vfs)).toBe(d0);
    }
  });
});

/** A world of about `n` inodes: directories of 50 files each. */
function bigWorld(n: number): { vfs: Vfs; ctx: ReturnType<Vfs['hostContext']> } {
  const vfs = new Vfs({ clock: () => 1148979600 });
  const fs = vfs.createFilesystem({ type: 'ext3', device: '/dev/sda1', blocks: 4 << 20, inodes: n * 2 });
  const spec: PopulateSpec = {};
  const dirs = Math.ceil(n / 51);
  for (let d = 0; d < dirs; d++) for (let f = 0; f < 50; f++) spec[`/usr/share/d${Math.floor(d / 40)}/p${d}/f${f}`] = f % 5 === 0 ? { program: 'ls', size: 20000 } : 'some text\n';
  populate(fs, spec);
  const ns = vfs.createNamespace(fs);
  return { vfs, ctx: vfs.hostContext(ns) };
}

/** Milliseconds per call, as CPU time of this process (wall time on a shared CI box is noise). */
function time(f: () => void, reps: number): number {
  f(); // warm up
  const c0 = process.cpuUsage();
  for (let i = 0; i < reps; i++) f();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000 / reps;
}

describe('performance (printed, not asserted)', () => {
  it('snapshot + restore of ~5,000 inodes, and a walk of ~100,000', { timeout: 300_000 }, () => {
    // Calibration: the same machine iterating 100,000 small objects (a loaded CI box is slow).
    const objs = Array.from({ length: 100000 }, (_, i) => ({ a: { b: i } }));
    let sink = 0;
    const baseMs = time(() => {
      for (const o of objs) sink += o.a.b;
    }, 20);
    console.log(`[vfs bench] calibration: one pass over 100,000 objects ${baseMs.toFixed(2)} ms (sink ${sink % 7})`);
    for (const n of [5000, 100000]) {
      const { vfs, ctx } = bigWorld(n);
      const inodes = vfs.allFilesystems[0]!.inodeCount;
      let snap = vfs.snapshot();
      const snapMs = time(() => (snap = vfs.snapshot()), 20);
      const restoreMs = time(() => vfs.restore(snap), 20);
      const roundTrip = time(() => {
        const s = vfs.snapshot();
        vfs.mkdir(ctx, '/tmp-x');
        vfs.restore(s);
      }, 20);
      // find / | wc -l: readdir + lstat of every entry, through paths
      let count = 0;
      const walkMs = time(() => {
        count = 0;
        const walk = (path: string) => {
          for (const e of vfs.readdir(ctx, path)) {
            if (e.name === '.' || e.name === '..') continue;
            const p = path === '/' ? '/' + e.name : path + '/' + e.name;
            count++;
            if (vfs.lstat(ctx, p).type === 'dir') walk(p);
          }
        };
        walk('/');
      }, 2);
      console.log(
        `[vfs bench] (CPU time) ${inodes} inodes: snapshot ${snapMs.toFixed(2)} ms, restore ${restoreMs.toFixed(2)} ms, ` +
          `snapshot+change+restore ${roundTrip.toFixed(2)} ms, find / (${count} entries) ${walkMs.toFixed(1)} ms`,
      );
      expect(count).toBe(inodes - 1);
    }
  });
});
