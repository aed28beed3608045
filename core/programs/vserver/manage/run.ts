/** Running the host's own programs (ip, rm, tar, rsync…) as util-vserver's scripts do. */
import { O_WRONLY } from '../../../kernel/file.js';
import type { Process } from '../../../kernel/process.js';
import { searchPath } from '../../lib/search-path.js';
import { exists } from './files.js';

export interface RunOptions {
  env?: Record<string, string>;
  /** `>/dev/null 2>&1`. */
  quiet?: boolean;
  cwd?: string;
}

/** fork + exec + wait: the exit status (128 + signal when killed); 127 when there is no such program. */
export async function runProgram(proc: Process, argv: readonly string[], options: RunOptions = {}): Promise<number> {
  const path = searchPath(proc, argv[0]!);
  if (!path || !exists(proc, path)) {
    if (!options.quiet) await proc.err(path ? `${path}: No such file or directory\n` : `${argv[0]}: command not found\n`);
    return 127;
  }
  const pid = proc.fork(async (child) => {
    if (options.quiet) {
      const fd = child.open('/dev/null', O_WRONLY);
      child.dup2(fd, 1);
      child.dup2(fd, 2);
      child.close(fd);
    }
    if (options.cwd) child.fs.chdir(options.cwd);
    return child.exec(path, [...argv], options.env ?? proc.env);
  });
  const status = await proc.waitStatus(pid);
  return status.kind === 'exited' ? status.code : status.kind === 'signaled' ? 128 + status.signal : 0;
}

/** The ip commands of enableInterfaces/disableInterfaces: add then `link set … up`; delete in reverse. */
export async function changeInterfaces(proc: Process, commands: readonly { add: string[]; link: string[] }[], op: 'add' | 'del', quiet = false): Promise<void> {
  if (op === 'add') {
    for (const c of commands) {
      await runProgram(proc, ['/sbin/ip', 'addr', 'add', ...c.add], { quiet });
      await runProgram(proc, ['/sbin/ip', 'link', 'set', ...c.link], { quiet });
    }
    return;
  }
  for (const c of [...commands].reverse()) await runProgram(proc, ['/sbin/ip', 'addr', 'del', ...c.add], { quiet });
}
