import { describe, expect, it } from 'vitest';
import { bootBareKernel } from './testing.js';
import { SyscallError } from './errno.js';
import { SIG } from './signals.js';
import { Tty } from './tty.js';

/** A kernel with no filesystem: programs are closures given to fork(). */
const boot = () => bootBareKernel(() => new Promise((r) => setImmediate(r)));

/** Let every ready task run. */
const flush = () => new Promise((r) => setImmediate(r));

describe('processes', () => {
  it('fork, pipe and waitpid: a child writes, the parent reads to EOF and reaps the exit status', async () => {
    const { init } = boot();
    const [r, w] = init.pipe();
    const pid = init.fork(async (child) => {
      child.close(r);
      await child.write(w, 'hello ');
      await child.write(w, 'world\n');
      return 3;
    });
    init.close(w);
    expect(await init.readAll(r)).toBe('hello world\n');
    expect(await init.waitStatus(pid)).toEqual({ kind: 'exited', code: 3 });
    expect(init.kernel.tasks.has(pid)).toBe(false);
  });

  it('a fatal signal ends a sleeping child and waitpid reports it', async () => {
    const { init } = boot();
    const pid = init.fork(async (child) => {
      await child.sleep(1_000_000);
      return 0;
    });
    await flush();
    expect(init.kernel.tasks.get(pid)?.state).toBe('sleeping');
    init.kill(pid, SIG.TERM);
    expect(await init.waitStatus(pid)).toEqual({ kind: 'signaled', signal: SIG.TERM, coreDumped: false });
  });

  it('SIGTSTP stops a task, SIGCONT resumes it, and the sleep still completes on simulated time', async () => {
    const { init, kernel } = boot();
    const pid = init.fork(async (child) => {
      await child.sleep(5000);
      return 7;
    });
    await flush();
    init.kill(pid, SIG.TSTP);
    expect(await init.waitpid(pid, { untraced: true })).toEqual({ pid, status: { kind: 'stopped', signal: SIG.TSTP } });
    kernel.clock.advance(6000); // the timer fires while stopped: the task must not run on
    await flush();
    expect(kernel.tasks.get(pid)?.state).toBe('stopped');
    init.kill(pid, SIG.CONT);
    expect(await init.waitStatus(pid)).toEqual({ kind: 'exited', code: 7 });
  });

  it('a handled signal interrupts a blocking call with EINTR', async () => {
    const { init } = boot();
    const seen: number[] = [];
    const pid = init.fork(async (child) => {
      child.signal(SIG.USR1, (s) => seen.push(s));
      try {
        await child.sleep(1_000_000);
        return 0;
      } catch (e) {
        return e instanceof SyscallError && e.code === 'EINTR' ? 42 : 1;
      }
    });
    await flush();
    init.kill(pid, SIG.USR1);
    expect(await init.waitStatus(pid)).toEqual({ kind: 'exited', code: 42 });
    expect(seen).toEqual([SIG.USR1]);
  });

  it('writing to a pipe nobody reads raises SIGPIPE', async () => {
    const { init } = boot();
    const [r, w] = init.pipe();
    init.close(r);
    const pid = init.fork(async (child) => {
      await child.write(w, 'x');
      return 0;
    });
    init.close(w);
    expect(await init.waitStatus(pid)).toEqual({ kind: 'signaled', signal: SIG.PIPE, coreDumped: false });
  });

  it('a busy loop with checkpoints is stopped by a signal', async () => {
    const { init } = boot();
    let iterations = 0;
    const pid = init.fork(async (child) => {
      for (;;) {
        iterations++;
        await child.checkpoint();
      }
    });
    await flush();
    init.kill(pid, SIG.INT);
    expect(await init.waitStatus(pid)).toEqual({ kind: 'signaled', signal: SIG.INT, coreDumped: false });
    expect(iterations).toBeGreaterThan(0);
  });

  it('orphans are re-parented to init', async () => {
    const { init, kernel } = boot();
    let grandchild = 0;
    const pid = init.fork(async (child) => {
      grandchild = child.fork(async (g) => {
        await g.sleep(1000);
        return 0;
      });
      return 0;
    });
    await init.waitStatus(pid);
    expect(kernel.tasks.get(grandchild)?.parent?.pid).toBe(1);
  });
});

describe('tty line discipline', () => {
  function terminal() {
    const b = boot();
    let screen = '';
    const tty = new Tty(b.kernel, 'pts/0', { cols: 80, rows: 24 }, (d) => (screen += d));
    b.init.install(tty.open());
    b.init.task.pgid = 1;
    b.init.acquireTerminal(tty);
    return { ...b, tty, screen: () => screen };
  }

  it('edits a canonical line: erase, kill, and CR mapped to NL, echoing as it goes', async () => {
    const { init, tty, screen } = terminal();
    const reading = init.read(0);
    tty.receive('ab\x7fc\r');
    expect(await reading).toBe('ac\n');
    expect(screen()).toBe('ab\b \bc\r\n');
    const second = init.read(0);
    tty.receive('junk\x15ok\r');
    expect(await second).toBe('ok\n');
  });

  it('Ctrl-D on an empty line is end of file', async () => {
    const { init, tty } = terminal();
    const reading = init.read(0);
    tty.receive('\x04');
    expect(await reading).toBe('');
  });

  it('Ctrl-C sends SIGINT to the foreground process group and echoes ^C', async () => {
    const { init, tty, screen } = terminal();
    const pid = init.fork(
      async (child) => {
        await child.read(0);
        return 0;
      },
      { pgid: 0 },
    );
    tty.foregroundPgrp = pid;
    await flush();
    tty.receive('\x03');
    expect(await init.waitStatus(pid)).toEqual({ kind: 'signaled', signal: SIG.INT, coreDumped: false });
    expect(screen()).toContain('^C');
  });

  it('a background job reading the terminal is stopped with SIGTTIN', async () => {
    const { init } = terminal();
    const pid = init.fork(
      async (child) => {
        await child.read(0);
        return 0;
      },
      { pgid: 0 },
    );
    expect(await init.waitpid(pid, { untraced: true })).toEqual({ pid, status: { kind: 'stopped', signal: SIG.TTIN } });
  });

  it('maps NL to CR-NL on output and holds writers above the high-water mark until acknowledged', async () => {
    const { init, tty, screen } = terminal();
    await init.write(0, 'a\nb\n');
    expect(screen()).toBe('a\r\nb\r\n');
    const big = 'x'.repeat(70 * 1024);
    await init.write(0, big); // goes out, now above the mark
    let done = false;
    const blocked = init.write(0, 'more').then(() => (done = true));
    await flush();
    expect(done).toBe(false);
    tty.acknowledge(screen().length);
    await blocked;
    expect(done).toBe(true);
  });
});
