/**
 * The credentials a VFS operation runs with: the calling task's filesystem ids, its context and
 * its capabilities. Privilege always comes from `capable()`, never from uid 0 alone, so that root
 * inside a Linux-VServer guest (which lost CAP_MKNOD, CAP_LINUX_IMMUTABLE, …) behaves like the
 * real thing.
 */
import { ALL_CAPABILITIES, hasCapability, type CapabilityName } from '../capabilities.js';

export interface VfsCred {
  /** Filesystem user id (the effective uid). */
  readonly uid: number;
  /** Filesystem group id (the effective gid). */
  readonly gid: number;
  /** Supplementary groups. */
  readonly groups: readonly number[];
  /** Security context: 0 host, 1 spectator, ≥ 2 a guest. */
  readonly xid: number;
  capable(cap: CapabilityName): boolean;
  /**
   * Whatever the kernel wants dynamic filesystems (/proc) to see about the caller, usually the
   * Task. The VFS never looks at it.
   */
  readonly subject?: unknown;
}

/** Credentials from a capability bit set (see capabilities.ts). */
export function makeCred(init: { uid: number; gid: number; groups?: readonly number[]; xid?: number; caps?: bigint; subject?: unknown }): VfsCred {
  const caps = init.caps ?? (init.uid === 0 ? ALL_CAPABILITIES : 0n);
  return {
    uid: init.uid,
    gid: init.gid,
    groups: init.groups ?? [init.gid],
    xid: init.xid ?? 0,
    capable: (cap) => hasCapability(caps, cap),
    subject: init.subject,
  };
}

/** Root of the host context with every capability (world building, kernel-internal work). */
export const HOST_ROOT: VfsCred = makeCred({ uid: 0, gid: 0, xid: 0 });

export function inGroup(cred: VfsCred, gid: number): boolean {
  return cred.gid === gid || cred.groups.includes(gid);
}
