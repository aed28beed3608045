/**
 * The routing table as net-tools 1.60 prints it (lib/inet_gr.c rprint_fib): `route` (ext 1),
 * `route -e` / `netstat -r` (ext 2), `route -ee` (ext 3), with names unless numeric.
 */
import { formatIp4, formatRouteN, prefixMask, type Ip4, type NetStack, type Route } from '../../../net/index.js';
import type { Resolver } from './resolve.js';

const RTF_UP = 0x1;
const RTF_GATEWAY = 0x2;
const RTF_HOST = 0x4;
const RTF_REJECT = 0x200;

function flagsOf(r: Route): number {
  let f = r.type === 'unreachable' || r.type === 'prohibit' ? RTF_REJECT : 0;
  if (r.gateway !== undefined) f |= RTF_GATEWAY;
  if (r.prefixLen === 32) f |= RTF_HOST;
  return f | RTF_UP;
}

function flagLetters(f: number): string {
  let s = 'U';
  if (f & RTF_GATEWAY) s += 'G';
  if (f & RTF_REJECT) s = '!';
  if (f & RTF_HOST) s += 'H';
  return s;
}

/** rprint_fib for ext 1, 2, 3, with names unless numeric. */
export async function showRoutes(stack: NetStack, resolver: Resolver, numeric: boolean, ext: number): Promise<string> {
  if (numeric && ext === 1) return formatRouteN(stack);
  let s = 'Kernel IP routing table\n';
  if (ext === 1) s += 'Destination     Gateway         Genmask         Flags Metric Ref    Use Iface\n';
  else if (ext === 2) s += 'Destination     Gateway         Genmask         Flags   MSS Window  irtt Iface\n';
  else s += 'Destination     Gateway         Genmask         Flags Metric Ref    Use Iface    MSS   Window irtt\n';
  for (const r of stack.routes('main')) {
    const f = flagsOf(r);
    const name = async (ip: Ip4, zero: string, host: boolean): Promise<string> => {
      if (numeric) return formatIp4(ip);
      if (ip === 0) return zero;
      // A destination with host bits is a host (gethostbyaddr); a network would need /etc/networks.
      return (host ? await resolver.byAddress(ip) : undefined) ?? formatIp4(ip);
    };
    const dst = (await name(r.dst, 'default', (f & RTF_HOST) !== 0 || (r.dst & ~prefixMask(r.prefixLen)) !== 0)).slice(0, 15).padEnd(15);
    const gw = (await name(r.gateway ?? 0, '*', true)).slice(0, 15).padEnd(15);
    const mask = formatIp4(prefixMask(r.prefixLen)).padEnd(15);
    const flags = flagLetters(f).padEnd(5);
    const metric = String(r.metric ?? 0).padEnd(6);
    const dev = r.dev !== undefined ? (stack.linkByIndex(r.dev)?.name ?? '*') : '*';
    const reject = (f & RTF_REJECT) !== 0;
    if (ext === 1) s += reject ? `${dst} -               ${mask} ${flags} ${metric} -  ${'0'.padStart(7)} -\n` : `${dst} ${gw} ${mask} ${flags} ${metric} ${'0'.padEnd(2)} ${'0'.padStart(7)} ${dev}\n`;
    else if (ext === 2) s += reject ? `${dst} -               ${mask} ${flags}     - -          - -\n` : `${dst} ${gw} ${mask} ${flags} ${'0'.padStart(5)} ${'0'.padEnd(5)} ${'0'.padStart(6)} ${dev}\n`;
    else s += reject ? `${dst} -               ${mask} ${flags} ${metric} -  ${'0'.padStart(7)} -        -     -      -\n` : `${dst} ${gw} ${mask} ${flags} ${metric} ${'0'.padEnd(3)} ${'0'.padStart(6)} ${dev.slice(0, 6).padEnd(6)}   ${'0'.padEnd(5)} ${'0'.padEnd(6)} 0\n`;
  }
  return s;
}

