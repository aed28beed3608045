/**
 * Booting a world for tests: run a command line and get its output and status, or drive a
 * terminal by keystrokes. Pure core code, so tests in Node and the lab engine can share it.
 */
import type { HostHooks } from '../api.js';
import { captureFile, stringFile } from '../kernel/memory-file.js';
import { bootEmulatedWorld } from './boot.js';
import type { Console } from './console.js';
import type { Machine } from './machine.js';
import type { EmulatedWorld } from './world.js';

export interface RunResult {
  stdout: string;
  stderr: string;
  status: number;
}

export interface TestTerminal {
  readonly console: Console;
  /** Everything the terminal received so far (raw, with \r\n and escape sequences). */
  readonly output: string;
  /** Type keys (use '\r' for Enter) and run until the world is idle again. */
  type(keys: string): Promise<void>;
  /** Output since the last call to take(). */
  take(): string;
}

export interface TestWorld {
  world: EmulatedWorld;
  machine: Machine;
  /** Run `bash -c command` as root in /root (outside any terminal). */
  run(command: string, options?: { stdin?: string; cwd?: string; machine?: string }): Promise<RunResult>;
  /** Open a console with a login shell, as a student would. */
  terminal(options?: { cols?: number; rows?: number; machine?: string }): Promise<TestTerminal>;
  settle(): Promise<void>;
}

/**
 * Boot a world for a test. `hooks.yieldToHost` must give the host's event loop a real turn
 * (setImmediate in Node): test/support/world.ts provides it.
 */
export async function bootTestWorld(preset: string, hooks: HostHooks): Promise<TestWorld> {
  const world = bootEmulatedWorld(preset, hooks);
  await world.settle({ advanceTimers: true });
  const machine = world.machine();
  const settle = () => world.settle({ advanceTimers: true });
  return {
    world,
    machine,
    settle,
    async run(command, options = {}) {
      const m = options.machine ? world.machine(options.machine) : machine;
      let stdout = '';
      let stderr = '';
      const init = m.initProcess;
      const pid = init.fork(async (p) => {
        for (const fd of [0, 1, 2]) if (p.isOpen(fd)) p.close(fd);
        p.install(stringFile(options.stdin ?? ''));
        p.install(captureFile((d) => (stdout += d)));
        p.install(captureFile((d) => (stderr += d)));
        try {
          p.fs.chdir(options.cwd ?? '/root');
        } catch {
          /* stay in / */
        }
        return p.exec('/bin/bash', ['bash', '-c', command], { HOME: '/root', USER: 'root', LOGNAME: 'root', PATH: '/usr/local/sbin:/usr/local/bin:/sbin:/bin:/usr/sbin:/usr/bin', TERM: 'xterm' });
      });
      let status: number | undefined;
      void m.whenExits(pid).then((s) => (status = s));
      for (let i = 0; status === undefined && i < 1000; i++) await settle();
      return { stdout, stderr, status: status ?? -1 };
    },
    async terminal(options = {}) {
      const session = world.openConsole({ cols: options.cols ?? 80, rows: options.rows ?? 24, mode: 'script', host: options.machine });
      let output = '';
      let taken = 0;
      session.onOutput((d) => {
        output += d;
        session.acknowledge(d.length);
      });
      await settle();
      return {
        console: session as Console,
        get output() {
          return output;
        },
        async type(keys: string) {
          session.input(keys);
          // A long command (a guest build) may outlast one settle(): give it a few more, so the
          // next line is typed at the prompt as a person would — but never wait on a runaway loop for long.
          await settle();
          for (let i = 0; i < 20 && world.busy; i++) await settle();
        },
        take() {
          const s = output.slice(taken);
          taken = output.length;
          return s;
        },
      };
    },
  };
}

