/**
 * The Electron security policy as plain functions, so it can be tested in Node without Electron.
 * The page is served from app://vlab/ (a privileged standard scheme, not file://), may talk to
 * the main process only from that origin, and can open only a short list of https sites, and
 * those in the person's own browser.
 */
import { RENDERER_CSP } from '../../host/services/csp.js';
import { resolveStaticPath } from '../../host/services/static-path.js';

export const APP_SCHEME = 'app';
export const APP_HOST = 'vlab';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** The Content-Security-Policy sent with every app:// response (the same as in browser mode). */
export const CSP = RENDERER_CSP;

/**
 * Sites a lab or the About box may link to: the projects the course is about. Opened with the
 * system browser, never inside the app window.
 */
export const EXTERNAL_HOSTS: readonly string[] = [
  'linux-vserver.org',
  'www.linux-vserver.org',
  'docs.vmware.com',
  'www.vmware.com',
  'techdocs.broadcom.com',
  'knowledge.broadcom.com',
  'en.wikipedia.org',
  'fr.wikipedia.org',
];

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/** A URL of the app itself: app://vlab/… with no credentials or port. */
export function isAppUrl(url: string): boolean {
  const u = parse(url);
  return !!u && u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && !u.username && !u.password;
}

/** An https URL on the allow-list, on the default port, without embedded credentials. */
export function isAllowedExternalUrl(url: string, hosts: readonly string[] = EXTERNAL_HOSTS): boolean {
  const u = parse(url);
  return !!u && u.protocol === 'https:' && !u.port && !u.username && !u.password && hosts.includes(u.hostname);
}

export type NavigationDecision = 'allow' | 'open-external' | 'deny';

/** What to do when the page tries to go to `url` (a link, a redirect, window.open). */
export function decideNavigation(url: string): NavigationDecision {
  if (isAppUrl(url)) return 'allow';
  if (isAllowedExternalUrl(url)) return 'open-external';
  return 'deny';
}

/** The part of Electron's WebFrameMain that sender validation looks at. */
export interface FrameLike {
  readonly url: string;
  readonly parent: unknown;
}

/**
 * IPC is answered only for the top frame of an app:// page. A null frame (navigated away or
 * destroyed) and any subframe are refused.
 */
export function isTrustedSender(frame: FrameLike | null | undefined): boolean {
  return !!frame && frame.parent === null && isAppUrl(frame.url);
}

/** The file under rendererDir an app:// request names, or undefined (wrong host, traversal…). */
export function resolveAppRequest(rendererDir: string, requestUrl: string): string | undefined {
  const u = parse(requestUrl);
  if (!u || u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST) return undefined;
  return resolveStaticPath(rendererDir, u.pathname);
}
