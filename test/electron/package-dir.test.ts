/**
 * `electron-builder --dir` for Linux against a stand-in Electron distribution: a fake executable
 * that carries only Electron's fuse wire. This checks our electron-builder.yml without the
 * network: what goes into app.asar, and that the security fuses get flipped.
 */
import { spawnSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from './electron-binary.js';

/** Electron's fuse sentinel, followed by the wire: version 1, length, one byte per fuse. */
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const FUSES = ['runAsNode', 'cookieEncryption', 'nodeOptions', 'nodeCliInspect', 'asarIntegrity', 'onlyLoadAppFromAsar', 'v8Snapshot', 'fileProtocolPrivileges'];
// Electron's own defaults: run-as-node, NODE_OPTIONS, --inspect and file:// privileges enabled.
const DEFAULT_WIRE = '10110001';

function readFuses(binary: Buffer): Record<string, string> {
  const at = binary.indexOf(SENTINEL) + SENTINEL.length;
  const length = binary[at + 1]!;
  const wire = binary.subarray(at + 2, at + 2 + length).toString('latin1');
  return Object.fromEntries(FUSES.map((name, i) => [name, wire[i]!]));
}

/** The file list of an asar archive: a JSON header after a 16-byte pickle prefix. */
function asarFiles(archive: Buffer): string[] {
  const header = JSON.parse(archive.subarray(16, 16 + archive.readUInt32LE(12)).toString('utf8')) as { files: Record<string, unknown> };
  const out: string[] = [];
  const walk = (node: { files?: Record<string, unknown> }, prefix: string) => {
    for (const [name, child] of Object.entries(node.files ?? {})) {
      const c = child as { files?: Record<string, unknown> };
      if (c.files) walk(c, `${prefix}${name}/`);
      else out.push(`${prefix}${name}`);
    }
  };
  walk(header, '');
  return out.sort();
}

describe.skipIf(process.platform !== 'linux')('electron-builder --dir (stand-in Electron)', () => {
  let dir: string;
  let result: ReturnType<typeof spawnSync>;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'vlab-package-'));
    const project = path.join(dir, 'project');
    const dist = path.join(dir, 'electron-dist');
    const pkg = JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8'));
    const files: Record<string, string> = {
      'package.json': JSON.stringify({ name: pkg.name, version: pkg.version, description: pkg.description, license: pkg.license, type: pkg.type, main: pkg.main }),
      'out/main/index.js': '// stand-in main\n',
      'out/main/index.js.map': '{}',
      'out/preload/index.cjs': '// stand-in preload\n',
      'out/renderer/index.html': '<!doctype html>\n',
      'labs/demo/lab.yaml': 'schema_version: 1\n',
      'labs/demo/en.md': '# Demo\n',
    };
    for (const [name, content] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(project, name)), { recursive: true });
      await writeFile(path.join(project, name), content);
    }
    await cp(path.join(repoRoot, 'build', 'icons'), path.join(project, 'build', 'icons'), { recursive: true });
    await mkdir(path.join(dist, 'resources'), { recursive: true });
    await writeFile(path.join(dist, 'electron'), Buffer.concat([Buffer.from('#!/bin/sh\n'), Buffer.from(SENTINEL), Buffer.from([1, 8]), Buffer.from(DEFAULT_WIRE)]), { mode: 0o755 });
    await writeFile(path.join(dist, 'LICENSE'), 'stand-in');

    const electronVersion = JSON.parse(await readFile(path.join(repoRoot, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
    result = spawnSync(
      process.execPath,
      [
        path.join(repoRoot, 'node_modules', 'electron-builder', 'cli.js'),
        '--dir',
        '--linux',
        '--x64',
        '--projectDir',
        project,
        '--config',
        path.join(repoRoot, 'build', 'electron-builder.yml'),
        `-c.electronDist=${dist}`,
        `-c.electronVersion=${electronVersion}`,
        `-c.directories.output=${path.join(dir, 'release')}`,
      ],
      { encoding: 'utf8', timeout: 150_000, env: { ...process.env, CI: '1' } },
    );
  }, 180_000);

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('packs out/**, labs/** and package.json, without source maps', async () => {
    expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
    const archive = await readFile(path.join(dir, 'release', 'linux-unpacked', 'resources', 'app.asar'));
    expect(asarFiles(archive)).toEqual([
      'labs/demo/en.md',
      'labs/demo/lab.yaml',
      'out/main/index.js',
      'out/preload/index.cjs',
      'out/renderer/index.html',
      'package.json',
    ]);
  });

  it('names the executable vlab and flips the security fuses', async () => {
    const binary = await readFile(path.join(dir, 'release', 'linux-unpacked', 'vlab'));
    expect(readFuses(binary)).toEqual({
      runAsNode: '0',
      cookieEncryption: '0',
      nodeOptions: '0',
      nodeCliInspect: '0',
      asarIntegrity: '1',
      onlyLoadAppFromAsar: '1',
      v8Snapshot: '0',
      fileProtocolPrivileges: '0',
    });
  });
});
