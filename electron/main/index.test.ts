/**
 * The main process wiring, run in Node against a stand-in `electron` module (no binary here):
 * the scheme is privileged before ready, the window is sandboxed, permissions are denied, IPC is
 * registered, app:// serves the renderer, and every web contents gets the navigation guards.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

type Listener = (...args: unknown[]) => unknown;

const fake = vi.hoisted(() => {
  let resolveReady: () => void = () => {};
  const state = {
    appPath: '',
    ready: new Promise<void>((resolve) => (resolveReady = resolve)),
    resolveReady: () => resolveReady(),
    appListeners: new Map<string, Listener>(),
    schemes: [] as unknown[],
    protocolHandlers: new Map<string, (request: Request) => Promise<Response>>(),
    ipcChannels: [] as string[],
    windows: [] as { options: Record<string, unknown>; url?: string }[],
    permissionRequest: undefined as undefined | Listener,
    permissionCheck: undefined as undefined | Listener,
    menu: undefined as unknown,
    sandboxed: false,
    opened: [] as string[],
    paths: new Map<string, string>(),
  };
  return state;
});

vi.mock('electron', () => {
  class BrowserWindow {
    static getAllWindows = () => fake.windows;
    options: Record<string, unknown>;
    url?: string;
    constructor(options: Record<string, unknown>) {
      this.options = options;
      fake.windows.push(this);
    }
    once() {}
    on() {}
    isMinimized = () => false;
    restore() {}
    focus() {}
    loadURL(url: string) {
      this.url = url;
      return Promise.resolve();
    }
  }
  const app = {
    enableSandbox: () => (fake.sandboxed = true),
    requestSingleInstanceLock: () => true,
    on: (event: string, listener: Listener) => fake.appListeners.set(event, listener),
    whenReady: () => fake.ready,
    getAppPath: () => fake.appPath,
    getPreferredSystemLanguages: () => ['fr-FR'],
    getLocale: () => 'fr',
    getVersion: () => '9.9.9',
    isPackaged: true,
    setPath: (name: string, value: string) => fake.paths.set(name, value),
    quit: () => {},
    exit: () => {},
  };
  return {
    app,
    BrowserWindow,
    dialog: { showMessageBox: async () => ({}), showErrorBox: (title: string, message: string) => fake.opened.push(`error: ${title}: ${message}`) },
    ipcMain: { handle: (channel: string) => fake.ipcChannels.push(channel) },
    Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: (m: unknown) => (fake.menu = m) },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => fake.schemes.push(...schemes),
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) => fake.protocolHandlers.set(scheme, handler),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: Listener) => (fake.permissionRequest = h),
        setPermissionCheckHandler: (h: Listener) => (fake.permissionCheck = h),
      },
    },
    shell: { openExternal: async (url: string) => void fake.opened.push(url) },
  };
});

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'vlab-main-'));
  fake.appPath = dir;
  await mkdir(path.join(dir, 'out', 'renderer'), { recursive: true });
  await writeFile(path.join(dir, 'out', 'renderer', 'index.html'), '<!doctype html>');
  vi.stubEnv('VLAB_DATA_DIR', path.join(dir, 'data'));
  await import('./index.js');
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await rm(dir, { recursive: true, force: true });
});

describe('Electron main process', () => {
  it('before ready: privileges app:// as a standard secure scheme and sandboxes every renderer', () => {
    expect(fake.schemes).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
    expect(fake.sandboxed).toBe(true);
    expect(fake.windows).toHaveLength(0);
    // Chromium's profile goes in a subfolder of the data folder, away from progress.json and labs/.
    expect(fake.paths.get('userData')).toBe(path.join(dir, 'data', 'electron'));
  });

  it('on ready: one secure window on app://vlab/index.html', async () => {
    fake.resolveReady();
    await vi.waitFor(() => expect(fake.windows).toHaveLength(1));
    const window = fake.windows[0]!;
    expect(window.url).toBe('app://vlab/index.html');
    expect(window.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
      devTools: false,
    });
    expect(String((window.options.webPreferences as { preload: string }).preload)).toMatch(/preload[/\\]index\.cjs$/);
  });

  it('denies every permission request and check', () => {
    const answers: boolean[] = [];
    fake.permissionRequest!({}, 'media', (granted: boolean) => answers.push(granted));
    fake.permissionRequest!({}, 'notifications', (granted: boolean) => answers.push(granted));
    expect(answers).toEqual([false, false]);
    expect(fake.permissionCheck!({}, 'clipboard-read')).toBe(false);
  });

  it('registers the four IPC channels and a menu without reload in the installed app', () => {
    expect(fake.ipcChannels.sort()).toEqual(['vlab:info', 'vlab:listLabs', 'vlab:loadProgress', 'vlab:saveProgress']);
    expect(JSON.stringify(fake.menu)).not.toContain('"reload"');
    expect(JSON.stringify(fake.menu)).toContain('Fichier');
  });

  it('serves the renderer over app:// with a CSP', async () => {
    const handler = fake.protocolHandlers.get('app')!;
    const res = await handler(new Request('app://vlab/index.html'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect((await handler(new Request('app://vlab/..%2f..%2fpackage.json'))).status).toBe(404);
  });

  it('guards every new web contents: no webview, no popups, no navigation away', () => {
    const listeners = new Map<string, Listener>();
    let openHandler: Listener = () => undefined;
    const contents = {
      on: (event: string, listener: Listener) => listeners.set(event, listener),
      setWindowOpenHandler: (h: Listener) => (openHandler = h),
    };
    fake.appListeners.get('web-contents-created')!({}, contents);

    const event = (url: string) => ({ url, prevented: false, preventDefault() { this.prevented = true; } });
    const webview = event('');
    listeners.get('will-attach-webview')!(webview);
    expect(webview.prevented).toBe(true);

    expect(openHandler({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(openHandler({ url: 'https://linux-vserver.org/' })).toEqual({ action: 'deny' });
    expect(fake.opened).toEqual(['https://linux-vserver.org/']);

    const away = event('https://evil.example/');
    listeners.get('will-navigate')!(away);
    expect(away.prevented).toBe(true);
    const inside = event('app://vlab/index.html');
    listeners.get('will-navigate')!(inside);
    expect(inside.prevented).toBe(false);
    const redirect = event('https://linux-vserver.org/');
    listeners.get('will-redirect')!(redirect);
    expect(redirect.prevented).toBe(true);
  });
});
