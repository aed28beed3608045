/**
 * Worker names. A worker started ahead of time is named after the world it boots by itself
 * (kept apart from spawn.ts so the worker bundle does not pull in the `new Worker(...)` call).
 */
export const WORKER_NAME = 'vlab-core';
const BOOT_PREFIX = `${WORKER_NAME}:boot=`;

export function workerName(bootPreset?: string): string {
  return bootPreset ? BOOT_PREFIX + bootPreset : WORKER_NAME;
}

/** The world a worker must boot by itself, from its name. */
export function bootPresetFromName(name: string | undefined): string | undefined {
  return name?.startsWith(BOOT_PREFIX) ? name.slice(BOOT_PREFIX.length) || undefined : undefined;
}
