/**
 * rsync (2.6.3) for local copies: the file list with the trailing-slash rule, the quick check
 * (size and modification time), -a = -rlptgoD, -H, -n, -u, -c, --delete, --exclude/--include,
 * and the era's verbose output: "building file list ... done", the names sent, and the
 * "sent N bytes  received N bytes  X bytes/sec" / "total size is N  speedup is X" summary.
 */
import { O_CREAT, O_TRUNC, O_WRONLY } from '../../kernel/file.js';
import type { FileStat } from '../../kernel/fs-calls.js';
import type { Process } from '../../kernel/process.js';
import { defineProgram } from '../registry.js';
import { baseOf, isErr, why } from './lib/format.js';
import { fnmatch } from './lib/fnmatch.js';
import { Md5 } from './lib/md5.js';
import { euid } from './lib/program.js';

interface RsyncOptions {
  verbose: number;
  recursive: boolean;
  links: boolean;
  perms: boolean;
  times: boolean;
  owner: boolean;
  group: boolean;
  devices: boolean;
  hardLinks: boolean;
  dryRun: boolean;
  delete: boolean;
  update: boolean;
  checksum: boolean;
  sizeOnly: boolean;
  ignoreExisting: boolean;
  existing: boolean;
  oneFs: boolean;
  stats: boolean;
  copyLinks: boolean;
  relative: boolean;
  rules: { include: boolean; pattern: string }[];
  numericIds: boolean;
}

interface Entry {
  /** Name relative to the destination root ("." for the top directory of a "src/" copy). */
  name: string;
  src: string;
  st: FileStat;
  link?: string;
  top: boolean;
  /** The name verbose output shows, when it differs (a single file copied to a new name). */
  display?: string;
}

class RsyncExit extends Error {
  constructor(readonly status: number) {
    super('rsync exit');
  }
}

const HELP = `rsync version 2.6.3  protocol version 28
Copyright (C) 1996-2004 by Andrew Tridgell and others
<http://rsync.samba.org/>
Capabilities: 64-bit files, socketpairs, hard links, symlinks, batchfiles,
              inplace, IPv6, 64-bit system inums, 64-bit internal inums

rsync comes with ABSOLUTELY NO WARRANTY.  This is free software, and you
are welcome to redistribute it under certain conditions.  See the GNU
General Public Licence for details.

rsync is a file transfer program capable of efficient remote update
via a fast differencing algorithm.

Usage: rsync [OPTION]... SRC [SRC]... [USER@]HOST:DEST
  or   rsync [OPTION]... [USER@]HOST:SRC DEST
  or   rsync [OPTION]... SRC [SRC]... DEST
  or   rsync [OPTION]... [USER@]HOST::SRC [DEST]
  or   rsync [OPTION]... SRC [SRC]... [USER@]HOST::DEST
  or   rsync [OPTION]... rsync://[USER@]HOST[:PORT]/SRC [DEST]
  or   rsync [OPTION]... SRC [SRC]... rsync://[USER@]HOST[:PORT]/DEST
SRC on single-colon remote HOST will be expanded by remote shell
SRC on server remote HOST may contain shell wildcards or multiple
  sources separated by space as long as they have same top-level

Options
 -v, --verbose               increase verbosity
 -c, --checksum              always checksum
 -a, --archive               archive mode, equivalent to -rlptgoD
 -r, --recursive             recurse into directories
 -R, --relative              use relative path names
 -u, --update                update only (don't overwrite newer files)
 -l, --links                 copy symlinks as symlinks
 -L, --copy-links            copy the referent of symlinks
 -H, --hard-links            preserve hard links
 -p, --perms                 preserve permissions
 -o, --owner                 preserve owner (root only)
 -g, --group                 preserve group
 -D, --devices               preserve devices (root only)
 -t, --times                 preserve times
 -n, --dry-run               show what would have been transferred
 -x, --one-file-system       don't cross filesystem boundaries
 -z, --compress              compress file data
     --existing              only update files that already exist
     --ignore-existing       ignore files that already exist on receiver
     --delete                delete files that don't exist on sender
     --size-only             ignore modification time when comparing files
     --exclude=PATTERN       exclude files matching PATTERN
     --include=PATTERN       don't exclude files matching PATTERN
     --numeric-ids           don't map uid/gid values by user/group name
     --stats                 give some file transfer stats
     --version               print version number
 -h, --help                  show this help screen
`;

function parseArgs(args: string[]): { o: RsyncOptions; operands: string[] } | string {
  const o: RsyncOptions = {
    verbose: 0, recursive: false, links: false, perms: false, times: false, owner: false, group: false, devices: false, hardLinks: false, dryRun: false, delete: false, update: false, checksum: false, sizeOnly: false, ignoreExisting: false, existing: false, oneFs: false, stats: false, copyLinks: false, relative: false, rules: [], numericIds: false,
  };
  const operands: string[] = [];
  const shortFlag = (c: string): string | undefined => {
    switch (c) {
      case 'v':
        o.verbose++;
        break;
      case 'a':
        o.recursive = o.links = o.perms = o.times = o.owner = o.group = o.devices = true;
        break;
      case 'r':
        o.recursive = true;
        break;
      case 'l':
        o.links = true;
        break;
      case 'L':
        o.copyLinks = true;
        break;
      case 'p':
        o.perms = true;
        break;
      case 't':
        o.times = true;
        break;
      case 'o':
        o.owner = true;
        break;
      case 'g':
        o.group = true;
        break;
      case 'D':
        o.devices = true;
        break;
      case 'H':
        o.hardLinks = true;
        break;
      case 'n':
        o.dryRun = true;
        break;
      case 'u':
        o.update = true;
        break;
      case 'c':
        o.checksum = true;
        break;
      case 'x':
        o.oneFs = true;
        break;
      case 'R':
        o.relative = true;
        break;
      case 'z':
      case 'W':
      case 'S':
      case 'q':
      case 'P':
      case 'b':
        break;
      case 'h':
        return '\0help';
      default:
        return `-${c}: unknown option`;
    }
    return undefined;
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      const val = () => (eq >= 0 ? a.slice(eq + 1) : args[++i]);
      const flags: Record<string, string> = {
        verbose: 'v', archive: 'a', recursive: 'r', links: 'l', 'copy-links': 'L', perms: 'p', times: 't', owner: 'o', group: 'g', devices: 'D', 'hard-links': 'H', 'dry-run': 'n', update: 'u', checksum: 'c', 'one-file-system': 'x', relative: 'R', compress: 'z', 'whole-file': 'W', sparse: 'S', quiet: 'q', partial: 'P', progress: 'P', help: 'h',
      };
      if (flags[name]) {
        const err = shortFlag(flags[name]!);
        if (err) return err;
        continue;
      }
      switch (name) {
        case 'delete':
        case 'delete-after':
        case 'delete-excluded':
          o.delete = true;
          break;
        case 'exclude':
          o.rules.push({ include: false, pattern: val() ?? '' });
          break;
        case 'include':
          o.rules.push({ include: true, pattern: val() ?? '' });
          break;
        case 'size-only':
          o.sizeOnly = true;
          break;
        case 'ignore-existing':
          o.ignoreExisting = true;
          break;
        case 'existing':
          o.existing = true;
          break;
        case 'stats':
          o.stats = true;
          break;
        case 'numeric-ids':
          o.numericIds = true;
          break;
        case 'version':
          return '\0version';
        case 'rsh':
        case 'temp-dir':
        case 'suffix':
        case 'backup-dir':
        case 'exclude-from':
        case 'include-from':
          val();
          break;
        default:
          return `${a}: unknown option`;
      }
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j]!;
        if (c === 'e' || c === 'T' || c === 'f') {
          if (j === a.length - 1) i++;
          break;
        }
        const err = shortFlag(c);
        if (err) return err;
      }
      continue;
    }
    operands.push(a);
  }
  return { o, operands };
}

class Rsync {
  readonly lines: string[] = [];
  sent = 0;
  received = 0;
  totalSize = 0;
  literal = 0;
  transferred = 0;
  errors = false;
  private readonly hardLinks = new Map<string, string>();

  constructor(
    readonly proc: Process,
    readonly o: RsyncOptions,
  ) {}

  async info(line: string): Promise<void> {
    await this.proc.out(line + '\n');
  }

  async syserr(what: string, e: unknown): Promise<void> {
    const code = (e as { errno?: number }).errno ?? 0;
    await this.proc.err(`rsync: ${what}: ${why(e)} (${code})\n`);
    this.errors = true;
  }

  /** Is a name excluded? Rules are tried in order; the first match decides. */
  excluded(name: string, isDir: boolean): boolean {
    for (const r of this.o.rules) {
      let p = r.pattern;
      const dirOnly = p.endsWith('/');
      if (dirOnly) {
        if (!isDir) continue;
        p = p.slice(0, -1);
      }
      const anchored = p.startsWith('/');
      if (anchored) p = p.slice(1);
      const target = anchored || p.includes('/') ? name : baseOf(name);
      const hit = anchored ? fnmatch(p, name) : p.includes('/') ? fnmatch(p, name) || name.endsWith('/' + p) || fnmatch(`*/${p}`, name) : fnmatch(p, target);
      if (hit) return !r.include;
    }
    return false;
  }

  /** send_file_list(): the entries under each source, sorted as rsync sorts them. */
  async buildList(sources: string[]): Promise<Entry[]> {
    const fs = this.proc.fs;
    const list: Entry[] = [];
    const walk = async (src: string, name: string, top: boolean, rootDev: number | undefined): Promise<void> => {
      await this.proc.checkpoint();
      let st: FileStat;
      try {
        st = this.o.copyLinks ? fs.stat(src) : fs.lstat(src);
      } catch (e) {
        await this.syserr(`link_stat "${src}" failed`, e);
        return;
      }
      if (!top && this.excluded(name, st.type === 'dir')) return;
      if (st.type === 'dir' && !this.o.recursive) {
        await this.info(`skipping directory ${name}`);
        return;
      }
      const entry: Entry = { name, src, st, top };
      if (st.type === 'symlink') {
        try {
          entry.link = fs.readlink(src);
        } catch (e) {
          await this.syserr(`readlink "${src}" failed`, e);
          return;
        }
      }
      list.push(entry);
      if (st.type !== 'dir') return;
      if (this.o.oneFs && rootDev !== undefined && st.dev !== rootDev) return;
      let names: string[];
      try {
        names = fs.readdir(src);
      } catch (e) {
        await this.syserr(`opendir "${src}" failed`, e);
        return;
      }
      for (const n of names) {
        if (n === '.' || n === '..') continue;
        await walk(src.endsWith('/') ? src + n : `${src}/${n}`, name === '.' ? n : `${name}/${n}`, false, rootDev ?? st.dev);
      }
    };
    for (const s of sources) {
      const trailing = s.endsWith('/') && s !== '/';
      if (trailing) {
        await walk(s, '.', true, undefined);
      } else {
        const clean = s.replace(/\/+$/, '') || '/';
        await walk(clean, this.o.relative ? clean.replace(/^\/+/, '') : baseOf(clean) || '.', true, undefined);
      }
    }
    const key = (n: string) => n.replace(/\//g, '\0');
    list.sort((a, b) => (a.name === '.' ? -1 : b.name === '.' ? 1 : key(a.name) < key(b.name) ? -1 : key(a.name) > key(b.name) ? 1 : 0));
    return list;
  }

  private dest(root: string, name: string): string {
    if (name === '.') return root;
    return root.endsWith('/') ? root + name : `${root}/${name}`;
  }

  private same(a: string, b: string): boolean {
    return new Md5().update(a).hex() === new Md5().update(b).hex();
  }

  /** Transfer the list to `root`; returns nothing, prints as it goes. */
  async transfer(list: Entry[], root: string): Promise<void> {
    const fs = this.proc.fs;
    const o = this.o;
    const isRoot = euid(this.proc) === 0;
    const dirsToFix: { path: string; st: FileStat }[] = [];
    for (const e of list) {
      await this.proc.checkpoint();
      const path = this.dest(root, e.name);
      const shown = e.st.type === 'dir' ? (e.name === '.' ? './' : `${e.name}/`) : e.name;
      let dst: FileStat | undefined;
      try {
        dst = fs.lstat(path);
      } catch {
        dst = undefined;
      }
      if (o.existing && !dst) continue;
      if (o.ignoreExisting && dst) continue;
      const st = e.st;
      if (st.type === 'dir') {
        if (dst && dst.type !== 'dir') {
          if (!o.dryRun) {
            try {
              fs.unlink(path);
            } catch (err) {
              await this.syserr(`delete_file: unlink "${path}" failed`, err);
              continue;
            }
          }
          dst = undefined;
        }
        if (!dst) {
          if (!o.dryRun) {
            try {
              fs.mkdir(path, st.perm | 0o700);
            } catch (err) {
              await this.syserr(`recv_generator: mkdir "${path}" failed`, err);
              continue;
            }
          }
          if (o.verbose) await this.info(shown);
        }
        dirsToFix.push({ path, st });
        continue;
      }
      if (st.type === 'symlink') {
        if (!o.links) {
          await this.info(`skipping non-regular file "${e.name}"`);
          continue;
        }
        if (dst?.type === 'symlink') {
          try {
            if (fs.readlink(path) === e.link) continue;
          } catch {
            // replace it
          }
        }
        if (!o.dryRun) {
          try {
            if (dst) fs.unlink(path);
            fs.symlink(e.link!, path);
            if (o.owner || o.group) fs.chown(path, o.owner && isRoot ? st.uid : -1, o.group ? st.gid : -1, true);
          } catch (err) {
            await this.syserr(`symlink "${path}" -> "${e.link}" failed`, err);
            continue;
          }
        }
        if (o.verbose) await this.info(`${e.name} -> ${e.link}`);
        continue;
      }
      if (st.type === 'chardev' || st.type === 'blockdev' || st.type === 'fifo' || st.type === 'socket') {
        if (!o.devices || !isRoot) {
          await this.info(`skipping non-regular file "${e.name}"`);
          continue;
        }
        if (dst && dst.type === st.type && dst.rdevMajor === st.rdevMajor && dst.rdevMinor === st.rdevMinor) continue;
        if (!o.dryRun) {
          try {
            if (dst) fs.unlink(path);
            fs.mknod(path, st.type === 'socket' ? 'fifo' : st.type, st.perm, st.rdevMajor, st.rdevMinor);
          } catch (err) {
            await this.syserr(`mknod "${path}" failed`, err);
            continue;
          }
          await this.setPerms(path, st, isRoot);
        }
        if (o.verbose) await this.info(e.name);
        continue;
      }
      // A regular file.
      this.totalSize += st.size;
      if (o.hardLinks && st.nlink > 1) {
        const k = `${st.dev}:${st.ino}`;
        const first = this.hardLinks.get(k);
        if (first !== undefined) {
          if (!o.dryRun) {
            try {
              if (dst) fs.unlink(path);
              fs.link(first, path);
            } catch (err) {
              await this.syserr(`link "${path}" => ${first} failed`, err);
              continue;
            }
          }
          if (o.verbose) await this.info(`${e.name} => ${this.hardLinkName.get(k)}`);
          continue;
        }
        this.hardLinks.set(k, path);
        this.hardLinkName.set(k, e.name);
      }
      if (dst && dst.type === 'dir') {
        if (!o.dryRun) {
          try {
            fs.rmdir(path);
          } catch (err) {
            await this.syserr(`delete_file: rmdir "${path}" failed`, err);
            continue;
          }
        }
        dst = undefined;
      }
      if (dst && o.update && dst.mtime > st.mtime) continue;
      let data: string | undefined;
      if (dst && dst.type === 'file') {
        let unchanged: boolean;
        if (o.checksum) {
          try {
            data = await this.proc.readFile(e.src);
            unchanged = dst.size === st.size && this.same(data, await this.proc.readFile(path));
          } catch {
            unchanged = false;
          }
        } else unchanged = dst.size === st.size && (o.sizeOnly || Math.floor(dst.mtime) === Math.floor(st.mtime));
        if (unchanged) {
          if (!o.dryRun) await this.setPerms(path, st, isRoot);
          continue;
        }
      }
      if (o.verbose) await this.info(e.display ?? e.name);
      this.transferred++;
      if (o.dryRun) continue;
      try {
        data ??= await this.proc.readFile(e.src);
      } catch (err) {
        await this.syserr(`send_files failed to open "${e.src}"`, err);
        continue;
      }
      this.literal += data.length;
      try {
        if (dst && dst.type !== 'file') fs.unlink(path);
        const fd = this.proc.open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600);
        try {
          await this.proc.write(fd, data);
        } finally {
          this.proc.close(fd);
        }
      } catch (err) {
        await this.syserr(`mkstemp "${path}" failed`, err);
        continue;
      }
      await this.setPerms(path, st, isRoot, true);
    }
    if (!o.dryRun) for (const d of dirsToFix.reverse()) await this.setPerms(d.path, d.st, isRoot);
  }

  private readonly hardLinkName = new Map<string, string>();

  private async setPerms(path: string, st: FileStat, isRoot: boolean, newFile = false): Promise<void> {
    const fs = this.proc.fs;
    const o = this.o;
    try {
      if ((o.owner && isRoot) || o.group) fs.chown(path, o.owner && isRoot ? st.uid : -1, o.group ? st.gid : -1);
    } catch (e) {
      if (!isErr(e, 'EPERM')) await this.syserr(`chown "${path}" failed`, e);
    }
    try {
      if (o.perms) fs.chmod(path, st.perm);
      else if (newFile) fs.chmod(path, st.perm & ~this.proc.task.fs.umask);
    } catch (e) {
      await this.syserr(`chmod "${path}" failed`, e);
    }
    try {
      if (o.times) fs.utimes(path, st.atime, st.mtime);
    } catch (e) {
      await this.syserr(`failed to set times on "${path}"`, e);
    }
  }

  /** delete_files(): what the destination has and the source list does not. */
  async deleteExtraneous(list: Entry[], root: string): Promise<void> {
    const fs = this.proc.fs;
    const names = new Set(list.map((e) => e.name));
    for (const dir of list.filter((e) => e.st.type === 'dir' && e.top)) {
      const base = this.dest(root, dir.name);
      const local: { name: string; isDir: boolean }[] = [];
      const walk = (path: string, name: string) => {
        let entries: string[];
        try {
          entries = fs.readdir(path);
        } catch {
          return;
        }
        for (const n of entries) {
          if (n === '.' || n === '..') continue;
          const child = name === '.' ? n : `${name}/${n}`;
          const p = `${path}/${n}`;
          let st: FileStat;
          try {
            st = fs.lstat(p);
          } catch {
            continue;
          }
          local.push({ name: child, isDir: st.type === 'dir' });
          if (st.type === 'dir') walk(p, child);
        }
      };
      walk(base, dir.name);
      const sorted = local.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (let i = sorted.length - 1; i >= 0; i--) {
        const l = sorted[i]!;
        if (names.has(l.name) || this.excluded(l.name, l.isDir)) continue;
        const p = this.dest(root, l.name);
        if (this.o.dryRun) {
          if (this.o.verbose) await this.info(`deleting ${l.isDir ? `directory ${l.name}` : l.name}`);
          continue;
        }
        try {
          if (l.isDir) fs.rmdir(p);
          else fs.unlink(p);
          if (this.o.verbose) await this.info(l.isDir ? `deleting directory ${l.name}` : `deleting ${l.name}`);
        } catch (e) {
          if (!l.isDir || !isErr(e, 'ENOTEMPTY', 'EEXIST')) await this.syserr(`delete_one: ${l.isDir ? 'rmdir' : 'unlink'} "${p}" failed`, e);
        }
      }
    }
  }
}

defineProgram({
  name: 'rsync',
  options: ['-a', '-v', '-r', '-l', '-p', '-t', '-o', '-g', '-D', '-H', '-n', '-u', '-c', '-x', '-z', '--delete', '--exclude=', '--include=', '--dry-run', '--archive', '--verbose', '--stats'],
  main: async (proc) => {
    const parsed = parseArgs(proc.argv.slice(1));
    if (typeof parsed === 'string') {
      if (parsed === '\0help') {
        await proc.out(HELP);
        return 0;
      }
      if (parsed === '\0version') {
        await proc.out(HELP.split('\n\nrsync is')[0] + '\n');
        return 0;
      }
      await proc.err(`${parsed}\nrsync error: syntax or usage error (code 1) at main.c(1030)\n`);
      return 1;
    }
    const { o, operands } = parsed;
    if (operands.length < 2) {
      await proc.err(HELP);
      await proc.err('rsync error: syntax or usage error (code 1) at main.c(1030)\n');
      return 1;
    }
    const remote = operands.find((a) => /^[^/]*:/.test(a) || a.startsWith('rsync://'));
    if (remote) {
      await proc.err(`rsync: Failed to exec ssh: No such file or directory (2)\nrsync error: error in IPC code (code 14) at pipe.c(81)\nrsync: connection unexpectedly closed (0 bytes received so far) [receiver]\nrsync error: error in rsync protocol data stream (code 12) at io.c(359)\n`);
      return 12;
    }
    const r = new Rsync(proc, o);
    const sources = operands.slice(0, -1);
    const destArg = operands[operands.length - 1]!;
    try {
      const showList = o.verbose > 0 && o.recursive;
      if (showList) await proc.out(o.verbose > 1 ? 'building file list ... \n' : 'building file list ... ');
      const list = await r.buildList(sources);
      if (showList) await proc.out('done\n');
      if (list.length === 0) {
        if (r.errors) await proc.err('rsync error: some files could not be transferred (code 23) at main.c(702)\n');
        return r.errors ? 23 : 0;
      }
      // Where the list goes: into DEST as a directory, unless a single file goes to a new name.
      let root = destArg;
      let destSt: FileStat | undefined;
      try {
        destSt = proc.fs.stat(destArg);
      } catch {
        destSt = undefined;
      }
      const single = list.length === 1 && list[0]!.st.type !== 'dir';
      if (single && (!destSt || destSt.type !== 'dir') && !destArg.endsWith('/')) {
        const only = list[0]!;
        list[0] = { ...only, name: '.', display: only.name };
        root = destArg;
      } else if (!destSt) {
        if (!o.dryRun) {
          try {
            proc.fs.mkdir(destArg.replace(/(.)\/+$/, '$1'), 0o777);
            if (o.verbose > 1) await proc.out(`created directory ${destArg}\n`);
          } catch (e) {
            await r.syserr(`mkdir "${destArg}" failed`, e);
            await proc.err('rsync error: errors selecting input/output files, dirs (code 3) at main.c(499)\n');
            return 3;
          }
        }
      }
      if (o.delete) await r.deleteExtraneous(list, root);
      await r.transfer(list, root);
      if (o.verbose || o.stats) {
        const files = list.length;
        const flist = list.reduce((n, e) => n + e.name.length + 10, 0);
        const sent = r.literal + flist + 16 * r.transferred + 20;
        const received = 20 + 2 * r.transferred + (o.dryRun ? 0 : 0);
        if (o.stats) {
          await proc.out(
            `\nNumber of files: ${files}\nNumber of files transferred: ${r.transferred}\nTotal file size: ${r.totalSize} bytes\nTotal transferred file size: ${r.literal} bytes\nLiteral data: ${r.literal} bytes\nMatched data: 0 bytes\nFile list size: ${flist}\nTotal bytes sent: ${sent}\nTotal bytes received: ${received}\n`,
          );
        }
        const rate = (sent + received) / 0.5;
        await proc.out(`\nsent ${sent} bytes  received ${received} bytes  ${rate.toFixed(2)} bytes/sec\n`);
        await proc.out(`total size is ${r.totalSize}  speedup is ${(r.totalSize / (sent + received)).toFixed(2)}\n`);
      }
      if (r.errors) {
        await proc.err('rsync error: some files could not be transferred (code 23) at main.c(702)\n');
        return 23;
      }
      return 0;
    } catch (e) {
      if (e instanceof RsyncExit) return e.status;
      throw e;
    }
  },
});
