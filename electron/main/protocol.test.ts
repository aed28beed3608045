import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveAppRequest } from './protocol.js';

let dir: string;
let rendererDir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'vlab-app-'));
  rendererDir = path.join(dir, 'renderer');
  await mkdir(path.join(rendererDir, 'assets'), { recursive: true });
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html>');
  await writeFile(path.join(rendererDir, 'assets', 'a.js'), 'x');
  await writeFile(path.join(dir, 'secret.txt'), 'secret');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('app:// handler', () => {
  it('serves the renderer with a CSP and the right type', async () => {
    const res = await serveAppRequest(rendererDir, new Request('app://vlab/index.html'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await res.text()).toBe('<!doctype html>');
    expect((await serveAppRequest(rendererDir, new Request('app://vlab/assets/a.js'))).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('answers 404 outside the folder or for missing files, 405 for other methods', async () => {
    for (const url of ['app://vlab/..%2fsecret.txt', 'app://vlab/nope.js', 'app://vlab/assets', 'app://elsewhere/index.html']) {
      const res = await serveAppRequest(rendererDir, new Request(url));
      expect(res.status).toBe(404);
    }
    expect((await serveAppRequest(rendererDir, new Request('app://vlab/index.html', { method: 'POST', body: 'x' }))).status).toBe(405);
  });
});
