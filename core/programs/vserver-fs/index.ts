/**
 * util-vserver's file-attribute and disk-limit tools (showattr, setattr, lsxid, chxid,
 * vprocunhide, vdu, vdlimit) and the chroot-escape teaching demo. Importing this module
 * registers them; the host layout installs them where install.ts says.
 */
import './showattr.js';
import './setattr.js';
import './lsxid.js';
import './chxid.js';
import './vprocunhide.js';
import './vdu.js';
import './vdlimit.js';
import './chroot-escape.js';

export { vprocunhideAtBoot, VPROCUNHIDE_LOCKFILE } from './vprocunhide.js';
export { vprocunhideInitLayout, VPROCUNHIDE_INIT_SCRIPT } from './init-script.js';
export { VSERVER_FS_PROGRAMS, vserverFsProgramLayout } from './install.js';
