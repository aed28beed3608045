/**
 * The worker's side: holds one World, opens consoles on it, relays their output with flow control,
 * and drives simulated time from the real clock. Kept free of worker globals so it runs in unit tests.
 */
import type { ConsoleSession, HostHooks, World } from '../../../core/api.js';
import { describeError } from '../util/describe-error.js';
import { OutputFlow, type FlowOptions } from './flow.js';
import type { UiMessage, WorkerMessage } from './protocol.js';
import { macrotaskYield } from './yield.js';

export type BootWorld = (preset: string, hooks: HostHooks) => World;

export interface WorldServerOptions {
  /** How often simulated time advances (real elapsed time is passed, not this period). */
  tickMs?: number;
  flow?: Partial<FlowOptions>;
  now?: () => number;
  debug?: (message: string) => void;
}

interface OpenConsole {
  session: ConsoleSession;
  flow: OutputFlow;
  unsubscribe: (() => void)[];
  /** The UI's number for it; undefined while opened ahead of time and not yet adopted. */
  id: number | undefined;
  exitStatus: number | undefined;
}

export class WorldServer {
  private world: World | undefined;
  private readonly consoles = new Map<number, OpenConsole>();
  private readonly yielder = macrotaskYield();
  private timer: ReturnType<typeof setInterval> | undefined;
  private lastTick = 0;
  private lastTimeError = '';
  private lastOpenError = '';
  private preopened: OpenConsole | undefined;
  private readonly now: () => number;

  constructor(
    private readonly post: (message: WorkerMessage) => void,
    private readonly boot: BootWorld,
    private readonly options: WorldServerOptions = {},
  ) {
    this.now = options.now ?? (() => performance.now());
  }

  handle(message: UiMessage): void {
    switch (message.type) {
      case 'boot':
        return this.bootWorld(message.preset);
      case 'open':
        return this.open(message.console, message.cols, message.rows, message.host);
      case 'input':
        return this.withConsole(message.console, (c) => c.session.input(message.data));
      case 'resize':
        return this.withConsole(message.console, (c) => c.session.resize(message.cols, message.rows));
      case 'ack':
        return this.withConsole(message.console, (c) => c.flow.ack(message.characters));
      case 'close':
        return this.closeConsole(message.console, true);
      default: {
        const unknown: never = message;
        this.post({ type: 'error', message: `unknown request ${describeError((unknown as { type?: unknown }).type)}` });
      }
    }
  }

  dispose(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    if (this.preopened) {
      this.preopened.flow.close();
      for (const off of this.preopened.unsubscribe) off();
      this.preopened.session.close();
      this.preopened = undefined;
    }
    for (const id of [...this.consoles.keys()]) this.closeConsole(id, true);
    this.yielder.close();
  }

  private bootWorld(preset: string): void {
    if (this.world) {
      this.post({ type: 'error', message: 'the world is already running' });
      return;
    }
    try {
      const hooks: HostHooks = {
        yieldToHost: () => this.yielder.yieldToHost(),
        debug: this.options.debug,
      };
      this.world = this.boot(preset, hooks);
      this.post({ type: 'ready', info: { preset: this.world.info.preset, machines: [...this.world.info.machines] } });
    } catch (error) {
      this.post({ type: 'error', message: describeError(error, 'the world could not start') });
      return;
    }
    this.lastTick = this.now();
    this.timer = setInterval(() => this.tick(), this.options.tickMs ?? 50);
  }

  private tick(): void {
    const now = this.now();
    const elapsed = now - this.lastTick;
    this.lastTick = now;
    try {
      this.world?.advanceTime(elapsed);
      this.lastTimeError = '';
    } catch (error) {
      // Said once, not 20 times a second.
      const message = describeError(error);
      if (message !== this.lastTimeError) this.post({ type: 'error', message });
      this.lastTimeError = message;
    }
  }

  /**
   * Open a console now, before the UI asks, so the login shell is already at its prompt when the
   * first terminal appears. Its output is held; the UI's first `open` (default machine) adopts it.
   */
  preopenConsole(cols = 80, rows = 24): void {
    if (!this.world || this.preopened) return;
    const entry = this.startConsole(cols, rows, undefined);
    if (!entry) return;
    entry.flow.hold();
    this.preopened = entry;
  }

  private open(id: number, cols: number, rows: number, host: string | undefined): void {
    if (!this.world) {
      this.post({ type: 'error', console: id, message: 'the world is not running' });
      return;
    }
    if (this.consoles.has(id)) {
      this.post({ type: 'error', console: id, message: `console ${id} is already open` });
      return;
    }
    const early = this.preopened;
    if (early && host === undefined) {
      this.preopened = undefined;
      this.attach(id, early);
      this.withConsole(id, (c) => c.session.resize(cols, rows));
      early.flow.release();
      return;
    }
    const entry = this.startConsole(cols, rows, host);
    if (entry) this.attach(id, entry);
    else this.post({ type: 'error', console: id, message: this.lastOpenError });
  }

  /** A session and its output flow; output and exit go to whichever UI console it is attached to. */
  private startConsole(cols: number, rows: number, host: string | undefined): OpenConsole | undefined {
    let session: ConsoleSession;
    try {
      session = this.world!.openConsole({ cols, rows, host, mode: 'interactive' });
    } catch (error) {
      this.lastOpenError = describeError(error, 'the console could not be opened');
      return undefined;
    }
    const entry: OpenConsole = { session, flow: undefined as unknown as OutputFlow, unsubscribe: [], id: undefined, exitStatus: undefined };
    entry.flow = new OutputFlow(
      {
        send: (data) => this.post({ type: 'output', console: entry.id!, data }),
        skipped: (characters) => this.post({ type: 'skipped', console: entry.id!, characters }),
        acknowledgeCore: (characters) => session.acknowledge(characters),
      },
      this.options.flow,
      // Zero delay through a MessageChannel (setTimeout may be clamped), else a timer.
      (task, delayMs) => (delayMs > 0 ? void setTimeout(task, delayMs) : void this.yielder.yieldToHost().then(task)),
    );
    entry.unsubscribe.push(
      session.onOutput((data) => entry.flow.push(data)),
      session.onExit((status) => {
        entry.exitStatus = status;
        if (entry.id !== undefined) this.exited(entry);
      }),
    );
    return entry;
  }

  private attach(id: number, entry: OpenConsole): void {
    entry.id = id;
    this.consoles.set(id, entry);
    if (entry.exitStatus !== undefined) this.exited(entry);
  }

  /** The session ended: tell the UI once its last output has gone out. */
  private exited(entry: OpenConsole): void {
    const id = entry.id!;
    entry.flow.whenSent(() => {
      if (this.consoles.get(id) !== entry) return;
      this.post({ type: 'exit', console: id, status: entry.exitStatus ?? 0 });
      this.closeConsole(id, false);
    });
  }

  private withConsole(id: number, action: (c: OpenConsole) => void): void {
    const entry = this.consoles.get(id);
    if (!entry) return; // closed meanwhile: late input or acks are harmless
    try {
      action(entry);
    } catch (error) {
      this.post({ type: 'error', console: id, message: describeError(error) });
    }
  }

  private closeConsole(id: number, closeSession: boolean): void {
    const entry = this.consoles.get(id);
    if (!entry) return;
    this.consoles.delete(id);
    entry.flow.close();
    for (const off of entry.unsubscribe) off();
    if (closeSession) {
      try {
        entry.session.close();
      } catch (error) {
        this.options.debug?.(`closing console ${id}: ${describeError(error)}`);
      }
    }
  }
}
