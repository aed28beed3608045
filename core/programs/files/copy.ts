/**
 * cp and mv (coreutils 5.2.1): the copy engine of copy.c — recursive copies, hard-link
 * preservation by (dev, ino), symlinks copied as symlinks, special files, the -i/-f/-u rules,
 * "same file" and "into itself" checks, and mv's rename with the copy-and-remove fallback across
 * filesystems (EXDEV). As in cp.c, the umask is cleared at start and applied by hand.
 */
import type { FileStat } from '../../kernel/fs-calls.js';
import { O_CREAT, O_RDONLY, O_TRUNC, O_WRONLY } from '../../kernel/file.js';
import type { Process } from '../../kernel/process.js';
import type { Tool } from '../lib/tool.js';
import { HELP } from './lib/help.js';
import { baseOf, dirOf, isErr, joinPath, q, stripSlashes, why } from './lib/format.js';
import { argmatch, defineTool, euid, setUmask, yesno } from './lib/program.js';
import { Remover } from './rm.js';

type Deref = 'never' | 'args' | 'always';
type Backup = 'none' | 'simple' | 'numbered' | 'existing';

export interface CopyOptions {
  moveMode: boolean;
  recursive: boolean;
  deref: Deref;
  preserveLinks: boolean;
  preserveOwnership: boolean;
  preserveMode: boolean;
  preserveTimestamps: boolean;
  requirePreserve: boolean;
  hardLink: boolean;
  symbolicLink: boolean;
  interactive: 'unspecified' | 'ask' | 'always-no' | 'always-yes';
  unlinkDestBeforeOpening: boolean;
  unlinkDestAfterFailedOpen: boolean;
  update: boolean;
  verbose: boolean;
  oneFileSystem: boolean;
  copyAsRegular: boolean;
  stdinTty: boolean;
  /** ~umask, or all bits when modes are preserved. */
  umaskKill: number;
  backup: Backup;
  suffix: string;
}

const devIno = (st: Pick<FileStat, 'dev' | 'ino'>) => `${st.dev}:${st.ino}`;

export class Copier {
  /** (dev, ino) of copied sources and created directories → destination name (remember_copied). */
  private readonly copied = new Map<string, string>();
  private readonly srcSeen = new Set<string>();
  private readonly destSeen = new Set<string>();
  private topSrc = '';
  private topDst = '';
  /** The umask that cp/mv cleared at start (umask(0)). */

  constructor(
    readonly tool: Tool,
    readonly x: CopyOptions,
  ) {}

  get proc(): Process {
    return this.tool.proc;
  }

  private get fs() {
    return this.proc.fs;
  }

  private xstat(path: string, x: CopyOptions): FileStat {
    return x.deref === 'never' ? this.fs.lstat(path) : this.fs.stat(path);
  }

  private destMode(mode: number): number {
    if (!this.x.moveMode && !this.x.preserveMode) return mode & this.x.umaskKill & ~0o6000;
    return mode;
  }

  /** copy(): one command-line argument. Returns ok, plus mv's flags. */
  async copy(src: string, dst: string, newDst: boolean): Promise<{ ok: boolean; intoSelf: boolean; renamed: boolean }> {
    this.topSrc = src;
    this.topDst = dst;
    const r = { intoSelf: false, renamed: false };
    const ok = await this.copyInternal(src, dst, newDst, 0, [], this.x, true, r);
    return { ok, ...r };
  }

  private backupName(dst: string): string {
    if (this.x.backup === 'simple') return dst + this.x.suffix;
    const dir = dirOf(dst);
    const base = baseOf(dst);
    let highest = 0;
    try {
      for (const n of this.fs.readdir(dir)) {
        const m = /^(.*)\.~(\d+)~$/.exec(n);
        if (m && m[1] === base) highest = Math.max(highest, Number(m[2]));
      }
    } catch {
      // none
    }
    if (this.x.backup === 'existing' && highest === 0) return dst + this.x.suffix;
    return `${dst}.~${highest + 1}~`;
  }

  private async overwritePrompt(dst: string, st: FileStat): Promise<boolean> {
    let writable = true;
    try {
      this.fs.access(dst, 2);
    } catch {
      writable = false;
    }
    if (!writable && euid(this.proc) !== 0) {
      await this.tool.errText(`${this.tool.name}: overwrite ${q(dst)}, overriding mode ${(st.perm & 0o7777).toString(8).padStart(4, '0')}? `);
    } else await this.tool.errText(`${this.tool.name}: overwrite ${q(dst)}? `);
    return yesno(this.proc);
  }

  private unwritable(dst: string, st: FileStat): boolean {
    if (st.type === 'symlink') return false;
    try {
      this.fs.access(dst, 2);
      return false;
    } catch {
      return true;
    }
  }

  /** same_file_ok(), simplified to the cases the tools meet on Linux. */
  private sameFileOk(src: string, srcSt: FileStat, dst: string, dstSt: FileStat, x: CopyOptions): { ok: boolean; returnNow: boolean; unlinkSrc: boolean } {
    const same = devIno(srcSt) === devIno(dstSt);
    const sameName = () => {
      try {
        const a = this.fs.lstat(src);
        const b = this.fs.lstat(dst);
        return devIno(a) === devIno(b) && baseOf(src) === baseOf(dst) && this.fs.realpath(dirOf(src)) === this.fs.realpath(dirOf(dst));
      } catch {
        return false;
      }
    };
    if (same && x.hardLink) return { ok: true, returnNow: false, unlinkSrc: false };
    let srcLink: FileStat;
    let dstLink: FileStat;
    let sameLink: boolean;
    if (x.deref === 'never') {
      sameLink = same;
      if (srcSt.type === 'symlink' && dstSt.type === 'symlink') return { ok: !sameName(), returnNow: false, unlinkSrc: false };
      srcLink = srcSt;
      dstLink = dstSt;
    } else {
      if (!same) return { ok: true, returnNow: false, unlinkSrc: false };
      try {
        dstLink = this.fs.lstat(dst);
        srcLink = this.fs.lstat(src);
      } catch {
        return { ok: true, returnNow: false, unlinkSrc: false };
      }
      sameLink = devIno(srcLink) === devIno(dstLink);
      if (srcLink.type === 'symlink' && dstLink.type === 'symlink' && x.unlinkDestBeforeOpening) return { ok: true, returnNow: false, unlinkSrc: false };
    }
    if (x.backup !== 'none') return { ok: !sameLink || !sameName(), returnNow: false, unlinkSrc: false };
    if (x.moveMode || x.unlinkDestBeforeOpening) {
      if (dstLink.type === 'symlink') return { ok: true, returnNow: false, unlinkSrc: false };
      if (sameLink && dstLink.nlink > 1 && !sameName()) {
        if (x.moveMode) return { ok: true, returnNow: true, unlinkSrc: true };
        return { ok: true, returnNow: false, unlinkSrc: false };
      }
    }
    if (srcLink.type !== 'symlink' && dstLink.type !== 'symlink') {
      if (devIno(srcLink) !== devIno(dstLink)) return { ok: true, returnNow: false, unlinkSrc: false };
      if (x.hardLink) return { ok: true, returnNow: false, unlinkSrc: false };
    }
    if (x.unlinkDestBeforeOpening && dstLink.type === 'symlink') return { ok: true, returnNow: false, unlinkSrc: false };
    if (x.deref === 'never') {
      // The remaining deref-never case: one of them is a symlink to the other.
      let s: FileStat;
      let d: FileStat;
      try {
        s = srcLink.type === 'symlink' ? this.fs.stat(src) : srcLink;
        d = dstLink.type === 'symlink' ? this.fs.stat(dst) : dstLink;
      } catch {
        return { ok: true, returnNow: false, unlinkSrc: false };
      }
      if (devIno(s) !== devIno(d)) return { ok: true, returnNow: false, unlinkSrc: false };
      if (x.hardLink) return { ok: true, returnNow: true, unlinkSrc: false };
    }
    return { ok: false, returnNow: false, unlinkSrc: false };
  }

  /** copy_internal(). Returns true on success. */
  private async copyInternal(
    src: string,
    dst: string,
    newDst: boolean,
    device: number,
    ancestors: string[],
    x: CopyOptions,
    commandLine: boolean,
    r: { intoSelf: boolean; renamed: boolean },
  ): Promise<boolean> {
    const fs = this.fs;
    const tool = this.tool;
    await this.proc.checkpoint();
    let srcSt: FileStat;
    try {
      srcSt = this.xstat(src, x);
    } catch (e) {
      await tool.warn(`cannot stat ${q(src)}: ${why(e)}`);
      return false;
    }
    const isDir = srcSt.type === 'dir';
    if (isDir && !x.recursive) {
      await tool.warn(`omitting directory ${q(src)}`);
      return false;
    }
    if (commandLine) {
      const key = `${devIno(srcSt)}:${src}`;
      if (!isDir && x.backup === 'none' && this.srcSeen.has(key)) {
        await tool.warn(`warning: source file ${q(src)} specified more than once`);
        return true;
      }
      this.srcSeen.add(key);
    }
    let dstSt: FileStat | undefined;
    let backupName: string | undefined;
    if (!newDst) {
      try {
        dstSt = this.xstat(dst, x);
      } catch (e) {
        if (!isErr(e, 'ENOENT')) {
          await tool.warn(`cannot stat ${q(dst)}: ${why(e)}`);
          return false;
        }
        newDst = true;
      }
      if (dstSt) {
        const same = this.sameFileOk(src, srcSt, dst, dstSt, x);
        if (same.unlinkSrc) {
          try {
            fs.unlink(src);
          } catch (e) {
            await tool.warn(`cannot remove ${q(src)}: ${why(e)}`);
            return false;
          }
          r.renamed = true;
        }
        if (same.returnNow) return true;
        if (!same.ok) {
          await tool.warn(`${q(src)} and ${q(dst)} are the same file`);
          return false;
        }
        if (dstSt.type !== 'dir') {
          if (isDir) {
            await tool.warn(`cannot overwrite non-directory ${q(dst)} with directory ${q(src)}`);
            return false;
          }
          if (commandLine && x.backup !== 'numbered' && this.destSeen.has(`${devIno(dstSt)}:${dst}`)) {
            await tool.warn(`will not overwrite just-created ${q(dst)} with ${q(src)}`);
            return false;
          }
        }
        if (!isDir) {
          if (dstSt.type === 'dir') {
            await tool.warn(`cannot overwrite directory ${q(dst)} with non-directory`);
            return false;
          }
          if (x.update && srcSt.mtime <= dstSt.mtime) {
            r.renamed = true;
            return true;
          }
          if (x.moveMode) {
            const ask = x.interactive === 'ask' || (x.interactive === 'unspecified' && x.stdinTty && this.unwritable(dst, dstSt));
            if ((x.interactive === 'always-no' && this.unwritable(dst, dstSt)) || (ask && !(await this.overwritePrompt(dst, dstSt)))) {
              r.renamed = true;
              return true;
            }
          } else if (x.interactive === 'always-no' || (x.interactive === 'ask' && !(await this.overwritePrompt(dst, dstSt)))) {
            return true;
          }
        }
        if (x.moveMode && dstSt.type === 'dir') {
          await tool.warn(`cannot overwrite directory ${q(dst)}`);
          return false;
        }
        if (x.backup !== 'none' && dstSt.type !== 'dir') {
          const b = this.backupName(dst);
          if (b === src) {
            await tool.warn(`backing up ${q(dst)} would destroy source;  ${q(src)} not ${x.moveMode ? 'moved' : 'copied'}`);
            return false;
          }
          try {
            fs.rename(dst, b);
            backupName = b;
          } catch (e) {
            if (!isErr(e, 'ENOENT')) {
              await tool.warn(`cannot backup ${q(dst)}: ${why(e)}`);
              return false;
            }
          }
          newDst = true;
        } else if (dstSt.type !== 'dir' && (x.unlinkDestBeforeOpening || (x.deref === 'never' && srcSt.type !== 'file'))) {
          try {
            fs.unlink(dst);
          } catch (e) {
            if (!isErr(e, 'ENOENT')) {
              await tool.warn(`cannot remove ${q(dst)}: ${why(e)}`);
              return false;
            }
          }
          newDst = true;
        }
      }
    }
    if (x.verbose && !isDir) this.tool.out.put(`${q(src)} -> ${q(dst)}${backupName ? ` (backup: ${q(backupName)})` : ''}\n`);

    const key = devIno(srcSt);
    let earlier: string | undefined;
    let recorded = false;
    if (x.moveMode && srcSt.nlink === 1) earlier = this.copied.get(key);
    else if ((x.preserveLinks && (srcSt.nlink > 1 || (commandLine && x.deref === 'args') || x.deref === 'always')) || (x.recursive && isDir)) {
      earlier = this.copied.get(key);
      if (earlier === undefined) {
        this.copied.set(key, dst);
        recorded = true;
      }
    }
    const fail = async (): Promise<false> => {
      if (recorded) this.copied.delete(key);
      if (backupName) {
        try {
          fs.rename(backupName, dst);
          if (x.verbose) this.tool.out.put(`${q(backupName)} -> ${q(dst)} (unbackup)\n`);
        } catch (e) {
          await tool.warn(`cannot un-backup ${q(dst)}: ${why(e)}`);
        }
      }
      return false;
    };

    if (earlier !== undefined) {
      if (isDir) {
        if (earlier === src || this.sameEntry(src, earlier)) {
          await tool.warn(`cannot copy a directory, ${q(this.topSrc)}, into itself, ${q(this.topDst)}`);
          r.intoSelf = true;
        } else await tool.warn(`will not create hard link ${q(dst)} to directory ${q(earlier)}`);
        return fail();
      }
      try {
        try {
          fs.link(earlier, dst);
        } catch (e) {
          if (!isErr(e, 'EEXIST')) throw e;
          try {
            fs.unlink(dst);
          } catch (e2) {
            await tool.warn(`cannot remove ${q(dst)}: ${why(e2)}`);
            return fail();
          }
          fs.link(earlier, dst);
        }
      } catch (e) {
        await tool.warn(`cannot create hard link ${q(dst)} to ${q(earlier)}: ${why(e)}`);
        return fail();
      }
      return true;
    }

    if (x.moveMode) {
      try {
        fs.rename(src, dst);
        if (x.verbose && isDir) this.tool.out.put(`${q(src)} -> ${q(dst)}\n`);
        r.renamed = true;
        if (commandLine) this.destSeen.add(`${devIno(srcSt)}:${dst}`);
        return true;
      } catch (e) {
        if (isErr(e, 'EINVAL', 'EIO', 'ENOTEMPTY')) {
          await tool.warn(`cannot move ${q(this.topSrc)} to a subdirectory of itself, ${q(this.topDst)}`);
          r.intoSelf = true;
          return true;
        }
        if (!isErr(e, 'EXDEV')) {
          await tool.warn(`cannot move ${q(src)} to ${q(dst)}: ${why(e)}`);
          this.copied.delete(key);
          return false;
        }
      }
      try {
        fs.unlink(dst);
      } catch (e) {
        if (!isErr(e, 'ENOENT')) {
          // EISDIR for a directory destination is what unlink gives; treat as "nothing to remove" only for ENOENT.
          await tool.warn(`inter-device move failed: ${q(src)} to ${q(dst)}; unable to remove target: ${why(e)}`);
          this.copied.delete(key);
          return false;
        }
      }
      newDst = true;
    }

    let delayedFail = false;
    let preserveMetadata = true;
    let copiedAsRegular = false;
    if (isDir) {
      if (ancestors.includes(key)) {
        await tool.warn(`cannot copy cyclic symbolic link ${q(src)}`);
        return fail();
      }
      if (newDst || dstSt?.type !== 'dir') {
        try {
          fs.mkdir(dst, (srcSt.perm & x.umaskKill) | 0o700);
        } catch (e) {
          await tool.warn(`cannot create directory ${q(dst)}: ${why(e)}`);
          return fail();
        }
        try {
          this.copied.set(devIno(fs.stat(dst)), dst);
        } catch {
          return fail();
        }
        if (x.verbose) this.tool.out.put(`${q(src)} -> ${q(dst)}\n`);
      }
      if (x.oneFileSystem && device !== 0 && device !== srcSt.dev) return true;
      if (!(await this.copyDir(src, dst, newDst, srcSt, [...ancestors, key], x, r))) delayedFail = true;
    } else if (x.symbolicLink) {
      preserveMetadata = false;
      if (!src.startsWith('/')) {
        const parent = dirOf(dst);
        let inCwd = parent === '.';
        if (!inCwd) {
          try {
            inCwd = devIno(fs.stat('.')) === devIno(fs.stat(parent));
          } catch {
            inCwd = true;
          }
        }
        if (!inCwd) {
          await tool.warn(`${q(dst)}: can make relative symbolic links only in current directory`);
          return fail();
        }
      }
      try {
        fs.symlink(src, dst);
      } catch (e) {
        await tool.warn(`cannot create symbolic link ${q(dst)} to ${q(src)}: ${why(e)}`);
        return fail();
      }
    } else if (x.hardLink) {
      preserveMetadata = false;
      try {
        fs.link(src, dst);
      } catch (e) {
        await tool.warn(`cannot create link ${q(dst)}: ${why(e)}`);
        return fail();
      }
    } else if (srcSt.type === 'file' || (x.copyAsRegular && srcSt.type !== 'symlink')) {
      copiedAsRegular = true;
      const res = await this.copyReg(src, dst, x, this.destMode(srcSt.perm), newDst);
      if (res === undefined) return fail();
      newDst = res;
    } else if (srcSt.type === 'fifo' || srcSt.type === 'chardev' || srcSt.type === 'blockdev' || srcSt.type === 'socket') {
      try {
        fs.mknod(dst, srcSt.type === 'socket' ? 'fifo' : srcSt.type, this.destMode(srcSt.perm), srcSt.rdevMajor, srcSt.rdevMinor);
      } catch (e) {
        await tool.warn(`cannot create ${srcSt.type === 'fifo' ? 'fifo' : 'special file'} ${q(dst)}: ${why(e)}`);
        return fail();
      }
    } else if (srcSt.type === 'symlink') {
      let target: string;
      try {
        target = fs.readlink(src);
      } catch (e) {
        await tool.warn(`cannot read symbolic link ${q(src)}: ${why(e)}`);
        return fail();
      }
      try {
        fs.symlink(target, dst);
      } catch (e) {
        let sameLink = false;
        if (x.update && !newDst && dstSt?.type === 'symlink') {
          try {
            sameLink = fs.readlink(dst) === target;
          } catch {
            sameLink = false;
          }
        }
        if (!sameLink) {
          await tool.warn(`cannot create symbolic link ${q(dst)}: ${why(e)}`);
          return fail();
        }
      }
      preserveMetadata = false;
      if (x.preserveOwnership) {
        try {
          fs.chown(dst, srcSt.uid, srcSt.gid, true);
        } catch (e) {
          if (!(isErr(e, 'EPERM', 'EINVAL') && euid(this.proc) !== 0)) {
            await tool.warn(`failed to preserve ownership for ${dst}: ${why(e)}`);
            return fail();
          }
        }
      }
    } else {
      await tool.warn(`${q(src)} has unknown file type`);
      return fail();
    }

    if (commandLine) {
      try {
        this.destSeen.add(`${devIno(fs.lstat(dst))}:${dst}`);
      } catch {
        // gone
      }
    }
    if (!preserveMetadata) return true;

    if (x.preserveTimestamps) {
      try {
        fs.utimes(dst, srcSt.atime, srcSt.mtime);
      } catch (e) {
        await tool.warn(`preserving times for ${q(dst)}: ${why(e)}`);
        if (x.requirePreserve) return false;
      }
    }
    let ranChown = false;
    if (x.preserveOwnership && (newDst || !dstSt || dstSt.uid !== srcSt.uid || dstSt.gid !== srcSt.gid)) {
      ranChown = true;
      try {
        fs.chown(dst, srcSt.uid, srcSt.gid);
      } catch (e) {
        // DO_CHOWN: a non-root user's EPERM/EINVAL is not an error.
        if (!(isErr(e, 'EPERM', 'EINVAL') && euid(this.proc) !== 0)) {
          await tool.warn(`failed to preserve ownership for ${q(dst)}: ${why(e)}`);
          if (x.requirePreserve) return false;
        }
      }
    }
    if (newDst && copiedAsRegular && !(ranChown && srcSt.perm & ~0o777)) return !delayedFail;
    if ((x.preserveMode || newDst) && (x.copyAsRegular || srcSt.type === 'file' || isDir)) {
      try {
        fs.chmod(dst, this.destMode(srcSt.perm));
      } catch (e) {
        await tool.warn(`setting permissions for ${q(dst)}: ${why(e)}`);
        if (x.requirePreserve) return false;
      }
    }
    return !delayedFail;
  }

  private sameEntry(a: string, b: string): boolean {
    try {
      return this.fs.realpath(a) === this.fs.realpath(b);
    } catch {
      return false;
    }
  }

  private async copyDir(src: string, dst: string, newDst: boolean, srcSt: FileStat, ancestors: string[], x: CopyOptions, r: { intoSelf: boolean; renamed: boolean }): Promise<boolean> {
    let names: string[];
    try {
      names = this.fs.readdir(src).filter((n) => n !== '.' && n !== '..');
    } catch (e) {
      await this.tool.warn(`cannot access ${q(src)}: ${why(e)}`);
      return false;
    }
    const sub: CopyOptions = x.deref === 'args' ? { ...x, deref: 'never' } : x;
    let ok = true;
    for (const name of names) {
      const local = { intoSelf: false, renamed: false };
      if (!(await this.copyInternal(joinPath(src, name), joinPath(dst, name), newDst, srcSt.dev, ancestors, sub, false, local))) ok = false;
      r.intoSelf ||= local.intoSelf;
      await this.tool.out.tick();
    }
    return ok;
  }

  /** copy_reg(): the data of a regular file. Returns the new newDst, or undefined on failure. */
  private async copyReg(src: string, dst: string, x: CopyOptions, mode: number, newDst: boolean): Promise<boolean | undefined> {
    const proc = this.proc;
    const tool = this.tool;
    let inFd: number;
    try {
      inFd = proc.open(src, O_RDONLY);
    } catch (e) {
      await tool.warn(`cannot open ${q(src)} for reading: ${why(e)}`);
      return undefined;
    }
    let outFd: number | undefined;
    try {
      try {
        outFd = newDst ? proc.open(dst, O_WRONLY | O_CREAT, mode) : proc.open(dst, O_WRONLY | O_TRUNC, mode);
      } catch (e) {
        if (newDst || !x.unlinkDestAfterFailedOpen) throw e;
        try {
          this.fs.unlink(dst);
        } catch (e2) {
          await tool.warn(`cannot remove ${q(dst)}: ${why(e2)}`);
          return undefined;
        }
        newDst = true;
        outFd = proc.open(dst, O_WRONLY | O_CREAT, mode);
      }
    } catch (e) {
      proc.close(inFd);
      await tool.warn(`cannot create regular file ${q(dst)}: ${why(e)}`);
      return undefined;
    }
    let ok = true;
    try {
      for (;;) {
        let chunk: string;
        try {
          chunk = await proc.read(inFd, 65536);
        } catch (e) {
          await tool.warn(`reading ${q(src)}: ${why(e)}`);
          ok = false;
          break;
        }
        if (chunk === '') break;
        try {
          await proc.write(outFd, chunk);
        } catch (e) {
          await tool.warn(`writing ${q(dst)}: ${why(e)}`);
          ok = false;
          break;
        }
        await proc.checkpoint();
      }
    } finally {
      proc.close(outFd);
      proc.close(inFd);
    }
    return ok ? newDst : undefined;
  }
}

// ----- cp -----------------------------------------------------------------------------------------

function baseOptions(proc: Process): CopyOptions {
  return {
    moveMode: false,
    recursive: false,
    deref: 'always',
    preserveLinks: false,
    preserveOwnership: false,
    preserveMode: false,
    preserveTimestamps: false,
    requirePreserve: false,
    hardLink: false,
    symbolicLink: false,
    interactive: 'unspecified',
    unlinkDestBeforeOpening: false,
    unlinkDestAfterFailedOpen: false,
    update: false,
    verbose: false,
    oneFileSystem: false,
    copyAsRegular: true,
    stdinTty: false,
    umaskKill: ~setUmask(proc, 0) & 0o7777,
    backup: 'none',
    suffix: proc.env.SIMPLE_BACKUP_SUFFIX ?? '~',
  };
}

async function backupType(tool: Tool, value: string | undefined): Promise<Backup> {
  const v = value ?? tool.proc.env.VERSION_CONTROL ?? 'existing';
  return (await argmatch(tool, 'backup type', v, {
    none: 'none', off: 'none', simple: 'simple', never: 'simple', existing: 'existing', nil: 'existing', numbered: 't', t: 't',
  }).then((r) => (r === 't' ? 'numbered' : r))) as Backup;
}

const CP_OPTIONS = [
  { short: 'a', long: 'archive' },
  { long: 'backup', arg: 'optional' as const },
  { short: 'b' },
  { long: 'copy-contents' },
  { short: 'd' },
  { long: 'no-dereference', key: 'P' },
  { short: 'f', long: 'force' },
  { short: 'i', long: 'interactive' },
  { short: 'H' },
  { short: 'l', long: 'link' },
  { short: 'L', long: 'dereference' },
  { short: 'p' },
  { long: 'preserve', arg: 'optional' as const },
  { long: 'no-preserve', arg: 'required' as const },
  { long: 'parents' },
  { long: 'path', key: 'parents' },
  { short: 'P' },
  { short: 'R', long: 'recursive' },
  { short: 'r', key: 'R' },
  { long: 'remove-destination' },
  { long: 'reply', arg: 'required' as const },
  { long: 'sparse', arg: 'required' as const },
  { long: 'strip-trailing-slashes' },
  { short: 's', long: 'symbolic-link' },
  { short: 'S', long: 'suffix', arg: 'required' as const },
  { long: 'target-directory', arg: 'required' as const },
  { short: 'u', long: 'update' },
  { short: 'v', long: 'verbose' },
  { short: 'V', long: 'version-control', arg: 'required' as const },
  { short: 'x', long: 'one-file-system' },
];

async function decodePreserve(tool: Tool, arg: string, x: CopyOptions, on: boolean): Promise<void> {
  for (const item of arg.split(',')) {
    const a = await argmatch(tool, on ? '--preserve' : '--no-preserve', item, { mode: 'mode', ownership: 'ownership', timestamps: 'timestamps', links: 'links', all: 'all' });
    if (a === 'mode' || a === 'all') x.preserveMode = on;
    if (a === 'ownership' || a === 'all') x.preserveOwnership = on;
    if (a === 'timestamps' || a === 'all') x.preserveTimestamps = on;
    if (a === 'links' || a === 'all') x.preserveLinks = on;
  }
}

defineTool(
  { name: 'cp', suite: 'coreutils', help: HELP.cp, authors: 'Torbjorn Granlund, David MacKenzie, and Jim Meyering', options: CP_OPTIONS },
  async (tool, { options, operands }) => {
    const proc = tool.proc;
    const x = baseOptions(proc);
    let derefSet: Deref | undefined;
    let parents = false;
    let stripSlash = false;
    let target: string | undefined;
    let makeBackups = false;
    let versionControl: string | undefined;
    let copyContents = false;
    for (const o of options) {
      switch (o.key) {
        case 'a':
          derefSet = 'never';
          x.preserveLinks = x.preserveOwnership = x.preserveMode = x.preserveTimestamps = x.requirePreserve = true;
          x.recursive = true;
          break;
        case 'backup':
          makeBackups = true;
          versionControl = o.value;
          break;
        case 'b':
          makeBackups = true;
          break;
        case 'copy-contents':
          copyContents = true;
          break;
        case 'd':
          x.preserveLinks = true;
          derefSet = 'never';
          break;
        case 'f':
          x.unlinkDestAfterFailedOpen = true;
          break;
        case 'H':
          derefSet = 'args';
          break;
        case 'i':
          x.interactive = 'ask';
          break;
        case 'l':
          x.hardLink = true;
          break;
        case 'L':
          derefSet = 'always';
          break;
        case 'P':
          derefSet = 'never';
          break;
        case 'p':
          x.preserveOwnership = x.preserveMode = x.preserveTimestamps = x.requirePreserve = true;
          break;
        case 'preserve':
          if (o.value === undefined) x.preserveOwnership = x.preserveMode = x.preserveTimestamps = true;
          else await decodePreserve(tool, o.value, x, true);
          x.requirePreserve = true;
          break;
        case 'no-preserve':
          await decodePreserve(tool, o.value!, x, false);
          break;
        case 'parents':
          parents = true;
          break;
        case 'R':
          x.recursive = true;
          break;
        case 'remove-destination':
          x.unlinkDestBeforeOpening = true;
          break;
        case 'reply': {
          const r = await argmatch(tool, '--reply', o.value!, { yes: 'always-yes', no: 'always-no', query: 'ask' });
          x.interactive = r as CopyOptions['interactive'];
          break;
        }
        case 'strip-trailing-slashes':
          stripSlash = true;
          break;
        case 's':
          x.symbolicLink = true;
          break;
        case 'S':
          makeBackups = true;
          x.suffix = o.value!;
          break;
        case 'target-directory':
          target = o.value;
          break;
        case 'u':
          x.update = true;
          break;
        case 'v':
          x.verbose = true;
          break;
        case 'V':
          versionControl = o.value;
          break;
        case 'x':
          x.oneFileSystem = true;
          break;
      }
    }
    if (x.hardLink && x.symbolicLink) return tool.usageError('cannot make both hard and symbolic links');
    if (makeBackups) x.backup = await backupType(tool, versionControl);
    if (x.preserveMode) x.umaskKill = 0o7777;
    x.deref = derefSet ?? (x.recursive ? 'never' : 'always');
    if (x.recursive) x.copyAsRegular = copyContents;
    if (x.unlinkDestAfterFailedOpen && x.interactive === 'unspecified') void 0;

    let files = operands;
    if (files.length === 0) return tool.usageError('missing file argument');
    if (files.length === 1 && target === undefined) return tool.usageError(`missing destination file`);
    let dest: string;
    if (target !== undefined) dest = target;
    else {
      dest = files[files.length - 1]!;
      files = files.slice(0, -1);
    }
    const fs = proc.fs;
    let newDst = false;
    let destIsDir = false;
    try {
      let st = fs.lstat(dest);
      try {
        st = fs.stat(dest);
      } catch {
        // dangling symlink: keep lstat
      }
      destIsDir = st.type === 'dir';
    } catch (e) {
      if (!isErr(e, 'ENOENT')) {
        await tool.warn(`accessing ${q(dest)}: ${why(e)}`);
        return 1;
      }
      newDst = true;
    }
    if (!destIsDir && (target !== undefined || files.length > 1)) {
      const msg = newDst
        ? `${q(dest)}: specified destination directory does not exist`
        : target !== undefined
          ? `${q(dest)}: specified target is not a directory`
          : `copying multiple files, but last argument ${q(dest)} is not a directory`;
      return tool.usageError(msg);
    }
    const copier = new Copier(tool, x);
    let ok = true;
    if (destIsDir) {
      for (let arg of files) {
        if (stripSlash) arg = stripSlashes(arg);
        let dstPath: string;
        if (parents) {
          const rel = stripSlashes(arg);
          dstPath = joinPath(dest, rel.replace(/^\/+/, ''));
          if (!(await makeParents(tool, x, dest, rel))) {
            ok = false;
            continue;
          }
        } else {
          const base = baseOf(arg);
          dstPath = base === '..' ? dest : joinPath(dest, base);
        }
        const r = await copier.copy(arg, dstPath, false);
        if (!r.ok) ok = false;
        if (parents && !(await reProtect(tool, x, dest, stripSlashes(arg)))) ok = false;
      }
      return ok ? 0 : 1;
    }
    if (parents) return tool.usageError('when preserving paths, the destination must be a directory');
    const source = files[0]!;
    let newDest = dest;
    if (dest.endsWith('/')) {
      try {
        if (fs.lstat(source).type !== 'dir') newDest = dest + baseOf(source);
      } catch {
        // let copy report it
      }
    }
    const r = await copier.copy(source, newDest, newDst);
    return r.ok ? 0 : 1;
  },
);

/** --parents: the leading directories of SRC under DEST, made 0700 for now (make_path_private). */
async function makeParents(tool: Tool, x: CopyOptions, dest: string, src: string): Promise<boolean> {
  const fs = tool.proc.fs;
  const parts = src.split('/').filter((p) => p !== '');
  const leading = parts.slice(0, -1);
  let srcSoFar = src.startsWith('/') ? '/' : '';
  let dstSoFar = dest;
  for (const part of leading) {
    srcSoFar = srcSoFar === '' ? part : joinPath(srcSoFar, part);
    dstSoFar = joinPath(dstSoFar, part);
    let st: FileStat | undefined;
    try {
      st = fs.stat(dstSoFar);
    } catch {
      st = undefined;
    }
    if (!st) {
      try {
        fs.mkdir(dstSoFar, 0o700);
      } catch (e) {
        await tool.warn(`cannot make directory ${q(dstSoFar)}: ${why(e)}`);
        return false;
      }
      if (x.verbose) tool.out.put(`${srcSoFar} -> ${dstSoFar}\n`);
    } else if (st.type !== 'dir') {
      await tool.warn(`${q(dstSoFar)} exists but is not a directory`);
      return false;
    }
  }
  return true;
}

/** re_protect(): give the --parents directories their sources' attributes. */
async function reProtect(tool: Tool, x: CopyOptions, dest: string, src: string): Promise<boolean> {
  const fs = tool.proc.fs;
  const parts = src.split('/').filter((p) => p !== '');
  let srcSoFar = src.startsWith('/') ? '/' : '';
  let dstSoFar = dest;
  for (const part of parts.slice(0, -1)) {
    srcSoFar = srcSoFar === '' ? part : joinPath(srcSoFar, part);
    dstSoFar = joinPath(dstSoFar, part);
    let st: FileStat;
    try {
      st = x.deref === 'never' ? fs.lstat(srcSoFar) : fs.stat(srcSoFar);
    } catch (e) {
      await tool.warn(`failed to get attributes of ${q(srcSoFar)}: ${why(e)}`);
      return false;
    }
    try {
      if (x.preserveTimestamps) fs.utimes(dstSoFar, st.atime, st.mtime);
    } catch (e) {
      await tool.warn(`failed to preserve times for ${q(dstSoFar)}: ${why(e)}`);
      return false;
    }
    try {
      if (x.preserveOwnership) fs.chown(dstSoFar, st.uid, st.gid);
    } catch (e) {
      if (!isErr(e, 'EPERM', 'EINVAL') || euid(tool.proc) === 0) {
        await tool.warn(`failed to preserve ownership for ${q(dstSoFar)}: ${why(e)}`);
        return false;
      }
    }
    try {
      fs.chmod(dstSoFar, st.perm & x.umaskKill);
    } catch (e) {
      await tool.warn(`failed to preserve permissions for ${q(dstSoFar)}: ${why(e)}`);
      return false;
    }
  }
  return true;
}

// ----- mv -----------------------------------------------------------------------------------------

const MV_OPTIONS = [
  { long: 'backup', arg: 'optional' as const },
  { short: 'b' },
  { short: 'f', long: 'force' },
  { short: 'i', long: 'interactive' },
  { long: 'reply', arg: 'required' as const },
  { long: 'strip-trailing-slashes' },
  { short: 'S', long: 'suffix', arg: 'required' as const },
  { long: 'target-directory', arg: 'required' as const },
  { short: 'u', long: 'update' },
  { short: 'v', long: 'verbose' },
  { short: 'V', long: 'version-control', arg: 'required' as const },
];

defineTool(
  { name: 'mv', suite: 'coreutils', help: HELP.mv, authors: 'Mike Parker, David MacKenzie, and Jim Meyering', options: MV_OPTIONS },
  async (tool, { options, operands }) => {
    const proc = tool.proc;
    const x = baseOptions(proc);
    Object.assign(x, {
      moveMode: true,
      recursive: true,
      deref: 'never',
      preserveLinks: true,
      preserveOwnership: true,
      preserveMode: true,
      preserveTimestamps: true,
      requirePreserve: false,
      copyAsRegular: false,
      stdinTty: proc.isatty(0),
    } satisfies Partial<CopyOptions>);
    let target: string | undefined;
    let stripSlash = false;
    let makeBackups = false;
    let versionControl: string | undefined;
    for (const o of options) {
      switch (o.key) {
        case 'backup':
          makeBackups = true;
          versionControl = o.value;
          break;
        case 'b':
          makeBackups = true;
          break;
        case 'f':
          x.interactive = 'always-yes';
          break;
        case 'i':
          x.interactive = 'ask';
          break;
        case 'reply':
          x.interactive = (await argmatch(tool, '--reply', o.value!, { yes: 'always-yes', no: 'always-no', query: 'ask' })) as CopyOptions['interactive'];
          break;
        case 'strip-trailing-slashes':
          stripSlash = true;
          break;
        case 'S':
          makeBackups = true;
          x.suffix = o.value!;
          break;
        case 'target-directory':
          target = o.value;
          break;
        case 'u':
          x.update = true;
          break;
        case 'v':
          x.verbose = true;
          break;
        case 'V':
          versionControl = o.value;
          break;
      }
    }
    if (makeBackups) x.backup = await backupType(tool, versionControl);
    x.umaskKill = 0o7777;
    let files = operands;
    const targetSpecified = target !== undefined;
    if (target === undefined && files.length) target = files[files.length - 1];
    const isDir = (p: string) => {
      try {
        return proc.fs.stat(p).type === 'dir';
      } catch {
        return false;
      }
    };
    const destIsDir = files.length > 0 && isDir(target!);
    if (files.length === 0 || (files.length === 1 && !targetSpecified)) return tool.usageError('missing file argument');
    if (targetSpecified) {
      if (!destIsDir) return tool.usageError(`specified target, ${q(target!)} is not a directory`);
    } else {
      if (files.length > 2 && !destIsDir) return tool.usageError('when moving multiple files, last argument must be a directory');
      files = files.slice(0, -1);
    }
    const copier = new Copier(tool, x);
    let fail = false;
    for (let source of files) {
      if (stripSlash) source = stripSlashes(source);
      let dest = target!;
      const hadSlash = /[^/]\/+$/.test(dest);
      dest = stripSlashes(dest);
      let realDir = false;
      try {
        realDir = proc.fs.lstat(source).type === 'dir';
      } catch {
        realDir = false;
      }
      if (destIsDir || (hadSlash && !realDir)) dest = stripSlashes(joinPath(dest, baseOf(source)));
      const r = await copier.copy(source, dest, false);
      if (!r.ok) {
        fail = true;
        continue;
      }
      if (r.intoSelf) {
        fail = true;
        continue;
      }
      if (r.renamed) continue;
      // Copied across filesystems: now remove the source as rm -rf would.
      const remover = new Remover(tool, { interactive: false, ignoreMissing: false, recursive: true, verbose: x.verbose, stdinTty: false, preserveRoot: false });
      if ((await remover.remove(source)) === 'error') fail = true;
    }
    return fail ? 1 : 0;
  },
);
