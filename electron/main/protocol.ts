/** The app:// protocol: the built renderer, read from out/renderer (inside app.asar when packaged). */
import { readFile } from 'node:fs/promises';
import { contentTypeFor } from '../../host/services/mime.js';
import { CSP, resolveAppRequest } from './security.js';

const HEADERS = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

/** Answer one app:// request. No directory listing, no path outside rendererDir. */
export async function serveAppRequest(rendererDir: string, request: Request): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return new Response('Method not allowed', { status: 405, headers: { ...HEADERS, Allow: 'GET, HEAD' } });
  }
  const file = resolveAppRequest(rendererDir, request.url);
  if (!file) return new Response('Not found', { status: 404, headers: HEADERS });
  let body: Buffer;
  try {
    // Plain readFile, not realpath: Electron's fs reads inside app.asar, and the folder is our own
    // build output, covered by the asar integrity check when packaged.
    body = await readFile(file);
  } catch {
    return new Response('Not found', { status: 404, headers: HEADERS });
  }
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
    status: 200,
    headers: { ...HEADERS, 'Content-Type': contentTypeFor(file) },
  });
}
