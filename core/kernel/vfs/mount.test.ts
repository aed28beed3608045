import { describe, expect, it } from 'vitest';
import { O_CREAT, O_WRONLY } from '../file.js';
import { VfsError } from './errors.js';
import { makeWorld } from './fixtures.js';
import { formatProcMounts, type PathContext } from './vfs.js';

function outcome(f: () => unknown): string {
  try {
    f();
    return 'ok';
  } catch (e) {
    if (e instanceof VfsError) return e.code;
    throw e;
  }
}

const mountLines = (w: ReturnType<typeof makeWorld>, ctx: PathContext) => formatProcMounts(w.vfs.mountTable(ctx));

describe('mounts', () => {
  it('a mount covers the directory; .. at its root goes back to the parent mount', () => {
    const w = makeWorld();
    const { vfs } = w;
    vfs.open(w.root, '/mnt/hidden', O_CREAT | O_WRONLY);
    const t = vfs.createFilesystem({ type: 'tmpfs', device: 'tmpfs' });
    vfs.mount(w.root, '/mnt', t);
    expect(vfs.readdir(w.root, '/mnt').map((e) => e.name)).toEqual(['.', '..']);
    expect(vfs.stat(w.root, '/mnt').dev).toBe(t.dev);
    expect(vfs.stat(w.root, '/mnt/..').ino).toBe(2);
    expect(vfs.stat(w.root, '/mnt/../etc/passwd').type).toBe('file');
    vfs.mkdir(w.root, '/mnt/sub');
    expect(vfs.realpath(w.root, '/mnt/sub/../..')).toBe('/');
    expect(vfs.getcwd({ ...w.root, cwd: vfs.chdir(w.root, '/mnt/sub') })).toBe('/mnt/sub');
    vfs.umount(w.root, '/mnt');
    expect(vfs.readdir(w.root, '/mnt').map((e) => e.name)).toEqual(['.', '..', 'hidden']);
  });

  it('mounts stack; umount removes the top one', () => {
    const w = makeWorld();
    const { vfs } = w;
    const a = vfs.createFilesystem({ type: 'tmpfs', device: 'a' });
    const b = vfs.createFilesystem({ type: 'tmpfs', device: 'b' });
    vfs.mount(w.root, '/mnt', a);
    vfs.mkdir(w.root, '/mnt/in-a');
    vfs.mount(w.root, '/mnt', b);
    expect(vfs.stat(w.root, '/mnt').dev).toBe(b.dev);
    expect(outcome(() => vfs.stat(w.root, '/mnt/in-a'))).toBe('ENOENT');
    expect(vfs.stat(w.root, '/mnt/..').ino).toBe(2);
    vfs.umount(w.root, '/mnt');
    expect(vfs.stat(w.root, '/mnt/in-a').dev).toBe(a.dev);
    vfs.umount(w.root, '/mnt');
    expect(vfs.stat(w.root, '/mnt').dev).toBe(0x801);
  });

  it('umount errors: EINVAL not a mount point, EBUSY below or in use, EPERM without CAP_SYS_ADMIN', () => {
    const w = makeWorld();
    const { vfs } = w;
    const t = vfs.createFilesystem({ type: 'tmpfs' });
    const m = vfs.mount(w.root, '/mnt', t);
    vfs.mkdir(w.root, '/mnt/sub');
    vfs.mount(w.root, '/mnt/sub', vfs.createFilesystem({ type: 'tmpfs' }));
    expect(outcome(() => vfs.umount(w.root, '/etc'))).toBe('EINVAL');
    expect(outcome(() => vfs.umount(w.root, '/mnt/sub/..'))).toBe('EBUSY');
    expect(outcome(() => vfs.umount(w.root, '/'))).toBe('EBUSY');
    expect(outcome(() => vfs.umount(w.guest, '/proc'))).toBe('EPERM');
    expect(outcome(() => vfs.mount(w.guest, '/proc', t))).toBe('EPERM');
    vfs.umount(w.root, '/mnt/sub');
    const cwd = vfs.chdir(w.root, '/mnt');
    const busy = (mount: typeof m) => cwd.mount === mount;
    expect(outcome(() => vfs.umount(w.root, '/mnt', { busy }))).toBe('EBUSY');
    expect(outcome(() => vfs.umount(w.root, '/mnt', { busy, lazy: true }))).toBe('ok');
    expect(vfs.isMountpoint(vfs.resolve(w.root, '/mnt').inode)).toBe(false);
  });

  it('bind mounts show the same inodes; rbind copies submounts', () => {
    const w = makeWorld();
    const { vfs } = w;
    vfs.bindMount(w.root, '/etc', '/mnt');
    expect(vfs.stat(w.root, '/mnt/passwd').ino).toBe(vfs.stat(w.root, '/etc/passwd').ino);
    expect(vfs.stat(w.root, '/mnt/..').ino).toBe(2);
    // a link across the two mounts is EXDEV, like Linux
    expect(outcome(() => vfs.link(w.root, '/mnt/passwd', '/etc/pw'))).toBe('EXDEV');
    vfs.umount(w.root, '/mnt');
    vfs.mount(w.root, '/vservers/vs/proc', vfs.createFilesystem({ type: 'tmpfs', device: 'inner' }));
    vfs.mkdir(w.root, '/vservers/vs/proc/marker');
    vfs.bindMount(w.root, '/vservers/vs', '/mnt', { recursive: true });
    expect(outcome(() => vfs.stat(w.root, '/mnt/proc/marker'))).toBe('ok');
    vfs.bindMount(w.root, '/vservers', '/srv');
    expect(outcome(() => vfs.stat(w.root, '/srv/vs/proc/marker'))).toBe('ENOENT');
  });

  it('a read-only mount gives EROFS; remount switches', () => {
    const w = makeWorld();
    const { vfs } = w;
    const t = vfs.createFilesystem({ type: 'tmpfs' });
    vfs.mount(w.root, '/mnt', t, { readOnly: true });
    expect(outcome(() => vfs.mkdir(w.root, '/mnt/x'))).toBe('EROFS');
    vfs.remount(w.root, '/mnt', { readOnly: false, bind: true });
    expect(outcome(() => vfs.mkdir(w.root, '/mnt/x'))).toBe('ok');
    vfs.remount(w.root, '/mnt', { readOnly: true });
    expect(outcome(() => vfs.mkdir(w.root, '/mnt/y'))).toBe('EROFS');
    expect(mountLines(w, w.root)).toContain('none /mnt tmpfs ro 0 0');
  });

  it('loop mounts: the image filesystem lives with the file, two mounts show the same tree', () => {
    const w = makeWorld();
    const { vfs } = w;
    const { inode } = vfs.open(w.root, '/disk.raw', O_CREAT | O_WRONLY);
    expect(vfs.write(inode, 0, { byte: 0, length: 10 << 20 }, w.root.cred)).toBe(10 << 20);
    const img = vfs.createFilesystem({ type: 'ext2', device: '/dev/loop0', blocks: (10 << 20) / 1024, blockSize: 1024 });
    vfs.attachImage(w.root, '/disk.raw', img);
    vfs.mount(w.root, '/mnt', vfs.resolve(w.root, '/disk.raw').inode.image!);
    vfs.open(w.root, '/mnt/hello', O_CREAT | O_WRONLY);
    vfs.umount(w.root, '/mnt');
    vfs.mount(w.root, '/srv', inode.image!, { device: '/dev/loop1' });
    expect(vfs.readdir(w.root, '/srv').map((e) => e.name)).toEqual(['.', '..', 'lost+found', 'hello']);
    expect(mountLines(w, w.root)).toContain('/dev/loop1 /srv ext2 rw 0 0');
    expect(vfs.statfs(w.root, '/srv')).toMatchObject({ type: 'ext2', blockSize: 1024, blocks: 10240 });
  });
});

describe('mount namespaces', () => {
  it('a mount in the host namespace is invisible in a cloned guest namespace, and the other way', () => {
    const w = makeWorld();
    const { vfs } = w;
    const proc = vfs.createFilesystem({ type: 'tmpfs', device: 'proc' });
    vfs.mount(w.root, '/vservers/vs/proc', proc);
    const { namespace: guestNs, translate } = vfs.cloneNamespace(w.ns);
    const guest: PathContext = { ...w.guest, root: translate(w.guest.root), cwd: translate(w.guest.cwd) };
    expect(guest.root.mount.ns).toBe(guestNs);
    // mounts made before the clone are in both
    expect(vfs.stat(guest, '/proc').dev).toBe(proc.dev);
    // the lecture: losetup + mount /disk.raw on /mnt on the host — the guest does not see it
    vfs.open(w.root, '/disk.raw', O_CREAT | O_WRONLY);
    const img = vfs.createFilesystem({ type: 'ext2', device: '/dev/loop0', blocks: 1024, blockSize: 1024 });
    vfs.attachImage(w.root, '/disk.raw', img);
    vfs.mount(w.root, '/mnt', img, { device: '/dev/loop0' });
    expect(mountLines(w, w.root)).toContain('/dev/loop0 /mnt ext2 rw 0 0');
    const hostView = { ...w.root, root: translate(w.root.root), cwd: translate(w.root.cwd) };
    expect(mountLines(w, hostView)).not.toContain('/mnt');
    expect(vfs.stat(hostView, '/mnt').dev).toBe(0x801);
    // a mount made in the guest namespace does not show on the host
    const hostRootInGuestNs = { ...hostView };
    vfs.mount(hostRootInGuestNs, '/vservers/vs/tmp', vfs.createFilesystem({ type: 'tmpfs', device: 'guesttmp' }));
    expect(mountLines(w, guest)).toContain('guesttmp /tmp tmpfs rw 0 0');
    expect(mountLines(w, w.root)).not.toContain('guesttmp');
    // umount in one namespace leaves the other alone
    vfs.umount(hostView, '/vservers/vs/proc');
    expect(vfs.stat(w.root, '/vservers/vs/proc').dev).toBe(proc.dev);
    expect(vfs.stat(guest, '/proc').dev).toBe(0x801);
    // a directory covered in any namespace cannot be removed
    expect(outcome(() => vfs.rmdir(w.root, '/vservers/vs/tmp'))).toBe('EBUSY');
    vfs.dropNamespace(guestNs);
    expect(vfs.allNamespaces).toEqual([w.ns]);
  });

  it('/proc/mounts: paths relative to the viewer root, mounts outside a chroot hidden', () => {
    const w = makeWorld();
    const { vfs } = w;
    vfs.mount(w.root, '/proc', vfs.createFilesystem({ type: 'tmpfs', device: 'proc' }));
    vfs.mount(w.root, '/vservers/vs/proc', vfs.createFilesystem({ type: 'tmpfs', device: 'proc' }));
    expect(mountLines(w, w.root)).toBe('/dev/sda1 / ext3 rw,data=ordered 0 0\nproc /proc tmpfs rw 0 0\nproc /vservers/vs/proc tmpfs rw 0 0\n');
    expect(mountLines(w, w.guest)).toBe('proc /proc tmpfs rw 0 0\n');
    // a mount whose root is the viewer's root shows as /
    vfs.mount(w.root, '/srv', vfs.createFilesystem({ type: 'tmpfs', device: 'srvfs' }));
    vfs.mkdir(w.root, '/srv/a b');
    vfs.mount(w.root, '/srv/a b', vfs.createFilesystem({ type: 'tmpfs', device: 'spaced' }));
    const chrooted = { ...w.root, root: vfs.resolve(w.root, '/srv') };
    expect(mountLines(w, chrooted)).toBe('srvfs / tmpfs rw 0 0\nspaced /a\\040b tmpfs rw 0 0\n');
  });
});
