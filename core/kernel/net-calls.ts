/**
 * The network system calls as a program sees them, bound to its task: sockets as descriptors
 * (socket, bind, listen, accept, connect, shutdown, sendto/recvfrom, poll), the raw ICMP socket
 * ping needs, and the machine's network state for the configuration tools (ip, ifconfig, route).
 * Implemented by the machine (core/world/socket-calls.ts) over the network model (core/net).
 * Every failure is a SyscallError with the errno Linux returns.
 *
 * A socket descriptor is an ordinary descriptor: read(2)/write(2)/close(2) go through Process,
 * it is inherited by fork() and shared after dup(), exactly like a pipe.
 */
import type { NetContext, NetContextInit, NetStack, NetView, NxAddr, NxCap, NxFlag } from '../net/index.js';
import type { Ip4, OutputRoute, PingRequest, PingSession, SocketInfo } from '../net/index.js';

export type SocketKind = 'tcp' | 'udp';

export interface SockAddr {
  address: Ip4;
  port: number;
}

/** A socket as `netstat -p` shows it: the model's record and who holds it. */
export interface SocketListing extends SocketInfo {
  /** "1234/sshd", or undefined ("-") when no process could be identified or may be shown. */
  program: string | undefined;
}

export interface NetCalls {
  /** The machine's network stack (read it for displays; change it only through admin()). */
  readonly stack: NetStack;
  /** The caller's network context (Linux-VServer nid); undefined for the host, unrestricted. */
  readonly context: NetContext | undefined;
  /** What the caller may see of interfaces and addresses (hide_netif), for the formatters. */
  readonly view: NetView;

  /** The stack, for a configuration change (rtnetlink, SIOCS* ioctls): EPERM without CAP_NET_ADMIN. */
  admin(): NetStack;

  /** socket(AF_INET, SOCK_STREAM | SOCK_DGRAM, 0): a new descriptor. */
  socket(kind: SocketKind): number;
  /** bind(): EADDRNOTAVAIL, EACCES (port < 1024 without CAP_NET_BIND_SERVICE), EADDRINUSE, EINVAL. */
  bind(fd: number, address: Ip4, port: number): void;
  listen(fd: number, backlog?: number): void;
  /** accept(): blocks until a connection arrives; the new descriptor and the peer's address. */
  accept(fd: number): Promise<{ fd: number; peer: SockAddr }>;
  /**
   * connect(): blocks on the simulated clock for as long as the handshake takes; ETIMEDOUT after
   * `timeoutMs` if given and the answer takes longer (an alarm interrupting connect, as nc -w).
   */
  connect(fd: number, address: Ip4, port: number, timeoutMs?: number): Promise<void>;
  shutdown(fd: number, how: 'read' | 'write' | 'both'): void;
  getsockname(fd: number): SockAddr;
  /** ENOTCONN when not connected. */
  getpeername(fd: number): SockAddr;
  setsockopt(fd: number, option: 'reuseaddr', value: boolean): void;
  setsockopt(fd: number, option: 'bindtodevice', value: string | undefined): void;
  /** UDP sendto(): the byte count. */
  sendto(fd: number, data: string, address: Ip4, port: number): number;
  /** UDP recvfrom(): blocks until a datagram arrives. */
  recvfrom(fd: number, max?: number): Promise<{ data: string; from: SockAddr }>;
  /**
   * poll() for input: resolves with the descriptors among `fds` that can be read without
   * blocking (data, end of file, a connection to accept), or [] after `timeoutMs` (simulated).
   * Works on sockets, pipes and terminals; other files count as always readable.
   */
  poll(fds: readonly number[], timeoutMs?: number): Promise<number[]>;

  /** The route a packet of this process to `dst` would take (connect() on a UDP socket): ENETUNREACH… */
  route(dst: Ip4, options?: { src?: Ip4; device?: string }): OutputRoute;
  /**
   * socket(AF_INET, SOCK_RAW, IPPROTO_ICMP): EPERM without CAP_NET_RAW (or the network context's
   * raw_icmp capability). Checked separately from sending, as iputils does.
   */
  openRawIcmp(): void;
  /** Prepare echo requests from this process (its network context applies). See core/net/icmp.ts. */
  preparePing(request: Omit<PingRequest, 'ctx'>): PingSession;

  /** The sockets this process may see (its own network context, or all from the host), with owners. */
  sockets(filter?: { protocol?: SocketKind }): SocketListing[];

  // ----- Linux-VServer network contexts (nid) ---------------------------------------------------

  /**
   * vc_set_ipv4root (era-B `chbind`): move the caller into a new network context holding exactly
   * these addresses; returns its nid. EINVAL past 16 entries; EPERM for a restricted caller asking
   * for addresses it does not have (without CAP_NET_ADMIN), or an unrestricted one without CAP_NET_ADMIN.
   */
  setIpv4root(addresses: readonly NxAddr[], broadcast?: Ip4): number;
  /** vc_net_create: create a network context (undefined = a dynamic nid) and enter it. EEXIST, EPERM. */
  createNetContext(nid: number | undefined, init?: NetContextInit): number;
  /** vc_net_migrate: enter an existing network context. ESRCH, EPERM. */
  migrateNetContext(nid: number): void;
  /** The network contexts the caller may see (all from the host, its own from a guest). */
  netContexts(): number[];
  /** One network context (ESRCH when missing or not the caller's). */
  netContext(nid: number): NetContext;
  /** vc_net_add / vc_net_remove: change a context's addresses (host only, CAP_NET_ADMIN). */
  addNetAddresses(nid: number, addresses: readonly NxAddr[]): void;
  removeNetAddresses(nid: number, addresses: readonly Ip4[]): void;
  /** vc_set_nflags / vc_set_ncaps (host only, CAP_NET_ADMIN; state flags only clear). */
  setNetFlags(nid: number, set: readonly NxFlag[], clear: readonly NxFlag[]): void;
  setNetCaps(nid: number, set: readonly NxCap[], clear: readonly NxCap[]): void;
}
