/** du and df (coreutils 5.2.1). */
import type { FileStat, MountInfo, StatFs } from '../../kernel/fs-calls.js';
import type { Tool } from '../lib/tool.js';
import { HELP } from './lib/help.js';
import { HUMAN_H, HUMAN_SI, humanReadable, joinPath, q, why, type HumanOptions } from './lib/format.js';
import { defineTool, tryHelpExit } from './lib/program.js';

/** --block-size / BLOCK_SIZE values: "1K", "1M", "1000", "kB"... Returns [human options, block size]. */
export function parseBlockSize(text: string): [HumanOptions, number] | undefined {
  if (text === 'human-readable') return [HUMAN_H, 1];
  if (text === 'si') return [HUMAN_SI, 1];
  const m = /^(\d*)([KMGTPEZY]?)(B|iB)?$|^(\d*)(kB)$/.exec(text);
  if (!m) return undefined;
  const num = m[1] ?? m[4] ?? '';
  const letter = m[2] ?? (m[5] ? 'K' : '');
  const decimal = m[3] === 'B' || !!m[5];
  const power = ' KMGTPEZY'.indexOf(letter || ' ');
  const n = (num === '' ? 1 : Number(num)) * (decimal ? 1000 : 1024) ** Math.max(0, power);
  if (!n) return undefined;
  return [letter && num === '' ? { si: true, base1024: !decimal } : {}, n];
}

// ----- du ----------------------------------------------------------------------------------------

defineTool(
  {
    name: 'du',
    suite: 'coreutils',
    help: HELP.du,
    authors: 'Torbjorn Granlund, David MacKenzie, Paul Eggert, and Jim Meyering',
    options: [
      { short: '0', long: 'null' },
      { short: 'a', long: 'all' },
      { long: 'apparent-size' },
      { short: 'B', long: 'block-size', arg: 'required' },
      { short: 'b', long: 'bytes' },
      { short: 'c', long: 'total' },
      { short: 'D', long: 'dereference-args' },
      { short: 'h', long: 'human-readable' },
      { short: 'H' },
      { long: 'si' },
      { short: 'k' },
      { short: 'l', long: 'count-links' },
      { short: 'L', long: 'dereference' },
      { short: 'm' },
      { long: 'max-depth', arg: 'required' },
      { short: 'P', long: 'no-dereference' },
      { short: 's', long: 'summarize' },
      { short: 'S', long: 'separate-dirs' },
      { short: 'x', long: 'one-file-system' },
      { short: 'X', long: 'exclude-from', arg: 'required' },
      { long: 'exclude', arg: 'required' },
    ],
  },
  async (tool, { options, operands }) => {
    const proc = tool.proc;
    const fs = proc.fs;
    let human: HumanOptions = {};
    let blockSize = 1024;
    const env = proc.env.DU_BLOCK_SIZE ?? proc.env.BLOCK_SIZE;
    if (env) {
      const b = parseBlockSize(env);
      if (b) [human, blockSize] = b;
    }
    let all = false;
    let apparent = false;
    let total = false;
    let countLinks = false;
    let summarize = false;
    let separate = false;
    let oneFs = false;
    let nul = false;
    let follow: 'P' | 'D' | 'L' = 'P';
    let maxDepth = Infinity;
    let maxDepthSet = false;
    const excludes: RegExp[] = [];
    for (const o of options) {
      switch (o.key) {
        case '0':
          nul = true;
          break;
        case 'a':
          all = true;
          break;
        case 'apparent-size':
          apparent = true;
          break;
        case 'b':
          apparent = true;
          human = {};
          blockSize = 1;
          break;
        case 'c':
          total = true;
          break;
        case 'h':
          human = HUMAN_H;
          blockSize = 1;
          break;
        case 'H':
          await tool.warn('WARNING: use --si, not -H; the meaning of the -H option will soon\nchange to be the same as that of --dereference-args (-D)');
          human = HUMAN_SI;
          blockSize = 1;
          break;
        case 'si':
          human = HUMAN_SI;
          blockSize = 1;
          break;
        case 'k':
          human = {};
          blockSize = 1024;
          break;
        case 'm':
          human = {};
          blockSize = 1024 * 1024;
          break;
        case 'B': {
          const b = parseBlockSize(o.value!);
          if (!b) return tool.fatal(`invalid block size ${q(o.value!)}`);
          [human, blockSize] = b;
          break;
        }
        case 'max-depth':
          if (!/^\d+$/.test(o.value!)) {
            await tool.warn(`invalid maximum depth ${q(o.value!)}`);
            return tryHelpExit(tool);
          }
          maxDepth = Number(o.value);
          maxDepthSet = true;
          break;
        case 'l':
          countLinks = true;
          break;
        case 's':
          summarize = true;
          break;
        case 'S':
          separate = true;
          break;
        case 'x':
          oneFs = true;
          break;
        case 'D':
          follow = 'D';
          break;
        case 'L':
          follow = 'L';
          break;
        case 'P':
          follow = 'P';
          break;
        case 'exclude':
          excludes.push(globToRegExp(o.value!));
          break;
        case 'X':
          try {
            for (const line of (await proc.readFile(o.value!)).split('\n')) if (line) excludes.push(globToRegExp(line));
          } catch (e) {
            return tool.fatal(`${q(o.value!)}: ${why(e)}`);
          }
          break;
      }
    }
    if (all && summarize) return tool.usageError('cannot both summarize and show all entries');
    if (summarize && maxDepthSet && maxDepth === 0) await tool.warn('warning: summarizing is the same as using --max-depth=0');
    if (summarize && maxDepthSet && maxDepth !== 0) {
      await tool.warn(`warning: summarizing conflicts with --max-depth=${maxDepth}`);
      return tryHelpExit(tool);
    }
    if (summarize) maxDepth = 0;
    const end = nul ? '\0' : '\n';
    const seen = new Set<string>();
    let grand = 0;
    let fail = false;
    const show = (bytes: number, name: string) => {
      tool.out.put(`${humanReadable(bytes, human, 1, blockSize)}\t${name}${end}`);
    };

    /** Returns the size to add to the parent (bytes). */
    const visit = async (path: string, name: string, level: number, rootDev: number | undefined): Promise<{ size: number; subdirs: number }> => {
      await proc.checkpoint();
      let st: FileStat;
      try {
        st = follow === 'L' || (follow === 'D' && level === 0) ? fs.stat(path) : fs.lstat(path);
      } catch (e) {
        await tool.warn(`cannot access ${q(path)}: ${why(e)}`);
        fail = true;
        return { size: 0, subdirs: 0 };
      }
      if (level > 0 && excludes.some((re) => re.test(name))) return { size: 0, subdirs: 0 };
      let counted = true;
      if (!countLinks && st.nlink > 1 && st.type !== 'dir') {
        const key = `${st.dev}:${st.ino}`;
        if (seen.has(key)) counted = false;
        else seen.add(key);
      }
      const own = counted ? (apparent ? st.size : st.blocks * 512) : 0;
      grand += own;
      if (st.type !== 'dir') {
        if (counted && ((all && level <= maxDepth) || level === 0)) show(own, path);
        return { size: own, subdirs: 0 };
      }
      let entries = 0;
      let subdirs = 0;
      let readable = true;
      if (!(oneFs && rootDev !== undefined && st.dev !== rootDev)) {
        let names: string[] = [];
        try {
          names = fs.readdir(path);
        } catch (e) {
          await tool.warn(`cannot read directory ${q(path)}: ${why(e)}`);
          fail = true;
          readable = false;
        }
        for (const n of names) {
          if (n === '.' || n === '..') continue;
          const r = await visit(joinPath(path, n), n, level + 1, rootDev ?? st.dev);
          entries += r.size;
          subdirs += r.subdirs;
          await tool.out.tick();
        }
      }
      if (!readable) return { size: separate ? 0 : own, subdirs: 0 };
      const printed = own + entries + (separate ? 0 : subdirs);
      if (level <= maxDepth) show(printed, path);
      // What the parent sees: entries of this directory go to its "subdir" sum.
      return separate ? { size: 0, subdirs: own + entries + subdirs } : { size: own, subdirs: entries + subdirs };
    };

    for (const file of operands.length ? operands : ['.']) {
      if (!total) seen.clear();
      await visit(file, file, 0, undefined);
    }
    if (total) show(grand, 'total');
    return fail ? 1 : 0;
  },
);

function globToRegExp(pattern: string): RegExp {
  let re = '';
  for (const ch of pattern) {
    if (ch === '*') re += '.*';
    else if (ch === '?') re += '.';
    else re += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 's');
}

// ----- df ----------------------------------------------------------------------------------------

defineTool(
  {
    name: 'df',
    suite: 'coreutils',
    help: HELP.df,
    authors: 'Torbjorn Granlund, David MacKenzie, and Paul Eggert',
    options: [
      { short: 'a', long: 'all' },
      { short: 'B', long: 'block-size', arg: 'required' },
      { short: 'i', long: 'inodes' },
      { short: 'F', key: 't', arg: 'required' },
      { short: 'h', long: 'human-readable' },
      { short: 'H', long: 'si' },
      { short: 'k', long: 'kilobytes' },
      { short: 'l', long: 'local' },
      { short: 'm', long: 'megabytes' },
      { long: 'no-sync' },
      { short: 'P', long: 'portability' },
      { long: 'sync' },
      { short: 't', long: 'type', arg: 'required' },
      { short: 'T', long: 'print-type' },
      { short: 'v' },
      { short: 'x', long: 'exclude-type', arg: 'required' },
    ],
  },
  async (tool, { options, operands }) => {
    const proc = tool.proc;
    const fs = proc.fs;
    let human: HumanOptions = {};
    let blockSize = 1024;
    const env = proc.env.DF_BLOCK_SIZE ?? proc.env.BLOCK_SIZE;
    if (env) {
      const b = parseBlockSize(env);
      if (b) [human, blockSize] = b;
    }
    let showAll = false;
    let inodes = false;
    let printType = false;
    let posix = false;
    const select: string[] = [];
    const exclude: string[] = [];
    for (const o of options) {
      switch (o.key) {
        case 'a':
          showAll = true;
          break;
        case 'B': {
          const b = parseBlockSize(o.value!);
          if (!b) return tool.fatal(`invalid block size ${q(o.value!)}`);
          [human, blockSize] = b;
          break;
        }
        case 'i':
          inodes = true;
          break;
        case 'h':
          human = HUMAN_H;
          blockSize = 1;
          break;
        case 'H':
          human = HUMAN_SI;
          blockSize = 1;
          break;
        case 'k':
          human = {};
          blockSize = 1024;
          break;
        case 'm':
          human = {};
          blockSize = 1024 * 1024;
          break;
        case 'T':
          printType = true;
          break;
        case 'P':
          posix = true;
          break;
        case 't':
          select.push(o.value!);
          break;
        case 'x':
          exclude.push(o.value!);
          break;
      }
    }
    for (const t of select) {
      if (exclude.includes(t)) {
        await tool.warn(`file system type ${q(t)} both selected and excluded`);
        return 1;
      }
    }
    let status = 0;
    const stats: (FileStat | undefined)[] = [];
    for (const name of operands) {
      try {
        stats.push(fs.stat(name));
      } catch (e) {
        await tool.warn(`${q(name)}: ${why(e)}`);
        status = 1;
        stats.push(undefined);
      }
    }
    const mounts: MountInfo[] = fs.mounts();
    const autoscale = !!human.autoscale;
    // The header.
    let header = printType ? 'Filesystem    Type' : 'Filesystem        ';
    if (inodes) header += '    Inodes   IUsed   IFree IUse%';
    else if (autoscale) header += human.base1024 ? '    Size  Used Avail Use%' : '     Size   Used  Avail Use%';
    else if (posix) header += ` ${humanReadable(blockSize, {}, 1, 1).padStart(4)}-blocks      Used Available Capacity`;
    else {
      let q1000 = blockSize;
      let q1024 = blockSize;
      let d1000: boolean;
      let d1024: boolean;
      do {
        d1000 = q1000 % 1000 === 0;
        q1000 /= 1000;
        d1024 = q1024 % 1024 === 0;
        q1024 /= 1024;
      } while (d1000 && d1024);
      const base1024 = d1024 && !d1000 ? true : d1000 && !d1024 ? false : true;
      let label = humanReadable(blockSize, { autoscale: true, si: true, base1024 }, 1, 1).replace(/\.0(?=\D*$)/, '');
      if (!base1024) label += 'B';
      header += ` ${label.padStart(4)}-blocks      Used Available Use%`;
    }
    header += ' Mounted on\n';

    const rows: string[] = [];
    const showDev = async (m: MountInfo, listed: boolean): Promise<void> => {
      if (select.length && !select.includes(m.type)) return;
      if (exclude.includes(m.type)) return;
      const dummy = m.type === 'autofs' || m.type === 'ignore';
      if (dummy && !showAll && !listed) return;
      let s: StatFs;
      try {
        s = fs.statfs(m.mountPoint);
      } catch (e) {
        await tool.warn(`${q(m.mountPoint)}: ${why(e)}`);
        status = 1;
        return;
      }
      if (s.blocks === 0 && !showAll && !listed) return;
      const disk = m.device || '-';
      let line: string;
      if (printType) {
        const fstype = m.type || '-';
        if (disk.length + fstype.length + 2 < 20) line = disk + fstype.padStart(18 - disk.length) + '  ';
        else if (!posix) line = `${disk}\n${fstype.padStart(18)}  `;
        else line = `${disk} ${fstype}`;
      } else line = disk.length > 20 && !posix ? `${disk}\n${''.padEnd(20)}` : disk.padEnd(20);
      let width: number;
      let useWidth: number;
      let total: number;
      let avail: number;
      let availRoot: number;
      let inUnits: number;
      let outUnits: number;
      let h: HumanOptions;
      if (inodes) {
        width = 7;
        useWidth = 5;
        inUnits = outUnits = 1;
        total = s.inodes;
        avail = s.inodesFree;
        availRoot = avail;
        h = {};
      } else {
        width = autoscale ? 5 + (human.base1024 ? 0 : 1) : 9;
        useWidth = posix && !autoscale ? 8 : 4;
        inUnits = s.blockSize;
        outUnits = blockSize;
        total = s.blocks;
        avail = s.blocksAvail;
        availRoot = s.blocksFree;
        h = human;
      }
      const used = total - availRoot;
      const fmt = (n: number) => (n < 0 ? '-' + humanReadable(-n, h, inUnits, outUnits) : humanReadable(n, h, inUnits, outUnits));
      line += ` ${fmt(total).padStart(width)} ${fmt(used).padStart(width)} ${fmt(avail).padStart(width)} `;
      if (used + avail !== 0 && used >= 0) {
        const u100 = used * 100;
        const nonroot = used + avail;
        const pct = Math.floor(u100 / nonroot) + (u100 % nonroot !== 0 ? 1 : 0);
        line += `${String(pct).padStart(useWidth - 1)}%`;
      } else line += '- '.padStart(useWidth);
      line += ` ${m.mountPoint}\n`;
      rows.push(line);
    };

    if (operands.length) {
      for (let i = 0; i < operands.length; i++) {
        const st = stats[i];
        if (!st) continue;
        const name = operands[i]!;
        // A device file names its filesystem.
        if (st.type === 'blockdev' || st.type === 'chardev') {
          const m = mounts.find((x) => x.device === name);
          if (m) {
            await showDev(m, true);
            continue;
          }
        }
        const m = mountFor(tool, mounts, name, st);
        if (m) await showDev(m, true);
      }
    } else {
      for (const m of mounts) await showDev(m, false);
    }
    if (rows.length || operands.length === 0 || stats.some(Boolean)) tool.out.put(header + rows.join(''));
    return status;
  },
);

/** show_point(): the mount entry a file lives on (longest mount point prefix of its real path, same device). */
function mountFor(tool: Tool, mounts: MountInfo[], name: string, st: FileStat): MountInfo | undefined {
  const fs = tool.proc.fs;
  if (name.startsWith('/')) {
    const exact = mounts.filter((m) => m.mountPoint === name);
    if (exact.length) return exact[exact.length - 1];
  }
  let resolved: string | undefined;
  try {
    resolved = fs.realpath(name);
  } catch {
    resolved = undefined;
  }
  if (resolved) {
    let best: MountInfo | undefined;
    for (const m of mounts) {
      const len = m.mountPoint.length;
      if ((best === undefined || best.mountPoint.length <= len) && len <= resolved.length && (len === 1 || ((len === resolved.length || resolved[len] === '/') && resolved.startsWith(m.mountPoint)))) {
        try {
          if (fs.stat(m.mountPoint).dev === st.dev) best = m;
        } catch {
          // unreachable mount point
        }
      }
    }
    if (best) return best;
  }
  for (const m of mounts) {
    try {
      if (fs.stat(m.mountPoint).dev === st.dev) return m;
    } catch {
      // skip
    }
  }
  return undefined;
}
