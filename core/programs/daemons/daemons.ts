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

/** Open the daemon's listening sockets; a failure (port taken, no network) leaves it without. */
function openListeners(p: Process, listen: DaemonSpec['listen']): void {
  for (const l of listen ?? []) {
    try {
      const fd = p.net.socket(l.protocol ?? 'tcp');
      p.net.setsockopt(fd, 'reuseaddr', true);
      p.net.bind(fd, l.address ?? 0, l.port);
      if ((l.protocol ?? 'tcp') === 'tcp') p.net.listen(fd, 128);
    } catch (e) {
      if (!(e instanceof SyscallError)) throw e;
    }
  }
}

function defineDaemon(spec: DaemonSpec): void {
  defineProgram({
    name: spec.name,
    vszKb: spec.vszKb,
    rssKb: spec.rssKb,
    async main(proc) {
      const run = async (p: Process) => {
        if (spec.pidFile) await writePidFile(p, spec.pidFile);
        p.signal(SIG.HUP, () => {}); // reload configuration: nothing to do
        p.signal(SIG.TERM, () => {
          if (spec.pidFile) removePidFile(p, spec.pidFile);
          p.kill(-p.task.pgid, SIG.KILL);
        });
        openListeners(p, spec.listen);
        for (let i = 0; i < (spec.workers ?? 0); i++) p.fork((w) => idleForever(w, 'accept'));
        return idleForever(p);
      };
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
