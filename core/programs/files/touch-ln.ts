/** touch and ln (coreutils 5.2.1). */
import type { FileStat } from '../../kernel/fs-calls.js';
import { O_CREAT, O_NOCTTY, O_NONBLOCK, O_WRONLY } from '../../kernel/file.js';
import type { Tool } from '../lib/tool.js';
import { HELP } from './lib/help.js';
import { baseOf, isErr, joinPath, q, why } from './lib/format.js';
import { argmatch, defineTool, yesno } from './lib/program.js';
import { localTime, parseDate, parsePosixStamp, zoneFor } from './lib/time.js';

// ----- touch -----------------------------------------------------------------------------------

defineTool(
  {
    name: 'touch',
    suite: 'coreutils',
    help: HELP.touch,
    authors: 'Paul Rubin, Arnold Robbins, Jim Kingdon, David MacKenzie, and Randy Smith',
    options: [
      { short: 'a' },
      { short: 'c', long: 'no-create' },
      { short: 'd', long: 'date', arg: 'required' },
      { short: 'f' },
      { short: 'm' },
      { short: 'r', long: 'reference', arg: 'required' },
      { long: 'file', key: 'r', arg: 'required' },
      { short: 't', arg: 'required' },
      { long: 'time', arg: 'required' },
    ],
  },
  async (tool, { options, operands }) => {
    const proc = tool.proc;
    const fs = proc.fs;
    const zone = await zoneFor(proc);
    const now = Math.floor(proc.time());
    let atime = false;
    let mtime = false;
    let noCreate = false;
    let flexDate: string | undefined;
    let refFile: string | undefined;
    let posixDate = false;
    let dateSet = false;
    let newTime = now;
    for (const o of options) {
      switch (o.key) {
        case 'a':
          atime = true;
          break;
        case 'c':
          noCreate = true;
          break;
        case 'd':
          flexDate = o.value;
          dateSet = true;
          break;
        case 'm':
          mtime = true;
          break;
        case 'r':
          refFile = o.value;
          break;
        case 't': {
          posixDate = true;
          const t = parsePosixStamp(o.value!, zone, now);
          if (t === undefined) return tool.fatal(`invalid date format ${q(o.value!)}`);
          newTime = t;
          dateSet = true;
          break;
        }
        case 'time': {
          const w = await argmatch(tool, '--time', o.value!, { atime: 'a', access: 'a', use: 'a', mtime: 'm', modify: 'm' });
          if (w === 'a') atime = true;
          else mtime = true;
          break;
        }
      }
    }
    if (!atime && !mtime) atime = mtime = true;
    if (posixDate && (refFile !== undefined || flexDate !== undefined)) return tool.usageError('cannot specify times from more than one source');
    let ref: FileStat | undefined;
    if (refFile !== undefined) {
      try {
        ref = fs.stat(refFile);
      } catch (e) {
        return tool.fatal(`failed to get attributes of ${q(refFile)}: ${why(e)}`);
      }
      if (flexDate !== undefined) {
        const a = parseDate(flexDate, zone, ref.atime);
        const m = parseDate(flexDate, zone, ref.mtime);
        if (a === undefined || m === undefined) return tool.fatal(`invalid date format ${q(flexDate)}`);
        ref = { ...ref, atime: atime ? a : ref.atime, mtime: mtime ? m : ref.mtime };
      }
      dateSet = true;
    } else if (flexDate !== undefined) {
      const t = parseDate(flexDate, zone, now);
      if (t === undefined) return tool.fatal(`invalid date format ${q(flexDate)}`);
      newTime = t;
    }
    let files = operands;
    // The obsolete `touch MMDDhhmm[YY] file' form.
    if (!dateSet && files.length >= 2 && proc.env.POSIXLY_CORRECT === undefined) {
      const m = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?$/.exec(files[0]!);
      if (m) {
        const stamp = (m[5] ? m[5] : '') + m[1] + m[2] + m[3] + m[4];
        const t = parsePosixStamp(stamp, zone, now);
        if (t !== undefined) {
          const b = localTime(t, zone);
          const p = (n: number) => String(n).padStart(2, '0');
          await tool.warn(`warning: \`touch ${files[0]}' is obsolete; use \`touch -t ${b.year}${p(b.month)}${p(b.day)}${p(b.hour)}${p(b.minute)}.${p(b.second)}'`);
          newTime = t;
          files = files.slice(1);
          dateSet = true;
        }
      }
    }
    const amtimeNow = !dateSet && atime && mtime;
    if (files.length === 0) return tool.usageError('file arguments missing');
    let err = false;
    for (const file of files) {
      let fd = -1;
      let openErr: unknown;
      if (!noCreate) {
        try {
          fd = proc.open(file, O_WRONLY | O_CREAT | O_NONBLOCK | O_NOCTTY, 0o666);
        } catch (e) {
          if (!isErr(e, 'EISDIR', 'EINVAL', 'EPERM')) openErr = e;
        }
      }
      let st: FileStat | undefined;
      if (!amtimeNow) {
        try {
          st = fs.stat(file);
        } catch (e) {
          if (fd >= 0) proc.close(fd);
          if (openErr) await tool.warn(`creating ${q(file)}: ${why(openErr)}`);
          else if (noCreate && isErr(e, 'ENOENT')) continue;
          else await tool.warn(`failed to get attributes of ${q(file)}: ${why(e)}`);
          err = true;
          continue;
        }
      }
      if (fd >= 0) proc.close(fd);
      try {
        if (amtimeNow) {
          fs.utimes(file, now, now);
        } else {
          const a = atime ? (ref ? ref.atime : newTime) : st!.atime;
          const m = mtime ? (ref ? ref.mtime : newTime) : st!.mtime;
          fs.utimes(file, a, m);
        }
      } catch (e) {
        if (openErr) await tool.warn(`cannot touch ${q(file)}: ${why(openErr)}`);
        else if (noCreate && isErr(e, 'ENOENT')) continue;
        else await tool.warn(`setting times of ${q(file)}: ${why(e)}`);
        err = true;
      }
    }
    return err ? 1 : 0;
  },
);

// ----- ln --------------------------------------------------------------------------------------

defineTool(
  {
    name: 'ln',
    suite: 'coreutils',
    help: HELP.ln,
    authors: 'Mike Parker and David MacKenzie',
    options: [
      { long: 'backup', key: 'b', arg: 'optional' },
      { short: 'b' },
      { short: 'd', long: 'directory' },
      { short: 'F', key: 'd' },
      { short: 'f', long: 'force' },
      { short: 'i', long: 'interactive' },
      { short: 'n', long: 'no-dereference' },
      { short: 's', long: 'symbolic' },
      { short: 'S', long: 'suffix', arg: 'required' },
      { long: 'target-directory', arg: 'required' },
      { short: 'v', long: 'verbose' },
      { short: 'V', long: 'version-control', arg: 'required' },
    ],
  },
  async (tool, { options, operands }) => {
    const proc = tool.proc;
    const fs = proc.fs;
    let symbolic = false;
    let force = false;
    let interactive = false;
    let verbose = false;
    let hardDir = false;
    let derefDestDir = true;
    let target: string | undefined;
    let makeBackups = false;
    let versionControl: string | undefined;
    let suffix = proc.env.SIMPLE_BACKUP_SUFFIX ?? '~';
    for (const o of options) {
      switch (o.key) {
        case 'b':
          makeBackups = true;
          if (o.value !== undefined) versionControl = o.value;
          break;
        case 'V':
          await tool.warn(`warning: --version-control (-V) is obsolete;  support for it\nwill be removed in some future release.  Use --backup=${o.value} instead.`);
          makeBackups = true;
          versionControl = o.value;
          break;
        case 'd':
          hardDir = true;
          break;
        case 'f':
          force = true;
          interactive = false;
          break;
        case 'i':
          force = false;
          interactive = true;
          break;
        case 'n':
          derefDestDir = false;
          break;
        case 's':
          symbolic = true;
          break;
        case 'S':
          makeBackups = true;
          suffix = o.value!;
          break;
        case 'target-directory':
          target = o.value;
          break;
        case 'v':
          verbose = true;
          break;
      }
    }
    if (operands.length === 0) return tool.usageError('missing file argument');
    let backup = 'none';
    if (makeBackups) {
      backup = await argmatch(tool, 'backup type', versionControl ?? proc.env.VERSION_CONTROL ?? 'existing', {
        none: 'none', off: 'none', simple: 'simple', never: 'simple', existing: 'existing', nil: 'existing', numbered: 'numbered', t: 'numbered',
      });
    }
    const isDir = (p: string) => {
      try {
        return fs.stat(p).type === 'dir';
      } catch {
        return false;
      }
    };
    let files = operands;
    const targetSpecified = target !== undefined;
    let destIsDir: boolean;
    if (!targetSpecified && files.length === 1) {
      files = [files[0]!, '.'];
      destIsDir = true;
      target = '.';
    } else {
      target ??= files[files.length - 1]!;
      destIsDir = isDir(target);
    }
    if (targetSpecified && !destIsDir) return tool.usageError(`${q(target)}: specified target directory is not a directory`);

    const backupName = (dest: string): string => {
      if (backup === 'simple') return dest + suffix;
      let highest = 0;
      const dir = dest.includes('/') ? dest.slice(0, dest.lastIndexOf('/')) || '/' : '.';
      try {
        for (const n of fs.readdir(dir)) {
          const m = /^(.*)\.~(\d+)~$/.exec(n);
          if (m && m[1] === baseOf(dest)) highest = Math.max(highest, Number(m[2]));
        }
      } catch {
        // none
      }
      if (backup === 'existing' && highest === 0) return dest + suffix;
      return `${dest}.~${highest + 1}~`;
    };

    const doLink = async (source: string, dest: string): Promise<boolean> => {
      let srcSt: FileStat | undefined;
      if (!symbolic) {
        try {
          srcSt = fs.lstat(source);
        } catch (e) {
          await tool.warn(`accessing ${q(source)}: ${why(e)}`);
          return false;
        }
        if (!hardDir && srcSt.type === 'dir') {
          await tool.warn(`${q(source)}: hard link not allowed for directory`);
          return false;
        }
      }
      let dstSt: FileStat | undefined;
      const lstatDest = async (): Promise<boolean> => {
        try {
          dstSt = fs.lstat(dest);
        } catch (e) {
          dstSt = undefined;
          if (!isErr(e, 'ENOENT')) {
            await tool.warn(`accessing ${q(dest)}: ${why(e)}`);
            return false;
          }
        }
        return true;
      };
      if (!(await lstatDest())) return false;
      if (dstSt && (dstSt.type === 'dir' || (derefDestDir && dstSt.type === 'symlink' && isDir(dest)))) {
        dest = joinPath(dest, baseOf(source));
        if (!(await lstatDest())) return false;
      }
      if (force && dstSt && (backup === 'none' || !symbolic)) {
        let s = srcSt;
        if (symbolic) {
          try {
            s = fs.stat(source);
          } catch {
            s = undefined;
          }
        }
        if (s && s.dev === dstSt.dev && s.ino === dstSt.ino && (s.nlink === 1 || sameName(source, dest))) {
          await tool.warn(`${q(source)} and ${q(dest)} are the same file`);
          return false;
        }
      }
      let backedUp: string | undefined;
      if (dstSt) {
        if (dstSt.type === 'dir') {
          await tool.warn(`${q(dest)}: cannot overwrite directory`);
          return false;
        }
        if (interactive) {
          await tool.errText(`${tool.name}: replace ${q(dest)}? `);
          if (!(await yesno(proc))) return true;
        } else if (!force && backup === 'none') {
          await tool.warn(`${q(dest)}: File exists`);
          return false;
        }
        if (backup !== 'none') {
          const b = backupName(dest);
          try {
            fs.rename(dest, b);
            backedUp = b;
          } catch (e) {
            if (!isErr(e, 'ENOENT')) {
              await tool.warn(`cannot backup ${q(dest)}: ${why(e)}`);
              return false;
            }
          }
        }
        try {
          fs.unlink(dest);
        } catch (e) {
          if (!isErr(e, 'ENOENT')) {
            await tool.warn(`cannot remove ${q(dest)}: ${why(e)}`);
            return false;
          }
        }
      }
      if (verbose) tool.out.put(`create ${symbolic ? 'symbolic' : 'hard'} link ${q(dest)} to ${q(source)}${backedUp ? ` (backup: ${q(backedUp)})` : ''}\n`);
      try {
        if (symbolic) fs.symlink(source, dest);
        else fs.link(source, dest);
        return true;
      } catch (e) {
        await tool.warn(`creating ${symbolic ? 'symbolic' : 'hard'} link ${q(dest)} to ${q(source)}: ${why(e)}`);
        if (backedUp) {
          try {
            fs.rename(backedUp, dest);
          } catch (e2) {
            await tool.warn(`cannot un-backup ${q(dest)}: ${why(e2)}`);
          }
        }
        return false;
      }
    };
    const sameName = (a: string, b: string): boolean => {
      try {
        const sa = fs.lstat(a.includes('/') ? a.slice(0, a.lastIndexOf('/')) || '/' : '.');
        const sb = fs.lstat(b.includes('/') ? b.slice(0, b.lastIndexOf('/')) || '/' : '.');
        return sa.dev === sb.dev && sa.ino === sb.ino && baseOf(a) === baseOf(b);
      } catch {
        return false;
      }
    };

    let errors = 0;
    if (targetSpecified || files.length > 2) {
      const sources = targetSpecified ? files : files.slice(0, -1);
      if (!targetSpecified && !destIsDir) return tool.fatal('when making multiple links, last argument must be a directory');
      for (const s of sources) if (!(await doLink(s, target))) errors++;
    } else {
      const source = files[0]!;
      let dest = files[1]!;
      if (dest.endsWith('/')) {
        try {
          if (fs.lstat(source).type !== 'dir') dest = dest + baseOf(source);
        } catch {
          // reported by doLink
        }
      }
      if (!(await doLink(source, dest))) errors++;
    }
    return errors ? 1 : 0;
  },
);
