/**
 * The small file operations util-vserver's scripts are made of (`test -e`, `read var <file`,
 * `mkdir -p`, `echo … >file`), as calls on the process's filesystem.
 */
import { SyscallError } from '../../../kernel/errno.js';
import { O_CREAT, O_EXCL, O_TRUNC, O_WRONLY } from '../../../kernel/file.js';
import type { FileStat } from '../../../kernel/fs-calls.js';
import type { Process } from '../../../kernel/process.js';

function statOf(proc: Process, path: string, follow = true): FileStat | undefined {
  try {
    return follow ? proc.fs.stat(path) : proc.fs.lstat(path);
  } catch (e) {
    if (e instanceof SyscallError) return undefined;
    throw e;
  }
}

/** `test -e` (follows symbolic links). */
export const exists = (proc: Process, path: string): boolean => statOf(proc, path) !== undefined;
/** `test -d`. */
export const isDir = (proc: Process, path: string): boolean => statOf(proc, path)?.type === 'dir';
/** `test -h`. */
export const isSymlink = (proc: Process, path: string): boolean => statOf(proc, path, false)?.type === 'symlink';
/** `test -e || test -h`: anything at all, even a dangling link. */
export const isPresent = (proc: Process, path: string): boolean => statOf(proc, path, false) !== undefined;

/** `test -x` on a regular file. */
export function isExecutable(proc: Process, path: string): boolean {
  const st = statOf(proc, path);
  if (!st || st.type === 'dir') return false;
  try {
    proc.fs.access(path, 1);
    return true;
  } catch {
    return false;
  }
}

/** isDirectoryEmpty with "a missing directory counts as empty". */
export function isDirectoryEmpty(proc: Process, path: string): boolean {
  if (!isDir(proc, path)) return !isPresent(proc, path);
  return proc.fs.readdir(path).every((n) => n === '.' || n === '..');
}

/** The whole file, or undefined when it cannot be read. */
export async function readText(proc: Process, path: string): Promise<string | undefined> {
  try {
    return await proc.readFile(path);
  } catch (e) {
    if (e instanceof SyscallError) return undefined;
    throw e;
  }
}

/** `read var <file`: the first line without surrounding blanks; undefined when unreadable. */
export async function readValue(proc: Process, path: string): Promise<string | undefined> {
  const text = await readText(proc, path);
  return text === undefined ? undefined : text.split('\n')[0]!.trim();
}

/** getFileArray: the lines of a list file (without a final empty line). */
export async function readLines(proc: Process, path: string): Promise<string[] | undefined> {
  const text = await readText(proc, path);
  if (text === undefined) return undefined;
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** _readFileToArray: the items of a list file, skipping blank lines and `#` comments. */
export async function readItems(proc: Process, path: string): Promise<string[]> {
  return ((await readLines(proc, path)) ?? []).map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
}

/** findFile: the first of the candidates that exists. */
export function findFile(proc: Process, candidates: readonly string[]): string | undefined {
  return candidates.find((c) => exists(proc, c));
}

/** `echo "$value" >path` (or with `exclusive`, O_EXCL as save_ctxinfo opens the run file). */
export async function writeText(proc: Process, path: string, content: string, options: { mode?: number; exclusive?: boolean } = {}): Promise<void> {
  const fd = proc.open(path, O_WRONLY | O_CREAT | (options.exclusive ? O_EXCL : O_TRUNC), options.mode ?? 0o644);
  try {
    await proc.write(fd, content);
  } finally {
    proc.close(fd);
  }
}

/** `mkdir -p -m MODE` (the mode applies to the directories it creates). */
export function mkdirp(proc: Process, path: string, mode = 0o755): void {
  let prefix = '';
  for (const part of path.split('/').filter(Boolean)) {
    prefix += `/${part}`;
    if (isDir(proc, prefix)) continue;
    proc.fs.mkdir(prefix, mode);
    proc.fs.chmod(prefix, mode);
  }
}

/** The directory part and the base name of a path. */
export function dirname(path: string): string {
  const i = path.replace(/\/+$/, '').lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

export function basename(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}
