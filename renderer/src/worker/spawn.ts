import type { WorkerLike } from './bridge.js';
import { workerName } from './names.js';

/**
 * The real worker. Written exactly like this so Vite bundles core.worker.ts as a separate module
 * worker. With `bootPreset`, the worker boots that world as soon as it starts, without a message.
 */
export function spawnCoreWorker(bootPreset?: string): WorkerLike {
  return new Worker(new URL('./core.worker.ts', import.meta.url), { type: 'module', name: workerName(bootPreset) }) as unknown as WorkerLike;
}
