/** Open a URL in the person's default browser, if this machine has one; never fails loudly. */
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

export function browserCommand(
  url: string,
  platform: NodeJS.Platform = process.platform,
  env: Record<string, string | undefined> = process.env,
): { command: string; args: string[] } | undefined {
  if (platform === 'darwin') return { command: 'open', args: [url] };
  // Not `cmd /c start`: cmd re-parses the URL (& and ^ are special there); the shell handler does not.
  if (platform === 'win32') return { command: 'rundll32', args: ['url.dll,FileProtocolHandler', url] };
  // Elsewhere a browser needs a graphical session and xdg-open to find it.
  if (!env.DISPLAY && !env.WAYLAND_DISPLAY) return undefined;
  if (!onPath('xdg-open', env.PATH)) return undefined;
  return { command: 'xdg-open', args: [url] };
}

function onPath(name: string, searchPath = ''): boolean {
  return searchPath.split(path.delimiter).some((dir) => {
    try {
      accessSync(path.join(dir, name), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** True when a browser launch was attempted. */
export function openBrowser(url: string): boolean {
  const launch = browserCommand(url);
  if (!launch) return false;
  try {
    const child = spawn(launch.command, launch.args, { detached: true, stdio: 'ignore', windowsHide: true });
    child.on('error', () => {});
    child.unref();
    return true;
  } catch {
    return false;
  }
}
