import { describe, expect, it } from 'vitest';
import { O_CREAT, O_WRONLY } from '../file.js';
import { DLIMIT_INFINITE } from './constants.js';
import { makeCred } from './cred.js';
import { checkInvariants } from './dump.js';
import { VfsError } from './errors.js';
import { guestCaps, makeWorld } from './fixtures.js';
import type { PathContext } from './vfs.js';

function outcome(f: () => unknown): string {
  try {
    f();
    return 'ok';
  } catch (e) {
    if (e instanceof VfsError) return e.code;
    throw e;
  }
}

describe('capacity', () => {
  it('100 MB written to a 10 MB filesystem: short writes, then ENOSPC, no 100 MB in memory', () => {
    const w = makeWorld();
    const { vfs } = w;
    const small = vfs.createFilesystem({ type: 'ext2', device: '/dev/loop0', blocks: 10240, blockSize: 1024, reservedPercent: 0 });
    vfs.mount(w.root, '/mnt', small);
    const { inode } = vfs.open(w.root, '/mnt/big', O_CREAT | O_WRONLY);
    const free = vfs.statfs(w.root, '/mnt').blocksFree * 1024;
    // dd if=/dev/zero bs=1M count=100: each write is a Fill, checked before any string exists
    let written = 0;
    let error = '';
    for (let i = 0; i < 100; i++) {
      try {
        written += vfs.write(inode, written, { byte: 0, length: 1 << 20 }, w.root.cred);
      } catch (e) {
        error = (e as VfsError).code;
        break;
      }
    }
    expect(error).toBe('ENOSPC');
    expect(written).toBe(free);
    expect(vfs.statfs(w.root, '/mnt').blocksFree).toBe(0);
    expect(inode.st.data.length).toBe(0); // zeros are not materialised
    // the same with real data (yes > file): the string is cut to what fits
    vfs.truncate(w.root, '/mnt/big', 0);
    const { inode: t } = vfs.open(w.root, '/mnt/text', O_CREAT | O_WRONLY);
    const chunk = 'y\n'.repeat(32768);
    let n = 0;
    expect(
      outcome(() => {
        for (;;) n += vfs.write(t, n, chunk, w.root.cred);
      }),
    ).toBe('ENOSPC');
    expect(n).toBe(free);
    expect(vfs.fstat(t).size).toBe(free);
    expect(checkInvariants(small)).toEqual([]);
    // freeing space makes room again
    vfs.unlink(w.root, '/mnt/text');
    expect(vfs.statfs(w.root, '/mnt').blocksFree * 1024).toBe(free);
  });

  it('the reserved blocks are for CAP_SYS_RESOURCE only', () => {
    const w = makeWorld();
    const { vfs } = w;
    const fs = vfs.createFilesystem({ type: 'ext3', blocks: 2000, blockSize: 1024, reservedPercent: 5, baseUsedBlocks: 100 });
    vfs.mount(w.root, '/mnt', fs);
    vfs.chmod(w.root, '/mnt', 0o1777);
    const st = vfs.statfs(w.root, '/mnt');
    expect(st.blocksAvail).toBe(st.blocksFree - 100);
    const user = vfs.open(w.alice, '/mnt/u', O_CREAT | O_WRONLY).inode;
    const userBytes = vfs.write(user, 0, { byte: 0x41, length: 4 << 20 }, w.alice.cred);
    expect(userBytes).toBe(st.blocksAvail * 1024);
    expect(outcome(() => vfs.write(user, userBytes, 'x', w.alice.cred))).toBe('ENOSPC');
    const rootFile = vfs.open(w.root, '/mnt/r', O_CREAT | O_WRONLY).inode;
    expect(vfs.write(rootFile, 0, { byte: 0x41, length: 4 << 20 }, w.root.cred)).toBe(100 * 1024);
    expect(checkInvariants(fs)).toEqual([]);
  });

  it('running out of inodes is ENOSPC', () => {
    const w = makeWorld();
    const { vfs } = w;
    const fs = vfs.createFilesystem({ type: 'tmpfs', blocks: 100, inodes: 5 });
    vfs.mount(w.root, '/mnt', fs);
    for (let i = 0; i < 4; i++) vfs.open(w.root, `/mnt/f${i}`, O_CREAT | O_WRONLY);
    expect(outcome(() => vfs.open(w.root, '/mnt/f9', O_CREAT | O_WRONLY))).toBe('ENOSPC');
    expect(outcome(() => vfs.mkdir(w.root, '/mnt/d'))).toBe('ENOSPC');
    expect(vfs.statfs(w.root, '/mnt')).toMatchObject({ inodes: 5, inodesFree: 0 });
    expect(checkInvariants(fs)).toEqual([]);
  });

  it('a hard link shares blocks: unlinking one name frees nothing', () => {
    const w = makeWorld();
    const { vfs } = w;
    const before = vfs.statfs(w.root, '/').blocksFree;
    const { inode } = vfs.open(w.root, '/srv/data', O_CREAT | O_WRONLY);
    vfs.write(inode, 0, { byte: 0x61, length: 100000 }, w.root.cred);
    vfs.link(w.root, '/srv/data', '/srv/data2');
    expect(vfs.statfs(w.root, '/').blocksFree).toBe(before - 25);
    vfs.unlink(w.root, '/srv/data');
    expect(vfs.statfs(w.root, '/').blocksFree).toBe(before - 25);
    vfs.unlink(w.root, '/srv/data2');
    expect(vfs.statfs(w.root, '/').blocksFree).toBe(before);
  });

  it('ext3 statfs looks like df on a fresh filesystem', () => {
    const w = makeWorld();
    const st = w.vfs.statfs(w.root, '/');
    expect(st.type).toBe('ext3');
    expect(st.blocks).toBe(262144);
    expect(st.blocksFree).toBeLessThan(st.blocks);
    expect(st.blocksAvail).toBe(st.blocksFree - Math.floor(262144 * 0.05));
    expect(st.inodes).toBe(65536);
  });
});

describe('context tagging and disk limits (vdlimit)', () => {
  function tagged() {
    const w = makeWorld();
    const { vfs } = w;
    const fs = vfs.createFilesystem({ type: 'ext3', device: '/dev/hdb1', blocks: 100000, blockSize: 1024, tagging: true, reservedPercent: 0 });
    vfs.mkdir(w.root, '/vservers/vs/data');
    vfs.mount(w.root, '/vservers/vs/data', fs);
    vfs.chmod(w.root, '/vservers/vs/data', 0o1777);
    return { w, vfs, fs };
  }

  it('new files carry the creator context; usage is counted per context', () => {
    const { w, vfs, fs } = tagged();
    const f = vfs.open(w.guest, '/data/file', O_CREAT | O_WRONLY).inode;
    vfs.write(f, 0, { byte: 0x62, length: 10 * 1024 }, w.guest.cred);
    expect(vfs.stat(w.guest, '/data/file').xid).toBe(40000);
    expect(fs.usageOf(40000)).toEqual({ blocks: 10, inodes: 1 });
    expect(vfs.getIattr(w.root, '/vservers/vs/data/file').flags & 0x1000000).toBeTruthy();
    vfs.setXidTag(w.root, '/vservers/vs/data/file', 41000);
    expect(fs.usageOf(40000)).toEqual({ blocks: 0, inodes: 0 });
    expect(fs.usageOf(41000)).toEqual({ blocks: 10, inodes: 1 });
    expect(outcome(() => vfs.setXidTag(w.root, '/etc/passwd', 3))).toBe('EINVAL');
    expect(outcome(() => vfs.setXidTag(w.guest, '/data/file', 3))).toBe('EPERM');
    expect(checkInvariants(fs)).toEqual([]);
  });

  it('a guest cannot use files tagged for another guest', () => {
    const { w, vfs } = tagged();
    vfs.open(w.root, '/vservers/vs/data/other', O_CREAT | O_WRONLY);
    vfs.chmod(w.root, '/vservers/vs/data/other', 0o666);
    vfs.setXidTag(w.root, '/vservers/vs/data/other', 42000);
    expect(outcome(() => vfs.open(w.guest, '/data/other', O_WRONLY))).toBe('EACCES');
    vfs.setXidTag(w.root, '/vservers/vs/data/other', 0);
    expect(outcome(() => vfs.open(w.guest, '/data/other', O_WRONLY))).toBe('ok');
  });

  it('space and inode limits give ENOSPC inside the guest only; df shows the limit', () => {
    const { w, vfs, fs } = tagged();
    fs.setDiskLimit(40000, { spaceTotal: 1000, inodesTotal: 3, reserved: 5 });
    const f = vfs.open(w.guest, '/data/a', O_CREAT | O_WRONLY).inode;
    const n = vfs.write(f, 0, { byte: 0x63, length: 5 << 20 }, w.guest.cred);
    expect(n).toBe(1000 * 1024);
    expect(outcome(() => vfs.write(f, n, 'x', w.guest.cred))).toBe('ENOSPC');
    expect(fs.getDiskLimit(40000)).toMatchObject({ spaceUsed: 1000, inodesUsed: 1 });
    const df = vfs.statfs(w.guest, '/data');
    expect(df).toMatchObject({ blocks: 1000, blocksFree: 0, blocksAvail: 0, inodes: 3, inodesFree: 2 });
    // the host is not limited
    const h = vfs.open(w.root, '/vservers/vs/data/host', O_CREAT | O_WRONLY).inode;
    expect(vfs.write(h, 0, { byte: 0x63, length: 5 << 20 }, w.root.cred)).toBe(5 << 20);
    expect(vfs.statfs(w.root, '/vservers/vs/data').blocks).toBe(100000);
    // inodes: 3 in total
    vfs.truncate(w.guest, '/data/a', 0);
    vfs.mkdir(w.guest, '/data/d');
    expect(outcome(() => vfs.mkdir(w.guest, '/data/e'))).toBe('ok');
    expect(outcome(() => vfs.open(w.guest, '/data/f', O_CREAT | O_WRONLY))).toBe('ENOSPC');
    // df with reserved: available = total × 95% − used
    vfs.rmdir(w.guest, '/data/e');
    const df2 = vfs.statfs(w.guest, '/data');
    expect(df2.blocksAvail).toBe(950 - 1);
    expect(checkInvariants(fs)).toEqual([]);
  });

  it('limit entries: ESRCH when missing, remove, invalid values', () => {
    const { fs } = tagged();
    expect(outcome(() => fs.getDiskLimit(7))).toBe('ESRCH');
    fs.setDiskLimit(7, { spaceTotal: 10 });
    expect(fs.getDiskLimit(7)).toEqual({ spaceUsed: 0, spaceTotal: 10, inodesUsed: 0, inodesTotal: DLIMIT_INFINITE, reserved: 0 });
    expect(outcome(() => fs.setDiskLimit(7, { reserved: 101 }))).toBe('EINVAL');
    fs.removeDiskLimit(7);
    expect(outcome(() => fs.removeDiskLimit(7))).toBe('ESRCH');
  });

  it('without tagging, files belong to no context and limits do not apply', () => {
    const w = makeWorld();
    const { vfs } = w;
    const fs = vfs.createFilesystem({ type: 'ext3', blocks: 10000, blockSize: 1024, reservedPercent: 0 });
    vfs.mkdir(w.root, '/vservers/vs/data');
    vfs.mount(w.root, '/vservers/vs/data', fs);
    fs.setDiskLimit(40000, { spaceTotal: 10 });
    const f = vfs.open(w.guest, '/data/a', O_CREAT | O_WRONLY).inode;
    expect(vfs.write(f, 0, { byte: 0x63, length: 100 * 1024 }, w.guest.cred)).toBe(100 * 1024);
    expect(vfs.stat(w.guest, '/data/a').xid).toBeUndefined();
  });
});

describe('guest credentials', () => {
  it('root in a guest keeps DAC override but loses mknod and attribute changes', () => {
    const w = makeWorld();
    const g: PathContext = w.guest;
    expect(outcome(() => w.vfs.open(g, '/etc/hostname', O_WRONLY))).toBe('ok');
    expect(outcome(() => w.vfs.setIattr(g, '/etc/hostname', 0x40000))).toBe('EPERM');
    const c = makeCred({ uid: 0, gid: 0, xid: 40000, caps: guestCaps() });
    expect(c.capable('DAC_OVERRIDE')).toBe(true);
    expect(c.capable('SYS_ADMIN')).toBe(false);
  });
});
