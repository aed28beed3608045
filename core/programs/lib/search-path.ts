/** PATH search as execvp(3) does it, shared by the programs that run other programs. */
import type { Process } from '../../kernel/process.js';

/** The first executable regular file named `name` in PATH (or `name` itself when it has a slash). */
export function searchPath(proc: Process, name: string): string | undefined {
  const ok = (p: string) => {
    try {
      if (proc.fs.stat(p).type === 'dir') return false;
      proc.fs.access(p, 1);
      return true;
    } catch {
      return false;
    }
  };
  if (name.includes('/')) return name;
  for (const dir of (proc.env.PATH ?? '/bin:/usr/bin').split(':')) {
    const p = `${dir || '.'}/${name}`;
    if (ok(p)) return p;
  }
  return undefined;
}
