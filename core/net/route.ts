/**
 * Routing data: scopes, route types, protocols and the route record itself. The logic (insert,
 * delete, lookup, source selection) lives in NetStack.
 */
import type { Ip4 } from './ip4.js';

/** rtnetlink scopes (rt_scope_t). Lower is wider. */
export const RT_SCOPE = { global: 0, site: 200, link: 253, host: 254, nowhere: 255 } as const;
export type ScopeName = keyof typeof RT_SCOPE;

/** iproute2's names (lib/rt_names.c); unknown values print as numbers. */
export function scopeName(scope: number): string {
  switch (scope) {
    case 0:
      return 'global';
    case 200:
      return 'site';
    case 253:
      return 'link';
    case 254:
      return 'host';
    case 255:
      return 'nowhere';
    default:
      return String(scope);
  }
}

export function parseScope(text: string): number | undefined {
  if (text in RT_SCOPE) return RT_SCOPE[text as ScopeName];
  if (/^[0-9]+$/.test(text) && Number(text) < 256) return Number(text);
  return undefined;
}

export type RouteType = 'unicast' | 'local' | 'broadcast' | 'blackhole' | 'unreachable' | 'prohibit';
/** 'kernel' routes come from addresses; 'boot' is what `ip route add` uses by default (not printed). */
export type RouteProto = 'kernel' | 'boot' | 'static' | 'redirect';
export type RouteTable = 'main' | 'local';

export interface Route {
  table: RouteTable;
  type: RouteType;
  dst: Ip4;
  prefixLen: number;
  gateway?: Ip4;
  /** Output device (link index). */
  dev?: number;
  /** Preferred source (RTA_PREFSRC). */
  src?: Ip4;
  proto: RouteProto;
  scope: number;
  /** RTA_PRIORITY; undefined = 0 and not printed. */
  metric?: number;
  /** Next hop declared on-link (`onlink`). */
  onlink?: boolean;
}

/** What `ip route add` / `route add` asks for. Missing fields take iproute2's defaults. */
export interface RouteSpec {
  dst: Ip4;
  prefixLen: number;
  gateway?: Ip4;
  /** Device name. */
  dev?: string;
  src?: Ip4;
  type?: RouteType;
  table?: RouteTable;
  proto?: RouteProto;
  scope?: number;
  metric?: number;
  onlink?: boolean;
}

/** What `ip route del` matches on: dst/prefixLen always, the others only when given. */
export interface RouteMatch {
  dst: Ip4;
  prefixLen: number;
  gateway?: Ip4;
  dev?: string;
  src?: Ip4;
  type?: RouteType;
  table?: RouteTable;
  proto?: RouteProto;
  scope?: number;
  metric?: number;
}

export function sameRouteKey(a: Route, b: Route): boolean {
  return a.table === b.table && a.dst === b.dst && a.prefixLen === b.prefixLen && (a.metric ?? 0) === (b.metric ?? 0);
}
