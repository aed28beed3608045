/**
 * rm (coreutils 5.2.1, remove.c): unlink first and look at the error (EISDIR means a directory),
 * prompts on standard error answered from standard input, depth-first removal of hierarchies in
 * directory order, and the era's messages ("rm: cannot remove `x': No such file or directory").
 */
import type { FileStat } from '../../kernel/fs-calls.js';
import type { Tool } from '../lib/tool.js';
import { HELP } from './lib/help.js';
import { baseOf, dirOf, fileTypeName, isErr, joinPath, q, why } from './lib/format.js';
import { defineTool, euid, yesno } from './lib/program.js';

type Status = 'ok' | 'error' | 'declined' | 'nonempty';

interface RmOptions {
  interactive: boolean;
  ignoreMissing: boolean;
  recursive: boolean;
  verbose: boolean;
  stdinTty: boolean;
  preserveRoot: boolean;
}

/** full_filename(".") while in the parent of PATH: the parent's name, or "." at the top. */
function dirOfPath(path: string): string {
  return path.replace(/\/+$/, '').includes('/') ? dirOf(path) : '.';
}

/** UPDATE_STATUS: error beats declined beats ok. */
function worse(a: Status, b: Status): Status {
  if (a === 'error' || b === 'error') return 'error';
  if (a === 'declined' || b === 'declined') return 'declined';
  return a;
}

export class Remover {
  constructor(
    readonly tool: Tool,
    readonly o: RmOptions,
  ) {}

  private get fs() {
    return this.tool.proc.fs;
  }

  private writeProtected(path: string, st: FileStat): boolean {
    if (euid(this.tool.proc) === 0) return false;
    try {
      this.fs.access(path, 2);
      return false;
    } catch (e) {
      return isErr(e, 'EACCES');
    }
    void st;
  }

  private isEmptyDir(path: string): boolean {
    try {
      return this.fs.readdir(path).every((n) => n === '.' || n === '..');
    } catch {
      return false;
    }
  }

  /** prompt(): 'ok' to go on, 'declined', or 'error' after a diagnostic. Sets the probe results. */
  private async prompt(path: string, mode: 'descend' | 'remove-dir', probe: { isDir?: boolean; isEmpty?: boolean }): Promise<Status> {
    const o = this.o;
    let wp = false;
    let st: FileStat | undefined;
    if (!o.ignoreMissing && (o.interactive || o.stdinTty)) {
      try {
        st = this.fs.lstat(path);
        wp = this.writeProtected(path, st);
      } catch {
        st = undefined;
      }
    }
    if (!wp && !o.interactive) return 'ok';
    try {
      st = this.fs.lstat(path);
    } catch (e) {
      await this.tool.warn(`cannot lstat ${q(path)}: ${why(e)}`);
      return 'error';
    }
    if (st.type === 'dir' && !o.recursive) {
      await this.tool.warn(`cannot remove directory ${q(path)}: Is a directory`);
      return 'error';
    }
    if (st.type === 'symlink') {
      if (!o.interactive) return 'ok';
      wp = false;
    }
    probe.isDir = st.type === 'dir';
    const name = this.tool.name;
    if (st.type === 'dir' && o.recursive && mode === 'descend' && !(probe.isEmpty = this.isEmptyDir(path))) {
      await this.tool.errText(`${name}: descend into ${wp ? 'write-protected ' : ''}directory ${q(path)}? `);
    } else {
      await this.tool.errText(`${name}: remove ${wp ? 'write-protected ' : ''}${fileTypeName(st)} ${q(path)}? `);
    }
    return (await yesno(this.tool.proc)) ? 'ok' : 'declined';
  }

  private async unlink(path: string): Promise<Status | undefined> {
    try {
      this.fs.unlink(path);
      if (this.o.verbose) this.tool.out.put(`removed ${q(path)}\n`);
      return 'ok';
    } catch (e) {
      if (isErr(e, 'ENOENT') && this.o.ignoreMissing) return 'ok';
      (this as { lastError?: unknown }).lastError = e;
      return undefined;
    }
  }

  lastError: unknown;

  /** remove_entry() for Linux, where unlink never removes a directory. */
  async removeEntry(path: string, isDirHint: boolean | undefined): Promise<Status> {
    const probe: { isDir?: boolean; isEmpty?: boolean } = {};
    const s = await this.prompt(path, 'descend', probe);
    if (s !== 'ok') return s;
    const isDir = probe.isDir ?? isDirHint;
    if (isDir && !this.o.recursive) {
      await this.tool.warn(`cannot remove directory ${q(path)}: Is a directory`);
      return 'error';
    }
    if (probe.isEmpty) {
      try {
        this.fs.rmdir(path);
        if (this.o.verbose) this.tool.out.put(`removed directory: ${q(path)}\n`);
        return 'ok';
      } catch (e) {
        if (isErr(e, 'ENOENT') && this.o.ignoreMissing) return 'ok';
        if (isErr(e, 'ENOTEMPTY', 'EEXIST')) return 'nonempty';
      }
    }
    if (isDir) return 'nonempty';
    const r = await this.unlink(path);
    if (r) return r;
    const e = this.lastError;
    if (!isErr(e, 'EISDIR', 'EPERM') || !this.o.recursive) {
      await this.tool.warn(`cannot remove ${q(path)}: ${why(e)}`);
      return 'error';
    }
    return 'nonempty';
  }

  /** remove_dir(): the contents depth-first, then the directory itself. */
  async removeDir(path: string, savedError: unknown): Promise<Status> {
    let st: FileStat;
    try {
      st = this.fs.lstat(path);
    } catch (e) {
      await this.tool.warn(`cannot lstat ${q(path)}: ${why(e)}`);
      return 'error';
    }
    if (st.type !== 'dir') {
      await this.tool.warn(`cannot remove ${q(path)}: ${why(savedError)}`);
      return 'error';
    }
    if (this.o.preserveRoot) {
      try {
        const root = this.fs.lstat('/');
        if (root.dev === st.dev && root.ino === st.ino) {
          await this.tool.warn(`it is dangerous to operate recursively on \`/'`);
          await this.tool.warn(`use --no-preserve-root to override this failsafe`);
          return 'error';
        }
      } catch {
        // no root?
      }
    }
    let names: string[];
    try {
      this.fs.access(path, 1);
    } catch (e) {
      await this.tool.warn(`cannot chdir from ${q(dirOfPath(path))} to ${q(baseOf(path))}: ${why(e)}`);
      return 'error';
    }
    try {
      names = this.fs.readdir(path);
    } catch (e) {
      await this.tool.warn(`cannot open directory ${q(path)}: ${why(e)}`);
      return 'error';
    }
    let status: Status = 'ok';
    for (const name of names) {
      if (name === '.' || name === '..') continue;
      const child = joinPath(path, name);
      let hint: boolean | undefined;
      try {
        hint = this.fs.lstat(child).type === 'dir';
      } catch {
        hint = undefined;
      }
      let s = await this.removeEntry(child, hint);
      if (s === 'nonempty') s = await this.removeDir(child, this.lastError);
      status = worse(status, s);
      await this.tool.out.tick();
    }
    if (status !== 'ok') return status;
    const probe = {};
    const s = await this.prompt(path, 'remove-dir', probe);
    if (s !== 'ok') return s;
    try {
      this.fs.rmdir(path);
      if (this.o.verbose) this.tool.out.put(`removed directory: ${q(path)}\n`);
      return 'ok';
    } catch (e) {
      await this.tool.warn(`cannot remove directory ${q(path)}: ${why(e)}`);
      return 'error';
    }
  }

  /** rm_1(). */
  async remove(path: string): Promise<Status> {
    const base = baseOf(path);
    if (base === '.' || base === '..') {
      await this.tool.warn("cannot remove `.' or `..'");
      return 'error';
    }
    const s = await this.removeEntry(path, undefined);
    if (s !== 'nonempty') return s;
    return this.removeDir(path, this.lastError);
  }
}

defineTool(
  {
    name: 'rm',
    suite: 'coreutils',
    help: HELP.rm,
    authors: 'Paul Rubin, David MacKenzie, Richard Stallman, and Jim Meyering',
    options: [
      { short: 'd', long: 'directory' },
      { short: 'f', long: 'force' },
      { short: 'i', long: 'interactive' },
      { long: 'no-preserve-root' },
      { long: 'preserve-root' },
      { long: '-presume-input-tty', key: 'presume' },
      { short: 'r', long: 'recursive' },
      { short: 'R', key: 'r' },
      { short: 'v', long: 'verbose' },
    ],
  },
  async (tool, { options, operands }) => {
    const o: RmOptions = { interactive: false, ignoreMissing: false, recursive: false, verbose: false, stdinTty: tool.proc.isatty(0), preserveRoot: false };
    for (const opt of options) {
      if (opt.key === 'f') {
        o.interactive = false;
        o.ignoreMissing = true;
      } else if (opt.key === 'i') {
        o.interactive = true;
        o.ignoreMissing = false;
      } else if (opt.key === 'r') o.recursive = true;
      else if (opt.key === 'v') o.verbose = true;
      else if (opt.key === 'preserve-root') o.preserveRoot = true;
      else if (opt.key === 'no-preserve-root') o.preserveRoot = false;
      else if (opt.key === 'presume') o.stdinTty = true;
    }
    if (operands.length === 0) {
      if (o.ignoreMissing) return 0;
      return tool.usageError('too few arguments');
    }
    const remover = new Remover(tool, o);
    let status: Status = 'ok';
    for (const file of operands) {
      status = worse(status, await remover.remove(file));
      await tool.out.tick();
    }
    return status === 'error' ? 1 : 0;
  },
);
