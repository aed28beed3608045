/**
 * cpio (GNU cpio 2.5/2.6): copy-out (-o, names from standard input), copy-in (-i, with -t to
 * list) and the pass-through mode (-p) of `find . | cpio -pdm /dest`, with -d -m -u -v -l -a -0
 * -H odc|newc|crc -F and "N blocks" on standard error. Archives use the portable ASCII formats
 * (the old binary format of plain `cpio -o` is written as odc).
 */
import { O_CREAT, O_TRUNC, O_WRONLY } from '../../kernel/file.js';
import type { FileStat } from '../../kernel/fs-calls.js';
import type { Process } from '../../kernel/process.js';
import { defineProgram } from '../registry.js';
import { cpioEntry, cpioTrailer, parseCpio, type CpioEntry, type CpioFormat } from './lib/archive.js';
import { isErr, modeString, why } from './lib/format.js';
import { fnmatch } from './lib/fnmatch.js';
import { localTime, strftime, zoneFor } from './lib/time.js';
import { UserDb } from './lib/users.js';

interface CpioOptions {
  mode?: 'o' | 'i' | 'p';
  list: boolean;
  makeDirs: boolean;
  keepTime: boolean;
  unconditional: boolean;
  verbose: boolean;
  dots: boolean;
  link: boolean;
  resetAtime: boolean;
  nul: boolean;
  format: CpioFormat;
  archive?: string;
  dereference: boolean;
  noPreserveOwner: boolean;
  quiet: boolean;
  nonmatching: boolean;
  numeric: boolean;
  patterns: string[];
}

const USAGE = `Usage: cpio {-o|--create} [-0acvABLV] [-C bytes] [-H format] [-M message]
       [-O [[user@]host:]archive] [-F [[user@]host:]archive]
       [--file=[[user@]host:]archive] [--format=format] [--message=message]
       [--null] [--reset-access-time] [--verbose] [--dot] [--append]
       [--block-size=blocks] [--dereference] [--io-size=bytes] [--quiet]
       [--force-local] [--rsh-command=command] [--help] [--version] < name-list
       [> archive]
       cpio {-i|--extract} [-bcdfmnrtsuvBSV] [-C bytes] [-E file] [-H format]
       [-M message] [-R [user][:.][group]] [-I [[user@]host:]archive]
       [-F [[user@]host:]archive] [--file=[[user@]host:]archive]
       [--make-directories] [--nonmatching] [--preserve-modification-time]
       [--numeric-uid-gid] [--rename] [--list] [--swap-bytes] [--swap] [--dot]
       [--unconditional] [--verbose] [--block-size=blocks] [--swap-halfwords]
       [--io-size=bytes] [--pattern-file=file] [--format=format]
       [--owner=[user][:.][group]] [--no-preserve-owner] [--message=message]
       [--force-local] [--no-absolute-filenames] [--sparse] [--only-verify-crc]
       [--quiet] [--rsh-command=command] [--help] [--version] [pattern...]
       [< archive]
       cpio {-p|--pass-through} [-0adlmuvLV] [-R [user][:.][group]]
       [--null] [--reset-access-time] [--make-directories] [--link] [--quiet]
       [--preserve-modification-time] [--unconditional] [--verbose] [--dot]
       [--dereference] [--owner=[user][:.][group]] [--no-preserve-owner]
       [--sparse] [--help] [--version] destination-directory < name-list
`;

function parseArgs(args: string[]): CpioOptions | string {
  const o: CpioOptions = {
    list: false, makeDirs: false, keepTime: false, unconditional: false, verbose: false, dots: false, link: false, resetAtime: false, nul: false, format: 'odc', dereference: false, noPreserveOwner: false, quiet: false, nonmatching: false, numeric: false, patterns: [],
  };
  const setMode = (m: 'o' | 'i' | 'p'): string | undefined => {
    if (o.mode && o.mode !== m) return 'Mode already defined';
    o.mode = m;
    return undefined;
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      o.patterns.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      const val = () => (eq >= 0 ? a.slice(eq + 1) : args[++i]);
      switch (name) {
        case 'create':
          if (setMode('o')) return 'Mode already defined';
          break;
        case 'extract':
          if (setMode('i')) return 'Mode already defined';
          break;
        case 'pass-through':
          if (setMode('p')) return 'Mode already defined';
          break;
        case 'list':
          o.list = true;
          break;
        case 'make-directories':
          o.makeDirs = true;
          break;
        case 'preserve-modification-time':
          o.keepTime = true;
          break;
        case 'unconditional':
          o.unconditional = true;
          break;
        case 'verbose':
          o.verbose = true;
          break;
        case 'dot':
          o.dots = true;
          break;
        case 'link':
          o.link = true;
          break;
        case 'reset-access-time':
          o.resetAtime = true;
          break;
        case 'null':
          o.nul = true;
          break;
        case 'format': {
          const f = val() ?? '';
          if (f === 'odc' || f === 'newc' || f === 'crc') o.format = f;
          else if (f === 'bin') o.format = 'odc';
          else return `invalid archive format \`${f}'; valid formats are:\ncrc newc odc bin ustar tar (all-caps also recognized)`;
          break;
        }
        case 'file':
          o.archive = val();
          break;
        case 'dereference':
          o.dereference = true;
          break;
        case 'no-preserve-owner':
          o.noPreserveOwner = true;
          break;
        case 'quiet':
          o.quiet = true;
          break;
        case 'nonmatching':
          o.nonmatching = true;
          break;
        case 'numeric-uid-gid':
          o.numeric = true;
          break;
        case 'help':
          return '\0help';
        case 'version':
          return '\0version';
        default:
          return `unrecognized option \`${a}'`;
      }
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j]!;
        const takeValue = () => {
          const rest = a.slice(j + 1);
          j = a.length;
          return rest !== '' ? rest : args[++i];
        };
        switch (c) {
          case 'o':
          case 'i':
          case 'p':
            if (setMode(c)) return 'Mode already defined';
            break;
          case 't':
            o.list = true;
            break;
          case 'd':
            o.makeDirs = true;
            break;
          case 'm':
            o.keepTime = true;
            break;
          case 'u':
            o.unconditional = true;
            break;
          case 'v':
            o.verbose = true;
            break;
          case 'V':
            o.dots = true;
            break;
          case 'l':
            o.link = true;
            break;
          case 'a':
            o.resetAtime = true;
            break;
          case '0':
            o.nul = true;
            break;
          case 'c':
            o.format = 'odc';
            break;
          case 'L':
            o.dereference = true;
            break;
          case 'f':
            o.nonmatching = true;
            break;
          case 'n':
            o.numeric = true;
            break;
          case 'H': {
            const f = (takeValue() ?? '').toLowerCase();
            if (f === 'odc' || f === 'newc' || f === 'crc') o.format = f;
            else if (f === 'bin') o.format = 'odc';
            else return `invalid archive format \`${f}'; valid formats are:\ncrc newc odc bin ustar tar (all-caps also recognized)`;
            break;
          }
          case 'F':
          case 'O':
          case 'I':
            o.archive = takeValue();
            break;
          case 'R':
          case 'E':
          case 'M':
          case 'C':
            takeValue();
            break;
          case 'B':
          case 'b':
          case 'r':
          case 's':
          case 'S':
          case 'A':
            break;
          default:
            return `invalid option -- ${c}`;
        }
      }
      continue;
    }
    o.patterns.push(a);
  }
  return o;
}

class Cpio {
  outputBytes = 0;
  readonly links = new Map<string, string>();

  constructor(
    readonly proc: Process,
    readonly o: CpioOptions,
  ) {}

  async warn(text: string): Promise<void> {
    await this.proc.err(`cpio: ${text}\n`);
  }

  async names(): Promise<string[]> {
    const text = await this.proc.readAll(0);
    const sep = this.o.nul ? '\0' : '\n';
    const list = text.split(sep);
    if (list[list.length - 1] === '') list.pop();
    return list;
  }

  async blocks(): Promise<void> {
    if (this.o.quiet) return;
    const n = Math.ceil(this.outputBytes / 512);
    await this.proc.err(`${n} ${n === 1 ? 'block' : 'blocks'}\n`);
  }

  /** create_all_directories(): the leading directories of a path. */
  makeDirs(path: string): void {
    const parts = path.split('/');
    let cur = path.startsWith('/') ? '' : '.';
    for (const p of parts.slice(0, -1)) {
      if (p === '' || p === '.') continue;
      cur = cur === '' ? `/${p}` : `${cur}/${p}`;
      try {
        this.proc.fs.mkdir(cur, 0o700);
      } catch {
        // exists
      }
    }
  }

  private linkTo(target: string, name: string): boolean {
    const fs = this.proc.fs;
    try {
      fs.link(target, name);
      return true;
    } catch (e) {
      if (this.o.makeDirs && isErr(e, 'ENOENT')) {
        this.makeDirs(name);
        try {
          fs.link(target, name);
          return true;
        } catch {
          return false;
        }
      }
      return false;
    }
  }

  private async attributes(path: string, st: { uid: number; gid: number; perm: number; mtime: number; atime?: number }, isLink = false): Promise<void> {
    const fs = this.proc.fs;
    if (!this.o.noPreserveOwner) {
      try {
        fs.chown(path, st.uid, st.gid, isLink);
      } catch (e) {
        if (!isErr(e, 'EPERM')) await this.warn(`${path}: ${why(e)}`);
      }
    }
    if (isLink) return;
    try {
      fs.chmod(path, st.perm);
    } catch (e) {
      await this.warn(`${path}: ${why(e)}`);
    }
    if (this.o.keepTime) {
      try {
        fs.utimes(path, st.mtime, st.mtime);
      } catch (e) {
        await this.warn(`${path}: ${why(e)}`);
      }
    }
  }

  /** process_copy_pass(). */
  async pass(dest: string): Promise<void> {
    const fs = this.proc.fs;
    const proc = this.proc;
    for (const input of await this.names()) {
      await proc.checkpoint();
      if (input === '') {
        await this.warn('blank line ignored');
        continue;
      }
      if (input === '.' || input === './') continue;
      let st: FileStat;
      try {
        st = this.o.dereference ? fs.stat(input) : fs.lstat(input);
      } catch (e) {
        await this.warn(`${input}: ${why(e)}`);
        continue;
      }
      const out = `${dest}/${input.replace(/^\/+/, '')}`;
      let existingDir = false;
      let outSt: FileStat | undefined;
      try {
        outSt = fs.lstat(out);
      } catch {
        outSt = undefined;
      }
      if (outSt) {
        if (outSt.type === 'dir' && st.type === 'dir') existingDir = true;
        else if (!this.o.unconditional && st.mtime <= outSt.mtime) {
          await this.warn(`${out} not created: newer or same age version exists`);
          continue;
        } else {
          try {
            if (outSt.type === 'dir') fs.rmdir(out);
            else fs.unlink(out);
          } catch (e) {
            await this.warn(`cannot remove current ${out}: ${why(e)}`);
            continue;
          }
        }
      }
      if (st.type === 'file') {
        let linked = false;
        if (this.o.link) {
          linked = this.linkTo(input, out);
          if (linked) {
            if (this.o.verbose) await this.warn(`${input} linked to ${out}`);
          } else await this.warn(`cannot link ${input} to ${out}`);
        }
        if (!linked && st.nlink > 1) {
          const key = `${st.dev}:${st.ino}`;
          const first = this.links.get(key);
          if (first === undefined) this.links.set(key, out);
          else if (this.linkTo(first, out)) {
            linked = true;
            if (this.o.verbose) await this.warn(`${first} linked to ${out}`);
          }
        }
        if (!linked) {
          let data: string;
          try {
            data = await proc.readFile(input);
          } catch (e) {
            await this.warn(`${input}: ${why(e)}`);
            continue;
          }
          let fd: number;
          try {
            fd = this.openOut(out);
          } catch (e) {
            await this.warn(`${out}: ${why(e)}`);
            continue;
          }
          try {
            await proc.write(fd, data);
          } catch (e) {
            await this.warn(`${out}: ${why(e)}`);
          } finally {
            proc.close(fd);
          }
          this.outputBytes += data.length;
          await this.attributes(out, st);
          if (this.o.resetAtime) {
            try {
              fs.utimes(input, st.atime, st.mtime);
            } catch {
              // ignored
            }
          }
        }
      } else if (st.type === 'dir') {
        let ok = true;
        if (!existingDir) {
          try {
            fs.mkdir(out, st.perm);
          } catch (e) {
            if (this.o.makeDirs && isErr(e, 'ENOENT')) {
              this.makeDirs(out);
              try {
                fs.mkdir(out, st.perm);
              } catch (e2) {
                ok = isErr(e2, 'EEXIST');
                if (!ok) await this.warn(`${out}: ${why(e2)}`);
              }
            } else if (!isErr(e, 'EEXIST')) {
              ok = false;
              await this.warn(`${out}: ${why(e)}`);
            }
          }
        }
        if (!ok) continue;
        await this.attributes(out, st);
      } else if (st.type === 'symlink') {
        let target: string;
        try {
          target = fs.readlink(input);
        } catch (e) {
          await this.warn(`${input}: ${why(e)}`);
          continue;
        }
        try {
          this.symlink(target, out);
        } catch (e) {
          await this.warn(`${out}: ${why(e)}`);
          continue;
        }
        await this.attributes(out, st, true);
      } else {
        try {
          try {
            fs.mknod(out, st.type === 'socket' ? 'fifo' : st.type, st.perm, st.rdevMajor, st.rdevMinor);
          } catch (e) {
            if (!(this.o.makeDirs && isErr(e, 'ENOENT'))) throw e;
            this.makeDirs(out);
            fs.mknod(out, st.type === 'socket' ? 'fifo' : st.type, st.perm, st.rdevMajor, st.rdevMinor);
          }
        } catch (e) {
          await this.warn(`${out}: ${why(e)}`);
          continue;
        }
        await this.attributes(out, st);
      }
      if (this.o.verbose) await proc.err(`${out}\n`);
      else if (this.o.dots) await proc.err('.');
    }
    if (this.o.dots) await proc.err('\n');
    await this.blocks();
  }

  private openOut(path: string): number {
    try {
      return this.proc.open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600);
    } catch (e) {
      if (!(this.o.makeDirs && isErr(e, 'ENOENT'))) throw e;
      this.makeDirs(path);
      return this.proc.open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600);
    }
  }

  private symlink(target: string, path: string): void {
    try {
      this.proc.fs.symlink(target, path);
    } catch (e) {
      if (!(this.o.makeDirs && isErr(e, 'ENOENT'))) throw e;
      this.makeDirs(path);
      this.proc.fs.symlink(target, path);
    }
  }

  /** process_copy_out(). */
  async copyOut(): Promise<string> {
    const fs = this.proc.fs;
    const parts: string[] = [];
    let ino = 1;
    for (const name of await this.names()) {
      await this.proc.checkpoint();
      if (name === '') continue;
      let st: FileStat;
      try {
        st = this.o.dereference ? fs.stat(name) : fs.lstat(name);
      } catch (e) {
        await this.warn(`${name}: ${why(e)}`);
        continue;
      }
      let data = '';
      let linkname = '';
      if (st.type === 'file') {
        try {
          data = await this.proc.readFile(name);
        } catch (e) {
          await this.warn(`${name}: ${why(e)}`);
          continue;
        }
      } else if (st.type === 'symlink') {
        try {
          linkname = fs.readlink(name);
        } catch (e) {
          await this.warn(`${name}: ${why(e)}`);
          continue;
        }
      }
      const e: CpioEntry = {
        name, type: st.type, perm: st.perm, uid: st.uid, gid: st.gid, size: data.length, mtime: Math.floor(st.mtime), linkname, devmajor: st.rdevMajor, devminor: st.rdevMinor, data, ino: this.o.format === 'odc' ? st.ino & 0o777777 : st.ino || ino++, dev: st.dev, nlink: st.nlink,
      };
      parts.push(cpioEntry(e, this.o.format));
      if (this.o.verbose) await this.proc.err(`${name}\n`);
      else if (this.o.dots) await this.proc.err('.');
    }
    if (this.o.dots) await this.proc.err('\n');
    parts.push(cpioTrailer(this.o.format));
    let archive = parts.join('');
    const r = archive.length % 512;
    if (r) archive += '\0'.repeat(512 - r);
    this.outputBytes = archive.length;
    return archive;
  }

  /** process_copy_in() (and -t). */
  async copyIn(archive: string): Promise<boolean> {
    const fs = this.proc.fs;
    const { entries, error } = parseCpio(archive);
    const zone = await zoneFor(this.proc);
    const users = new UserDb(this.proc);
    const now = this.proc.time();
    const dirs: CpioEntry[] = [];
    for (const e of entries) {
      await this.proc.checkpoint();
      const name = e.name;
      const matches = this.o.patterns.length === 0 || this.o.patterns.some((p) => fnmatch(p, name));
      if (matches === this.o.nonmatching && this.o.patterns.length) continue;
      if (this.o.list) {
        if (this.o.verbose) {
          const recent = !(now - e.mtime > 6 * 30 * 86400 || now - e.mtime < 0);
          const date = strftime(recent ? '%b %e %H:%M' : '%b %e  %Y', localTime(e.mtime, zone));
          const user = this.o.numeric ? String(e.uid) : ((await users.userName(e.uid)) ?? String(e.uid)).slice(0, 8);
          const group = this.o.numeric ? String(e.gid) : ((await users.groupName(e.gid)) ?? String(e.gid)).slice(0, 8);
          const size = e.type === 'chardev' || e.type === 'blockdev' ? `${String(e.devmajor).padStart(3)}, ${String(e.devminor).padStart(3)}` : String(e.size).padStart(8);
          await this.proc.out(`${modeString(e.type, e.perm)} ${String(e.nlink).padStart(3)} ${user.padEnd(8)} ${group.padEnd(8)} ${size} ${date} ${name}${e.type === 'symlink' ? ` -> ${e.linkname}` : ''}\n`);
        } else await this.proc.out(name + '\n');
        this.outputBytes += e.size;
        continue;
      }
      const out = name;
      let outSt: FileStat | undefined;
      try {
        outSt = fs.lstat(out);
      } catch {
        outSt = undefined;
      }
      if (outSt && !(outSt.type === 'dir' && e.type === 'dir')) {
        if (!this.o.unconditional && e.mtime <= outSt.mtime) {
          await this.warn(`${out} not created: newer or same age version exists`);
          continue;
        }
        try {
          if (outSt.type === 'dir') fs.rmdir(out);
          else fs.unlink(out);
        } catch (err) {
          await this.warn(`cannot remove current ${out}: ${why(err)}`);
          continue;
        }
      }
      try {
        if (e.type === 'file') {
          const key = `${e.dev}:${e.ino}`;
          const first = e.nlink > 1 ? this.links.get(key) : undefined;
          if (first !== undefined && this.linkTo(first, out)) {
            if (this.o.verbose) await this.proc.err(`${out}\n`);
            continue;
          }
          if (e.nlink > 1) this.links.set(key, out);
          const fd = this.openOut(out);
          try {
            await this.proc.write(fd, e.data);
          } finally {
            this.proc.close(fd);
          }
        } else if (e.type === 'dir') {
          if (!outSt) {
            try {
              fs.mkdir(out, 0o700);
            } catch (err) {
              if (!(this.o.makeDirs && isErr(err, 'ENOENT'))) throw err;
              this.makeDirs(out);
              fs.mkdir(out, 0o700);
            }
          }
          dirs.push(e);
          if (this.o.verbose) await this.proc.err(`${out}\n`);
          continue;
        } else if (e.type === 'symlink') {
          this.symlink(e.linkname, out);
        } else {
          try {
            fs.mknod(out, e.type === 'socket' ? 'fifo' : e.type, e.perm, e.devmajor, e.devminor);
          } catch (err) {
            if (!(this.o.makeDirs && isErr(err, 'ENOENT'))) throw err;
            this.makeDirs(out);
            fs.mknod(out, e.type === 'socket' ? 'fifo' : e.type, e.perm, e.devmajor, e.devminor);
          }
        }
      } catch (err) {
        await this.warn(`${out}: ${why(err)}`);
        continue;
      }
      await this.attributes(out, e, e.type === 'symlink');
      this.outputBytes += e.size;
      if (this.o.verbose) await this.proc.err(`${out}\n`);
      else if (this.o.dots) await this.proc.err('.');
    }
    for (const d of dirs.reverse()) await this.attributes(d.name, d);
    if (this.o.dots) await this.proc.err('\n');
    this.outputBytes = archive.length;
    if (error) {
      await this.warn(error);
      return false;
    }
    return true;
  }
}

defineProgram({
  name: 'cpio',
  options: ['-o', '-i', '-p', '-t', '-d', '-m', '-u', '-v', '-l', '-H', '-F', '--null', '--make-directories', '--preserve-modification-time'],
  main: async (proc) => {
    const parsed = parseArgs(proc.argv.slice(1));
    if (typeof parsed === 'string') {
      if (parsed === '\0help') {
        await proc.out(USAGE);
        return 0;
      }
      if (parsed === '\0version') {
        await proc.out('GNU cpio 2.5\n');
        return 0;
      }
      await proc.err(`cpio: ${parsed}\n${USAGE}`);
      return 2;
    }
    const o = parsed;
    const c = new Cpio(proc, o);
    if (o.list && !o.mode) o.mode = 'i';
    if (!o.mode) {
      await proc.err(`cpio: You must specify one of -oipt options.\nTry \`cpio --help' or \`cpio --usage' for more information.\n`);
      return 2;
    }
    if (o.mode === 'p') {
      if (o.patterns.length !== 1) {
        await proc.err(USAGE);
        return 2;
      }
      const dest = o.patterns[0]!;
      await c.pass(dest.replace(/(.)\/+$/, '$1'));
      return 0;
    }
    if (o.mode === 'o') {
      const archive = await c.copyOut();
      let fd = 1;
      if (o.archive !== undefined) {
        try {
          fd = proc.open(o.archive, O_WRONLY | O_CREAT | O_TRUNC, 0o666);
        } catch (e) {
          await c.warn(`${o.archive}: ${why(e)}`);
          return 2;
        }
      }
      try {
        await proc.write(fd, archive);
      } finally {
        if (fd !== 1) proc.close(fd);
      }
      await c.blocks();
      return 0;
    }
    let archive: string;
    try {
      archive = o.archive !== undefined ? await proc.readFile(o.archive) : await proc.readAll(0);
    } catch (e) {
      await c.warn(`${o.archive}: ${why(e)}`);
      return 2;
    }
    const ok = await c.copyIn(archive);
    await c.blocks();
    return ok ? 0 : 2;
  },
});
