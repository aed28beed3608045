/**
 * The guest's fstab (reference §8.3): at start its entries are mounted below the guest root —
 * in the guest's private mount namespace unless it has `nonamespace` — the way secure-mount
 * does it, and the guest's /etc/mtab starts from `apps/init/mtab` and lists them.
 */
import { SyscallError } from '../../../kernel/errno.js';
import type { Process } from '../../../kernel/process.js';
import { exists, findFile, isDir, readText, writeText } from './files.js';
import type { Guest } from './options.js';
import { DEFAULT_MTAB, DEFAULTS_DIR, PKGLIBDIR } from './paths.js';

export interface FstabEntry {
  src: string;
  dst: string;
  type: string;
  options: string;
  line: number;
}

export function parseFstab(text: string): FstabEntry[] {
  const out: FstabEntry[] = [];
  text.split('\n').forEach((raw, i) => {
    const f = raw.trim().split(/\s+/);
    if (f.length < 3 || f[0]!.startsWith('#')) return;
    out.push({ src: f[0]!, dst: f[1]!, type: f[2]!, options: f[3] ?? 'defaults', line: i + 1 });
  });
  return out;
}

/** Mount flags secure-mount parses itself; what is left is the filesystem's data (shown in mtab). */
const FLAG_OPTIONS = new Set(['defaults', 'rw', 'ro', 'suid', 'nosuid', 'dev', 'nodev', 'exec', 'noexec', 'sync', 'async', 'atime', 'noatime', 'nodiratime', 'auto', 'noauto', 'bind', 'rbind', 'remount']);

/** The fstab files of a guest, in mount order. */
function fstabFiles(guest: Guest): string[] {
  return [`${guest.dir}/fstab`, `${guest.dir}/fstab.local`, `${guest.dir}/fstab.remote`];
}

/** The guest path of an entry, resolved inside the guest root (symbolic links cannot lead out). */
function mountPointIn(proc: Process, vdir: string, dst: string): string {
  const real = proc.fs.realpath(`${vdir}${dst.startsWith('/') ? dst : `/${dst}`}`);
  if (real !== vdir && !real.startsWith(`${vdir}/`)) throw new SyscallError('EACCES');
  if (!isDir(proc, real)) throw new SyscallError('ENOTDIR');
  return real;
}

/** mountVserver: returns whether anything was to be mounted. */
export async function mountGuest(proc: Process, guest: Guest, vdir: string): Promise<boolean> {
  const files = fstabFiles(guest).filter((f) => exists(proc, f));
  if (files.length === 0) return false;
  const mtabSource = findFile(proc, [`${guest.dir}/apps/init/mtab`, `${DEFAULTS_DIR}/init/mtab`, `${PKGLIBDIR}/defaults/mtab`]);
  let mtab = mtabSource ? ((await readText(proc, mtabSource)) ?? '') : DEFAULT_MTAB;
  for (const file of files) {
    for (const e of parseFstab((await readText(proc, file)) ?? '')) {
      if (e.dst === '/') continue; // the root filesystem is mountRootFS's business
      let point: string;
      try {
        point = mountPointIn(proc, vdir, e.dst);
      } catch (err) {
        if (!(err instanceof SyscallError)) throw err;
        await proc.err(`secure-mount: chdir("${e.dst}"): ${err.message}\n${file}:${e.line}:1: failed to mount fstab-entry\n`);
        continue;
      }
      try {
        proc.fs.mount(e.src, point, e.type, e.options.split(',').filter((o) => o !== 'defaults'));
      } catch (err) {
        if (!(err instanceof SyscallError)) throw err;
        await proc.err(`secure-mount: mount(): ${err.message}\n${file}:${e.line}:1: failed to mount fstab-entry\n`);
        continue;
      }
      const data = e.options.split(',').filter((o) => !FLAG_OPTIONS.has(o));
      mtab += `${e.src} ${e.dst} ${e.type} ${data.length ? data.join(',') : 'defaults'} 0 0\n`;
    }
  }
  if (isDir(proc, `${vdir}/etc`)) {
    try {
      await writeText(proc, `${vdir}/etc/mtab`, mtab);
    } catch (err) {
      if (!(err instanceof SyscallError)) throw err;
    }
  }
  return true;
}

/** umountVserver (only for a guest without its own namespace): the entries in reverse order, lazily. */
export async function umountGuest(proc: Process, guest: Guest, vdir: string): Promise<void> {
  for (const file of [...fstabFiles(guest)].reverse()) {
    if (!exists(proc, file)) continue;
    for (const e of parseFstab((await readText(proc, file)) ?? '').reverse()) {
      if (e.dst === '/') continue;
      try {
        proc.fs.umount(mountPointIn(proc, vdir, e.dst));
      } catch (err) {
        if (!(err instanceof SyscallError)) throw err;
      }
    }
  }
}
