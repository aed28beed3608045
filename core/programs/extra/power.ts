/**
 * shutdown, halt, reboot, poweroff — SysVinit 2.85. What vlab does, by decision:
 *  - not root: the real refusals ("shutdown: you must be root to do that!", "halt: must be
 *    superuser.");
 *  - `shutdown -k`: the real thing — the warning broadcast to every login terminal, then
 *    "Shutdown cancelled.";
 *  - on the host, as root: the real broadcast, then a vlab notice on standard error and status 1:
 *    the lab machine stays up (stopping it would end every terminal of the lesson);
 *  - inside a guest: a guest's reboot goes through the kernel's vshelper to util-vserver, which
 *    belongs to the VServer layer; until it models it, a notice and status 1.
 */
import { O_WRONLY } from '../../kernel/file.js';
import type { Process } from '../../kernel/process.js';
import { localTime, strftime, zoneFor } from '../files/lib/time.js';
import { Accounts } from '../system/accounts.js';
import { readProcesses } from '../system/procinfo.js';
import { defineProgram } from '../registry.js';
import { loginSessions } from './users/sessions.js';

const SHUTDOWN_USAGE =
  'Usage:\t  shutdown [-akrhHPfnc] [-t secs] time [warning message]\n' +
  '\t\t  -a:      use /etc/shutdown.allow\n' +
  "\t\t  -k:      don't really shutdown, only warn.\n" +
  '\t\t  -r:      reboot after shutdown.\n' +
  '\t\t  -h:      halt after shutdown.\n' +
  '\t\t  -P:      halt action is to turn off power.\n' +
  '\t\t  -H:      halt action is to just halt.\n' +
  "\t\t  -f:      do a 'fast' reboot (skip fsck).\n" +
  '\t\t  -F:      Force fsck on reboot.\n' +
  '\t\t  -n:      do not go through "init" but go down real fast.\n' +
  '\t\t  -c:      cancel a running shutdown.\n' +
  '\t\t  -t secs: delay between warning and kill signal.\n' +
  '\t\t  ** the "time" argument is mandatory! (try "now") **\n';

/** wall(1) as shutdown calls it: the message on every login terminal. */
async function wall(proc: Process, message: string): Promise<void> {
  const accounts = await Accounts.load(proc);
  const user = accounts.userName(proc.task.cred.uid);
  const tty = proc.task.tty?.name ?? 'console';
  const when = strftime('%a %b %e %H:%M:%S %Y', localTime(Math.floor(proc.time()), await zoneFor(proc)));
  const text = `\x07\r\nBroadcast message from ${user} (${tty}) (${when}):\r\n\r\n${message}`;
  let sessions: { line: string }[] = [];
  try {
    sessions = loginSessions(readProcesses(proc, accounts));
  } catch {
    // no /proc: only our own terminal
  }
  const lines = new Set(sessions.map((s) => s.line));
  if (proc.task.tty) lines.add(proc.task.tty.name);
  for (const line of lines) {
    try {
      const fd = proc.open(`/dev/${line}`, O_WRONLY);
      try {
        await proc.write(fd, text);
      } finally {
        proc.close(fd);
      }
    } catch {
      // a terminal that went away
    }
  }
}

/** "NOW", "in 5 minutes", or undefined for a time shutdown does not understand. */
function whenText(time: string, now: { hour: number; minute: number }): string | undefined {
  if (time === 'now' || time === '+0') return 'NOW';
  let m = /^\+?(\d+)$/.exec(time);
  if (m) return `in ${Number(m[1])} minute${Number(m[1]) === 1 ? '' : 's'}`;
  m = /^(\d{1,2}):(\d{2})$/.exec(time);
  if (m && Number(m[1]) < 24 && Number(m[2]) < 60) {
    let minutes = Number(m[1]) * 60 + Number(m[2]) - (now.hour * 60 + now.minute);
    if (minutes < 0) minutes += 24 * 60;
    return minutes === 0 ? 'NOW' : `in ${minutes} minute${minutes === 1 ? '' : 's'}`;
  }
  return undefined;
}

async function goDown(proc: Process, action: 'reboot' | 'halt' | 'poweroff', when: string): Promise<number> {
  const state = action === 'reboot' ? 'for reboot' : 'for system halt';
  await wall(proc, `The system is going down ${state} ${when}!\r\n`);
  if (proc.task.xid !== 0) {
    await proc.err(`vlab: a guest's ${action} goes through the kernel's vshelper to util-vserver, which is not emulated yet; the guest stays up.\n`);
  } else {
    await proc.err(`vlab: ${action} is not emulated; ${proc.uname().nodename} stays up.\n`);
  }
  return 1;
}

defineProgram({
  name: 'shutdown',
  options: ['-r', '-h', '-k', '-c', '-t'],
  main: async (proc) => {
    const args = proc.argv.slice(1);
    const flags = new Set<string>();
    const rest: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (rest.length === 0 && a.startsWith('-') && a.length > 1) {
        for (const c of a.slice(1)) {
          if (!'akrhHPfFnct'.includes(c)) {
            await proc.err(SHUTDOWN_USAGE);
            return 1;
          }
          flags.add(c);
          if (c === 't') i++;
        }
      } else rest.push(a);
    }
    if (proc.task.cred.uid !== 0) {
      await proc.err('shutdown: you must be root to do that!\n');
      return 1;
    }
    if (flags.has('c')) {
      await proc.err('shutdown: cannot find pid of running shutdown.\n');
      return 1;
    }
    const time = rest[0];
    if (time === undefined) {
      await proc.err(SHUTDOWN_USAGE);
      return 1;
    }
    const now = localTime(Math.floor(proc.time()), await zoneFor(proc));
    const when = whenText(time, now);
    if (when === undefined) {
      await proc.err(SHUTDOWN_USAGE);
      return 1;
    }
    const extra = rest.slice(1).join(' ');
    if (flags.has('k')) {
      const state = flags.has('r') ? 'for reboot' : flags.has('h') ? 'for system halt' : 'to maintenance mode';
      await wall(proc, `The system is going down ${state} ${when}!\r\n${extra ? extra + '\r\n' : ''}`);
      // (SysVinit pauses a second here; left out so a lab's clock does not wait on it.)
      await proc.out('\r\nShutdown cancelled.\r\n');
      return 0;
    }
    if (!flags.has('r') && !flags.has('h')) {
      // Without -r or -h, shutdown brings the system to single-user mode.
      await wall(proc, `The system is going down to maintenance mode ${when}!\r\n`);
      await proc.err(`vlab: going to single-user mode is not emulated; ${proc.uname().nodename} stays in runlevel 3.\n`);
      return 1;
    }
    return goDown(proc, flags.has('r') ? 'reboot' : 'halt', when);
  },
});

for (const name of ['halt', 'reboot', 'poweroff'] as const) {
  defineProgram({
    name,
    options: ['-f', '-n', '-w', '-d', '-i', '-p'],
    main: async (proc) => {
      const called = (proc.argv[0] ?? name).slice((proc.argv[0] ?? name).lastIndexOf('/') + 1);
      const flags = proc.argv.slice(1).join('');
      const bad = /[^-fnwdip]/.exec(flags.replace(/^-+/, ''));
      if (bad) {
        await proc.err(`usage: ${called} [-n] [-w] [-d] [-f] [-i] [-p]\n\t-n: don't sync before halting the system\n\t-w: only write a wtmp reboot record and exit.\n\t-d: don't write a wtmp record.\n\t-f: force halt/reboot, don't call shutdown.\n\t-p: power down the system (if possible, otherwise halt)\n`);
        return 1;
      }
      if (proc.task.cred.uid !== 0) {
        await proc.err(`${called}: must be superuser.\n`);
        return 1;
      }
      // -w only writes the wtmp record: harmless, and there is no wtmp here.
      if (flags.includes('w')) return 0;
      // Outside runlevels 0 and 6, halt and reboot call shutdown.
      // RHEL links reboot and poweroff to halt: the name it was called by decides.
      const action = called === 'reboot' || called === 'poweroff' || called === 'halt' ? called : name;
      return goDown(proc, action, 'NOW');
    },
  });
}
