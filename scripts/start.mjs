// `npm start`: the desktop app where an Electron binary exists, browser mode everywhere else.
//
// The `electron` npm package downloads its binary on first use, which machines without internet
// access cannot do. Rather than fail, say so in one line and run `vlab serve` (build if needed,
// serve on 127.0.0.1, open a browser if there is one). Extra arguments are passed on:
//   npm start -- --no-open
import { spawn } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);

/** The Electron executable, or the reason there is none. */
function findElectron() {
  const electronDir = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(electronDir, 'path.txt');
  // path.txt names the executable inside a distribution (electron, electron.exe, Electron.app/…).
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const executable = path.join(override, relative || (process.platform === 'win32' ? 'electron.exe' : 'electron'));
    return isExecutable(executable)
      ? { executable }
      : { reason: `ELECTRON_OVERRIDE_DIST_PATH is set but ${executable} is not an executable file` };
  }
  if (relative) {
    const executable = path.join(electronDir, 'dist', relative);
    if (isExecutable(executable)) return { executable };
  }
  return { reason: 'no Electron binary on this machine (it cannot be downloaded here)' };
}

function isExecutable(file) {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** True when out/main or out/preload is missing or older than what it is built from. */
function electronNeedsBuild(newestMtime) {
  const outputs = [path.join(root, 'out', 'main', 'index.js'), path.join(root, 'out', 'preload', 'index.cjs')];
  let oldest = Infinity;
  for (const file of outputs) {
    try {
      oldest = Math.min(oldest, statSync(file).mtimeMs);
    } catch {
      return Promise.resolve(true);
    }
  }
  return newestMtime(root, ['electron', 'host', 'package.json', 'build/electron.vite.config.ts']).then((newest) => newest > oldest);
}

async function main() {
  register();
  const found = findElectron();
  if (!found.executable) {
    process.stdout.write(`vlab: ${found.reason}; starting in browser mode instead.\n`);
    const cli = await import('../cli/main.ts');
    return cli.main(['serve', ...args]);
  }

  const { ensureRendererBuilt, newestMtime } = await import('../cli/renderer-build.ts');
  const log = (line) => process.stdout.write(`${line}\n`);
  try {
    await ensureRendererBuilt(root, log);
    if (await electronNeedsBuild(newestMtime)) {
      log('vlab: building the Electron main process and preload…');
      const { build } = await import('electron-vite');
      await build({ configFile: path.join(root, 'build', 'electron.vite.config.ts'), logLevel: 'warn', ignoreConfigWarning: true });
    }
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message.split('\n')[0] : String(error)}\n`);
    return 1;
  }

  const env = { ...process.env };
  // Inherited from a parent tool, this would make Electron behave as plain Node.
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(found.executable, [root, ...args], { stdio: 'inherit', env });
  // Ctrl-C reaches Electron through the terminal's process group; just wait for it to finish.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  return new Promise((resolve) => {
    child.on('error', (error) => {
      process.stderr.write(`vlab: cannot start Electron (${found.executable}): ${error.message}\n`);
      resolve(1);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

process.exitCode = await main();
