/**
 * TCP and UDP sockets over the model, with the Linux-VServer bind rules.
 *
 * Non-blocking primitives only: bind, listen, connect (returns how long it took and how it
 * ended), tryAccept, write, tryRead, sendTo, tryRecvFrom, shutdown, close. The kernel blocks
 * tasks by waiting on the events a socket emits ('readable', 'writable', 'acceptable',
 * 'connected', 'closed'). Data are strings of byte-sized characters, as in the kernel's pipes.
 *
 * Simplifications (see README): segments of an established connection are not re-routed
 * (cutting the network later does not break it); there is no retransmission, window scaling
 * or Nagle; a connection's data arrive at once.
 */
import { SyscallError, type ErrnoName } from '../kernel/errno.js';
import { NetContext, type NetContextSnapshot } from './context.js';
import { fnv1a, formatIp4, isMulticast, type Ip4 } from './ip4.js';
import { ICMP_ERRNO } from './messages.js';
import { transmit, type Datagram } from './packet.js';
import type { NetStack, OutputRoute } from './stack.js';

export type SocketProtocol = 'tcp' | 'udp';

/** TCP states with /proc/net/tcp's names (netstat prints them; UDP uses CLOSE or ESTABLISHED). */
export type TcpState =
  | 'ESTABLISHED'
  | 'SYN_SENT'
  | 'SYN_RECV'
  | 'FIN_WAIT1'
  | 'FIN_WAIT2'
  | 'TIME_WAIT'
  | 'CLOSE'
  | 'CLOSE_WAIT'
  | 'LAST_ACK'
  | 'LISTEN'
  | 'CLOSING';

export type SocketEvent = 'readable' | 'writable' | 'acceptable' | 'connected' | 'closed';

/** Who owns the socket, for `netstat -p` ("1234/sshd"). Set by the kernel. */
export interface SocketOwner {
  pid: number;
  program: string;
  uid?: number;
}

/** Ports below this need CAP_NET_BIND_SERVICE (checked by the caller: EACCES). */
export const PROT_SOCK = 1024;
export function isPrivilegedPort(port: number): boolean {
  return port > 0 && port < PROT_SOCK;
}

/** Receive buffer per connection (bytes); a full buffer makes write() return EAGAIN. */
export const TCP_RCVBUF = 87380;
export const SOMAXCONN = 128;
/** TCP and IP headers of a segment, for the counters. */
const TCP_OVERHEAD = 40;
const UDP_OVERHEAD = 28;

/** How a connect() ended: `error` undefined means connected. `delayUs`: how long it blocked. */
export interface ConnectResult {
  error?: ErrnoName;
  delayUs: number;
}

export interface SocketInfo {
  id: number;
  protocol: SocketProtocol;
  localAddr: Ip4;
  localPort: number;
  remoteAddr: Ip4;
  remotePort: number;
  state: TcpState;
  /** Bytes waiting to be read (or connections waiting to be accepted, for a listener). */
  recvQ: number;
  sendQ: number;
  owner: SocketOwner | undefined;
  /** The network context the socket was created in (undefined: the host). */
  nid: number | undefined;
}

interface Datagram4 {
  data: string;
  from: { addr: Ip4; port: number };
}

export class Socket {
  owner: SocketOwner | undefined;
  /** SO_REUSEADDR. */
  reuseAddr = false;
  /** SO_BINDTODEVICE. */
  bindDevice: string | undefined;
  localAddr: Ip4 = 0;
  localPort = 0;
  remoteAddr: Ip4 = 0;
  remotePort = 0;
  state: TcpState = 'CLOSE';
  /** @internal */ bound = false;
  /** @internal bound implicitly (connect/listen/send without bind): released when the socket closes. */
  autobound = false;
  backlog = 0;
  /** @internal */ acceptQueue: number[] = [];
  /** @internal */ recvBuf = '';
  /** @internal */ datagrams: Datagram4[] = [];
  /** @internal peer socket id (TCP). */
  peerId: number | undefined;
  /** The peer sent FIN: reads return '' once the buffer is empty. */
  eof = false;
  writeShut = false;
  readShut = false;
  /** close() was called: the socket lingers only for the TCP state machine. */
  closed = false;
  /** @internal an error reported by the next operation (ECONNRESET, ECONNREFUSED). */
  pendingError: ErrnoName | undefined;
  /** @internal */ timeWaitUntil: number | undefined;
  private readonly listeners = new Set<(event: SocketEvent, socket: Socket) => void>();

  constructor(
    readonly id: number,
    readonly protocol: SocketProtocol,
    readonly stack: NetStack,
    /** The creating process's network context (sk_nx_info). */
    readonly ctx: NetContext | undefined,
  ) {}

  /** Subscribe to events; returns the unsubscribe function. Listeners run synchronously. */
  onEvent(listener: (event: SocketEvent, socket: Socket) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** @internal */
  emit(event: SocketEvent): void {
    for (const l of [...this.listeners]) l(event, this);
  }

  private get table(): SocketTable {
    return this.stack.sockets;
  }

  private get restricted(): NetContext | undefined {
    return this.ctx && !this.ctx.unrestricted && this.ctx.primary ? this.ctx : undefined;
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * bind(). Throws EINVAL (already bound, bad port), EADDRNOTAVAIL (not an address of this
   * machine, or not one of the network context's), EADDRINUSE. Port 0 picks an ephemeral port.
   * In a context 0.0.0.0 stays "any" (restricted to the context's addresses), except with
   * `single_ip`, where it becomes the first address. Ports below 1024 are the caller's check.
   */
  bind(addr: Ip4, port: number): void {
    if (this.closed) throw new SyscallError('EBADF');
    if (this.bound) throw new SyscallError('EINVAL', 'already bound');
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new SyscallError('EINVAL', String(port));
    const address = this.mapBindAddress(addr >>> 0);
    const p = port === 0 ? this.table.ephemeralPort(this, address) : port;
    if (this.table.conflicts(this, address, p)) throw new SyscallError('EADDRINUSE', `${formatIp4(address)}:${p}`);
    this.localAddr = address;
    this.localPort = p;
    this.bound = true;
    this.autobound = false;
  }

  private mapBindAddress(addr: Ip4): Ip4 {
    const ctx = this.restricted;
    if (addr === 0) return ctx?.hasFlag('single_ip') ? ctx.primary! : 0;
    if (ctx && !ctx.mayBind(addr)) throw new SyscallError('EADDRNOTAVAIL', formatIp4(addr));
    // inet_addr_type: multicast and class E (255.255.255.255 included) are bindable.
    if (isMulticast(addr) || addr >= 0xf0000000) return addr;
    const r = this.stack.fibLookup(addr);
    if (!r || (r.type !== 'local' && r.type !== 'broadcast')) throw new SyscallError('EADDRNOTAVAIL', formatIp4(addr));
    return addr;
  }

  /** @internal implicit bind to an ephemeral port (inet_autobind). */
  autobind(addr: Ip4 = 0): void {
    if (this.bound) return;
    const a = addr === 0 ? this.mapBindAddress(0) : addr;
    this.localPort = this.table.ephemeralPort(this, a);
    this.localAddr = a;
    this.bound = true;
    this.autobound = true;
  }

  /** listen(): binds an ephemeral port first if needed. EINVAL for UDP or a connected socket. */
  listen(backlog = SOMAXCONN): void {
    if (this.protocol !== 'tcp') throw new SyscallError('EOPNOTSUPP');
    if (this.closed) throw new SyscallError('EBADF');
    if (this.state !== 'CLOSE' && this.state !== 'LISTEN') throw new SyscallError('EINVAL');
    if (!this.bound) this.autobind();
    this.backlog = Math.max(0, Math.min(backlog, SOMAXCONN));
    this.state = 'LISTEN';
  }

  /**
   * connect(). Immediate failures throw SyscallError (EISCONN, ENETUNREACH from routing,
   * EINVAL/EPERM for a source outside the network context…). The network outcome comes back
   * with how long the real call would have blocked: ECONNREFUSED (RST after one round trip),
   * EHOSTUNREACH (ARP failure, ~3 s), ETIMEDOUT (SYNs lost, 189 s). UDP connect only routes.
   */
  connect(addr: Ip4, port: number): ConnectResult {
    if (this.closed) throw new SyscallError('EBADF');
    if (this.protocol === 'tcp') {
      if (this.state === 'ESTABLISHED' || this.state === 'CLOSE_WAIT' || this.state === 'LISTEN') throw new SyscallError('EISCONN');
      if (this.state !== 'CLOSE' || this.peerId !== undefined) throw new SyscallError('EISCONN');
    }
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new SyscallError('EINVAL', String(port));
    const out = this.stack.routeFor(addr, { ctx: this.ctx, src: this.localAddr || undefined, oif: this.bindDevice });
    const wasBound = this.bound;
    if (!this.bound) this.autobind(0);
    if (this.localAddr === 0) this.localAddr = out.src;
    this.remoteAddr = out.dst;
    this.remotePort = port;
    if (this.protocol === 'udp') {
      this.state = 'ESTABLISHED';
      return { delayUs: 0 };
    }
    const result = this.handshake(out);
    if (result.error) {
      this.remoteAddr = 0;
      this.remotePort = 0;
      this.state = 'CLOSE';
      if (!wasBound) {
        this.bound = false;
        this.autobound = false;
        this.localAddr = 0;
        this.localPort = 0;
      }
      this.pendingError = undefined;
    }
    return result;
  }

  private handshake(out: OutputRoute): ConnectResult {
    const stack = this.stack;
    const synTimeoutUs = stack.sysctl.tcpSynTimeoutMs * 1000;
    const syn: Datagram = { src: this.localAddr, dst: this.remoteAddr, ttl: stack.sysctl.ipDefaultTtl, protocol: 'tcp', length: 60 };
    const there = transmit(stack, syn, out);
    if (there.kind === 'dropped') return { error: 'ETIMEDOUT', delayUs: synTimeoutUs };
    if (there.kind === 'error') {
      return there.returned ? { error: ICMP_ERRNO[there.error], delayUs: Math.round(there.delayNs / 1000) } : { error: 'ETIMEDOUT', delayUs: synTimeoutUs };
    }
    const server = there.stack;
    const listener = server.sockets.findListener(this.remoteAddr, this.remotePort);
    // The answer (SYN-ACK or RST) is routed by the server's own table.
    let back: OutputRoute;
    try {
      back = server.routeOutput(this.localAddr, { src: this.remoteAddr });
    } catch {
      return { error: 'ETIMEDOUT', delayUs: synTimeoutUs };
    }
    const answer: Datagram = { src: this.remoteAddr, dst: this.localAddr, ttl: server.sysctl.ipDefaultTtl, protocol: 'tcp', length: listener ? 60 : 40 };
    const full = listener !== undefined && listener.acceptQueue.length > listener.backlog;
    if (full) return { error: 'ETIMEDOUT', delayUs: synTimeoutUs };
    const home = transmit(server, answer, back);
    if (home.kind !== 'delivered' || home.stack !== stack) return { error: 'ETIMEDOUT', delayUs: synTimeoutUs };
    const delayUs = Math.max(1, Math.round((there.delayNs + home.delayNs) / 1000));
    if (!listener) return { error: 'ECONNREFUSED', delayUs };
    const child = server.sockets.create('tcp', { ctx: listener.ctx, owner: listener.owner });
    child.localAddr = this.remoteAddr;
    child.localPort = this.remotePort;
    child.remoteAddr = this.localAddr;
    child.remotePort = this.localPort;
    child.bound = true;
    child.state = 'ESTABLISHED';
    child.peerId = this.id;
    this.peerId = child.id;
    this.state = 'ESTABLISHED';
    listener.acceptQueue.push(child.id);
    listener.emit('acceptable');
    this.emit('connected');
    this.emit('writable');
    return { delayUs };
  }

  /** accept() without blocking: the next established connection, or undefined. EINVAL unless listening. */
  tryAccept(): Socket | undefined {
    if (this.state !== 'LISTEN') throw new SyscallError('EINVAL');
    while (this.acceptQueue.length > 0) {
      const s = this.table.byId(this.acceptQueue.shift()!);
      if (s) return s;
    }
    return undefined;
  }

  /** Connections waiting in the accept queue. */
  get pendingConnections(): number {
    return this.acceptQueue.length;
  }

  private peer(): Socket | undefined {
    return this.peerId === undefined ? undefined : this.stack.network.socketById(this.peerId);
  }

  /**
   * write()/send() on a connected TCP socket: queues as much as the peer's receive buffer takes
   * and returns the count; EAGAIN when it is full (wait for 'writable'). EPIPE after
   * shutdown(write) or a reset (the kernel also sends SIGPIPE); ENOTCONN when never connected.
   * UDP: send to the connected peer (EDESTADDRREQ otherwise).
   */
  write(data: string): number {
    if (this.protocol === 'udp') {
      if (this.state !== 'ESTABLISHED') throw new SyscallError('EDESTADDRREQ');
      return this.sendTo(data, this.remoteAddr, this.remotePort);
    }
    if (this.pendingError === 'ECONNRESET') throw new SyscallError('EPIPE');
    if (this.writeShut) throw new SyscallError('EPIPE');
    if (this.state !== 'ESTABLISHED' && this.state !== 'CLOSE_WAIT') {
      throw new SyscallError(this.peerId === undefined ? 'ENOTCONN' : 'EPIPE');
    }
    if (data.length === 0) return 0;
    const peer = this.peer();
    if (peer && !peer.closed && peer.readShut) return data.length; // discarded by the reader
    if (!peer || peer.closed) {
      // The data hit a closed socket: it answers with RST. This write succeeded; the next fails.
      if (peer) peer.reset(false);
      this.reset(true);
      return data.length;
    }
    const room = TCP_RCVBUF - peer.recvBuf.length;
    if (room <= 0) throw new SyscallError('EAGAIN');
    const chunk = data.slice(0, room);
    peer.recvBuf += chunk;
    this.countSegment(peer, chunk.length);
    peer.emit('readable');
    return chunk.length;
  }

  /**
   * read()/recv() without blocking: up to `max` bytes; '' at end of stream (peer closed its
   * side, or shutdown(read)); undefined when nothing is there yet (wait for 'readable').
   * ECONNRESET once after a reset; ENOTCONN when never connected. UDP: the next datagram.
   */
  tryRead(max = 65536): string | undefined {
    if (this.protocol === 'udp') {
      const d = this.tryRecvFrom();
      return d === undefined ? undefined : d.data.slice(0, max);
    }
    if (this.pendingError === 'ECONNRESET' && this.recvBuf.length === 0) {
      this.pendingError = 'EPIPE';
      throw new SyscallError('ECONNRESET');
    }
    if (this.recvBuf.length > 0) {
      const chunk = this.recvBuf.slice(0, Math.max(0, max));
      this.recvBuf = this.recvBuf.slice(chunk.length);
      this.peer()?.emit('writable');
      return chunk;
    }
    if (this.eof || this.readShut || this.pendingError !== undefined) return '';
    if (this.state === 'LISTEN' || (this.state === 'CLOSE' && this.peerId === undefined)) throw new SyscallError('ENOTCONN');
    return undefined;
  }

  /** Bytes (TCP) or datagrams (UDP) ready to read: the FIONREAD / readiness test. */
  get readable(): boolean {
    if (this.protocol === 'udp') return this.datagrams.length > 0;
    if (this.state === 'LISTEN') return this.acceptQueue.length > 0;
    return this.recvBuf.length > 0 || this.eof || this.readShut || this.pendingError !== undefined;
  }

  get writable(): boolean {
    if (this.protocol === 'udp') return true;
    const peer = this.peer();
    if (!peer || this.writeShut || this.pendingError) return true; // the write will fail at once
    return peer.recvBuf.length < TCP_RCVBUF;
  }

  /**
   * sendto() on a UDP socket: binds an ephemeral port first if needed, routes with the
   * context's source rules and delivers to the best-matching socket of the destination
   * machine. A datagram nobody listens for gets an ICMP port unreachable back (ECONNREFUSED
   * on the next operation of a connected socket). Returns the byte count.
   */
  sendTo(data: string, addr: Ip4, port: number): number {
    if (this.protocol !== 'udp') throw new SyscallError('EOPNOTSUPP');
    if (this.closed) throw new SyscallError('EBADF');
    if (this.pendingError) {
      const e = this.pendingError;
      this.pendingError = undefined;
      throw new SyscallError(e);
    }
    const out = this.stack.routeFor(addr, { ctx: this.ctx, src: this.localAddr || undefined, oif: this.bindDevice });
    if (!this.bound) this.autobind(0);
    const dgram: Datagram = { src: out.src, dst: out.dst, ttl: this.stack.sysctl.ipDefaultTtl, protocol: 'udp', length: UDP_OVERHEAD + data.length };
    const there = transmit(this.stack, dgram, out);
    if (there.kind !== 'delivered') return data.length;
    const target = there.stack.sockets.findUdp(dgram.dst, port, dgram.src, this.localPort);
    if (target) {
      if (!target.readShut) {
        target.datagrams.push({ data, from: { addr: dgram.src, port: this.localPort } });
        target.emit('readable');
      }
    } else if (this.state === 'ESTABLISHED') {
      this.pendingError = 'ECONNREFUSED';
    }
    return data.length;
  }

  /** recvfrom() without blocking: the next datagram and its sender, or undefined. */
  tryRecvFrom(): { data: string; from: { addr: Ip4; port: number } } | undefined {
    if (this.protocol !== 'udp') throw new SyscallError('EOPNOTSUPP');
    if (this.pendingError) {
      const e = this.pendingError;
      this.pendingError = undefined;
      throw new SyscallError(e);
    }
    return this.datagrams.shift();
  }

  /** shutdown(): 'write' sends FIN (the peer reads EOF), 'read' discards what comes next. */
  shutdown(how: 'read' | 'write' | 'both'): void {
    if (this.protocol === 'tcp' && this.state !== 'ESTABLISHED' && this.state !== 'CLOSE_WAIT' && this.state !== 'FIN_WAIT2') {
      throw new SyscallError('ENOTCONN');
    }
    if (how === 'read' || how === 'both') {
      this.readShut = true;
      this.emit('readable');
    }
    if ((how === 'write' || how === 'both') && !this.writeShut) this.sendFin();
  }

  private sendFin(): void {
    this.writeShut = true;
    if (this.protocol !== 'tcp') return;
    const peer = this.peer();
    if (this.state === 'ESTABLISHED') this.state = 'FIN_WAIT2';
    else if (this.state === 'CLOSE_WAIT') this.state = 'CLOSE'; // LAST_ACK, then the peer's ACK
    if (peer) {
      peer.eof = true;
      if (peer.state === 'ESTABLISHED') peer.state = 'CLOSE_WAIT';
      else if (peer.state === 'FIN_WAIT2') peer.enterTimeWait();
      peer.emit('readable');
    }
    if (this.state === 'CLOSE') this.table.release(this);
    this.emit('writable');
  }

  /** @internal */
  enterTimeWait(): void {
    this.state = 'TIME_WAIT';
    this.timeWaitUntil = this.stack.now() + this.stack.sysctl.tcpTimeWaitMs;
  }

  /**
   * close(): a listener resets its unaccepted connections; a connection with unread data sends
   * RST (the peer gets ECONNRESET), otherwise FIN; the socket then lingers in FIN_WAIT2 or
   * TIME_WAIT (60 s) for netstat, as on Linux.
   */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.protocol === 'udp' || this.state === 'CLOSE' || this.state === 'LISTEN') {
      for (const id of this.acceptQueue) {
        const child = this.table.byId(id);
        if (child) {
          child.peer()?.reset(true);
          child.closed = true;
          this.table.release(child);
        }
      }
      this.acceptQueue = [];
      this.state = 'CLOSE';
      this.table.release(this);
      this.emit('closed');
      return;
    }
    const peer = this.peer();
    if (this.recvBuf.length > 0 || this.pendingError === 'ECONNRESET') {
      if (peer && this.pendingError !== 'ECONNRESET') peer.reset(true);
      this.state = 'CLOSE';
      this.table.release(this);
    } else if (!this.writeShut) {
      this.sendFin();
    }
    // An orphaned FIN_WAIT2 gives up after tcp_fin_timeout (60 s, like TIME_WAIT).
    if (this.state === 'FIN_WAIT2') this.timeWaitUntil = this.stack.now() + this.stack.sysctl.tcpTimeWaitMs;
    this.emit('closed');
  }

  /** @internal a RST arrived (or, with notify false, we are the one dropping the connection). */
  reset(notify: boolean): void {
    if (notify) this.pendingError = 'ECONNRESET';
    this.state = 'CLOSE';
    this.peerId = notify ? this.peerId : undefined;
    if (this.closed) this.table.release(this);
    if (notify) {
      this.emit('readable');
      this.emit('writable');
    }
  }

  private countSegment(peer: Socket, bytes: number): void {
    // Counters only (the route was walked at connect time): bytes on each end's output device.
    const out = this.stack.fibLookup(peer.localAddr);
    const link = out?.type === 'local' ? this.stack.loopback : out?.dev !== undefined ? this.stack.linkByIndex(out.dev) : undefined;
    link?.countTx(bytes + TCP_OVERHEAD + 14);
    const back = peer.stack.fibLookup(this.localAddr);
    const rx = peer.stack === this.stack ? undefined : back?.dev !== undefined ? peer.stack.linkByIndex(back.dev) : undefined;
    if (out?.type === 'local') link?.countRx(bytes + TCP_OVERHEAD + 14);
    else rx?.countRx(bytes + TCP_OVERHEAD + 14);
  }

  info(): SocketInfo {
    const udp = this.protocol === 'udp';
    return {
      id: this.id,
      protocol: this.protocol,
      localAddr: this.localAddr,
      localPort: this.localPort,
      remoteAddr: this.remoteAddr,
      remotePort: this.remotePort,
      state: udp ? (this.state === 'ESTABLISHED' ? 'ESTABLISHED' : 'CLOSE') : this.state,
      recvQ: udp ? this.datagrams.reduce((n, d) => n + d.data.length, 0) : this.state === 'LISTEN' ? this.acceptQueue.length : this.recvBuf.length,
      sendQ: 0,
      owner: this.owner,
      nid: this.ctx?.nid,
    };
  }

  /** @internal */
  snapshot(): SocketSnapshot {
    return {
      id: this.id,
      protocol: this.protocol,
      ...(this.ctx ? { ctx: this.ctx.snapshot() } : {}),
      ...(this.owner ? { owner: { ...this.owner } } : {}),
      reuseAddr: this.reuseAddr,
      ...(this.bindDevice !== undefined ? { bindDevice: this.bindDevice } : {}),
      localAddr: this.localAddr,
      localPort: this.localPort,
      remoteAddr: this.remoteAddr,
      remotePort: this.remotePort,
      state: this.state,
      bound: this.bound,
      autobound: this.autobound,
      backlog: this.backlog,
      acceptQueue: [...this.acceptQueue],
      recvBuf: this.recvBuf,
      datagrams: this.datagrams.map((d) => ({ data: d.data, from: { ...d.from } })),
      ...(this.peerId !== undefined ? { peerId: this.peerId } : {}),
      eof: this.eof,
      writeShut: this.writeShut,
      readShut: this.readShut,
      closed: this.closed,
      ...(this.pendingError ? { pendingError: this.pendingError } : {}),
      ...(this.timeWaitUntil !== undefined ? { timeWaitUntil: this.timeWaitUntil } : {}),
    };
  }
}

export interface SocketSnapshot {
  id: number;
  protocol: SocketProtocol;
  /** The context as it was (restored from the stack's registry when the nid is registered there). */
  ctx?: NetContextSnapshot;
  owner?: SocketOwner;
  reuseAddr: boolean;
  bindDevice?: string;
  localAddr: Ip4;
  localPort: number;
  remoteAddr: Ip4;
  remotePort: number;
  state: TcpState;
  bound: boolean;
  autobound: boolean;
  backlog: number;
  acceptQueue: number[];
  recvBuf: string;
  datagrams: Datagram4[];
  peerId?: number;
  eof: boolean;
  writeShut: boolean;
  readShut: boolean;
  closed: boolean;
  pendingError?: ErrnoName;
  timeWaitUntil?: number;
}

/** The sockets of one machine. */
export class SocketTable {
  private readonly entries: Socket[] = [];
  private cursor: number | undefined;

  constructor(readonly stack: NetStack) {}

  /** socket(AF_INET, SOCK_STREAM|SOCK_DGRAM). `ctx` is the creating process's network context. */
  create(protocol: SocketProtocol, opts: { ctx?: NetContext | undefined; owner?: SocketOwner | undefined } = {}): Socket {
    const s = new Socket(this.stack.network.nextSocketId(), protocol, this.stack, opts.ctx);
    s.owner = opts.owner;
    this.entries.push(s);
    this.stack.network.registerSocket(s);
    return s;
  }

  /** Every live socket (expired TIME_WAIT entries are purged first). */
  all(): readonly Socket[] {
    this.purge();
    return this.entries;
  }

  byId(id: number): Socket | undefined {
    return this.entries.find((s) => s.id === id);
  }

  /**
   * The listing behind `netstat -tuanp` / `ss`: one entry per socket, host sockets and guest
   * sockets alike unless `nid` restricts it to one network context (vserver hides other
   * contexts' sockets from /proc/net/tcp; which contexts a viewer may see is the kernel's call).
   */
  list(filter: { protocol?: SocketProtocol; nid?: number | undefined; listening?: boolean } = {}): SocketInfo[] {
    return this.all()
      .filter((s) => s.bound || s.state !== 'CLOSE')
      .filter((s) => filter.protocol === undefined || s.protocol === filter.protocol)
      .filter((s) => !('nid' in filter) || s.ctx?.nid === filter.nid)
      .filter((s) => filter.listening === undefined || (s.protocol === 'tcp' ? s.state === 'LISTEN' : s.state !== 'ESTABLISHED') === filter.listening)
      .map((s) => s.info());
  }

  /** @internal */
  release(s: Socket): void {
    const i = this.entries.indexOf(s);
    if (i >= 0) this.entries.splice(i, 1);
    this.stack.network.unregisterSocket(s);
  }

  private purge(): void {
    const now = this.stack.now();
    for (const s of [...this.entries]) {
      const lingering = s.state === 'TIME_WAIT' || (s.closed && s.state === 'FIN_WAIT2');
      if (lingering && s.timeWaitUntil !== undefined && now >= s.timeWaitUntil) this.release(s);
    }
  }

  /** @internal: does binding `s` to addr:port clash with another socket (inet_csk_bind_conflict + nx_addr_conflict)? */
  conflicts(s: Socket, addr: Ip4, port: number): boolean {
    this.purge();
    for (const o of this.entries) {
      if (o === s || o.protocol !== s.protocol || !o.bound || o.localPort !== port) continue;
      if (s.protocol === 'tcp') {
        if (o.state === 'TIME_WAIT') {
          if (s.reuseAddr) continue;
        } else if (s.reuseAddr && o.reuseAddr && o.state !== 'LISTEN') continue;
      } else if (s.reuseAddr && o.reuseAddr) continue;
      if (addressesOverlap(s, addr, o)) return true;
    }
    return false;
  }

  /** @internal an unused port of ip_local_port_range, from a per-machine starting point. */
  ephemeralPort(s: Socket, addr: Ip4): number {
    const [low, high] = this.stack.sysctl.localPortRange;
    const span = high - low + 1;
    if (this.cursor === undefined) this.cursor = fnv1a(this.stack.name) % span;
    for (let i = 0; i < span; i++) {
      const port = low + ((this.cursor + i) % span);
      if (!this.conflicts(s, addr, port)) {
        this.cursor = (this.cursor + i + 1) % span;
        return port;
      }
    }
    throw new SyscallError('EADDRINUSE', 'no ephemeral port left');
  }

  /** @internal the listener a SYN to addr:port reaches: an exact address first, then "any" (filtered by context). */
  findListener(addr: Ip4, port: number): Socket | undefined {
    let any: Socket | undefined;
    for (const s of this.entries) {
      if (s.protocol !== 'tcp' || s.state !== 'LISTEN' || s.localPort !== port || s.closed) continue;
      if (s.localAddr === addr) return s;
      if (s.localAddr === 0 && covers(s, addr) && !any) any = s;
    }
    return any;
  }

  /** @internal __udp4_lib_lookup: the best-scoring UDP socket for a datagram. */
  findUdp(dst: Ip4, port: number, src: Ip4, srcPort: number): Socket | undefined {
    let best: Socket | undefined;
    let bestScore = -1;
    for (const s of this.entries) {
      if (s.protocol !== 'udp' || !s.bound || s.closed || s.localPort !== port) continue;
      let score = 1;
      if (s.localAddr) {
        if (s.localAddr !== dst) continue;
        score += 2;
      } else if (!covers(s, dst)) continue;
      if (s.state === 'ESTABLISHED') {
        if (s.remoteAddr !== src || s.remotePort !== srcPort) continue;
        score += 4;
      }
      if (score > bestScore) {
        best = s;
        bestScore = score;
      }
    }
    return best;
  }

  /** @internal */
  restoreSocket(snap: SocketSnapshot): Socket {
    const ctx = snap.ctx ? (this.stack.context(snap.ctx.nid) ?? NetContext.restore(snap.ctx)) : undefined;
    const s = new Socket(snap.id, snap.protocol, this.stack, ctx);
    s.owner = snap.owner ? { ...snap.owner } : undefined;
    s.reuseAddr = snap.reuseAddr;
    s.bindDevice = snap.bindDevice;
    s.localAddr = snap.localAddr;
    s.localPort = snap.localPort;
    s.remoteAddr = snap.remoteAddr;
    s.remotePort = snap.remotePort;
    s.state = snap.state;
    s.bound = snap.bound;
    s.autobound = snap.autobound;
    s.backlog = snap.backlog;
    s.acceptQueue = [...snap.acceptQueue];
    s.recvBuf = snap.recvBuf;
    s.datagrams = snap.datagrams.map((d) => ({ data: d.data, from: { ...d.from } }));
    s.peerId = snap.peerId;
    s.eof = snap.eof;
    s.writeShut = snap.writeShut;
    s.readShut = snap.readShut;
    s.closed = snap.closed;
    s.pendingError = snap.pendingError;
    s.timeWaitUntil = snap.timeWaitUntil;
    this.entries.push(s);
    this.stack.network.registerSocket(s);
    return s;
  }

  /** @internal */
  exportState(): { cursor: number | undefined; sockets: SocketSnapshot[] } {
    return { cursor: this.cursor, sockets: this.entries.map((s) => s.snapshot()) };
  }

  /** @internal */
  importState(state: { cursor: number | undefined; sockets: SocketSnapshot[] }): void {
    for (const s of [...this.entries]) this.release(s);
    this.cursor = state.cursor;
    for (const snap of state.sockets) this.restoreSocket(snap);
  }
}

/** Whether a socket bound to "any" receives for `addr` (a context only gets its own addresses). */
function covers(s: Socket, addr: Ip4): boolean {
  const ctx = s.ctx;
  if (!ctx || ctx.unrestricted || !ctx.primary) return true;
  return ctx.has(addr);
}

/** nx_addr_conflict: does `s` bound to `addr` overlap the addresses `o` listens on? */
function addressesOverlap(s: Socket, addr: Ip4, o: Socket): boolean {
  const coveredByO = (a: Ip4): boolean => (o.localAddr ? o.localAddr === a : covers(o, a));
  if (addr) return coveredByO(addr);
  const ctx = s.ctx;
  if (ctx && !ctx.unrestricted && ctx.primary) return ctx.addresses.some((e) => coveredByO(e.ip));
  return true;
}
