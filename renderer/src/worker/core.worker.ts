/**
 * The Web Worker that holds the emulated world. The UI thread never runs core code, so a runaway
 * program can only ever make this worker busy, never freeze the page.
 */
import { bootWorld } from '../../../core/index.js';
import { describeError } from '../util/describe-error.js';
import type { UiMessage, WorkerMessage } from './protocol.js';
import { bootPresetFromName } from './names.js';
import { WorldServer } from './world-server.js';

// The renderer's tsconfig has the DOM lib, which clashes with the WebWorker lib: describe what we use.
interface WorkerScope {
  readonly name: string;
  postMessage(message: WorkerMessage): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<UiMessage>) => void): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
  addEventListener(type: 'unhandledrejection', listener: (event: PromiseRejectionEvent) => void): void;
}
const scope = self as unknown as WorkerScope;
const post = (message: WorkerMessage) => scope.postMessage(message);

const server = new WorldServer(post, bootWorld, {
  debug: (message) => console.debug('[vlab core]', message),
});

scope.addEventListener('message', (event) => {
  try {
    server.handle(event.data);
  } catch (error) {
    post({ type: 'error', message: describeError(error) });
  }
});

// A worker started ahead of time is named after its world and boots at once: a message would wait
// for the page's thread to be free before Chromium delivers it to a worker that is still starting.
// Its first console opens at once too, so the shell is at its prompt when the terminal appears.
const preset = bootPresetFromName(scope.name);
if (preset) {
  server.handle({ type: 'boot', preset });
  server.preopenConsole();
}

// Anything that escapes (an async error inside the core) becomes one readable line.
scope.addEventListener('error', (event) => {
  event.preventDefault();
  post({ type: 'error', message: describeError(event.error ?? event.message) });
});
scope.addEventListener('unhandledrejection', (event) => {
  event.preventDefault();
  post({ type: 'error', message: describeError(event.reason) });
});
