/**
 * ps's output formats as procps 3.2.3 defines them (ps/output.c): the format specifier table with
 * each column's header, width and justification, the macros behind `u`, `l`, `j`, `v`, the
 * `-o` list parser with its error messages, and show_one_proc()'s column placement, which lets
 * an over-wide value push the next columns right and then catch up in later padding.
 * Pure: values come from ProcInfo records and a context, nothing is read here.
 */
import { localTime, MONTHS, strftime, WEEKDAYS, type Zone } from '../files/lib/time.js';
import type { ProcInfo } from './procinfo.js';

export type Justify = 'left' | 'right' | 'user' | 'unlimited' | 'wchan';

export interface FormatContext {
  /** MemTotal of /proc/meminfo in KiB (for %MEM). */
  memTotalKb: number;
  /** Now, epoch seconds. */
  now: number;
  zone: Zone;
  /** BSD `c`: the command column shows the bare name. */
  bsdC: boolean;
  /** BSD `e`: show the environment after the command. */
  bsdE: boolean;
  /** UNIX `-f`: comm shows the full command line. */
  unixF: boolean;
  /** BSD `n`: numeric user and wchan. */
  numeric: boolean;
  /** The tree art of --forest/f for the current row ("" outside a forest). */
  forestPrefix: string;
}

export interface FormatSpec {
  name: string;
  head: string;
  width: number;
  just: Justify;
  /** Width is max(pid digits, header): procps's CF_PIDMAX. */
  pidmax?: boolean;
  pr: (p: ProcInfo, c: FormatContext) => string;
  /** Sort key (--sort, k); columns without one sort by their text. */
  key?: (p: ProcInfo, c: FormatContext) => number | string;
  /** Numeric form of a USER column, used when the name does not fit. */
  numeric?: (p: ProcInfo) => string;
}

export interface FormatNode {
  spec: FormatSpec;
  head: string;
  width: number;
}

const p2 = (n: number) => String(n).padStart(2, '0');

/** [dd-]hh:mm:ss */
export function formatTime(seconds: number): string {
  const s = Math.floor(seconds);
  const dd = Math.floor(s / 86400);
  return `${dd ? `${dd}-` : ''}${p2(Math.floor(s / 3600) % 24)}:${p2(Math.floor(s / 60) % 60)}:${p2(s % 60)}`;
}

/** BSD TIME: minutes:seconds, minutes at least 3 wide. */
export function formatBsdTime(seconds: number): string {
  const s = Math.floor(seconds);
  return `${String(Math.floor(s / 60)).padStart(3)}:${p2(s % 60)}`;
}

/** ELAPSED: [[dd-]hh:]mm:ss */
export function formatElapsed(seconds: number): string {
  let t = Math.max(0, Math.floor(seconds));
  const ss = t % 60;
  t = Math.floor(t / 60);
  const mm = t % 60;
  t = Math.floor(t / 60);
  const hh = t % 24;
  const dd = Math.floor(t / 24);
  return `${dd ? `${dd}-` : ''}${dd || hh ? `${p2(hh)}:` : ''}${p2(mm)}:${p2(ss)}`;
}

/** The 24 characters of ctime() without the newline: "Tue May 30 09:00:00 2006". */
export function ctime(epoch: number, zone: Zone): string {
  const t = localTime(Math.floor(epoch), zone);
  return `${WEEKDAYS[t.weekday]} ${MONTHS[t.month - 1]} ${String(t.day).padStart(2)} ${p2(t.hour)}:${p2(t.minute)}:${p2(t.second)} ${t.year}`;
}

/** START/STIME (pr_stime): HH:MM today, MonDD this year, else the year. */
export function formatStartTime(start: number, now: number, zone: Zone): string {
  const a = localTime(Math.floor(now), zone);
  const b = localTime(Math.floor(start), zone);
  let fmt = '%H:%M';
  if (a.yday !== b.yday) fmt = '%b%d';
  if (a.year !== b.year) fmt = '%Y';
  return strftime(fmt, b);
}

/** STARTED (pr_start): HH:MM:SS within a day, else "  Mon DD". */
export function formatStarted(start: number, now: number, zone: Zone): string {
  const s = ctime(start, zone).split('');
  if (s[8] === ' ') s[8] = '0';
  if (s[11] === ' ') s[11] = '0';
  const str = s.join('');
  if (start + 86400 > now) return str.slice(11, 19);
  return `  ${str.slice(4, 10)}`;
}

/** BSD START (pr_bsdstart): 6 characters of ctime. */
function formatBsdStart(start: number, now: number, zone: Zone): string {
  const str = ctime(start, zone);
  return now - start > 86400 ? str.slice(4, 10) : str.slice(10, 16);
}

const seconds = (p: ProcInfo) => Math.floor(p.cpuMs / 1000);
const jiffies = (p: ProcInfo) => Math.floor(p.cpuMs / 10);

function pcpu(p: ProcInfo): number {
  if (p.ageSeconds <= 0) return 0;
  return Math.min(999, Math.floor((jiffies(p) * 1000) / 100 / p.ageSeconds));
}

function pmem(p: ProcInfo, c: FormatContext): number {
  if (c.memTotalKb <= 0) return 0;
  return Math.min(999, Math.floor((p.rssKb * 1000) / c.memTotalKb));
}

const tenths = (n: number) => `${String(Math.floor(n / 10)).padStart(2)}.${n % 10}`;

/** escape_command(): argv joined (ESC_ARGS), else the name, in [brackets] when asked, " <defunct>" for zombies. */
function escapeCommand(p: ProcInfo, c: FormatContext, withArgs: boolean): string {
  let text: string;
  if (withArgs && p.cmdline.length > 0) text = p.cmdline.join(' ');
  else {
    text = withArgs ? `[${p.comm}]` : p.comm;
    if (p.state === 'Z') text += ' <defunct>';
  }
  return c.forestPrefix + escape(text) + environment(p, c);
}

/** args/cmd/command: the command line (BSD `c`: the bare name). */
const commandArgs = (p: ProcInfo, c: FormatContext): string => escapeCommand(p, c, !c.bsdC);

/** comm/ucmd: the name (with -f: the command line). */
const commandName = (p: ProcInfo, c: FormatContext): string => escapeCommand(p, c, c.unixF);

function environment(p: ProcInfo, c: FormatContext): string {
  if (!c.bsdE) return '';
  const env = Object.entries(p.env).map(([k, v]) => `${k}=${v}`);
  return env.length ? ' ' + env.join(' ') : '';
}

/** Control characters print as '?', as procps's escape_str does in the C locale. */
function escape(s: string): string {
  return s.replace(/[\x00-\x1f\x7f]/g, '?');
}

function flags(p: ProcInfo): string {
  // PF_SUPERPRIV (0x100) >> 6 = 4 for tasks that used root's privileges; PF_FORKNOEXEC is not tracked.
  return p.euid === 0 ? '4' : '0';
}

const num = (f: (p: ProcInfo) => number) => (p: ProcInfo) => String(f(p));

const SPECS: FormatSpec[] = [
  { name: '%cpu', head: '%CPU', width: 4, just: 'right', pr: (p) => tenths(pcpu(p)), key: (p) => pcpu(p) },
  { name: '%mem', head: '%MEM', width: 4, just: 'right', pr: (p, c) => tenths(pmem(p, c)), key: (p) => p.rssKb },
  { name: 'addr', head: 'ADDR', width: 4, just: 'right', pr: () => '-' },
  { name: 'addr_1', head: 'ADDR', width: 1, just: 'left', pr: () => '-' },
  { name: 'args', head: 'COMMAND', width: 16, just: 'unlimited', pr: commandArgs, key: (p) => p.comm },
  { name: 'bsdstart', head: 'START', width: 6, just: 'right', pr: (p, c) => formatBsdStart(p.startEpoch, c.now, c.zone), key: (p) => p.startMs },
  { name: 'bsdtime', head: 'TIME', width: 6, just: 'right', pr: (p) => formatBsdTime(seconds(p)), key: (p) => p.cpuMs },
  { name: 'c', head: 'C', width: 2, just: 'right', pr: (p) => String(Math.min(99, Math.floor(pcpu(p) / 10))).padStart(2), key: (p) => pcpu(p) },
  { name: 'cmd', head: 'CMD', width: 16, just: 'unlimited', pr: commandArgs, key: (p) => p.comm },
  { name: 'comm', head: 'COMMAND', width: 16, just: 'unlimited', pr: commandName, key: (p) => p.comm },
  { name: 'command', head: 'COMMAND', width: 16, just: 'unlimited', pr: commandArgs, key: (p) => p.comm },
  { name: 'cp', head: 'CP', width: 3, just: 'right', pr: (p) => String(Math.floor(pcpu(p))), key: (p) => pcpu(p) },
  { name: 'cputime', head: 'TIME', width: 8, just: 'right', pr: (p) => formatTime(seconds(p)), key: (p) => p.cpuMs },
  { name: 'egid', head: 'EGID', width: 5, just: 'right', pr: num((p) => p.egid), key: (p) => p.egid },
  { name: 'egroup', head: 'EGROUP', width: 8, just: 'user', pr: (p) => p.group, key: (p) => p.group, numeric: (p) => String(p.egid) },
  { name: 'etime', head: 'ELAPSED', width: 11, just: 'right', pr: (p) => formatElapsed(p.ageSeconds), key: (p) => -p.startMs },
  { name: 'euid', head: 'EUID', width: 5, just: 'right', pr: num((p) => p.euid), key: (p) => p.euid },
  { name: 'euser', head: 'EUSER', width: 8, just: 'user', pr: (p) => p.user, key: (p) => p.user, numeric: (p) => String(p.euid) },
  { name: 'f', head: 'F', width: 1, just: 'right', pr: flags },
  { name: 'flag', head: 'F', width: 1, just: 'right', pr: flags },
  { name: 'flags', head: 'F', width: 1, just: 'right', pr: flags },
  { name: 'fname', head: 'COMMAND', width: 8, just: 'left', pr: (p) => p.comm.slice(0, 8), key: (p) => p.comm },
  { name: 'fuser', head: 'FUSER', width: 8, just: 'user', pr: (p) => p.user, key: (p) => p.user, numeric: (p) => String(p.euid) },
  { name: 'gid', head: 'GID', width: 5, just: 'right', pr: num((p) => p.egid), key: (p) => p.egid },
  { name: 'group', head: 'GROUP', width: 8, just: 'user', pr: (p) => p.group, key: (p) => p.group, numeric: (p) => String(p.egid) },
  { name: 'lstart', head: 'STARTED', width: 24, just: 'right', pr: (p, c) => ctime(p.startEpoch, c.zone), key: (p) => p.startMs },
  { name: 'lwp', head: 'LWP', width: 5, just: 'right', pidmax: true, pr: num((p) => p.pid), key: (p) => p.pid },
  { name: 'm_drs', head: 'DRS', width: 5, just: 'right', pr: num((p) => p.vszKb - Math.round(p.vszKb * 0.12)) },
  { name: 'm_trs', head: 'TRS', width: 4, just: 'right', pr: num((p) => Math.round(p.vszKb * 0.12)) },
  { name: 'maj_flt', head: 'MAJFL', width: 5, just: 'right', pr: () => '0' },
  { name: 'min_flt', head: 'MINFL', width: 5, just: 'right', pr: () => '0' },
  { name: 'ni', head: 'NI', width: 3, just: 'right', pr: num((p) => p.nice), key: (p) => p.nice },
  { name: 'nice', head: 'NI', width: 3, just: 'right', pr: num((p) => p.nice), key: (p) => p.nice },
  { name: 'nid', head: 'NID', width: 5, just: 'right', pr: num((p) => p.nid), key: (p) => p.nid },
  { name: 'nlwp', head: 'NLWP', width: 4, just: 'right', pr: () => '1' },
  { name: 'opri', head: 'PRI', width: 3, just: 'right', pr: num((p) => 60 + p.priority), key: (p) => p.priority },
  { name: 'pcpu', head: '%CPU', width: 4, just: 'right', pr: (p) => tenths(pcpu(p)), key: (p) => pcpu(p) },
  { name: 'pgid', head: 'PGID', width: 5, just: 'right', pidmax: true, pr: num((p) => p.pgid), key: (p) => p.pgid },
  { name: 'pgrp', head: 'PGRP', width: 5, just: 'right', pidmax: true, pr: num((p) => p.pgid), key: (p) => p.pgid },
  { name: 'pid', head: 'PID', width: 5, just: 'right', pidmax: true, pr: num((p) => p.pid), key: (p) => p.pid },
  { name: 'pmem', head: '%MEM', width: 4, just: 'right', pr: (p, c) => tenths(pmem(p, c)), key: (p) => p.rssKb },
  { name: 'ppid', head: 'PPID', width: 5, just: 'right', pidmax: true, pr: num((p) => p.ppid), key: (p) => p.ppid },
  { name: 'priority', head: 'PRI', width: 3, just: 'right', pr: num((p) => p.priority), key: (p) => p.priority },
  { name: 'pri', head: 'PRI', width: 3, just: 'right', pr: num((p) => 39 - p.priority), key: (p) => p.priority },
  { name: 'psr', head: 'PSR', width: 3, just: 'right', pr: () => '0' },
  { name: 'rgid', head: 'RGID', width: 5, just: 'right', pr: num((p) => p.gid), key: (p) => p.gid },
  { name: 'rss', head: 'RSS', width: 4, just: 'right', pr: num((p) => p.rssKb), key: (p) => p.rssKb },
  { name: 'rssize', head: 'RSS', width: 4, just: 'right', pr: num((p) => p.rssKb), key: (p) => p.rssKb },
  { name: 'rsz', head: 'RSZ', width: 4, just: 'right', pr: num((p) => p.rssKb), key: (p) => p.rssKb },
  { name: 'ruid', head: 'RUID', width: 5, just: 'right', pr: num((p) => p.uid), key: (p) => p.uid },
  { name: 'ruser', head: 'RUSER', width: 8, just: 'user', pr: (p) => p.ruser, key: (p) => p.ruser, numeric: (p) => String(p.uid) },
  { name: 's', head: 'S', width: 1, just: 'left', pr: (p) => p.state, key: (p) => p.state },
  { name: 'sess', head: 'SESS', width: 5, just: 'right', pidmax: true, pr: num((p) => p.sid), key: (p) => p.sid },
  { name: 'sgi_p', head: 'P', width: 1, just: 'right', pr: (p) => (p.state === 'R' ? '0' : '*') },
  { name: 'sid', head: 'SID', width: 5, just: 'right', pidmax: true, pr: num((p) => p.sid), key: (p) => p.sid },
  { name: 'size', head: 'SZ', width: 5, just: 'right', pr: num((p) => Math.ceil(p.vszKb / 4)), key: (p) => p.vszKb },
  { name: 'spid', head: 'SPID', width: 5, just: 'right', pidmax: true, pr: num((p) => p.pid), key: (p) => p.pid },
  { name: 'start', head: 'STARTED', width: 8, just: 'right', pr: (p, c) => formatStarted(p.startEpoch, c.now, c.zone), key: (p) => p.startMs },
  { name: 'start_time', head: 'START', width: 5, just: 'right', pr: (p, c) => formatStartTime(p.startEpoch, c.now, c.zone), key: (p) => p.startMs },
  { name: 'stat', head: 'STAT', width: 4, just: 'left', pr: (p) => p.stat, key: (p) => p.state },
  { name: 'state', head: 'S', width: 1, just: 'left', pr: (p) => p.state, key: (p) => p.state },
  { name: 'stime', head: 'STIME', width: 5, just: 'right', pr: (p, c) => formatStartTime(p.startEpoch, c.now, c.zone), key: (p) => p.startMs },
  { name: 'sz', head: 'SZ', width: 5, just: 'right', pr: num((p) => Math.ceil(p.vszKb / 4)), key: (p) => p.vszKb },
  { name: 'tid', head: 'TID', width: 5, just: 'right', pidmax: true, pr: num((p) => p.pid), key: (p) => p.pid },
  { name: 'time', head: 'TIME', width: 8, just: 'right', pr: (p) => formatTime(seconds(p)), key: (p) => p.cpuMs },
  { name: 'tname', head: 'TTY', width: 8, just: 'left', pr: (p) => p.tty || '?', key: (p) => p.tty },
  { name: 'tpgid', head: 'TPGID', width: 5, just: 'right', pidmax: true, pr: num((p) => p.tpgid), key: (p) => p.tpgid },
  { name: 'tt', head: 'TT', width: 8, just: 'left', pr: (p) => p.tty || '?', key: (p) => p.tty },
  { name: 'tty', head: 'TT', width: 8, just: 'left', pr: (p) => p.tty || '?', key: (p) => p.tty },
  { name: 'ucmd', head: 'CMD', width: 16, just: 'unlimited', pr: commandName, key: (p) => p.comm },
  { name: 'ucomm', head: 'COMMAND', width: 16, just: 'unlimited', pr: commandName, key: (p) => p.comm },
  { name: 'uid', head: 'UID', width: 5, just: 'right', pr: num((p) => p.euid), key: (p) => p.euid },
  { name: 'uid_hack', head: 'UID', width: 8, just: 'user', pr: (p) => p.user, key: (p) => p.user, numeric: (p) => String(p.euid) },
  { name: 'uname', head: 'USER', width: 8, just: 'user', pr: (p) => p.user, key: (p) => p.user, numeric: (p) => String(p.euid) },
  { name: 'user', head: 'USER', width: 8, just: 'user', pr: (p) => p.user, key: (p) => p.user, numeric: (p) => String(p.euid) },
  { name: 'vsize', head: 'VSZ', width: 5, just: 'right', pr: num((p) => p.vszKb), key: (p) => p.vszKb },
  { name: 'vsz', head: 'VSZ', width: 5, just: 'right', pr: num((p) => p.vszKb), key: (p) => p.vszKb },
  { name: 'wchan', head: 'WCHAN', width: 6, just: 'wchan', pr: (p) => p.wchan, key: (p) => p.wchan },
  // Linux-VServer: the security and network context (as the vserver-patched procps offered).
  { name: 'xid', head: 'XID', width: 5, just: 'right', pr: num((p) => p.xid), key: (p) => p.xid },
];

const BY_NAME = new Map(SPECS.map((s) => [s.name, s]));

/** procps's macros (the formats behind u, l, j, v and the SysV defaults). */
export const MACROS: Record<string, string> = {
  DefBSD: 'pid,tname,stat,bsdtime,args',
  DefSysV: 'pid,tname,time,cmd',
  OL_j: 'ppid,pid,pgid,sid,tname,tpgid,stat,uid,bsdtime,args',
  OL_l: 'flags,uid,pid,ppid,priority,nice,vsz,rss,wchan,stat,tname,bsdtime,args',
  OL_u: 'user,pid,pcpu,pmem,vsz,rss,tname,stat,start_time,bsdtime,args',
  OL_v: 'pid,tname,stat,bsdtime,maj_flt,m_trs,m_drs,rss,pmem,args',
};

export function findSpec(name: string): FormatSpec | undefined {
  return BY_NAME.get(name);
}

/** Width of a pid column: digits of pid_max (32768 → 5), at least the header. */
const PID_DIGITS = 5;

/** do_one_spec(): a column or a macro's columns; undefined for an unknown name. */
export function specNodes(name: string, override?: string): FormatNode[] | undefined {
  const spec = BY_NAME.get(name);
  if (spec) {
    const w1 = spec.pidmax ? Math.max(PID_DIGITS, spec.head.length) : spec.width;
    if (override !== undefined) return [{ spec, head: override, width: Math.max(w1, override.length) }];
    return [{ spec, head: spec.head, width: w1 }];
  }
  const macro = MACROS[name];
  if (macro) return macro.split(',').flatMap((n) => specNodes(n, override) ?? []);
  return undefined;
}

/** The Unix98 specifiers (procps vendor U98): with a pure UNIX `-o`, "NAME=" makes the header take the rest. */
const UNIX98 = new Set(['args', 'comm', 'etime', 'group', 'nice', 'pcpu', 'pgid', 'pid', 'ppid', 'rgroup', 'ruser', 'time', 'tty', 'user', 'vsz']);

/**
 * Is this a `-o` argument procps parses the broken Unix98 way (defer_sf_option)? True when a
 * '=' follows Unix98 specifiers only: `ps -o pid,nice=NICE,tty` has two columns, the second
 * headed "NICE,tty".
 */
export function unix98Broken(arg: string): boolean {
  let needItem = true;
  for (let i = 0; i < arg.length || i === 0; i++) {
    const ch = arg[i] ?? '\0';
    if (ch === ' ' || ch === ',' || ch === '\0') {
      if (needItem) return false;
      needItem = true;
    } else if (ch === '=') {
      return !needItem;
    } else if (needItem) {
      needItem = false;
      const name = /^[^, =]*/.exec(arg.slice(i))![0];
      if (name.length > 15 || !UNIX98.has(name)) return false;
    }
  }
  return false;
}

/**
 * Parse a -o/o/--format list: items separated by commas or blanks, NAME[:WIDTH][=HEADER]. In
 * `broken` (Unix98) mode the first '=' ends the list: that item's header takes the rest.
 * Returns the columns or procps's error text.
 */
export function parseFormatList(text: string, broken = false): FormatNode[] | string {
  let items = 0;
  let needItem = true;
  let end = text.length;
  if (text === '') return 'Improper format list.';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === ' ' || ch === ',' || ch === '\t' || ch === '\n') {
      if (needItem) return 'Improper format list.';
      needItem = true;
    } else {
      if (ch === '=' && broken) break;
      if (needItem) items++;
      needItem = false;
    }
  }
  if (items === 0) return 'Empty format list.';
  if (needItem) end--; // one trailing delimiter is allowed
  const nodes: FormatNode[] = [];
  let walk = text.slice(0, end);
  while (items-- > 0) {
    const sep = /[ ,\t\n]/.exec(walk);
    let item = walk;
    let rest = '';
    if (items > 0 && sep) {
      item = walk.slice(0, sep.index);
      rest = walk.slice(sep.index + 1);
    }
    let override: string | undefined;
    const eq = item.indexOf('=');
    if (eq >= 0) {
      override = item.slice(eq + 1);
      item = item.slice(0, eq);
    }
    let width: number | undefined;
    const colon = item.indexOf(':');
    if (colon >= 0) {
      const w = item.slice(colon + 1);
      if (!/^[1-9]\d*$/.test(w)) return 'Column widths must be unsigned decimal numbers.';
      width = Number(w);
      item = item.slice(0, colon);
    }
    const found = specNodes(item, override);
    if (!found) return `Unknown user-defined format specifier "${item}".`;
    if (width !== undefined) {
      if (found.length > 1) return "Can't set width for a macro (multi-column) format specifier.";
      found[0]!.width = width;
    }
    nodes.push(...found);
    walk = rest;
  }
  return nodes;
}

/** check_header_width(): the line width, a multiple of the screen width that holds every column. */
export function activeColumns(nodes: readonly FormatNode[], screenCols: number): number {
  let total = 0;
  let wasNormal = 0;
  nodes.forEach((n, i) => {
    if (n.spec.just === 'unlimited') total += i < nodes.length - 1 ? n.width : 3;
    else total += n.width;
    total += wasNormal;
    wasNormal = 1;
  });
  let cols = screenCols;
  for (let i = 1; ; i++) {
    cols = screenCols * i;
    if (cols >= total || cols >= 1 << 20) break;
  }
  return cols;
}

const SPACE_AMOUNT = 144;

/**
 * show_one_proc(): one line of output. `cells[i]` is the text of column i (the header for the
 * header line); `numeric[i]` the fallback for USER columns whose name does not fit.
 */
export function layoutLine(
  nodes: readonly FormatNode[],
  cells: readonly string[],
  activeCols: number,
  options: { userIsNumber?: boolean; numeric?: readonly (string | undefined)[] } = {},
): string {
  let correct = 0;
  let actual = 0;
  let dospace = 0;
  let out = '';
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i]!;
    const last = i === nodes.length - 1;
    const maxRightward = last ? activeCols - Math.max(correct, actual) : node.width;
    let text = cells[i] ?? '';
    let leftpad = 0;
    switch (node.spec.just) {
      case 'left':
        break;
      case 'right':
        leftpad = Math.max(0, node.width - text.length);
        break;
      case 'user': {
        const fallback = options.numeric?.[i];
        if (fallback !== undefined && (options.userIsNumber || text.length > maxRightward)) text = fallback;
        leftpad = options.userIsNumber ? Math.max(0, node.width - text.length) : 0;
        break;
      }
      case 'wchan':
      case 'unlimited':
        if (!last) text = text.slice(0, node.width);
        else {
          let tmpspace = correct - actual;
          if (tmpspace < 1) tmpspace = dospace;
          text = text.slice(0, Math.max(1, activeCols - actual - tmpspace));
        }
        break;
    }
    let space = correct - actual + leftpad;
    if (space < 1) space = dospace;
    if (space > SPACE_AMOUNT) space = SPACE_AMOUNT;
    if (last) {
      out += ' '.repeat(space) + text;
      break;
    }
    out += ' '.repeat(space) + text;
    actual += space + text.length;
    correct += node.width + 1;
    dospace = 1;
  }
  return out;
}
