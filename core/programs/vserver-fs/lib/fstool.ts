/**
 * The traversal shared by showattr, setattr, lsxid and chxid (util-vserver's src/fstool.c,
 * reference §6.1). Each argument is lstat'ed; a directory is listed (unless `displayDir`): first
 * the directory itself under the name given, then its entries in readdir order as `<dir>/<name>`,
 * dot files only with `displayDot`. With `recurse`, subdirectories come after the files of their
 * directory, each starting with its own line; `localFs` (-x) keeps the walk on one device.
 *
 * The C program chdir()s into each directory and works on relative names; this walks with full
 * paths, which names the same files, and checks the search permission where chdir() would fail.
 */
import { SyscallError } from '../../../kernel/errno.js';
import type { FileStat } from '../../../kernel/fs-calls.js';
import { X_OK } from '../../../kernel/vfs/constants.js';
import type { UvTool } from './frame.js';

/** fstool.c's complaint after getopt's own line (0.30.210 closes the quote with a double one). */
export const fstoolHint = (argv0: string) => `Try '${argv0} --help" for more information.\n`;

export interface TraversalSettings {
  /** -R */
  recurse: boolean;
  /** -a (setattr and chxid always) */
  displayDot: boolean;
  /** -d (setattr and chxid unless -R): a directory argument is handled itself, not listed. */
  displayDir: boolean;
  /** -x */
  localFs: boolean;
}

/** The tool's work on one file: `path` to operate on, `display` to print. True on success. */
export type HandleFile = (path: string, display: string) => Promise<boolean>;

/** Process the arguments (`.` when there are none) and return the number of failures. */
export async function processArguments(tool: UvTool, files: readonly string[], settings: TraversalSettings, handle: HandleFile): Promise<number> {
  const walker = new Walker(tool, settings, handle);
  let errors = 0;
  for (const file of files.length ? files : ['.']) errors += await walker.processFile(file);
  return errors;
}

class Walker {
  constructor(
    private readonly tool: UvTool,
    private readonly settings: TraversalSettings,
    private readonly handle: HandleFile,
  ) {}

  private get fs() {
    return this.tool.proc.fs;
  }

  /** lstat(), or perror("lstat()") and undefined. */
  private async lstat(path: string): Promise<FileStat | undefined> {
    try {
      return this.fs.lstat(path);
    } catch (e) {
      if (!(e instanceof SyscallError)) throw e;
      await this.tool.perror('lstat()', e);
      return undefined;
    }
  }

  /** Could chdir() enter this directory? (search permission, the barrier) */
  private enterable(path: string): SyscallError | undefined {
    try {
      this.fs.access(path, X_OK);
      return undefined;
    } catch (e) {
      if (e instanceof SyscallError) return e;
      throw e;
    }
  }

  /** Names in readdir order, without `.` and `..`, and without dot files unless asked. */
  private shown(names: readonly string[]): string[] {
    return names.filter((n) => n !== '.' && n !== '..' && (this.settings.displayDot || !n.startsWith('.')));
  }

  async processFile(path: string): Promise<number> {
    const st = await this.lstat(path);
    if (!st) return 1;
    if (st.type === 'dir' && !this.settings.displayDir) {
      // Echdir(): a failure here ends the program.
      const denied = this.enterable(path);
      if (denied) return this.tool.fail(`chdir(): ${denied.message}\n`, 1);
      return this.iterate(path);
    }
    return (await this.handle(path, path)) ? 0 : 1;
  }

  private async iterate(path: string): Promise<number> {
    let names: string[];
    try {
      names = this.shown(this.fs.readdir(path));
    } catch (e) {
      if (!(e instanceof SyscallError)) throw e;
      await this.tool.perror('opendir()', e);
      return 1;
    }
    let errors = 0;
    // The directory itself first, under the name it was reached by.
    const here = await this.lstat(path);
    if (here) errors += (await this.handle(path, path)) ? 0 : 1;
    const prefix = path.replace(/\/+$/, '');
    // Files (and, without -R, directories) before the subdirectories.
    let subdirectories = false;
    for (const name of names) {
      const child = `${prefix}/${name}`;
      const st = await this.lstat(child);
      if (!st) {
        errors++;
        continue;
      }
      if (st.type === 'dir' && this.settings.recurse) {
        subdirectories = true;
        continue;
      }
      errors += (await this.handle(child, child)) ? 0 : 1;
      await this.tool.out.tick();
    }
    if (!subdirectories) return errors;
    for (const name of names) {
      const child = `${prefix}/${name}`;
      const st = await this.lstat(child);
      if (!st) {
        errors++;
        continue;
      }
      if (st.type !== 'dir' || (this.settings.localFs && here && st.dev !== here.dev)) continue;
      const denied = this.enterable(child);
      if (denied) {
        await this.tool.perror('chdir()', denied);
        errors++;
        continue;
      }
      errors += await this.iterate(child);
    }
    return errors;
  }
}
