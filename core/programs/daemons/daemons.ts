/**
 * init, kernel threads and the services a 2006 server runs (syslogd, klogd, crond, sshd, httpd,
 * mysqld, mingetty). They are real tasks: ps shows them, kill stops them, their init scripts
 * start and stop them through pid files.
 */
import { SyscallError } from '../../kernel/errno.js';
import { O_CREAT, O_TRUNC, O_WRONLY } from '../../kernel/file.js';
import type { Process } from '../../kernel/process.js';
import { SIG } from '../../kernel/signals.js';
import { WaitQueue } from '../../kernel/wait-queue.js';
import { defineProgram } from '../registry.js';

/** Sleep until a signal ends the task (the idle state of every daemon). */
export async function idleForever(proc: Process, channel = 'schedule_timeout'): Promise<never> {
  const never = new WaitQueue();
  for (;;) {
    try {
      await proc.task.waitOn(never, channel);
    } catch (e) {
      if (!(e instanceof SyscallError && e.code === 'EINTR')) throw e;
    }
  }
}

async function writePidFile(proc: Process, path: string): Promise<void> {
  try {
    const fd = proc.open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644);
    await proc.write(fd, `${proc.pid}\n`);
    proc.close(fd);
  } catch (e) {
    if (!(e instanceof SyscallError)) throw e;
  }
}

function removePidFile(proc: Process, path: string): void {
  try {
    proc.fs.unlink(path);
  } catch {
    /* already gone */
  }
}

/** Detach like a classic daemon: fork, the parent returns at once, the child starts a session. */
function daemonize(proc: Process, body: (child: Process) => Promise<number>): number {
  proc.fork(async (child) => {
    try {
      child.setsid();
    } catch {
      /* already a group leader */
    }
    for (const fd of [0, 1, 2]) if (child.isOpen(fd)) child.close(fd);
    return body(child);
  });
  return 0;
}

interface DaemonSpec {
  name: string;
  pidFile?: string;
  /** Worker children forked after start (httpd's pre-forked servers). */
  workers?: number;
  /** argv of the workers (defaults to the parent's). */
  vszKb: number;
  rssKb: number;
  /** Stay in the foreground (mingetty, mysqld under mysqld_safe). */
  foreground?: boolean;
  /** Sockets the daemon listens on (netstat -tlnp shows them). Default address 0.0.0.0, protocol tcp. */
  listen?: Array<{ port: number; address?: number; protocol?: 'tcp' | 'udp' }>;
}

type Listener = NonNullable<DaemonSpec['listen']>[number];

/**
 * Open the daemon's listening sockets before it detaches, as the real daemons do, so that a port
 * taken (a host service bound to 0.0.0.0 takes it from every guest) fails the start. Returns the
 * sockets that failed with their errors.
 */
function openListeners(p: Process, listen: readonly Listener[], opened: number[] = []): Array<{ listener: Listener; error: SyscallError }> {
  const failed: Array<{ listener: Listener; error: SyscallError }> = [];
  for (const l of listen) {
    let fd: number | undefined;
    try {
      fd = p.net.socket(l.protocol ?? 'tcp');
      if (fd < 3) {
        // Started without standard descriptors (at boot): keep the socket clear of the 0–2 that
        // daemon() closes.
        const high = p.dup(fd, 3);
        p.close(fd);
        fd = high;
      }
      p.net.setsockopt(fd, 'reuseaddr', true);
      p.net.bind(fd, l.address ?? 0, l.port);
      if ((l.protocol ?? 'tcp') === 'tcp') p.net.listen(fd, 128);
      opened.push(fd);
    } catch (e) {
      if (!(e instanceof SyscallError)) throw e;
      if (fd !== undefined) p.close(fd);
      failed.push({ listener: l, error: e });
    }
  }
  return failed;
}

const dotted = (a: number) => [a >>> 24, (a >>> 16) & 255, (a >>> 8) & 255, a & 255].join('.');

function parseDotted(text: string): number | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text.trim());
  if (!m || m.slice(1).some((x) => Number(x) > 255)) return undefined;
  return ((Number(m[1]) << 24) | (Number(m[2]) << 16) | (Number(m[3]) << 8) | Number(m[4])) >>> 0;
}

async function readConfig(p: Process, path: string): Promise<string> {
  try {
    return await p.readFile(path);
  } catch (e) {
    if (e instanceof SyscallError) return '';
    throw e;
  }
}

/** Where each service listens, from its configuration (ListenAddress, Listen, bind-address). */
async function configuredListeners(p: Process, name: string, defaults: readonly Listener[]): Promise<Listener[]> {
  const lines = (text: string) => text.split('\n').map((l) => l.replace(/#.*/, '').trim()).filter(Boolean);
  if (name === 'sshd') {
    const conf = lines(await readConfig(p, '/etc/ssh/sshd_config'));
    const port = Number(conf.map((l) => /^Port\s+(\d+)$/i.exec(l)?.[1]).find(Boolean) ?? 22);
    const addresses = conf.map((l) => /^ListenAddress\s+(\S+)$/i.exec(l)?.[1]).filter((a): a is string => a !== undefined);
    if (addresses.length === 0) return [{ port }];
    return addresses.map((a) => ({ port, address: parseDotted(a) ?? 0 }));
  }
  if (name === 'httpd') {
    const listens = lines(await readConfig(p, '/etc/httpd/conf/httpd.conf')).map((l) => /^Listen\s+(?:(\S+):)?(\d+)$/i.exec(l)).filter((m) => m !== null);
    if (listens.length === 0) return [...defaults];
    return listens.map((m) => ({ port: Number(m![2]), address: m![1] ? (parseDotted(m![1]) ?? 0) : 0 }));
  }
  if (name === 'mysqld') {
    const conf = lines(await readConfig(p, '/etc/my.cnf'));
    const bind = conf.map((l) => /^bind-address\s*=\s*(\S+)$/i.exec(l)?.[1]).find(Boolean);
    const port = Number(conf.map((l) => /^port\s*=\s*(\d+)$/i.exec(l)?.[1]).find(Boolean) ?? 3306);
    return [{ port, ...(bind ? { address: parseDotted(bind) ?? 0 } : {}) }];
  }
  return [...defaults];
}

/** What each daemon says when it cannot listen at all, and its exit status. */
function bindFailure(p: Process, name: string, failed: Array<{ listener: Listener; error: SyscallError }>): { text: string; status: number } {
  if (name === 'sshd') {
    return { text: failed.map((f) => `Bind to port ${f.listener.port} on ${dotted(f.listener.address ?? 0)} failed: ${f.error.message}.\n`).join('') + 'Cannot bind any address.\n', status: 255 };
  }
  if (name === 'httpd') {
    const f = failed[0]!;
    return { text: `(${f.error.errno})${f.error.message}: make_sock: could not bind to address ${dotted(f.listener.address ?? 0)}:${f.listener.port}\nno listening sockets available, shutting down\nUnable to open logs\n`, status: 1 };
  }
  const d = new Date(p.time() * 1000 + 2 * 3600_000);
  const stamp = `${String(d.getUTCFullYear() % 100).padStart(2, '0')}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')} ${String(d.getUTCHours()).padStart(2)}:${String(d.getUTCMinutes()).padStart(2, '0')}:${String(d.getUTCSeconds()).padStart(2, '0')}`;
  const port = failed[0]!.listener.port;
  return {
    text: `${stamp} [ERROR] Can't start server: Bind on TCP/IP port: ${failed[0]!.error.message}\n${stamp} [ERROR] Do you already have another mysqld server running on port: ${port} ?\n${stamp} [ERROR] Aborting\n\n`,
    status: 1,
  };
}

function defineDaemon(spec: DaemonSpec): void {
  defineProgram({
    name: spec.name,
    vszKb: spec.vszKb,
    rssKb: spec.rssKb,
    async main(proc) {
      let listeners: Listener[] = [];
      const run = async (p: Process) => {
        if (spec.pidFile) await writePidFile(p, spec.pidFile);
        p.signal(SIG.HUP, () => {}); // reload configuration: nothing to do
        p.signal(SIG.TERM, () => {
          if (spec.pidFile) removePidFile(p, spec.pidFile);
          p.kill(-p.task.pgid, SIG.KILL);
        });
        // The daemon holds its sockets itself (netstat -p, a world snapshot find them there).
        openListeners(p, listeners);
        for (let i = 0; i < (spec.workers ?? 0); i++) p.fork((w) => idleForever(w, 'accept'));
        return idleForever(p);
      };
      if (spec.listen) {
        // Bind first, then detach: a port already taken fails the start (the init script's [FAILED]).
        listeners = await configuredListeners(proc, spec.name, spec.listen);
        const opened: number[] = [];
        const failed = openListeners(proc, listeners, opened);
        for (const fd of opened) proc.close(fd);
        if (failed.length === listeners.length && failed.length > 0) {
          const { text, status } = bindFailure(proc, spec.name, failed);
          await proc.err(text);
          return status;
        }
      }
      if (spec.foreground) return run(proc);
      return daemonize(proc, run);
    },
  });
}

defineDaemon({ name: 'syslogd', pidFile: '/var/run/syslogd.pid', vszKb: 1640, rssKb: 600 });
defineDaemon({ name: 'klogd', pidFile: '/var/run/klogd.pid', vszKb: 1576, rssKb: 420 });
defineDaemon({ name: 'crond', pidFile: '/var/run/crond.pid', vszKb: 4636, rssKb: 1116 });
defineDaemon({ name: 'sshd', pidFile: '/var/run/sshd.pid', vszKb: 4016, rssKb: 1508, listen: [{ port: 22 }] });
defineDaemon({ name: 'httpd', pidFile: '/var/run/httpd.pid', workers: 8, vszKb: 18420, rssKb: 8560, listen: [{ port: 80 }] });
defineDaemon({ name: 'mysqld', pidFile: '/var/run/mysqld/mysqld.pid', vszKb: 121848, rssKb: 19240, listen: [{ port: 3306 }] });
defineDaemon({ name: 'mingetty', foreground: true, vszKb: 1396, rssKb: 412 });

/** /sbin/init: pid 1. It adopts orphans and reaps them; it cannot be killed by signals it ignores. */
defineProgram({
  name: 'init',
  vszKb: 1744,
  rssKb: 560,
  async main(proc) {
    // getpid() as the task sees it: a guest's fake init is pid 1 in its context.
    if (proc.kernel.pidSeenBy(proc.task, proc.task) !== 1) {
      await proc.err('init: must be superuser.\n');
      return 1;
    }
    for (const sig of [SIG.HUP, SIG.INT, SIG.TERM, SIG.TSTP, SIG.TTIN, SIG.TTOU, SIG.USR1, SIG.USR2]) proc.signal(sig, 'ignore');
    for (;;) {
      try {
        await proc.waitpid(-1);
      } catch (e) {
        if (e instanceof SyscallError && e.code === 'ECHILD') await proc.task.waitOn(proc.task.childEvents, 'do_wait');
        else if (!(e instanceof SyscallError && e.code === 'EINTR')) throw e;
      }
    }
  },
});
