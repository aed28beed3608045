/**
 * Where util-vserver (0.30, configured with --prefix=/usr --sysconfdir=/etc --localstatedir=/var)
 * keeps things on the host (reference §8.3, §8.8), and the package's identity.
 */

export const PACKAGE_VERSION = '0.30.210';
export const PACKAGE_STRING = `util-vserver ${PACKAGE_VERSION}`;
export const PACKAGE_BUGREPORT = 'vserver@list.linux-vserver.org';

/** `vserver` itself: its usage line names it by this path (the script's $0). */
export const VSERVER_PATH = '/usr/sbin/vserver';

export const CONFDIR = '/etc/vservers';
export const DEFAULTS_DIR = `${CONFDIR}/.defaults`;
/** Guest roots when `.defaults/vdirbase` does not exist. */
export const DEFAULT_VSERVERDIR = '/vservers';
export const DEFAULT_PKGDIR = `${DEFAULT_VSERVERDIR}/.pkg`;
export const PKGCACHEDIR = '/var/cache/vservers';
/** The run files: `<cfgdir>/run` points to `RUNDIR/<name>`, which holds the xid while the guest runs. */
export const RUNDIR = '/var/run/vservers';
/** save_ctxinfo's reverse links: `RUNREVDIR/<xid>` → the configuration directory. */
export const RUNREVDIR = '/var/run/vservers.rev';

export const PKGLIBDIR = '/usr/lib/util-vserver';
/** Per-distribution build data shipped with the package. */
export const DISTRIBDIR = `${PKGLIBDIR}/distributions`;

/** Shipped defaults (distrib/misc): the first static xid a build hands out, the guest's fstab and mtab. */
export const CONTEXT_START = 40000;
export const DEFAULT_FSTAB = 'none\t/proc\t\tproc\tdefaults\t\t0 0\nnone\t/tmp\t\ttmpfs\tsize=16m,mode=1777\t0 0\nnone\t/dev/pts\tdevpts\tgid=5,mode=620\t\t0 0\n';
export const DEFAULT_MTAB = '/dev/hdv1 / ufs defaults 0 0\n';
export const DEFAULT_ENVIRONMENT = ['PATH=/bin:/usr/bin:/sbin:/usr/sbin'];

/** distrib/defaults/devs: the /dev of a new guest (name, type, then mode or major minor mode or target). */
export const DEVS: ReadonlyArray<readonly [string, 'c' | 'd' | 'l', ...(string | number)[]]> = [
  ['null', 'c', 1, 3, 0o666],
  ['zero', 'c', 1, 5, 0o666],
  ['full', 'c', 1, 7, 0o666],
  ['random', 'c', 1, 8, 0o644],
  ['urandom', 'c', 1, 9, 0o644],
  ['tty', 'c', 5, 0, 0o666],
  ['ptmx', 'c', 5, 2, 0o666],
  ['fd', 'l', '/proc/self/fd'],
  ['stdin', 'l', 'fd/0'],
  ['stdout', 'l', 'fd/1'],
  ['stderr', 'l', 'fd/2'],
  ['shm', 'd', 0o1777],
];
