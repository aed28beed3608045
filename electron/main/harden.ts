/** Guards applied to every web contents the app creates, whatever created it. */
import { shell, type WebContents } from 'electron';
import { decideNavigation, isAllowedExternalUrl } from './security.js';

export function hardenWebContents(contents: WebContents): void {
  // No <webview>: it would be a second, unpoliced browser inside the app.
  contents.on('will-attach-webview', (event) => event.preventDefault());

  // window.open and target=_blank: never a new app window; allow-listed sites go to the system browser.
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });

  contents.on('will-navigate', (event) => {
    const decision = decideNavigation(event.url);
    if (decision === 'allow') return;
    event.preventDefault();
    if (decision === 'open-external') void shell.openExternal(event.url);
  });

  // A redirect may only stay inside the app.
  contents.on('will-redirect', (event) => {
    if (decideNavigation(event.url) !== 'allow') event.preventDefault();
  });
}
