/**
 * Isolation invariants of Linux-VServer contexts, checked over random sequences of operations
 * from random contexts on the booted seed host (seeded, so a failure replays exactly):
 *  - a process of context A sees (in /proc), reads /proc of, and signals a process of context
 *    B ≠ A only where the rules allow: the host and guests see pid 1; the spectator sees all
 *    but signals nothing outside its own context;
 *  - nothing outside a guest's root is reachable from it when the barrier is set on /vservers,
 *    whatever sequence of chdir(".."), mkdir, chroot and relative paths it tries.
 */
import { describe, expect, it } from 'vitest';
import { SyscallError } from '../../core/kernel/errno.js';
import type { Process } from '../../core/kernel/process.js';
import { VXF } from '../../core/kernel/vserver/bits.js';
import { IATTR } from '../../core/kernel/vfs/constants.js';
import { bootTestWorld } from '../support/world.js';

/** A small deterministic PRNG (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const errnoOf = (f: () => unknown): string | undefined => {
  try {
    f();
    return undefined;
  } catch (e) {
    if (e instanceof SyscallError) return e.code;
    throw e;
  }
};

const GUESTS = [40, 41, 42];
const SEEDS = [1, 2, 3, 4, 5];

async function world() {
  const w = await bootTestWorld();
  const init = w.machine.initProcess;
  // A host secret and the guests' roots under the barrier directory.
  init.fs.mkdir('/root/secret', 0o700);
  for (const xid of GUESTS) {
    init.fs.mkdir(`/vservers/g${xid}`, 0o755);
    init.fs.mkdir(`/vservers/g${xid}/tmp`, 0o1777);
    init.fs.mkdir(`/vservers/g${xid}/proc`, 0o555);
    init.fs.mount('none', `/vservers/g${xid}/proc`, 'proc', []);
  }
  /** A sleeping process of init, moved to a context (and chrooted for guests). */
  const processIn = (xid: number): Process => {
    let proc!: Process;
    const pid = init.fork(async (p) => {
      await p.sleep(1e12);
      return 0;
    });
    proc = w.machine.processFor(w.machine.kernel.tasks.get(pid)!);
    if (xid >= 2) {
      proc.fs.chroot(`/vservers/g${xid}`);
      proc.fs.chdir('/');
      if (proc.kernel.vx.get(xid)) proc.vx.migrate(xid);
      else proc.vx.create(xid, VXF.state_admin);
    } else if (xid === 1) proc.vx.newSContext(1, 0n, 0n);
    return proc;
  };
  return { w, init, processIn };
}

/** The rules, stated independently of the kernel's code. */
function mayView(viewerXid: number, targetXid: number, targetPid: number): boolean {
  return viewerXid === 1 || viewerXid === targetXid || targetPid === 1;
}
function maySignal(senderXid: number, targetXid: number, targetPid: number): boolean {
  if (senderXid === 1) return targetXid === 1;
  if (senderXid === targetXid) return true;
  return senderXid === 0 && targetPid === 1;
}

describe('isolation between contexts (property)', () => {
  for (const seed of SEEDS) {
    it(`seed ${seed}: /proc listings, /proc reads and signals respect the context rules`, async () => {
      const { w, processIn } = await world();
      const rand = random(seed);
      const pick = <T,>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
      const contexts = [0, 1, ...GUESTS];
      const procs: Process[] = [];
      for (let i = 0; i < 12; i++) procs.push(processIn(pick(contexts)));
      const init1 = w.machine.kernel.tasks.get(1)!;
      for (let step = 0; step < 150; step++) {
        const actor = pick(procs);
        const targetTask = rand() < 0.1 ? init1 : pick(procs).task;
        const op = pick(['list', 'read', 'signal'] as const);
        const visible = mayView(actor.task.xid, targetTask.xid, targetTask.pid);
        const where = `step ${step}: ${op} by xid ${actor.task.xid} (pid ${actor.pid}) on xid ${targetTask.xid} (pid ${targetTask.pid})`;
        if (op === 'list') {
          const names = actor.fs.readdir('/proc');
          expect(names.includes(String(targetTask.pid)), where).toBe(visible);
        } else if (op === 'read') {
          const code = errnoOf(() => actor.fs.stat(`/proc/${targetTask.pid}/status`));
          expect(code, where).toBe(visible ? undefined : 'ENOENT');
        } else {
          const code = errnoOf(() => actor.kill(targetTask.pid, 0));
          const expected = !visible ? 'ESRCH' : maySignal(actor.task.xid, targetTask.xid, targetTask.pid) ? undefined : 'EPERM';
          expect(code, where).toBe(expected);
        }
      }
    });

    it(`seed ${seed}: with the barrier on /vservers, no sequence of chdir/mkdir/chroot reaches outside a guest's root`, async () => {
      const { processIn } = await world();
      const rand = random(seed * 7919);
      const pick = <T,>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
      const guest = processIn(pick(GUESTS));
      const probes = ['/root/secret', '../root/secret', '../../root/secret', '../../../root/secret', '../../../../etc/shadow', '/etc/shadow'];
      let dirs = 0;
      for (let step = 0; step < 200; step++) {
        const op = pick(['up', 'mkdir', 'chroot-dir', 'chroot-dot', 'chdir-root', 'probe'] as const);
        // Operations may fail (EACCES at the barrier, EEXIST…): the invariant is about reachability.
        errnoOf(() => {
          if (op === 'up') guest.fs.chdir('..');
          else if (op === 'mkdir') guest.fs.mkdir(`d${dirs++}`, 0o755);
          else if (op === 'chroot-dir' && dirs > 0) guest.fs.chroot(`d${Math.floor(rand() * dirs)}`);
          else if (op === 'chroot-dot') guest.fs.chroot('.');
          else if (op === 'chdir-root') guest.fs.chdir('/');
        });
        for (const path of probes) {
          const code = errnoOf(() => guest.fs.stat(path));
          expect(code, `step ${step} (${op}): stat ${path} from cwd ${errnoOf(() => guest.fs.getcwd()) ?? guest.fs.getcwd()}`).toBeDefined();
        }
      }
    });
  }

  it('control: without the barrier, the classic escape does reach the host (so the property above is not vacuous)', async () => {
    const { init, processIn } = await world();
    init.fs.setIattr('/vservers', 0, IATTR.BARRIER);
    const guest = processIn(40);
    guest.fs.mkdir('jail', 0o755);
    guest.fs.chroot('jail');
    for (let i = 0; i < 6; i++) errnoOf(() => guest.fs.chdir('..'));
    guest.fs.chroot('.');
    expect(errnoOf(() => guest.fs.stat('/root/secret'))).toBeUndefined();
  });
});
