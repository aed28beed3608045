/**
 * The shell interpreter: runs the syntax tree against the emulated kernel. Builtins and
 * functions run in the shell's own task; programs run in forked children, grouped into jobs when
 * job control is on, exactly as bash does it, so ps, kill and Ctrl-Z see the real structure.
 */
import { SyscallError } from '../../kernel/errno.js';
import { O_APPEND, O_CREAT, O_RDONLY, O_RDWR, O_TRUNC, O_WRONLY } from '../../kernel/file.js';
import { stringFile } from '../../kernel/memory-file.js';
import type { Process } from '../../kernel/process.js';
import { SIG, signalDescription } from '../../kernel/signals.js';
import type { WaitStatus } from '../../kernel/task.js';
import { isTermination } from '../../kernel/termination.js';
import type { AndOr, Command, List, Pipeline, Redirect, Script, SimpleCommand } from '../ast.js';
import type { Word } from '../word.js';
import { findBuiltin, type Builtin } from './builtins/index.js';
import { lookupCommand } from './command-lookup.js';
import { BreakLoop, ContinueLoop, ReturnFromFunction, ShellError, ShellExit } from './control.js';
import { Expander } from './expansion.js';
import { JobTable, type Job } from './jobs.js';
import { evaluateCondition } from './conditional.js';
import type { ShellState } from './state.js';

/** Thrown when Ctrl-C interrupts what the shell itself is running (a loop, a builtin). */
export class Interrupted {}

export interface ShellHooks {
  /** Parse and run text in this shell (eval, source, trap actions, PROMPT_COMMAND). */
  parse(text: string): { kind: 'ok'; script: Script } | { kind: 'error'; message: string } | { kind: 'incomplete' };
}

export class Interpreter {
  readonly expander: Expander;
  /** The text being executed, to name jobs after their source ("sleep 1000"). */
  source = '';
  /** Set by the SIGINT handler of an interactive shell. */
  interrupted = false;
  /** Command history of an interactive shell (shared with the line editor). */
  history: string[] = [];
  /** Signals caught by `trap`, waiting to run their action at the next command boundary. */
  pendingTraps: number[] = [];
  /** Descriptors saved by redirections of builtins, restored afterwards (fds ≥ 10). */
  private static readonly SAVE_FD_BASE = 10;

  constructor(
    readonly proc: Process,
    readonly state: ShellState,
    readonly jobs: JobTable,
    readonly hooks: ShellHooks,
  ) {
    this.expander = new Expander(this);
  }

  /** bash's prefix for error messages: "bash: " at the prompt and for -c, "script: line 3: " in scripts. */
  errorPrefix(): string {
    if (this.state.scriptErrors && this.state.sourceDepth === 0) return `${this.state.arg0}: line ${this.state.lineNumber}: `;
    return 'bash: ';
  }

  async error(message: string): Promise<void> {
    await this.proc.err(`${this.errorPrefix()}${message}\n`);
  }

  // ----- lists --------------------------------------------------------------------------------

  async runScript(script: Script, source: string): Promise<number> {
    const saved = this.source;
    this.source = source;
    try {
      return await this.runList(script.body);
    } finally {
      this.source = saved;
    }
  }

  async runList(list: List): Promise<number> {
    let status = this.state.lastStatus;
    for (const item of list) {
      this.state.lineNumber = item.pos.line;
      if (item.background) {
        status = await this.runBackground(item.command, this.textOf(item.pos.offset, item.command));
      } else {
        status = await this.runAndOr(item.command);
      }
      this.state.lastStatus = status;
    }
    return status;
  }

  /** Source text of an and-or list, for job names. */
  private textOf(start: number, ao: AndOr): string {
    const last = ao.rest.length ? ao.rest[ao.rest.length - 1]!.pipeline : ao.first;
    const lastCmd: Command = last.commands[last.commands.length - 1]!;
    let end = lastCmd.type === 'SimpleCommand' ? lastCmd.end : this.source.length;
    if (lastCmd.type !== 'SimpleCommand') {
      const amp = this.source.indexOf('&', lastCmd.pos.offset);
      if (amp >= 0) end = amp;
    }
    return this.source.slice(start, end).trim().replace(/\s*&$/, '');
  }

  async runAndOr(ao: AndOr): Promise<number> {
    let status = await this.runPipeline(ao.first);
    for (const { op, pipeline } of ao.rest) {
      this.state.lastStatus = status;
      if ((op === '&&' && status !== 0) || (op === '||' && status === 0)) continue;
      status = await this.runPipeline(pipeline);
    }
    return status;
  }

  private async runBackground(ao: AndOr, text: string): Promise<number> {
    const monitor = this.state.options.monitor;
    let pid: number;
    try {
      pid = await this.forkWithRetry(
        async (child) => {
          const sub = this.subshell(child);
          if (!monitor) {
            // Without job control a background job must not read the terminal.
            try {
              const fd = child.open('/dev/null', O_RDONLY);
              child.dup2(fd, 0);
              child.close(fd);
            } catch {
              /* no /dev/null: keep stdin */
            }
          }
          // `cmd &` for a lone command: the background child becomes the command (exec), as in bash.
          if (ao.rest.length === 0 && ao.first.commands.length === 1 && !ao.first.negated) {
            try {
              return await sub.runCommand(ao.first.commands[0]!, true);
            } catch (e) {
              return sub.exitStatusOf(e);
            }
          }
          return sub.runAndOrAsChild(ao);
        },
        monitor ? 0 : undefined,
      );
    } catch (e) {
      if (e instanceof ShellError) {
        await this.error(e.message);
        return e.status;
      }
      throw e;
    }
    this.state.lastBackgroundPid = pid;
    const job = this.jobs.add(monitor ? pid : this.proc.task.pgid, [pid], text, true);
    if (this.state.options.interactive) await this.proc.err(`[${job.id}] ${pid}\n`);
    return 0;
  }

  /** A copy of this shell in a forked child (subshells, pipeline members, background jobs). */
  subshell(child: Process): Interpreter {
    const state = this.state.clone();
    state.options.interactive = false;
    state.options.monitor = false;
    const sub = new Interpreter(child, state, new JobTable(), this.hooks);
    sub.source = this.source;
    // A child of an interactive shell gets default signal handling back.
    for (const sig of [SIG.INT, SIG.QUIT, SIG.TSTP, SIG.TTIN, SIG.TTOU, SIG.TERM]) child.task.dispositions.delete(sig);
    return sub;
  }

  private async runAndOrAsChild(ao: AndOr): Promise<number> {
    try {
      return await this.runAndOr(ao);
    } catch (e) {
      return this.exitStatusOf(e);
    }
  }

  /** What a forked shell exits with when control flow escapes it. */
  exitStatusOf(e: unknown): number {
    if (e instanceof ShellExit) return e.status;
    if (e instanceof ReturnFromFunction) return e.status;
    if (e instanceof BreakLoop || e instanceof ContinueLoop) return 0;
    if (e instanceof Interrupted) return 130;
    throw e;
  }

  // ----- pipelines and jobs -----------------------------------------------------------------------

  async runPipeline(p: Pipeline): Promise<number> {
    let status: number;
    if (p.commands.length === 1 && !this.needsFork(p.commands[0]!)) {
      status = await this.runCommand(p.commands[0]!, false);
    } else {
      status = await this.runForeground(p);
    }
    if (p.negated) status = status === 0 ? 1 : 0;
    this.state.lastStatus = status;
    if (this.state.options.errexit && status !== 0 && !p.negated) throw new ShellExit(status);
    return status;
  }

  /** Only external commands and subshells need a child of their own when alone in a pipeline. */
  private needsFork(cmd: Command): boolean {
    return cmd.type === 'Subshell' || (cmd.type === 'SimpleCommand' && cmd.words.length > 0 && this.isExternal(cmd));
  }

  private isExternal(cmd: SimpleCommand): boolean {
    const first = cmd.words[0]!;
    // Decided on the literal text when possible; an expanded name is resolved at run time.
    const name = first.parts.every((part) => part.type === 'Literal' || part.type === 'SingleQuoted' || part.type === 'Escaped')
      ? first.parts.map((part) => ('value' in part ? part.value : '')).join('')
      : undefined;
    if (name === undefined) return false;
    return !this.state.functions.has(name) && !findBuiltin(name);
  }

  private async forkWithRetry(body: (child: Process) => Promise<number>, pgid: number | undefined, setup?: (child: Process) => void): Promise<number> {
    for (let attempt = 0; ; attempt++) {
      try {
        return this.proc.fork(body, { pgid, fds: setup });
      } catch (e) {
        if (!(e instanceof SyscallError) || e.code !== 'EAGAIN') throw e;
        if (attempt >= 3) throw new ShellError('fork: Resource temporarily unavailable', 254);
        await this.error('fork: retry: Resource temporarily unavailable');
        await this.proc.sleep(1000 * (attempt + 1));
        if (this.interrupted) throw new Interrupted();
      }
    }
  }

  /** Run a pipeline in children, as one foreground job, and wait for it. */
  private async runForeground(p: Pipeline): Promise<number> {
    await this.reapFinishedJobs();
    const monitor = this.state.options.monitor;
    const pids: number[] = [];
    let pgid = 0;
    let inputFd: number | undefined;
    const text = this.source.slice(p.pos.offset, this.pipelineEnd(p)).trim();
    try {
      for (let i = 0; i < p.commands.length; i++) {
        const cmd = p.commands[i]!;
        const last = i === p.commands.length - 1;
        let pipeR: number | undefined;
        let pipeW: number | undefined;
        if (!last) [pipeR, pipeW] = this.proc.pipe();
        const stdinFd = inputFd;
        const stderrToo = !last && p.ops[i] === '|&';
        const pid = await this.forkWithRetry(
          async (child) => {
            if (stdinFd !== undefined) {
              child.dup2(stdinFd, 0);
              child.close(stdinFd);
            }
            if (pipeW !== undefined) {
              child.dup2(pipeW, 1);
              if (stderrToo) child.dup2(pipeW, 2);
              child.close(pipeW);
              child.close(pipeR!);
            }
            const sub = this.subshell(child);
            try {
              return await sub.runCommand(cmd, true);
            } catch (e) {
              return sub.exitStatusOf(e);
            }
          },
          monitor ? pgid : undefined,
        );
        if (monitor && pgid === 0) {
          pgid = pid;
          this.giveTerminal(pgid);
        }
        pids.push(pid);
        if (stdinFd !== undefined) this.proc.close(stdinFd);
        if (pipeW !== undefined) this.proc.close(pipeW);
        inputFd = pipeR;
      }
    } catch (e) {
      if (inputFd !== undefined) this.proc.close(inputFd);
      if (e instanceof ShellError) {
        await this.error(e.message);
        if (pids.length === 0) return e.status;
      } else throw e;
    }
    const job = this.jobs.add(monitor ? pgid : this.proc.task.pgid, pids, text, false);
    return this.waitForJob(job);
  }

  private pipelineEnd(p: Pipeline): number {
    const lastCmd: Command = p.commands[p.commands.length - 1]!;
    return lastCmd.type === 'SimpleCommand' ? lastCmd.end : this.source.length;
  }

  giveTerminal(pgid: number): void {
    if (!this.state.options.monitor) return;
    try {
      this.proc.tcsetpgrp(0, pgid);
    } catch {
      /* not a terminal */
    }
  }

  /** Wait until every process of a foreground job ended or it stopped; report like bash. */
  async waitForJob(job: Job): Promise<number> {
    const monitor = this.state.options.monitor;
    try {
      while (job.state === 'running') {
        const pending = job.pids.find((pid) => !job.statuses.has(pid) || job.statuses.get(pid)!.kind === 'stopped');
        if (pending === undefined) break;
        const r = await this.proc.waitpid(pending, { untraced: monitor });
        if (!r) break;
        this.jobs.update(r.pid, r.status);
      }
    } catch (e) {
      if (!(e instanceof SyscallError && e.code === 'ECHILD')) throw e;
      job.state = 'done';
    } finally {
      this.giveTerminal(this.proc.task.pgid);
    }
    const last = job.lastStatus ?? job.statuses.get(job.pids[job.pids.length - 1]!);
    if (job.state === 'stopped') {
      job.background = true;
      job.notified = true;
      await this.proc.err(`\n${this.jobs.format(job)}\n`);
      return 128 + (last?.kind === 'stopped' ? last.signal : SIG.TSTP);
    }
    this.jobs.remove(job);
    if (this.state.options.pipefail) {
      for (const pid of [...job.pids].reverse()) {
        const code = statusCode(job.statuses.get(pid));
        if (code !== 0) return code;
      }
    }
    if (last?.kind === 'signaled') {
      if (last.signal === SIG.INT) {
        // The interactive loop prints the newline after ^C when it catches Interrupted.
        this.interrupted = this.state.options.interactive || this.interrupted;
      } else if (last.signal !== SIG.PIPE) {
        await this.proc.err(`${signalDescription(last.signal)}${last.coreDumped ? ' (core dumped)' : ''}\n`);
      }
    }
    const code = statusCode(last);
    if (this.interrupted && this.state.options.interactive) throw new Interrupted();
    return code;
  }

  /**
   * An interactive bash reaps its children as SIGCHLD arrives, so a killed background job is no
   * zombie by the next command; the "Terminated" notice still waits for the prompt.
   */
  private async reapFinishedJobs(): Promise<void> {
    if (this.state.options.interactive && this.jobs.size > 0) await this.reapChildren();
  }

  /** Reap children without printing (the `jobs` builtin prints the table itself). */
  async notifyJobsQuietly(): Promise<void> {
    await this.reapChildren();
  }

  private async reapChildren(): Promise<void> {
    for (;;) {
      let r;
      try {
        r = await this.proc.waitpid(-1, { noHang: true, untraced: true });
      } catch (e) {
        if (e instanceof SyscallError && e.code === 'ECHILD') break;
        throw e;
      }
      if (!r) break;
      this.jobs.update(r.pid, r.status);
    }
  }

  /** Run the actions of caught signals (`trap 'echo hi' USR1`). */
  async runPendingTraps(): Promise<void> {
    while (this.pendingTraps.length) {
      const sig = this.pendingTraps.shift()!;
      const action = this.state.traps.get(sig);
      if (action) {
        const saved = this.state.lastStatus;
        await this.evalText(action);
        this.state.lastStatus = saved;
      }
    }
  }

  /** Reap finished background jobs and tell the user, as bash does before a prompt. */
  async notifyJobs(): Promise<void> {
    await this.reapChildren();
    for (const job of this.jobs.all()) {
      if (job.notified) continue;
      job.notified = true;
      if (this.state.options.interactive) await this.proc.err(this.jobs.format(job) + '\n');
      if (job.state === 'done') this.jobs.remove(job);
    }
  }

  // ----- commands -------------------------------------------------------------------------------

  /**
   * Run one command. `inChild` means this shell is already a forked child that exists only for
   * this command, so an external program replaces it (exec) instead of forking once more.
   */
  async runCommand(cmd: Command, inChild: boolean): Promise<number> {
    if (this.interrupted) throw new Interrupted();
    switch (cmd.type) {
      case 'SimpleCommand':
        return this.runSimple(cmd, inChild);
      case 'FunctionDef':
        this.state.functions.set(cmd.name, cmd);
        return 0;
      case 'Subshell':
        if (inChild) return this.withRedirects(cmd.redirects, () => this.runList(cmd.body));
        return this.runInSubshell(cmd.redirects, (sub) => sub.runList(cmd.body));
      default:
        return this.withRedirects(cmd.redirects, () => this.runCompound(cmd));
    }
  }

  private async runInSubshell(redirects: Redirect[], body: (sub: Interpreter) => Promise<number>): Promise<number> {
    const monitor = this.state.options.monitor;
    const pid = await this.forkWithRetry(async (child) => {
      const sub = this.subshell(child);
      try {
        return await sub.withRedirects(redirects, () => body(sub));
      } catch (e) {
        return sub.exitStatusOf(e);
      }
    }, monitor ? 0 : undefined);
    if (monitor) this.giveTerminal(pid);
    const job = this.jobs.add(monitor ? pid : this.proc.task.pgid, [pid], '( … )', false);
    return this.waitForJob(job);
  }

  private async runCompound(cmd: Exclude<Command, SimpleCommand | { type: 'FunctionDef' } | { type: 'Subshell' }>): Promise<number> {
    switch (cmd.type) {
      case 'Group':
        return this.runList(cmd.body);
      case 'If': {
        for (const clause of cmd.clauses) {
          if ((await this.runCondition(clause.condition)) === 0) return this.runList(clause.body);
        }
        return cmd.elseBody ? this.runList(cmd.elseBody) : 0;
      }
      case 'While': {
        let status = 0;
        this.state.loopDepth++;
        try {
          for (;;) {
            await this.checkpoint();
            const c = await this.runCondition(cmd.condition);
            if (cmd.until ? c === 0 : c !== 0) break;
            const r = await this.loopBody(cmd.body);
            if (r === 'break') break;
            status = this.state.lastStatus;
          }
        } finally {
          this.state.loopDepth--;
        }
        return status;
      }
      case 'For': {
        const values = cmd.words ? await this.expander.words(cmd.words) : [...this.state.positional];
        let status = 0;
        this.state.loopDepth++;
        try {
          for (const value of values) {
            await this.checkpoint();
            this.assign(cmd.variable, value);
            const r = await this.loopBody(cmd.body);
            status = this.state.lastStatus;
            if (r === 'break') break;
          }
        } finally {
          this.state.loopDepth--;
        }
        return status;
      }
      case 'ArithFor': {
        let status = 0;
        this.state.loopDepth++;
        try {
          if (cmd.init) await this.expander.arithmetic(cmd.init);
          for (;;) {
            await this.checkpoint();
            if (cmd.test && (await this.expander.arithmetic(cmd.test)) === 0n) break;
            const r = await this.loopBody(cmd.body);
            status = this.state.lastStatus;
            if (r === 'break') break;
            if (cmd.update) await this.expander.arithmetic(cmd.update);
          }
        } finally {
          this.state.loopDepth--;
        }
        return status;
      }
      case 'Select':
        await this.error('select: not supported in this shell');
        return 1;
      case 'Case': {
        const subject = await this.expander.single(cmd.subject);
        let fallthrough = false;
        for (let i = 0; i < cmd.items.length; i++) {
          const item = cmd.items[i]!;
          let matched = fallthrough;
          if (!matched) {
            for (const pattern of item.patterns) {
              if (await this.expander.matches(subject, pattern)) {
                matched = true;
                break;
              }
            }
          }
          if (!matched) continue;
          const status = await this.runList(item.body);
          if (item.terminator === ';;') return status;
          fallthrough = item.terminator === ';&';
          if (!fallthrough && i === cmd.items.length - 1) return status;
        }
        return 0;
      }
      case 'ArithCommand': {
        try {
          return (await this.expander.arithmetic(cmd.expression)) !== 0n ? 0 : 1;
        } catch (e) {
          if (e instanceof ShellError) {
            await this.error(e.message);
            return 1;
          }
          throw e;
        }
      }
      case 'TestCommand':
        try {
          return (await evaluateCondition(this, cmd.expression)) ? 0 : 1;
        } catch (e) {
          if (e instanceof ShellError) {
            await this.error(e.message);
            return 2;
          }
          throw e;
        }
    }
  }

  /** Conditions of if/while do not trigger errexit. */
  private async runCondition(list: List): Promise<number> {
    const errexit = this.state.options.errexit;
    this.state.options.errexit = false;
    try {
      return await this.runList(list);
    } finally {
      this.state.options.errexit = errexit;
    }
  }

  private async loopBody(body: List): Promise<'break' | 'next'> {
    try {
      await this.runList(body);
      return 'next';
    } catch (e) {
      if (e instanceof BreakLoop) {
        if (--e.levels > 0) throw e;
        return 'break';
      }
      if (e instanceof ContinueLoop) {
        if (--e.levels > 0) throw e;
        return 'next';
      }
      throw e;
    }
  }

  /** A preemption point: signals, Ctrl-C, a turn for the host. */
  async checkpoint(): Promise<void> {
    await this.proc.checkpoint();
    if (this.interrupted) throw new Interrupted();
    if (this.pendingTraps.length) await this.runPendingTraps();
  }

  // ----- simple commands ------------------------------------------------------------------------

  assign(name: string, value: string, exported = false): void {
    if (!this.state.set(name, value, { exported })) throw new ShellError(`${name}: readonly variable`);
  }

  private async runSimple(cmd: SimpleCommand, inChild: boolean): Promise<number> {
    await this.checkpoint();
    let argv: string[];
    const assignments: [string, string][] = [];
    try {
      for (const a of cmd.assignments) assignments.push([a.name, await this.expander.assignmentValue(a)]);
      argv = await this.expander.words(cmd.words);
    } catch (e) {
      if (e instanceof ShellError) {
        await this.error(e.message);
        if (!this.state.options.interactive) throw new ShellExit(e.status);
        return e.status;
      }
      throw e;
    }
    if (this.state.options.xtrace) {
      const ps4 = this.state.get('PS4') ?? '+ ';
      const shown = [...assignments.map(([n, v]) => `${n}=${v}`), ...argv].join(' ');
      await this.proc.err(`${ps4}${shown}\n`);
    }
    if (argv.length === 0) {
      // Assignments alone set shell variables; redirections alone open (and truncate) files.
      try {
        for (const [name, value] of assignments) this.assign(name, value);
      } catch (e) {
        if (e instanceof ShellError) {
          await this.error(e.message);
          return 1;
        }
        throw e;
      }
      const status = this.expander.lastSubstitutionStatus ?? 0;
      return this.withRedirects(cmd.redirects, async () => status);
    }
    const name = argv[0]!;
    const fn = this.state.functions.get(name);
    if (fn) return this.withTemporaryAssignments(assignments, () => this.withRedirects(cmd.redirects, () => this.callFunction(fn, argv)));
    const builtin = findBuiltin(name);
    // `exec 3>&1` with no command: the redirections stay for the rest of the shell's life.
    if (name === 'exec' && argv.length === 1) return this.withRedirects(cmd.redirects, async () => 0, false);
    if (builtin) {
      const run = () => this.withRedirects(cmd.redirects, () => this.runBuiltin(builtin, argv));
      return builtin.special ? (this.persistAssignments(assignments), run()) : this.withTemporaryAssignments(assignments, run);
    }
    const found = lookupCommand(this.proc, this.state, name);
    if (found.kind === 'error') {
      // Redirections are still performed (and may fail first), as in bash.
      return this.withRedirects(cmd.redirects, async () => {
        await this.error(found.message);
        return found.status;
      });
    }
    const env = { ...this.state.environment(), ...Object.fromEntries(assignments) };
    if (inChild) {
      return this.withRedirects(cmd.redirects, () => this.execProgram(this.proc, found.path, argv, env), false);
    }
    await this.reapFinishedJobs();
    const monitor = this.state.options.monitor;
    let pid: number;
    try {
      pid = await this.forkWithRetry(async (child) => {
        const sub = this.subshell(child);
        try {
          return await sub.withRedirects(cmd.redirects, () => sub.execProgram(child, found.path, argv, env), false);
        } catch (e) {
          if (isTermination(e)) throw e;
          return sub.exitStatusOf(e);
        }
      }, monitor ? 0 : undefined);
    } catch (e) {
      if (e instanceof ShellError) {
        await this.error(e.message);
        return e.status;
      }
      throw e;
    }
    if (monitor) this.giveTerminal(pid);
    const text = this.source.slice(cmd.pos.offset, cmd.end).trim();
    const job = this.jobs.add(monitor ? pid : this.proc.task.pgid, [pid], text, false);
    return this.waitForJob(job);
  }

  /** exec() in a child, with bash's words when it fails ("cannot execute binary file"). */
  async execProgram(proc: Process, path: string, argv: string[], env: Record<string, string>): Promise<number> {
    try {
      return await proc.exec(path, argv, env);
    } catch (e) {
      if (!(e instanceof SyscallError)) throw e;
      await this.error(e.code === 'ENOEXEC' ? `${path}: cannot execute binary file` : `${path}: ${e.message}`);
      return e.code === 'ENOENT' ? 127 : 126;
    }
  }

  private persistAssignments(assignments: [string, string][]): void {
    for (const [name, value] of assignments) this.assign(name, value);
  }

  /** `A=1 cmd`: the variables exist (exported) only while cmd runs. */
  private async withTemporaryAssignments(assignments: [string, string][], body: () => Promise<number>): Promise<number> {
    if (assignments.length === 0) return body();
    const saved = assignments.map(([name]) => [name, this.state.vars.get(name)] as const);
    for (const [name, value] of assignments) {
      const prev = this.state.vars.get(name);
      this.state.vars.set(name, { value, exported: true, readonly: false, ...(prev?.readonly ? { readonly: true, value: prev.value } : {}) });
    }
    try {
      return await body();
    } finally {
      for (const [name, prev] of saved) {
        if (prev) this.state.vars.set(name, prev);
        else this.state.vars.delete(name);
      }
    }
  }

  async runBuiltin(builtin: Builtin, argv: string[]): Promise<number> {
    try {
      return await builtin.run(this, argv);
    } catch (e) {
      if (e instanceof ShellError) {
        await this.error(e.message);
        return e.status;
      }
      if (e instanceof SyscallError && e.code === 'EPIPE') return 141;
      throw e;
    }
  }

  async callFunction(fn: { name: string; body: Command }, argv: string[]): Promise<number> {
    const st = this.state;
    if (st.functionDepth >= 1000) throw new ShellError(`${fn.name}: maximum function nesting level exceeded (1000)`);
    const savedPositional = st.positional;
    st.positional = argv.slice(1);
    st.functionDepth++;
    st.localFrames.push(new Map());
    try {
      return await this.runCommand(fn.body, false);
    } catch (e) {
      if (e instanceof ReturnFromFunction) return e.status;
      throw e;
    } finally {
      const frame = st.localFrames.pop()!;
      for (const [name, prev] of frame) {
        if (prev) st.vars.set(name, prev);
        else st.vars.delete(name);
      }
      st.functionDepth--;
      st.positional = savedPositional;
    }
  }

  // ----- redirections ---------------------------------------------------------------------------

  /**
   * Apply redirections around `body`. With `restore` (builtins, compound commands) the shell's
   * own descriptors are saved and put back afterwards; in a child about to exec they are not.
   */
  async withRedirects(redirects: Redirect[], body: () => Promise<number>, restore = true): Promise<number> {
    if (redirects.length === 0) return body();
    const saved: [number, number | undefined][] = [];
    const save = (fd: number) => {
      if (!restore || saved.some(([f]) => f === fd)) return;
      saved.push([fd, this.proc.isOpen(fd) ? this.proc.dup(fd, Interpreter.SAVE_FD_BASE, true) : undefined]);
    };
    try {
      for (const r of redirects) {
        const ok = await this.applyRedirect(r, save);
        if (!ok) return 1;
      }
      return await body();
    } finally {
      for (const [fd, copy] of saved.reverse()) {
        if (copy === undefined) {
          if (this.proc.isOpen(fd)) this.proc.close(fd);
        } else {
          this.proc.dup2(copy, fd);
          this.proc.close(copy);
        }
      }
    }
  }

  private async applyRedirect(r: Redirect, save: (fd: number) => void): Promise<boolean> {
    const defaultFd = r.op === '<' || r.op === '<>' || r.op === '<&' || r.op === '<<' || r.op === '<<-' || r.op === '<<<' ? 0 : 1;
    const fd = r.fd ?? defaultFd;
    try {
      if (r.op === '<<' || r.op === '<<-') {
        const text = r.heredoc ? await this.expander.hereDoc(r.heredoc) : '';
        save(fd);
        this.installAt(fd, this.proc.install(stringFile(text)));
        return true;
      }
      const target = await this.expander.redirectTarget(r.target);
      if (r.op === '<<<') {
        save(fd);
        this.installAt(fd, this.proc.install(stringFile(target + '\n')));
        return true;
      }
      if (r.op === '>&' || r.op === '<&') {
        if (target === '-') {
          save(fd);
          if (this.proc.isOpen(fd)) this.proc.close(fd);
          return true;
        }
        const m = /^(\d+)(-?)$/.exec(target);
        if (m) {
          const source = Number(m[1]);
          if (!this.proc.isOpen(source)) {
            await this.error(`${source}: Bad file descriptor`);
            return false;
          }
          save(fd);
          if (source !== fd) this.proc.dup2(source, fd);
          if (m[2]) this.proc.close(source);
          return true;
        }
        if (r.op === '>&' && r.fd === null) return this.openOnto([1, 2], target, O_WRONLY | O_CREAT | O_TRUNC, save);
        await this.error(`${target}: ambiguous redirect`);
        return false;
      }
      if (r.target.parts.length > 0 && target === '' ) {
        await this.error(`${r.target.raw}: ambiguous redirect`);
        return false;
      }
      switch (r.op) {
        case '<':
          return this.openOnto([fd], target, O_RDONLY, save);
        case '<>':
          return this.openOnto([fd], target, O_RDWR | O_CREAT, save);
        case '>':
        case '>|':
          if (r.op === '>' && this.state.options.noclobber && this.isRegularFile(target)) {
            await this.error(`${target}: cannot overwrite existing file`);
            return false;
          }
          return this.openOnto([fd], target, O_WRONLY | O_CREAT | O_TRUNC, save);
        case '>>':
          return this.openOnto([fd], target, O_WRONLY | O_CREAT | O_APPEND, save);
        case '&>':
          return this.openOnto([1, 2], target, O_WRONLY | O_CREAT | O_TRUNC, save);
        case '&>>':
          return this.openOnto([1, 2], target, O_WRONLY | O_CREAT | O_APPEND, save);
      }
    } catch (e) {
      if (e instanceof ShellError) {
        await this.error(e.message);
        return false;
      }
      throw e;
    }
    return true;
  }

  private isRegularFile(path: string): boolean {
    try {
      return this.proc.fs.stat(path).type === 'file';
    } catch {
      return false;
    }
  }

  private async openOnto(fds: number[], path: string, flags: number, save: (fd: number) => void): Promise<boolean> {
    let opened: number;
    try {
      opened = this.proc.open(path, flags, 0o666 & ~this.state.umask);
    } catch (e) {
      if (e instanceof SyscallError) {
        await this.error(`${path}: ${e.message}`);
        return false;
      }
      throw e;
    }
    for (const fd of fds) {
      save(fd);
      if (opened !== fd) this.proc.dup2(opened, fd);
    }
    if (!fds.includes(opened)) this.proc.close(opened);
    return true;
  }

  private installAt(fd: number, opened: number): void {
    if (opened !== fd) {
      this.proc.dup2(opened, fd);
      this.proc.close(opened);
    }
  }

  // ----- helpers for builtins -------------------------------------------------------------------

  async out(text: string): Promise<void> {
    await this.proc.out(text);
  }

  /** Run text as shell code in this shell (eval, source, traps). */
  async evalText(text: string): Promise<number> {
    const parsed = this.hooks.parse(text);
    if (parsed.kind === 'error') {
      await this.error(parsed.message);
      return 2;
    }
    if (parsed.kind === 'incomplete') {
      await this.error('syntax error: unexpected end of file');
      return 2;
    }
    return this.runScript(parsed.script, text);
  }

  /** Words of a command, expanded (used by builtins like `command`). */
  expandWords(words: Word[]): Promise<string[]> {
    return this.expander.words(words);
  }
}

export function statusCode(s: WaitStatus | undefined): number {
  if (!s) return 0;
  switch (s.kind) {
    case 'exited':
      return s.code;
    case 'signaled':
      return 128 + s.signal;
    case 'stopped':
      return 128 + s.signal;
    case 'continued':
      return 0;
  }
}
