/**
 * tar (GNU tar 1.14): create, extract, list (and append) GNU-format archives with -f, -C, -v/-vv,
 * -z/-j, -p, --exclude, keeping modes, owners, times, hard links, symbolic links and device files.
 * Old-style option letters (`tar cvf a.tar dir`) and GNU long options are both understood.
 */
import { O_CREAT, O_RDONLY, O_TRUNC, O_WRONLY } from '../../kernel/file.js';
import type { FileStat } from '../../kernel/fs-calls.js';
import type { Process } from '../../kernel/process.js';
import { defineProgram } from '../registry.js';
import { BZIP2_MAGIC, compress, decompress, GZIP_MAGIC, parseTar, tarEnd, tarMember, type Member } from './lib/archive.js';
import { gzipDecode, gzipEncode } from '../extra/gzip/codec.js';
import { isErr, joinPath, modeString, why } from './lib/format.js';
import { fnmatch } from './lib/fnmatch.js';
import { euid } from './lib/program.js';
import { localTime, zoneFor, type Zone } from './lib/time.js';
import { UserDb } from './lib/users.js';

type Command = 'c' | 'x' | 't' | 'r' | 'd';

interface TarOptions {
  command?: Command;
  archive?: string;
  directory?: string;
  verbose: number;
  compress?: 'gzip' | 'bzip2';
  samePermissions?: boolean;
  sameOwner?: boolean;
  numericOwner: boolean;
  excludes: string[];
  keepOld: boolean;
  touch: boolean;
  toStdout: boolean;
  dereference: boolean;
  absoluteNames: boolean;
  files: string[];
  oneFs: boolean;
  totals: boolean;
}

class TarExit extends Error {
  constructor(readonly status: number) {
    super('tar exit');
  }
}

class Tar {
  errors = 0;
  private warnedSlash = false;
  private stdlis: 1 | 2;

  constructor(
    readonly proc: Process,
    readonly o: TarOptions,
    readonly zone: Zone,
    readonly users: UserDb,
  ) {
    this.stdlis = o.archive === '-' && o.command === 'c' ? 2 : o.toStdout ? 2 : 1;
  }

  async msg(text: string): Promise<void> {
    await this.proc.err(`tar: ${text}\n`);
  }

  async error(text: string): Promise<void> {
    await this.msg(text);
    this.errors++;
  }

  async fatal(text: string): Promise<never> {
    await this.msg(text);
    await this.msg('Error is not recoverable: exiting now');
    throw new TarExit(2);
  }

  async list(text: string): Promise<void> {
    await this.proc.write(this.stdlis, text);
  }

  /** The path a member name refers to, under -C. */
  private at(name: string): string {
    const dir = this.o.directory;
    if (!dir || name.startsWith('/')) return name;
    return joinPath(dir, name);
  }

  /** Strip leading slashes (and say so once), unless -P. */
  private async memberName(name: string): Promise<string> {
    if (this.o.absoluteNames || !name.startsWith('/')) return name;
    const stripped = name.replace(/^\/+/, '');
    if (!this.warnedSlash) {
      this.warnedSlash = true;
      await this.msg("Removing leading `/' from member names");
    }
    return stripped;
  }

  private excluded(name: string): boolean {
    const n = name.replace(/\/+$/, '');
    const parts = n.split('/');
    for (const p of this.o.excludes) {
      for (let i = 0; i < parts.length; i++) {
        if (fnmatch(p, parts.slice(i).join('/'), { leadingDir: true })) return true;
      }
    }
    return false;
  }

  // ----- listing ------------------------------------------------------------------------------

  private ugswidth = 18;

  async printHeader(m: Member): Promise<void> {
    if (this.o.verbose <= 1) {
      await this.list(m.name + '\n');
      return;
    }
    const letter = m.type === 'hardlink' ? 'h' : modeString(m.type === 'socket' ? 'file' : m.type, 0)[0];
    const modes = letter + modeString('file', m.perm).slice(1);
    const user = !this.o.numericOwner && m.uname ? m.uname : String(m.uid);
    const group = !this.o.numericOwner && m.gname ? m.gname : String(m.gid);
    const size = m.type === 'chardev' || m.type === 'blockdev' ? `${m.devmajor},${m.devminor}` : String(m.type === 'file' ? m.size : 0);
    const pad = user.length + group.length + size.length + 1;
    if (pad > this.ugswidth) this.ugswidth = pad;
    const t = localTime(m.mtime, this.zone);
    const p2 = (n: number) => String(n).padStart(2, '0');
    const stamp = `${String(t.year).padStart(4, '0')}-${p2(t.month)}-${p2(t.day)} ${p2(t.hour)}:${p2(t.minute)}:${p2(t.second)}`;
    let line = `${modes} ${user}/${group} ${''.padEnd(this.ugswidth - pad)}${size} ${stamp} ${m.name}`;
    if (m.type === 'symlink') line += ` -> ${m.linkname}`;
    else if (m.type === 'hardlink') line += ` link to ${m.linkname}`;
    await this.list(line + '\n');
  }

  // ----- create -------------------------------------------------------------------------------

  private readonly links = new Map<string, string>();
  private archiveId: string | undefined;
  private parts: string[] = [];
  private written = 0;

  private emit(s: string): void {
    this.parts.push(s);
    this.written += s.length;
  }

  async create(): Promise<string> {
    const fs = this.proc.fs;
    if (this.o.archive && this.o.archive !== '-') {
      try {
        const st = fs.stat(this.o.archive);
        this.archiveId = `${st.dev}:${st.ino}`;
      } catch {
        this.archiveId = undefined;
      }
    }
    for (const name of this.o.files) {
      await this.dump(name, true, undefined);
    }
    const body = this.parts.join('');
    return body + tarEnd(this.written);
  }

  private async dump(name: string, top: boolean, rootDev: number | undefined): Promise<void> {
    const fs = this.proc.fs;
    const path = this.at(name);
    await this.proc.checkpoint();
    if (!top && this.excluded(name)) return;
    if (top && this.excluded(name)) return;
    let st: FileStat;
    try {
      st = this.o.dereference ? fs.stat(path) : fs.lstat(path);
    } catch (e) {
      await this.error(`${name}: Cannot stat: ${why(e)}`);
      return;
    }
    if (this.archiveId === `${st.dev}:${st.ino}` && st.type === 'file') {
      await this.msg(`${name}: file is the archive; not dumped`);
      return;
    }
    if (st.type === 'socket') {
      await this.msg(`${name}: socket ignored`);
      return;
    }
    let member = await this.memberName(name);
    if (st.type === 'dir' && !member.endsWith('/')) member += '/';
    if (member === '' || member === '/') member = member || './';
    const base: Member = {
      name: member,
      type: st.type,
      perm: st.perm,
      uid: st.uid,
      gid: st.gid,
      uname: (await this.users.userName(st.uid)) ?? '',
      gname: (await this.users.groupName(st.gid)) ?? '',
      size: 0,
      mtime: Math.floor(st.mtime),
      linkname: '',
      devmajor: st.rdevMajor,
      devminor: st.rdevMinor,
      data: '',
    };
    if (st.type !== 'dir' && st.nlink > 1) {
      const key = `${st.dev}:${st.ino}`;
      const first = this.links.get(key);
      if (first !== undefined) {
        const m: Member = { ...base, type: 'hardlink', linkname: first };
        this.emit(tarMember(m));
        if (this.o.verbose) await this.printHeader(m);
        return;
      }
      this.links.set(key, member);
    }
    if (st.type === 'file') {
      let data: string;
      try {
        data = await this.proc.readFile(path);
      } catch (e) {
        await this.error(`${name}: Cannot open: ${why(e)}`);
        return;
      }
      const m = { ...base, size: data.length, data };
      this.emit(tarMember(m));
      if (this.o.verbose) await this.printHeader(m);
      return;
    }
    if (st.type === 'symlink') {
      let target: string;
      try {
        target = fs.readlink(path);
      } catch (e) {
        await this.error(`${name}: Cannot readlink: ${why(e)}`);
        return;
      }
      const m = { ...base, linkname: target };
      this.emit(tarMember(m));
      if (this.o.verbose) await this.printHeader(m);
      return;
    }
    if (st.type !== 'dir') {
      this.emit(tarMember(base));
      if (this.o.verbose) await this.printHeader(base);
      return;
    }
    this.emit(tarMember(base));
    if (this.o.verbose) await this.printHeader(base);
    if (this.o.oneFs && rootDev !== undefined && st.dev !== rootDev) {
      await this.msg(`${name}: file is on a different filesystem; not dumped`);
      return;
    }
    let names: string[];
    try {
      names = fs.readdir(path);
    } catch (e) {
      await this.error(`${name}: Cannot savedir: ${why(e)}`);
      return;
    }
    for (const n of names) {
      if (n === '.' || n === '..') continue;
      await this.dump(name.endsWith('/') ? name + n : `${name}/${n}`, false, rootDev ?? st.dev);
    }
  }

  // ----- extract ------------------------------------------------------------------------------

  async extract(members: Member[], only: string[]): Promise<void> {
    const fs = this.proc.fs;
    const root = euid(this.proc) === 0;
    const samePerms = this.o.samePermissions ?? root;
    const sameOwner = this.o.sameOwner ?? root;
    const umask = this.proc.task.fs.umask;
    const dirs: { path: string; m: Member }[] = [];
    const matched = new Set<string>();
    const selected = (name: string) => {
      if (only.length === 0) return true;
      const n = name.replace(/\/+$/, '');
      const hit = only.find((p) => {
        const q = p.replace(/\/+$/, '');
        return n === q || n.startsWith(q + '/') || fnmatch(q, n, { leadingDir: true });
      });
      if (hit !== undefined) matched.add(hit);
      return hit !== undefined;
    };
    for (const m0 of members) {
      await this.proc.checkpoint();
      if (!selected(m0.name) || this.excluded(m0.name)) continue;
      const m = { ...m0, name: await this.memberName(m0.name) };
      if (this.o.verbose) await this.printHeader(m);
      if (this.o.toStdout) {
        if (m.type === 'file') await this.proc.out(m.data);
        continue;
      }
      const path = this.at(m.name.replace(/\/+$/, '') || '.');
      this.makeParents(path);
      const existing = (() => {
        try {
          return fs.lstat(path);
        } catch {
          return undefined;
        }
      })();
      if (existing && m.type !== 'dir') {
        if (this.o.keepOld) {
          await this.error(`${m.name}: Cannot open: File exists`);
          continue;
        }
        try {
          if (existing.type === 'dir') fs.rmdir(path);
          else fs.unlink(path);
        } catch (e) {
          if (existing.type === 'dir') {
            await this.error(`${m.name}: Cannot unlink: ${why(e)}`);
            continue;
          }
        }
      }
      const mode = samePerms ? m.perm : m.perm & ~umask;
      try {
        switch (m.type) {
          case 'dir':
            if (!existing || existing.type !== 'dir') {
              if (existing) fs.unlink(path);
              fs.mkdir(path, 0o700);
            }
            dirs.push({ path, m });
            continue;
          case 'file': {
            const fd = this.proc.open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
            try {
              if (m.data) await this.proc.write(fd, m.data);
            } finally {
              this.proc.close(fd);
            }
            break;
          }
          case 'symlink':
            fs.symlink(m.linkname, path);
            break;
          case 'hardlink':
            try {
              fs.link(this.at(m.linkname.replace(/^\/+/, '')), path);
            } catch (e) {
              await this.error(`${m.name}: Cannot hard link to \`${m.linkname}': ${why(e)}`);
            }
            continue;
          case 'chardev':
          case 'blockdev':
          case 'fifo':
            fs.mknod(path, m.type, mode, m.devmajor, m.devminor);
            break;
          default:
            break;
        }
      } catch (e) {
        const what = m.type === 'symlink' ? `Cannot create symlink to \`${m.linkname}'` : m.type === 'file' ? 'Cannot open' : 'Cannot mknod';
        await this.error(`${m.name}: ${what}: ${why(e)}`);
        continue;
      }
      await this.setAttributes(path, m, mode, sameOwner, m.type === 'symlink');
    }
    // Directories get their modes and times after their contents, deepest first.
    for (const d of dirs.reverse()) await this.setAttributes(d.path, d.m, samePerms ? d.m.perm : d.m.perm & ~umask, sameOwner, false);
    for (const p of only) {
      if (!matched.has(p)) await this.error(`${p}: Not found in archive`);
    }
  }

  private makeParents(path: string): void {
    const fs = this.proc.fs;
    const parts = path.split('/');
    let cur = path.startsWith('/') ? '' : '.';
    for (const p of parts.slice(0, -1)) {
      if (p === '') continue;
      cur = cur === '' ? `/${p}` : `${cur}/${p}`;
      try {
        fs.mkdir(cur, 0o777);
      } catch {
        // exists (or fails later with a message on the member itself)
      }
    }
  }

  private async setAttributes(path: string, m: Member, mode: number, sameOwner: boolean, isLink: boolean): Promise<void> {
    const fs = this.proc.fs;
    if (sameOwner) {
      let uid = m.uid;
      let gid = m.gid;
      if (!this.o.numericOwner) {
        if (m.uname) uid = (await this.users.user(m.uname))?.uid ?? m.uid;
        if (m.gname) gid = (await this.users.gid(m.gname)) ?? m.gid;
      }
      try {
        fs.chown(path, uid, gid, isLink);
      } catch (e) {
        await this.error(`${m.name}: Cannot change ownership to uid ${uid}, gid ${gid}: ${why(e)}`);
      }
    }
    if (isLink) return;
    if (!this.o.touch) {
      try {
        fs.utimes(path, m.mtime, m.mtime);
      } catch (e) {
        await this.error(`${m.name}: Cannot utime: ${why(e)}`);
      }
    }
    try {
      fs.chmod(path, mode);
    } catch (e) {
      await this.error(`${m.name}: Cannot change mode to ${modeString('file', mode).slice(1)}: ${why(e)}`);
    }
  }
}

/** Letters that take an argument, in old-style clusters and as short options. */
const ARG_LETTERS = new Set(['f', 'C', 'T', 'X', 'b', 'K', 'L', 'N', 'V', 'g']);

function parseArgs(argv: string[]): TarOptions | string {
  const o: TarOptions = { verbose: 0, numericOwner: false, excludes: [], keepOld: false, touch: false, toStdout: false, dereference: false, absoluteNames: false, files: [], oneFs: false, totals: false };
  const args = [...argv];
  const setCommand = (c: Command): string | undefined => {
    if (o.command && o.command !== c) return "You may not specify more than one `-Acdtrux' option";
    o.command = c;
    return undefined;
  };
  const letter = (c: string, value: () => string | undefined): string | undefined => {
    switch (c) {
      case 'c':
      case 'x':
      case 't':
      case 'r':
      case 'd':
        return setCommand(c as Command);
      case 'u':
        return setCommand('r');
      case 'f':
        o.archive = value();
        return o.archive === undefined ? 'option requires an argument -- f' : undefined;
      case 'C': {
        const d = value();
        if (d === undefined) return 'option requires an argument -- C';
        o.directory = d;
        return undefined;
      }
      case 'v':
        o.verbose++;
        return undefined;
      case 'z':
        o.compress = 'gzip';
        return undefined;
      case 'j':
        o.compress = 'bzip2';
        return undefined;
      case 'p':
        o.samePermissions = true;
        return undefined;
      case 'P':
        o.absoluteNames = true;
        return undefined;
      case 'k':
        o.keepOld = true;
        return undefined;
      case 'm':
        o.touch = true;
        return undefined;
      case 'O':
        o.toStdout = true;
        return undefined;
      case 'h':
        o.dereference = true;
        return undefined;
      case 'l':
        o.oneFs = true;
        return undefined;
      case 'o':
        o.sameOwner = false;
        return undefined;
      case 'X': {
        const v = value();
        if (v === undefined) return 'option requires an argument -- X';
        o.excludes.push(`\0file:${v}`);
        return undefined;
      }
      case 'T': {
        const v = value();
        if (v === undefined) return 'option requires an argument -- T';
        o.files.push(`\0list:${v}`);
        return undefined;
      }
      case 'b':
      case 'B':
      case 'S':
      case 'w':
      case 'W':
      case 'U':
      case 'i':
      case 'G':
      case 'M':
      case 'R':
      case 's':
        if (ARG_LETTERS.has(c)) value();
        return undefined;
      default:
        return `invalid option -- ${c}`;
    }
  };
  let i = 0;
  // Old style: the first argument without a dash is a cluster of letters.
  if (args.length && !args[0]!.startsWith('-')) {
    const cluster = args[0]!;
    let next = 1;
    for (const c of cluster) {
      const err = letter(c, () => (ARG_LETTERS.has(c) ? args[next++] : undefined));
      if (err) return err;
    }
    i = next;
  }
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      o.files.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      const val = () => (eq >= 0 ? a.slice(eq + 1) : args[++i]);
      const longs: Record<string, () => string | undefined> = {
        create: () => setCommand('c'),
        extract: () => setCommand('x'),
        get: () => setCommand('x'),
        list: () => setCommand('t'),
        append: () => setCommand('r'),
        file: () => ((o.archive = val()), undefined),
        directory: () => ((o.directory = val()), undefined),
        verbose: () => (o.verbose++, undefined),
        gzip: () => ((o.compress = 'gzip'), undefined),
        gunzip: () => ((o.compress = 'gzip'), undefined),
        ungzip: () => ((o.compress = 'gzip'), undefined),
        bzip2: () => ((o.compress = 'bzip2'), undefined),
        exclude: () => (o.excludes.push(val() ?? ''), undefined),
        'exclude-from': () => (o.excludes.push(`\0file:${val()}`), undefined),
        'files-from': () => (o.files.push(`\0list:${val()}`), undefined),
        'preserve-permissions': () => ((o.samePermissions = true), undefined),
        'same-permissions': () => ((o.samePermissions = true), undefined),
        preserve: () => ((o.samePermissions = true), undefined),
        'no-same-permissions': () => ((o.samePermissions = false), undefined),
        'same-owner': () => ((o.sameOwner = true), undefined),
        'no-same-owner': () => ((o.sameOwner = false), undefined),
        'numeric-owner': () => ((o.numericOwner = true), undefined),
        'absolute-names': () => ((o.absoluteNames = true), undefined),
        'keep-old-files': () => ((o.keepOld = true), undefined),
        touch: () => ((o.touch = true), undefined),
        'to-stdout': () => ((o.toStdout = true), undefined),
        dereference: () => ((o.dereference = true), undefined),
        'one-file-system': () => ((o.oneFs = true), undefined),
        totals: () => ((o.totals = true), undefined),
        help: () => '\0help',
        version: () => '\0version',
      };
      const matches = Object.keys(longs).filter((k) => k.startsWith(name));
      const key = longs[name] ? name : matches.length === 1 ? matches[0] : undefined;
      if (!key) return matches.length > 1 ? `option \`${a}' is ambiguous` : `unrecognized option \`${a}'`;
      const err = longs[key]!();
      if (err) return err;
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j]!;
        let used = false;
        const err = letter(c, () => {
          used = true;
          const rest = a.slice(j + 1);
          return rest !== '' ? rest : args[++i];
        });
        if (err) return err;
        if (used) break;
      }
      continue;
    }
    o.files.push(a);
  }
  return o;
}

const HELP = `GNU \`tar' saves many files together into a single tape or disk archive, and
can restore individual files from the archive.

Usage: tar [OPTION]... [FILE]...

Examples:
  tar -cf archive.tar foo bar  # Create archive.tar from files foo and bar.
  tar -tvf archive.tar         # List all files in archive.tar verbosely.
  tar -xf archive.tar          # Extract all files from archive.tar.

Main operation mode:
  -t, --list              list the contents of an archive
  -x, --extract, --get    extract files from an archive
  -c, --create            create a new archive
  -r, --append            append files to the end of an archive

Operation modifiers:
  -k, --keep-old-files       don't replace existing files when extracting
  -m, --touch                don't extract file modified time
  -O, --to-stdout            extract files to standard output
  -p, --same-permissions     extract permissions information
      --no-same-owner        extract files as yourself
  -f, --file=ARCHIVE         use archive file or device ARCHIVE
  -z, --gzip, --ungzip       filter the archive through gzip
  -j, --bzip2                filter the archive through bzip2
  -C, --directory=DIR        change to directory DIR
  -h, --dereference          dump instead the files symlinks point to
  -P, --absolute-names       don't strip leading \`/'s from file names
      --exclude=PATTERN      exclude files, given as a PATTERN
  -X, --exclude-from=FILE    exclude patterns listed in FILE
  -v, --verbose              verbosely list files processed

Report bugs to <bug-tar@gnu.org>.
`;

async function readArchive(proc: Process, t: Tar, name: string): Promise<string> {
  if (name === '-') return proc.readAll(0);
  try {
    return await proc.readFile(name);
  } catch (e) {
    return t.fatal(`${name}: Cannot open: ${why(e)}`);
  }
}

defineProgram({
  name: 'tar',
  options: ['-c', '-x', '-t', '-v', '-f', '-z', '-j', '-C', '-p', '--exclude=', '--create', '--extract', '--list', '--verbose', '--file='],
  main: async (proc) => {
    const parsed = parseArgs(proc.argv.slice(1));
    const usageErr = async (text: string) => {
      await proc.err(`tar: ${text}\nTry \`tar --help' for more information.\n`);
      return 2;
    };
    if (typeof parsed === 'string') {
      if (parsed === '\0help') {
        await proc.out(HELP);
        return 0;
      }
      if (parsed === '\0version') {
        await proc.out('tar (GNU tar) 1.14\nCopyright (C) 2004 Free Software Foundation, Inc.\nThis program comes with NO WARRANTY, to the extent permitted by law.\nYou may redistribute it under the terms of the GNU General Public License;\nsee the file named COPYING for details.\nWritten by John Gilmore and Jay Fenlason.\n');
        return 0;
      }
      return usageErr(parsed);
    }
    const o = parsed;
    if (!o.command) return usageErr("You must specify one of the `-Acdtrux' options");
    o.archive ??= proc.env.TAPE ?? '-';
    const t = new Tar(proc, o, await zoneFor(proc), new UserDb(proc));
    try {
      // -X files and -T lists.
      const excludes: string[] = [];
      for (const e of o.excludes) {
        if (e.startsWith('\0file:')) {
          const f = e.slice(6);
          try {
            excludes.push(...(await proc.readFile(f)).split('\n').filter(Boolean));
          } catch (err) {
            await t.fatal(`${f}: Cannot open: ${why(err)}`);
          }
        } else excludes.push(e);
      }
      o.excludes = excludes;
      const files: string[] = [];
      for (const f of o.files) {
        if (f.startsWith('\0list:')) {
          const list = f.slice(6);
          try {
            files.push(...(await (list === '-' ? proc.readAll(0) : proc.readFile(list))).split('\n').filter(Boolean));
          } catch (err) {
            await t.fatal(`${list}: Cannot open: ${why(err)}`);
          }
        } else files.push(f);
      }
      o.files = files;
      if (o.directory) {
        try {
          if (proc.fs.stat(o.directory).type !== 'dir') throw Object.assign(new Error(), { code: 'ENOTDIR' });
        } catch (e) {
          const reason = isErr(e) ? why(e) : 'Not a directory';
          await t.fatal(`${o.directory}: Cannot chdir: ${reason}`);
        }
      }
      const magic = o.compress === 'gzip' ? GZIP_MAGIC : o.compress === 'bzip2' ? BZIP2_MAGIC : undefined;
      const prog = o.compress ?? '';
      if (o.command === 'c' || o.command === 'r') {
        if (o.files.length === 0) return usageErr('Cowardly refusing to create an empty archive');
        if (o.command === 'r' && o.compress) return usageErr('Cannot update compressed archives');
        let previous = '';
        if (o.command === 'r' && o.archive !== '-') {
          try {
            const old = await proc.readFile(o.archive);
            const parsedOld = parseTar(old);
            previous = parsedOld.members.map((m) => tarMember(m)).join('');
          } catch {
            previous = '';
          }
        }
        let fd = 1;
        if (o.archive !== '-') {
          try {
            fd = proc.open(o.archive, O_WRONLY | O_CREAT | O_TRUNC, 0o666);
          } catch (e) {
            await t.fatal(`${o.archive}: Cannot open: ${why(e)}`);
          }
        }
        // Stat the archive only after creating it, so it can skip itself.
        let body = await t.create();
        if (previous) body = previous + body.slice(0, body.length - tarEnd(body.length).length) + tarEnd(previous.length + body.length);
        // gzip's format is the one gzip and gunzip use (extra/gzip); bzip2 keeps archive.ts's stand-in.
        const data = o.compress === 'gzip' ? gzipEncode(body, { mtime: 0 }, body.length) : magic ? compress(body, magic) : body;
        try {
          await proc.write(fd, data);
        } catch (e) {
          if (isErr(e, 'EPIPE')) throw e;
          await t.fatal(`${o.archive === '-' ? 'Write error' : `${o.archive}: Cannot write`}: ${why(e)}`);
        } finally {
          if (fd !== 1) proc.close(fd);
        }
      } else {
        let raw = await readArchive(proc, t, o.archive);
        if (magic) {
          const gz = o.compress === 'gzip' ? gzipDecode(raw) : undefined;
          const d = gz ? (gz.kind === 'ok' ? gz.data : undefined) : decompress(raw, magic);
          if (d === undefined) {
            await proc.err(prog === 'gzip' ? 'gzip: stdin: not in gzip format\n' : 'bzip2: (stdin) is not a bzip2 file.\n');
            await t.error(`Child returned status ${prog === 'gzip' ? 1 : 2}`);
            await t.msg('Error exit delayed from previous errors');
            return 2;
          }
          raw = d;
        } else if (raw.startsWith(GZIP_MAGIC) || raw.startsWith(BZIP2_MAGIC)) {
          // GNU tar 1.14 does not look inside: a compressed archive is just not a tar archive.
        }
        const { members, error } = parseTar(raw);
        if (error === 'not-tar' && raw.length > 0) {
          await t.error('This does not look like a tar archive');
          await t.error('Skipping to next header');
        }
        if (o.command === 't') {
          const only = o.files;
          const matched = new Set<string>();
          for (const m0 of members) {
            const n = m0.name.replace(/\/+$/, '');
            const hit = only.length === 0 ? '' : only.find((p) => n === p.replace(/\/+$/, '') || n.startsWith(p.replace(/\/+$/, '') + '/') || fnmatch(p, n, { leadingDir: true }));
            if (hit === undefined) continue;
            matched.add(hit);
            if (o.verbose > 0) {
              t['o'].verbose = Math.max(2, o.verbose);
              await t.printHeader(m0);
              t['o'].verbose = o.verbose;
            } else await t.list(m0.name + '\n');
            await proc.checkpoint();
          }
          for (const p of only) if (!matched.has(p)) await t.error(`${p}: Not found in archive`);
        } else if (o.command === 'x') {
          await t.extract(members, o.files);
        } else if (o.command === 'd') {
          return usageErr('--delete is not supported');
        }
        if (error === 'eof') await t.error('Unexpected EOF in archive');
      }
      if (t.errors) {
        await t.msg('Error exit delayed from previous errors');
        return 2;
      }
      return 0;
    } catch (e) {
      if (e instanceof TarExit) return e.status;
      throw e;
    }
  },
});
