import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, request, type OutgoingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROGRESS_SCHEMA_VERSION, type HostInfo, type LabSummary, type ProgressLoadResult } from '../contract.js';
import { DEFAULT_PORT, MAX_BODY_BYTES, startServer, ServeError, type RunningServer } from './http-server.js';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw HTTP request, so tests control every header (fetch would refuse to forge Host). */
function send(port: number, method: string, urlPath: string, headers: OutgoingHttpHeaders = {}, body?: string | Buffer): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path: urlPath, headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    // The server may drop the connection after refusing an oversized body.
    req.on('error', reject);
    req.end(body);
  });
}

let dir: string;
let server: RunningServer;
let auth: OutgoingHttpHeaders;

const validProgress = {
  schemaVersion: PROGRESS_SCHEMA_VERSION,
  preferences: { locale: 'fr', theme: 'dark', fontSize: 18 },
  labs: { 'vs-intro': { startedAt: '2025-01-01T00:00:00Z', steps: { one: { state: 'passed', attempts: 2, hintsUsed: 1, solutionShown: false, secondsSpent: 60 } } } },
};

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'vlab-http-'));
  const rendererDir = path.join(dir, 'renderer');
  await mkdir(path.join(rendererDir, 'assets'), { recursive: true });
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><head><meta name="vlab-token" content=""></head><body></body>');
  await writeFile(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(path.join(rendererDir, 'assets', 'font.woff2'), 'w');
  await writeFile(path.join(dir, 'package.json'), '{"secret": true}');
  const labDir = path.join(dir, 'labs', 'vs-intro');
  await mkdir(labDir, { recursive: true });
  await writeFile(
    path.join(labDir, 'lab.yaml'),
    'schema_version: 1\nid: vs-intro\ntitle: {fr: Intro, en: Intro}\nsummary: {en: First steps}\nchapter: vserver-concepts\nduration: 20\n',
  );
  await writeFile(path.join(labDir, 'en.md'), '# Intro\n');
  server = await startServer({
    port: 0,
    rendererDir,
    labsDirs: { bundled: path.join(dir, 'labs'), user: path.join(dir, 'data', 'labs') },
    dataDir: path.join(dir, 'data'),
  });
  auth = { 'x-vlab-token': server.token };
});

afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('startServer', () => {
  it('listens on 127.0.0.1 with a random token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
    expect(server.token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
  });

  it('serves index.html with the token filled in and the security headers', async () => {
    const r = await send(server.port, 'GET', '/');
    expect(r.status).toBe(200);
    expect(r.body).toContain(`<meta name="vlab-token" content="${server.token}">`);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.headers['content-security-policy']).toContain("default-src 'self'");
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['referrer-policy']).toBe('no-referrer');
    expect(r.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(r.headers['cache-control']).toBe('no-store');
  });

  it('serves assets with their MIME type; HEAD has no body', async () => {
    expect((await send(server.port, 'GET', '/assets/app.js')).headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await send(server.port, 'GET', '/assets/font.woff2')).headers['content-type']).toBe('font/woff2');
    const head = await send(server.port, 'HEAD', '/assets/app.js');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });

  it('accepts localhost:PORT as Host too', async () => {
    expect((await send(server.port, 'GET', '/', { host: `localhost:${server.port}` })).status).toBe(200);
  });

  it.each([['evil.example'], ['evil.example:PORT'], ['127.0.0.1'], ['127.0.0.1:1'], ['0.0.0.0:PORT']])(
    'refuses Host %s (DNS rebinding), for pages and API alike',
    async (host) => {
      const h = host.replace('PORT', String(server.port));
      for (const p of ['/', '/api/info']) {
        const r = await send(server.port, 'GET', p, { ...auth, host: h });
        expect(r.status).toBe(421);
        expect(r.body).not.toContain(server.token);
      }
    },
  );

  it('refuses a foreign Origin, accepts its own', async () => {
    for (const origin of ['http://evil.example', 'null', `http://127.0.0.1:${server.port + 1}`, `https://127.0.0.1:${server.port}`]) {
      expect((await send(server.port, 'GET', '/api/info', { ...auth, origin })).status).toBe(403);
      expect((await send(server.port, 'GET', '/', { origin })).status).toBe(403);
    }
    expect((await send(server.port, 'GET', '/api/info', { ...auth, origin: `http://localhost:${server.port}` })).status).toBe(200);
  });

  it('needs the token for every API call', async () => {
    for (const [method, p] of [['GET', '/api/info'], ['GET', '/api/labs'], ['GET', '/api/progress'], ['PUT', '/api/progress'], ['GET', '/api/nope']]) {
      expect((await send(server.port, method!, p!)).status).toBe(401);
      const wrong = await send(server.port, method!, p!, { 'x-vlab-token': 'x'.repeat(server.token.length) });
      expect(wrong.status).toBe(401);
      expect(JSON.parse(wrong.body)).toEqual({ error: 'missing or wrong x-vlab-token header' });
    }
  });

  it('answers /api/info and /api/labs', async () => {
    const info = JSON.parse((await send(server.port, 'GET', '/api/info', auth)).body) as HostInfo;
    expect(info.kind).toBe('browser');
    expect(info.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(['fr', 'en']).toContain(info.systemLocale);
    const labs = JSON.parse((await send(server.port, 'GET', '/api/labs', auth)).body) as LabSummary[];
    expect(labs).toEqual([
      expect.objectContaining({ id: 'vs-intro', chapter: 'vserver-concepts', locales: ['en'], source: 'bundled', durationMinutes: 20 }),
    ]);
  });

  it('round-trips progress', async () => {
    const empty = JSON.parse((await send(server.port, 'GET', '/api/progress', auth)).body) as ProgressLoadResult;
    expect(empty).toEqual({ progress: { schemaVersion: PROGRESS_SCHEMA_VERSION, labs: {} } });
    const put = await send(server.port, 'PUT', '/api/progress', { ...auth, 'content-type': 'application/json' }, JSON.stringify(validProgress));
    expect(put.status).toBe(204);
    const back = JSON.parse((await send(server.port, 'GET', '/api/progress', auth)).body) as ProgressLoadResult;
    expect(back).toEqual({ progress: validProgress });
  });

  it('refuses invalid progress with 400 and leaves the file untouched', async () => {
    await send(server.port, 'PUT', '/api/progress', auth, JSON.stringify(validProgress));
    const file = path.join(dir, 'data', 'progress.json');
    const before = await readFile(file, 'utf8');
    const bad = await send(server.port, 'PUT', '/api/progress', auth, JSON.stringify({ ...validProgress, schemaVersion: 2 }));
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toEqual({ error: 'invalid progress: unsupported schemaVersion 2' });
    const notJson = await send(server.port, 'PUT', '/api/progress', auth, '{"schemaVersion":');
    expect(notJson.status).toBe(400);
    expect(JSON.parse(notJson.body)).toEqual({ error: 'the request body is not valid JSON' });
    expect(await readFile(file, 'utf8')).toBe(before);
  });

  it('refuses a body over 1 MiB with 413, by declared length or by bytes sent', async () => {
    const big = JSON.stringify({ ...validProgress, padding: 'x'.repeat(MAX_BODY_BYTES) });
    const declared = await send(server.port, 'PUT', '/api/progress', auth, big);
    expect(declared.status).toBe(413);
    // Chunked upload: no Content-Length to trust.
    const chunked = await send(server.port, 'PUT', '/api/progress', { ...auth, 'transfer-encoding': 'chunked' }, big);
    expect(chunked.status).toBe(413);
    // The server still works afterwards.
    expect((await send(server.port, 'GET', '/api/info', auth)).status).toBe(200);
  });

  it('answers 405 for wrong methods and 404 for unknown paths', async () => {
    const post = await send(server.port, 'POST', '/api/info', auth);
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET');
    expect((await send(server.port, 'DELETE', '/api/progress', auth)).headers.allow).toBe('GET, PUT');
    expect((await send(server.port, 'POST', '/')).status).toBe(405);
    expect((await send(server.port, 'GET', '/api/nope', auth)).status).toBe(404);
    expect((await send(server.port, 'GET', '/nope.js')).status).toBe(404);
  });

  it('refuses directory traversal', async () => {
    for (const p of ['/../package.json', '/assets/../../package.json', '/%2e%2e/package.json', '/..%2fpackage.json', '/assets/..%2f..%2fpackage.json']) {
      const r = await send(server.port, 'GET', p);
      expect(r.status).toBe(404);
      expect(r.body).not.toContain('secret');
    }
  });
});

describe('busy ports', () => {
  it('fails with one clear sentence when an explicit port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as AddressInfo).port;
    try {
      const attempt = startServer({ port, rendererDir: dir, labsDirs: { bundled: dir, user: dir }, dataDir: dir });
      await expect(attempt).rejects.toBeInstanceOf(ServeError);
      await expect(attempt).rejects.toThrow(`vlab serve: port ${port} is already in use on 127.0.0.1; try --port 0 for any free port`);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('falls back on any free port when the default one is busy and no port was asked for', async () => {
    const blocker = createServer();
    // If something else already holds the default port, it is busy either way.
    await new Promise<void>((resolve) => {
      blocker.once('error', () => resolve());
      blocker.listen(DEFAULT_PORT, '127.0.0.1', resolve);
    });
    try {
      const fallback = await startServer({ rendererDir: dir, labsDirs: { bundled: dir, user: dir }, dataDir: dir });
      expect(fallback.port).not.toBe(DEFAULT_PORT);
      expect(fallback.port).toBeGreaterThan(0);
      await fallback.close();
    } finally {
      if (blocker.listening) await new Promise((resolve) => blocker.close(resolve));
    }
  });
});
