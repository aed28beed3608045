/**
 * sysctl — procps 3.2.3. The emulated /proc has no sys/ directory, so the keys are a table:
 * kernel.hostname/domainname are the machine's (sethostname rules apply), net.ipv4.* are the
 * network stack's own settings (ip_forward really routes), kernel.vshelper is Linux-VServer's
 * reboot helper, and the rest are RHEL 4 defaults a root on the host may change. Output
 * "key = value"; errors in procps's words; exit 255 on an unknown key.
 */
import { SyscallError } from '../../kernel/errno.js';
import type { Kernel } from '../../kernel/kernel.js';
import type { Process } from '../../kernel/process.js';
import type { Sysctl as NetSysctl } from '../../net/stack.js';
import { defineProgram } from '../registry.js';

interface Key {
  name: string;
  read(proc: Process): string;
  /** Throws SyscallError (EACCES for non-root, EPERM when the kernel refuses, EINVAL for a bad value). */
  write?(proc: Process, value: string): void;
}

/** Values of the plain keys changed with -w, per kernel. */
const overrides = new WeakMap<Kernel, Map<string, string>>();

function requireRoot(proc: Process): void {
  if (proc.task.cred.euid !== 0) throw new SyscallError('EACCES');
}

function plain(name: string, value: string): Key {
  return {
    name,
    read: (proc) => overrides.get(proc.kernel)?.get(name) ?? value,
    write: (proc, v) => {
      requireRoot(proc);
      // Guests may not change the host kernel's settings.
      if (proc.task.xid !== 0) throw new SyscallError('EPERM');
      let map = overrides.get(proc.kernel);
      if (!map) overrides.set(proc.kernel, (map = new Map()));
      map.set(name, v.trim().split(/\s+/).join('\t'));
    },
  };
}

function netKey(name: string, field: keyof NetSysctl): Key {
  return {
    name,
    read: (proc) => {
      const v = proc.net.stack.sysctl[field];
      if (Array.isArray(v)) return v.join('\t');
      return typeof v === 'boolean' ? (v ? '1' : '0') : String(v);
    },
    write: (proc, value) => {
      requireRoot(proc);
      const sysctl = proc.net.admin().sysctl as unknown as Record<string, unknown>;
      const current = sysctl[field];
      const words = value.trim().split(/\s+/);
      if (!words.every((w) => /^-?\d+$/.test(w))) throw new SyscallError('EINVAL');
      if (typeof current === 'boolean') sysctl[field] = Number(words[0]) !== 0;
      else if (Array.isArray(current)) sysctl[field] = [Number(words[0]), Number(words[1] ?? words[0])];
      else if (field === 'arpIgnore') sysctl[field] = Number(words[0]) ? 1 : 0;
      else sysctl[field] = Number(words[0]);
    },
  };
}

const KEYS: Key[] = [
  plain('kernel.vshelper', '/sbin/vshelper'),
  plain('kernel.sysrq', '0'),
  plain('kernel.core_uses_pid', '1'),
  plain('kernel.core_pattern', 'core'),
  plain('kernel.panic', '0'),
  plain('kernel.printk', '6\t4\t1\t7'),
  plain('kernel.ctrl-alt-del', '0'),
  plain('kernel.cap-bound', '-257'),
  plain('kernel.pid_max', '32768'),
  plain('kernel.threads-max', '81920'),
  plain('kernel.shmmax', '33554432'),
  plain('kernel.shmall', '2097152'),
  plain('kernel.shmmni', '4096'),
  plain('kernel.msgmax', '8192'),
  plain('kernel.msgmnb', '16384'),
  plain('kernel.sem', '250\t32000\t32\t128'),
  { name: 'kernel.ostype', read: (p) => p.uname().sysname },
  { name: 'kernel.osrelease', read: (p) => p.uname().release },
  { name: 'kernel.version', read: (p) => p.uname().version },
  {
    name: 'kernel.hostname',
    read: (p) => p.uname().nodename,
    write: (p, v) => {
      requireRoot(p);
      p.host.setHostname(p.task, v.trim());
    },
  },
  { name: 'kernel.domainname', read: (p) => p.uname().domainname || '(none)' },
  plain('vm.overcommit_memory', '0'),
  plain('vm.overcommit_ratio', '50'),
  plain('vm.dirty_ratio', '40'),
  plain('vm.dirty_background_ratio', '10'),
  plain('vm.swappiness', '60'),
  plain('vm.min_free_kbytes', '2880'),
  netKey('net.ipv4.ip_forward', 'ipForward'),
  netKey('net.ipv4.ip_default_ttl', 'ipDefaultTtl'),
  netKey('net.ipv4.ip_local_port_range', 'localPortRange'),
  netKey('net.ipv4.icmp_echo_ignore_all', 'icmpEchoIgnoreAll'),
  netKey('net.ipv4.icmp_echo_ignore_broadcasts', 'icmpEchoIgnoreBroadcasts'),
  netKey('net.ipv4.conf.all.arp_ignore', 'arpIgnore'),
  netKey('net.ipv4.conf.all.promote_secondaries', 'promoteSecondaries'),
  plain('net.ipv4.tcp_syncookies', '1'),
  plain('net.ipv4.conf.default.rp_filter', '1'),
  plain('net.core.somaxconn', '128'),
  plain('net.core.rmem_default', '110592'),
  plain('net.core.wmem_default', '110592'),
  plain('fs.file-max', '524288'),
  plain('fs.inotify.max_user_watches', '8192'),
];

/** procps accepts both kernel.hostname and kernel/hostname. */
function keyName(text: string): string {
  return text.replace(/\//g, '.');
}

const USAGE =
  'usage:  sysctl [-n] [-e] variable ...\n' +
  '        sysctl [-n] [-e] [-q] -w variable=value ...\n' +
  '        sysctl [-n] [-e] -a\n' +
  '        sysctl [-n] [-e] [-q] -p <file>   (default /etc/sysctl.conf)\n' +
  '        sysctl [-n] [-e] -A\n';

defineProgram({
  name: 'sysctl',
  options: ['-a', '-A', '-n', '-N', '-e', '-w', '-p', '-q'],
  main: async (proc) => {
    let namesOnly = false;
    let valuesOnly = false;
    let ignoreUnknown = false;
    let quiet = false;
    let write = false;
    let all = false;
    let preload: string | undefined;
    const operands: string[] = [];
    const args = proc.argv.slice(1);
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a.startsWith('-') && a.length > 1 && operands.length === 0) {
        for (const c of a.slice(1)) {
          if (c === 'n') valuesOnly = true;
          else if (c === 'N') namesOnly = true;
          else if (c === 'e') ignoreUnknown = true;
          else if (c === 'q') quiet = true;
          else if (c === 'w') write = true;
          else if (c === 'a' || c === 'A' || c === 'X') all = true;
          else if (c === 'p') preload = args[i + 1] && !args[i + 1]!.startsWith('-') ? args[++i]! : '/etc/sysctl.conf';
          else if (c === 'V') {
            await proc.out('sysctl (procps version 3.2.3)\n');
            return 0;
          } else {
            await proc.err(USAGE);
            return 255;
          }
        }
      } else operands.push(a);
    }
    let out = '';
    let status = 0;
    const show = (name: string, value: string) => {
      out += namesOnly ? `${name}\n` : valuesOnly ? `${value}\n` : `${name} = ${value}\n`;
    };
    const readKey = async (text: string) => {
      const name = keyName(text);
      const key = KEYS.find((k) => k.name === name);
      if (!key) {
        if (!ignoreUnknown) {
          await flush();
          await proc.err(`error: "${name}" is an unknown key\n`);
          status = 255;
        }
        return;
      }
      show(name, key.read(proc));
    };
    const writeKey = async (text: string) => {
      const eq = text.indexOf('=');
      if (eq < 0) {
        await flush();
        await proc.err(`error: "${text}" must be of the form name=value\n`);
        status = 255;
        return;
      }
      const name = keyName(text.slice(0, eq).trim());
      const value = text.slice(eq + 1).trim();
      if (value === '') {
        await flush();
        await proc.err(`error: Malformed setting "${text}"\n`);
        status = 255;
        return;
      }
      const key = KEYS.find((k) => k.name === name);
      try {
        if (!key) throw new SyscallError('ENOENT');
        if (!key.write) throw new SyscallError('EACCES');
        key.write(proc, value);
      } catch (e) {
        if (!(e instanceof SyscallError)) throw e;
        await flush();
        if (e.code === 'ENOENT') {
          if (!ignoreUnknown) await proc.err(`error: "${name}" is an unknown key\n`);
        } else if (e.code === 'EACCES') await proc.err(`error: permission denied on key '${name}'\n`);
        else await proc.err(`error: "${e.message}" setting key "${name}"\n`);
        status = 255;
        return;
      }
      if (!quiet) show(name, key.read(proc));
    };
    const flush = async () => {
      await proc.out(out);
      out = '';
    };
    if (preload !== undefined) {
      let text: string;
      try {
        text = await proc.readFile(preload);
      } catch {
        await proc.err(`error: unable to open preload file "${preload}"\n`);
        return 255;
      }
      for (const line of text.split('\n')) {
        const t = line.trim();
        if (t === '' || t.startsWith('#') || t.startsWith(';')) continue;
        await writeKey(t);
      }
    } else if (all) {
      for (const key of KEYS) show(key.name, key.read(proc));
    } else if (operands.length === 0) {
      await proc.err(USAGE);
      return 255;
    } else {
      for (const op of operands) {
        if (write || op.includes('=')) await writeKey(op);
        else await readKey(op);
      }
    }
    await flush();
    return status;
  },
});
