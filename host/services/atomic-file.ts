/**
 * Crash-safe file replacement: the reader sees either the old file or the new one, never a
 * half-written one. Write a temporary file in the same folder (a rename is only atomic within one
 * file system), flush it to disk, rename it over the target, then flush the folder so the rename
 * itself survives a power cut.
 */
import { randomBytes } from 'node:crypto';
import * as fsp from 'node:fs/promises';
import path from 'node:path';

/** The few file operations the writer needs; tests swap one out to simulate a failing disk. */
export interface AtomicIo {
  open: typeof fsp.open;
  rename: typeof fsp.rename;
  rm: typeof fsp.rm;
}

export const nodeIo: AtomicIo = { open: fsp.open, rename: fsp.rename, rm: fsp.rm };

export async function writeFileAtomic(file: string, data: string | Uint8Array, io: AtomicIo = nodeIo): Promise<void> {
  const dir = path.dirname(file);
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await io.open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await io.rename(temp, file);
  } catch (error) {
    // Leave no debris; the target file was never touched.
    await io.rm(temp, { force: true }).catch(() => {});
    throw error;
  }
  await syncDirectory(dir, io);
}

/**
 * fsync the folder so the new directory entry is durable. Windows cannot open a folder for
 * syncing (EISDIR/EPERM); there NTFS journals the rename, so ignoring the failure is fine.
 */
async function syncDirectory(dir: string, io: AtomicIo): Promise<void> {
  let handle: fsp.FileHandle | undefined;
  try {
    handle = await io.open(dir, 'r');
    await handle.sync();
  } catch {
    // Not supported on this platform or file system.
  } finally {
    await handle?.close().catch(() => {});
  }
}
