/** Iterating over a tool's input operands: named files, or standard input for none and for '-'. */
import { SyscallError } from '../../kernel/errno.js';
import { closeInput, openInput } from './io.js';
import type { Tool } from './tool.js';

/**
 * Call `body` with an open descriptor for each input. An open or read failure (a SyscallError
 * from `body`) is reported with `describe(name, message)` and the loop goes on; the result says
 * whether every input was processed without error.
 */
export async function eachInput(
  tool: Tool,
  names: readonly string[],
  body: (fd: number, name: string) => Promise<void>,
  describe: (name: string, reason: string, phase: 'open' | 'read') => string = (name, reason) => `${name}: ${reason}`,
): Promise<boolean> {
  let ok = true;
  for (const name of names.length ? names : ['-']) {
    let fd: number;
    try {
      fd = openInput(tool.proc, name);
    } catch (e) {
      if (!(e instanceof SyscallError)) throw e;
      await tool.warn(describe(name, e.message, 'open'));
      ok = false;
      continue;
    }
    try {
      await body(fd, name);
    } catch (e) {
      if (!(e instanceof SyscallError)) throw e;
      await tool.warn(describe(name, e.message, 'read'));
      ok = false;
    } finally {
      closeInput(tool.proc, fd);
    }
  }
  return ok;
}

/** A count with coreutils' multiplier suffixes (b 512, k 1024, m 1048576; kB/KB etc. in decimal). */
export function parseCount(text: string): number | undefined {
  const m = /^(\d+)(b|k|m|g|kB|KB|MB|mB|GB|K|M|G)?$/.exec(text);
  if (!m) return undefined;
  const mult: Record<string, number> = { b: 512, k: 1024, K: 1024, m: 1048576, M: 1048576, g: 1073741824, G: 1073741824, kB: 1000, KB: 1000, MB: 1e6, mB: 1e6, GB: 1e9 };
  return Number(m[1]) * (m[2] ? mult[m[2]]! : 1);
}
