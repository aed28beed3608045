/**
 * Messages between the UI thread and the core's Web Worker. Consoles are numbered by the UI
 * (so `open` needs no reply); characters are counted in UTF-16 code units (String.length) on both sides.
 */
import type { WorldInfo } from '../../../core/api.js';

export type UiMessage =
  /** Boot the world this worker holds; sent once, first. */
  | { type: 'boot'; preset: string }
  | { type: 'open'; console: number; cols: number; rows: number; host?: string }
  /** Keystrokes, as xterm.js's onData gives them. */
  | { type: 'input'; console: number; data: string }
  | { type: 'resize'; console: number; cols: number; rows: number }
  /** That many characters of output were written to the screen. */
  | { type: 'ack'; console: number; characters: number }
  | { type: 'close'; console: number };

export type WorkerMessage =
  | { type: 'ready'; info: WorldInfo }
  | { type: 'output'; console: number; data: string }
  /** Output the UI could not keep up with and that was dropped (bounded memory); the UI says so on screen. */
  | { type: 'skipped'; console: number; characters: number }
  | { type: 'exit'; console: number; status: number }
  /** A readable one-line message; without `console`, it concerns the whole world. */
  | { type: 'error'; console?: number; message: string };
