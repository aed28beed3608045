/** A terminal attached to a machine: the ConsoleSession of core/api.ts over a kernel tty. */
import type { ConsoleMode, ConsoleSession } from '../api.js';
import type { Tty } from '../kernel/tty.js';

export class Console implements ConsoleSession {
  private readonly outputListeners = new Set<(data: string) => void>();
  private readonly exitListeners = new Set<(status: number) => void>();
  /** Output produced before anyone listened (the first prompt), delivered on subscription. */
  private early: string[] = [];
  private exitStatus: number | undefined;
  tty!: Tty;

  constructor(
    readonly id: number,
    readonly host: string,
    readonly mode: ConsoleMode,
  ) {}

  /** The tty's sink: where the screen's bytes go. */
  deliver = (data: string): void => {
    if (this.outputListeners.size === 0) this.early.push(data);
    else for (const l of this.outputListeners) l(data);
  };

  /** Called by the machine when the console's shell ends. */
  ended(status: number): void {
    if (this.exitStatus !== undefined) return;
    this.exitStatus = status;
    for (const l of this.exitListeners) l(status);
  }

  input(data: string): void {
    this.tty.receive(data);
  }

  resize(cols: number, rows: number): void {
    if (Number.isInteger(cols) && Number.isInteger(rows) && cols > 0 && rows > 0) this.tty.resize(cols, rows);
  }

  onOutput(listener: (data: string) => void): () => void {
    this.outputListeners.add(listener);
    if (this.early.length) {
      const pending = this.early;
      this.early = [];
      for (const d of pending) listener(d);
    }
    return () => this.outputListeners.delete(listener);
  }

  onExit(listener: (status: number) => void): () => void {
    this.exitListeners.add(listener);
    if (this.exitStatus !== undefined) listener(this.exitStatus);
    return () => this.exitListeners.delete(listener);
  }

  acknowledge(characters: number): void {
    if (Number.isFinite(characters) && characters > 0) this.tty.acknowledge(characters);
  }

  close(): void {
    this.tty.hangUp();
    this.outputListeners.clear();
  }

  get exited(): boolean {
    return this.exitStatus !== undefined;
  }
}
