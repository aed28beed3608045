/**
 * Build the renderer with Vite when out/renderer is missing or older than its sources (renderer/,
 * core/, host/contract.ts, the lock file). Runs Vite in a child process so its module graph and
 * config loading stay out of the test process.
 */
import { execFile } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPO, RENDERER_OUT } from './paths.js';

const run = promisify(execFile);

const SOURCES = ['renderer', 'core', 'host/contract.ts', 'package-lock.json'];

async function newestMtime(p: string): Promise<number> {
  let info;
  try {
    info = await stat(p);
  } catch {
    return 0;
  }
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of await readdir(p, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    newest = Math.max(newest, await newestMtime(path.join(p, entry.name)));
  }
  return newest;
}

export async function rendererIsStale(): Promise<boolean> {
  const built = await stat(path.join(RENDERER_OUT, 'index.html')).then(
    (s) => s.mtimeMs,
    () => 0,
  );
  if (built === 0) return true;
  for (const source of SOURCES) if ((await newestMtime(path.join(REPO, source))) > built) return true;
  return false;
}

export async function ensureRendererBuilt(): Promise<void> {
  if (!(await rendererIsStale())) return;
  const vite = path.join(REPO, 'node_modules', 'vite', 'bin', 'vite.js');
  try {
    await run(process.execPath, [vite, 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'], {
      cwd: REPO,
      // Vite keeps an inherited NODE_ENV (vitest sets "test"), which would give a development build.
      env: { ...process.env, NODE_ENV: 'production' },
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`the renderer build failed:\n${e.stderr || e.stdout || e.message}`);
  }
}
