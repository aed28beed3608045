/**
 * The last step of most util-vserver tools: execvp() the program that follows the options, in the
 * context (or namespace, or network binding) the tool just set up. A failure is the tool's
 * `TOOL: execvp("name"): <strerror>` and status 255.
 */
import { SyscallError } from '../../../kernel/errno.js';
import { searchPath } from '../../lib/search-path.js';
import type { UvTool } from '../../vserver-fs/lib/frame.js';

export async function execProgram(tool: UvTool, argv: readonly string[], prefix: string): Promise<number> {
  await tool.out.flush();
  const name = argv[0]!;
  const path = name.includes('/') ? name : searchPath(tool.proc, name);
  try {
    if (!path) throw new SyscallError('ENOENT');
    return await tool.proc.exec(path, [...argv], tool.proc.env);
  } catch (e) {
    if (!(e instanceof SyscallError)) throw e;
    return tool.fail(`${prefix}: execvp("${name}"): ${e.message}\n`, 255);
  }
}
