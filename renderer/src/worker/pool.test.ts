import { describe, expect, it } from 'vitest';
import type { WorkerLike } from './bridge.js';
import { prewarmWorld, takeWorker } from './pool.js';
import { bootPresetFromName } from './names.js';
import type { UiMessage, WorkerMessage } from './protocol.js';

class FakeWorker implements WorkerLike {
  onmessage: ((event: MessageEvent<WorkerMessage>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  onmessageerror: ((event: MessageEvent) => void) | null = null;
  posted: UiMessage[] = [];
  terminated = false;
  postMessage(message: UiMessage) {
    this.posted.push(message);
  }
  terminate() {
    this.terminated = true;
  }
  say(message: WorkerMessage) {
    this.onmessage?.({ data: message } as MessageEvent<WorkerMessage>);
  }
}

describe('worker names', () => {
  it('carry the world a prewarmed worker boots', () => {
    expect(bootPresetFromName('vlab-core:boot=vserver-host')).toBe('vserver-host');
    expect(bootPresetFromName('vlab-core')).toBeUndefined();
    expect(bootPresetFromName('vlab-core:boot=')).toBeUndefined();
    expect(bootPresetFromName(undefined)).toBeUndefined();
  });
});

describe('the warm worker pool', () => {
  it('boots early, keeps what the worker says until the bridge listens, then hands it over', () => {
    const spawned: FakeWorker[] = [];
    const names: (string | undefined)[] = [];
    const spawn = (bootPreset?: string) => {
      const w = new FakeWorker();
      spawned.push(w);
      names.push(bootPreset);
      return w;
    };
    prewarmWorld('vserver-host', spawn);
    prewarmWorld('vserver-host', spawn); // once only
    expect(spawned).toHaveLength(1);
    // It boots by itself (from its name), without waiting for a message.
    expect(names).toEqual(['vserver-host']);
    expect(spawned[0]!.posted).toEqual([]);
    spawned[0]!.say({ type: 'ready', info: { preset: 'vserver-host', machines: ['m'] } });

    const taken = takeWorker('vserver-host', spawn);
    expect(taken.booted).toBe(true);
    const heard: WorkerMessage[] = [];
    taken.worker.onerror = () => {};
    taken.worker.onmessage = (e) => heard.push(e.data);
    expect(heard).toEqual([{ type: 'ready', info: { preset: 'vserver-host', machines: ['m'] } }]);
    spawned[0]!.say({ type: 'output', console: 1, data: 'x' });
    expect(heard).toHaveLength(2);

    // Taken once: the next workspace gets a fresh worker to boot itself.
    const next = takeWorker('vserver-host', spawn);
    expect(next.booted).toBe(false);
    expect(spawned).toHaveLength(2);
    expect(names[1]).toBeUndefined();
  });

  it('does not hand over a worker booted on another world', () => {
    const spawned: FakeWorker[] = [];
    const spawn = () => {
      const w = new FakeWorker();
      spawned.push(w);
      return w;
    };
    prewarmWorld('vserver-host', spawn);
    const taken = takeWorker('esx-host', spawn);
    expect(taken.booted).toBe(false);
    expect(spawned[0]!.terminated).toBe(true);
    expect(taken.worker).toBe(spawned[1]);
  });
});
