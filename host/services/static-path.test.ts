import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentTypeFor } from './mime.js';
import { existingFileInside, resolveStaticPath } from './static-path.js';

describe('resolveStaticPath', () => {
  const root = '/srv/renderer';
  it('maps / to index.html and paths to files below root', () => {
    expect(resolveStaticPath(root, '/')).toBe('/srv/renderer/index.html');
    expect(resolveStaticPath(root, '/assets/app-1a2b.js')).toBe('/srv/renderer/assets/app-1a2b.js');
    expect(resolveStaticPath(root, '/assets/a%20b.css')).toBe('/srv/renderer/assets/a b.css');
  });

  it.each([
    '/../package.json',
    '/assets/../../package.json',
    '/%2e%2e/package.json',
    '/..%2fpackage.json',
    '/..%5cpackage.json',
    '/assets/%00.js',
    '/%E0%A4%A',
    '/.git/config',
    '/assets/',
    '//etc/passwd',
    'relative',
  ])('refuses %s', (p) => {
    expect(resolveStaticPath(root, p)).toBeUndefined();
  });
});

describe('existingFileInside', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'vlab-static-'));
    await mkdir(path.join(dir, 'root', 'sub'), { recursive: true });
    await writeFile(path.join(dir, 'root', 'ok.js'), '');
    await writeFile(path.join(dir, 'secret.txt'), '');
    await symlink(path.join(dir, 'secret.txt'), path.join(dir, 'root', 'leak.txt'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('accepts regular files, refuses folders, missing files and links leading out', async () => {
    const root = path.join(dir, 'root');
    expect(await existingFileInside(root, path.join(root, 'ok.js'))).toBeDefined();
    expect(await existingFileInside(root, path.join(root, 'sub'))).toBeUndefined();
    expect(await existingFileInside(root, path.join(root, 'nope.js'))).toBeUndefined();
    expect(await existingFileInside(root, path.join(root, 'leak.txt'))).toBeUndefined();
  });
});

describe('contentTypeFor', () => {
  it('knows what a Vite build produces', () => {
    expect(contentTypeFor('a.js')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('a.mjs')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('a.css')).toBe('text/css; charset=utf-8');
    expect(contentTypeFor('a.svg')).toBe('image/svg+xml');
    expect(contentTypeFor('a.woff2')).toBe('font/woff2');
    expect(contentTypeFor('a.wasm')).toBe('application/wasm');
    expect(contentTypeFor('A.HTML')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('a.unknown')).toBe('application/octet-stream');
  });
});
