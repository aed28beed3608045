/**
 * vserver-stat — util-vserver 0.30 (reference §9.1) as it works on the seed's vs2.0 kernel: it
 * enters the spectator context and sums per context what /proc/PID/stat says of every process but
 * its own (so the host appears as `0 … root server`, as on the seed's slide). The sums come from
 * the kernel in one pass (processTotals), at /proc's granularity, rather than from 20,000 reads:
 *
 *   CTX   PROC    VSZ    RSS  userTIME   sysTIME    UPTIME NAME
 *   0       40  81.9M   7.9M   0m06s69   1m06s94   2h25m57 root server
 *   33       9  37.6M  12.4M   0m00s20   0m00s25   0m05s10 vs
 */
import { SyscallError } from '../../../kernel/errno.js';
import type { Process } from '../../../kernel/process.js';
import { defineProgram } from '../../registry.js';
import { runUvTool, type UvTool } from '../../vserver-fs/lib/frame.js';
import { contextDisplayName } from '../lib/names.js';

/** The page size. */
const PAGE_SIZE = 4096;

const HEADER = 'CTX   PROC    VSZ    RSS  userTIME   sysTIME    UPTIME NAME\n';

const help = (argv0: string) =>
  `Usage:  ${argv0}\n` +
  'Show informations about all the active context.\n\n' +
  '\tCTX#\t\tContext number\n' +
  '\t\t\t#0 = root context\n' +
  '\t\t\t#1 = monitoring context\n' +
  '\tPROC QTY\tQuantity of processes in each context\n' +
  '\tVSZ\t\tNumber of pages of virtual memory\n' +
  '\tRSS\t\tResident set size\n' +
  '\tuserTIME\tUser-mode CPU time accumulated\n' +
  '\tsysTIME\t\tKernel-mode CPU time accumulated\n' +
  '\tUPTIME\t\tUptime/context\n' +
  '\tNAME\t\tVirtual server name\n\n';

/** Bytes as vserver-stat prints them in 7 columns: 39426048 → `37.5M`, 0 → `0 `. */
export function shortenMem(bytes: number): string {
  const suffixes = [' ', 'K', 'M', 'G', 'T'];
  let value = Math.floor(bytes);
  let decimal = 0;
  let suffix = '+';
  for (let i = 0; i < 6; i++) {
    if (value < 1000) {
      suffix = suffixes[i] ?? '+';
      break;
    }
    decimal = Math.floor((10 * (value % 1024)) / 1024);
    value = Math.floor(value / 1024);
  }
  if (value > 9999) value = 9999;
  if (value >= 1000) decimal = 0;
  return `${value}${decimal !== 0 ? `.${decimal}` : ''}${suffix}`.padStart(7);
}

/** Two digits at least, cut to the first two: util-vserver's fillUintZero(…, 2). */
const two = (n: number) => String(n).padStart(2, '0').slice(0, 2);

/** Milliseconds as vserver-stat prints them, right-aligned in 10: `0m00s20`, `2h01m01`, `3d04h12`. */
export function shortenTime(ms: number): string {
  let t = Math.max(0, Math.floor(ms));
  const milli = t % 1000;
  t = Math.floor(t / 1000);
  const ss = t % 60;
  t = Math.floor(t / 60);
  const mm = t % 60;
  t = Math.floor(t / 60);
  const hh = t % 24;
  const days = Math.floor(t / 24);
  let text: string;
  if (days > 999 * 999) text = 'INVALID';
  else if (days > 999) text = `${Math.floor(days / 365)}y${two(days % 365)}d${two(hh)}`;
  else if (days > 0) text = `${days}d${two(hh)}h${two(mm)}`;
  else if (hh > 0) text = `${hh}h${two(mm)}m${two(ss)}`;
  else text = `${mm}m${two(ss)}s${two(milli)}`;
  return text.padStart(10);
}

interface ContextTotals {
  xid: number;
  processes: number;
  vszBytes: number;
  rssPages: number;
  userMs: number;
  sysMs: number;
  oldestStartMs: number;
}

async function uptimeMs(proc: Process): Promise<number | undefined> {
  try {
    return Number((await proc.readFile('/proc/uptime')).split(' ')[0]) * 1000;
  } catch (e) {
    if (e instanceof SyscallError) return undefined;
    throw e;
  }
}

async function vserverStat(tool: UvTool): Promise<number> {
  const { options, operands } = await tool.options([{ long: 'help' }, { long: 'version' }, { key: 'sort', short: 'O', long: 'sort', arg: 'required' }], `Try '${tool.argv0} --help" for more information.\n`, 1, true);
  for (const o of options) {
    if (o.key === 'help') tool.help(help(tool.argv0));
    if (o.key === 'version') tool.version('show virtual context statistics', 2003);
  }
  if (operands.length > 0) return tool.fail("Unknown parameter, use '--help' for more information\n", 1);
  const proc = tool.proc;
  // switchToWatchXid(): only the spectator sees every context's processes.
  if (proc.vx.xid !== 1) {
    try {
      proc.vx.migrate(1);
    } catch (e) {
      if (!(e instanceof SyscallError)) throw e;
      return tool.fail(`vc_migrate_context(): ${e.message}\n`, 1);
    }
  }
  const now = await uptimeMs(proc);
  if (now === undefined) {
    await tool.err(
      'WARNING: can not access /proc/uptime. Usually, this is caused by\n' +
        '         procfs-security. Please read the FAQ for more details\n' +
        '         http://www.linux-vserver.org/index.php?page=Linux-Vserver+FAQ\n',
    );
  }
  // The sums util-vserver makes from every /proc/PID/stat, taken from the kernel in one pass.
  const totals: ContextTotals[] = [...proc.vx.processTotals()].map(([xid, t]) => ({
    xid,
    processes: t.tasks,
    vszBytes: t.vszKb * 1024,
    rssPages: t.rssPages,
    userMs: t.userMs,
    sysMs: t.sysMs,
    oldestStartMs: t.oldestStartMs,
  }));
  tool.print(HEADER);
  for (const t of totals.sort((a, b) => a.xid - b.xid)) {
    const name = t.xid === 0 ? 'root server' : t.xid === 1 ? 'monitoring server' : ((await contextDisplayName(proc, t.xid)) ?? '');
    const head = String(t.xid);
    const count = String(t.processes);
    const left = head + ' '.repeat(Math.max(1, 10 - head.length - count.length)) + count;
    tool.print(`${left}${shortenMem(t.vszBytes)}${shortenMem(t.rssPages * PAGE_SIZE)}${shortenTime(t.userMs)}${shortenTime(t.sysMs)}${shortenTime((now ?? 0) - t.oldestStartMs)} ${name.slice(0, 20)}\n`);
  }
  return 0;
}

defineProgram({
  name: 'vserver-stat',
  options: ['--help', '--version', '--sort'],
  main: (proc) => runUvTool(proc, 'vserver-stat', vserverStat),
});
