/**
 * /bin/bash: the shell program. Interactive when attached to a terminal (prompt, line editing,
 * history, job control); otherwise it runs `-c` strings and script files.
 */
import { SyscallError } from '../kernel/errno.js';
import { O_RDONLY } from '../kernel/file.js';
import type { Process } from '../kernel/process.js';
import { SIG } from '../kernel/signals.js';
import { defineProgram } from '../programs/registry.js';
import { completeLine } from './completion.js';
import { expandHistory } from './history-expansion.js';
import { ShellError, ShellExit } from './interpreter/control.js';
import { Interpreter, Interrupted } from './interpreter/execute.js';
import { JobTable } from './interpreter/jobs.js';
import { ShellState } from './interpreter/state.js';
import { parse } from './parser.js';
import { decodePrompt } from './prompt.js';
import { LineEditor } from './readline.js';

export const BASH_VERSION = '3.00.15(1)-release';

interface BashArgs {
  command?: string;
  script?: string;
  /** set-style options given before the script or -c (bash -x script). */
  setOptions: string[];
  /** Positional parameters: what follows the script or -c's command. */
  args: string[];
  interactive: boolean;
  login: boolean;
  noRc: boolean;
  noProfile: boolean;
  version: boolean;
}

function parseArgs(argv: string[]): BashArgs | string {
  const a: BashArgs = { setOptions: [], args: [], interactive: false, login: argv[0]?.startsWith('-') ?? false, noRc: false, noProfile: false, version: false };
  let i = 1;
  for (; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '-c') {
      a.command = argv[++i];
      if (a.command === undefined) return '-c: option requires an argument';
      i++;
      break;
    }
    if (arg === '-i') a.interactive = true;
    // bash takes its long options with one dash too: `bash -login` (vserver … enter) is a login shell.
    else if (arg === '-l' || arg === '--login' || arg === '-login') a.login = true;
    else if (arg === '--norc') a.noRc = true;
    else if (arg === '--noprofile') a.noProfile = true;
    else if (arg === '--version') a.version = true;
    else if (arg === '-s') {
      i++;
      break;
    } else if (arg === '--') {
      i++;
      break;
    } else if (/^-[a-zA-Z]+$/.test(arg) || /^\+[a-zA-Z]+$/.test(arg)) {
      // set-style options (bash -x script): applied after start-up
      a.setOptions.push(arg);
    } else if (arg.startsWith('--')) return `${arg}: invalid option`;
    else break;
  }
  const rest = argv.slice(i);
  if (a.command === undefined && rest.length > 0) {
    a.script = rest[0];
    a.args = rest.slice(1);
  } else a.args = rest;
  return a;
}

export function parseShell(sh: Interpreter, text: string, final = false) {
  return parse(text, { aliases: (name: string) => sh.state.aliases.get(name), final });
}

function initialState(proc: Process, args: BashArgs): ShellState {
  const st = new ShellState();
  for (const [name, value] of Object.entries(proc.env)) st.vars.set(name, { value, exported: true, readonly: false });
  const cred = proc.task.cred;
  const set = (name: string, value: string) => st.vars.set(name, { value, exported: st.vars.get(name)?.exported ?? false, readonly: false });
  set('BASH', '/bin/bash');
  set('BASH_VERSION', BASH_VERSION);
  set('HOSTNAME', proc.uname().nodename);
  set('HOSTTYPE', 'i686');
  set('OSTYPE', 'linux-gnu');
  set('MACHTYPE', 'i686-redhat-linux-gnu');
  set('PPID', String(proc.task.ppid));
  st.vars.set('UID', { value: String(cred.uid), exported: false, readonly: true });
  st.vars.set('EUID', { value: String(cred.euid), exported: false, readonly: true });
  set('IFS', ' \t\n');
  set('PS2', '> ');
  set('PS4', '+ ');
  if (!st.vars.has('PS1')) set('PS1', '\\s-\\v\\$ ');
  if (!st.vars.has('PATH')) set('PATH', '/usr/local/bin:/bin:/usr/bin');
  if (!st.vars.has('HOME')) set('HOME', '/');
  st.vars.set('SHLVL', { value: String(Number(proc.env.SHLVL ?? '0') + 1), exported: true, readonly: false });
  try {
    const cwd = proc.fs.getcwd();
    st.vars.set('PWD', { value: proc.env.PWD && proc.env.PWD.startsWith('/') ? cwd : cwd, exported: true, readonly: false });
  } catch {
    /* no filesystem */
  }
  st.arg0 = args.script ?? (args.login ? '-bash' : 'bash');
  st.options.login = args.login;
  st.umask = proc.task.fs.umask;
  st.shellPid = proc.pid;
  return st;
}

async function readScript(proc: Process, path: string): Promise<string> {
  const fd = proc.open(path, O_RDONLY);
  try {
    return await proc.readAll(fd);
  } finally {
    proc.close(fd);
  }
}

async function sourceIfReadable(sh: Interpreter, path: string): Promise<void> {
  try {
    sh.proc.fs.access(path, 4);
  } catch {
    return;
  }
  await sh.evalText(`. ${path}`);
}

async function bashMain(proc: Process): Promise<number> {
  const args = parseArgs(proc.argv);
  if (typeof args === 'string') {
    await proc.err(`bash: ${args}\nUsage:\tbash [GNU long option] [option] ...\n\tbash [GNU long option] [option] script-file ...\n`);
    return 2;
  }
  if (args.version) {
    await proc.out(`GNU bash, version ${BASH_VERSION} (i386-redhat-linux-gnu)\nCopyright (C) 2004 Free Software Foundation, Inc.\n`);
    return 0;
  }
  const state = initialState(proc, args);
  const jobs = new JobTable();
  const sh: Interpreter = new Interpreter(proc, state, jobs, { parse: (text) => parseShell(sh, text, true) });
  const interactive = args.interactive || (args.command === undefined && args.script === undefined && proc.isatty(0) && proc.isatty(2));
  state.options.interactive = interactive;
  await sh.expander.loadPasswd();
  // Options before the script apply to the shell; the script's own arguments (-m, -j…) are its business.
  for (const opt of args.setOptions) await sh.evalText(`set ${opt}`);
  const positional = args.args;
  state.positional = positional;

  try {
    if (interactive) {
      state.options.monitor = true;
      state.options.histexpand = true;
      setUpJobControl(sh);
    }
    if (args.login && !args.noProfile) {
      await sourceIfReadable(sh, '/etc/profile');
      const home = state.get('HOME');
      if (home) await sourceIfReadable(sh, `${home}/.bash_profile`);
    } else if (interactive && !args.noRc) {
      const home = state.get('HOME');
      if (home) await sourceIfReadable(sh, `${home}/.bashrc`);
    }
    if (args.command !== undefined) {
      if (positional.length) {
        state.arg0 = positional[0]!;
        state.positional = positional.slice(1);
      }
      return await runNonInteractive(sh, args.command);
    }
    if (args.script !== undefined) {
      let text: string;
      try {
        text = await readScript(proc, args.script);
      } catch (e) {
        if (e instanceof SyscallError) {
          await proc.err(`bash: ${args.script}: ${e.message}\n`);
          return 127;
        }
        throw e;
      }
      state.scriptErrors = true;
      return await runNonInteractive(sh, text.replace(/^#![^\n]*/, ''));
    }
    if (interactive) return await interactiveLoop(sh);
    return await runNonInteractive(sh, await proc.readAll(0));
  } catch (e) {
    if (e instanceof ShellExit) return runExitTrap(sh, e.status);
    throw e;
  }
}

async function runExitTrap(sh: Interpreter, status: number): Promise<number> {
  const action = sh.state.traps.get(0);
  if (action) {
    sh.state.traps.delete(0);
    try {
      await sh.evalText(action);
    } catch (e) {
      if (!(e instanceof ShellExit)) throw e;
    }
  }
  return status;
}

function setUpJobControl(sh: Interpreter): void {
  const proc = sh.proc;
  try {
    if (proc.task.pgid !== proc.pid) proc.setpgid(0, 0);
    proc.tcsetpgrp(0, proc.task.pgid);
  } catch {
    sh.state.options.monitor = false;
  }
  for (const sig of [SIG.TSTP, SIG.TTIN, SIG.TTOU, SIG.QUIT, SIG.TERM]) proc.signal(sig, 'ignore');
  proc.signal(SIG.INT, () => {
    sh.interrupted = true;
  });
}

/** A script or -c string: parse it all, then run (errors say "line N"). */
async function runNonInteractive(sh: Interpreter, text: string): Promise<number> {
  const parsed = parseShell(sh, text, true);
  if (parsed.kind === 'error') {
    const line = parsed.position?.line ?? 1;
    sh.state.lineNumber = line;
    await sh.error(parsed.message);
    const source = text.split('\n')[line - 1];
    if (sh.state.arg0 !== 'bash' && source !== undefined) await sh.error(`\`${source.trim()}'`);
    return runExitTrap(sh, 2);
  }
  if (parsed.kind === 'incomplete') {
    await sh.error('syntax error: unexpected end of file');
    return runExitTrap(sh, 2);
  }
  try {
    const status = await sh.runScript(parsed.script, text);
    return runExitTrap(sh, status);
  } catch (e) {
    if (e instanceof ShellExit) return runExitTrap(sh, e.status);
    if (e instanceof ShellError) {
      await sh.error(e.message);
      return runExitTrap(sh, e.status);
    }
    throw e;
  }
}

function promptContext(sh: Interpreter) {
  const proc = sh.proc;
  const user = sh.state.get('USER') ?? (proc.task.cred.uid === 0 ? 'root' : String(proc.task.cred.uid));
  return {
    user,
    uid: proc.task.cred.euid,
    hostname: proc.uname().nodename,
    cwd: sh.state.get('PWD') ?? '/',
    home: sh.state.get('HOME'),
    now: proc.time(),
    shellName: 'bash',
  };
}

async function interactiveLoop(sh: Interpreter): Promise<number> {
  const editor = new LineEditor(sh.proc, sh.history, (line, cursor) => completeLine(sh, line, cursor));
  let buffer = '';
  let warnedStoppedJobs = false;
  for (;;) {
    if (buffer === '') {
      try {
        await sh.notifyJobs();
        await sh.runPendingTraps();
      } catch (e) {
        if (!(e instanceof Interrupted)) throw e;
      }
    }
    sh.interrupted = false;
    const ps = buffer === '' ? (sh.state.get('PS1') ?? '$ ') : (sh.state.get('PS2') ?? '> ');
    const prompt = decodePrompt(ps, promptContext(sh));
    const r = await editor.readLine(prompt);
    if (r.kind === 'interrupted') {
      buffer = '';
      sh.state.lastStatus = 130;
      continue;
    }
    if (r.kind === 'eof') {
      if (buffer !== '') {
        await sh.error('syntax error: unexpected end of file');
        buffer = '';
        continue;
      }
      if (!warnedStoppedJobs && sh.jobs.all().some((j) => j.state === 'stopped')) {
        warnedStoppedJobs = true;
        await sh.proc.err('There are stopped jobs.\n');
        continue;
      }
      await sh.proc.err(sh.state.options.login ? 'logout\n' : 'exit\n');
      return runExitTrap(sh, sh.state.lastStatus);
    }
    let line = r.text;
    if (sh.state.options.histexpand) {
      const h = expandHistory(line, sh.history);
      if (h.kind === 'error') {
        await sh.error(h.message);
        continue;
      }
      if (h.kind === 'expanded') {
        line = h.line;
        await sh.proc.out(line + '\n');
      }
    }
    buffer = buffer === '' ? line : `${buffer}\n${line}`;
    const parsed = parseShell(sh, buffer);
    if (parsed.kind === 'incomplete') continue;
    const text = buffer;
    buffer = '';
    if (text.trim() !== '' && sh.history[sh.history.length - 1] !== text && !/^\s/.test(text)) sh.history.push(text.replace(/\n/g, text.includes('<<') ? '\n' : '; ').replace(/(do|then|else|\{);/g, '$1'));
    if (parsed.kind === 'error') {
      await sh.error(parsed.message);
      sh.state.lastStatus = 2;
      continue;
    }
    try {
      sh.state.lastStatus = await sh.runScript(parsed.script, text);
    } catch (e) {
      if (e instanceof Interrupted) {
        await sh.proc.err('\n');
        sh.state.lastStatus = 130;
        continue;
      }
      if (e instanceof ShellExit) {
        if (sh.jobs.all().some((j) => j.state === 'stopped') && !warnedStoppedJobs) {
          warnedStoppedJobs = true;
          await sh.proc.err('There are stopped jobs.\n');
          continue;
        }
        return runExitTrap(sh, e.status);
      }
      if (e instanceof ShellError) {
        await sh.error(e.message);
        sh.state.lastStatus = e.status;
        continue;
      }
      throw e;
    }
  }
}

defineProgram({ name: 'bash', main: bashMain, vszKb: 4604, rssKb: 1456, options: ['--login', '--norc', '--noprofile', '--version', '-c', '-i', '-l', '-x'] });
