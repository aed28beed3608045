import { describe, expect, it } from 'vitest';
import { UTC, parseTz } from '../files/lib/time.js';
import type { ProcInfo } from './procinfo.js';
import {
  activeColumns,
  formatBsdTime,
  formatElapsed,
  formatStarted,
  formatStartTime,
  formatTime,
  layoutLine,
  parseFormatList,
  specNodes,
  unix98Broken,
  type FormatContext,
  type FormatNode,
} from './ps-format.js';
import { parsePsArgs } from './ps.js';
import { Accounts } from './accounts.js';

const NOW = 1148972400 + 3600; // 30 May 2006 08:00 UTC

function proc(over: Partial<ProcInfo> = {}): ProcInfo {
  return {
    task: undefined as never,
    pid: 4400,
    ppid: 4398,
    pgid: 4400,
    sid: 4400,
    tpgid: 4419,
    tty: 'pts/0',
    comm: 'bash',
    cmdline: ['-bash'],
    state: 'S',
    stat: 'Ss',
    uid: 0,
    euid: 0,
    gid: 0,
    egid: 0,
    user: 'root',
    ruser: 'root',
    group: 'root',
    nice: 0,
    priority: 15,
    vszKb: 4604,
    rssKb: 1456,
    shareKb: 728,
    cpuMs: 0,
    startMs: 0,
    ageSeconds: 600,
    startEpoch: NOW - 600,
    xid: 0,
    nid: 0,
    wchan: 'wait',
    env: {},
    ...over,
  };
}

const ctx: FormatContext = { memTotalKb: 5177344, now: NOW, zone: UTC, bsdC: false, bsdE: false, unixF: false, numeric: false, forestPrefix: '' };

function nodes(list: string): FormatNode[] {
  const r = parseFormatList(list);
  if (typeof r === 'string') throw new Error(r);
  return r;
}

function line(ns: FormatNode[], p: ProcInfo | undefined, cols = 163840): string {
  const cells = ns.map((n) => (p ? n.spec.pr(p, ctx) : n.head));
  return layoutLine(ns, cells, activeColumns(ns, cols), { numeric: p ? ns.map((n) => n.spec.numeric?.(p)) : undefined });
}

describe('ps column layout (show_one_proc)', () => {
  const u = specNodes('OL_u')!;

  it('prints the aux header with procps 3.2.3 widths', () => {
    expect(line(u, undefined)).toBe('USER       PID %CPU %MEM   VSZ  RSS TTY      STAT START   TIME COMMAND');
  });

  it('lines up a normal row under it', () => {
    expect(line(u, proc())).toBe('root      4400  0.0  0.0  4604 1456 pts/0    Ss   07:50   0:00 -bash');
  });

  it('lets an over-wide value push the next columns, then catches up', () => {
    const mysqld = proc({ pid: 37, vszKb: 121848, rssKb: 19240, tty: '', stat: 'Ss', cmdline: ['/usr/libexec/mysqld'] });
    expect(line(u, mysqld)).toBe('root        37  0.0  0.3 121848 19240 ?      Ss   07:50   0:00 /usr/libexec/mysqld');
  });

  it('shows [comm] for kernel threads and <defunct> for zombies', () => {
    expect(line(u, proc({ cmdline: [], comm: 'kswapd0' }))).toMatch(/\[kswapd0\]$/);
    expect(line(nodes('pid,comm'), proc({ cmdline: [], comm: 'sleep', state: 'Z' }))).toBe(' 4400 sleep <defunct>');
    expect(line(nodes('pid,args'), proc({ cmdline: [], comm: 'sleep', state: 'Z' }))).toBe(' 4400 [sleep] <defunct>');
  });

  it('cuts the last column at the screen width', () => {
    const long = proc({ cmdline: ['x'.repeat(200)] });
    expect(line(u, long, 80)).toHaveLength(80);
  });

  it('prints a user name too long for USER as the uid', () => {
    expect(line(nodes('user,pid'), proc({ user: 'averyverylongname', euid: 501 }))).toBe('501       4400');
  });

  it('has the SysV default and -f, -l columns', () => {
    expect(line(nodes('pid,tname,time,ucmd'), undefined)).toBe('  PID TTY          TIME CMD');
    expect(line(nodes('uid_hack,pid,ppid,c,stime,tname,time,cmd'), undefined)).toBe('UID        PID  PPID  C STIME TTY          TIME CMD');
    expect(line(nodes('f,s,uid,pid,ppid,c,opri,ni,addr_1,sz,wchan,tname,time,ucmd'), undefined)).toBe(
      'F S   UID   PID  PPID  C PRI  NI ADDR SZ WCHAN  TTY          TIME CMD',
    );
    expect(line(nodes('f,s,uid,pid,ppid,c,opri,ni,addr_1,sz,wchan,tname,time,ucmd'), proc())).toBe(
      '4 S     0  4400  4398  0  75   0 -  1151 wait   pts/0    00:00:00 bash',
    );
  });

  it('names the Unix98 tty column TT', () => {
    expect(line(nodes('pid,tty,stat,etime'), undefined)).toBe('  PID TT       STAT     ELAPSED');
  });
});

describe('ps -o lists', () => {
  it.each([
    ['', 'Improper format list.'],
    ['pid,,comm', 'Improper format list.'],
    ['pid,foo', 'Unknown user-defined format specifier "foo".'],
    ['pid:0', 'Column widths must be unsigned decimal numbers.'],
    ['OL_u:4', "Can't set width for a macro (multi-column) format specifier."],
  ])('%j → %s', (text, error) => {
    expect(parseFormatList(text)).toBe(error);
  });

  it('accepts one trailing separator, width and header overrides', () => {
    const r = nodes('pid:8,comm=PROGRAM,');
    expect(r.map((n) => [n.head, n.width])).toEqual([
      ['PID', 8],
      ['PROGRAM', 16],
    ]);
  });

  it('does the Unix98 header-eats-the-rest parsing only when asked', () => {
    expect(unix98Broken('pid,nice=NICE,tty')).toBe(true);
    expect(unix98Broken('pid,xid=X')).toBe(false);
    const broken = parseFormatList('pid,nice=NICE,tty', true) as FormatNode[];
    expect(broken.map((n) => n.head)).toEqual(['PID', 'NICE,tty']);
    const normal = parseFormatList('pid,nice=NICE,tty') as FormatNode[];
    expect(normal.map((n) => n.head)).toEqual(['PID', 'NICE', 'TT']);
  });
});

describe('ps time formats', () => {
  it.each([
    [0, '00:00:00', '  0:00', '00:00'],
    [59, '00:00:59', '  0:59', '00:59'],
    [3725, '01:02:05', ' 62:05', '01:02:05'],
    [90061, '1-01:01:01', '1501:01', '1-01:01:01'],
  ])('%d s', (s, time, bsd, elapsed) => {
    expect(formatTime(s)).toBe(time);
    expect(formatBsdTime(s)).toBe(bsd);
    expect(formatElapsed(s)).toBe(elapsed);
  });

  it('START: time today, month and day before, year before that', () => {
    const paris = parseTz('Europe/Paris');
    expect(formatStartTime(NOW - 60, NOW, paris)).toBe('09:59');
    expect(formatStartTime(NOW - 86400 * 3, NOW, UTC)).toBe('May27');
    expect(formatStartTime(NOW - 86400 * 200, NOW, UTC)).toBe('2005');
    expect(formatStarted(NOW - 60, NOW, UTC)).toBe('07:59:00');
    expect(formatStarted(NOW - 86400 * 25, NOW, UTC)).toBe('  May 05');
  });
});

describe('ps argument parsing', () => {
  const env = { accounts: Accounts.empty(), ourTty: 'pts/0', ttyExists: (p: string) => p === '/dev/pts/0' };
  const heads = (argv: string[]) => {
    const r = parsePsArgs(argv, env);
    if ('error' in r) return r.error;
    return r.plan.nodes.map((n) => n.head).join(' ') + (r.warning ? ' [warning]' : '');
  };

  it.each([
    [[], 'PID TTY TIME CMD'],
    [['aux'], 'USER PID %CPU %MEM VSZ RSS TTY STAT START TIME COMMAND'],
    [['-aux'], 'USER PID %CPU %MEM VSZ RSS TTY STAT START TIME COMMAND [warning]'],
    [['ax'], 'PID TTY STAT TIME COMMAND'],
    [['-ef'], 'UID PID PPID C STIME TTY TIME CMD'],
    [['-l'], 'F S UID PID PPID C PRI NI ADDR SZ WCHAN TTY TIME CMD'],
    [['-ej'], 'PID PGID SID TTY TIME CMD'],
    [['j'], 'PPID PID PGID SID TTY TPGID STAT UID TIME COMMAND'],
    [['-o', 'pid,comm'], 'PID COMMAND'],
    [['-p', '1', '-o', 'pid'], 'PID'],
    [['auxz'], 'Unsupported option (BSD syntax)'],
    [['-z'], 'Unsupported SysV option.'],
    [['-u', 'nosuchuser'], 'User name does not exist.'],
    [['-p'], 'List of process IDs must follow -p.'],
    [['-p', 'x'], 'Process ID list syntax error.'],
    [['--frob'], 'Unknown gnu long option.'],
    [['-f', '-o', 'pid'], 'PID [warning]'], // the second, BSD pass reads f (forest) and o
    [['ul'], 'Conflicting format options.'],
  ])('ps %j', (argv, expected) => {
    expect(heads(argv)).toBe(expected);
  });
});
