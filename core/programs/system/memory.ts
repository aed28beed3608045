/**
 * free, uptime and vmstat (procps 3.2.3), from /proc/meminfo, /proc/uptime, /proc/loadavg and
 * /proc/stat: inside a Linux-VServer guest with virt_mem or virt_uptime, they show the guest's
 * own figures without knowing it.
 */
import type { Process } from '../../kernel/process.js';
import { localTime, zoneFor } from '../files/lib/time.js';
import { defineProgram } from '../registry.js';
import { Accounts } from './accounts.js';
import { BAD_OPEN_MESSAGE, BAD_OPEN_STATUS, countUsers, ProcUnavailable, readLoadavg, readMeminfo, readProcesses, readUptime, type MemInfo } from './procinfo.js';

export const PROCPS_VERSION = 'procps version 3.2.3';

// ----- free --------------------------------------------------------------------------------------

export interface FreeOptions {
  /** 0 bytes, 10 KiB, 20 MiB, 30 GiB */
  shift: number;
  lowHigh: boolean;
  old: boolean;
  total: boolean;
}

/** free's table for one reading (pure). */
export function formatFree(m: MemInfo, o: FreeOptions): string {
  const s = (kb: number) => String(Math.floor((kb * 1024) / 2 ** o.shift)).padStart(10);
  const row = (label: string, ...vals: number[]) => `${label.padEnd(7)} ${vals.map(s).join(' ')}\n`;
  let out = '             total       used       free     shared    buffers     cached\n';
  out += row('Mem:', m.total, m.used, m.free, m.shared, m.buffers, m.cached);
  if (o.lowHigh) {
    out += row('Low:', m.lowTotal, m.lowTotal - m.lowFree, m.lowFree);
    out += row('High:', m.highTotal, m.highTotal - m.highFree, m.highFree);
  }
  if (!o.old) {
    const bc = m.buffers + m.cached;
    out += `-/+ buffers/cache: ${s(m.used - bc)} ${s(m.free + bc)}\n`;
  }
  out += row('Swap:', m.swapTotal, m.swapUsed, m.swapFree);
  if (o.total) out += row('Total:', m.total + m.swapTotal, m.used + m.swapUsed, m.free + m.swapFree);
  return out;
}

const FREE_USAGE =
  'usage: free [-b|-k|-m|-g] [-l] [-o] [-t] [-s delay] [-c count] [-V]\n' +
  '  -b,-k,-m,-g show output in bytes, KB, MB, or GB\n' +
  '  -l show detailed low and high memory statistics\n' +
  '  -o use old format (no -/+buffers/cache line)\n' +
  '  -t display total for RAM + swap\n' +
  '  -s update every [delay] seconds\n' +
  '  -c update [count] times\n' +
  '  -V display version information and exit\n';

/** A tiny POSIX getopt for the procps tools (no long options, no permutation of '-' words). */
function* shortOptions(args: readonly string[], spec: string): Generator<{ c: string; value?: string } | { operand: string }> {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      for (const rest of args.slice(i + 1)) yield { operand: rest };
      return;
    }
    if (!arg.startsWith('-') || arg === '-') {
      yield { operand: arg };
      continue;
    }
    for (let j = 1; j < arg.length; j++) {
      const c = arg[j]!;
      const at = spec.indexOf(c);
      if (at < 0 || c === ':') {
        yield { c: '?', value: c };
        return;
      }
      if (spec[at + 1] === ':') {
        const value = arg.slice(j + 1) || args[++i];
        if (value === undefined) {
          yield { c: ':', value: c };
          return;
        }
        yield { c, value };
        break;
      }
      yield { c };
    }
  }
}

async function freeMain(proc: Process): Promise<number> {
  const o: FreeOptions = { shift: 10, lowHigh: false, old: false, total: false };
  let delay = 0;
  let count = 0;
  for (const opt of shortOptions(proc.argv.slice(1), 'bkmglotc:s:V')) {
    if ('operand' in opt) continue;
    switch (opt.c) {
      case 'b':
        o.shift = 0;
        break;
      case 'k':
        o.shift = 10;
        break;
      case 'm':
        o.shift = 20;
        break;
      case 'g':
        o.shift = 30;
        break;
      case 'l':
        o.lowHigh = true;
        break;
      case 'o':
        o.old = true;
        break;
      case 't':
        o.total = true;
        break;
      case 's':
        delay = Math.max(0, parseFloat(opt.value!) || 0);
        break;
      case 'c':
        count = parseInt(opt.value!, 10) || 0;
        break;
      case 'V':
        await proc.out(`${PROCPS_VERSION}\n`);
        return 0;
      default:
        if (opt.c === '?') await proc.err(`free: invalid option -- ${opt.value}\n`);
        else await proc.err(`free: option requires an argument -- ${opt.value}\n`);
        await proc.err(FREE_USAGE);
        return 1;
    }
  }
  return procTool(proc, async () => {
    for (;;) {
      await proc.out(formatFree(await readMeminfo(proc), o));
      if (!delay) break;
      await proc.out('\n');
      if (count === 1) break;
      if (count > 1) count--;
      await proc.sleep(delay * 1000);
    }
    return 0;
  });
}

/** Run a procps tool body: no /proc gives libproc's message and exit status 102. */
export async function procTool(proc: Process, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (e) {
    if (e instanceof ProcUnavailable) {
      await proc.err(BAD_OPEN_MESSAGE);
      return BAD_OPEN_STATUS;
    }
    throw e;
  }
}

// ----- uptime ------------------------------------------------------------------------------------

const p2 = (n: number) => String(n).padStart(2, '0');

/** sprint_uptime(): " 09:14:02 up  2:25,  1 user,  load average: 0.00, 0.00, 0.00" (pure). */
export function formatUptime(clock: { hour: number; minute: number; second: number }, upSeconds: number, users: number, load: [number, number, number]): string {
  let s = ` ${p2(clock.hour)}:${p2(clock.minute)}:${p2(clock.second)} up `;
  const up = Math.floor(upSeconds);
  const days = Math.floor(up / 86400);
  if (days) s += `${days} day${days !== 1 ? 's' : ''}, `;
  const minutes = Math.floor(up / 60);
  const hours = Math.floor(minutes / 60) % 24;
  if (hours) s += `${String(hours).padStart(2)}:${p2(minutes % 60)}, `;
  else s += `${minutes % 60} min, `;
  s += `${String(users).padStart(2)} user${users === 1 ? '' : 's'}, `;
  s += ` load average: ${load.map((l) => l.toFixed(2)).join(', ')}`;
  return s;
}

/** The uptime line as the caller sees it (top's first line uses it too). */
export async function uptimeLine(proc: Process): Promise<string> {
  const { up } = await readUptime(proc);
  const load = await readLoadavg(proc);
  const users = countUsers(readProcesses(proc, await Accounts.load(proc)));
  const now = localTime(Math.floor(proc.time()), await zoneFor(proc));
  return formatUptime(now, up, users, [load.one, load.five, load.fifteen]);
}

async function uptimeMain(proc: Process): Promise<number> {
  const args = proc.argv.slice(1);
  if (args.length === 1 && args[0] === '-V') {
    await proc.out(`${PROCPS_VERSION}\n`);
    return 0;
  }
  if (args.length > 0) {
    await proc.err('usage: uptime [-V]\n    -V    display version\n');
    return 1;
  }
  return procTool(proc, async () => {
    await proc.out((await uptimeLine(proc)) + '\n');
    return 0;
  });
}

// ----- vmstat ------------------------------------------------------------------------------------

const VMSTAT_HEADER =
  'procs -----------memory---------- ---swap-- -----io---- --system-- ----cpu----\n' +
  ' r  b   swpd   free   buff  cache   si   so    bi    bo   in    cs us sy id wa\n';

interface CpuTicks {
  user: number;
  nice: number;
  system: number;
  idle: number;
  iowait: number;
  irq: number;
  softirq: number;
  ctxt: number;
  running: number;
  blocked: number;
}

export function parseStat(text: string): CpuTicks {
  const line = /^cpu\s+(.*)$/m.exec(text)?.[1]?.trim().split(/\s+/).map(Number) ?? [];
  const field = (name: string) => Number(new RegExp(`^${name}\\s+(\\d+)`, 'm').exec(text)?.[1] ?? 0);
  return {
    user: line[0] ?? 0,
    nice: line[1] ?? 0,
    system: line[2] ?? 0,
    idle: line[3] ?? 0,
    iowait: line[4] ?? 0,
    irq: line[5] ?? 0,
    softirq: line[6] ?? 0,
    ctxt: field('ctxt'),
    running: field('procs_running'),
    blocked: field('procs_blocked'),
  };
}

/** One vmstat line from two readings (the first line compares with boot: `before` all zero). */
export function formatVmstat(before: CpuTicks, after: CpuTicks, m: MemInfo, seconds: number): string {
  const duse = after.user + after.nice - (before.user + before.nice);
  const dsys = after.system + after.irq + after.softirq - (before.system + before.irq + before.softirq);
  const didl = after.idle - before.idle;
  const diow = after.iowait - before.iowait;
  const div = Math.max(1, duse + dsys + didl + diow);
  const pct = (n: number) => Math.floor((100 * n + div / 2) / div);
  const cs = Math.floor((after.ctxt - before.ctxt) / Math.max(1, seconds));
  const f = (n: number, w: number) => String(Math.max(0, Math.floor(n))).padStart(w);
  return (
    `${f(after.running, 2)} ${f(after.blocked, 2)} ${f(m.swapUsed, 6)} ${f(m.free, 6)} ${f(m.buffers, 6)} ${f(m.cached, 6)} ` +
    `${f(0, 4)} ${f(0, 4)} ${f(0, 5)} ${f(0, 5)} ${f(100, 4)} ${f(cs, 5)} ${f(pct(duse), 2)} ${f(pct(dsys), 2)} ${f(pct(didl), 2)} ${f(pct(diow), 2)}\n`
  );
}

async function vmstatMain(proc: Process): Promise<number> {
  const numbers: number[] = [];
  for (const opt of shortOptions(proc.argv.slice(1), 'aVnS:')) {
    if ('operand' in opt) {
      if (!/^\d+$/.test(opt.operand)) {
        await proc.err('vmstat: illegal argument\n');
        return 1;
      }
      numbers.push(Number(opt.operand));
      continue;
    }
    if (opt.c === 'V') {
      await proc.out(`${PROCPS_VERSION}\n`);
      return 0;
    }
    if (opt.c === '?' || opt.c === ':') {
      await proc.err(`usage: vmstat [-V] [-n] [delay [count]]\n`);
      return 1;
    }
  }
  const delay = numbers[0] ?? 0;
  let count = numbers[1] ?? (delay ? Infinity : 1);
  return procTool(proc, async () => {
    await proc.out(VMSTAT_HEADER);
    const zero: CpuTicks = { user: 0, nice: 0, system: 0, idle: 0, iowait: 0, irq: 0, softirq: 0, ctxt: 0, running: 0, blocked: 0 };
    let before = zero;
    let elapsed = Math.max(1, (await readUptime(proc)).up);
    for (;;) {
      const stat = parseStat(await readStat(proc));
      await proc.out(formatVmstat(before, stat, await readMeminfo(proc), elapsed));
      if (--count <= 0) break;
      before = stat;
      elapsed = delay;
      await proc.sleep(delay * 1000);
    }
    return 0;
  });
}

async function readStat(proc: Process): Promise<string> {
  try {
    return await proc.readFile('/proc/stat');
  } catch {
    throw new ProcUnavailable('/proc/stat');
  }
}

defineProgram({ name: 'free', main: freeMain, vszKb: 1628, rssKb: 424, options: ['-b', '-k', '-m', '-g', '-l', '-o', '-t', '-s', '-c', '-V'] });
defineProgram({ name: 'uptime', main: uptimeMain, vszKb: 1600, rssKb: 420, options: ['-V'] });
defineProgram({ name: 'vmstat', main: vmstatMain, vszKb: 1660, rssKb: 468, options: ['-a', '-n', '-V'] });
