/**
 * Browser mode: the renderer and the Host API over HTTP on 127.0.0.1 only.
 *
 * Anything on this machine can reach a loopback port, and any web page the person visits can make
 * their browser try. So: every API call carries a per-run random token (handed to the page inside
 * index.html, which other sites cannot read), every request must name this server in its Host
 * header (defeats DNS rebinding, where evil.example resolves to 127.0.0.1), and any Origin header
 * must be this server's own.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { validateProgress } from '../contract.js';
import { RENDERER_CSP } from './csp.js';
import { describeFsError } from './fs-errors.js';
import { createNodeHost } from './host-impl.js';
import type { LabsDirs } from './labs.js';
import { contentTypeFor } from './mime.js';
import { existingFileInside, resolveStaticPath } from './static-path.js';

export interface ServerOptions {
  /** 0 = any free port; omitted = DEFAULT_PORT, or any free port when that one is busy. */
  port?: number;
  rendererDir: string;
  labsDirs: LabsDirs;
  dataDir: string;
}

export interface RunningServer {
  /** http://127.0.0.1:PORT/ */
  url: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

/** A start-up failure to show as is: one line, no stack trace. */
export class ServeError extends Error {
  override name = 'ServeError';
}

export const DEFAULT_PORT = 4317;
export const MAX_BODY_BYTES = 1024 * 1024;
export const TOKEN_HEADER = 'x-vlab-token';
/** The literal placeholder the renderer's index.html carries; the server fills in the token. */
export const TOKEN_META_PLACEHOLDER = '<meta name="vlab-token" content="">';
const LOOPBACK = '127.0.0.1';

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': RENDERER_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const token = randomBytes(32).toString('base64url');
  const host = createNodeHost({ labsDirs: options.labsDirs, dataDir: options.dataDir, kind: 'browser' });
  let port = 0;
  let allowedHosts = new Set<string>();
  let allowedOrigins = new Set<string>();

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      process.stderr.write(`vlab serve: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
      else res.destroy();
    });
  });
  // A stalled client must not hold a connection open forever.
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);

    const hostHeader = req.headers.host?.toLowerCase();
    if (!hostHeader || !allowedHosts.has(hostHeader)) {
      return sendText(res, 421, `This server only answers to http://${LOOPBACK}:${port}/ and http://localhost:${port}/\n`);
    }
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins.has(origin)) {
      return sendText(res, 403, 'Requests from other sites are refused.\n');
    }

    const rawPath = (req.url ?? '/').split('?')[0]!;
    if (rawPath === '/api' || rawPath.startsWith('/api/')) return handleApi(req, res, rawPath);
    return handleStatic(req, res, rawPath);
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, rawPath: string): Promise<void> {
    res.setHeader('Cache-Control', 'no-store');
    if (!hasToken(req)) return sendJson(res, 401, { error: `missing or wrong ${TOKEN_HEADER} header` });
    const method = req.method ?? 'GET';
    switch (rawPath) {
      case '/api/info':
        if (method !== 'GET') return methodNotAllowed(res, 'GET');
        return sendJson(res, 200, await host.info());
      case '/api/labs':
        if (method !== 'GET') return methodNotAllowed(res, 'GET');
        return sendJson(res, 200, await host.listLabs());
      case '/api/progress':
        if (method === 'GET') return sendJson(res, 200, await host.loadProgress());
        if (method === 'PUT') return saveProgress(req, res);
        return methodNotAllowed(res, 'GET, PUT');
      default:
        return sendJson(res, 404, { error: 'no such API' });
    }
  }

  async function saveProgress(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req, MAX_BODY_BYTES);
    if (body === 'too-large') {
      // Stop reading an oversized upload: answer, then drop the connection.
      res.setHeader('Connection', 'close');
      sendJson(res, 413, { error: `the progress is larger than ${MAX_BODY_BYTES} bytes` });
      res.on('finish', () => req.destroy());
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      return sendJson(res, 400, { error: 'the request body is not valid JSON' });
    }
    const checked = validateProgress(parsed);
    if (!checked.ok) return sendJson(res, 400, { error: `invalid progress: ${checked.error}` });
    try {
      await host.saveProgress(checked.value);
    } catch (error) {
      return sendJson(res, 500, { error: `could not save progress: ${describeFsError(error)}` });
    }
    res.writeHead(204).end();
  }

  async function handleStatic(req: IncomingMessage, res: ServerResponse, rawPath: string): Promise<void> {
    const method = req.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD') return methodNotAllowed(res, 'GET, HEAD');
    const candidate = resolveStaticPath(options.rendererDir, rawPath);
    const file = candidate && (await existingFileInside(options.rendererDir, candidate));
    if (!file) return sendText(res, 404, 'Not found\n');
    let content: Buffer = await readFile(file);
    const isIndex = rawPath === '/' || rawPath === '/index.html';
    if (isIndex) {
      content = Buffer.from(content.toString('utf8').replace(TOKEN_META_PLACEHOLDER, `<meta name="vlab-token" content="${token}">`));
      // The token changes every run: never let a cache serve an old one.
      res.setHeader('Cache-Control', 'no-store');
    } else {
      res.setHeader('Cache-Control', 'no-cache');
    }
    res.writeHead(200, { 'Content-Type': contentTypeFor(file), 'Content-Length': content.length });
    res.end(method === 'HEAD' ? undefined : content);
  }

  function hasToken(req: IncomingMessage): boolean {
    const given = req.headers[TOKEN_HEADER];
    if (typeof given !== 'string') return false;
    const a = Buffer.from(given);
    const b = Buffer.from(token);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  port = await listen(server, options.port);
  allowedHosts = new Set([`${LOOPBACK}:${port}`, `localhost:${port}`]);
  allowedOrigins = new Set([`http://${LOOPBACK}:${port}`, `http://localhost:${port}`]);

  return {
    url: `http://${LOOPBACK}:${port}/`,
    token,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Listen on 127.0.0.1; an explicit busy port is an error, the default port falls back to any. */
async function listen(server: Server, requested: number | undefined): Promise<number> {
  if (requested !== undefined && (!Number.isInteger(requested) || requested < 0 || requested > 65535)) {
    throw new ServeError(`vlab serve: ${requested} is not a port number (use 0 to 65535)`);
  }
  try {
    return await listenOnce(server, requested ?? DEFAULT_PORT);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (requested === undefined && (code === 'EADDRINUSE' || code === 'EACCES')) return listenOnce(server, 0);
    if (code === 'EADDRINUSE') {
      throw new ServeError(`vlab serve: port ${requested} is already in use on ${LOOPBACK}; try --port 0 for any free port`);
    }
    if (code === 'EACCES') {
      throw new ServeError(`vlab serve: not allowed to use port ${requested} on ${LOOPBACK} (ports below 1024 need administrator rights); try --port 0 for any free port`);
    }
    throw new ServeError(`vlab serve: cannot listen on ${LOOPBACK}:${requested ?? DEFAULT_PORT}: ${describeFsError(error)}`);
  }
}

function listenOnce(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => {
      server.off('listening', onListening);
      reject(error);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen({ port, host: LOOPBACK, exclusive: true });
  });
}

/** The whole body, or 'too-large' as soon as it passes `limit` (by declared length or by bytes). */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve('too-large');
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        req.pause();
        resolve('too-large');
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!done) resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = Buffer.from(JSON.stringify(value));
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': body.length });
  res.end(body);
}

function sendText(res: ServerResponse, status: number, text: string): void {
  const body = Buffer.from(text);
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': body.length });
  res.end(body);
}

function methodNotAllowed(res: ServerResponse, allow: string): void {
  res.setHeader('Allow', allow);
  sendJson(res, 405, { error: `method not allowed; use ${allow}` });
}
