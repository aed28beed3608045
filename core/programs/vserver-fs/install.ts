/**
 * Where the host installs these programs: util-vserver puts its tools in $sbindir (/usr/sbin,
 * as the `vserver` program here); the demo goes to /usr/local/sbin, the administrator's own.
 */
import type { FsLayout } from '../../world/layout.js';

export const VSERVER_FS_PROGRAMS: Readonly<Record<string, string>> = {
  '/usr/sbin/showattr': 'showattr',
  '/usr/sbin/setattr': 'setattr',
  '/usr/sbin/lsxid': 'lsxid',
  '/usr/sbin/chxid': 'chxid',
  '/usr/sbin/vprocunhide': 'vprocunhide',
  '/usr/sbin/vdu': 'vdu',
  '/usr/sbin/vdlimit': 'vdlimit',
  '/usr/local/sbin/chroot-escape': 'chroot-escape',
};

/** The program files, to merge into the host's layout. */
export function vserverFsProgramLayout(): FsLayout {
  return Object.fromEntries(Object.entries(VSERVER_FS_PROGRAMS).map(([path, program]) => [path, { program, perm: 0o755 }]));
}
