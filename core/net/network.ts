/**
 * The world's network: the machines (NetStack), the L2 segments they plug into, a clock and a
 * seed. It owns the socket registry (connections refer to their peer by id) and can be saved
 * and restored as plain data.
 */
import { deriveMac, type Mac } from './ip4.js';
import { Segment, type SegmentOptions, type SegmentSnapshot } from './segment.js';
import type { Socket, SocketSnapshot } from './socket.js';
import { NetStack, type StackOptions, type StackState } from './stack.js';

export interface NetworkOptions {
  /** Seed of derived MAC addresses. */
  seed?: string;
  /** The simulated clock in milliseconds (the kernel's uptime). Default: always 0. */
  now?: () => number;
  /** Vendor prefix of derived MACs. */
  oui?: string;
}

export interface NetworkSnapshot {
  version: 1;
  seed: string;
  oui: string;
  nextSocketId: number;
  segments: SegmentSnapshot[];
  stacks: Array<{ state: StackState; sockets: { cursor: number | undefined; sockets: SocketSnapshot[] } }>;
}

export class Network {
  readonly seed: string;
  readonly oui: string;
  private clock: () => number;
  private readonly stackMap = new Map<string, NetStack>();
  private readonly segmentMap = new Map<string, Segment>();
  private readonly socketMap = new Map<number, Socket>();
  private socketSeq = 1;

  constructor(opts: NetworkOptions = {}) {
    this.seed = opts.seed ?? 'vlab';
    this.oui = opts.oui ?? '00:16:3e';
    this.clock = opts.now ?? (() => 0);
  }

  /** Milliseconds of simulated time. */
  now(): number {
    return this.clock();
  }

  /** Replace the clock (when the kernel that owns the clock is created after the network). */
  setClock(now: () => number): void {
    this.clock = now;
  }

  macFor(stack: string, link: string): Mac {
    return deriveMac(this.seed, `${stack}/${link}`, this.oui);
  }

  // -------------------------------------------------------------------------------------------

  get stacks(): ReadonlyMap<string, NetStack> {
    return this.stackMap;
  }

  get segments(): ReadonlyMap<string, Segment> {
    return this.segmentMap;
  }

  stack(name: string): NetStack | undefined {
    return this.stackMap.get(name);
  }

  segment(name: string): Segment | undefined {
    return this.segmentMap.get(name);
  }

  /** A new machine with lo (127.0.0.1/8, up). Names are unique. */
  addStack(name: string, opts: StackOptions = {}): NetStack {
    if (this.stackMap.has(name)) throw new TypeError(`duplicate machine ${name}`);
    const stack = new NetStack(this, name, opts);
    this.stackMap.set(name, stack);
    return stack;
  }

  removeStack(name: string): void {
    const stack = this.stackMap.get(name);
    if (!stack) return;
    for (const l of stack.links) if (l.port) l.port.segment.detach(l.port);
    for (const s of [...stack.sockets.all()]) this.unregisterSocket(s);
    this.stackMap.delete(name);
  }

  addSegment(name: string, opts: SegmentOptions = {}): Segment {
    if (this.segmentMap.has(name)) throw new TypeError(`duplicate segment ${name}`);
    const seg = new Segment(name, opts);
    this.segmentMap.set(name, seg);
    return seg;
  }

  removeSegment(name: string): void {
    const seg = this.segmentMap.get(name);
    if (!seg) return;
    for (const p of [...seg.ports]) seg.detach(p);
    this.segmentMap.delete(name);
  }

  /** Plug `stack`'s device `link` into `segment` (creating the device if it does not exist). */
  plug(stack: NetStack, link: string, segment: Segment, opts: { vlan?: number } = {}): void {
    const dev = stack.link(link) ?? stack.addLink(link, 'ether');
    segment.attach(stack, dev, opts);
  }

  // -------------------------------------------------------------------------------------------
  // Socket registry

  /** @internal */
  nextSocketId(): number {
    return this.socketSeq++;
  }

  /** @internal */
  registerSocket(s: Socket): void {
    this.socketMap.set(s.id, s);
  }

  /** @internal */
  unregisterSocket(s: Socket): void {
    if (this.socketMap.get(s.id) === s) this.socketMap.delete(s.id);
  }

  socketById(id: number): Socket | undefined {
    return this.socketMap.get(id);
  }

  // -------------------------------------------------------------------------------------------
  // Snapshot / restore

  /** The whole network as plain data (JSON-safe). Event listeners are not part of it. */
  snapshot(): NetworkSnapshot {
    return {
      version: 1,
      seed: this.seed,
      oui: this.oui,
      nextSocketId: this.socketSeq,
      segments: [...this.segmentMap.values()].map((s) => s.snapshot()),
      stacks: [...this.stackMap.values()].map((s) => ({ state: s.exportState(), sockets: s.sockets.exportState() })),
    };
  }

  /** Rebuild a network from a snapshot. The kernel re-attaches its listeners to sockets (by id). */
  static restore(snap: NetworkSnapshot, opts: { now?: () => number } = {}): Network {
    const net = new Network({ seed: snap.seed, oui: snap.oui, ...(opts.now ? { now: opts.now } : {}) });
    net.socketSeq = snap.nextSocketId;
    for (const s of snap.stacks) {
      const stack = new NetStack(net, s.state.name, { loopback: false });
      stack.importState(s.state);
      net.stackMap.set(stack.name, stack);
    }
    for (const seg of snap.segments) {
      const segment = new Segment(seg.name, { latencyNs: seg.latencyNs, bandwidthMbps: seg.bandwidthMbps, kind: seg.kind, policy: seg.policy });
      net.segmentMap.set(seg.name, segment);
    }
    const pending: Array<{ port: ReturnType<Segment['newPort']>; peer: { segment: string; id: number } }> = [];
    for (const seg of snap.segments) {
      const segment = net.segmentMap.get(seg.name)!;
      for (const p of seg.ports) {
        const port = segment.newPort(p.kind, p.vlan, p.policy, p.id);
        port.connected = p.connected;
        if (p.nic) {
          const stack = net.stackMap.get(p.nic.stack);
          const link = stack?.link(p.nic.link);
          if (stack && link) {
            port.nic = { stack, link };
            link.port = port;
          }
        }
        if (p.peer) pending.push({ port, peer: p.peer });
      }
      segment.setNextPortId(seg.nextPortId);
    }
    for (const { port, peer } of pending) {
      const other = net.segmentMap.get(peer.segment)?.ports.find((q) => q.id === peer.id);
      if (other) port.peer = other;
    }
    for (const s of snap.stacks) net.stackMap.get(s.state.name)!.sockets.importState(s.sockets);
    return net;
  }
}
