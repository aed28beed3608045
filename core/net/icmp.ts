/**
 * ICMP echo (ping), computed by walking the model: the sender's route and source selection
 * (restricted by its network context), ARP on the segment, delivery to the target (which must
 * own the address, be up and not ignore echoes), the target's own route for the reply, and the
 * trip back. Nothing here knows about particular scenarios: the seed's chbind case loses every
 * reply because the gateway routes 10.0.0.1 to its upstream, not because of a special case.
 *
 * Permission to open a raw ICMP socket (CAP_NET_RAW, or the vserver raw_icmp capability) is
 * the kernel's decision; `mayOpenRawIcmp` only gathers the inputs.
 */
import { SyscallError, type ErrnoName } from '../kernel/errno.js';
import type { NetContext } from './context.js';
import { fnv1a, type Ip4 } from './ip4.js';
import { ICMP_ERROR_TEXT, type IcmpErrorKind } from './messages.js';
import { transmit, type Datagram } from './packet.js';
import type { NetStack, OutputRoute } from './stack.js';

export const IP_HEADER = 20;
export const ICMP_HEADER = 8;
/** iputils' default payload. */
export const DEFAULT_PING_DATA = 56;

export interface PingRequest {
  destination: Ip4;
  /** The pinging process's network context. */
  ctx?: NetContext | undefined;
  /** -s: payload bytes (default 56, giving "56(84) bytes"). */
  dataBytes?: number;
  /** -t: TTL of the requests (default the stack's ip_default_ttl). */
  ttl?: number;
  /** -I a.b.c.d: source address (bound like a socket: must be local and in the context). */
  source?: Ip4;
  /** -I eth0: output device. */
  device?: string;
}

export type PingProbe =
  /** "64 bytes from 192.168.1.1: icmp_seq=0 ttl=128 time=1.13 ms" */
  | { seq: number; kind: 'reply'; from: Ip4; ttl: number; rttUs: number; bytes: number }
  /** "From 192.168.1.128 icmp_seq=1 Destination Host Unreachable", shown `afterUs` after sending. */
  | { seq: number; kind: 'error'; from: Ip4; error: IcmpErrorKind; message: string; afterUs: number }
  /** No answer at all. `reason` is for debugging, never for display. */
  | { seq: number; kind: 'lost'; reason: string }
  /** sendmsg() failed (the route vanished since the start): "ping: sendmsg: Network is unreachable". */
  | { seq: number; kind: 'send-error'; errno: ErrnoName };

/** `56(84)`: data bytes and the IP packet length. */
export function pingSizes(dataBytes = DEFAULT_PING_DATA): { data: number; icmp: number; ip: number } {
  return { data: dataBytes, icmp: dataBytes + ICMP_HEADER, ip: dataBytes + ICMP_HEADER + IP_HEADER };
}

/** The inputs of the kernel's raw-ICMP permission check; true when ping may open its socket. */
export function mayOpenRawIcmp(inputs: { hasCapNetRaw: boolean; ctx?: NetContext | undefined; contextRawIcmp?: boolean }): boolean {
  return inputs.hasCapNetRaw || inputs.contextRawIcmp === true || (inputs.ctx?.ncaps.has('raw_icmp') ?? false);
}

/**
 * A ping in progress. The source shown at start is what iputils learns by connecting a UDP
 * socket (or the -I address it binds to); every probe is routed again, with the kernel's
 * source selection unless -I gave an address.
 */
export class PingSession {
  readonly dataBytes: number;
  readonly ttl: number;

  constructor(
    readonly stack: NetStack,
    readonly request: PingRequest,
    /** The source address found at start. */
    readonly source: Ip4,
    /** The destination after context remapping (127.0.0.1 → the context's first address). */
    readonly destination: Ip4,
    /** The route found at start. */
    readonly route: OutputRoute,
  ) {
    this.dataBytes = request.dataBytes ?? DEFAULT_PING_DATA;
    this.ttl = request.ttl ?? stack.sysctl.ipDefaultTtl;
  }

  /** True when the destination is a broadcast address for the sender (iputils then wants -b). */
  get isBroadcast(): boolean {
    return this.route.type === 'broadcast';
  }

  /** Send one echo request now (at the network clock's current time) and say what comes back. */
  probe(seq: number): PingProbe {
    const { stack, request } = this;
    let out: OutputRoute;
    try {
      out = stack.routeFor(this.destination, { ctx: request.ctx, src: request.source, oif: request.device });
    } catch (e) {
      if (e instanceof SyscallError) return { seq, kind: 'send-error', errno: e.code };
      throw e;
    }
    const sizes = pingSizes(this.dataBytes);
    const dgram: Datagram = { src: out.src, dst: out.dst, ttl: this.ttl, protocol: 'icmp', length: sizes.ip };
    const there = transmit(stack, dgram, out);
    if (there.kind === 'dropped') return { seq, kind: 'lost', reason: `request ${there.reason} at ${there.at.name}` };
    if (there.kind === 'error') {
      if (!there.returned) return { seq, kind: 'lost', reason: `${there.error} lost on the way back` };
      return { seq, kind: 'error', from: there.from, error: there.error, message: ICMP_ERROR_TEXT[there.error], afterUs: Math.round(there.delayNs / 1000) };
    }
    const target = there.stack;
    if (target.sysctl.icmpEchoIgnoreAll) return { seq, kind: 'lost', reason: `${target.name} ignores echo requests` };
    // icmp_reply: from the address that was pinged, routed by the target's own table.
    let back: OutputRoute;
    try {
      back = target.routeOutput(dgram.src, { src: dgram.dst });
    } catch {
      return { seq, kind: 'lost', reason: `${target.name} has no route back` };
    }
    const reply: Datagram = { src: dgram.dst, dst: dgram.src, ttl: target.sysctl.ipDefaultTtl, protocol: 'icmp', length: sizes.ip };
    const home = transmit(target, reply, back);
    if (home.kind !== 'delivered') {
      return { seq, kind: 'lost', reason: `reply ${home.kind === 'dropped' ? `${home.reason} at ${home.at.name}` : home.error}` };
    }
    if (home.stack !== stack) return { seq, kind: 'lost', reason: `reply delivered to ${home.stack.name}` };
    if (request.ctx && !request.ctx.has(reply.dst)) return { seq, kind: 'lost', reason: 'reply outside the network context' };
    const jitter = jitterNs(target, stack, seq);
    const rttNs = there.delayNs + target.timing.icmpResponseNs + jitter + home.delayNs;
    return { seq, kind: 'reply', from: reply.src, ttl: home.ttl, rttUs: Math.max(1, Math.round(rttNs / 1000)), bytes: sizes.icmp };
  }
}

/**
 * Start a ping: pick the source as iputils would learn it (throws SyscallError with detail
 * 'connect' — ENETUNREACH "connect: Network is unreachable", EINVAL, EPERM… — or 'bind' for a
 * -I source that is not ours: EADDRNOTAVAIL "ping: bind: Cannot assign requested address").
 */
export function preparePing(stack: NetStack, request: PingRequest): PingSession {
  const ctx = request.ctx;
  if (request.source !== undefined) {
    const src = request.source >>> 0;
    if ((ctx && !ctx.mayBind(src)) || !stack.isLocalAddress(src)) throw new SyscallError('EADDRNOTAVAIL', 'bind');
  }
  let route: OutputRoute;
  try {
    route = stack.routeFor(request.destination, { ctx, src: request.source, oif: request.device });
  } catch (e) {
    if (e instanceof SyscallError) throw new SyscallError(e.code, 'connect');
    throw e;
  }
  return new PingSession(stack, request, route.src, route.dst, route);
}

export interface PingSummary {
  source: Ip4;
  probes: PingProbe[];
  transmitted: number;
  received: number;
  errors: number;
  /** iputils' integer percentage. */
  lossPercent: number;
  /** min/avg/max/mdev in µs (undefined when nothing was received). */
  rtt: { min: number; avg: number; max: number; mdev: number } | undefined;
}

/**
 * Run `count` probes (seq from `firstSeq`, iputils of 2006 starts at 0 as in the seed).
 * `advance(ms)` is called between probes so the caller's clock moves by the interval; without
 * it every probe is sent at the same simulated instant.
 */
export function ping(
  stack: NetStack,
  request: PingRequest & { count?: number; intervalMs?: number; firstSeq?: number },
  advance?: (ms: number) => void,
): PingSummary {
  const session = preparePing(stack, request);
  const count = request.count ?? 1;
  const first = request.firstSeq ?? 0;
  const probes: PingProbe[] = [];
  for (let i = 0; i < count; i++) {
    if (i > 0) advance?.(request.intervalMs ?? 1000);
    probes.push(session.probe(first + i));
  }
  return { source: session.source, probes, ...pingStatistics(probes) };
}

/** The figures of iputils' summary ("1 packets transmitted, 0 received, 100% packet loss"). */
export function pingStatistics(probes: readonly PingProbe[]): Omit<PingSummary, 'source' | 'probes'> {
  const transmitted = probes.filter((p) => p.kind !== 'send-error').length;
  const replies = probes.filter((p): p is Extract<PingProbe, { kind: 'reply' }> => p.kind === 'reply');
  const errors = probes.filter((p) => p.kind === 'error').length;
  const received = replies.length;
  const lossPercent = transmitted === 0 ? 0 : Math.trunc(((transmitted - received) * 100) / transmitted);
  let rtt: PingSummary['rtt'];
  if (received > 0) {
    const times = replies.map((r) => r.rttUs);
    const sum = times.reduce((a, b) => a + b, 0);
    const avg = sum / received;
    const sum2 = times.reduce((a, b) => a + b * b, 0);
    rtt = { min: Math.min(...times), avg, max: Math.max(...times), mdev: Math.sqrt(Math.max(0, sum2 / received - avg * avg)) };
  }
  return { transmitted, received, errors, lossPercent, rtt };
}

/** iputils' "time=" figure: 3 significant digits (1.13, 0.045, 12.3, 123). */
export function formatPingTime(rttUs: number): string {
  const t = Math.round(rttUs);
  if (t >= 100_000) return `${Math.trunc(t / 1000)}`;
  if (t >= 10_000) return `${Math.trunc(t / 1000)}.${Math.trunc((t % 1000) / 100)}`;
  if (t >= 1_000) return `${Math.trunc(t / 1000)}.${String(Math.trunc((t % 1000) / 10)).padStart(2, '0')}`;
  return `${Math.trunc(t / 1000)}.${String(t % 1000).padStart(3, '0')}`;
}

function jitterNs(target: NetStack, sender: NetStack, seq: number): number {
  const amplitude = target.timing.jitterNs;
  if (!amplitude) return 0;
  const h = fnv1a(`${sender.name}>${target.name}#${seq}`);
  return Math.round(((h % 2001) / 1000 - 1) * amplitude);
}
