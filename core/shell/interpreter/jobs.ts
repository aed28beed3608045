/**
 * The job table of an interactive shell: process groups started from the prompt, their states,
 * and the notifications bash prints ("[1] 4418", "[1]+  Done   …", "[1]+  Stopped   …").
 */
import type { WaitStatus } from '../../kernel/task.js';
import { SIG, signalDescription } from '../../kernel/signals.js';

export type JobState = 'running' | 'stopped' | 'done';

export interface Job {
  id: number;
  pgid: number;
  pids: number[];
  /** Status of each pid once it changed (exit or stop). */
  statuses: Map<number, WaitStatus>;
  command: string;
  state: JobState;
  /** The status to report (of the last process in the pipeline). */
  lastStatus: WaitStatus | undefined;
  /** Whether the user has been told of the latest state change. */
  notified: boolean;
  background: boolean;
}

/** Width bash pads the status column to (LONGEST_SIGNAL_DESC). */
const STATUS_WIDTH = 24;

export function describeStatus(job: Job): string {
  if (job.state === 'running') return 'Running';
  const s = job.lastStatus;
  if (!s) return 'Done';
  switch (s.kind) {
    case 'stopped':
      return s.signal === SIG.TSTP ? 'Stopped' : signalDescription(s.signal);
    case 'exited':
      return s.code === 0 ? 'Done' : `Exit ${s.code}`;
    case 'signaled':
      return signalDescription(s.signal) + (s.coreDumped ? ' (core dumped)' : '');
    case 'continued':
      return 'Running';
  }
}

export class JobTable {
  private jobs: Job[] = [];
  private current: number | undefined;
  private previous: number | undefined;

  add(pgid: number, pids: number[], command: string, background: boolean): Job {
    const id = this.jobs.length ? Math.max(...this.jobs.map((j) => j.id)) + 1 : 1;
    const job: Job = { id, pgid, pids, statuses: new Map(), command, state: 'running', lastStatus: undefined, notified: true, background };
    this.jobs.push(job);
    this.makeCurrent(job);
    return job;
  }

  makeCurrent(job: Job): void {
    if (this.current !== job.id) {
      this.previous = this.current;
      this.current = job.id;
    }
  }

  all(): Job[] {
    return [...this.jobs];
  }

  get size(): number {
    return this.jobs.length;
  }

  byPid(pid: number): Job | undefined {
    return this.jobs.find((j) => j.pids.includes(pid));
  }

  byId(id: number): Job | undefined {
    return this.jobs.find((j) => j.id === id);
  }

  remove(job: Job): void {
    this.jobs = this.jobs.filter((j) => j !== job);
    if (this.current === job.id) {
      this.current = this.previous;
      this.previous = undefined;
    }
    if (this.previous === job.id) this.previous = undefined;
    if (this.current === undefined && this.jobs.length) this.current = this.mostRecent()?.id;
    if (this.previous === undefined) {
      const others = this.jobs.filter((j) => j.id !== this.current);
      this.previous = others.length ? others[others.length - 1]!.id : undefined;
    }
  }

  private mostRecent(): Job | undefined {
    const stopped = this.jobs.filter((j) => j.state === 'stopped');
    return (stopped.length ? stopped : this.jobs)[(stopped.length ? stopped : this.jobs).length - 1];
  }

  mark(job: Job): string {
    return job.id === this.current ? '+' : job.id === this.previous ? '-' : ' ';
  }

  /** Find a job from a jobspec: %1, %+, %%, %-, %sleep, %?sle. */
  find(spec: string): Job | undefined {
    if (spec === '%%' || spec === '%+' || spec === '%') return this.current !== undefined ? this.byId(this.current) : undefined;
    if (spec === '%-') return this.previous !== undefined ? this.byId(this.previous) : undefined;
    const body = spec.startsWith('%') ? spec.slice(1) : spec;
    if (/^\d+$/.test(body)) return this.byId(Number(body));
    if (body.startsWith('?')) return this.jobs.find((j) => j.command.includes(body.slice(1)));
    return [...this.jobs].reverse().find((j) => j.command.startsWith(body));
  }

  currentJob(): Job | undefined {
    return this.current !== undefined ? this.byId(this.current) : undefined;
  }

  /** Record a waitpid() result; returns the job it belonged to. */
  update(pid: number, status: WaitStatus): Job | undefined {
    const job = this.byPid(pid);
    if (!job) return undefined;
    if (status.kind === 'continued') {
      job.state = 'running';
      return job;
    }
    job.statuses.set(pid, status);
    if (status.kind === 'stopped') {
      job.state = 'stopped';
      job.lastStatus = status;
      job.notified = false;
      this.makeCurrent(job);
      return job;
    }
    const finished = job.pids.every((p) => {
      const s = job.statuses.get(p);
      return s && (s.kind === 'exited' || s.kind === 'signaled');
    });
    if (finished) {
      job.state = 'done';
      job.lastStatus = job.statuses.get(job.pids[job.pids.length - 1]!);
      if (job.background) job.notified = false;
    }
    return job;
  }

  /** A line of `jobs` output (and of notifications). */
  format(job: Job, options: { long?: boolean; pidOnly?: boolean } = {}): string {
    if (options.pidOnly) return String(job.pgid);
    const status = describeStatus(job);
    const command = job.command + (job.state === 'running' && job.background ? ' &' : '');
    const pid = options.long ? `${String(job.pgid).padStart(5)} ` : '';
    return `[${job.id}]${this.mark(job)}  ${pid}${status.padEnd(STATUS_WIDTH)}${command}`;
  }
}
