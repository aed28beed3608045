import type { OptionSpec, OptionValues } from '../args.js';

/** Where a command writes; the real process streams, or buffers in tests. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

export interface ParsedArgs {
  options: OptionValues;
  positionals: string[];
}

export interface CommandSpec {
  name: string;
  /** Arguments shown after the name in the usage, e.g. "[--port N] [--no-open]". */
  synopsis: string;
  summary: string;
  options: OptionSpec[];
  maxPositionals?: number;
  /** Loaded on demand, so `vlab --help` does not pay for Vite, the HTTP server or the core. */
  load(): Promise<{ run(args: ParsedArgs, io: CliIo): Promise<number> }>;
}
