import { describe, expect, it } from 'vitest';
import { emptyProgress, type LabSummary, type Progress } from '../../../host/contract.js';
import { HostError } from './errors.js';
import { httpHost } from './http.js';
import { pickHost } from './index.js';
import { LOCAL_PROGRESS_KEY, localHost } from './local.js';
import { validateLabList } from './validate.js';
import { validatingHost } from './validating.js';

const lab: LabSummary = {
  id: 'vserver-build',
  chapter: 'vserver-setup',
  title: { fr: 'Construire un vserver', en: 'Build a vserver' },
  summary: { fr: 'vserver build', en: 'vserver build' },
  durationMinutes: 30,
  locales: ['fr', 'en'],
  source: 'bundled',
};

type Call = { url: string; method: string; headers: Record<string, string>; body?: string };

function fakeFetch(routes: Record<string, () => Response>) {
  const calls: Call[] = [];
  const f = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const method = init?.method ?? 'GET';
    calls.push({ url: String(input), method, headers: init?.headers as Record<string, string>, body: init?.body as string | undefined });
    const route = routes[`${method} ${String(input)}`];
    return route ? route() : new Response('not found', { status: 404, statusText: 'Not Found' });
  }) as typeof fetch;
  return { f, calls };
}

const json = (v: unknown, status = 200) => () => new Response(JSON.stringify(v), { status, headers: { 'Content-Type': 'application/json' } });

describe('the HTTP host', () => {
  it('sends the token with every request and validates the answers', async () => {
    const { f, calls } = fakeFetch({
      'GET /api/info': json({ kind: 'browser', version: '0.1.0', systemLocale: 'fr' }),
      'GET /api/labs': json([lab]),
      'GET /api/progress': json({ progress: emptyProgress(), notice: 'kept aside' }),
      'PUT /api/progress': () => new Response(null, { status: 204 }),
    });
    const host = validatingHost(httpHost({ token: 's3cret', fetch: f }));
    expect(await host.info()).toEqual({ kind: 'browser', version: '0.1.0', systemLocale: 'fr' });
    expect(await host.listLabs()).toEqual([lab]);
    expect(await host.loadProgress()).toEqual({ progress: emptyProgress(), notice: 'kept aside' });
    const progress: Progress = { ...emptyProgress(), preferences: { locale: 'fr', theme: 'dark', fontSize: 22 } };
    await host.saveProgress(progress);
    expect(calls).toHaveLength(4);
    for (const c of calls) expect(c.headers['X-Vlab-Token']).toBe('s3cret');
    expect(JSON.parse(calls[3]!.body!)).toEqual(progress);
    expect(calls[3]!.headers['Content-Type']).toBe('application/json');
  });

  it('refuses malformed answers with a readable reason', async () => {
    const { f } = fakeFetch({
      'GET /api/info': json({ kind: 'toaster', version: 1 }),
      'GET /api/progress': json({ progress: { schemaVersion: 99, labs: {} } }),
      'GET /api/labs': () => new Response('<html>oops</html>', { status: 200 }),
    });
    const host = validatingHost(httpHost({ token: 't', fetch: f }));
    await expect(host.info()).rejects.toThrow('host info: unexpected answer (host info: kind must be "electron" or "browser")');
    await expect(host.loadProgress()).rejects.toThrow('unsupported schemaVersion 99');
    await expect(host.listLabs()).rejects.toThrow('GET /api/labs: the answer is not JSON');
  });

  it('turns HTTP errors into one line, with the server’s words', async () => {
    const { f } = fakeFetch({
      'GET /api/info': json({ error: 'bad token' }, 403),
      'GET /api/labs': () => new Response('<html>500</html>', { status: 500, statusText: 'Internal Server Error' }),
    });
    const host = validatingHost(httpHost({ token: 't', fetch: f }));
    const err = await host.info().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HostError);
    expect((err as HostError).message).toBe('GET /api/info: 403: bad token');
    await expect(host.listLabs()).rejects.toThrow(/^GET \/api\/labs: 500 Internal Server Error$/);
  });

  it('says the server is gone when fetch itself fails', async () => {
    const f = (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    const host = validatingHost(httpHost({ token: 't', fetch: f }));
    await expect(host.info()).rejects.toThrow('the vlab server did not answer (Failed to fetch)');
  });

  it('does not send progress the server would refuse', async () => {
    const { f, calls } = fakeFetch({});
    const host = validatingHost(httpHost({ token: 't', fetch: f }));
    const bad = { ...emptyProgress(), preferences: { fontSize: 99 } };
    await expect(host.saveProgress(bad)).rejects.toThrow(/fontSize/);
    expect(calls).toHaveLength(0);
  });
});

describe('the lab list validator', () => {
  it('keeps good labs and shows malformed ones as broken', () => {
    const v = validateLabList([lab, { id: 'half', title: { en: 'Half' }, durationMinutes: 'soon' }, { nothing: true }]);
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    expect(v.value).toHaveLength(2);
    expect(v.value[0]).toEqual(lab);
    expect(v.value[1]!.id).toBe('half');
    expect(v.value[1]!.title).toEqual({ en: 'Half' });
    expect(v.value[1]!.errors?.[0]).toMatch(/chapter must be a string/);
  });
  it('keeps broken labs’ errors', () => {
    const broken = { ...lab, id: 'b', errors: ['lab.yaml: line 3: bad indentation'] };
    const v = validateLabList([broken]);
    expect(v.ok && v.value[0]!.errors).toEqual(['lab.yaml: line 3: bad indentation']);
  });
  it('refuses a non-list', () => {
    expect(validateLabList({}).ok).toBe(false);
  });
});

describe('the local (dev) host', () => {
  function storage(initial?: string) {
    const map = new Map<string, string>();
    if (initial !== undefined) map.set(LOCAL_PROGRESS_KEY, initial);
    return { map, getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v) };
  }
  it('round-trips progress', async () => {
    const s = storage();
    const host = localHost(s, 'fr');
    expect((await host.loadProgress()).progress).toEqual(emptyProgress());
    await host.saveProgress({ ...emptyProgress(), preferences: { theme: 'dark' } });
    expect((await host.loadProgress()).progress.preferences).toEqual({ theme: 'dark' });
    expect((await host.info()).systemLocale).toBe('fr');
    expect(await host.listLabs()).toEqual([]);
  });
  it('says so once when stored progress is corrupt', async () => {
    const host = localHost(storage('{not json'), 'en');
    const r = await host.loadProgress();
    expect(r.progress).toEqual(emptyProgress());
    expect(r.notice).toMatch(/could not be read/);
  });
});

describe('pickHost', () => {
  const base = { token: null, storage: undefined, languages: ['fr-FR', 'en'] };
  it('prefers the Electron preload when it has every method', () => {
    const vlabHost = { info: async () => ({}), listLabs: async () => [], loadProgress: async () => ({}), saveProgress: async () => {} };
    expect(pickHost({ ...base, vlabHost }).mode).toBe('electron');
    expect(pickHost({ ...base, vlabHost: { info: () => 1 } }).mode).toBe('local');
  });
  it('uses HTTP when the page carries a token, else local storage', async () => {
    expect(pickHost({ ...base, token: 'abc' }).mode).toBe('http');
    expect(pickHost({ ...base, token: '' }).mode).toBe('local');
    const local = pickHost(base);
    expect((await local.host.info()).systemLocale).toBe('fr');
  });
  it('validates the Electron host’s answers too', async () => {
    const vlabHost = { info: async () => ({ kind: 'electron' }), listLabs: async () => [], loadProgress: async () => ({}), saveProgress: async () => {} };
    await expect(pickHost({ ...base, vlabHost }).host.info()).rejects.toThrow(/version must be a string/);
  });
});
