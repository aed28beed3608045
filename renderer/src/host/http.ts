/** Browser mode: the Host over HTTP on 127.0.0.1 (`vlab serve`), authenticated by the page's token. */
import type { Progress } from '../../../host/contract.js';
import { describeError } from '../util/describe-error.js';
import { HostError } from './errors.js';
import type { UncheckedHost } from './validating.js';

export interface HttpHostOptions {
  token: string;
  /** Where /api lives; the page's own origin by default. */
  base?: string;
  fetch?: typeof fetch;
}

export function httpHost(options: HttpHostOptions): UncheckedHost {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const url = (path: string) => (options.base ? new URL(path, options.base).toString() : path);

  async function request(method: 'GET' | 'PUT', path: string, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = { 'X-Vlab-Token': options.token, Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response: Response;
    try {
      response = await doFetch(url(path), {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        cache: 'no-store',
        // Lets a preference change made just before closing the page still arrive.
        keepalive: method === 'PUT',
        credentials: 'same-origin',
      });
    } catch (error) {
      throw new HostError(`the vlab server did not answer (${describeError(error)}); is \`vlab serve\` still running?`);
    }
    if (!response.ok) throw new HostError(`${method} ${path}: ${await reason(response)}`, response.status);
    return response;
  }

  async function json(path: string): Promise<unknown> {
    const response = await request('GET', path);
    try {
      return await response.json();
    } catch {
      throw new HostError(`GET ${path}: the answer is not JSON`);
    }
  }

  return {
    info: () => json('/api/info'),
    listLabs: () => json('/api/labs'),
    loadProgress: () => json('/api/progress'),
    async saveProgress(progress: Progress) {
      await request('PUT', '/api/progress', progress);
    },
  };
}

/** "403 Forbidden: bad token", using the server's own words when it gives any. */
async function reason(response: Response): Promise<string> {
  const status = `${response.status}${response.statusText ? ' ' + response.statusText : ''}`;
  let detail = '';
  try {
    const text = (await response.text()).trim();
    if (text) {
      try {
        const parsed = JSON.parse(text) as { error?: unknown } | null;
        detail = typeof parsed?.error === 'string' ? parsed.error : describeError(parsed, '');
      } catch {
        detail = text.startsWith('<') ? '' : describeError(text, '');
      }
    }
  } catch {
    // no body
  }
  if (response.status === 401 || response.status === 403) detail ||= 'the page’s access token was refused; reload the page from `vlab serve`';
  return detail ? `${status}: ${detail}` : status;
}
