/** Node-side helpers for integration tests: a booted world whose host turns are real macrotasks. */
import type { HostHooks } from '../../core/api.js';
import { bootTestWorld as bootCoreTestWorld, type TestWorld } from '../../core/world/testing.js';

export const nodeHooks: HostHooks = {
  yieldToHost: () => new Promise<void>((resolve) => setImmediate(resolve)),
  debug: process.env.VLAB_DEBUG ? (m) => process.stderr.write(`[core] ${m}\n`) : undefined,
};

export function bootTestWorld(preset = 'vserver-host'): Promise<TestWorld> {
  return bootCoreTestWorld(preset, nodeHooks);
}

export type { RunResult, TestTerminal, TestWorld } from '../../core/world/testing.js';
