export type { World, WorldInfo, ConsoleSession, ConsoleOptions, ConsoleMode, HostHooks } from './api.js';
export { bootWorld, worldPresets } from './world/boot.js';
