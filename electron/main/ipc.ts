/**
 * The IPC handlers over a Host: the main-process half of the preload's `window.vlabHost`.
 * Every call checks who is asking (the app's own top frame) and what it sends (the contract's
 * validators) before it reaches the file system.
 */
import { validateProgress, type Host } from '../../host/contract.js';
import { IPC_CHANNELS, type IpcMethod } from '../common/channels.js';
import { isTrustedSender, type FrameLike } from './security.js';

export type IpcHandler = (args: readonly unknown[]) => Promise<unknown>;

/** The handlers by channel, before the sender check; each validates its arguments. */
export function createIpcHandlers(host: Host): Record<string, IpcHandler> {
  const noArguments = (method: IpcMethod, call: () => Promise<unknown>): IpcHandler => async (args) => {
    if (args.length !== 0) throw new Error(`${method} takes no arguments`);
    return call();
  };
  return {
    [IPC_CHANNELS.info]: noArguments('info', () => host.info()),
    [IPC_CHANNELS.listLabs]: noArguments('listLabs', () => host.listLabs()),
    [IPC_CHANNELS.loadProgress]: noArguments('loadProgress', () => host.loadProgress()),
    [IPC_CHANNELS.saveProgress]: async (args) => {
      if (args.length !== 1) throw new Error('saveProgress takes exactly one argument, the progress');
      const checked = validateProgress(args[0]);
      if (!checked.ok) throw new Error(`invalid progress: ${checked.error}`);
      await host.saveProgress(checked.value);
    },
  };
}

/** The slice of Electron's ipcMain used here (so tests can pass a fake). */
export interface IpcMainLike {
  handle(channel: string, listener: (event: { senderFrame: FrameLike | null }, ...args: unknown[]) => Promise<unknown>): void;
}

export function registerIpcHandlers(ipcMain: IpcMainLike, host: Host): void {
  for (const [channel, handler] of Object.entries(createIpcHandlers(host))) {
    ipcMain.handle(channel, async (event, ...args) => {
      if (!isTrustedSender(event.senderFrame)) throw new Error(`${channel} refused: the request does not come from the vlab page`);
      return handler(args);
    });
  }
}
