/**
 * Starting a worker costs a few hundred milliseconds on a slow machine (fetch, a new JavaScript
 * engine, compiling the core, booting the world). When the page opens straight onto a workspace,
 * main.ts starts that work while the app's bundle is still compiling, and the workspace's bridge
 * takes the warm worker instead of spawning its own.
 */
import type { WorkerLike } from './bridge.js';
import type { UiMessage, WorkerMessage } from './protocol.js';
import { spawnCoreWorker } from './spawn.js';

/** Keeps what a worker says until someone listens (a Worker drops messages nobody listens to). */
class BufferedWorker implements WorkerLike {
  private pending: { kind: 'message' | 'error' | 'messageerror'; event: Event }[] = [];
  private listeners: Pick<WorkerLike, 'onmessage' | 'onerror' | 'onmessageerror'> = { onmessage: null, onerror: null, onmessageerror: null };

  constructor(private readonly inner: WorkerLike) {
    inner.onmessage = (event) => this.deliver('message', event);
    inner.onerror = (event) => this.deliver('error', event);
    inner.onmessageerror = (event) => this.deliver('messageerror', event);
  }

  get onmessage() {
    return this.listeners.onmessage;
  }
  set onmessage(listener) {
    this.listeners.onmessage = listener;
    this.replay();
  }
  get onerror() {
    return this.listeners.onerror;
  }
  set onerror(listener) {
    this.listeners.onerror = listener;
    this.replay();
  }
  get onmessageerror() {
    return this.listeners.onmessageerror;
  }
  set onmessageerror(listener) {
    this.listeners.onmessageerror = listener;
    this.replay();
  }

  postMessage(message: UiMessage): void {
    this.inner.postMessage(message);
  }

  terminate(): void {
    this.pending = [];
    this.inner.terminate();
  }

  private deliver(kind: 'message' | 'error' | 'messageerror', event: Event): void {
    this.pending.push({ kind, event });
    this.replay();
  }

  /** In order, and only once the bridge listens for messages (it sets all three handlers together). */
  private replay(): void {
    if (!this.listeners.onmessage || !this.listeners.onerror) return;
    while (this.pending.length > 0) {
      const { kind, event } = this.pending.shift()!;
      if (kind === 'message') this.listeners.onmessage?.(event as MessageEvent<WorkerMessage>);
      else if (kind === 'error') this.listeners.onerror?.(event as ErrorEvent);
      else this.listeners.onmessageerror?.(event as MessageEvent);
    }
  }
}

let warm: { preset: string; worker: BufferedWorker } | undefined;

/** Spawn a worker that boots `preset` by itself, for the workspace about to open. */
export function prewarmWorld(preset: string, spawn: (bootPreset?: string) => WorkerLike = spawnCoreWorker): void {
  if (warm) return;
  warm = { preset, worker: new BufferedWorker(spawn(preset)) };
}

/** The warm worker if it runs `preset` (already booting), else a fresh one to boot. */
export function takeWorker(preset: string, spawn: (bootPreset?: string) => WorkerLike = spawnCoreWorker): { worker: WorkerLike; booted: boolean } {
  const w = warm;
  warm = undefined;
  if (w && w.preset === preset) return { worker: w.worker, booted: true };
  w?.worker.terminate();
  return { worker: spawn(), booted: false };
}
