/**
 * A small host with a guest, used by the VFS tests (and usable by kernel tests): an ext3 root
 * filesystem with /etc, /bin, /tmp, /home/alice, /root and a guest tree under /vservers/vs.
 */
import { ALL_CAPABILITIES, capabilityBit, type CapabilityName } from '../capabilities.js';
import { makeCred, type VfsCred } from './cred.js';
import type { Filesystem } from './filesystem.js';
import type { MountNamespace } from './mount.js';
import { populate } from './populate.js';
import { Vfs, type PathContext } from './vfs.js';

/** Capabilities root loses in a Linux-VServer guest (a subset of --secure). */
export const GUEST_DROPPED: CapabilityName[] = ['SYS_ADMIN', 'MKNOD', 'LINUX_IMMUTABLE', 'NET_ADMIN', 'SYS_MODULE', 'SYS_TIME', 'SYS_RAWIO', 'SYS_BOOT', 'SYS_RESOURCE'];

export function guestCaps(): bigint {
  let caps = ALL_CAPABILITIES;
  for (const c of GUEST_DROPPED) caps &= ~capabilityBit(c);
  return caps;
}

export interface TestWorld {
  vfs: Vfs;
  clock: { t: number };
  rootfs: Filesystem;
  ns: MountNamespace;
  root: PathContext;
  alice: PathContext;
  bob: PathContext;
  /** Root of guest 40000, chrooted into /vservers/vs. */
  guest: PathContext;
  as(cred: VfsCred, where?: { root?: string; cwd?: string }): PathContext;
}

export const T0 = 1148979600;

export function makeWorld(opts: { blocks?: number; inodes?: number; tagging?: boolean } = {}): TestWorld {
  const clock = { t: T0 };
  const vfs = new Vfs({ clock: () => clock.t });
  const rootfs = vfs.createFilesystem({ type: 'ext3', device: '/dev/sda1', dev: 0x801, blocks: opts.blocks ?? 262144, inodes: opts.inodes, tagging: opts.tagging, options: ['data=ordered'] });
  populate(rootfs, {
    '/etc/passwd': 'root:x:0:0:root:/root:/bin/bash\nalice:x:1000:1000::/home/alice:/bin/bash\n',
    '/etc/shadow': { content: 'root:!:13000::::::\n', mode: 0o600 },
    '/bin/ls': { program: 'ls', mode: 0o755, size: 77160 },
    '/bin/sh': { type: 'symlink', target: 'bash' },
    '/bin/bash': { program: 'bash', mode: 0o755 },
    '/tmp/': { mode: 0o1777 },
    '/root/': { mode: 0o700 },
    '/home/alice/notes.txt': { content: 'hello\n', uid: 1000, gid: 1000 },
    '/home/alice/': { uid: 1000, gid: 1000, mode: 0o755 },
    '/dev/null': { type: 'chardev', major: 1, minor: 3, mode: 0o666 },
    '/mnt/': {},
    '/srv/': {},
    '/proc/': {},
    '/vservers/vs/bin/ls': { program: 'ls', mode: 0o755 },
    '/vservers/vs/etc/hostname': 'vs\n',
    '/vservers/vs/tmp/': { mode: 0o1777 },
    '/vservers/vs/proc/': {},
  });
  const ns = vfs.createNamespace(rootfs);
  const at = (cred: VfsCred, where: { root?: string; cwd?: string } = {}): PathContext => {
    const base = vfs.hostContext(ns);
    const root = where.root ? vfs.resolve(base, where.root) : ns.root;
    const ctx0 = { root, cwd: root, cred, umask: 0o022 };
    const cwd = where.cwd ? vfs.resolve({ ...ctx0, cred: makeCred({ uid: 0, gid: 0 }) }, where.cwd) : root;
    return { root, cwd, cred, umask: 0o022 };
  };
  return {
    vfs,
    clock,
    rootfs,
    ns,
    root: at(makeCred({ uid: 0, gid: 0 })),
    alice: at(makeCred({ uid: 1000, gid: 1000 }), { cwd: '/home/alice' }),
    bob: at(makeCred({ uid: 1001, gid: 1001 })),
    guest: at(makeCred({ uid: 0, gid: 0, xid: 40000, caps: guestCaps() }), { root: '/vservers/vs' }),
    as: at,
  };
}
