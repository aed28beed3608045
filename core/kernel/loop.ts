/**
 * The loop block driver's state: which file each /dev/loopN is attached to (LOOP_SET_FD,
 * LOOP_CLR_FD, LOOP_GET_STATUS64). The file is kept by the path it was attached with, as
 * lo_file_name records it, with the device and inode numbers losetup prints.
 */
import { SyscallError } from './errno.js';
import type { Kernel } from './kernel.js';

export interface LoopBinding {
  /** The backing file as given to losetup, made absolute. */
  path: string;
  /** st_dev and st_ino of the backing file. */
  dev: number;
  ino: number;
}

export class LoopTable {
  private readonly bound = new Map<number, LoopBinding>();

  /** LOOP_SET_FD: EBUSY when the device already has a file. */
  attach(minor: number, binding: LoopBinding): void {
    if (this.bound.has(minor)) throw new SyscallError('EBUSY');
    this.bound.set(minor, { ...binding });
  }

  /** LOOP_CLR_FD: ENXIO when nothing is attached. */
  detach(minor: number): void {
    if (!this.bound.delete(minor)) throw new SyscallError('ENXIO');
  }

  /** LOOP_GET_STATUS64: ENXIO when nothing is attached. */
  status(minor: number): LoopBinding {
    const b = this.bound.get(minor);
    if (!b) throw new SyscallError('ENXIO');
    return { ...b };
  }

  save(): unknown {
    return [...this.bound].map(([m, b]) => [m, { ...b }]);
  }

  restore(state: unknown): void {
    this.bound.clear();
    for (const [m, b] of state as [number, LoopBinding][]) this.bound.set(m, { ...b });
  }
}

const tables = new WeakMap<Kernel, LoopTable>();

/** The loop devices of a kernel. */
export function loopTable(kernel: Kernel): LoopTable {
  let t = tables.get(kernel);
  if (!t) {
    t = new LoopTable();
    tables.set(kernel, t);
  }
  return t;
}
