/**
 * The public face of the emulated world, used by the renderer's Web Worker,
 * the CLI and the tests. Everything behind it is pure TypeScript.
 */

/** How a console is driven: by a person at a keyboard, or by a script replayed as typed. */
export type ConsoleMode = 'interactive' | 'script';

export interface ConsoleOptions {
  /** Which machine of the world to attach to; the world's first machine when omitted. */
  host?: string;
  cols: number;
  rows: number;
  mode?: ConsoleMode;
}

/** A terminal attached to a machine's tty: bytes in (keystrokes), bytes out (screen). */
export interface ConsoleSession {
  readonly id: number;
  readonly host: string;
  /** Keystrokes as the terminal sends them (UTF-8 text with control characters and escape sequences). */
  input(data: string): void;
  resize(cols: number, rows: number): void;
  /** Output for the screen. The consumer must call acknowledge() once it has rendered it (flow control). */
  onOutput(listener: (data: string) => void): () => void;
  /** Called when the console's session ends (the shell exited, `exit` or Ctrl-D). */
  onExit(listener: (status: number) => void): () => void;
  /** Tell the producer that this many characters were rendered, so it may write more. */
  acknowledge(characters: number): void;
  close(): void;
}

export interface WorldInfo {
  preset: string;
  machines: string[];
}

export interface World {
  readonly info: WorldInfo;
  openConsole(options: ConsoleOptions): ConsoleSession;
  /** Advance simulated time by real elapsed milliseconds (interactive use: called by the host's timer). */
  advanceTime(milliseconds: number): void;
  /** Run until nothing can make progress without input or time; resolves when idle. */
  settle(): Promise<void>;
}

/** What the core needs from whoever hosts it: a way to give the host's event loop a turn. */
export interface HostHooks {
  /** Resolve on a later macrotask so the host can deliver input (Ctrl-C) to a busy world. */
  yieldToHost(): Promise<void>;
  /** Optional debug log for internal errors (never shown on a student's screen). */
  debug?(message: string): void;
}
