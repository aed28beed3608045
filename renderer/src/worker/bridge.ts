/**
 * The UI's handle on one world running in a Web Worker. Each workspace owns one bridge; each
 * terminal tab opens one console through it.
 */
import type { WorldInfo } from '../../../core/api.js';
import { describeError } from '../util/describe-error.js';
import type { UiMessage, WorkerMessage } from './protocol.js';

/** What the bridge needs from a Worker (a fake in unit tests). */
export interface WorkerLike {
  postMessage(message: UiMessage): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<WorkerMessage>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  onmessageerror: ((event: MessageEvent) => void) | null;
}

export interface ConsoleEvents {
  /** Write this to the screen, then call channel.ack(data.length). */
  output(data: string): void;
  exit(status: number): void;
  /** Output dropped because the screen could not keep up. */
  skipped(characters: number): void;
  /** A readable line; `fatal` when the whole world stopped (the worker crashed). */
  error(message: string, fatal: boolean): void;
}

export interface ConsoleChannel {
  readonly id: number;
  input(data: string): void;
  resize(cols: number, rows: number): void;
  ack(characters: number): void;
  close(): void;
}

export class WorldBridge {
  private readonly worker: WorkerLike;
  private readonly consoles = new Map<number, ConsoleEvents>();
  private nextId = 1;
  private disposed = false;
  private crashed: string | undefined;
  private readyListeners: ((info: WorldInfo) => void)[] = [];
  info: WorldInfo | undefined;

  constructor(
    readonly preset: string,
    createWorker: () => WorkerLike | { worker: WorkerLike; booted: boolean },
  ) {
    const created = createWorker();
    const booted = 'booted' in created && created.booted;
    this.worker = 'booted' in created ? created.worker : created;
    this.worker.onmessage = (event) => this.receive(event.data);
    this.worker.onerror = (event) => {
      event.preventDefault?.();
      this.crash(describeError(event.message, 'the worker failed'));
    };
    this.worker.onmessageerror = () => this.broadcast('a message from the world could not be read', false);
    if (!booted) this.send({ type: 'boot', preset });
  }

  onReady(listener: (info: WorldInfo) => void): void {
    if (this.info) listener(this.info);
    else this.readyListeners.push(listener);
  }

  open(size: { cols: number; rows: number; host?: string }, events: ConsoleEvents): ConsoleChannel {
    const id = this.nextId++;
    this.consoles.set(id, events);
    if (this.crashed !== undefined) queueMicrotask(() => events.error(this.crashed!, true));
    else this.send({ type: 'open', console: id, cols: size.cols, rows: size.rows, host: size.host });
    return {
      id,
      input: (data) => this.send({ type: 'input', console: id, data }),
      resize: (cols, rows) => this.send({ type: 'resize', console: id, cols, rows }),
      ack: (characters) => this.send({ type: 'ack', console: id, characters }),
      close: () => {
        if (this.consoles.delete(id)) this.send({ type: 'close', console: id });
      },
    };
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.consoles.clear();
    this.worker.onmessage = null;
    this.worker.onerror = null;
    this.worker.onmessageerror = null;
    this.worker.terminate();
  }

  private send(message: UiMessage): void {
    if (this.disposed || this.crashed !== undefined) return;
    this.worker.postMessage(message);
  }

  private receive(message: WorkerMessage): void {
    switch (message.type) {
      case 'ready':
        performance.mark('vlab:world-ready');
        this.info = message.info;
        for (const l of this.readyListeners.splice(0)) l(message.info);
        return;
      case 'output':
        this.consoles.get(message.console)?.output(message.data);
        return;
      case 'skipped':
        this.consoles.get(message.console)?.skipped(message.characters);
        return;
      case 'exit': {
        const events = this.consoles.get(message.console);
        this.consoles.delete(message.console);
        events?.exit(message.status);
        return;
      }
      case 'error':
        if (message.console === undefined) this.broadcast(message.message, false);
        else this.consoles.get(message.console)?.error(message.message, false);
        return;
    }
  }

  private crash(message: string): void {
    if (this.crashed !== undefined || this.disposed) return;
    this.crashed = message;
    this.broadcast(message, true);
  }

  private broadcast(message: string, fatal: boolean): void {
    for (const events of this.consoles.values()) events.error(message, fatal);
  }
}
