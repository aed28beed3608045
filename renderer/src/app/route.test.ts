import { describe, expect, it } from 'vitest';
import { parseRoute, routeHash, type Route } from './route.js';

describe('routes', () => {
  it('parse what they format', () => {
    const routes: Route[] = [{ kind: 'home' }, { kind: 'sandbox' }, { kind: 'lab', id: 'vserver-build' }, { kind: 'lab', id: 'a b/é' }];
    for (const r of routes) expect(parseRoute(routeHash(r))).toEqual(r);
  });
  it('open the sandbox from ?sandbox=1 when there is no hash route', () => {
    expect(parseRoute('', '?sandbox=1')).toEqual({ kind: 'sandbox' });
    expect(parseRoute('#/', '?sandbox')).toEqual({ kind: 'sandbox' });
    expect(parseRoute('#/lab/x', '?sandbox=1')).toEqual({ kind: 'lab', id: 'x' });
  });
  it('fall back to home for anything else', () => {
    expect(parseRoute('#/nowhere')).toEqual({ kind: 'home' });
    expect(parseRoute('#/lab/%E0%A4%A')).toEqual({ kind: 'home' });
    expect(parseRoute('')).toEqual({ kind: 'home' });
  });
});
