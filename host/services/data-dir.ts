/**
 * Where vlab keeps a person's data (progress, their own labs). One folder shared by the desktop
 * app and `vlab serve`, so switching between them keeps the same progress.
 */
import { mkdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';

export interface DataDirEnvironment {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  home: string;
}

const currentEnvironment = (): DataDirEnvironment => ({ platform: process.platform, env: process.env, home: homedir() });

/**
 * The data folder: `VLAB_DATA_DIR` when set (tests, portable installs on a USB stick), else the
 * platform's per-user configuration folder followed by `vlab`.
 */
export function resolveDataDir(environment: DataDirEnvironment = currentEnvironment()): string {
  const { platform, env, home } = environment;
  // Pick the path flavour of the target platform so the function is testable anywhere.
  const p = platform === 'win32' ? path.win32 : path.posix;
  const override = env.VLAB_DATA_DIR?.trim();
  if (override) return p.resolve(override);
  if (platform === 'win32') {
    const appData = env.APPDATA?.trim() || p.join(home, 'AppData', 'Roaming');
    return p.join(appData, 'vlab');
  }
  if (platform === 'darwin') return p.join(home, 'Library', 'Application Support', 'vlab');
  // XDG says a relative XDG_CONFIG_HOME is invalid and must be ignored.
  const xdg = env.XDG_CONFIG_HOME?.trim();
  const configHome = xdg && p.isAbsolute(xdg) ? xdg : p.join(home, '.config');
  return p.join(configHome, 'vlab');
}

/** The folder where a teacher or student drops their own labs. */
export function userLabsDir(dataDir: string): string {
  return path.join(dataDir, 'labs');
}

/** The progress file inside the data folder. */
export function progressFile(dataDir: string): string {
  return path.join(dataDir, 'progress.json');
}

/** Create the data folder and its labs folder, so a person can find where to put labs. */
export async function ensureDataDirs(dataDir: string): Promise<void> {
  await mkdir(userLabsDir(dataDir), { recursive: true });
}
