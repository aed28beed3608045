/**
 * IPC channel names, shared by the main process and the preload. Kept in a module of their own
 * so the sandboxed preload bundles these strings and nothing else from the main side.
 */
export const IPC_CHANNELS = {
  info: 'vlab:info',
  listLabs: 'vlab:listLabs',
  loadProgress: 'vlab:loadProgress',
  saveProgress: 'vlab:saveProgress',
} as const;

export type IpcMethod = keyof typeof IPC_CHANNELS;
