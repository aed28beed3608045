/**
 * Name lookups as the C library of 2006 does them in this offline world: /etc/hosts for host
 * names (forward and reverse), /etc/services for port names. The resolver's name server (the
 * gateway in /etc/resolv.conf) runs no DNS, so a name that is not in /etc/hosts is unknown.
 */
import type { Process } from '../../../kernel/process.js';
import { formatIp4, type Ip4 } from '../../../net/index.js';

/**
 * glibc inet_aton: one to four parts, each decimal, octal (leading 0) or hex (0x); the last
 * part fills the remaining bytes ("10.1" is 10.0.0.1, "127.1" is 127.0.0.1).
 */
export function inetAton(text: string): Ip4 | undefined {
  const parts = text.split('.');
  if (parts.length < 1 || parts.length > 4) return undefined;
  const values: number[] = [];
  for (const p of parts) {
    let v: number;
    if (/^0[xX][0-9a-fA-F]*$/.test(p)) v = p.length === 2 ? 0 : parseInt(p.slice(2), 16);
    else if (/^0[0-7]*$/.test(p)) v = parseInt(p, 8);
    else if (/^[1-9][0-9]*$/.test(p)) v = Number(p);
    else return undefined;
    values.push(v);
  }
  const last = values.pop()!;
  let result = 0;
  for (const v of values) {
    if (v > 255) return undefined;
    result = result * 256 + v;
  }
  const room = 4 - values.length;
  if (last >= 256 ** room) return undefined;
  return (result * 256 ** room + last) >>> 0;
}

export interface HostEntry {
  /** The canonical name (h_name). */
  name: string;
  address: Ip4;
}

/** Lookups for one program run: the files are read once. */
export class Resolver {
  private hosts: string | undefined;
  private services: string | undefined;

  constructor(private readonly proc: Process) {}

  private async file(path: string): Promise<string> {
    try {
      return await this.proc.readFile(path);
    } catch {
      return '';
    }
  }

  private async hostLines(): Promise<Array<{ address: Ip4; names: string[] }>> {
    this.hosts ??= await this.file('/etc/hosts');
    const out: Array<{ address: Ip4; names: string[] }> = [];
    for (const raw of this.hosts.split('\n')) {
      const [addr, ...names] = raw.replace(/#.*/, '').trim().split(/\s+/);
      if (!addr || names.length === 0) continue;
      const address = inetAton(addr);
      if (address !== undefined) out.push({ address, names });
    }
    return out;
  }

  /** gethostbyname(): a dotted quad stands for itself; otherwise the first /etc/hosts line naming it. */
  async byName(name: string): Promise<HostEntry | undefined> {
    const numeric = inetAton(name);
    if (numeric !== undefined) return { name, address: numeric };
    const want = name.toLowerCase();
    for (const line of await this.hostLines()) {
      if (line.names.some((n) => n.toLowerCase() === want)) return { name: line.names[0]!, address: line.address };
    }
    return undefined;
  }

  /** gethostbyaddr(): the canonical name of the first /etc/hosts line with this address. */
  async byAddress(address: Ip4): Promise<string | undefined> {
    for (const line of await this.hostLines()) if (line.address === address >>> 0) return line.names[0];
    return undefined;
  }

  /** "name (a.b.c.d)" or "a.b.c.d", as ping's pr_addr prints a source. */
  async describe(address: Ip4, numeric: boolean): Promise<string> {
    const name = numeric ? undefined : await this.byAddress(address);
    return name ? `${name} (${formatIp4(address)})` : formatIp4(address);
  }

  private async serviceLines(): Promise<Array<{ name: string; port: number; protocol: string }>> {
    this.services ??= await this.file('/etc/services');
    const out: Array<{ name: string; port: number; protocol: string }> = [];
    for (const raw of this.services.split('\n')) {
      const m = /^(\S+)\s+(\d+)\/(\w+)/.exec(raw.replace(/#.*/, '').trim());
      if (m) out.push({ name: m[1]!, port: Number(m[2]), protocol: m[3]! });
    }
    return out;
  }

  /** getservbyport() through /etc/services (undefined when the file or the entry is missing). */
  async serviceName(port: number, protocol: string): Promise<string | undefined> {
    return (await this.serviceLines()).find((s) => s.port === port && s.protocol === protocol)?.name;
  }

  /** getservbyname(). */
  async servicePort(name: string, protocol: string): Promise<number | undefined> {
    return (await this.serviceLines()).find((s) => s.name === name && s.protocol === protocol)?.port;
  }
}
