/**
 * /etc/mtab, as util-linux 2.12 keeps it: `mount` lists it (not the kernel's table), and mount
 * and umount rewrite it. That is why, in a new mount namespace, `mount` can show a filesystem
 * that is not there while /proc/mounts tells the truth — the lecture's point.
 */
import { O_CREAT, O_TRUNC, O_WRONLY } from '../../kernel/file.js';
import type { Process } from '../../kernel/process.js';

export interface MtabEntry {
  device: string;
  mountPoint: string;
  type: string;
  options: string;
}

export async function readMtab(proc: Process): Promise<MtabEntry[] | undefined> {
  let text: string;
  try {
    text = await proc.readFile('/etc/mtab');
  } catch {
    return undefined;
  }
  return text
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter((f) => f.length >= 4 && !f[0]!.startsWith('#'))
    .map(([device, mountPoint, type, options]) => ({ device: device!, mountPoint: mountPoint!.replace(/\\040/g, ' '), type: type!, options: options! }));
}

async function writeMtab(proc: Process, entries: MtabEntry[]): Promise<void> {
  try {
    const fd = proc.open('/etc/mtab', O_WRONLY | O_CREAT | O_TRUNC, 0o644);
    await proc.write(fd, entries.map((e) => `${e.device} ${e.mountPoint.replace(/ /g, '\\040')} ${e.type} ${e.options} 0 0\n`).join(''));
    proc.close(fd);
  } catch {
    /* a read-only /etc: mount works anyway, as with mount -n */
  }
}

export async function addMtabEntry(proc: Process, entry: MtabEntry): Promise<void> {
  const entries = (await readMtab(proc)) ?? [];
  entries.push(entry);
  await writeMtab(proc, entries);
}

/** Remove the last entry mounted on a point (or from a device). */
export async function removeMtabEntry(proc: Process, mountPoint: string, device?: string): Promise<void> {
  const entries = await readMtab(proc);
  if (!entries) return;
  for (let i = entries.length - 1; i >= 0; i--) {
    if (entries[i]!.mountPoint === mountPoint || (device !== undefined && entries[i]!.device === device)) {
      entries.splice(i, 1);
      break;
    }
  }
  await writeMtab(proc, entries);
}
