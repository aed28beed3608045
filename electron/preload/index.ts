/**
 * The preload: the page's only door to the main process. It runs sandboxed (no Node), and exposes
 * exactly `window.vlabHost` with the four Host methods: no ipcRenderer, no channel names chosen
 * by the page, no Electron objects.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { Host } from '../../host/contract.js';
import { IPC_CHANNELS } from '../common/channels.js';

const vlabHost: Host = {
  info: () => ipcRenderer.invoke(IPC_CHANNELS.info),
  listLabs: () => ipcRenderer.invoke(IPC_CHANNELS.listLabs),
  loadProgress: () => ipcRenderer.invoke(IPC_CHANNELS.loadProgress),
  saveProgress: (progress) => ipcRenderer.invoke(IPC_CHANNELS.saveProgress, progress),
};

contextBridge.exposeInMainWorld('vlabHost', vlabHost);
