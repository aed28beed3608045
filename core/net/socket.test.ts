import { describe, expect, it } from 'vitest';
import { SyscallError, type ErrnoName } from '../kernel/errno.js';
import { NetContext, type NxFlag } from './context.js';
import { formatIp4, ip4 } from './ip4.js';
import { SECOND_HOST, SEED_HOST, seedLan } from './preset.js';
import { isPrivilegedPort, TCP_RCVBUF, type Socket, type SocketEvent } from './socket.js';
import type { NetStack } from './stack.js';

function lan() {
  const clock = { t: 0 };
  const net = seedLan({ secondHost: true, now: () => clock.t });
  const host = net.stack(SEED_HOST)!;
  host.addAddress('eth0', { local: ip4('10.0.0.1'), label: 'eth0:XX' });
  host.addAddress('eth0', { local: ip4('10.0.0.2'), label: 'eth0:YY' });
  return { net, clock, host, other: net.stack(SECOND_HOST)! };
}

function ctxOf(host: NetStack, ips: string[], flags: NxFlag[] = []): NetContext {
  return host.createContext(undefined, { addresses: ips.map((ip) => ({ ip: ip4(ip), mask: ip4('255.255.255.0') })), flags });
}

function errnoOf(fn: () => unknown): ErrnoName | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof SyscallError) return e.code;
    throw e;
  }
  return undefined;
}

const where = (s: Socket): string => `${formatIp4(s.localAddr)}:${s.localPort}`;

describe('bind', () => {
  it.each([
    // [context, flags, address, errno or the resulting local address]
    ['host', [], '0.0.0.0', '0.0.0.0:80'],
    ['host', [], '192.168.1.128', '192.168.1.128:80'],
    ['host', [], '127.0.0.1', '127.0.0.1:80'],
    ['host', [], '192.168.1.255', '192.168.1.255:80'],
    ['host', [], '10.9.9.9', 'EADDRNOTAVAIL'],
    ['host', [], '255.255.255.255', '255.255.255.255:80'],
    ['10.0.0.1', [], '10.0.0.1', '10.0.0.1:80'],
    ['10.0.0.1', [], '0.0.0.0', '0.0.0.0:80'],
    ['10.0.0.1', ['single_ip'], '0.0.0.0', '10.0.0.1:80'],
    ['10.0.0.1', [], '192.168.1.128', 'EADDRNOTAVAIL'],
    ['10.0.0.1', [], '127.0.0.1', 'EADDRNOTAVAIL'],
    ['10.0.0.1', [], '10.0.0.2', 'EADDRNOTAVAIL'],
    ['10.9.9.9', [], '10.9.9.9', 'EADDRNOTAVAIL'],
  ] as const)('in %s %j, bind %s → %s', (who, flags, addr, expected) => {
    const { host } = lan();
    const ctx = who === 'host' ? undefined : ctxOf(host, [who], [...flags]);
    const s = host.sockets.create('tcp', { ctx });
    const errno = errnoOf(() => s.bind(ip4(addr), 80));
    expect(errno ?? where(s)).toBe(expected);
  });

  it.each([
    // [first socket (context list or host, address), second socket, conflict?]
    [['host', '0.0.0.0'], ['host', '192.168.1.128'], true],
    [['host', '192.168.1.128'], ['host', '10.0.0.1'], false],
    [['host', '0.0.0.0'], ['10.0.0.1', '0.0.0.0'], true],
    // why the seed says: configure the host's services not to bind ANY
    [['host', '0.0.0.0'], ['10.0.0.1', '10.0.0.1'], true],
    [['10.0.0.1', '0.0.0.0'], ['10.0.0.2', '0.0.0.0'], false],
    [['10.0.0.1', '0.0.0.0'], ['10.0.0.1', '10.0.0.1'], true],
    [['10.0.0.1', '0.0.0.0'], ['host', '192.168.1.128'], false],
    [['10.0.0.1', '0.0.0.0'], ['host', '0.0.0.0'], true],
  ] as const)('%j then %j on the same port: conflict %s', (a, b, conflict) => {
    const { host } = lan();
    const mk = ([who, addr]: readonly [string, string]): Socket => {
      const s = host.sockets.create('tcp', { ctx: who === 'host' ? undefined : ctxOf(host, [who]) });
      s.bind(ip4(addr), 8080);
      return s;
    };
    mk(a).listen();
    expect(errnoOf(() => mk(b))).toBe(conflict ? 'EADDRINUSE' : undefined);
  });

  it('EINVAL when bound twice; the port is exposed for the caller’s CAP_NET_BIND_SERVICE check', () => {
    const { host } = lan();
    const s = host.sockets.create('tcp');
    s.bind(0, 22);
    expect(errnoOf(() => s.bind(0, 23))).toBe('EINVAL');
    expect([isPrivilegedPort(22), isPrivilegedPort(1024), isPrivilegedPort(0)]).toEqual([true, false, false]);
  });

  it('ephemeral ports come from ip_local_port_range, deterministically', () => {
    const a = lan().host.sockets.create('udp');
    const b = lan().host.sockets.create('udp');
    a.bind(0, 0);
    b.bind(0, 0);
    expect(a.localPort).toBe(b.localPort);
    expect(a.localPort).toBeGreaterThanOrEqual(32768);
    expect(a.localPort).toBeLessThanOrEqual(61000);
  });
});

describe('TCP', () => {
  function server(stack: NetStack, port: number, opts: { ctx?: NetContext; addr?: string } = {}): Socket {
    const s = stack.sockets.create('tcp', { ctx: opts.ctx, owner: { pid: 1234, program: 'sshd' } });
    s.bind(ip4(opts.addr ?? '0.0.0.0'), port);
    s.listen(5);
    return s;
  }

  it('connect, accept, data both ways, half-close, close', () => {
    const { host, other } = lan();
    const srv = server(other, 22);
    const events: string[] = [];
    srv.onEvent((e) => events.push(`srv:${e}`));
    const cli = host.sockets.create('tcp');
    cli.onEvent((e) => events.push(`cli:${e}`));
    const r = cli.connect(ip4('192.168.1.129'), 22);
    expect(r.error).toBeUndefined();
    expect(r.delayUs).toBeGreaterThan(0);
    expect(events).toEqual(['srv:acceptable', 'cli:connected', 'cli:writable']);
    expect(where(cli)).toMatch(/^192\.168\.1\.128:\d+$/);
    const conn = srv.tryAccept()!;
    expect(srv.tryAccept()).toBeUndefined();
    expect([where(conn), `${formatIp4(conn.remoteAddr)}:${conn.remotePort}`]).toEqual(['192.168.1.129:22', where(cli)]);
    expect(cli.tryRead()).toBeUndefined();
    expect(cli.write('hello\n')).toBe(6);
    expect(conn.tryRead()).toBe('hello\n');
    expect(conn.write('SSH-2.0-OpenSSH_4.3\r\n')).toBe(21);
    expect(cli.tryRead(3)).toBe('SSH');
    expect(cli.tryRead()).toBe('-2.0-OpenSSH_4.3\r\n');
    cli.shutdown('write');
    expect(conn.tryRead()).toBe(''); // EOF
    expect(conn.state).toBe('CLOSE_WAIT');
    expect(cli.state).toBe('FIN_WAIT2');
    expect(conn.write('bye')).toBe(3); // half-close: the other way still works
    expect(cli.tryRead()).toBe('bye');
    expect(errnoOf(() => cli.write('x'))).toBe('EPIPE');
    conn.close();
    expect(cli.state).toBe('TIME_WAIT');
    expect(cli.tryRead()).toBe('');
    cli.close();
  });

  it('ECONNREFUSED after a round trip when nobody listens', () => {
    const { host } = lan();
    const r = host.sockets.create('tcp').connect(ip4('192.168.1.129'), 80);
    expect(r.error).toBe('ECONNREFUSED');
    expect(r.delayUs).toBeLessThan(1000);
  });

  it('EHOSTUNREACH after 3 s when the host is off; ETIMEDOUT (189 s) into the offline Internet', () => {
    const { host, other } = lan();
    other.powered = false;
    expect(host.sockets.create('tcp').connect(ip4('192.168.1.129'), 22)).toEqual({ error: 'EHOSTUNREACH', delayUs: 3_000_015 });
    expect(host.sockets.create('tcp').connect(ip4('8.8.8.8'), 80)).toEqual({ error: 'ETIMEDOUT', delayUs: 189_000_000 });
  });

  it('ENETUNREACH at once without a route', () => {
    const { host } = lan();
    host.deleteRoute({ dst: 0, prefixLen: 0 });
    expect(errnoOf(() => host.sockets.create('tcp').connect(ip4('8.8.8.8'), 80))).toBe('ENETUNREACH');
  });

  it('a failed connect releases the implicit port; a second connect on a connected socket is EISCONN', () => {
    const { host, other } = lan();
    server(other, 22);
    const s = host.sockets.create('tcp');
    expect(s.connect(ip4('192.168.1.129'), 23).error).toBe('ECONNREFUSED');
    expect([s.localAddr, s.localPort]).toEqual([0, 0]);
    expect(s.connect(ip4('192.168.1.129'), 22).error).toBeUndefined();
    expect(errnoOf(() => s.connect(ip4('192.168.1.129'), 22))).toBe('EISCONN');
  });

  it('a guest listener on 0.0.0.0 only gets connections for the guest’s addresses', () => {
    const { host, other } = lan();
    const guest = ctxOf(host, ['10.0.0.1']);
    server(host, 80, { ctx: guest });
    other.addRoute({ dst: ip4('10.0.0.0'), prefixLen: 24, gateway: ip4('192.168.1.128') });
    expect(other.sockets.create('tcp').connect(ip4('10.0.0.1'), 80).error).toBeUndefined();
    expect(other.sockets.create('tcp').connect(ip4('192.168.1.128'), 80).error).toBe('ECONNREFUSED');
    expect(other.sockets.create('tcp').connect(ip4('10.0.0.2'), 80).error).toBe('ECONNREFUSED');
  });

  it('inside a context, connections come from the context address and 127.0.0.1 means that address', () => {
    const { host } = lan();
    const guest = ctxOf(host, ['10.0.0.1']);
    const srv = server(host, 25, { ctx: guest });
    const cli = host.sockets.create('tcp', { ctx: guest });
    expect(cli.connect(ip4('127.0.0.1'), 25).error).toBeUndefined();
    expect([where(cli).split(':')[0], formatIp4(cli.remoteAddr)]).toEqual(['10.0.0.1', '10.0.0.1']);
    expect(srv.tryAccept()).toBeDefined();
  });

  it('the chbound shell cannot reach the gateway: the SYN-ACK goes upstream (ETIMEDOUT)', () => {
    const { net, host } = lan();
    const gwServer = net.stack('gateway')!.sockets.create('tcp');
    gwServer.bind(0, 80);
    gwServer.listen();
    const guest = ctxOf(host, ['10.0.0.1']);
    expect(host.sockets.create('tcp', { ctx: guest }).connect(ip4('192.168.1.1'), 80).error).toBe('ETIMEDOUT');
    expect(host.sockets.create('tcp').connect(ip4('192.168.1.1'), 80).error).toBeUndefined();
  });

  it('close with unread data resets the peer; writing to a closed peer: once fine, then EPIPE', () => {
    const { host, other } = lan();
    const srv = server(other, 22);
    const a = host.sockets.create('tcp');
    a.connect(ip4('192.168.1.129'), 22);
    const b = srv.tryAccept()!;
    a.write('unread');
    b.close();
    expect(errnoOf(() => a.tryRead())).toBe('ECONNRESET');
    expect(a.tryRead()).toBe('');
    expect(errnoOf(() => a.write('x'))).toBe('EPIPE');

    const c = host.sockets.create('tcp');
    c.connect(ip4('192.168.1.129'), 22);
    const d = srv.tryAccept()!;
    d.close();
    expect(c.tryRead()).toBe('');
    expect(c.write('late')).toBe(4);
    expect(errnoOf(() => c.write('later'))).toBe('EPIPE');
  });

  it('flow control: a full receive buffer gives EAGAIN until the reader drains it', () => {
    const { host, other } = lan();
    const srv = server(other, 9);
    const a = host.sockets.create('tcp');
    a.connect(ip4('192.168.1.129'), 9);
    const b = srv.tryAccept()!;
    const big = 'x'.repeat(TCP_RCVBUF + 10);
    expect(a.write(big)).toBe(TCP_RCVBUF);
    expect(a.writable).toBe(false);
    expect(errnoOf(() => a.write('y'))).toBe('EAGAIN');
    const seen: SocketEvent[] = [];
    a.onEvent((e) => seen.push(e));
    expect(b.tryRead(1000)!.length).toBe(1000);
    expect(seen).toContain('writable');
    expect(a.write('y')).toBe(1);
  });

  it('closing a listener resets its unaccepted connections', () => {
    const { host, other } = lan();
    const srv = server(other, 22);
    const a = host.sockets.create('tcp');
    a.connect(ip4('192.168.1.129'), 22);
    srv.close();
    expect(errnoOf(() => a.tryRead())).toBe('ECONNRESET');
    expect(host.sockets.create('tcp').connect(ip4('192.168.1.129'), 22).error).toBe('ECONNREFUSED');
  });

  it('TIME_WAIT lingers 60 s and blocks a re-bind without SO_REUSEADDR', () => {
    const { host, other, clock } = lan();
    const srv = server(other, 22);
    const a = host.sockets.create('tcp');
    a.connect(ip4('192.168.1.129'), 22);
    const b = srv.tryAccept()!;
    srv.close();
    b.close(); // the server closes first: it is the one in TIME_WAIT
    a.close();
    expect(other.sockets.list({ protocol: 'tcp' }).map((i) => i.state)).toEqual(['TIME_WAIT']);
    const again = other.sockets.create('tcp');
    expect(errnoOf(() => again.bind(0, 22))).toBe('EADDRINUSE');
    const reuse = other.sockets.create('tcp');
    reuse.reuseAddr = true;
    reuse.bind(0, 22);
    clock.t += 60_000;
    expect(other.sockets.list({ protocol: 'tcp' }).map((i) => i.state)).toEqual(['CLOSE']);
    again.bind(0, 23);
  });

  it('the client closes first: FIN_WAIT2, EOF event at the server, TIME_WAIT after its close; orphans expire', () => {
    const { host, other, clock } = lan();
    const srv = server(other, 22);
    const a = host.sockets.create('tcp');
    a.connect(ip4('192.168.1.129'), 22);
    const b = srv.tryAccept()!;
    const seen: SocketEvent[] = [];
    b.onEvent((e) => seen.push(e));
    a.close();
    expect(seen).toEqual(['readable']);
    expect([a.state, b.state, b.tryRead()]).toEqual(['FIN_WAIT2', 'CLOSE_WAIT', '']);
    b.close();
    expect(a.state).toBe('TIME_WAIT');
    expect(other.sockets.list({ protocol: 'tcp', listening: false })).toEqual([]);
    clock.t += 60_000;
    expect(host.sockets.list()).toEqual([]);

    // an orphan in FIN_WAIT2 whose peer never closes goes away after 60 s too
    const c = host.sockets.create('tcp');
    c.connect(ip4('192.168.1.129'), 22);
    c.close();
    expect(host.sockets.list().map((i) => i.state)).toEqual(['FIN_WAIT2']);
    clock.t += 60_000;
    expect(host.sockets.list()).toEqual([]);
  });

  it('loopback connections on one machine count on lo', () => {
    const { host } = lan();
    server(host, 25, { addr: '127.0.0.1' });
    const lo = host.link('lo')!;
    const before = lo.stats.txPackets;
    const c = host.sockets.create('tcp');
    expect(c.connect(ip4('127.0.0.1'), 25)).toEqual({ delayUs: 30 });
    c.write('HELO');
    expect(lo.stats.txPackets).toBe(before + 3);
    expect(lo.stats.rxPackets).toBe(lo.stats.txPackets);
  });

  it('listen() on an unbound socket picks an ephemeral port; accept on a non-listener is EINVAL', () => {
    const { host } = lan();
    const s = host.sockets.create('tcp');
    s.listen();
    expect(s.localPort).toBeGreaterThanOrEqual(32768);
    expect(errnoOf(() => host.sockets.create('tcp').tryAccept())).toBe('EINVAL');
    expect(errnoOf(() => host.sockets.create('tcp').tryRead())).toBe('ENOTCONN');
    expect(errnoOf(() => host.sockets.create('tcp').write('x'))).toBe('ENOTCONN');
  });
});

describe('UDP', () => {
  it('datagrams between machines, with the sender address', () => {
    const { host, other } = lan();
    const srv = other.sockets.create('udp');
    srv.bind(0, 53);
    const cli = host.sockets.create('udp');
    expect(cli.sendTo('query', ip4('192.168.1.129'), 53)).toBe(5);
    const got = srv.tryRecvFrom()!;
    expect([got.data, formatIp4(got.from.addr), got.from.port]).toEqual(['query', '192.168.1.128', cli.localPort]);
    srv.sendTo('answer', got.from.addr, got.from.port);
    expect(cli.tryRead()).toBe('answer');
    expect(cli.tryRead()).toBeUndefined();
  });

  it('a connected socket learns ECONNREFUSED from a port unreachable', () => {
    const { host } = lan();
    const s = host.sockets.create('udp');
    s.connect(ip4('192.168.1.129'), 9999);
    expect(s.write('x')).toBe(1);
    expect(errnoOf(() => s.write('y'))).toBe('ECONNREFUSED');
    expect(s.write('z')).toBe(1);
  });

  it('a guest bound to 0.0.0.0 receives only for its addresses', () => {
    const { host, other } = lan();
    other.addRoute({ dst: ip4('10.0.0.0'), prefixLen: 24, gateway: ip4('192.168.1.128') });
    const g = host.sockets.create('udp', { ctx: ctxOf(host, ['10.0.0.1']) });
    g.bind(0, 514);
    const sender = other.sockets.create('udp');
    sender.sendTo('a', ip4('192.168.1.128'), 514);
    sender.sendTo('b', ip4('10.0.0.1'), 514);
    expect(g.tryRecvFrom()?.data).toBe('b');
    expect(g.tryRecvFrom()).toBeUndefined();
  });
});

describe('listing (netstat / ss)', () => {
  it('local and foreign endpoints, state, queues, owner, context', () => {
    const { host, other } = lan();
    const guest = ctxOf(host, ['10.0.0.1'], ['single_ip']);
    const sshd = host.sockets.create('tcp', { owner: { pid: 2001, program: 'sshd' } });
    sshd.bind(0, 22);
    sshd.listen();
    const apache = host.sockets.create('tcp', { ctx: guest, owner: { pid: 3001, program: 'apache2' } });
    apache.bind(0, 80);
    apache.listen();
    const cli = other.sockets.create('tcp');
    cli.connect(ip4('192.168.1.128'), 22);
    cli.write('abc');
    const rows = host.sockets.list().map((i) => [i.protocol, `${formatIp4(i.localAddr)}:${i.localPort}`, `${formatIp4(i.remoteAddr)}:${i.remotePort}`, i.state, i.recvQ, i.owner?.program, i.nid]);
    expect(rows).toEqual([
      ['tcp', '0.0.0.0:22', '0.0.0.0:0', 'LISTEN', 1, 'sshd', undefined],
      ['tcp', '10.0.0.1:80', '0.0.0.0:0', 'LISTEN', 0, 'apache2', guest.nid],
      ['tcp', '192.168.1.128:22', `192.168.1.129:${cli.localPort}`, 'ESTABLISHED', 3, 'sshd', undefined],
    ]);
    expect(host.sockets.list({ nid: guest.nid }).length).toBe(1);
  });
});
