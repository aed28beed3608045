/**
 * vdu — util-vserver 0.30.210 (reference §9.4, src/vdu.c): the space and inodes a context uses
 * below directories. It walks each directory without crossing devices and counts the files whose
 * context tag is the xid, hard-linked inodes once. Output per directory: `<dir> <space> <inodes>`
 * (only the values asked for; --script leaves out the directory), space in units of --blocksize
 * bytes (1024). Errors of the walk end the program (`vdu: lstat("x"): …`).
 */
import { SyscallError } from '../../kernel/errno.js';
import type { FileStat } from '../../kernel/fs-calls.js';
import { IATTR } from '../../kernel/vfs/constants.js';
import { TaskTermination } from '../../kernel/termination.js';
import { SIG } from '../../kernel/signals.js';
import { defineProgram } from '../registry.js';
import { PACKAGE_BUGREPORT } from '../vserver/manage/paths.js';
import { runUvTool, type UvTool } from './lib/frame.js';
import { strtoul } from './lib/strtol.js';
import { VC_NOCTX, xidFromOption, xidoptCall } from './lib/xid-option.js';

const OPTIONS = [
  { long: 'help' },
  { long: 'version' },
  { long: 'xid', arg: 'required' as const },
  { long: 'space' },
  { long: 'inodes' },
  { long: 'script' },
  { long: 'blocksize', arg: 'required' as const },
];

const help = (argv0: string) =>
  `Usage:\n    ${argv0} --xid <xid> (--space|--inodes) [--blocksize <blocksize>] [--script] <directory>*\n\n` +
  `Please report bugs to ${PACKAGE_BUGREPORT}\n`;

/**
 * isNumberUnsigned(str, &n, false): strtoul base 0 with an optional K/M (×1024) or k/m (×1000)
 * suffix; undefined when the text is not such a number.
 */
export function parseBlockSize(text: string): number | undefined {
  const n = strtoul(text);
  if (n.overflow || n.end === 0) return undefined;
  let end = n.end;
  let factor = 1;
  const suffix = text[end];
  if (suffix === 'M' || suffix === 'K') factor = suffix === 'M' ? 1024 * 1024 : 1024;
  if (suffix === 'm' || suffix === 'k') factor = suffix === 'm' ? 1000 * 1000 : 1000;
  if (factor !== 1) end++;
  if (end !== text.length) return undefined;
  const value = n.value * factor;
  return value > 0xffffffff ? undefined : value;
}

/** What one directory adds up to. */
interface Usage {
  blocks512: number;
  inodes: number;
}

class Walk {
  readonly usage: Usage = { blocks512: 0, inodes: 0 };
  private readonly seen = new Set<number>();

  constructor(
    private readonly tool: UvTool,
    private readonly xid: number,
  ) {}

  private get fs() {
    return this.tool.proc.fs;
  }

  /** vc_getfilecontext(): the tag, or VC_NOCTX when the call fails or the filesystem has none. */
  private contextOf(path: string): number {
    try {
      const info = this.fs.getIattr(path);
      return info.mask & IATTR.TAG ? (info.xid ?? 0) : VC_NOCTX;
    } catch (e) {
      if (e instanceof SyscallError) return VC_NOCTX;
      throw e;
    }
  }

  /** An E-wrapper's failure: `vdu: <call>: <strerror>` and exit 1. */
  private fatal(call: string, e: unknown): Promise<never> {
    if (!(e instanceof SyscallError)) throw e;
    return this.tool.fail(`vdu: ${call}: ${e.message}\n`, 1);
  }

  async start(dir: string): Promise<void> {
    let st: FileStat;
    try {
      st = this.fs.stat(dir);
    } catch (e) {
      return this.fatal('stat()', e);
    }
    if (st.type !== 'dir') return this.fatal('chdir()', new SyscallError('ENOTDIR'));
    await this.entry(dir, '.', st.dev);
  }

  /** visitDirEntry: count the entry if it is tagged with the xid, then descend on the same device. */
  private async entry(path: string, name: string, parentDev: number): Promise<void> {
    let st: FileStat;
    try {
      st = this.fs.lstat(path);
    } catch (e) {
      return this.fatal(`lstat("${name}")`, e);
    }
    if (this.contextOf(path) === this.xid && (st.nlink === 1 || !this.seen.has(st.ino))) {
      if (st.nlink !== 1) this.seen.add(st.ino);
      this.usage.blocks512 += st.blocks;
      this.usage.inodes += 1;
    }
    if (st.type === 'dir' && st.dev === parentDev) await this.directory(path, st);
    await this.tool.proc.checkpoint();
  }

  private async directory(path: string, st: FileStat): Promise<void> {
    let names: string[];
    try {
      this.fs.access(path, 1);
    } catch (e) {
      return this.fatal('safeChdir()', e);
    }
    try {
      names = this.fs.readdir(path);
    } catch (e) {
      return this.fatal('opendir()', e);
    }
    const prefix = path.replace(/\/+$/, '');
    for (const name of names) {
      if (name === '.' || name === '..') continue;
      await this.entry(`${prefix}/${name}`, name, st.dev);
    }
  }
}

defineProgram({
  name: 'vdu',
  options: ['--xid', '--space', '--inodes', '--script', '--blocksize', '--help', '--version'],
  main: (proc) =>
    runUvTool(proc, 'vdu', async (tool) => {
      const { options, operands } = await tool.options(OPTIONS, `Try '${tool.argv0} --help' for more information.\n`, 255, true);
      let xid = VC_NOCTX;
      let space = false;
      let inodes = false;
      let script = false;
      let blocksize = 1024;
      for (const o of options) {
        const value = o.value ?? '';
        if (o.key === 'help') tool.help(help(tool.argv0));
        else if (o.key === 'version') tool.version('calculates the size of a directory', 2006);
        else if (o.key === 'xid') {
          try {
            xid = await xidFromOption(proc, value);
          } catch (e) {
            if (!(e instanceof SyscallError)) throw e;
            return tool.fail(`vdu: ${xidoptCall(value)}: ${e.message}\n`, 1);
          }
        } else if (o.key === 'space') space = true;
        else if (o.key === 'inodes') inodes = true;
        else if (o.key === 'script') script = true;
        else if (o.key === 'blocksize') {
          const bs = parseBlockSize(value);
          if (bs === undefined) return tool.fail(`Invalid block size argument: '${value}'; try '--help' for more information\n`, 1);
          blocksize = bs;
        }
      }
      if (xid === VC_NOCTX) return tool.fail("No xid specified; try '--help' for more information\n", 1);
      if (!space && !inodes) return tool.fail("Must specify --space or --inodes; try '--help' for more information\n", 1);
      if (operands.length === 0) return tool.fail("No directory specified; try '--help' for more information\n", 1);
      for (const dir of operands) {
        const walk = new Walk(tool, xid);
        await walk.start(dir);
        if (!script) tool.print(`${dir} `);
        const values: string[] = [];
        if (space) {
          // --blocksize 0 divides by zero: the real vdu dies of SIGFPE after the directory's name.
          if (blocksize === 0) {
            await tool.out.flush();
            throw new TaskTermination('signal', SIG.FPE);
          }
          values.push(String(Math.floor((walk.usage.blocks512 * 512) / blocksize)));
        }
        if (inodes) values.push(String(walk.usage.inodes));
        tool.print(`${values.join(' ')}\n`);
      }
      return 0;
    }),
});
