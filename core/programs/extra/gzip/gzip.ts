/**
 * gzip, gunzip and zcat — gzip 1.3.3: FILE becomes FILE.gz (same mode and times, the original
 * removed), -c to standard output, -d, -f, -l, -n/-N, -q, -r, -S, -t, -v, -1…-9; gunzip strips
 * .gz/.z/.Z/-gz/_z and turns .tgz into .tar. Exit 0, 1 on error, 2 on a warning. The body is
 * the lab's own reversible format (codec.ts) inside a real gzip header and trailer.
 */
import { O_CREAT, O_EXCL, O_TRUNC, O_WRONLY } from '../../../kernel/file.js';
import type { FileStat } from '../../../kernel/fs-calls.js';
import type { Process } from '../../../kernel/process.js';
import { utf8Length } from '../../lib/io.js';
import { defineProgram } from '../../registry.js';
import { errorCode, errorMessage, joinPath } from '../lib/frame.js';
import { gzipDecode, gzipEncode, gzipHeader, gzipOriginalSize } from './codec.js';

const USAGE = 'usage: gzip [-cdfhlLnNrtvV19] [-S suffix] [file ...]\n';
const HELP =
  'gzip 1.3.3\n(2002-03-08)\n' +
  USAGE +
  ' -c --stdout      write on standard output, keep original files unchanged\n' +
  ' -d --decompress  decompress\n' +
  ' -f --force       force overwrite of output file and compress links\n' +
  ' -h --help        give this help\n' +
  ' -l --list        list compressed file contents\n' +
  ' -L --license     display software license\n' +
  ' -n --no-name     do not save or restore the original name and time stamp\n' +
  ' -N --name        save or restore the original name and time stamp\n' +
  ' -q --quiet       suppress all warnings\n' +
  ' -r --recursive   operate recursively on directories\n' +
  ' -S .suf  --suffix .suf     use suffix .suf on compressed files\n' +
  ' -t --test        test compressed file integrity\n' +
  ' -v --verbose     verbose mode\n' +
  ' -V --version     display version number\n' +
  ' -1 --fast        compress faster\n' +
  ' -9 --best        compress better\n' +
  ' file...          files to (de)compress. If none given, use standard input.\n' +
  'Report bugs to <bug-gzip@gnu.org>.\n';
const VERSION =
  'gzip 1.3.3\n(2002-03-08)\nCopyright 2002 Free Software Foundation\nCopyright 1992-1993 Jean-loup Gailly\n' +
  'This program comes with ABSOLUTELY NO WARRANTY.\nYou may redistribute copies of this program\n' +
  'under the terms of the GNU General Public License.\nFor more information about these matters, see the file named COPYING.\n' +
  'Compilation options:\nDIRENT UTIME STDC_HEADERS HAVE_UNISTD_H HAVE_MEMORY_H HAVE_STRING_H HAVE_LSTAT \nWritten by Jean-loup Gailly.\n';

const LONG: Record<string, string> = {
  stdout: 'c', 'to-stdout': 'c', decompress: 'd', uncompress: 'd', force: 'f', help: 'h', list: 'l', license: 'L',
  'no-name': 'n', name: 'N', quiet: 'q', silent: 'q', recursive: 'r', suffix: 'S', test: 't', verbose: 'v', version: 'V', fast: '1', best: '9',
};

interface GzipOptions {
  decompress: boolean;
  toStdout: boolean;
  force: boolean;
  list: boolean;
  test: boolean;
  recursive: boolean;
  verbose: number;
  quiet: boolean;
  saveName: boolean;
  restoreName: boolean;
  suffix: string;
  level: number;
}

/** display_ratio(): " 72.3%" or "-12.1%". */
export function ratioText(num: number, den: number): string {
  let ratio = den === 0 ? 0 : Math.trunc((1000 * num) / den);
  let sign = ' ';
  if (ratio < 0) {
    sign = '-';
    ratio = -ratio;
  }
  return `${sign}${String(Math.floor(ratio / 10)).padStart(2)}.${ratio % 10}%`;
}

/** The name gunzip gives a compressed file, or undefined for an unknown suffix. */
export function uncompressedName(name: string, suffix: string): string | undefined {
  const lower = name.toLowerCase();
  for (const s of [suffix, '.gz', '-gz', '.z', '-z', '_z']) {
    if (s && lower.endsWith(s.toLowerCase()) && name.length > s.length) return name.slice(0, name.length - s.length);
  }
  if (lower.endsWith('.tgz') || lower.endsWith('.taz')) return name.slice(0, -4) + '.tar';
  return undefined;
}

class Gzip {
  status = 0;

  constructor(
    private readonly proc: Process,
    private readonly name: string,
    private readonly o: GzipOptions,
  ) {}

  async error(message: string): Promise<void> {
    await this.proc.err(`${this.name}: ${message}\n`);
    this.status = 1;
  }

  async warning(message: string): Promise<void> {
    if (!this.o.quiet) await this.proc.err(`${this.name}: ${message}\n`);
    if (this.status === 0) this.status = 2;
  }

  private headerBytes(file: string): number {
    const h = gzipHeader(file);
    return utf8Length(file.slice(0, h?.bodyStart ?? 10)) + 8;
  }

  /** Standard input to standard output. */
  async stdin(): Promise<void> {
    const p = this.proc;
    if (!this.o.force && !this.o.list && p.isatty(this.o.decompress ? 0 : 1)) {
      await p.err(
        this.o.decompress
          ? `${this.name}: compressed data not read from a terminal. Use -f to force decompression.\nFor help, type: ${this.name} -h\n`
          : `${this.name}: compressed data not written to a terminal. Use -f to force compression.\nFor help, type: ${this.name} -h\n`,
      );
      this.status = 1;
      return;
    }
    const input = await p.readAll(0);
    if (this.o.decompress || this.o.test || this.o.list) {
      const d = gzipDecode(input);
      if (d.kind !== 'ok') {
        if (d.kind === 'not-gzip' && this.o.force && this.o.toStdout) await p.out(input);
        else await this.error(this.decodeError('stdin', d.kind));
        return;
      }
      if (this.o.list) await this.listLine(input, 'stdout');
      else if (!this.o.test) await p.out(d.data);
      return;
    }
    await p.out(gzipEncode(input, { mtime: 0, level: this.o.level }, utf8Length(input)));
  }

  private decodeError(name: string, kind: string): string {
    if (kind === 'not-gzip') return `${name}: not in gzip format`;
    if (kind === 'crc') return `${name}: invalid compressed data--crc error`;
    if (kind === 'unexpected-end') return `${name}: unexpected end of file`;
    return `${name}: invalid compressed data--format violated`;
  }

  private listed = false;

  private async listLine(file: string, outName: string): Promise<void> {
    if (!this.listed && !this.o.quiet) await this.proc.out('compressed  uncompressed  ratio uncompressed_name\n');
    this.listed = true;
    const inBytes = utf8Length(file);
    const outBytes = gzipOriginalSize(file);
    const ratio = ratioText(outBytes - (inBytes - this.headerBytes(file)), outBytes);
    await this.proc.out(`${String(inBytes).padStart(9)} ${String(outBytes).padStart(9)} ${ratio} ${outName}\n`);
  }

  private stat(path: string): FileStat | undefined {
    try {
      return this.proc.fs.lstat(path);
    } catch {
      return undefined;
    }
  }

  async file(path: string): Promise<void> {
    const p = this.proc;
    let st = this.stat(path);
    let actual = path;
    // gunzip x finds x.gz when x does not exist.
    if (!st && (this.o.decompress || this.o.list || this.o.test)) {
      for (const s of [this.o.suffix, '.gz', '.z', '-z', '_z', '.Z']) {
        const candidate = this.stat(path + s);
        if (candidate) {
          st = candidate;
          actual = path + s;
          break;
        }
      }
    }
    if (!st) return this.error(`${path}: No such file or directory`);
    if (st.type === 'dir') {
      if (!this.o.recursive) return this.warning(`${path} is a directory -- ignored`);
      let names: string[] = [];
      try {
        names = p.fs.readdir(path).filter((n) => n !== '.' && n !== '..');
      } catch (e) {
        return this.error(`${path}: ${errorMessage(e)}`);
      }
      for (const n of names) await this.file(joinPath(path, n));
      return;
    }
    if (st.type !== 'file') return this.warning(`${path} is not a directory or a regular file - ignored`);
    if (this.o.decompress || this.o.test || this.o.list) return this.decompressFile(actual, st);
    return this.compressFile(actual, st);
  }

  private async compressFile(path: string, st: FileStat): Promise<void> {
    const p = this.proc;
    const plain = uncompressedName(path, this.o.suffix);
    if (!this.o.toStdout && plain !== undefined) {
      const suffix = path.toLowerCase().endsWith('.tgz') || path.toLowerCase().endsWith('.taz') ? path.slice(-4) : path.slice(plain.length);
      return this.warning(`${path} already has ${suffix} suffix -- unchanged`);
    }
    if (!this.o.toStdout && st.nlink > 1 && !this.o.force) {
      return this.warning(`${path} has ${st.nlink - 1} other link${st.nlink > 2 ? 's' : ''}  -- unchanged`);
    }
    let data: string;
    try {
      data = await p.readFile(path);
    } catch (e) {
      return this.error(`${path}: ${errorMessage(e)}`);
    }
    const base = path.slice(path.lastIndexOf('/') + 1);
    const gz = gzipEncode(data, { name: this.o.saveName ? base : undefined, mtime: this.o.saveName ? st.mtime : 0, level: this.o.level }, utf8Length(data));
    const ratio = ratioText(utf8Length(data) - (utf8Length(gz) - this.headerBytes(gz)), utf8Length(data));
    if (this.o.toStdout) {
      await p.out(gz);
      if (this.o.verbose) await p.err(`${path}:\t${ratio}\n`);
      return;
    }
    const target = path + this.o.suffix;
    if (!(await this.writeOutput(target, gz, st))) return;
    if (this.o.verbose) await p.err(`${path}:\t${ratio} -- replaced with ${target}\n`);
    this.removeInput(path);
  }

  private async decompressFile(path: string, st: FileStat): Promise<void> {
    const p = this.proc;
    let target = uncompressedName(path, this.o.suffix);
    if (target === undefined && !this.o.toStdout && !this.o.test && !this.o.list) {
      return this.warning(`${path}: unknown suffix -- ignored`);
    }
    let file: string;
    try {
      file = await p.readFile(path);
    } catch (e) {
      return this.error(`${path}: ${errorMessage(e)}`);
    }
    const d = gzipDecode(file);
    if (d.kind !== 'ok') {
      // zcat -f passes files that are not compressed through unchanged.
      if (d.kind === 'not-gzip' && this.o.force && this.o.toStdout) return p.out(file);
      return this.error(this.decodeError(path, d.kind));
    }
    if (this.o.list) return this.listLine(file, target ?? path);
    if (this.o.test) {
      if (this.o.verbose) await p.err(`${path}:\t OK\n`);
      return;
    }
    if (this.o.toStdout) return p.out(d.data);
    if (this.o.restoreName && d.header.name) target = joinPath(path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '.', d.header.name).replace(/^\.\//, '');
    const inBytes = utf8Length(file);
    const outBytes = utf8Length(d.data);
    const ok = await this.writeOutput(target!, d.data, st, this.o.restoreName && d.header.mtime ? d.header.mtime : undefined);
    if (!ok) return;
    if (this.o.verbose) await p.err(`${path}:\t${ratioText(outBytes - (inBytes - this.headerBytes(file)), outBytes)} -- replaced with ${target}\n`);
    this.removeInput(path);
  }

  /** Create the output (not over an existing file without -f), with the input's mode and times. */
  private async writeOutput(target: string, data: string, st: FileStat, mtime?: number): Promise<boolean> {
    const p = this.proc;
    if (this.stat(target)) {
      if (!this.o.force) {
        if (p.isatty(0)) {
          await p.err(`${this.name}: ${target} already exists; do you wish to overwrite (y or n)? `);
          const answer = await p.read(0, 256);
          if (!/^[yY]/.test(answer)) {
            await p.err('\tnot overwritten\n');
            if (this.status === 0) this.status = 2;
            return false;
          }
        } else {
          await this.warning(`${target} already exists; not overwritten`);
          return false;
        }
      }
      try {
        p.fs.unlink(target);
      } catch (e) {
        await this.error(`${target}: ${errorMessage(e)}`);
        return false;
      }
    }
    let fd: number;
    try {
      fd = p.open(target, O_WRONLY | O_CREAT | O_EXCL | O_TRUNC, 0o600);
    } catch (e) {
      await this.error(`${target}: ${errorMessage(e)}`);
      return false;
    }
    try {
      await p.write(fd, data);
    } catch (e) {
      p.close(fd);
      await this.error(`${target}: ${errorMessage(e)}`);
      try {
        p.fs.unlink(target);
      } catch {
        // already gone
      }
      return false;
    }
    p.close(fd);
    try {
      p.fs.chmod(target, st.perm);
      p.fs.utimes(target, st.atime, mtime ?? st.mtime);
      if (p.task.cred.euid === 0) p.fs.chown(target, st.uid, st.gid, true);
    } catch {
      // copying the attributes is best effort, as in gzip's copy_stat()
    }
    return true;
  }

  private removeInput(path: string): void {
    try {
      this.proc.fs.unlink(path);
    } catch (e) {
      if (errorCode(e) === undefined) throw e;
    }
  }
}

function parseArgs(args: string[], o: GzipOptions): { files: string[] } | { error: string } | 'help' | 'version' | 'license' {
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      files.push(...args.slice(i + 1));
      break;
    }
    let letters: string[];
    if (a.startsWith('--')) {
      const [long, value] = a.slice(2).split('=', 2) as [string, string | undefined];
      const matches = Object.keys(LONG).filter((k) => k.startsWith(long));
      const key = LONG[long] ?? (matches.length === 1 ? LONG[matches[0]!] : undefined);
      if (!key) return { error: `unrecognized option \`${a}'` };
      if (key === 'S') {
        const v = value ?? args[++i];
        if (v === undefined) return { error: `option \`${a}' requires an argument` };
        o.suffix = v;
        continue;
      }
      letters = [key];
    } else if (a.startsWith('-') && a !== '-') {
      letters = [];
      for (let j = 1; j < a.length; j++) {
        const c = a[j]!;
        if (c === 'S') {
          const v = a.slice(j + 1) || args[++i];
          if (v === undefined) return { error: 'option requires an argument -- S' };
          o.suffix = v;
          break;
        }
        letters.push(c);
      }
    } else {
      files.push(a);
      continue;
    }
    for (const c of letters) {
      if (c === 'c') o.toStdout = true;
      else if (c === 'd') o.decompress = true;
      else if (c === 'f') o.force = true;
      else if (c === 'h' || c === 'H' || c === '?') return 'help';
      else if (c === 'l') o.list = true;
      else if (c === 'L') return 'license';
      else if (c === 'n') o.saveName = o.restoreName = false;
      else if (c === 'N') o.saveName = o.restoreName = true;
      else if (c === 'q') o.quiet = true;
      else if (c === 'r') o.recursive = true;
      else if (c === 't') o.test = true;
      else if (c === 'v') o.verbose++;
      else if (c === 'V') return 'version';
      else if (/[1-9]/.test(c)) o.level = Number(c);
      else return { error: `invalid option -- ${c}` };
    }
  }
  return { files };
}

async function gzipMain(proc: Process): Promise<number> {
  const argv0 = proc.argv[0] ?? 'gzip';
  const name = argv0.slice(argv0.lastIndexOf('/') + 1);
  const o: GzipOptions = {
    decompress: name === 'gunzip' || name === 'ungzip' || name === 'zcat' || name === 'gzcat',
    toStdout: name === 'zcat' || name === 'gzcat',
    force: false,
    list: false,
    test: false,
    recursive: false,
    verbose: 0,
    quiet: false,
    saveName: true,
    restoreName: false,
    suffix: '.gz',
    level: 6,
  };
  const parsed = parseArgs(proc.argv.slice(1), o);
  if (parsed === 'help') {
    await proc.out(HELP);
    return 0;
  }
  if (parsed === 'version' || parsed === 'license') {
    await proc.err(VERSION);
    return 0;
  }
  if ('error' in parsed) {
    await proc.err(`${name}: ${parsed.error}\n${USAGE.replace('gzip', name)}`);
    return 1;
  }
  if (o.suffix === '') {
    await proc.err(`${name}: incorrect suffix ''\n`);
    return 1;
  }
  const g = new Gzip(proc, name, o);
  if (parsed.files.length === 0) await g.stdin();
  for (const f of parsed.files) {
    if (f === '-') await g.stdin();
    else await g.file(f);
    await proc.checkpoint();
  }
  return g.status;
}

for (const name of ['gzip', 'gunzip', 'zcat']) defineProgram({ name, main: gzipMain, options: ['-c', '-d', '-f', '-l', '-n', '-N', '-q', '-r', '-t', '-v', '-V', '-9'] });
