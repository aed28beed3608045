import { describe, expect, it, vi } from 'vitest';
import { emptyProgress, type Host, type Progress } from '../../host/contract.js';
import { IPC_CHANNELS } from '../common/channels.js';
import { registerIpcHandlers, type IpcMainLike } from './ipc.js';

function fakeHost(): Host & { saved: Progress[] } {
  const saved: Progress[] = [];
  return {
    saved,
    info: async () => ({ kind: 'electron', version: '1.2.3', systemLocale: 'fr' }),
    listLabs: async () => [],
    loadProgress: async () => ({ progress: emptyProgress() }),
    saveProgress: async (p) => {
      saved.push(p);
    },
  };
}

type Listener = Parameters<IpcMainLike['handle']>[1];

function register(host: Host) {
  const listeners = new Map<string, Listener>();
  registerIpcHandlers({ handle: (channel, listener) => listeners.set(channel, listener) }, host);
  const call = (channel: string, url: string | null, ...args: unknown[]) =>
    listeners.get(channel)!({ senderFrame: url === null ? null : { url, parent: null } }, ...args);
  return { listeners, call };
}

const APP = 'app://vlab/index.html';

describe('IPC handlers', () => {
  it('registers exactly the four Host channels', () => {
    expect([...register(fakeHost()).listeners.keys()].sort()).toEqual(Object.values(IPC_CHANNELS).sort());
  });

  it('answers the app page', async () => {
    const host = fakeHost();
    const { call } = register(host);
    expect(await call(IPC_CHANNELS.info, APP)).toEqual({ kind: 'electron', version: '1.2.3', systemLocale: 'fr' });
    expect(await call(IPC_CHANNELS.listLabs, APP)).toEqual([]);
    expect(await call(IPC_CHANNELS.loadProgress, APP)).toEqual({ progress: emptyProgress() });
    await call(IPC_CHANNELS.saveProgress, APP, emptyProgress());
    expect(host.saved).toEqual([emptyProgress()]);
  });

  it('refuses any other sender before touching the host', async () => {
    const host = fakeHost();
    const spy = vi.spyOn(host, 'saveProgress');
    const { call } = register(host);
    for (const url of ['https://evil.example/', 'file:///index.html', 'app://other/', null]) {
      await expect(call(IPC_CHANNELS.saveProgress, url, emptyProgress())).rejects.toThrow(/refused: the request does not come from the vlab page/);
      await expect(call(IPC_CHANNELS.info, url)).rejects.toThrow(/refused/);
    }
    expect(spy).not.toHaveBeenCalled();
  });

  it('validates payloads with the contract validators', async () => {
    const host = fakeHost();
    const { call } = register(host);
    await expect(call(IPC_CHANNELS.saveProgress, APP, { schemaVersion: 1, labs: [] })).rejects.toThrow('invalid progress: labs must be an object');
    await expect(call(IPC_CHANNELS.saveProgress, APP)).rejects.toThrow('saveProgress takes exactly one argument');
    await expect(call(IPC_CHANNELS.saveProgress, APP, emptyProgress(), 'extra')).rejects.toThrow('exactly one argument');
    await expect(call(IPC_CHANNELS.info, APP, 'unexpected')).rejects.toThrow('info takes no arguments');
    expect(host.saved).toEqual([]);
  });
});
