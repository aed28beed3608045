/**
 * Naming guests the way util-vserver does: an xid argument may be `self`, a number or the name
 * of a running vserver (`:NAME` or `NAME`, reference §2.6); a context's display name comes from
 * its CONTEXT uts value (the configuration directory the `vserver` script stored) and that
 * directory's `name` file, else the directory's base name (reference §8.3, §9.1).
 */
import { SyscallError } from '../../../kernel/errno.js';
import type { Process } from '../../../kernel/process.js';

export const CONFIG_ROOT = '/etc/vservers';

/** The configuration directory of a vserver name, or of a path given instead of a name. */
export function configDirOf(nameOrPath: string): string {
  return nameOrPath.startsWith('/') || nameOrPath.startsWith('./') ? nameOrPath.replace(/\/+$/, '') : `${CONFIG_ROOT}/${nameOrPath}`;
}

async function readFirstLine(proc: Process, path: string): Promise<string | undefined> {
  try {
    return (await proc.readFile(path)).split('\n')[0]!.trim();
  } catch (e) {
    if (e instanceof SyscallError) return undefined;
    throw e;
  }
}

/** The xid of a running vserver (its run file holds it while it runs), or undefined. */
export async function runningXidOf(proc: Process, name: string): Promise<number | undefined> {
  const text = await readFirstLine(proc, `${configDirOf(name)}/run`);
  if (text === undefined || !/^\d+$/.test(text)) return undefined;
  const xid = Number(text);
  return proc.vx.exists(xid) && proc.vx.usage(xid).tasks > 0 ? xid : undefined;
}

/** The static xid a vserver is configured with (its `context` file), or undefined. */
export async function configuredXidOf(proc: Process, name: string): Promise<number | undefined> {
  const text = await readFirstLine(proc, `${configDirOf(name)}/context`);
  return text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined;
}

/**
 * vc_xidopt2xid: `self`, a decimal xid, or a running vserver's name. Throws ESRCH for a name
 * that is not a running vserver (the tool prints `vc_xidopt2xid("<arg>"): No such process`).
 */
export async function xidFromOption(proc: Process, arg: string): Promise<number> {
  if (arg === 'self') return proc.vx.xid;
  if (/^\d+$/.test(arg)) return Number(arg);
  const name = arg.startsWith(':') ? arg.slice(1) : arg;
  const xid = name === '' ? undefined : await runningXidOf(proc, name);
  if (xid === undefined) throw new SyscallError('ESRCH');
  return xid;
}

/** The display name of a context: `name` file or base name of its configuration directory. */
export async function contextDisplayName(proc: Process, xid: number): Promise<string | undefined> {
  if (xid < 2) return undefined;
  let dir: string | undefined;
  try {
    dir = proc.vx.getName(xid, 'CONTEXT');
  } catch (e) {
    if (!(e instanceof SyscallError)) throw e;
  }
  if (!dir) return undefined;
  return (await readFirstLine(proc, `${dir}/name`)) || dir.replace(/\/+$/, '').split('/').pop();
}
