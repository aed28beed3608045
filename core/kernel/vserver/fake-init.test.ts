/**
 * The host's init and a context with the `fakeinit` flag (reference §1.3, §8.7): an era-C
 * sysv-style guest has fakeinit and state_init but no initpid, and sees no pid 1 at all.
 */
import { describe, expect, it } from 'vitest';
import { bootBareKernel } from '../testing.js';
import { VXF } from './bits.js';

const boot = () => bootBareKernel(() => new Promise((r) => setImmediate(r)));

describe('the host init seen from a guest', () => {
  it('shows through without fakeinit, is hidden with fakeinit + state_init (sysv guest), and the guest init replaces it once registered', () => {
    const { kernel, spawn } = boot();
    const hostInit = kernel.tasks.get(1)!;

    const plain = spawn();
    plain.vx.create(40, VXF.state_admin);
    expect(kernel.visibility(plain.task, hostInit)).toBe(true);

    const sysv = spawn();
    sysv.vx.create(41, VXF.state_admin | VXF.state_init | VXF.fakeinit);
    expect(kernel.visibility(sysv.task, hostInit)).toBe(false);
    expect(kernel.taskSeenBy(sysv.task, 1)).toBeUndefined();

    const withInit = spawn();
    withInit.vx.create(42, VXF.state_admin | VXF.state_init | VXF.fakeinit);
    withInit.vx.migrate(42, { initpid: true });
    expect(kernel.vx.get(42)!.hasFlag(VXF.state_init)).toBe(false);
    expect(kernel.visibility(withInit.task, hostInit)).toBe(false);
    expect(kernel.taskSeenBy(withInit.task, 1)).toBe(withInit.task);
  });
});
