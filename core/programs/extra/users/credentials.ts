/**
 * What set-user-ID root programs (su, passwd) do with credentials. The emulated kernel has no
 * setuid(2) yet, so these helpers apply Linux's rules to the task's credentials directly:
 * exec of a setuid-root file gives euid 0 and the full capability set (within the context's
 * bounding set); setuid() to a non-zero uid from root drops every capability.
 */
import { ALL_CAPABILITIES } from '../../../kernel/capabilities.js';
import type { Process } from '../../../kernel/process.js';

/** The capabilities root gets in the caller's context (a guest's bounding set limits them). */
export function rootCapabilities(proc: Process): bigint {
  const ctx = proc.kernel.vx.get(proc.task.xid);
  return ctx ? ALL_CAPABILITIES & ctx.bcaps : ALL_CAPABILITIES;
}

/** Run `body` as a setuid-root program does (euid 0, root's capabilities), then restore the caller's. */
export async function asSetuidRoot<T>(proc: Process, body: () => Promise<T>): Promise<T> {
  const cred = proc.task.cred;
  const saved = { euid: cred.euid, caps: cred.caps };
  cred.euid = 0;
  cred.caps = rootCapabilities(proc);
  try {
    return await body();
  } finally {
    cred.euid = saved.euid;
    cred.caps = saved.caps;
  }
}

/** setgid + initgroups + setuid, as su does before running the shell. */
export function becomeUser(proc: Process, uid: number, gid: number, groups: number[]): void {
  const cred = proc.task.cred;
  cred.gid = gid;
  cred.egid = gid;
  cred.groups = [...groups];
  cred.uid = uid;
  cred.euid = uid;
  cred.caps = uid === 0 ? rootCapabilities(proc) : 0n;
}
