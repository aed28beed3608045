/**
 * Random sequences of operations: nothing but VfsError escapes, and the invariants hold after
 * every step (link counts equal directory entries, used blocks equal what inodes hold plus the
 * metadata base, per-context usage adds up, no directory is its own ancestor). Snapshots taken
 * along the way restore to exactly the state they captured.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { O_APPEND, O_CREAT, O_EXCL, O_RDWR, O_TRUNC, O_WRONLY } from '../file.js';
import { IATTR } from './constants.js';
import { makeCred, type VfsCred } from './cred.js';
import { checkInvariants, dumpVfs } from './dump.js';
import { VfsError } from './errors.js';
import { guestCaps, makeWorld } from './fixtures.js';
import type { VfsSnapshot } from './snapshot.js';
import type { PathContext } from './vfs.js';

const nameArb = fc.oneof({ weight: 10, arbitrary: fc.constantFrom('a', 'b', 'c') }, { weight: 1, arbitrary: fc.constantFrom('.', '..', 'dd') });
const pathArb = fc
  .tuple(fc.constantFrom('/w/', '/w/', '/w/', '/w/', 'w/', '/srv/'), fc.oneof({ weight: 6, arbitrary: fc.array(nameArb, { minLength: 1, maxLength: 1 }) }, { weight: 3, arbitrary: fc.array(nameArb, { minLength: 2, maxLength: 2 }) }, { weight: 1, arbitrary: fc.array(nameArb, { minLength: 3, maxLength: 3 }) }), fc.integer({ min: 0, max: 11 }))
  .map(([base, parts, slash]) => base + parts.join('/') + (slash === 0 ? '/' : ''));
const credArb = fc.constantFrom('root', 'user', 'guest', 'guestUser');
const dataArb = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 10 }),
  fc.record({ byte: fc.constantFrom(0, 0x41, 0xff), length: fc.integer({ min: 0, max: 300000 }) }),
);

type Op =
  | { op: 'mkdir' | 'mkdirp' | 'rmdir' | 'unlink' | 'readdir' | 'stat' | 'readlink' | 'realpath' | 'chdirBack'; path: string }
  | { op: 'create'; path: string; excl: boolean; trunc: boolean }
  | { op: 'write'; path: string; offset: number; data: string | { byte: number; length: number }; append: boolean; binary: boolean }
  | { op: 'truncate'; path: string; length: number }
  | { op: 'link' | 'rename'; path: string; to: string }
  | { op: 'symlink'; path: string; target: string }
  | { op: 'chmod'; path: string; mode: number }
  | { op: 'chown'; path: string; uid: number; gid: number }
  | { op: 'mknod'; path: string; kind: 'fifo' | 'chardev' }
  | { op: 'iattr'; path: string; set: number; clear: number }
  | { op: 'tag'; path: string; xid: number }
  | { op: 'mount' | 'umount'; path: string }
  | { op: 'snapshot' }
  | { op: 'restore'; which: number };

const opArb: fc.Arbitrary<{ who: string; o: Op }> = fc.record({
  who: credArb,
  o: fc.oneof(
    { weight: 3, arbitrary: fc.record({ op: fc.constantFrom('mkdir', 'mkdirp', 'rmdir', 'unlink', 'readdir', 'stat', 'readlink', 'realpath', 'chdirBack'), path: pathArb }) as fc.Arbitrary<Op> },
    { weight: 5, arbitrary: fc.record({ op: fc.constant('create'), path: pathArb, excl: fc.boolean(), trunc: fc.boolean() }) as fc.Arbitrary<Op> },
    {
      weight: 4,
      arbitrary: fc.record({ op: fc.constant('write'), path: pathArb, offset: fc.integer({ min: 0, max: 70000 }), data: dataArb, append: fc.boolean(), binary: fc.boolean() }) as fc.Arbitrary<Op>,
    },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('truncate'), path: pathArb, length: fc.integer({ min: -1, max: 90000 }) }) as fc.Arbitrary<Op> },
    { weight: 2, arbitrary: fc.record({ op: fc.constantFrom('link', 'rename'), path: pathArb, to: pathArb }) as fc.Arbitrary<Op> },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('symlink'), path: pathArb, target: fc.oneof(pathArb, fc.constantFrom('a', '../b', 'x/y', '/w')) }) as fc.Arbitrary<Op> },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('chmod'), path: pathArb, mode: fc.integer({ min: 0, max: 0o7777 }) }) as fc.Arbitrary<Op> },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('chown'), path: pathArb, uid: fc.constantFrom(-1, 0, 1000), gid: fc.constantFrom(-1, 0, 1000) }) as fc.Arbitrary<Op> },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('mknod'), path: pathArb, kind: fc.constantFrom('fifo' as const, 'chardev' as const) }) as fc.Arbitrary<Op> },
    {
      weight: 1,
      arbitrary: fc.record({
        op: fc.constant('iattr'),
        path: pathArb,
        set: fc.constantFrom(0, IATTR.IMMUTABLE, IATTR.IMMUTABLE | IATTR.IUNLINK, IATTR.BARRIER, IATTR.HIDE),
        clear: fc.constantFrom(0, IATTR.IMMUTABLE, IATTR.IUNLINK | IATTR.IMMUTABLE | IATTR.BARRIER),
      }) as fc.Arbitrary<Op>,
    },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('tag'), path: pathArb, xid: fc.constantFrom(0, 5, 6) }) as fc.Arbitrary<Op> },
    { weight: 1, arbitrary: fc.record({ op: fc.constantFrom('mount', 'umount'), path: pathArb }) as fc.Arbitrary<Op> },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('snapshot') }) as fc.Arbitrary<Op> },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('restore'), which: fc.nat() }) as fc.Arbitrary<Op> },
  ),
});

function run(ops: { who: string; o: Op }[]): void {
  const w = makeWorld();
  const { vfs } = w;
  // the playground: a small tagging ext2 with a disk limit for context 5, so ENOSPC is common
  const small = vfs.createFilesystem({ type: 'ext2', device: '/dev/loop0', blocks: 300, blockSize: 1024, inodes: 40, tagging: true, reservedPercent: 10 });
  vfs.mkdir(w.root, '/w', 0o777);
  vfs.mount(w.root, '/w', small);
  vfs.chmod(w.root, '/w', 0o1777);
  small.setDiskLimit(5, { spaceTotal: 120, inodesTotal: 12 });
  const creds: Record<string, VfsCred> = {
    root: w.root.cred,
    user: makeCred({ uid: 1000, gid: 1000 }),
    guest: makeCred({ uid: 0, gid: 0, xid: 5, caps: guestCaps() }),
    guestUser: makeCred({ uid: 1000, gid: 1000, xid: 5 }),
  };
  const tmpfsList = [vfs.createFilesystem({ type: 'tmpfs', blocks: 50, inodes: 20 })];
  const snaps: { snap: VfsSnapshot; dump: string }[] = [];
  let cwd = w.root.cwd;
  for (const { who, o } of ops) {
    const ctx: PathContext = { root: w.root.root, cwd, cred: creds[who]!, umask: 0o022 };
    try {
      switch (o.op) {
        case 'mkdir':
          vfs.mkdir(ctx, o.path, 0o777);
          break;
        case 'mkdirp':
          vfs.mkdirp(ctx, o.path, 0o755);
          break;
        case 'rmdir':
          vfs.rmdir(ctx, o.path);
          break;
        case 'unlink':
          vfs.unlink(ctx, o.path);
          break;
        case 'readdir':
          vfs.readdir(ctx, o.path);
          break;
        case 'stat':
          vfs.stat(ctx, o.path);
          vfs.lstat(ctx, o.path);
          break;
        case 'readlink':
          vfs.readlink(ctx, o.path);
          break;
        case 'realpath':
          vfs.realpath(ctx, o.path);
          break;
        case 'chdirBack':
          cwd = vfs.chdir(ctx, o.path);
          break;
        case 'create':
          vfs.open(ctx, o.path, O_CREAT | O_WRONLY | (o.excl ? O_EXCL : 0) | (o.trunc ? O_TRUNC : 0), 0o666);
          break;
        case 'write': {
          const { inode } = vfs.open(ctx, o.path, O_CREAT | O_RDWR | (o.append ? O_APPEND : 0), 0o666);
          if (o.append) vfs.append(inode, o.data, ctx.cred, { binary: o.binary });
          else vfs.write(inode, o.offset, o.data, ctx.cred, { binary: o.binary });
          vfs.read(inode, Math.max(0, o.offset - 3), 50, ctx.cred);
          break;
        }
        case 'truncate':
          vfs.truncate(ctx, o.path, o.length);
          break;
        case 'link':
          vfs.link(ctx, o.path, o.to);
          break;
        case 'rename':
          vfs.rename(ctx, o.path, o.to);
          break;
        case 'symlink':
          vfs.symlink(ctx, o.target, o.path);
          break;
        case 'chmod':
          vfs.chmod(ctx, o.path, o.mode);
          break;
        case 'chown':
          vfs.chown(ctx, o.path, o.uid, o.gid);
          break;
        case 'mknod':
          vfs.mknod(ctx, o.path, o.kind, 0o644, 1, 3);
          break;
        case 'iattr':
          vfs.setIattr(ctx, o.path, o.set, o.clear);
          break;
        case 'tag':
          vfs.setXidTag(ctx, o.path, o.xid);
          break;
        case 'mount':
          vfs.mount(ctx, o.path, tmpfsList[0]!);
          break;
        case 'umount':
          vfs.umount(ctx, o.path, { busy: (m) => cwd.mount === m });
          break;
        case 'snapshot':
          snaps.push({ snap: vfs.snapshot(), dump: dumpVfs(vfs) });
          break;
        case 'restore': {
          const s = snaps[o.which % Math.max(1, snaps.length)];
          if (s) {
            vfs.restore(s.snap);
            expect(dumpVfs(vfs)).toBe(s.dump);
            cwd = w.root.cwd;
          }
          break;
        }
      }
    } catch (e) {
      if (!(e instanceof VfsError)) throw e;
    }
    for (const fs of vfs.allFilesystems) expect(checkInvariants(fs)).toEqual([]);
  }
}

describe('property: random operation sequences', () => {
  it('only VfsError escapes and the invariants hold', { timeout: 300_000 }, () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 80, size: 'max' }), (ops) => {
        run(ops);
      }),
      { numRuns: 150, seed: 20060530 },
    );
  });
});
