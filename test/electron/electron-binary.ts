/** Where the real-Electron tests find a binary: only ELECTRON_OVERRIDE_DIST_PATH, never a download. */
import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export function findElectronBinary(): { executable: string } | { reason: string } {
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (!dist) return { reason: 'ELECTRON_OVERRIDE_DIST_PATH is not set (no Electron binary can be downloaded on this machine)' };
  const pathFile = path.join(repoRoot, 'node_modules', 'electron', 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : process.platform === 'win32' ? 'electron.exe' : 'electron';
  const executable = path.join(dist, relative);
  try {
    if (!statSync(executable).isFile()) throw new Error('not a file');
    accessSync(executable, constants.X_OK);
  } catch {
    return { reason: `ELECTRON_OVERRIDE_DIST_PATH is set but ${executable} is not an executable file` };
  }
  return { executable };
}
