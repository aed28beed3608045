/**
 * Write a declared tree (an FsLayout, as world presets use) below a directory through the
 * process's own system calls: how a build method puts files into a guest root.
 */
import { SyscallError } from '../../../kernel/errno.js';
import type { Process } from '../../../kernel/process.js';
import { IATTR } from '../../../kernel/vfs/constants.js';
import type { FsLayout, LayoutEntry } from '../../../world/layout.js';
import { programImageHeader } from '../../registry.js';
import { isDir, isPresent, mkdirp, writeText } from './files.js';

/** The size of a program file: an ELF binary of the era (the zeros after the header are a hole). */
const programSize = (name: string): number => 20_000 + ((name.length * 2731) % 60_000);

export async function writeLayout(proc: Process, root: string, layout: FsLayout): Promise<void> {
  const paths = Object.keys(layout).sort((a, b) => a.split('/').length - b.split('/').length || (a < b ? -1 : 1));
  for (const path of paths) {
    const entry = layout[path]!;
    const target = `${root}${path}`;
    mkdirp(proc, target.slice(0, target.lastIndexOf('/')) || '/');
    await writeEntry(proc, target, entry);
    if (entry.uid !== undefined || entry.gid !== undefined) proc.fs.chown(target, entry.uid ?? 0, entry.gid ?? 0, true);
    if (entry.iattr) proc.fs.setIattr(target, entry.iattr === 'barrier' ? IATTR.BARRIER : entry.iattr === 'immutable' ? IATTR.IMMUTABLE : IATTR.IUNLINK, 0);
  }
}

async function writeEntry(proc: Process, target: string, entry: LayoutEntry): Promise<void> {
  if ('dir' in entry) {
    if (!isDir(proc, target)) proc.fs.mkdir(target, entry.perm ?? 0o755);
    proc.fs.chmod(target, entry.perm ?? 0o755);
    return;
  }
  if (isPresent(proc, target)) proc.fs.unlink(target);
  if ('symlink' in entry) proc.fs.symlink(entry.symlink, target);
  else if ('device' in entry) {
    proc.fs.mknod(target, entry.device, entry.perm ?? 0o600, entry.major, entry.minor);
    proc.fs.chmod(target, entry.perm ?? 0o600);
  } else if ('program' in entry) {
    await writeText(proc, target, programImageHeader(entry.program), { mode: 0o755 });
    proc.fs.truncate(target, programSize(entry.program));
    proc.fs.chmod(target, entry.perm ?? 0o755);
  } else if ('content' in entry) {
    await writeText(proc, target, entry.content, { mode: entry.perm ?? 0o644 });
    proc.fs.chmod(target, entry.perm ?? 0o644);
  } else throw new SyscallError('EINVAL', `cannot write ${target}`);
}
