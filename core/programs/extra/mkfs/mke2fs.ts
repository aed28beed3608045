/**
 * mke2fs (e2fsprogs 1.35), also run as mkfs.ext2 and mkfs.ext3 (which adds a journal), and
 * util-linux's mkfs front end. On a regular file it asks "Proceed anyway? (y,n)" unless -F; on a
 * loop device it formats the file attached with losetup. The new filesystem becomes the file's
 * image, so `mount -o loop FILE DIR` mounts it.
 */
import type { FileStat } from '../../../kernel/fs-calls.js';
import { loopTable } from '../../../kernel/loop.js';
import type { Process } from '../../../kernel/process.js';
import { getopt, UsageError } from '../../lib/getopt.js';
import { searchPath } from '../../lib/search-path.js';
import { defineProgram } from '../../registry.js';
import { errorCode, errorMessage } from '../lib/frame.js';
import { computeGeometry, formatStats, type Geometry } from './geometry.js';
import { writeSuperblockMark } from './superblock.js';

const BANNER = 'mke2fs 1.35 (28-Feb-2004)\n';
const LOOP_MAJOR = 7;
const SCSI_DISK_MAJOR = 8;

/** Thrown to end mke2fs with a status once its message is out. */
class Exit extends Error {
  constructor(readonly status: number) {
    super(`exit ${status}`);
  }
}

interface Mke2fsOptions {
  force: boolean;
  quiet: boolean;
  dryRun: boolean;
  journal: boolean;
  label: string;
  blockSize?: number;
  inodeRatio?: number;
  inodes?: number;
  reservedPercent?: number;
  usage?: string;
  device: string;
  blocksCount?: number;
}

function usageText(program: string): string {
  return (
    `Usage: ${program} [-c|-t|-l filename] [-b block-size] [-f fragment-size]\n\t[-i bytes-per-inode] [-j] [-J journal-options]` +
    ` [-N number-of-inodes]\n\t[-m reserved-blocks-percentage] [-o creator-os] [-g blocks-per-group]\n\t[-L volume-label] ` +
    `[-M last-mounted-directory] [-O feature[,...]]\n\t[-r fs-revision] [-R raid_opts] [-qvSV] device [blocks-count]\n`
  );
}

class Mke2fs {
  constructor(
    private readonly proc: Process,
    private readonly program: string,
  ) {}

  async stdout(text: string): Promise<void> {
    await this.proc.out(text);
  }

  async stderr(text: string): Promise<void> {
    await this.proc.err(text);
  }

  /** com_err(): "WHO: MESSAGE while …" on standard error. */
  async comErr(who: string, message: string, exitStatus = 1): Promise<never> {
    await this.stderr(`${who}: ${message}\n`);
    throw new Exit(exitStatus);
  }

  async usage(): Promise<never> {
    await this.stderr(usageText(this.program));
    throw new Exit(1);
  }

  /**
   * proceed_question(): an answer starting with y or Y goes on, any other ends mke2fs with
   * status 1. At end of file the buffer stays empty and strchr("yY", '\0') matches the
   * terminator: mke2fs proceeds (a quirk of the real code).
   */
  async proceed(): Promise<void> {
    await this.stdout('Proceed anyway? (y,n) ');
    let answer = '';
    try {
      answer = await this.proc.read(0, 256);
    } catch {
      // unreadable standard input: as end of file
    }
    if (answer !== '' && !/^[yY]/.test(answer)) throw new Exit(1);
  }

  parse(args: string[]): Mke2fsOptions | 'usage' | 'version' {
    const parsed = getopt(args, [
      { short: 'b', arg: 'required' },
      { short: 'c' },
      { short: 'f', arg: 'required' },
      { short: 'F' },
      { short: 'g', arg: 'required' },
      { short: 'i', arg: 'required' },
      { short: 'j' },
      { short: 'J', arg: 'required' },
      { short: 'l', arg: 'required' },
      { short: 'L', arg: 'required' },
      { short: 'm', arg: 'required' },
      { short: 'M', arg: 'required' },
      { short: 'n' },
      { short: 'N', arg: 'required' },
      { short: 'o', arg: 'required' },
      { short: 'O', arg: 'required' },
      { short: 'q' },
      { short: 'r', arg: 'required' },
      { short: 'R', arg: 'required' },
      { short: 's', arg: 'required' },
      { short: 'S' },
      { short: 'T', arg: 'required' },
      { short: 'v' },
      { short: 'V' },
    ], { posixOrder: true });
    const o: Partial<Mke2fsOptions> = { force: false, quiet: false, dryRun: false, journal: this.program === 'mkfs.ext3', label: '' };
    let version = false;
    for (const opt of parsed.options) {
      const v = opt.value ?? '';
      switch (opt.key) {
        case 'b':
          o.blockSize = Number(v);
          break;
        case 'F':
          o.force = true;
          break;
        case 'i':
          o.inodeRatio = Number(v);
          break;
        case 'j':
        case 'J':
          o.journal = true;
          break;
        case 'L':
          o.label = v.slice(0, 16);
          break;
        case 'm':
          o.reservedPercent = Number(v);
          break;
        case 'n':
          o.dryRun = true;
          break;
        case 'N':
          o.inodes = Number(v);
          break;
        case 'q':
          o.quiet = true;
          break;
        case 'T':
          o.usage = v;
          break;
        case 'V':
          version = true;
          break;
      }
    }
    if (version) return 'version';
    if (parsed.operands.length === 0 || parsed.operands.length > 2) return 'usage';
    o.device = parsed.operands[0];
    if (parsed.operands[1] !== undefined) o.blocksCount = Number(parsed.operands[1]);
    return o as Mke2fsOptions;
  }

  /** The numbers mke2fs validates itself, with its words. */
  async validate(o: Mke2fsOptions, raw: string[]): Promise<void> {
    // 1.35 knows block sizes from 1024 to 8192 (EXT2_MAX_BLOCK_LOG_SIZE 13).
    if (o.blockSize !== undefined && ![1024, 2048, 4096, 8192].includes(o.blockSize)) {
      await this.comErr(this.program, `bad block size - ${valueOf(raw, '-b')}`);
    }
    if (o.blockSize !== undefined && o.blockSize > 4096) await this.stderr(`Warning: blocksize ${o.blockSize} not usable on most systems.\n`);
    if (o.inodeRatio !== undefined && (!Number.isInteger(o.inodeRatio) || o.inodeRatio < 1024 || o.inodeRatio > 8192 * 1024)) {
      // (sic: the message of 1.35 lacks its closing parenthesis)
      await this.comErr(this.program, `bad inode ratio ${valueOf(raw, '-i')} (min 1024/max 8192`);
    }
    if (o.reservedPercent !== undefined && (!Number.isFinite(o.reservedPercent) || o.reservedPercent < 0 || o.reservedPercent > 50)) {
      await this.comErr(this.program, `bad reserved blocks percent - ${valueOf(raw, '-m')}`);
    }
    if (o.inodes !== undefined && !Number.isInteger(o.inodes)) await this.comErr(this.program, `bad num inodes - ${valueOf(raw, '-N')}`);
    if (o.blocksCount !== undefined && !Number.isInteger(o.blocksCount)) await this.comErr(this.program, `bad blocks count - ${raw[raw.length - 1]}`);
    if (o.usage !== undefined && !['news', 'largefile', 'largefile4'].includes(o.usage)) o.usage = undefined;
  }

  /** check_plausibility(): the device must exist; a non-block device or a whole disk asks first. */
  async plausibility(device: string): Promise<FileStat> {
    let st: FileStat;
    try {
      st = this.proc.fs.stat(device);
    } catch (e) {
      await this.stderr(`Could not stat ${device} --- ${errorMessage(e)}\n`);
      if (errorCode(e) === 'ENOENT') await this.stderr('\nThe device apparently does not exist; did you specify it correctly?\n');
      throw new Exit(1);
    }
    if (st.type !== 'blockdev') {
      await this.stdout(`${device} is not a block special device.\n`);
      await this.proceed();
    } else if (st.rdevMajor === SCSI_DISK_MAJOR && st.rdevMinor % 16 === 0) {
      await this.stdout(`${device} is entire device, not just one partition!\n`);
      await this.proceed();
    }
    return st;
  }

  /** check_mount(): refuse a mounted device (a file mounted with -o loop counts) unless -F. */
  async checkMount(device: string, force: boolean): Promise<void> {
    let canonical = device;
    try {
      canonical = this.proc.fs.realpath(device);
    } catch {
      // keep the name as given
    }
    const names = new Set([device, canonical]);
    let mounted = this.proc.fs.mounts().some((m) => names.has(m.device));
    try {
      const swaps = await this.proc.readFile('/proc/swaps');
      if (swaps.split('\n').slice(1).some((l) => names.has(l.split(/\s+/)[0] ?? ''))) mounted = true;
    } catch {
      // no /proc: nothing known to be in use
    }
    if (!mounted) return;
    if (force) {
      await this.stderr(`${device} is mounted; mke2fs forced anyway.  Hope /etc/mtab is incorrect.\n`);
      return;
    }
    await this.stderr(`${device} is mounted; will not make a filesystem here!\n`);
    throw new Exit(1);
  }

  /** The regular file that holds the filesystem: the device itself, or the file behind a loop device. */
  backingFile(device: string, st: FileStat | undefined): { path: string; bytes: number } | 'busy' {
    if (!st || st.type === 'file') return { path: device, bytes: st?.size ?? 0 };
    if (st.type === 'blockdev' && st.rdevMajor === LOOP_MAJOR) {
      try {
        const b = loopTable(this.proc.kernel).status(st.rdevMinor);
        return { path: b.path, bytes: this.proc.fs.stat(b.path).size };
      } catch {
        // An unattached loop device has no size.
        return { path: device, bytes: 0 };
      }
    }
    // Disks and partitions of the machine itself are in use by the running system.
    return 'busy';
  }

  async run(args: string[]): Promise<number> {
    let o: Mke2fsOptions | 'usage' | 'version';
    try {
      o = this.parse(args);
    } catch (e) {
      if (!(e instanceof UsageError)) throw e;
      await this.stderr(`${this.program}: ${e.message}\n`);
      return this.usage();
    }
    if (o === 'usage') return this.usage();
    if (o === 'version') {
      await this.stderr(`${BANNER}\tUsing EXT2FS Library version 1.35\n`);
      return 0;
    }
    await this.validate(o, args);
    if (!o.quiet) await this.stderr(BANNER);
    const st = o.force ? this.statQuietly(o.device) : await this.plausibility(o.device);
    await this.checkMount(o.device, o.force);
    if (!st) return this.comErr(this.program, 'No such file or directory while trying to determine filesystem size');
    const backing = this.backingFile(o.device, st);
    if (backing === 'busy') return this.comErr(o.device, 'Device or resource busy while setting up superblock');
    const geometry = computeGeometry({ ...o, deviceBytes: backing.bytes });
    if (geometry === 'zero-size') {
      return this.comErr(
        this.program,
        'Device size reported to be zero.  Invalid partition specified, or\n\tpartition table wasn\'t reread after running fdisk, due to\n\t' +
          'a modified partition being busy and in use.  You may need to reboot\n\tto re-read your partition table.\n',
      );
    }
    if (geometry === 'too-small') return this.comErr(o.device, 'Not enough space to build proposed filesystem while setting up superblock');
    if (geometry === 'too-many-inodes') return this.comErr(o.device, 'Too many inodes specified while setting up superblock');
    if (!o.dryRun) {
      try {
        this.proc.fs.access(backing.path, 2);
      } catch (e) {
        return this.comErr(o.device, `${errorMessage(e)} while setting up superblock`);
      }
    }
    if (!o.quiet || o.dryRun) await this.stdout(formatStats(geometry, o.label));
    if (o.dryRun) return 0;
    await this.write(o, geometry, backing.path);
    return 0;
  }

  private statQuietly(device: string): FileStat | undefined {
    try {
      return this.proc.fs.stat(device);
    } catch {
      return undefined;
    }
  }

  private async write(o: Mke2fsOptions, g: Geometry, path: string): Promise<void> {
    if (!o.quiet) {
      // The progress meter counts groups with backspaces over "N/M".
      const digits = String(g.groups).length;
      let progress = 'Writing inode tables: ';
      for (let i = 0; i < g.groups; i++) progress += `${String(i).padStart(digits)}/${String(g.groups).padStart(digits)}${'\b'.repeat(2 * digits + 1)}`;
      await this.stdout(progress + 'done                            \n');
    }
    if (o.journal && g.journalBlocks === 0) await this.stderr('\nFilesystem too small for a journal\n');
    const journal = o.journal ? g.journalBlocks : 0;
    try {
      this.proc.fs.mkfs!(path, {
        type: journal ? 'ext3' : 'ext2',
        blockSize: g.blockSize,
        blocks: g.blocksCount - g.overheadBlocks,
        inodes: g.inodesCount,
        journalBlocks: journal,
        reservedPercent: g.reservedPercent,
      });
      await writeSuperblockMark(this.proc, path, journal ? 'ext3' : 'ext2');
    } catch (e) {
      await this.comErr(o.device, `${errorMessage(e)} while setting up superblock`);
    }
    if (journal && !o.quiet) await this.stdout(`Creating journal (${journal} blocks): done\n`);
    if (o.quiet) return;
    await this.stdout('Writing superblocks and filesystem accounting information: done\n\n');
    // The check interval gets a jitter from the UUID: here from the device name.
    let jitter = 0;
    for (const ch of path) jitter = (jitter * 31 + ch.charCodeAt(0)) >>> 0;
    await this.stdout(`This filesystem will be automatically checked every ${20 + (jitter % 20)} mounts or\n180 days, whichever comes first.  Use tune2fs -c or -i to override.\n`);
  }
}

/** The argument given to an option in the command line ("-b 1000" or "-b1000"). */
function valueOf(args: string[], flag: string): string {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === flag) return args[i + 1] ?? '';
    if (a.startsWith(flag)) return a.slice(flag.length);
  }
  return '';
}

async function mke2fsMain(proc: Process): Promise<number> {
  const argv0 = proc.argv[0] ?? 'mke2fs';
  const program = argv0.slice(argv0.lastIndexOf('/') + 1);
  try {
    return await new Mke2fs(proc, program).run(proc.argv.slice(1));
  } catch (e) {
    if (e instanceof Exit) return e.status;
    throw e;
  }
}

defineProgram({ name: 'mke2fs', main: mke2fsMain, options: ['-F', '-j', '-b', '-i', '-L', '-m', '-N', '-n', '-q', '-T', '-V'] });
defineProgram({ name: 'mkfs.ext2', main: mke2fsMain, options: ['-F', '-j', '-b', '-i', '-L', '-m', '-N', '-n', '-q', '-T', '-V'] });

// ----- mkfs: util-linux 2.12a's front end ------------------------------------------------------

defineProgram({
  name: 'mkfs',
  options: ['-t', '-V'],
  main: async (proc) => {
    const args = proc.argv.slice(1);
    let type = 'ext2';
    let verbose = 0;
    const rest: string[] = [];
    let i = 0;
    // Options before the device are mkfs's own (-t, -V) or passed on; the rest goes to mkfs.TYPE.
    for (; i < args.length; i++) {
      const a = args[i]!;
      if (a === '-V' || a === '--verbose') verbose++;
      else if (a === '-t' && i + 1 < args.length) type = args[++i]!;
      else if (a.startsWith('-t') && a.length > 2) type = a.slice(2);
      else if (a === '-h' || a === '--help') {
        await proc.err('Usage: mkfs [-V] [-t fstype] [fs-options] device [size]\n');
        return 1;
      } else break;
    }
    rest.push(...args.slice(i));
    if (rest.length === 0) {
      if (verbose) {
        await proc.out('mkfs (util-linux 2.12a)\n');
        return 0;
      }
      await proc.err('Usage: mkfs [-V] [-t fstype] [fs-options] device [size]\n');
      return 1;
    }
    const program = `mkfs.${type}`;
    // util-linux looks in these directories before PATH.
    const path = ['/sbin', '/sbin/fs.d', '/sbin/fs', '/etc/fs', '/etc']
      .map((dir) => `${dir}/${program}`)
      .find((p) => {
        try {
          return proc.fs.stat(p).type === 'file';
        } catch {
          return false;
        }
      }) ?? searchPath(proc, program);
    if (verbose) await proc.out(`mkfs (util-linux 2.12a)\n${path ?? program} ${[...(verbose > 1 ? ['-V'] : []), ...rest].join(' ')}\n`);
    if (!path) {
      await proc.err(`mkfs: ${program}: No such file or directory\n`);
      return 8;
    }
    return proc.exec(path, [program, ...rest], proc.env);
  },
});
