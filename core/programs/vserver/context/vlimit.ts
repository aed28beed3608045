/**
 * vlimit — util-vserver 0.30 (reference §9.6): per-context resource limits.
 *
 *   # vlimit --xid 33 --nproc 50        (hard limit, the default)
 *   # vlimit --xid 33 -S --as 64M -a
 *   RSS         N/A                 inf                 inf
 *   …
 * `-a` prints every limit the kernel keeps: the name at column 0, min at 12, soft at 32, hard
 * at 52, in hex (`-d`: decimal), `inf` or `N/A`. Values: a number with K/M (×1024) or k/m
 * (×1000), or `inf`.
 */
import { SyscallError } from '../../../kernel/errno.js';
import { CONTEXT_LIMITS, CONTEXT_LIMIT_NUMBER, SUPPORTED_CONTEXT_LIMITS, type ContextLimitName } from '../../../kernel/vserver/context.js';
import { defineProgram } from '../../registry.js';
import { runUvTool, type UvTool } from '../../vserver-fs/lib/frame.js';
import { execProgram } from '../lib/exec.js';
import { xidFromOption } from '../../vserver-fs/lib/xid-option.js';
import { PACKAGE_BUGREPORT } from '../manage/paths.js';

const BY_NUMBER = new Map<number, ContextLimitName>(CONTEXT_LIMITS.map((n) => [CONTEXT_LIMIT_NUMBER[n], n]));

const OPTIONS = [
  { long: 'help' },
  { long: 'version' },
  { key: 'xid', short: 'c', long: 'xid', arg: 'required' as const },
  { key: 'all', short: 'a', long: 'all' },
  { short: 'n' },
  { short: 'd' },
  { short: 'M' },
  { short: 'S' },
  { short: 'H' },
  { long: 'dir', arg: 'required' as const },
  { long: 'missingok' },
  ...CONTEXT_LIMITS.map((name) => ({ key: `res:${name}`, long: name, arg: 'required' as const })),
  ...Array.from({ length: 32 }, (_, i) => ({ key: `nr:${i}`, long: String(i), arg: 'required' as const })),
];

const help = (argv0: string) =>
  `Usage:  ${argv0} [--xid|-c <xid>] [-nd] [-a|--all] [[-MSH] --(<resource>|<nr>) <value>]*\n` +
  '               [--dir <pathname> [--missingok]] [--] [<program> <args>*]\n\n' +
  'Options:\n' +
  '    -c|--xid <xid>\n' +
  '                ...  operate on context <xid>\n' +
  '    -a|--all    ...  show all available limits\n' +
  '    -n          ...  do not resolve limit-names\n' +
  '    -d          ...  show limits in decimal\n' +
  '    -M          ...  set Minimum limit\n' +
  '    -S          ...  set Soft limit\n' +
  '    -H          ...  set Hard limit (assumed by default, when neither\n' +
  '                     M nor S was requested)\n' +
  '    --dir <pathname>\n' +
  '                ...  read limits from <pathname>/; allowed filenames are\n' +
  '                     <resource> and <resource>.{min,soft,hard}. When a limit\n' +
  '                     was set by the CLI already, the corresponding file\n' +
  '                     will be ignored\n' +
  '    --missingok ...  do not fail when <pathname> does not exist\n' +
  '    --<resource>|<nr> <value>\n' +
  '                ...  set specified (MSH) limit for <resource> to <value>\n\n' +
  'Valid values for resource are cpu, fsize, data, stack, core, rss, nproc,\n' +
  'nofile, memlock, as and locks.\n\n' +
  `Please report bugs to ${PACKAGE_BUGREPORT}\n`;

/** vc_parseLimit: `inf`, or a number with an optional K/M (×1024) or k/m (×1000) suffix. */
export function parseLimit(text: string): number | undefined {
  if (text === 'inf') return Infinity;
  const m = /^(\d+)([KMkm]?)$/.exec(text);
  if (!m) return undefined;
  const factor = { K: 1024, M: 1024 * 1024, k: 1000, m: 1000 * 1000, '': 1 }[m[2] as 'K' | 'M' | 'k' | 'm' | ''];
  return Number(m[1]) * factor;
}

type Which = 'min' | 'soft' | 'hard';

async function vlimit(tool: UvTool): Promise<number> {
  const { options, operands } = await tool.options(OPTIONS, `Try '${tool.argv0} --help" for more information.\n`, 255, true);
  const proc = tool.proc;
  let xid: number | undefined;
  let showAll = false;
  let names = true;
  let decimal = false;
  let dir: string | undefined;
  let missingOk = false;
  let which = new Set<Which>();
  const changes = new Map<ContextLimitName, Partial<Record<Which, number>>>();
  for (const o of options) {
    if (o.key === 'help') tool.help(help(tool.argv0));
    else if (o.key === 'version') tool.version('limits context-resources', 2003);
    else if (o.key === 'all') showAll = true;
    else if (o.key === 'n') names = false;
    else if (o.key === 'd') decimal = true;
    else if (o.key === 'M') which.add('min');
    else if (o.key === 'S') which.add('soft');
    else if (o.key === 'H') which.add('hard');
    else if (o.key === 'dir') dir = o.value;
    else if (o.key === 'missingok') missingOk = true;
    else if (o.key === 'xid') {
      try {
        xid = await xidFromOption(proc, o.value!);
      } catch (e) {
        if (!(e instanceof SyscallError)) throw e;
        return tool.fail(`vlimit: vc_xidopt2xid("${o.value}"): ${e.message}\n`, 255);
      }
    } else {
      const name = o.key.startsWith('res:') ? (o.key.slice(4) as ContextLimitName) : BY_NUMBER.get(Number(o.key.slice(3)));
      const value = parseLimit(o.value!);
      if (value === undefined) return tool.fail(`Can not parse limit '${o.value}'\n`, 255);
      if (which.size === 0) which.add('hard');
      if (name) {
        const change = changes.get(name) ?? {};
        for (const w of which) change[w] = value;
        changes.set(name, change);
      }
      which = new Set();
    }
  }
  xid ??= proc.vx.xid;

  if (dir !== undefined) {
    let listing: string[] | undefined;
    try {
      listing = proc.fs.readdir(dir);
    } catch (e) {
      if (!(e instanceof SyscallError)) throw e;
      if (!missingOk) return tool.fail(`vlimit: opendir("${dir}"): ${e.message}\n`, 255);
    }
    for (const file of listing ?? []) {
      const m = /^([a-z]+)(?:\.(min|soft|hard))?$/.exec(file);
      const name = m?.[1] as ContextLimitName | undefined;
      if (!m || !name || !CONTEXT_LIMITS.includes(name)) continue;
      const value = parseLimit((await proc.readFile(`${dir}/${file}`)).trim());
      if (value === undefined) return tool.fail(`Invalid limit in '${dir}/${file}'\n`, 255);
      const change = changes.get(name) ?? {};
      // Limits given on the command line win over the files.
      for (const w of (m[2] ? [m[2]] : ['min', 'soft', 'hard']) as Which[]) if (change[w] === undefined) change[w] = value;
      changes.set(name, change);
    }
  }

  for (const [name, change] of changes) {
    try {
      proc.vx.setLimit(xid, name, change);
    } catch (e) {
      if (!(e instanceof SyscallError)) throw e;
      await tool.perror('vc_set_rlimit()', e);
    }
  }

  if (showAll) {
    const format = (v: number) => (v === Infinity ? 'inf' : decimal ? String(v) : `0x${v.toString(16)}`);
    const rows = [...SUPPORTED_CONTEXT_LIMITS].sort((a, b) => CONTEXT_LIMIT_NUMBER[a] - CONTEXT_LIMIT_NUMBER[b]);
    for (const name of rows) {
      let limit;
      try {
        limit = proc.vx.getLimit(xid, name);
      } catch (e) {
        if (!(e instanceof SyscallError)) throw e;
        return tool.fail(`vc_get_rlimit(): ${e.message}\n`, 255);
      }
      const label = names ? name.toUpperCase() : String(CONTEXT_LIMIT_NUMBER[name]);
      // vs2.0 keeps no minimum: that column is N/A.
      const line = label.padEnd(10) + '  N/A'.padEnd(20) + `  ${format(limit.soft)}`.padEnd(20) + `  ${format(limit.hard)}`;
      tool.print(line + '\n');
    }
  }

  if (operands.length === 0) return 0;
  return execProgram(tool, operands, 'vlimit');
}

defineProgram({
  name: 'vlimit',
  options: ['--xid', '--all', '--dir', '--missingok', ...CONTEXT_LIMITS.map((n) => `--${n}`), '--help', '--version'],
  main: (proc) => runUvTool(proc, 'vlimit', vlimit),
});
