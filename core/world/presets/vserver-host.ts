/**
 * The seed's machine: scivm-xm4.unilim.fr, a Red Hat host patched with Linux-VServer 2.0.2,
 * on the LAN 192.168.1.0/24 behind the gateway 192.168.1.1.
 */
import { SEED_HOST_HARDWARE } from '../../kernel/procfs/hardware.js';
import type { BootService, MachineConfig } from '../machine.js';
import type { FsLayout } from '../layout.js';
import { hostRpmDatabaseLayout } from '../distributions/rhel4.js';
import { hostServicesLayout } from './init-scripts.js';
import { vserverManageHostLayout } from '../../programs/vserver/manage/host-layout.js';
import { vprocunhideInitLayout, vserverFsProgramLayout } from '../../programs/vserver-fs/index.js';
import { baseFiles, PROGRAM_DIRECTORIES, PROGRAM_LINKS } from './redhat-base.js';
import { kernelModulesLayout } from '../../programs/extra/modules/layout.js';

export const SEED_HOSTNAME = 'scivm-xm4.unilim.fr';
export const SEED_ADDRESS = '192.168.1.128';

export const VSERVER_HOST_CONFIG: MachineConfig = {
  name: 'scivm-xm4',
  hostname: SEED_HOSTNAME,
  hardware: SEED_HOST_HARDWARE,
  consolePidBase: 4400,
};

/** The services of a RHEL 4 server, in the order rc 3 starts them. */
export const VSERVER_HOST_SERVICES: BootService[] = [
  { path: '/sbin/syslogd', argv: ['syslogd', '-m', '0'] },
  { path: '/sbin/klogd', argv: ['klogd', '-x'] },
  { path: '/usr/sbin/sshd', argv: ['/usr/sbin/sshd'] },
  { path: '/usr/sbin/crond', argv: ['crond'] },
  { path: '/usr/sbin/httpd', argv: ['/usr/sbin/httpd'] },
  { path: '/usr/libexec/mysqld', argv: ['/usr/libexec/mysqld', '--basedir=/usr', '--datadir=/var/lib/mysql', '--user=mysql', '--pid-file=/var/run/mysqld/mysqld.pid'] },
  // util-vserver's boot scripts (S98), then the consoles.
  { path: '/etc/rc.d/init.d/rebootmgr', argv: ['/etc/rc.d/init.d/rebootmgr', 'start'] },
  { path: '/etc/rc.d/init.d/vservers-default', argv: ['/etc/rc.d/init.d/vservers-default', 'start'] },
  ...[1, 2, 3, 4, 5, 6].map((n) => ({ path: '/sbin/mingetty', argv: ['/sbin/mingetty', `tty${n}`] })),
];

/** Programs as files: every directory of PROGRAM_DIRECTORIES plus links. */
export function programLayout(extra: Record<string, string> = {}): FsLayout {
  const layout: FsLayout = {};
  const dirs: Record<string, string> = { ...PROGRAM_DIRECTORIES };
  for (const [dir, names] of Object.entries(extra)) dirs[dir] = `${dirs[dir] ?? ''} ${names}`;
  for (const [dir, names] of Object.entries(dirs)) {
    for (const name of names.split(/\s+/).filter(Boolean)) layout[`${dir}/${name}`] = { program: name, perm: 0o755 };
  }
  for (const [link, target] of Object.entries(PROGRAM_LINKS)) layout[link] = { symlink: target };
  return layout;
}

/** The second VServer host of the `two-vserver-hosts` world, on the same LAN. */
export const SECOND_HOSTNAME = 'scivm-xm5.unilim.fr';
export const SECOND_ADDRESS = '192.168.1.129';

export const SECOND_HOST_CONFIG: MachineConfig = {
  name: 'scivm-xm5',
  hostname: SECOND_HOSTNAME,
  hardware: SEED_HOST_HARDWARE,
  consolePidBase: 3100,
};

export function vserverHostLayout(hostname: string = SEED_HOSTNAME, address: string = SEED_ADDRESS): FsLayout {
  const base = baseFiles(hostname, address);
  const layout: FsLayout = {
    ...Object.fromEntries(Object.entries(base).map(([p, content]) => [p, { content }])),
    ...programLayout({ '/sbin': 'klogd mingetty' }),
    ...hostServicesLayout(),
    ...hostRpmDatabaseLayout(),
    ...vserverManageHostLayout(),
    ...vserverFsProgramLayout(),
    ...vprocunhideInitLayout(),
    ...kernelModulesLayout(SEED_HOST_HARDWARE.kernelRelease),
    '/etc/shadow': { content: base['/etc/shadow']!, perm: 0o400 },
    '/etc/mtab': { content: '/dev/sda1 / ext3 rw 0 0\nnone /proc proc rw 0 0\n' },
    '/root': { dir: true, perm: 0o750 },
    '/tmp': { dir: true, perm: 0o1777 },
    '/var/tmp': { dir: true, perm: 0o1777 },
    '/var/run': { dir: true },
    '/var/run/mysqld': { dir: true, uid: 27, gid: 27 },
    '/var/lib/mysql': { dir: true, uid: 27, gid: 27, perm: 0o755 },
    '/var/spool/mail/root': { content: '' },
    '/var/empty/sshd': { dir: true, perm: 0o711 },
    '/home/etudiant': { dir: true, uid: 500, gid: 500, perm: 0o700 },
    '/mnt': { dir: true },
    '/media': { dir: true },
    '/opt': { dir: true },
    '/srv': { dir: true },
    '/proc': { dir: true, perm: 0o555 },
    '/sys': { dir: true },
    '/boot': { dir: true },
    '/usr/local/bin': { dir: true },
    '/usr/local/sbin': { dir: true },
    '/usr/share/doc': { dir: true },
    '/lib': { dir: true },
    '/usr/lib': { dir: true },
    '/dev/null': { device: 'chardev', major: 1, minor: 3, perm: 0o666 },
    '/dev/zero': { device: 'chardev', major: 1, minor: 5, perm: 0o666 },
    '/dev/random': { device: 'chardev', major: 1, minor: 8, perm: 0o644 },
    '/dev/urandom': { device: 'chardev', major: 1, minor: 9, perm: 0o644 },
    '/dev/tty': { device: 'chardev', major: 5, minor: 0, perm: 0o666 },
    '/dev/console': { device: 'chardev', major: 5, minor: 1, perm: 0o600 },
    '/dev/ptmx': { device: 'chardev', major: 5, minor: 2, perm: 0o666 },
    '/dev/sda': { device: 'blockdev', major: 8, minor: 0, perm: 0o660, gid: 6 },
    '/dev/sda1': { device: 'blockdev', major: 8, minor: 1, perm: 0o660, gid: 6 },
    '/dev/sda2': { device: 'blockdev', major: 8, minor: 2, perm: 0o660, gid: 6 },
    '/dev/loop0': { device: 'blockdev', major: 7, minor: 0, perm: 0o660, gid: 6 },
    '/dev/loop1': { device: 'blockdev', major: 7, minor: 1, perm: 0o660, gid: 6 },
    '/dev/pts': { dir: true },
    '/dev/shm': { dir: true, perm: 0o1777 },
    // The lecture's filesystem-isolation demo: an ext2 image holding a file "ok".
    '/disk.raw': { image: { type: 'ext2', sizeKb: 10240, files: { '/ok': 'ok\n' } } },
    // util-vserver's directories (the tools come with the VServer layer).
    '/etc/vservers': { dir: true },
    '/etc/vservers/.defaults': { dir: true },
    '/vservers': { dir: true, perm: 0o000, iattr: 'barrier' },
    '/vservers/.pkg': { dir: true },
    '/var/run/vservers': { dir: true },
    '/usr/local/lib/util-vserver/defaults/vprocunhide-files': { content: VPROCUNHIDE_FILES },
  };
  for (let n = 0; n < 8; n++) layout[`/dev/pts/${n}`] = { device: 'chardev', major: 136, minor: n, perm: 0o620, gid: 5 };
  for (let n = 1; n <= 6; n++) layout[`/dev/tty${n}`] = { device: 'chardev', major: 4, minor: n, perm: 0o620, gid: 5 };
  return layout;
}

/** util-vserver's shipped list (distrib/misc/vprocunhide-files), as in the reference. */
export const VPROCUNHIDE_FILES = [
  '/proc/net/', '-/proc/net/rpc/', '-/proc/net/ip_conntrack', '-/proc/net/ip_conntrack_expect', '-/proc/net/nf_conntrack',
  '-/proc/net/nf_conntrack_expect', '/proc/sys/', '-/proc/sys/debug/', '-/proc/sys/dev/', '/proc/sysvipc/', '/proc/tty/',
  '/proc/cpuinfo', '/proc/crypto', '/proc/devices', '/proc/execdomains', '/proc/filesystems', '/proc/interrupts', '/proc/iomem',
  '/proc/ioports', '/proc/kcore', '/proc/kmsg', '/proc/ksyms', '/proc/loadavg', '/proc/locks', '/proc/meminfo', '/proc/misc',
  '/proc/modules', '/proc/pci', '/proc/slabinfo', '/proc/stat', '/proc/swaps', '/proc/uptime', '-/proc/cmdline', '/proc/version', '',
].join('\n');
