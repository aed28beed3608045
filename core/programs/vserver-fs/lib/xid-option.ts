/**
 * vc_xidopt2xid(str, honor_static=true), as chxid, vdu and vdlimit call it: `self`, a decimal
 * xid, or a vserver's name (`NAME` or `:NAME`) — its xid while it runs, otherwise the static one
 * of its `context` file. A name that gives neither fails; the tools then print
 * `vc_xidopt2xid("<arg>"): No such process` (the errno wording the project's `vserver` tools use).
 */
import { SyscallError } from '../../../kernel/errno.js';
import type { Process } from '../../../kernel/process.js';
import { configuredXidOf, runningXidOf } from '../../vserver/lib/names.js';
import { strtol } from './strtol.js';

/** VC_NOCTX, `(xid_t)-1`: what `--xid -1` means, i.e. no xid at all. */
export const VC_NOCTX = -1;

export async function xidFromOption(proc: Process, arg: string): Promise<number> {
  if (arg === 'self') return proc.vx.xid;
  if (!arg.startsWith(':')) {
    // strtol(str, &end, 10) with a number taking the whole string (a trailing newline is allowed).
    const n = strtol(arg, 10);
    if (n.end > 0 && (n.end === arg.length || (n.end === arg.length - 1 && arg.endsWith('\n')))) return n.value === -1 ? VC_NOCTX : n.value >>> 0;
  }
  const name = arg.startsWith(':') ? arg.slice(1) : arg;
  const xid = name === '' ? undefined : ((await runningXidOf(proc, name)) ?? (await configuredXidOf(proc, name)));
  if (xid === undefined) throw new SyscallError('ESRCH');
  return xid;
}

/** The ENSC_DETAIL1 wording of a failed lookup: `vc_xidopt2xid("name")`. */
export const xidoptCall = (arg: string) => `vc_xidopt2xid("${arg}")`;
