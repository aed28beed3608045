/**
 * Picks the host at start: Electron's preload (window.vlabHost), else the vlab server (the page
 * carries its token), else this browser's storage (plain `vite` dev, or any static server).
 */
import type { Host, Locale } from '../../../host/contract.js';
import { localeFromTag } from '../i18n/index.js';
import { httpHost } from './http.js';
import { localHost } from './local.js';
import { validatingHost } from './validating.js';

export type HostMode = 'electron' | 'http' | 'local';

export interface PickedHost {
  host: Host;
  mode: HostMode;
}

export interface HostEnvironment {
  vlabHost?: unknown;
  /** The content of <meta name="vlab-token">. */
  token: string | null;
  storage: Storage | undefined;
  languages: readonly string[];
}

export function pickHost(env: HostEnvironment): PickedHost {
  const ipc = env.vlabHost as Partial<Host> | undefined;
  if (ipc && typeof ipc.info === 'function' && typeof ipc.listLabs === 'function' && typeof ipc.loadProgress === 'function' && typeof ipc.saveProgress === 'function') {
    const h = ipc as Host;
    // Call through the object: preload-exposed functions may rely on it.
    return {
      mode: 'electron',
      host: validatingHost({
        info: () => h.info(),
        listLabs: () => h.listLabs(),
        loadProgress: () => h.loadProgress(),
        saveProgress: (p) => h.saveProgress(p),
      }),
    };
  }
  const token = env.token?.trim();
  if (token) return { mode: 'http', host: validatingHost(httpHost({ token })) };
  const systemLocale: Locale = env.languages.map(localeFromTag).find((l) => l !== undefined) ?? 'en';
  return { mode: 'local', host: validatingHost(localHost(env.storage ?? memoryStorage(), systemLocale)) };
}

export function currentEnvironment(): HostEnvironment {
  let storage: Storage | undefined;
  try {
    storage = window.localStorage;
  } catch {
    storage = undefined; // blocked by the browser's settings
  }
  return {
    vlabHost: (window as { vlabHost?: unknown }).vlabHost,
    token: document.querySelector<HTMLMetaElement>('meta[name="vlab-token"]')?.content ?? null,
    storage,
    languages: navigator.languages?.length ? navigator.languages : [navigator.language],
  };
}

function memoryStorage(): Pick<Storage, 'getItem' | 'setItem'> & Storage {
  const map = new Map<string, string>();
  return {
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
    clear: () => map.clear(),
    key: (i: number) => [...map.keys()][i] ?? null,
    get length() {
      return map.size;
    },
  };
}
