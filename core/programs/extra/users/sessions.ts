/**
 * who (coreutils 5.2.1), w (procps 3.2.3) and last (SysVinit 2.85). There is no utmp or wtmp
 * file: a login session is what login would have recorded — the first login shell (argv[0]
 * starting with '-') on each terminal, with its user and start time — read from the processes
 * the caller can see, so a guest sees its own sessions only. The boot is the `reboot` record.
 */
import type { Process } from '../../../kernel/process.js';
import { localTime, strftime, zoneFor, type Zone } from '../../files/lib/time.js';
import { formatUptime } from '../../system/memory.js';
import { Accounts } from '../../system/accounts.js';
import { readProcesses, type ProcInfo } from '../../system/procinfo.js';
import { defineProgram } from '../../registry.js';
import { getopt, UsageError } from '../../lib/getopt.js';

export interface Session {
  user: string;
  line: string;
  /** Login time, epoch seconds. */
  since: number;
  /** The login shell's pid. */
  pid: number;
}

/** One session per terminal: its earliest login shell. */
export function loginSessions(procs: readonly ProcInfo[]): Session[] {
  const byTty = new Map<string, ProcInfo>();
  for (const p of procs) {
    if (!p.tty || !p.cmdline[0]?.startsWith('-')) continue;
    const seen = byTty.get(p.tty);
    if (!seen || p.startMs < seen.startMs) byTty.set(p.tty, p);
  }
  return [...byTty.values()].sort((a, b) => a.startMs - b.startMs).map((p) => ({ user: p.ruser, line: p.tty, since: p.startEpoch, pid: p.pid }));
}

async function sessionsOf(proc: Process): Promise<{ sessions: Session[]; procs: ProcInfo[] }> {
  const procs = readProcesses(proc, await Accounts.load(proc));
  return { sessions: loginSessions(procs), procs };
}

/** Boot time (epoch seconds) as the caller's context sees it, from /proc/uptime. */
async function bootTime(proc: Process): Promise<number> {
  let up = 0;
  try {
    up = Number((await proc.readFile('/proc/uptime')).split(' ')[0]);
  } catch {
    up = proc.kernel.clock.uptimeMs / 1000;
  }
  return Math.floor(proc.time() - up);
}

/**
 * How long a terminal has been idle. The emulated tty keeps no time of its last keystroke, so
 * this is the time since the newest process on it started (the last command typed there).
 */
function idleSeconds(proc: Process, procs: readonly ProcInfo[], line: string): number {
  const newest = Math.max(...procs.filter((p) => p.tty === line).map((p) => p.startEpoch));
  return Number.isFinite(newest) ? Math.max(0, Math.floor(proc.time() - newest)) : 0;
}

// ----- who ------------------------------------------------------------------------------------

/** The line of who: "root     pts/0        May 30 09:00". */
export function whoLine(user: string, line: string, time: string, extra = ''): string {
  return `${user.padEnd(8)} ${line.padEnd(12)} ${time}${extra}`.trimEnd() + '\n';
}

function idleText(seconds: number): string {
  if (seconds < 60) return '  .  ';
  if (seconds >= 86400) return ' old ';
  return `${String(Math.floor(seconds / 3600)).padStart(2, '0')}:${String(Math.floor(seconds / 60) % 60).padStart(2, '0')}`;
}

defineProgram({
  name: 'who',
  options: ['-a', '-b', '-H', '-m', '-q', '-r', '-u', '-s'],
  main: async (proc) => {
    let parsed;
    try {
      parsed = getopt(proc.argv.slice(1), [
        { short: 'a', long: 'all' },
        { short: 'b', long: 'boot' },
        { short: 'H', long: 'heading' },
        { short: 'm' },
        { short: 'q', long: 'count' },
        { short: 'r', long: 'runlevel' },
        { short: 's', long: 'short' },
        { short: 'u', long: 'users' },
        { short: 'i', key: 'u' },
        { short: 'T', long: 'mesg' },
        { short: 'w', key: 'T' },
        { long: 'help' },
        { long: 'version' },
      ]);
    } catch (e) {
      if (!(e instanceof UsageError)) throw e;
      await proc.err(`${proc.argv[0]}: ${e.message}\nTry \`${proc.argv[0]} --help' for more information.\n`);
      return 1;
    }
    const has = (k: string) => parsed.options.some((o) => o.key === k);
    if (has('version')) {
      await proc.out('who (coreutils) 5.2.1\nWritten by Joseph Arceneaux, David MacKenzie, and Michael Stone.\n\nCopyright (C) 2004 Free Software Foundation, Inc.\nThis is free software; see the source for copying conditions.  There is NO\nwarranty; not even for MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.\n');
      return 0;
    }
    const ops = parsed.operands;
    // `who am i` (any two operands) is -m.
    const mine = has('m') || ops.length === 2;
    if (ops.length > 2 || ops.length === 1) {
      // One operand is a utmp file name: there is no such file here.
      if (ops.length === 1) return 0;
      await proc.err(`${proc.argv[0]}: extra operand \`${ops[2]}'\nTry \`${proc.argv[0]} --help' for more information.\n`);
      return 1;
    }
    const zone = await zoneFor(proc);
    const fmt = (t: number) => strftime('%b %e %H:%M', localTime(t, zone));
    const { sessions, procs } = await sessionsOf(proc);
    if (has('q')) {
      await proc.out(`${sessions.map((s) => s.user).join(' ')}\n# users=${sessions.length}\n`);
      return 0;
    }
    let out = '';
    const all = has('a');
    const withIdle = has('u') || all;
    const withMesg = has('T') || all;
    if (has('H')) out += whoLine('NAME', withMesg ? '  LINE' : 'LINE', withIdle ? 'TIME         IDLE          PID COMMENT' : 'TIME         COMMENT');
    if (has('b') || all) out += whoLine('', withMesg ? '  system boot' : 'system boot', fmt(await bootTime(proc)));
    if (has('r') || all) out += whoLine('', withMesg ? '  run-level 3' : 'run-level 3', fmt(await bootTime(proc)), '                   last=S');
    const onlyOther = has('b') || has('r');
    if (!onlyOther || all) {
      const tty = proc.task.tty?.name;
      for (const s of sessions) {
        if (mine && s.line !== tty) continue;
        let extra = '';
        if (withIdle) extra = ` ${idleText(idleSeconds(proc, procs, s.line))} ${String(s.pid).padStart(10)}`;
        out += whoLine(s.user, withMesg ? `+ ${s.line}` : s.line, fmt(s.since), extra);
      }
    }
    await proc.out(out);
    return 0;
  },
});

// ----- w --------------------------------------------------------------------------------------

/** procps's print_time_ival7(): "  0.00s", "  1:02 ", " 3:04m", " 2days". */
export function interval7(seconds: number, centis: number): string {
  if (seconds >= 48 * 3600) return ` ${String(Math.floor(seconds / 86400)).padStart(2)}days`;
  if (seconds >= 3600) return ` ${String(Math.floor(seconds / 3600)).padStart(2)}:${String(Math.floor(seconds / 60) % 60).padStart(2, '0')}m`;
  if (seconds > 60) return ` ${String(Math.floor(seconds / 60)).padStart(2)}:${String(seconds % 60).padStart(2, '0')} `;
  return ` ${String(seconds).padStart(2)}.${String(centis).padStart(2, '0')}s`;
}

defineProgram({
  name: 'w',
  options: ['-h', '-s', '-f', '-u', '-V'],
  main: async (proc) => {
    const flags = new Set<string>();
    const users: string[] = [];
    for (const a of proc.argv.slice(1)) {
      if (a.startsWith('-')) {
        for (const c of a.slice(1)) {
          if (!'hlsufoV'.includes(c)) {
            await proc.err(`w: invalid option -- ${c}\nusage: w -hlsufV [user]\n    -h    skip header\n    -l    long listing (default)\n    -s    short listing\n    -u    ignore uid of processes\n    -f    toggle FROM field (default on)\n    -o    old-style output\n    -V    display version\n`);
            return 1;
          }
          flags.add(c);
        }
      } else users.push(a);
    }
    if (flags.has('V')) {
      await proc.out('procps version 3.2.3\n');
      return 0;
    }
    const zone: Zone = await zoneFor(proc);
    const { sessions, procs } = await sessionsOf(proc);
    const long = !flags.has('s');
    const from = !flags.has('f');
    let out = '';
    if (!flags.has('h')) {
      let load: [number, number, number] = [0, 0, 0];
      try {
        const f = (await proc.readFile('/proc/loadavg')).split(' ').map(Number);
        load = [f[0] ?? 0, f[1] ?? 0, f[2] ?? 0];
      } catch {
        // no /proc: zeros
      }
      const now = localTime(Math.floor(proc.time()), zone);
      out += formatUptime(now, proc.time() - (await bootTime(proc)), sessions.length, load) + '\n';
      out += `USER     TTY      ${from ? 'FROM            ' : ''}${long ? '  LOGIN@   IDLE   JCPU   PCPU WHAT' : '   IDLE WHAT'}\n`;
    }
    for (const s of sessions) {
      if (users.length && !users.includes(s.user)) continue;
      const onTty = procs.filter((p) => p.tty === s.line);
      // The command shown is the foreground process group's leader (the newest one).
      const fg = onTty.filter((p) => p.pgid === p.tpgid).sort((a, b) => b.startMs - a.startMs)[0] ?? onTty[onTty.length - 1];
      const jcpu = onTty.reduce((t, p) => t + p.cpuMs, 0);
      const idle = idleSeconds(proc, procs, s.line);
      let line = `${s.user.slice(0, 8).padEnd(9)}${s.line.slice(0, 8).padEnd(9)}`;
      if (from) line += '-'.padEnd(16);
      if (long) {
        const t = localTime(s.since, zone);
        const today = localTime(Math.floor(proc.time()), zone);
        line += t.yday === today.yday && t.year === today.year ? strftime(' %H:%M  ', t) : strftime(' %d%b%y ', t);
      }
      line += interval7(idle, 0);
      if (long) {
        line += interval7(Math.floor(jcpu / 1000), Math.floor((jcpu % 1000) / 10));
        const pcpu = fg?.cpuMs ?? 0;
        line += interval7(Math.floor(pcpu / 1000), Math.floor((pcpu % 1000) / 10));
      }
      out += `${line} ${(fg?.cmdline.join(' ') || fg?.comm) ?? ''}\n`;
    }
    await proc.out(out);
    return 0;
  },
});

// ----- last -----------------------------------------------------------------------------------

function duration(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const d = Math.floor(m / 1440);
  const hm = `${String(Math.floor(m / 60) % 24).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  return d > 0 ? `(${d}+${hm})` : `(${hm})`;
}

defineProgram({
  name: 'last',
  options: ['-n', '-R', '-a', '-x'],
  main: async (proc) => {
    const args = proc.argv.slice(1);
    const names = args.filter((a) => !a.startsWith('-'));
    const zone = await zoneFor(proc);
    const ctime16 = (t: number) => strftime('%a %b %e %H:%M', localTime(t, zone));
    const { sessions } = await sessionsOf(proc);
    const boot = await bootTime(proc);
    const release = proc.uname().release;
    const rows: string[] = [];
    for (const s of [...sessions].reverse()) {
      if (names.length && !names.includes(s.user) && !names.includes(s.line)) continue;
      rows.push(`${s.user.padEnd(8).slice(0, 8)} ${s.line.padEnd(12).slice(0, 12)} ${''.padEnd(16)} ${ctime16(s.since)}   still logged in   `);
    }
    if (!names.length || names.includes('reboot')) {
      rows.push(`reboot   system boot  ${release.padEnd(16).slice(0, 16)} ${ctime16(boot)}         ${duration(proc.time() - boot).padEnd(12)}`);
    }
    const begins = strftime('%a %b %e %H:%M:%S %Y', localTime(boot, zone));
    await proc.out(rows.map((r) => r + '\n').join('') + `\nwtmp begins ${begins}\n`);
    return 0;
  },
});
