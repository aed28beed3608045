/**
 * Build the renderer when its output is missing or older than its sources, so `vlab serve` and
 * `npm start` work on a fresh checkout without a separate build step.
 */
import { existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { CliError } from './errors.js';

/** What the renderer bundle is made of: its own folder, the core it runs in a worker, the contract. */
const SOURCE_PATHS = ['renderer', 'core', 'host/contract.ts', 'package.json'];
const SKIP_DIRS = new Set(['node_modules', 'out', 'dist']);

export function rendererIndex(root: string): string {
  return path.join(root, 'out', 'renderer', 'index.html');
}

export async function rendererNeedsBuild(root: string): Promise<boolean> {
  let built: number;
  try {
    built = (await stat(rendererIndex(root))).mtimeMs;
  } catch {
    return true;
  }
  return (await newestMtime(root, SOURCE_PATHS)) > built;
}

/** The most recent modification time among files under `paths` (relative to root). */
export async function newestMtime(root: string, paths: readonly string[]): Promise<number> {
  let newest = 0;
  async function visit(entry: string): Promise<void> {
    let info;
    try {
      info = await stat(entry);
    } catch {
      return;
    }
    if (info.isDirectory()) {
      const names = await readdir(entry);
      await Promise.all(names.filter((n) => !n.startsWith('.') && !SKIP_DIRS.has(n)).map((n) => visit(path.join(entry, n))));
    } else if (info.mtimeMs > newest) {
      newest = info.mtimeMs;
    }
  }
  await Promise.all(paths.map((p) => visit(path.join(root, p))));
  return newest;
}

/** `vite build --config renderer/vite.config.ts`, through Vite's JS API (loaded only when needed). */
export async function buildRenderer(root: string, log: (line: string) => void): Promise<void> {
  const configFile = path.join(root, 'renderer', 'vite.config.ts');
  if (!existsSync(configFile)) {
    throw new CliError(`vlab: cannot build the renderer: ${path.relative(process.cwd(), configFile) || configFile} is missing`);
  }
  log('vlab: building the renderer (first run, or its sources changed)…');
  const { build } = await import('vite');
  try {
    await build({ configFile, logLevel: 'warn' });
  } catch (error) {
    throw new CliError(`vlab: the renderer build failed: ${firstErrorLine(error)}`);
  }
}

export async function ensureRendererBuilt(root: string, log: (line: string) => void): Promise<void> {
  if (await rendererNeedsBuild(root)) await buildRenderer(root, log);
}

/** The first informative line of a bundler error: no colours, no "Build failed with 1 error:" header. */
export function firstErrorLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  // eslint-disable-next-line no-control-regex
  const lines = text.replace(/\x1b\[[0-9;]*m/g, '').split('\n').map((l) => l.trim());
  return lines.find((l) => l !== '' && !/^Build failed with \d+ errors?:?$/.test(l)) ?? 'unknown error';
}
