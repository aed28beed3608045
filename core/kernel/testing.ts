/**
 * A kernel with no filesystem and no network, for unit tests of the kernel: programs are
 * closures given to fork(). The host's turn (`setImmediate` in Node) comes from the caller, so
 * this module stays free of Node globals.
 */
import { SimClock } from './clock.js';
import { SyscallError } from './errno.js';
import { Kernel } from './kernel.js';
import { Process, type ProcessHost } from './process.js';
import type { Task } from './task.js';

export function bootBareKernel(yieldToHost: () => Promise<void>) {
  const kernel = new Kernel(new SimClock(), { yieldToHost });
  const host: ProcessHost = {
    kernel,
    loadProgram: () => {
      throw new SyscallError('ENOENT');
    },
    processFor: (task: Task) => new Process(task, host),
    openFile: () => {
      throw new SyscallError('ENOENT');
    },
    fsFor: () => {
      throw new SyscallError('ENOSYS');
    },
    uname: () => ({ sysname: 'Linux', nodename: 'test', release: '2.6.16', version: '#1', machine: 'i686', domainname: '(none)' }),
    setHostname: () => {},
  };
  const initTask = kernel.createRootTask({ root: null, cwd: null, umask: 0o22, namespace: null });
  initTask.comm = 'init';
  const init = host.processFor(initTask);
  /** A child of init that sleeps until killed, to act as (its Process exists as soon as fork returns). */
  const spawn = (): Process => {
    const pid = init.fork(async (p) => {
      await p.sleep(1e9);
      return 0;
    });
    return host.processFor(kernel.tasks.get(pid)!);
  };
  return { kernel, host, init, spawn };
}
