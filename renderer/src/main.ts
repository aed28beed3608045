/**
 * The entry point, kept tiny on purpose. When the page opens straight onto a workspace (?sandbox=1,
 * #/sandbox, a lab), it starts the core's worker first, so the worker's start-up (a new JavaScript
 * engine, fetching and compiling the core, booting the world) runs while the app's bundle is still
 * being fetched and compiled. See worker/pool.ts.
 */
import '@xterm/xterm/css/xterm.css';
import './styles/global.css';
import { DEFAULT_WORLD, parseRoute } from './app/route.js';
import { describeError } from './util/describe-error.js';
import { prewarmWorld } from './worker/pool.js';

performance.mark('vlab:main');
if (parseRoute(location.hash, location.search).kind !== 'home') {
  try {
    prewarmWorld(DEFAULT_WORLD);
  } catch {
    // The workspace spawns its own worker and reports any failure in its terminal.
  }
}
import('./start.js').catch((error: unknown) => {
  // The catalogue is in the chunk that failed: say it in both languages.
  const root = document.getElementById('app');
  if (root) root.textContent = `vlab could not start / vlab n’a pas pu démarrer : ${describeError(error)}`;
});
