import { describe, expect, it } from 'vitest';
import type { Process } from '../process.js';
import { bootBareKernel } from '../testing.js';
import { capabilityBit } from '../capabilities.js';
import { SyscallError } from '../errno.js';
import { SIG } from '../signals.js';
import { VXF } from './bits.js';
import { VX_DYNAMIC_ID, VX_SAME_CONTEXT } from './calls.js';
import { MIN_DYNAMIC_XID, NEW_CONTEXT_BCAPS } from './context.js';
import { virtualProcTree } from './procfs.js';

const boot = () => bootBareKernel(() => new Promise((r) => setImmediate(r)));

const errno = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    if (e instanceof SyscallError) return e.code;
    throw e;
  }
  return 'no error';
};

describe('security contexts', () => {
  it('chcontext --xid 33 (legacy call) creates the seed context: state_init, every bcap but SETPCAP, one task, UseCnt 3', () => {
    const { kernel, spawn } = boot();
    const p = spawn();
    expect(p.vx.newSContext(33, 0n, 0n)).toBe(33);
    expect(p.task.xid).toBe(33);
    const status = virtualProcTree(kernel).read(['33', 'status'], p.task);
    expect(status).toBe('UseCnt:\t3\nTasks:\t1\nFlags:\t0000000200000000\nBCaps:\tfffffffffffffeff\nCCaps:\t0000000000000000\nTicks:\t0\n');
    expect(p.task.cred.caps & capabilityBit('SETPCAP')).toBe(0n);
  });

  it('inside a guest, creating or joining another context is refused (EPERM), even with CAP_SYS_ADMIN kept', () => {
    const { spawn } = boot();
    const p = spawn();
    p.vx.newSContext(33, 0n, 0n);
    expect(p.task.cred.caps & capabilityBit('SYS_ADMIN')).not.toBe(0n);
    expect(errno(() => p.vx.newSContext(44, 0n, 0n))).toBe('EPERM');
    expect(errno(() => p.vx.create(44, 0n))).toBe('EPERM');
    expect(errno(() => p.vx.migrate(1))).toBe('EPERM');
  });

  it('xid rules: 0 and >65535 are invalid, explicit dynamic ids must exist, dynamic allocation starts at 49152', () => {
    const { spawn } = boot();
    expect(errno(() => spawn().vx.newSContext(0, 0n, 0n))).toBe('EINVAL');
    expect(errno(() => spawn().vx.newSContext(70000, 0n, 0n))).toBe('EINVAL');
    expect(errno(() => spawn().vx.newSContext(50000, 0n, 0n))).toBe('EINVAL');
    expect(spawn().vx.newSContext(VX_DYNAMIC_ID, 0n, 0n)).toBe(MIN_DYNAMIC_XID);
    expect(spawn().vx.newSContext(VX_DYNAMIC_ID, 0n, 0n)).toBe(MIN_DYNAMIC_XID + 1);
    expect(errno(() => spawn().vx.create(1, 0n))).toBe('EINVAL');
  });

  it('vc_ctx_create: EEXIST for a live context, EBUSY while it is in setup; migrate needs an existing context', () => {
    const { spawn } = boot();
    const a = spawn();
    a.vx.create(40, VXF.state_admin);
    expect(errno(() => spawn().vx.create(40, 0n))).toBe('EEXIST');
    const b = spawn();
    b.vx.create(41, VXF.state_setup | VXF.state_admin);
    expect(errno(() => spawn().vx.create(41, 0n))).toBe('EBUSY');
    expect(errno(() => spawn().vx.migrate(42))).toBe('ESRCH');
    const c = spawn();
    c.vx.migrate(40);
    expect(c.task.xid).toBe(40);
  });

  it('a context without state_admin cannot be entered from the host (EACCES); a private one neither', () => {
    const { spawn } = boot();
    spawn().vx.create(50, 0n);
    expect(errno(() => spawn().vx.migrate(50))).toBe('EACCES');
    spawn().vx.create(51, VXF.state_admin | VXF.private);
    expect(errno(() => spawn().vx.migrate(51))).toBe('EACCES');
  });

  it('entering masks capabilities with the bounding set; bcaps can only be lowered', () => {
    const { spawn } = boot();
    const a = spawn();
    a.vx.create(60, VXF.state_admin);
    const host = spawn();
    host.vx.setCaps(60, { bcaps: 0n, bmask: capabilityBit('NET_RAW') });
    expect(a.task.cred.caps & capabilityBit('NET_RAW')).toBe(0n);
    host.vx.setCaps(60, { bcaps: capabilityBit('NET_RAW'), bmask: capabilityBit('NET_RAW') });
    expect(host.vx.info(60).bcaps & capabilityBit('NET_RAW')).toBe(0n);
    const b = spawn();
    b.vx.migrate(60);
    expect(b.task.cred.caps & capabilityBit('NET_RAW')).toBe(0n);
    expect(host.vx.info(60).bcaps).toBe(NEW_CONTEXT_BCAPS & ~capabilityBit('NET_RAW'));
  });

  it('a guest sees only its own context; the host sees all; one-time flags only clear', () => {
    const { spawn } = boot();
    const a = spawn();
    a.vx.create(70, VXF.state_admin | VXF.state_setup);
    const b = spawn();
    b.vx.create(71, VXF.state_admin);
    expect(a.vx.contexts()).toEqual([70]);
    expect(errno(() => a.vx.info(71))).toBe('ESRCH');
    const host = spawn();
    expect(host.vx.contexts()).toEqual([70, 71]);
    host.vx.setFlags(70, 0n, VXF.state_setup);
    host.vx.setFlags(70, VXF.state_setup | VXF.virt_uptime, VXF.state_setup | VXF.virt_uptime);
    expect(host.vx.info(70).flags & VXF.state_setup).toBe(0n);
    expect(host.vx.info(70).flags & VXF.virt_uptime).toBe(VXF.virt_uptime);
  });

  it('a context disappears with its last task', async () => {
    const { kernel, spawn } = boot();
    const a = spawn();
    a.vx.create(80, VXF.state_admin);
    expect(kernel.vx.get(80)).toBeDefined();
    kernel.sendSignal(a.task, SIG.KILL);
    await new Promise((r) => setImmediate(r));
    expect(kernel.vx.get(80)).toBeUndefined();
  });

  it('visibility: the host sees its own tasks and pid 1, a guest its own and pid 1, the spectator everything; kill across contexts is ESRCH', () => {
    const { kernel, spawn } = boot();
    const guest = spawn();
    guest.vx.newSContext(33, 0n, 0n);
    const host = spawn();
    expect(kernel.visibility(host.task, guest.task)).toBe(false);
    expect(kernel.visibility(guest.task, host.task)).toBe(false);
    expect(kernel.visibility(guest.task, kernel.tasks.get(1)!)).toBe(true);
    expect(errno(() => host.kill(guest.pid, SIG.TERM))).toBe('ESRCH');
    expect(errno(() => guest.kill(host.pid, SIG.TERM))).toBe('ESRCH');
    const spectator = spawn();
    spectator.vx.newSContext(1, 0n, 0n);
    expect(kernel.visibility(spectator.task, guest.task)).toBe(true);
    expect(errno(() => spectator.kill(guest.pid, SIG.TERM))).toBe('EPERM');
  });

  it('fake init: the guest sees its init as pid 1 and no longer the host init', () => {
    const { kernel, spawn } = boot();
    const initOfGuest = spawn();
    initOfGuest.vx.create(90, VXF.state_admin | VXF.fakeinit);
    const other = spawn();
    other.vx.migrate(90, { initpid: false });
    const host = spawn();
    host.vx.setFlags(90, VXF.fakeinit, VXF.fakeinit);
    kernel.vx.get(90)!.initpid = initOfGuest.pid;
    expect(kernel.pidSeenBy(other.task, initOfGuest.task)).toBe(1);
    expect(kernel.taskSeenBy(other.task, 1)).toBe(initOfGuest.task);
    expect(kernel.visibility(other.task, kernel.tasks.get(1)!)).toBe(false);
    expect(kernel.taskSeenBy(other.task, initOfGuest.pid)).toBeUndefined();
  });

  it('vkill rules: pid 0 signals the whole context; without state_admin other pids are refused', async () => {
    const { kernel, spawn } = boot();
    const a = spawn();
    a.vx.create(100, VXF.state_admin);
    const b = spawn();
    b.vx.migrate(100);
    const host = spawn();
    host.vx.kill(100, 0, SIG.KILL);
    await new Promise((r) => setImmediate(r));
    expect(a.task.alive || b.task.alive).toBe(false);
    const c = spawn();
    c.vx.newSContext(101, 0n, 0n);
    expect(errno(() => host.vx.kill(101, c.pid, SIG.TERM))).toBe('EACCES');
    expect(errno(() => host.vx.kill(102, 0, SIG.TERM))).toBe('ESRCH');
    expect(kernel.vx.get(100)).toBeUndefined();
  });

  it('the context process limit makes fork fail with EAGAIN and counts a hit', () => {
    const { spawn } = boot();
    const a = spawn();
    a.vx.create(110, VXF.state_admin);
    spawn().vx.setLimit(110, 'nproc', { hard: 2 });
    a.fork(async (p) => {
      await p.sleep(1e9);
      return 0;
    });
    expect(errno(() => a.fork(async () => 0))).toBe('EAGAIN');
    expect(spawn().vx.getLimit(110, 'nproc').hits).toBe(1);
  });

  it('context-wide limits: address space (fork → ENOMEM) and open descriptors (EMFILE) count every task of the guest', () => {
    const { spawn } = boot();
    const a = spawn();
    a.vx.create(111, VXF.state_admin);
    a.task.vszKb = 4000; // 1,000 pages
    const host = spawn();
    host.vx.setLimit(111, 'as', { hard: 1500 });
    expect(errno(() => a.fork(async () => 0))).toBe('ENOMEM');
    host.vx.setLimit(111, 'as', { hard: Infinity });
    host.vx.setLimit(111, 'openfd', { hard: 1 });
    expect(errno(() => a.pipe())).toBe('EMFILE');
    expect(host.vx.getLimit(111, 'openfd').hits).toBe(1);
    expect(host.vx.getLimit(111, 'as').hits).toBe(1);
  });

  it('VX_SAME_CONTEXT lowers the current context\'s capabilities (chcontext --secure after entering)', () => {
    const { spawn } = boot();
    const a = spawn();
    a.vx.newSContext(120, 0n, 0n);
    a.vx.newSContext(VX_SAME_CONTEXT, capabilityBit('SYS_ADMIN'), 0n);
    expect(a.task.cred.caps & capabilityBit('SYS_ADMIN')).toBe(0n);
    expect(errno(() => a.vx.newSContext(VX_SAME_CONTEXT, 0n, 0n))).toBe('EPERM');
  });

  it('token bucket: with sched_hard a busy loop gets fill-rate/interval of the CPU over simulated time, and shows as H while on hold', async () => {
    const { kernel, spawn } = boot();
    const busy = (p: Process) =>
      p.fork(async (child) => {
        for (;;) await child.checkpoint();
      });
    const guest = spawn();
    guest.vx.create(130, VXF.state_admin | VXF.sched_hard);
    spawn().vx.setSched(130, { fillRate: 1, interval: 4, tokens: 0, tokensMin: 50, tokensMax: 500 });
    const throttled = kernel.tasks.get(busy(guest))!;
    const free = kernel.tasks.get(busy(spawn()))!;
    let sawHold = false;
    for (let step = 0; step < 200; step++) {
      kernel.clock.advance(50);
      await new Promise((r) => setImmediate(r));
      if (throttled.state === 'sleeping' && throttled.waitChannel === 'vx_hold') sawHold = true;
    }
    const seconds = 10;
    expect(throttled.utimeMs / (seconds * 1000)).toBeGreaterThan(0.2);
    expect(throttled.utimeMs / (seconds * 1000)).toBeLessThan(0.3);
    // The unthrottled loop shares the one CPU with the throttled one whenever that one runs.
    expect(free.utimeMs / (seconds * 1000)).toBeGreaterThan(0.4);
    expect(sawHold).toBe(true);
    expect(kernel.vx.get(130)!.sched.ticks).toBeCloseTo(throttled.utimeMs, 0);
  });
});
