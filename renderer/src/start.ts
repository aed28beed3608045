/** The app itself, loaded by main.ts. */
import { mount } from 'svelte';
import App from './App.svelte';
import { AppState } from './app/state.svelte.js';
import { currentEnvironment, pickHost } from './host/index.js';
import { installTestHook } from './terminal/test-hook.js';

performance.mark('vlab:start');
const { host, mode } = pickHost(currentEnvironment());
if (mode === 'local') console.info('vlab: no vlab server or Electron host here; progress is kept in this browser only.');

const app = new AppState(host, { prefersDark: matchMedia('(prefers-color-scheme: dark)').matches });
app.syncRoute(location.hash, location.search);
const syncRoute = () => app.syncRoute(location.hash, location.search);
addEventListener('popstate', syncRoute);
addEventListener('hashchange', syncRoute);
// Write pending preference changes before the page goes away.
addEventListener('pagehide', () => void app.flush());

installTestHook(app);
mount(App, { target: document.getElementById('app')!, props: { app } });
performance.mark('vlab:mounted');
void app.start().then(() => performance.mark('vlab:started'));
