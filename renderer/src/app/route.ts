/**
 * Where the app is, as a hash route so the browser's back button and a reload work, and so a URL
 * can open the sandbox directly (bench, demos): #/ · #/sandbox · #/lab/<id>, or ?sandbox=1.
 */
export type Route = { kind: 'home' } | { kind: 'sandbox' } | { kind: 'lab'; id: string };

export function parseRoute(hash: string, search = ''): Route {
  const path = hash.replace(/^#\/?/, '');
  if (path === 'sandbox') return { kind: 'sandbox' };
  const lab = /^lab\/([^/?#]+)$/.exec(path);
  if (lab) {
    try {
      return { kind: 'lab', id: decodeURIComponent(lab[1]!) };
    } catch {
      return { kind: 'home' };
    }
  }
  if (path === '' && new URLSearchParams(search).has('sandbox')) return { kind: 'sandbox' };
  return { kind: 'home' };
}

export function routeHash(route: Route): string {
  switch (route.kind) {
    case 'home':
      return '#/';
    case 'sandbox':
      return '#/sandbox';
    case 'lab':
      return `#/lab/${encodeURIComponent(route.id)}`;
  }
}

/** The world every sandbox (and, until the lab engine, every lab) runs on. */
export const DEFAULT_WORLD = 'vserver-host';
