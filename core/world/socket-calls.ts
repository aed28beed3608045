/**
 * Sockets as descriptors, and the other network calls of a task (core/kernel/net-calls.ts),
 * over the network model. A socket is an OpenFile whose ops read and write the model's Socket;
 * blocking calls wait on a queue woken by the socket's events (readable, writable, acceptable,
 * connected, closed), through task.waitOn, so signals interrupt them as in Linux.
 *
 * Permissions: ports below 1024 need CAP_NET_BIND_SERVICE (EACCES), raw ICMP needs CAP_NET_RAW
 * (EPERM) unless the network context has the raw_icmp capability or the VServer hook allows it
 * (WorldNetwork.contextAllowsRawIcmp), configuration needs CAP_NET_ADMIN (EPERM).
 */
import { hasCapability, type CapabilityName } from '../kernel/capabilities.js';
import { SyscallError } from '../kernel/errno.js';
import { O_NONBLOCK, O_RDWR, OpenFile, type FileOps } from '../kernel/file.js';
import type { NetCalls, SockAddr, SocketKind, SocketListing } from '../kernel/net-calls.js';
import { Pipe } from '../kernel/pipe.js';
import { SIG } from '../kernel/signals.js';
import type { Task } from '../kernel/task.js';
import { Tty } from '../kernel/tty.js';
import { WaitQueue } from '../kernel/wait-queue.js';
import {
  isMulticast,
  isPrivilegedPort,
  mayOpenRawIcmp,
  preparePing,
  type Ip4,
  type NetContext,
  type NetContextInit,
  type NxAddr,
  type NxCap,
  type NxFlag,
  type NetStack,
  type NetView,
  type OutputRoute,
  type PingRequest,
  type PingSession,
  type Socket,
  type SocketOwner,
} from '../net/index.js';
import type { MachineNetwork } from './network-host.js';

/** What a socket descriptor refers to. */
interface SocketHandle {
  readonly socket: Socket;
  /** Woken by every event of the socket. */
  readonly queue: WaitQueue;
  detach(): void;
}

const socketOps: FileOps = {
  kind: 'socket',
  async read(task, file, max) {
    const h = file.target as SocketHandle;
    for (;;) {
      const data = h.socket.tryRead(max);
      if (data !== undefined) return data;
      if (file.flags & O_NONBLOCK) throw new SyscallError('EAGAIN');
      await task.waitOn(h.queue, 'sk_wait_data');
    }
  },
  async write(task, file, data) {
    const h = file.target as SocketHandle;
    let written = 0;
    while (written < data.length) {
      try {
        written += h.socket.write(data.slice(written));
      } catch (e) {
        if (!(e instanceof SyscallError)) throw e;
        if (e.code === 'EPIPE') task.kernel.sendSignal(task, SIG.PIPE);
        if (e.code !== 'EAGAIN') throw e;
        if (file.flags & O_NONBLOCK) {
          if (written > 0) return written;
          throw e;
        }
        await task.waitOn(h.queue, 'sk_stream_wait_memory');
      }
    }
    return written;
  },
  release(file) {
    const h = file.target as SocketHandle;
    h.detach();
    h.socket.close();
  },
};

/** "socket:[N]" as /proc/PID/fd shows it (an inode number of sockfs). */
function socketInode(s: Socket): number {
  return 20000 + s.id;
}

function socketFile(socket: Socket): OpenFile {
  const queue = new WaitQueue();
  const detach = socket.onEvent(() => queue.wakeAll());
  const handle: SocketHandle = { socket, queue, detach };
  return new OpenFile(socketOps, O_RDWR, `socket:[${socketInode(socket)}]`, handle);
}

/** The model socket behind a descriptor of any task, if it is one (netstat -p, lab checks). */
export function socketOfFile(file: OpenFile): Socket | undefined {
  return file.ops === socketOps ? (file.target as SocketHandle).socket : undefined;
}

/** After a world restore: give a socket back to its owner as a descriptor (≥ 3). */
export function reattachSocket(task: Task, socket: Socket): void {
  try {
    task.fds.install(socketFile(socket), task.rlimits.nofile.soft, 3);
  } catch {
    socket.close();
  }
}

/** argv[0]'s base name, as netstat -p reads it from /proc/PID/cmdline. */
function programName(task: Task): string {
  const argv0 = task.argv[0] ?? task.comm;
  const slash = argv0.lastIndexOf('/');
  return (slash >= 0 ? argv0.slice(slash + 1) : argv0) || task.comm;
}

function ownerOf(task: Task): SocketOwner {
  return { pid: task.pid, program: programName(task), uid: task.cred.uid };
}

export class SocketCalls implements NetCalls {
  constructor(
    private readonly mn: MachineNetwork,
    private readonly task: Task,
  ) {}

  get stack(): NetStack {
    return this.mn.stack;
  }

  get context(): NetContext | undefined {
    return this.mn.contextOf(this.task);
  }

  get view(): NetView {
    return this.mn.viewOf(this.task);
  }

  private can(cap: CapabilityName): boolean {
    return hasCapability(this.task.cred.caps, cap);
  }

  admin(): NetStack {
    if (!this.can('NET_ADMIN')) throw new SyscallError('EPERM', 'CAP_NET_ADMIN');
    return this.stack;
  }

  // ----- descriptors ------------------------------------------------------------------------------

  private install(socket: Socket): number {
    try {
      return this.task.fds.install(socketFile(socket), this.task.rlimits.nofile.soft);
    } catch (e) {
      socket.close();
      throw e;
    }
  }

  private handle(fd: number): { socket: Socket; queue: WaitQueue; file: OpenFile } {
    const file = this.task.fds.get(fd);
    if (file.ops !== socketOps) throw new SyscallError('ENOTSOCK');
    const h = file.target as SocketHandle;
    return { socket: h.socket, queue: h.queue, file };
  }

  socket(kind: SocketKind): number {
    const s = this.stack.sockets.create(kind, { ctx: this.context, owner: ownerOf(this.task) });
    return this.install(s);
  }

  bind(fd: number, address: Ip4, port: number): void {
    const { socket } = this.handle(fd);
    const addr = address >>> 0;
    // inet_bind's order: the address first (EADDRNOTAVAIL), then the privileged port (EACCES).
    if (addr !== 0 && !socket.bound) {
      const ctx = this.context;
      const restricted = ctx && !ctx.unrestricted && ctx.primary !== undefined;
      if (restricted && !ctx.mayBind(addr)) throw new SyscallError('EADDRNOTAVAIL');
      if (!isMulticast(addr) && addr < 0xf0000000) {
        const r = this.stack.fibLookup(addr);
        if (!r || (r.type !== 'local' && r.type !== 'broadcast')) throw new SyscallError('EADDRNOTAVAIL');
      }
    }
    if (isPrivilegedPort(port) && !this.can('NET_BIND_SERVICE')) throw new SyscallError('EACCES');
    socket.bind(addr, port);
  }

  listen(fd: number, backlog?: number): void {
    this.handle(fd).socket.listen(backlog);
  }

  async accept(fd: number): Promise<{ fd: number; peer: SockAddr }> {
    const { socket, queue, file } = this.handle(fd);
    for (;;) {
      const child = socket.tryAccept();
      if (child) {
        child.owner = ownerOf(this.task);
        const newFd = this.install(child);
        return { fd: newFd, peer: { address: child.remoteAddr, port: child.remotePort } };
      }
      if (file.flags & O_NONBLOCK) throw new SyscallError('EAGAIN');
      await this.task.waitOn(queue, 'inet_csk_accept');
    }
  }

  async connect(fd: number, address: Ip4, port: number, timeoutMs?: number): Promise<void> {
    const { socket } = this.handle(fd);
    const result = socket.connect(address >>> 0, port);
    const delayMs = result.delayUs / 1000;
    if (timeoutMs !== undefined && timeoutMs > 0 && delayMs > timeoutMs) {
      await this.sleepMs(timeoutMs, 'inet_wait_for_connect');
      if (!result.error) socket.close();
      throw new SyscallError('ETIMEDOUT');
    }
    if (delayMs > 0) await this.sleepMs(delayMs, 'inet_wait_for_connect');
    if (result.error) throw new SyscallError(result.error);
  }

  shutdown(fd: number, how: 'read' | 'write' | 'both'): void {
    this.handle(fd).socket.shutdown(how);
  }

  getsockname(fd: number): SockAddr {
    const { socket } = this.handle(fd);
    return { address: socket.localAddr, port: socket.localPort };
  }

  getpeername(fd: number): SockAddr {
    const { socket } = this.handle(fd);
    if (socket.remotePort === 0 && socket.remoteAddr === 0) throw new SyscallError('ENOTCONN');
    return { address: socket.remoteAddr, port: socket.remotePort };
  }

  setsockopt(fd: number, option: 'reuseaddr' | 'bindtodevice', value: boolean | string | undefined): void {
    const { socket } = this.handle(fd);
    if (option === 'reuseaddr') socket.reuseAddr = value === true;
    else {
      if (!this.can('NET_RAW')) throw new SyscallError('EPERM', 'SO_BINDTODEVICE');
      if (typeof value === 'string' && value !== '') {
        if (!this.stack.link(value)) throw new SyscallError('ENODEV');
        socket.bindDevice = value;
      } else socket.bindDevice = undefined;
    }
  }

  sendto(fd: number, data: string, address: Ip4, port: number): number {
    return this.handle(fd).socket.sendTo(data, address >>> 0, port);
  }

  async recvfrom(fd: number, max = 65536): Promise<{ data: string; from: SockAddr }> {
    const { socket, queue, file } = this.handle(fd);
    for (;;) {
      const d = socket.tryRecvFrom();
      if (d) return { data: d.data.slice(0, max), from: { address: d.from.addr, port: d.from.port } };
      if (file.flags & O_NONBLOCK) throw new SyscallError('EAGAIN');
      await this.task.waitOn(queue, 'skb_recv_datagram');
    }
  }

  async poll(fds: readonly number[], timeoutMs?: number): Promise<number[]> {
    const files = fds.map((fd) => ({ fd, file: this.task.fds.get(fd) }));
    let timedOut = timeoutMs !== undefined && timeoutMs <= 0;
    const wake = new WaitQueue();
    const timer = timeoutMs !== undefined && timeoutMs > 0 ? this.task.kernel.clock.after(timeoutMs, () => ((timedOut = true), wake.wakeAll())) : undefined;
    try {
      for (;;) {
        const ready = files.filter((f) => readable(f.file)).map((f) => f.fd);
        if (ready.length > 0 || timedOut) return ready;
        const removers = files.map((f) => inputQueue(f.file)?.add(() => wake.wakeAll()));
        try {
          await this.task.waitOn(wake, 'do_select');
        } finally {
          for (const remove of removers) remove?.();
        }
      }
    } finally {
      timer?.cancel();
    }
  }

  // ----- routing and ICMP -----------------------------------------------------------------------

  route(dst: Ip4, options: { src?: Ip4; device?: string } = {}): OutputRoute {
    return this.stack.routeFor(dst >>> 0, { ctx: this.context, ...(options.src !== undefined ? { src: options.src } : {}), ...(options.device !== undefined ? { oif: options.device } : {}) });
  }

  openRawIcmp(): void {
    const allowed = mayOpenRawIcmp({ hasCapNetRaw: this.can('NET_RAW'), ctx: this.context, contextRawIcmp: this.mn.world.contextAllowsRawIcmp(this.task) });
    if (!allowed) throw new SyscallError('EPERM', 'raw socket');
  }

  preparePing(request: Omit<PingRequest, 'ctx'>): PingSession {
    return preparePing(this.stack, { ...request, ctx: this.context });
  }

  // ----- listing --------------------------------------------------------------------------------

  sockets(filter: { protocol?: SocketKind } = {}): SocketListing[] {
    const kernel = this.task.kernel;
    // Who holds each socket: the lowest pid with a descriptor on it (netstat scans /proc in pid order).
    const holders = new Map<number, Task>();
    const tasks = [...kernel.tasks.values()].filter((t) => t.alive).sort((a, b) => a.pid - b.pid);
    for (const t of tasks) {
      for (const fd of t.fds.openDescriptors()) {
        const s = socketOfFile(t.fds.get(fd));
        if (s && !holders.has(s.id)) holders.set(s.id, t);
      }
    }
    const viewer = this.task;
    const root = viewer.cred.euid === 0;
    return this.stack.sockets
      .list(filter.protocol ? { protocol: filter.protocol } : {})
      .filter((info) => this.mn.world.socketVisible(viewer, info))
      .map((info) => {
        let holder = holders.get(info.id);
        if (!holder && info.owner) {
          const t = kernel.tasks.get(info.owner.pid);
          if (t?.alive) holder = t;
        }
        const shown = holder && kernel.visibility(viewer, holder) && (root || holder.cred.uid === viewer.cred.uid);
        return { ...info, program: shown ? `${holder!.pid}/${programName(holder!)}` : undefined };
      });
  }

  // ----- helpers --------------------------------------------------------------------------------

  /** Sleep on the simulated clock, interruptible by signals (like Process.sleep). */
  private async sleepMs(ms: number, channel: string): Promise<void> {
    const queue = new WaitQueue();
    let done = false;
    const timer = this.task.kernel.clock.after(ms, () => {
      done = true;
      queue.wakeAll();
    });
    try {
      while (!done) await this.task.waitOn(queue, channel);
    } finally {
      timer.cancel();
    }
  }

  // ----- Linux-VServer network contexts ---------------------------------------------------------

  /** Network context administration: CAP_NET_ADMIN from the host's network context. */
  private requireNetHost(): void {
    if (!this.can('NET_ADMIN') || this.task.nid !== 0 && this.context !== undefined) throw new SyscallError('EPERM');
  }

  setIpv4root(addresses: readonly NxAddr[], broadcast?: Ip4): number {
    const current = this.context;
    if (!current && !this.can('NET_ADMIN')) throw new SyscallError('EPERM');
    const request = { addresses: [...addresses], ...(broadcast !== undefined ? { broadcast } : {}) };
    const ctx = this.stack.setIpv4root(current, request, { hasNetAdmin: this.can('NET_ADMIN') && !current });
    this.task.nid = ctx.nid;
    return ctx.nid;
  }

  createNetContext(nid: number | undefined, init: NetContextInit = {}): number {
    this.requireNetHost();
    if (nid !== undefined && (nid < 2 || nid > 65535)) throw new SyscallError('EINVAL');
    const ctx = this.stack.createContext(nid, init);
    this.task.nid = ctx.nid;
    return ctx.nid;
  }

  migrateNetContext(nid: number): void {
    this.requireNetHost();
    if (nid !== 0 && !this.stack.context(nid)) throw new SyscallError('ESRCH');
    this.task.nid = nid;
  }

  netContexts(): number[] {
    const all = [...this.stack.contexts.keys()].sort((a, b) => a - b);
    return this.context ? all.filter((n) => n === this.task.nid) : all;
  }

  netContext(nid: number): NetContext {
    const ctx = this.stack.context(nid);
    if (!ctx || (this.context && nid !== this.task.nid)) throw new SyscallError('ESRCH');
    return ctx;
  }

  addNetAddresses(nid: number, addresses: readonly NxAddr[]): void {
    this.requireNetHost();
    this.netContext(nid).addAddresses(addresses);
  }

  removeNetAddresses(nid: number, addresses: readonly Ip4[]): void {
    this.requireNetHost();
    this.netContext(nid).removeAddresses(addresses);
  }

  setNetFlags(nid: number, set: readonly NxFlag[], clear: readonly NxFlag[]): void {
    this.requireNetHost();
    const ctx = this.netContext(nid);
    for (const f of clear) ctx.flags.delete(f);
    for (const f of set) if (!f.startsWith('state_')) ctx.flags.add(f);
  }

  setNetCaps(nid: number, set: readonly NxCap[], clear: readonly NxCap[]): void {
    this.requireNetHost();
    const ctx = this.netContext(nid);
    for (const c of clear) ctx.ncaps.delete(c);
    for (const c of set) ctx.ncaps.add(c);
  }
}

/** Can a read on this file return without blocking (data, end of file, a pending connection)? */
function readable(file: OpenFile): boolean {
  if (file.ops === socketOps) return (file.target as SocketHandle).socket.readable;
  const t = file.target;
  if (t instanceof Pipe) return t.buffer.length > 0 || t.writers === 0;
  if (t instanceof Tty) return t.hasInput || t.hungUp;
  return true;
}

/** The queue woken when input arrives on this file (undefined: never blocks). */
function inputQueue(file: OpenFile): WaitQueue | undefined {
  if (file.ops === socketOps) return (file.target as SocketHandle).queue;
  const t = file.target;
  if (t instanceof Pipe) return t.readable;
  // The terminal's input queue is private to the tty; poll() is the one other reader of it.
  if (t instanceof Tty) return t['readable'];
  return undefined;
}
