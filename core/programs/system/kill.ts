/**
 * Sending signals from the command line, as a RHEL 4 host has it:
 *  - /bin/kill from util-linux 2.12a (Red Hat ships util-linux's kill, not procps's),
 *  - killall from psmisc 21,
 *  - pgrep and pkill from procps 3.2.3,
 *  - pidof and killall5 from SysVinit 2.85.
 * Processes are found through /proc, so a guest only ever names and signals its own.
 */
import { SyscallError } from '../../kernel/errno.js';
import type { Process } from '../../kernel/process.js';
import { SIG } from '../../kernel/signals.js';
import { compileRegex, RegexError } from '../lib/regex.js';
import { defineProgram } from '../registry.js';
import { Accounts } from './accounts.js';
import { BAD_OPEN_MESSAGE, BAD_OPEN_STATUS, ProcUnavailable, readProcesses, type ProcInfo } from './procinfo.js';

// ----- signal tables -------------------------------------------------------------------------

/** util-linux kill's table (misc-utils/kill.c on i386): POSIX signals first, then the others. */
export const UTIL_LINUX_SIGNALS: readonly [string, number][] = [
  ['HUP', 1], ['INT', 2], ['QUIT', 3], ['ILL', 4], ['ABRT', 6], ['FPE', 8], ['KILL', 9], ['SEGV', 11], ['PIPE', 13],
  ['ALRM', 14], ['TERM', 15], ['USR1', 10], ['USR2', 12], ['CHLD', 17], ['CONT', 18], ['STOP', 19], ['TSTP', 20],
  ['TTIN', 21], ['TTOU', 22], ['TRAP', 5], ['IOT', 6], ['BUS', 7], ['SYS', 31], ['STKFLT', 16], ['URG', 23],
  ['IO', 29], ['POLL', 29], ['CLD', 17], ['XCPU', 24], ['XFSZ', 25], ['VTALRM', 26], ['PROF', 27], ['PWR', 30],
  ['WINCH', 28], ['UNUSED', 31],
];

/** psmisc's table: every numeric SIG macro of <signal.h>, by number. */
export const PSMISC_SIGNALS: readonly [string, number][] = [
  ['HUP', 1], ['INT', 2], ['QUIT', 3], ['ILL', 4], ['TRAP', 5], ['ABRT', 6], ['BUS', 7], ['FPE', 8], ['KILL', 9],
  ['USR1', 10], ['SEGV', 11], ['USR2', 12], ['PIPE', 13], ['ALRM', 14], ['TERM', 15], ['STKFLT', 16], ['CHLD', 17],
  ['CONT', 18], ['STOP', 19], ['TSTP', 20], ['TTIN', 21], ['TTOU', 22], ['URG', 23], ['XCPU', 24], ['XFSZ', 25],
  ['VTALRM', 26], ['PROF', 27], ['WINCH', 28], ['IO', 29], ['PWR', 30], ['SYS', 31], ['UNUSED', 31],
];

/** procps's sig.c table (alphabetical) plus its aliases. */
const PROCPS_SIGNALS: Record<string, number> = {
  ABRT: 6, ALRM: 14, BUS: 7, CHLD: 17, CONT: 18, FPE: 8, HUP: 1, ILL: 4, INT: 2, KILL: 9, PIPE: 13, POLL: 29, PROF: 27,
  PWR: 30, QUIT: 3, SEGV: 11, STKFLT: 16, STOP: 19, SYS: 31, TERM: 15, TRAP: 5, TSTP: 20, TTIN: 21, TTOU: 22, URG: 23,
  USR1: 10, USR2: 12, VTALRM: 26, WINCH: 28, XCPU: 24, XFSZ: 25, CLD: 17, IO: 29, IOT: 6, EXIT: 0, NULL: 0,
};

/** procps signal_name_to_number(): names with or without SIG (any case), or a number; -1 if unknown. */
export function procpsSignal(name: string): number {
  const n = name.replace(/^sig/i, '').toUpperCase();
  if (n in PROCPS_SIGNALS) return PROCPS_SIGNALS[n]!;
  if (/^\d+$/.test(name)) {
    const v = Number(name);
    return v <= 127 ? v : -1;
  }
  return -1;
}

/** util-linux's arg_to_signum(): a number below NSIG (64), or a name (case-insensitive, SIG optional). */
function utilLinuxSignal(arg: string, maskbit = false): number {
  if (/^\d/.test(arg)) {
    if (!/^\d+$/.test(arg)) return -1;
    let n = Number(arg);
    if (n >= 65 && maskbit && (n & 128) !== 0) n -= 128;
    return n >= 0 && n < 65 ? n : -1;
  }
  const name = arg.replace(/^sig/i, '').toUpperCase();
  return UTIL_LINUX_SIGNALS.find(([s]) => s === name)?.[1] ?? -1;
}

/** util-linux's printsignals(): names wrapped before column 72. */
function utilLinuxSignalList(): string {
  let out = '';
  let lpos = 0;
  for (const [name] of UTIL_LINUX_SIGNALS) {
    const lth = 1 + name.length;
    if (lpos + lth > 72) {
      out += '\n';
      lpos = 0;
    } else if (lpos) out += ' ';
    lpos += lth;
    out += name;
  }
  return out + '\n';
}

/** psmisc's list_signals(): names wrapped at 80 columns. */
export function psmiscSignalList(): string {
  let out = '';
  let col = 0;
  for (const [name] of PSMISC_SIGNALS) {
    if (col + name.length + 1 > 80) {
      out += '\n';
      col = 0;
    }
    out += (col ? ' ' : '') + name;
    col += name.length + 1;
  }
  return out + '\n';
}

// ----- helpers ---------------------------------------------------------------------------------

const basename = (p: string) => p.slice(p.lastIndexOf('/') + 1);

/** Send a signal; the errno on failure. */
function send(proc: Process, pid: number, sig: number): SyscallError | undefined {
  try {
    proc.kill(pid, sig);
    return undefined;
  } catch (e) {
    if (e instanceof SyscallError) return e;
    throw e;
  }
}

async function processes(proc: Process): Promise<ProcInfo[]> {
  return readProcesses(proc, await Accounts.load(proc));
}

/** Run a body; a missing /proc ends it with libproc's message (procps tools) or the given text. */
async function withProc(proc: Process, body: () => Promise<number>, onNoProc?: string): Promise<number> {
  try {
    return await body();
  } catch (e) {
    if (e instanceof ProcUnavailable) {
      await proc.err(onNoProc ?? BAD_OPEN_MESSAGE);
      return onNoProc ? 1 : BAD_OPEN_STATUS;
    }
    throw e;
  }
}

// ----- kill (util-linux 2.12a) ------------------------------------------------------------------

async function killMain(proc: Process): Promise<number> {
  const progname = basename(proc.argv[0] ?? 'kill');
  const usage = async (status: number) => {
    const text = `usage: ${progname} [ -s signal | -p ] [ -a ] pid ...\n       ${progname} -l [ signal ]\n`;
    if (status === 0) await proc.out(text);
    else await proc.err(text);
    return status;
  };
  let args = proc.argv.slice(1);
  let numsig: number = SIG.TERM;
  let doPid = progname === 'pid';
  let doKill = false;
  let checkAll = false;
  while (args.length > 0) {
    const arg = args[0]!;
    if (!arg.startsWith('-')) break;
    if (arg === '--') {
      args = args.slice(1);
      break;
    }
    if (arg === '-v' || arg === '-V' || arg === '--version') {
      await proc.out(`${progname} from util-linux-2.12a\n`);
      return 0;
    }
    if (arg === '-a') {
      checkAll = true;
      args = args.slice(1);
      continue;
    }
    if (arg === '-l') {
      if (args.length < 2) {
        await proc.out(utilLinuxSignalList());
        return 0;
      }
      if (args.length > 2) return usage(1);
      const n = utilLinuxSignal(args[1]!, true);
      if (n < 0) {
        await proc.err(`${progname}: unknown signal ${args[1]}\n`);
        return 1;
      }
      const name = UTIL_LINUX_SIGNALS.find(([, v]) => v === n)?.[0];
      await proc.out(`${name ?? n}\n`);
      return 0;
    }
    if (arg === '-p') {
      doPid = true;
      if (doKill) return usage(1);
      args = args.slice(1);
      continue;
    }
    if (arg === '-s') {
      if (args.length < 2) return usage(1);
      doKill = true;
      if (doPid) return usage(1);
      const n = utilLinuxSignal(args[1]!);
      if (n < 0) {
        await proc.err(`${progname}: unknown signal ${args[1]}; valid signals:\n${utilLinuxSignalList()}`);
        return 1;
      }
      numsig = n;
      args = args.slice(2);
      continue;
    }
    // -HUP, -9: a signal; once a signal is known, a leading '-' means a process group.
    if (doKill) break;
    const n = utilLinuxSignal(arg.slice(1));
    if (n < 0) return usage(1);
    numsig = n;
    doKill = true;
    if (doPid) return usage(1);
    args = args.slice(1);
  }
  if (args.length === 0) return usage(1);
  let errors = 0;
  const killOne = async (label: string, pid: number) => {
    if (doPid) {
      await proc.out(`${pid}\n`);
      return;
    }
    const e = send(proc, pid, numsig);
    if (e) {
      await proc.err(`${progname} ${label}: ${e.message}\n`);
      errors++;
    }
  };
  for (const arg of args) {
    if (/^[-+]?\d+$/.test(arg)) {
      await killOne(arg, Number(arg));
      continue;
    }
    // A name: every process whose argv[0] has that base name (the caller's own, or all with -a).
    let procs: ProcInfo[];
    try {
      procs = await processes(proc);
    } catch (e) {
      if (!(e instanceof ProcUnavailable)) throw e;
      await proc.err('opendir /proc: No such file or directory\n');
      procs = [];
    }
    const uid = proc.task.cred.uid;
    const pids = procs
      .filter((p) => checkAll || p.uid === uid)
      .filter((p) => basename(p.cmdline[0] ?? p.comm) === arg)
      .map((p) => p.pid);
    if (pids.length === 0) {
      errors++;
      await proc.err(`${progname}: can't find process "${arg}"\n`);
      continue;
    }
    for (const pid of pids) await killOne(arg, pid);
  }
  return errors;
}

// ----- killall (psmisc) -------------------------------------------------------------------------

const KILLALL_USAGE = `usage: killall [ OPTIONS ] [ -- ] name ...
       killall -l, --list
       killall -V --version

  -e,--exact          require exact match for very long names
  -I,--ignore-case-   case insensitive process name match
  -g,--process-group  kill process group instead of process
  -i,--interactive    ask for confirmation before killing
  -l,--list           list all known signal names
  -q,--quiet          don't print complaints
  -s,--signal         send signal instead of SIGTERM
  -v,--verbose        report if the signal was successfully sent
  -V,--version        display version information
  -w,--wait           wait for processes to die

`;

const PSMISC_VERSION = (name: string) =>
  `${name} (psmisc) 21.4\nCopyright (C) 1993-2002 Werner Almesberger and Craig Small\n\n` +
  'PSmisc comes with ABSOLUTELY NO WARRANTY.\n' +
  'This is free software, and you are welcome to redistribute it under the terms\n' +
  'of the GNU General Public License.\n' +
  'For more information about these matters, see the files named COPYING.\n';

const COMM_LEN = 16;

async function killallMain(proc: Process): Promise<number> {
  let sig: number = SIG.TERM;
  let exact = false;
  let group = false;
  let interactive = false;
  let quiet = false;
  let verbose = false;
  let wait = false;
  let ignoreCase = false;
  const names: string[] = [];
  const args = proc.argv.slice(1);
  const psmiscSignal = async (name: string): Promise<number | undefined> => {
    if (/^\d/.test(name)) return parseInt(name, 10) || 0;
    const n = name.replace(/^SIG/, '');
    const found = PSMISC_SIGNALS.find(([s]) => s === n);
    if (found) return found[1];
    await proc.err(`${n}: unknown signal; killall -l lists signals.\n`);
    return undefined;
  };
  const longs: Record<string, string> = {
    exact: 'e', 'ignore-case': 'I', 'process-group': 'g', interactive: 'i', 'list-signals': 'l', quiet: 'q', signal: 's', verbose: 'v', wait: 'w', version: 'V',
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      names.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      names.push(arg);
      continue;
    }
    // getopt_long_only: -signal (upper case or digits) is a signal, letters are options.
    const body = arg.replace(/^--?/, '');
    const long = Object.keys(longs).find((l) => l === body.split('=')[0] || (body.length > 1 && l.startsWith(body.split('=')[0]!)));
    let letters: string[];
    if (arg.startsWith('--') || (long && body.length > 1 && !/^[A-Z0-9]/.test(body))) {
      if (!long) {
        await proc.err(KILLALL_USAGE);
        return 1;
      }
      letters = [longs[long]!];
      if (longs[long] === 's') {
        const v = body.includes('=') ? body.slice(body.indexOf('=') + 1) : args[++i];
        if (v === undefined) {
          await proc.err(KILLALL_USAGE);
          return 1;
        }
        const n = await psmiscSignal(v);
        if (n === undefined) return 1;
        sig = n;
        continue;
      }
    } else if (/^[A-Z0-9]/.test(body)) {
      const n = await psmiscSignal(body);
      if (n === undefined) return 1;
      sig = n;
      continue;
    } else letters = [...body];
    for (let j = 0; j < letters.length; j++) {
      const c = letters[j]!;
      switch (c) {
        case 'e':
          exact = true;
          break;
        case 'g':
          group = true;
          break;
        case 'i':
          interactive = true;
          break;
        case 'l':
          await proc.out(psmiscSignalList());
          return 0;
        case 'q':
          quiet = true;
          break;
        case 'v':
          verbose = true;
          break;
        case 'w':
          wait = true;
          break;
        case 'I':
          ignoreCase = true;
          break;
        case 'V':
          await proc.err(PSMISC_VERSION('killall'));
          return 0;
        case 's': {
          const rest = letters.slice(j + 1).join('');
          const v = rest !== '' ? rest : args[++i];
          if (v === undefined) {
            await proc.err(KILLALL_USAGE);
            return 1;
          }
          const n = await psmiscSignal(v);
          if (n === undefined) return 1;
          sig = n;
          j = letters.length;
          break;
        }
        default:
          // psmisc 21 ignores unknown flags (getopt's '?' without a signal-like argument).
          break;
      }
    }
  }
  if (names.length === 0) {
    await proc.err(KILLALL_USAGE);
    return 1;
  }
  return withProc(
    proc,
    async () => {
      const procs = (await processes(proc)).filter((p) => p.pid !== proc.pid);
      if (procs.length === 0) {
        await proc.err('/proc is empty (not mounted ?)\n');
        return 1;
      }
      const found = new Set<number>();
      const killed: number[] = [];
      const seenGroups = new Set<number>();
      for (const p of procs) {
        const comm = p.comm;
        let command: string | undefined;
        let gotLong = false;
        if (comm.length === COMM_LEN - 1) {
          const first = p.cmdline[0];
          if (first) {
            const b = basename(first);
            if (b.startsWith(comm)) {
              command = b;
              gotLong = true;
            }
          }
          if (exact && !gotLong) {
            if (verbose) await proc.err(`skipping partial match ${comm}(${p.pid})\n`);
            continue;
          }
        }
        for (let j = 0; j < names.length; j++) {
          const name = names[j]!;
          if (name.includes('/')) {
            if (p.task.exePath !== name) continue;
          } else if (comm.length !== COMM_LEN - 1 || name.length < COMM_LEN - 1) {
            if (ignoreCase ? name.toLowerCase() !== comm.toLowerCase() : name !== comm) continue;
          } else if (gotLong ? name !== command : name.slice(0, COMM_LEN - 1) !== comm) continue;
          let id = p.pid;
          if (group) {
            id = p.pgid;
            if (seenGroups.has(id)) continue;
            seenGroups.add(id);
          }
          if (interactive) {
            await proc.out(`Kill ${comm}(${group ? 'pgid ' : ''}${id}) ? (y/n) `);
            const answer = await proc.read(0, 1024).catch(() => '');
            if (!/^[yY]/.test(answer)) continue;
          }
          const e = send(proc, group ? -id : id, sig);
          if (!e) {
            if (verbose) await proc.err(`Killed ${gotLong ? command : comm}(${group ? 'pgid ' : ''}${id}) with signal ${sig}\n`);
            found.add(j);
            killed.push(p.pid);
          } else if (e.code !== 'ESRCH' || interactive) {
            await proc.err(`${gotLong ? command : comm}(${id}): ${e.message}\n`);
          }
        }
      }
      if (!quiet) for (let j = 0; j < names.length; j++) if (!found.has(j)) await proc.err(`${names[j]}: no process killed\n`);
      if (wait) {
        // Check every second until every killed process is gone.
        for (;;) {
          const alive = killed.filter((pid) => proc.kernel.tasks.get(pid)?.alive);
          if (alive.length === 0) break;
          await proc.sleep(1000);
        }
      }
      return found.size === names.length ? 0 : 1;
    },
  );
}

// ----- pgrep / pkill (procps 3.2.3) ----------------------------------------------------------------

async function pgrepMain(proc: Process): Promise<number> {
  const isPkill = basename(proc.argv[0] ?? '').includes('pkill');
  const progname = isPkill ? 'pkill' : 'pgrep';
  const usageText =
    (isPkill ? 'Usage: pkill [-SIGNAL] [-fvx] ' : 'Usage: pgrep [-flvx] [-d DELIM] ') +
    '[-n|-o] [-P PPIDLIST] [-g PGRPLIST] [-s SIDLIST]\n\t[-u EUIDLIST] [-U UIDLIST] [-G GIDLIST] [-t TERMLIST] [PATTERN]\n';
  const usage = async (opt: string) => {
    await proc.err(usageText);
    return opt === '?' ? 0 : 2;
  };
  const args = proc.argv.slice(1);
  let signal: number = SIG.TERM;
  if (isPkill && args[0]?.startsWith('-')) {
    let sig = procpsSignal(args[0].slice(1));
    if (sig === -1 && /^\d/.test(args[0].slice(1))) sig = parseInt(args[0].slice(1), 10);
    if (sig !== -1) {
      signal = sig;
      args.shift();
    }
  }
  const accounts = await Accounts.load(proc);
  const opts = (isPkill ? '' : 'ld:') + 'fnovxP:g:s:u:U:G:t:?V';
  let full = false;
  let long = false;
  let delim = '\n';
  let newest = false;
  let oldest = false;
  let negate = false;
  let exact = false;
  let criteria = 0;
  const lists: Partial<Record<'P' | 'g' | 's' | 'u' | 'U' | 'G' | 't', (number | string)[]>> = {};
  const operands: string[] = [];
  const conv = async (c: string, item: string): Promise<number | string | undefined> => {
    switch (c) {
      case 'u':
      case 'U': {
        const u = accounts.resolveUser(item);
        if (u === undefined) await proc.err(`${progname}: invalid user name: ${item}\n`);
        return u;
      }
      case 'G': {
        const g = accounts.resolveGroup(item);
        if (g === undefined) await proc.err(`${progname}: invalid group name: ${item}\n`);
        return g;
      }
      case 'g':
      case 's': {
        if (!/^\d+$/.test(item)) {
          await proc.err(`${progname}: ${c === 'g' ? 'invalid process group' : 'invalid session id'}: ${item}\n`);
          return undefined;
        }
        // 0 means "my own".
        const n = Number(item);
        return n === 0 ? (c === 'g' ? proc.task.pgid : proc.task.sid) : n;
      }
      case 'P':
        if (!/^\d+$/.test(item)) {
          await proc.err(`${progname}: not a number: ${item}\n`);
          return undefined;
        }
        return Number(item);
      default:
        return item.replace(/^\/dev\//, '');
    }
  };
  // POSIX getopt (no permutation into the pattern's place: operands may follow options).
  let i = 0;
  for (; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      operands.push(arg);
      continue;
    }
    for (let j = 1; j < arg.length; j++) {
      const c = arg[j]!;
      const at = opts.indexOf(c);
      if (at < 0 || c === ':') {
        await proc.err(`${progname}: invalid option -- ${c}\n`);
        return usage('?');
      }
      let value: string | undefined;
      if (opts[at + 1] === ':') {
        value = arg.slice(j + 1) || args[++i];
        if (value === undefined) {
          await proc.err(`${progname}: option requires an argument -- ${c}\n`);
          return usage('?');
        }
        j = arg.length;
      }
      switch (c) {
        case 'V':
          await proc.out(`${progname} (procps version 3.2.3)\n`);
          return 0;
        case '?':
          return usage('?');
        case 'd':
          delim = value!;
          break;
        case 'f':
          full = true;
          break;
        case 'l':
          long = true;
          break;
        case 'n':
          if (oldest || negate || newest) return usage(c);
          newest = true;
          criteria++;
          break;
        case 'o':
          if (oldest || negate || newest) return usage(c);
          oldest = true;
          criteria++;
          break;
        case 'v':
          if (oldest || negate || newest) return usage(c);
          negate = true;
          break;
        case 'x':
          exact = true;
          break;
        default: {
          const items: (number | string)[] = [];
          for (const part of value!.split(',')) {
            if (part === '') return usage(c);
            const v = await conv(c, part);
            if (v === undefined) return usage(c);
            items.push(v);
          }
          lists[c as keyof typeof lists] = items;
          if (c !== 'g') criteria++;
        }
      }
    }
  }
  let pattern: string | undefined;
  if (operands.length === 1) pattern = operands[0];
  else if (operands.length > 1) return usage('');
  else if (criteria === 0) {
    await proc.err(`${progname}: No matching criteria specified\n`);
    return usage('');
  }
  let re: RegExp | undefined;
  if (pattern !== undefined) {
    try {
      re = compileRegex(exact ? `^(${pattern})$` : pattern, { extended: true });
    } catch (e) {
      if (!(e instanceof RegexError)) throw e;
      await proc.err(e.message);
      return 2;
    }
  }
  return withProc(proc, async () => {
    const procs = readProcesses(proc, accounts);
    let matches: ProcInfo[] = [];
    let saved: ProcInfo | undefined;
    for (const p of procs) {
      if (p.pid === proc.pid) continue;
      let match = true;
      if (newest && saved && p.startMs < saved.startMs) match = false;
      else if (oldest && saved && p.startMs > saved.startMs) match = false;
      else if (lists.P && !lists.P.includes(p.ppid)) match = false;
      else if (lists.g && !lists.g.includes(p.pgid)) match = false;
      else if (lists.u && !lists.u.includes(p.euid)) match = false;
      else if (lists.U && !lists.U.includes(p.uid)) match = false;
      else if (lists.G && !lists.G.includes(p.gid)) match = false;
      else if (lists.s && !lists.s.includes(p.sid)) match = false;
      else if (lists.t) match = p.tty !== '' && lists.t.includes(p.tty);
      const cmd = full && p.cmdline.length ? p.cmdline.join(' ') : p.comm;
      if (match && re) match = re.test(cmd);
      if (match !== negate) {
        if (newest) {
          if (saved && saved.startMs === p.startMs && saved.pid > p.pid) continue;
          saved = p;
          matches = [];
        }
        if (oldest) {
          if (saved && saved.startMs === p.startMs && saved.pid < p.pid) continue;
          saved = p;
          matches = [];
        }
        matches.push(p);
      }
      await proc.checkpoint();
    }
    if (isPkill) {
      for (const p of matches) {
        const e = send(proc, p.pid, signal);
        if (e) await proc.err(`pkill: ${p.pid} - ${e.message}\n`);
      }
    } else if (matches.length > 0) {
      const cmdOf = (p: ProcInfo) => (full && p.cmdline.length ? p.cmdline.join(' ') : p.comm);
      const items = matches.map((p) => (long ? `${p.pid} ${cmdOf(p)}` : String(p.pid)));
      await proc.out(items.join(delim) + '\n');
    }
    return matches.length === 0 ? 1 : 0;
  });
}

// ----- pidof and killall5 (SysVinit 2.85) ---------------------------------------------------------

async function pidofMain(proc: Process): Promise<number> {
  let single = false;
  let scripts = false;
  const omit = new Set<number>();
  const names: string[] = [];
  const args = proc.argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg.startsWith('-') && arg.length > 1 && names.length === 0) {
      for (let j = 1; j < arg.length; j++) {
        const c = arg[j]!;
        if (c === 's') single = true;
        else if (c === 'x') scripts = true;
        else if (c === 'o') {
          const v = arg.slice(j + 1) || args[++i];
          if (v === undefined) {
            await proc.err('pidof: invalid options on command line!\n');
            return 1;
          }
          for (const item of v.split(',')) {
            if (item === '%PPID') omit.add(proc.task.ppid);
            else if (/^\d+$/.test(item)) omit.add(Number(item));
            else {
              await proc.err('pidof: illegal omit pid value (' + item + ')!\n');
              return 1;
            }
          }
          break;
        } else {
          await proc.err('pidof: invalid options on command line!\n');
          return 1;
        }
      }
      continue;
    }
    names.push(arg);
  }
  return withProc(
    proc,
    async () => {
      // SysVinit reads /proc into a list built by prepending: the newest pid comes first.
      const procs = (await processes(proc)).reverse();
      const found: number[] = [];
      for (const name of names) {
        for (const p of procs) {
          if (p.pid === proc.pid || omit.has(p.pid) || found.includes(p.pid)) continue;
          const argv0 = p.cmdline[0] ?? '';
          let ok = argv0 !== '' && (argv0 === name || basename(argv0) === basename(name));
          if (!ok && p.comm === name) ok = true;
          if (!ok && scripts && p.cmdline.length > 1 && /(^|\/)(ba)?sh$/.test(basename(argv0))) ok = basename(p.cmdline[1]!) === basename(name);
          if (ok) {
            found.push(p.pid);
            if (single) break;
          }
        }
      }
      if (found.length === 0) return 1;
      await proc.out(found.join(' ') + '\n');
      return 0;
    },
    'pidof: /proc: No such file or directory\n',
  );
}

async function killall5Main(proc: Process): Promise<number> {
  const args = proc.argv.slice(1);
  let sig: number = SIG.TERM;
  if (args.length === 1) {
    const v = args[0]!.replace(/^-/, '');
    sig = /^\d+$/.test(v) ? Number(v) : -1;
    if (sig <= 0 || sig > 31) {
      await proc.err('killall5 -signum\n');
      return 1;
    }
  } else if (args.length > 1) {
    await proc.err('killall5 -signum\n');
    return 1;
  }
  if (proc.task.cred.euid !== 0) {
    await proc.err('killall5: must be superuser.\n');
    return 1;
  }
  return withProc(
    proc,
    async () => {
      const procs = await processes(proc);
      // Every process but init, kernel threads and the caller's own session.
      for (const p of procs) {
        if (p.pid === 1 || p.sid === proc.task.sid || p.cmdline.length === 0) continue;
        send(proc, p.pid, sig);
      }
      return 0;
    },
    'killall5: cannot opendir(/proc)\n',
  );
}

defineProgram({ name: 'kill', main: killMain, vszKb: 1620, rssKb: 388, options: ['-l', '-s', '-p', '-a', '-HUP', '-KILL', '-TERM', '-9'] });
defineProgram({ name: 'killall', main: killallMain, vszKb: 1664, rssKb: 488, options: ['-e', '-g', '-i', '-l', '-q', '-s', '-v', '-w', '-I', '-V'] });
defineProgram({ name: 'pgrep', main: pgrepMain, vszKb: 2716, rssKb: 628, options: ['-f', '-l', '-n', '-o', '-v', '-x', '-d', '-u', '-U', '-G', '-P', '-g', '-s', '-t'] });
defineProgram({ name: 'pkill', main: pgrepMain, vszKb: 2716, rssKb: 628, options: ['-f', '-n', '-o', '-v', '-x', '-u', '-U', '-G', '-P', '-g', '-s', '-t'] });
defineProgram({ name: 'pidof', main: pidofMain, vszKb: 1592, rssKb: 412, options: ['-s', '-x', '-o'] });
defineProgram({ name: 'killall5', main: killall5Main, vszKb: 1592, rssKb: 412 });
