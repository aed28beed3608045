/**
 * A world: machines sharing one simulated clock. It implements core/api.ts's World: consoles,
 * time, and settle() — run until nothing can happen without a keystroke or more time.
 */
import type { ConsoleOptions, ConsoleSession, HostHooks, World, WorldInfo } from '../api.js';
import { SimClock } from '../kernel/clock.js';
import type { Console } from './console.js';
import type { Machine } from './machine.js';
import type { WorldNetwork } from './network-host.js';
import type { MachineSnapshot } from './snapshot.js';

export interface WorldSnapshot {
  clock: { nowMs: number; bootEpochSeconds: number };
  machines: Map<string, MachineSnapshot>;
  /** State of world-level layers (the network), saved by their own code. */
  extensions?: Map<string, unknown>;
}

/** Host turns settle() may spend on a busy world before it lets the next line be typed. */
const MAX_BUSY_TURNS = 400;

export class EmulatedWorld implements World {
  readonly clock = new SimClock();
  readonly machines = new Map<string, Machine>();
  private nextConsoleId = 1;
  private readonly consoles: Console[] = [];
  /** The network shared by the machines (core/world/network-host.ts), when the preset has one. */
  network: WorldNetwork | undefined;
  /** World-level layers with state of their own (the network); restored after the machines. */
  readonly snapshotParticipants = new Map<string, { save(): unknown; restore(state: unknown): void }>();

  constructor(
    readonly preset: string,
    readonly hooks: HostHooks,
  ) {}

  get info(): WorldInfo {
    return { preset: this.preset, machines: [...this.machines.keys()] };
  }

  add(machine: Machine): void {
    this.machines.set(machine.config.name, machine);
  }

  machine(name?: string): Machine {
    const m = name === undefined ? this.machines.values().next().value : this.machines.get(name);
    if (!m) throw new Error(`no machine named ${name}`);
    return m;
  }

  openConsole(options: ConsoleOptions): ConsoleSession {
    const machine = this.machine(options.host);
    const cols = Number.isInteger(options.cols) && options.cols > 0 ? options.cols : 80;
    const rows = Number.isInteger(options.rows) && options.rows > 0 ? options.rows : 24;
    const console = machine.openConsole({ cols, rows, mode: options.mode ?? 'interactive', id: this.nextConsoleId++ });
    this.consoles.push(console);
    return console;
  }

  /** Save the whole world (every machine and the clock); cheap: filesystems are copy-on-write. */
  snapshot(): WorldSnapshot {
    const extensions = new Map<string, unknown>();
    for (const [name, p] of this.snapshotParticipants) extensions.set(name, p.save());
    return { clock: this.clock.snapshot(), machines: new Map([...this.machines].map(([name, m]) => [name, m.snapshot()])), extensions };
  }

  /** Put the world back exactly as saved; open consoles get fresh login shells. */
  restore(s: WorldSnapshot): void {
    this.clock.restore(s.clock);
    for (const [name, snap] of s.machines) this.machines.get(name)?.restore(snap);
    for (const [name, p] of this.snapshotParticipants) if (s.extensions?.has(name)) p.restore(s.extensions.get(name));
  }

  advanceTime(milliseconds: number): void {
    if (Number.isFinite(milliseconds) && milliseconds > 0) this.clock.advance(milliseconds);
  }

  private get runnable(): number {
    let n = 0;
    for (const m of this.machines.values()) n += m.kernel.runnable;
    return n;
  }

  /** Is someone waiting for a keystroke on an open console? */
  private get waitingForInput(): boolean {
    return this.consoles.some((c) => !c.exited && c.tty.readersWaiting > 0);
  }

  /** Only script consoles make time jump: interactively, real time drives the clock. */
  private get scripted(): boolean {
    const open = this.consoles.filter((c) => !c.exited);
    return open.length > 0 && open.every((c) => c.mode === 'script');
  }

  /** Is any task of any machine running (not waiting for input, time or a child)? */
  get busy(): boolean {
    return this.runnable > 0;
  }

  /**
   * Run until idle. Script consoles (and `advanceTimers`, used by tests) make simulated time jump
   * to the next timer whenever every task waits, unless someone waits for a keystroke.
   */
  async settle(options: { advanceTimers?: boolean } = {}): Promise<void> {
    let busyTurns = 0;
    for (;;) {
      await this.hooks.yieldToHost();
      if (this.runnable > 0) {
        if (++busyTurns >= MAX_BUSY_TURNS) return;
        continue;
      }
      if (this.waitingForInput || !(options.advanceTimers || this.scripted)) return;
      if (!this.clock.advanceToNextTimer()) return;
    }
  }
}
