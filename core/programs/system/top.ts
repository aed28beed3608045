/**
 * top (procps 3.2.3): a full-screen task list refreshed every -d seconds (3 by default), or
 * batch mode (-b) for scripts. Interactive mode puts the terminal in raw mode and always gives
 * it back: on q, on Ctrl-C (SIGINT), SIGTERM, SIGHUP and on errors. Between frames top waits
 * for a key; an alarm interrupts the wait when the next frame is due.
 */
import { SyscallError } from '../../kernel/errno.js';
import type { Process } from '../../kernel/process.js';
import { SIG } from '../../kernel/signals.js';
import { defineProgram } from '../registry.js';
import { Accounts } from './accounts.js';
import { setPriority } from './exec.js';
import { procpsSignal } from './kill.js';
import { uptimeLine } from './memory.js';
import { readMeminfo, readProcesses, ProcUnavailable, BAD_OPEN_MESSAGE, BAD_OPEN_STATUS, type ProcInfo } from './procinfo.js';
import { ESC, isInterrupt, RawTerminal, setAlarm, type Key } from './terminal.js';
import { columnHeader, cpuLine, helpScreen, memLines, parseCpuLines, taskRow, tasksLine, type CpuTicks } from './top-format.js';

const USAGE = ' -hv | -bcisS -d delay -n iterations [-u user | -U user] -p pid [,pid ...]';

type SortKey = 'cpu' | 'mem' | 'pid' | 'time';

interface TopState {
  delay: number;
  loops: number;
  batch: boolean;
  secure: boolean;
  cmdline: boolean;
  idle: boolean;
  cumulative: boolean;
  sort: SortKey;
  reverse: boolean;
  showLoad: boolean;
  showTasks: boolean;
  showMem: boolean;
  cpuSum: boolean;
  maxTasks: number;
  pids: number[];
  user: { uid: number; real: boolean } | undefined;
}

async function parseArgs(proc: Process, args: string[], st: TopState, accounts: Accounts): Promise<string | undefined> {
  let selection = '';
  for (let a = 0; a < args.length; a++) {
    const arg = args[a]!;
    let i = 0;
    while (i < arg.length) {
      const c = arg[i]!;
      const value = (): string | undefined => {
        if (i + 1 < arg.length) {
          const v = arg.slice(i + 1);
          i = arg.length;
          return v;
        }
        i = arg.length;
        return args[++a];
      };
      switch (c) {
        case '-':
          i++;
          continue;
        case 'b':
          st.batch = true;
          break;
        case 'c':
          st.cmdline = !st.cmdline;
          break;
        case 'd': {
          const v = value();
          if (v === undefined) return '-d requires argument';
          const n = parseFloat(v);
          if (Number.isNaN(n)) return `bad delay '${v}'`;
          if (n < 0) break;
          st.delay = n;
          continue;
        }
        case 'h':
        case 'H':
        case 'v':
        case 'V':
          return `${'procps version 3.2.3'}\nusage:\ttop${USAGE}`;
        case 'i':
          st.idle = !st.idle;
          break;
        case 'n': {
          const v = value();
          if (v === undefined) return '-n requires argument';
          const n = parseInt(v, 10);
          if (!(n >= 1)) return `bad iterations arg '${v}'`;
          st.loops = n;
          continue;
        }
        case 'p': {
          if (selection && selection !== 'p') return 'conflicting process selection';
          selection = 'p';
          const v = value();
          if (v === undefined) return '-p argument missing';
          for (const item of v.split(',').filter(Boolean)) {
            const n = parseInt(item, 10);
            if (!(n >= 0)) return `bad pid '${item}'`;
            st.pids.push(n === 0 ? proc.pid : n);
          }
          continue;
        }
        case 's':
          st.secure = true;
          break;
        case 'S':
          st.cumulative = !st.cumulative;
          break;
        case 'u':
        case 'U': {
          if (selection) return 'conflicting process selection';
          selection = c;
          const v = value();
          if (v === undefined) return '-u missing name';
          const uid = accounts.resolveUser(v);
          if (uid === undefined) return 'Invalid user';
          st.user = { uid, real: c === 'U' };
          continue;
        }
        default:
          return `unknown argument '${c}'\nusage:\ttop${USAGE}`;
      }
      i++;
      // top skips the digits and punctuation that follow a letter (e.g. -d5 handled above, -n1).
      while (i < arg.length && '- ,.1234567890'.includes(arg[i]!)) i++;
    }
  }
  return undefined;
}

/** CPU use per pid between two frames, to compute %CPU. */
class History {
  private prev = new Map<number, number>();
  private prevAt: number | undefined;

  percent(procs: ProcInfo[], nowMs: number): Map<number, number> {
    const out = new Map<number, number>();
    const elapsed = this.prevAt === undefined ? 0 : nowMs - this.prevAt;
    for (const p of procs) {
      const before = this.prev.get(p.pid);
      out.set(p.pid, elapsed > 0 && before !== undefined ? ((p.cpuMs - before) * 100) / elapsed : 0);
    }
    this.prev = new Map(procs.map((p) => [p.pid, p.cpuMs]));
    this.prevAt = nowMs;
    return out;
  }
}

async function topMain(proc: Process): Promise<number> {
  const st: TopState = {
    delay: 3,
    loops: -1,
    batch: false,
    secure: false,
    cmdline: false,
    idle: true,
    cumulative: false,
    sort: 'cpu',
    reverse: false,
    showLoad: true,
    showTasks: true,
    showMem: true,
    cpuSum: true,
    maxTasks: 0,
    pids: [],
    user: undefined,
  };
  const accounts = await Accounts.load(proc);
  const err = await parseArgs(proc, proc.argv.slice(1), st, accounts);
  if (err) {
    await proc.err(`\ttop: ${err}\n\n`);
    return 1;
  }

  let term: RawTerminal | undefined;
  if (!st.batch) {
    term = RawTerminal.open(proc, 0);
    if (!term) {
      await proc.err('\ttop: failed tty get\n\n');
      return 1;
    }
  }

  let quit = false;
  let resized = false;
  let suspended = false;
  const endNow = () => {
    quit = true;
  };
  for (const sig of [SIG.INT, SIG.TERM, SIG.HUP, SIG.QUIT, SIG.PIPE]) proc.signal(sig, endNow);
  proc.signal(SIG.ALRM, () => {});
  proc.signal(SIG.WINCH, () => {
    resized = true;
  });
  if (!st.batch) {
    for (const sig of [SIG.TSTP, SIG.TTIN, SIG.TTOU]) proc.signal(sig, () => (suspended = true));
    proc.signal(SIG.CONT, () => (resized = true));
  }

  const history = new History();
  let cpuBefore: CpuTicks[] = [];
  let first = true;
  const out = (s: string) => proc.out(s);

  const frame = async (): Promise<void> => {
    const cols = st.batch ? (proc.ttyOf(1)?.cols ?? 80) : term!.cols;
    const rows = st.batch ? Infinity : term!.rows;
    const lines: string[] = [];
    if (st.showLoad) lines.push(`top -${await uptimeLine(proc)}`);
    const procs = readProcesses(proc, accounts);
    const mem = await readMeminfo(proc);
    if (st.showTasks) {
      lines.push(
        tasksLine({
          total: procs.length,
          running: procs.filter((p) => p.state === 'R').length,
          sleeping: procs.filter((p) => p.state === 'S' || p.state === 'D').length,
          stopped: procs.filter((p) => p.state === 'T').length,
          zombie: procs.filter((p) => p.state === 'Z').length,
        }),
      );
      let stat = '';
      try {
        stat = await proc.readFile('/proc/stat');
      } catch {
        throw new ProcUnavailable('/proc/stat');
      }
      const cpus = parseCpuLines(stat);
      const zero: CpuTicks = { u: 0, n: 0, s: 0, i: 0, w: 0, x: 0, y: 0 };
      if (st.cpuSum) lines.push(cpuLine('Cpu(s):', cpus[0] ?? zero, cpuBefore[0] ?? zero));
      else for (let i = 1; i < cpus.length; i++) lines.push(cpuLine(`Cpu${String(i - 1).padEnd(3)}:`, cpus[i]!, cpuBefore[i] ?? zero));
      cpuBefore = cpus;
    }
    if (st.showMem) lines.push(...memLines(mem));
    const msgRow = lines.length;
    const header = columnHeader(cols);
    const cpu = history.percent(procs, proc.kernel.clock.uptimeMs);
    let shown = procs.filter((p) => (st.idle || (p.state !== 'S' && p.state !== 'Z')) && (!st.pids.length || st.pids.includes(p.pid)));
    if (st.user) shown = shown.filter((p) => (st.user!.real ? p.uid : p.euid) === st.user!.uid);
    const key = (p: ProcInfo): number => {
      switch (st.sort) {
        case 'cpu':
          return cpu.get(p.pid) ?? 0;
        case 'mem':
          return p.rssKb;
        case 'pid':
          return p.pid;
        case 'time':
          return p.cpuMs;
      }
    };
    // Highest first (a stable sort keeps /proc order among equals); R reverses.
    shown = shown.map((p, i) => ({ p, i })).sort((a, b) => (st.reverse ? key(a.p) - key(b.p) : key(b.p) - key(a.p)) || a.i - b.i).map((x) => x.p);
    const maxLines = rows - msgRow - 1;
    let limit = Math.max(0, maxLines - 1);
    if (st.maxTasks > 0) limit = Math.min(limit, st.maxTasks);
    const taskRows = shown.slice(0, limit).map((p) =>
      taskRow(
        {
          pid: p.pid,
          user: p.user,
          pr: p.priority,
          ni: p.nice,
          virtKb: p.vszKb,
          resKb: p.rssKb,
          shrKb: p.shareKb,
          state: p.state,
          cpu: cpu.get(p.pid) ?? 0,
          mem: mem.total ? (p.rssKb * 100) / mem.total : 0,
          timeMs: p.cpuMs,
          command: st.cmdline ? (p.cmdline.length ? p.cmdline.join(' ') : `[${p.comm}]`) : p.comm + (p.state === 'Z' ? ' <defunct>' : ''),
        },
        cols,
      ),
    );
    if (st.batch) {
      let text = first ? '' : '\n\n';
      text += lines.map((l) => l + '\n').join('');
      text += '\n' + header + taskRows.map((r) => '\n' + r).join('') + '\n';
      await out(text);
    } else {
      let text = first ? ESC.clear : ESC.home;
      text += lines.map((l) => l.slice(0, cols) + ESC.clearEol + '\n').join('');
      text += ESC.clearEol + '\n' + ESC.reverse + header + ESC.normal + ESC.clearEol;
      text += taskRows.map((r) => '\n' + r).join('');
      if (taskRows.length + 1 < maxLines) text += '\n' + ESC.clearEos;
      text += ESC.goto(msgRow, 0) + ESC.clearEol;
      await out(text);
    }
    first = false;
    return;
  };

  /** A message on the message line for two seconds (show_msg). */
  const showMsg = async (msg: string, msgRow: number) => {
    await out(ESC.goto(msgRow, 0) + ESC.reverse + ' ' + msg.replace(/^\x07/, '') + ' ' + ESC.normal + ESC.clearEol);
    try {
      await proc.sleep(2000);
    } catch (e) {
      if (!isInterrupt(e)) throw e;
    }
  };
  const prompt = async (text: string, msgRow: number): Promise<string> => {
    await out(ESC.goto(msgRow, 0) + text + ': ');
    return ((await term!.readLine()) ?? '').trim();
  };
  const msgRowNow = () => Number(st.showLoad) + (st.showTasks ? 2 : 0) + (st.showMem ? 2 : 0);

  const handleKey = async (k: Key): Promise<void> => {
    if (k.kind !== 'char') return;
    const row = msgRowNow();
    switch (k.ch) {
      case 'q':
        quit = true;
        return;
      case 'h':
      case '?': {
        await out(ESC.clear + helpScreen({ delay: st.delay, cumulative: st.cumulative, secure: st.secure }));
        await term!.readKey();
        first = true;
        return;
      }
      case 'k': {
        if (st.secure) return showMsg('Unavailable in secure mode', row);
        const pidText = await prompt('PID to kill', row);
        const pid = /^-?\d+$/.test(pidText) ? Number(pidText) : pidText === '' ? -1 : NaN;
        if (Number.isNaN(pid)) return showMsg('Not valid', row);
        if (pid <= 0) return;
        const sigText = await prompt(`Kill PID ${pid} with signal [15]`, row);
        let sig = procpsSignal(sigText);
        if (sig === -1) sig = SIG.TERM;
        if (sig) {
          try {
            proc.kill(pid, sig);
          } catch (e) {
            if (!(e instanceof SyscallError)) throw e;
            return showMsg(`Kill of PID '${pid}' with '${sig}' failed: ${e.message}`, row);
          }
        }
        return;
      }
      case 'r': {
        if (st.secure) return showMsg('Unavailable in secure mode', row);
        const pidText = await prompt('PID to renice', row);
        if (pidText === '') return;
        if (!/^-?\d+$/.test(pidText)) return showMsg('Not valid', row);
        const pid = Number(pidText);
        if (pid <= 0) return;
        const valText = await prompt(`Renice PID ${pid} to value`, row);
        if (valText === '') return;
        if (!/^-?\d+$/.test(valText)) return showMsg('Not valid', row);
        try {
          setPriority(proc, 'process', pid, Number(valText));
        } catch (e) {
          if (!(e instanceof SyscallError)) throw e;
          return showMsg(`Renice of PID ${pid} to ${valText} failed: ${e.message}`, row);
        }
        return;
      }
      case 'd':
      case 's': {
        if (st.secure) return showMsg('Unavailable in secure mode', row);
        const v = await prompt(`Change delay from ${st.delay.toFixed(1)} to`, row);
        if (v === '') return;
        if (!/^[\d.,]+$/.test(v)) return showMsg('Not valid', row);
        st.delay = parseFloat(v);
        return;
      }
      case 'n':
      case '#': {
        const v = await prompt(`Maximum tasks = ${st.maxTasks}, change to (0 is unlimited)`, row);
        if (v === '') return;
        if (!/^-?\d+$/.test(v)) return showMsg('Not valid', row);
        if (Number(v) > -1) st.maxTasks = Number(v);
        return;
      }
      case 'u':
      case 'U': {
        const v = await prompt('Which user (blank for all)', row);
        if (v === '') {
          st.user = undefined;
          return;
        }
        const uid = accounts.resolveUser(v);
        if (uid === undefined) return showMsg('Invalid user', row);
        st.user = { uid, real: k.ch === 'U' };
        return;
      }
      case 'M':
        st.sort = 'mem';
        return;
      case 'P':
        st.sort = 'cpu';
        return;
      case 'N':
        st.sort = 'pid';
        return;
      case 'T':
        st.sort = 'time';
        return;
      case 'R':
        st.reverse = !st.reverse;
        return;
      case 'c':
        st.cmdline = !st.cmdline;
        return;
      case 'i':
        st.idle = !st.idle;
        return;
      case 'S':
        st.cumulative = !st.cumulative;
        return showMsg(`Cumulative time ${st.cumulative ? 'On' : 'Off'}`, row);
      case 'l':
        st.showLoad = !st.showLoad;
        first = true;
        return;
      case 't':
        st.showTasks = !st.showTasks;
        first = true;
        return;
      case 'm':
        st.showMem = !st.showMem;
        first = true;
        return;
      case '1':
        st.cpuSum = !st.cpuSum;
        first = true;
        return;
      case '=':
        st.maxTasks = 0;
        st.idle = true;
        st.pids = [];
        st.user = undefined;
        return;
      case 'W':
        return showMsg(`Wrote configuration to '${proc.env.HOME ?? ''}/.toprc'`, row);
      case '\n':
      case '\r':
      case ' ':
        return;
      case 'A': case 'a': case 'b': case 'B': case 'f': case 'F': case 'o': case 'O': case 'g': case 'G': case 'I': case 'w':
      case 'x': case 'y': case 'z': case 'Z': case '<': case '>': case '-': case '_': case '+':
        return; // windows, colours and field editing: accepted, nothing to change here
      default:
        return showMsg("Unknown command - try 'h' for help", row);
    }
  };

  try {
    if (term) term.enter();
    for (;;) {
      await frame();
      if (st.loops > 0) st.loops--;
      if (st.loops === 0 || quit) break;
      if (st.batch) {
        try {
          await proc.sleep(st.delay * 1000);
        } catch (e) {
          if (!isInterrupt(e)) throw e;
        }
        if (quit) break;
        continue;
      }
      // Wait for a key, at most `delay` seconds.
      const alarm = setAlarm(proc, Math.max(1, st.delay * 1000));
      try {
        const k = await term!.readKey();
        alarm.cancel();
        if (k === undefined) break;
        await handleKey(k);
      } catch (e) {
        alarm.cancel();
        if (!isInterrupt(e)) throw e;
      }
      if (quit) break;
      if (suspended) {
        suspended = false;
        await term!.suspend(ESC.goto(term!.rows, 0) + '\n');
        first = true;
      }
      if (resized) {
        resized = false;
        first = true;
      }
    }
  } catch (e) {
    if (e instanceof ProcUnavailable) {
      term?.restore();
      await proc.err(BAD_OPEN_MESSAGE);
      return BAD_OPEN_STATUS;
    }
    throw e;
  } finally {
    if (term) {
      term.restore();
      await out(ESC.goto(term.rows, 0) + '\n').catch(() => {});
    }
  }
  if (st.batch) await out('\n');
  return 0;
}

defineProgram({ name: 'top', main: topMain, vszKb: 2116, rssKb: 1020, options: ['-b', '-c', '-d', '-i', '-n', '-p', '-s', '-S', '-u', '-U', '-v', '-h'] });
