/**
 * nc — netcat 1.10 (Hobbit's, RHEL 4's nc-1.10): `nc [-options] host port[s]` connects and
 * shovels stdin to the socket and the socket to stdout until the network side closes;
 * `nc -l -p port [-s addr]` waits for one connection and does the same. Messages come from
 * holler(), so only with -v, except the fatal ones (bail): `Can't grab 0.0.0.0:80 with bind :
 * Permission denied`. With -v a refused connection reads `(UNKNOWN) [10.0.0.9] 80 (?) :
 * Connection refused`. As in 1.10, the end of stdin does not close the connection: -w N closes
 * it after N idle seconds (twice) once stdin is done.
 */
import { SyscallError } from '../../kernel/errno.js';
import type { NetCalls, SocketKind } from '../../kernel/net-calls.js';
import { formatIp4, type Ip4 } from '../../net/index.js';
import type { OptionDef } from '../lib/getopt.js';
import { defineProgram } from '../registry.js';
import { inetAton, Resolver } from './lib/resolve.js';
import { runNetTool, ToolExit, type NetTool } from './lib/tool.js';

const HELP =
  '[v1.10]\n' +
  'connect to somewhere:\tnc [-options] hostname port[s] [ports] ... \n' +
  'listen for inbound:\tnc -l -p port [-options] [hostname] [port]\n' +
  'options:\n' +
  '\t-g gateway\t\tsource-routing hop point[s], up to 8\n' +
  '\t-G num\t\t\tsource-routing pointer: 4, 8, 12, ...\n' +
  '\t-h\t\t\tthis cruft\n' +
  '\t-i secs\t\t\tdelay interval for lines sent, ports scanned\n' +
  '\t-l\t\t\tlisten mode, for inbound connects\n' +
  '\t-n\t\t\tnumeric-only IP addresses, no DNS\n' +
  '\t-o file\t\t\thex dump of traffic\n' +
  '\t-p port\t\t\tlocal port number\n' +
  '\t-r\t\t\trandomize local and remote ports\n' +
  '\t-s addr\t\t\tlocal source address\n' +
  '\t-t\t\t\tanswer TELNET negotiation\n' +
  '\t-u\t\t\tUDP mode\n' +
  '\t-v\t\t\tverbose [use twice to be more verbose]\n' +
  '\t-w secs\t\t\ttimeout for connects and final net reads\n' +
  '\t-z\t\t\tzero-I/O mode [used for scanning]\n' +
  'port numbers can be individual or ranges: lo-hi [inclusive]\n';

const OPTIONS: OptionDef[] = [..."ahlnrtuvz"].map((short) => ({ short })).concat([..."egGiops" + 'w'].map((short) => ({ short, arg: 'required' as const })));

interface Host {
  name: string;
  address: Ip4;
}

class Netcat {
  verbose = 0;
  numeric = false;
  udp = false;
  zero = false;
  waitS = 0;
  intervalS = 0;
  localPort = 0;
  localAddr: Ip4 | undefined;
  readonly resolver: Resolver;

  constructor(
    readonly tool: NetTool,
    readonly net: NetCalls,
  ) {
    this.resolver = new Resolver(tool.proc);
  }

  get kind(): SocketKind {
    return this.udp ? 'udp' : 'tcp';
  }

  /** holler(): a message only with -v; `error` adds " : <strerror>" as perror(" ") does. */
  async holler(text: string, error?: SyscallError, force = false): Promise<void> {
    if (!this.verbose && !force) return;
    await this.tool.err(error ? `${text} : ${error.message}\n` : `${text}\n`);
  }

  /** bail(): holler even without -v, then exit 1. */
  async bail(text: string, error?: SyscallError): Promise<never> {
    await this.holler(text, error, true);
    throw new ToolExit(1);
  }

  /** gethostpoop(): a dotted quad (reverse lookup with -v, "(UNKNOWN)" otherwise) or a name. */
  async host(text: string): Promise<Host> {
    const numeric = inetAton(text);
    if (numeric === undefined) {
      if (this.numeric) return this.bail(`Can't parse ${text} as an IP address`);
      const entry = await this.resolver.byName(text);
      if (!entry) return this.bail(`${text}: forward host lookup failed: Unknown host`);
      return { name: entry.name, address: entry.address };
    }
    if (this.numeric || !this.verbose) return { name: '(UNKNOWN)', address: numeric };
    const name = await this.resolver.byAddress(numeric);
    if (!name) {
      await this.holler(`${text}: inverse host lookup failed: Unknown host`);
      return { name: '(UNKNOWN)', address: numeric };
    }
    return { name, address: numeric };
  }

  /** getportpoop(): a number or a service name; its name for messages ("?" when unknown). */
  async port(text: string): Promise<number> {
    if (/^\d+$/.test(text)) {
      const n = Number(text);
      return n > 0 && n <= 65535 ? n : 0;
    }
    if (this.numeric) return 0;
    return (await this.resolver.servicePort(text, this.kind)) ?? 0;
  }

  async portName(port: number): Promise<string> {
    if (this.numeric) return '?';
    return (await this.resolver.serviceName(port, this.kind)) ?? '?';
  }

  /** The socket, bound to -s/-p if given ("Can't grab 10.0.0.9:80 with bind : …"). */
  async socket(): Promise<number> {
    const fd = this.net.socket(this.kind);
    if (this.localAddr !== undefined || this.localPort) {
      const addr = this.localAddr ?? 0;
      try {
        this.net.bind(fd, addr, this.localPort);
      } catch (e) {
        if (!(e instanceof SyscallError)) throw e;
        this.tool.proc.close(fd);
        return this.bail(`Can't grab ${formatIp4(addr)}:${this.localPort} with bind`, e);
      }
    }
    return fd;
  }

  /** readwrite(): shovel until the network side closes. Returns the exit status. */
  async shovel(fd: number): Promise<number> {
    const proc = this.tool.proc;
    let stdinOpen = proc.isOpen(0);
    let netRetry = 2;
    for (;;) {
      const ready = await this.net.poll(stdinOpen ? [0, fd] : [fd], this.waitS > 0 ? this.waitS * 1000 : undefined);
      if (ready.length === 0) {
        if (!stdinOpen) netRetry--;
        if (netRetry <= 0) {
          if (this.verbose > 1) await this.holler('net timeout');
          proc.close(fd);
          return 0;
        }
        continue;
      }
      if (ready.includes(fd)) {
        let data: string;
        try {
          data = await proc.read(fd, 8192);
        } catch (e) {
          if (!(e instanceof SyscallError)) throw e;
          data = '';
        }
        if (data === '') {
          proc.close(fd);
          return 0;
        }
        await proc.write(1, data);
      }
      if (stdinOpen && ready.includes(0)) {
        const data = await proc.read(0, 8192);
        if (data === '') {
          stdinOpen = false;
          proc.close(0);
        } else {
          try {
            await proc.write(fd, data);
          } catch (e) {
            if (!(e instanceof SyscallError)) throw e;
            proc.close(fd);
            return 1;
          }
          if (this.intervalS) await proc.sleep(this.intervalS * 1000);
        }
      }
    }
  }

  async listen(remote: Host | undefined, remotePort: number): Promise<number> {
    if (this.udp && !this.localPort) return this.bail('UDP listen needs -p arg');
    const fd = await this.socket();
    const proc = this.tool.proc;
    if (!this.udp) {
      try {
        this.net.listen(fd, 1);
      } catch (e) {
        if (!(e instanceof SyscallError)) throw e;
        return this.bail('local listen fuxored', e);
      }
    }
    const me = this.net.getsockname(fd);
    await this.holler(`listening on [${me.address ? formatIp4(me.address) : 'any'}] ${me.port} ...`);
    let conn: number;
    let peer: { address: Ip4; port: number };
    if (this.udp) {
      const first = await this.net.recvfrom(fd);
      peer = first.from;
      await this.net.connect(fd, peer.address, peer.port);
      await proc.write(1, first.data);
      conn = fd;
    } else {
      const accepted = await this.net.accept(fd);
      proc.close(fd);
      conn = accepted.fd;
      peer = accepted.peer;
    }
    const local = this.net.getsockname(conn);
    const who = await this.host(formatIp4(peer.address));
    if ((remote && remote.address !== peer.address) || (remotePort && remotePort !== peer.port)) {
      return this.bail(`invalid connection to [${formatIp4(local.address)}] from ${who.name} [${formatIp4(peer.address)}] ${peer.port}`);
    }
    await this.holler(`connect to [${formatIp4(local.address)}] from ${who.name} [${formatIp4(peer.address)}] ${peer.port}`);
    return this.shovel(conn);
  }

  /** One outbound connection; undefined when it failed (the error is returned for holler). */
  async connect(target: Host, port: number): Promise<{ fd: number } | { error: SyscallError }> {
    const fd = await this.socket();
    try {
      await this.net.connect(fd, target.address, port, this.waitS * 1000);
      return { fd };
    } catch (e) {
      if (!(e instanceof SyscallError)) throw e;
      this.tool.proc.close(fd);
      return { error: e };
    }
  }
}

async function ncMain(tool: NetTool): Promise<number> {
  const proc = tool.proc;
  let args = proc.argv.slice(1);
  if (args.length === 0) {
    // netcat 1.10 reads its arguments from stdin when it has none.
    await tool.err('Cmd line: ');
    let line = '';
    for (;;) {
      const chunk = await proc.read(0, 1);
      if (chunk === '' || chunk === '\n') break;
      line += chunk;
    }
    args = line.split(/\s+/).filter(Boolean);
  }
  const parsed = await tool.options(args, OPTIONS, 'nc -h for help\n', 1);
  const net = proc.net;
  const nc = new Netcat(tool, net);
  let listen = false;
  let sourceText: string | undefined;
  for (const o of parsed.options) {
    const v = o.value ?? '';
    switch (o.key) {
      case 'h':
        await tool.err(HELP);
        return 1;
      case 'l':
        listen = true;
        break;
      case 'n':
        nc.numeric = true;
        break;
      case 'u':
        nc.udp = true;
        break;
      case 'v':
        nc.verbose++;
        break;
      case 'z':
        nc.zero = true;
        break;
      case 'w':
        nc.waitS = Number.parseInt(v, 10) || 0;
        if (nc.waitS <= 0) return nc.bail(`invalid wait-time ${v}`);
        break;
      case 'i':
        nc.intervalS = Number.parseInt(v, 10) || 0;
        if (nc.intervalS <= 0) return nc.bail(`invalid interval time ${v}`);
        break;
      case 'p': {
        const p = await nc.port(v);
        if (!p) return nc.bail(`invalid local port ${v}`);
        nc.localPort = p;
        break;
      }
      case 's':
        sourceText = v;
        break;
      case 'e':
        return nc.bail('exec is not supported in this build');
      default:
        break; // -a -r -t -g -G -o: accepted
    }
  }
  if (sourceText !== undefined) nc.localAddr = (await nc.host(sourceText)).address;
  const operands = parsed.operands;
  let remote: Host | undefined;
  let i = 0;
  if (operands[0] !== undefined) {
    remote = await nc.host(operands[0]);
    i = 1;
  }
  if (listen) {
    let remotePort = 0;
    if (operands[i] !== undefined) {
      remotePort = await nc.port(operands[i]!);
      if (!remotePort) return nc.bail(`invalid port ${operands[i]}`);
    }
    return nc.listen(remote, remotePort);
  }
  if (!remote) return nc.bail('no destination');
  if (operands[i] === undefined) return nc.bail('no port[s] to connect to');
  // Single: one port (not a range) was given; its failure is reported and is the exit status.
  let single = operands.length - i === 1;
  let status = 0;
  for (; i < operands.length; i++) {
    const spec = operands[i]!;
    let lo: number;
    let hi: number;
    const dash = spec.indexOf('-');
    if (dash > 0) {
      lo = await nc.port(spec.slice(0, dash));
      hi = await nc.port(spec.slice(dash + 1));
      if (!lo || !hi) return nc.bail(`invalid port ${spec}`);
      if (lo > hi) [lo, hi] = [hi, lo];
    } else {
      hi = await nc.port(spec);
      if (!hi) return nc.bail(`invalid port ${spec}`);
      lo = hi;
    }
    if (lo !== hi) single = false;
    const isSingle = single;
    for (let port = hi; port >= lo; port--) {
      const result = await nc.connect(remote, port);
      const label = `${remote.name} [${formatIp4(remote.address)}] ${port} (${await nc.portName(port)})`;
      if ('fd' in result) {
        status = 0;
        await nc.holler(`${label} open`);
        if (!nc.zero) status = await nc.shovel(result.fd);
        else proc.close(result.fd);
      } else {
        status = 1;
        if (isSingle || nc.verbose > 1 || result.error.code !== 'ECONNREFUSED') await nc.holler(label, result.error);
      }
      if (nc.intervalS) await proc.sleep(nc.intervalS * 1000);
    }
  }
  return single ? status : 0;
}

defineProgram({
  name: 'nc',
  vszKb: 1620,
  rssKb: 440,
  options: ['-l', '-p', '-u', '-v', '-n', '-w', '-z', '-s'],
  main: (proc) => runNetTool(proc, 'nc', ncMain),
});
