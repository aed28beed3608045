/**
 * The kernel's permission() with the Linux-VServer additions: the barrier (a guest cannot use a
 * directory marked with it at all), context tags (a guest cannot use another guest's files on a
 * tagging filesystem) and /proc visibility (admin/watch/hide).
 */
import { IATTR, MAY_EXEC, MAY_READ, MAY_WRITE, S_ISVTX, S_IXUGO } from './constants.js';
import { inGroup, type VfsCred } from './cred.js';
import { fail } from './errors.js';
import type { Inode } from './inode.js';
import type { Mount } from './mount.js';

/** Contexts that are not stopped by the barrier: the host (0) and the spectator (1). */
export function isHostOrSpectator(cred: VfsCred): boolean {
  return cred.xid === 0 || cred.xid === 1;
}

/** Throw EACCES/EPERM/EROFS unless `cred` may access `inode` with `mask` (MAY_READ|MAY_WRITE|MAY_EXEC). */
export function checkPermission(inode: Inode, mask: number, cred: VfsCred, mount?: Mount): void {
  const type = inode.type;
  if (mask & MAY_WRITE) {
    if ((type === 'file' || type === 'dir' || type === 'symlink') && (inode.fs.readOnly || mount?.flags.readOnly)) fail('EROFS');
    if (inode.iattr & IATTR.IMMUTABLE) fail('EPERM');
  }
  if (type === 'dir' && inode.iattr & IATTR.BARRIER && !isHostOrSpectator(cred)) fail('EACCES');
  if (inode.fs.tagging && !isHostOrSpectator(cred)) {
    const tag = inode.xid ?? 0;
    if (tag !== 0 && tag !== cred.xid) fail('EACCES');
  }
  if (!dacAllows(inode, mask, cred)) fail('EACCES');
}

/** generic_permission(): owner/group/other bits, then CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH. */
export function dacAllows(inode: Inode, mask: number, cred: VfsCred): boolean {
  const want = mask & (MAY_READ | MAY_WRITE | MAY_EXEC);
  let mode = inode.mode;
  if (cred.uid === inode.uid) mode >>= 6;
  else if (inGroup(cred, inode.gid)) mode >>= 3;
  if ((want & ~mode & 7) === 0) return true;
  const isDir = inode.isDir;
  // Root may read and write anything, and execute what has an x bit somewhere (or search any directory).
  if ((!(want & MAY_EXEC) || inode.mode & S_IXUGO || isDir) && cred.capable('DAC_OVERRIDE')) return true;
  if ((want === MAY_READ || (isDir && !(want & MAY_WRITE))) && cred.capable('DAC_READ_SEARCH')) return true;
  return false;
}

/** is_owner_or_cap(): the owner, or a holder of CAP_FOWNER. */
export function isOwnerOrCap(inode: Inode, cred: VfsCred): boolean {
  return cred.uid === inode.uid || cred.capable('FOWNER');
}

/** check_sticky(): in a sticky directory only the file's or directory's owner (or CAP_FOWNER) may remove it. */
export function stickyForbids(dir: Inode, victim: Inode, cred: VfsCred): boolean {
  if (!(dir.mode & S_ISVTX)) return false;
  if (cred.uid === victim.uid || cred.uid === dir.uid) return false;
  return !cred.capable('FOWNER');
}

/** /proc visibility: a hidden entry shows only to the host with admin, or to the spectator with watch. */
export function procVisible(iattr: number, cred: VfsCred): boolean {
  if (!(iattr & IATTR.HIDE)) return true;
  if (iattr & IATTR.ADMIN && cred.xid === 0) return true;
  if (iattr & IATTR.WATCH && cred.xid === 1) return true;
  return false;
}
