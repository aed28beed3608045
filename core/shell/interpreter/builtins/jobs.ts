/** Job-control builtins: jobs, fg, bg, wait, kill, disown. */
import { SyscallError } from '../../../kernel/errno.js';
import { SIG, allSignals, parseSignal, signalName } from '../../../kernel/signals.js';
import { ShellError } from '../control.js';
import type { Interpreter } from '../execute.js';
import type { Job } from '../jobs.js';
import type { Builtin } from './index.js';

function jobFor(sh: Interpreter, name: string, spec: string | undefined): Job {
  const job = spec === undefined ? sh.jobs.currentJob() : sh.jobs.find(spec);
  if (!job) throw new ShellError(spec === undefined ? `${name}: current: no such job` : `${name}: ${spec}: no such job`);
  return job;
}

async function resume(sh: Interpreter, job: Job, foreground: boolean): Promise<number> {
  if (job.state === 'done') throw new ShellError(`job ${job.id} has already completed`);
  job.state = 'running';
  job.statuses.forEach((s, pid) => s.kind === 'stopped' && job.statuses.delete(pid));
  sh.jobs.makeCurrent(job);
  if (foreground) {
    job.background = false;
    await sh.out(job.command + '\n');
    sh.giveTerminal(job.pgid);
  } else {
    await sh.out(`[${job.id}]${sh.jobs.mark(job)} ${job.command} &\n`);
  }
  try {
    sh.proc.kill(-job.pgid, SIG.CONT);
  } catch (e) {
    if (!(e instanceof SyscallError)) throw e;
  }
  return foreground ? sh.waitForJob(job) : 0;
}

export const jobBuiltins: Builtin[] = [
  {
    name: 'jobs',
    synopsis: 'jobs [-lnprs] [jobspec ...]',
    async run(sh, argv) {
      await sh.notifyJobsQuietly();
      const flags = argv.slice(1).filter((a) => a.startsWith('-')).join('');
      const specs = argv.slice(1).filter((a) => !a.startsWith('-'));
      const list = specs.length ? specs.map((s) => jobFor(sh, 'jobs', s)) : sh.jobs.all();
      let text = '';
      for (const job of list) {
        if (flags.includes('r') && job.state !== 'running') continue;
        if (flags.includes('s') && job.state !== 'stopped') continue;
        text += sh.jobs.format(job, { long: flags.includes('l'), pidOnly: flags.includes('p') }) + '\n';
        job.notified = true;
      }
      await sh.out(text);
      for (const job of sh.jobs.all()) if (job.state === 'done') sh.jobs.remove(job);
      return 0;
    },
  },
  {
    name: 'fg',
    synopsis: 'fg [job_spec]',
    async run(sh, argv) {
      if (!sh.state.options.monitor) throw new ShellError('fg: no job control');
      return resume(sh, jobFor(sh, 'fg', argv[1]), true);
    },
  },
  {
    name: 'bg',
    synopsis: 'bg [job_spec ...]',
    async run(sh, argv) {
      if (!sh.state.options.monitor) throw new ShellError('bg: no job control');
      return resume(sh, jobFor(sh, 'bg', argv[1]), false);
    },
  },
  {
    name: 'wait',
    synopsis: 'wait [id]',
    async run(sh, argv) {
      const specs = argv.slice(1);
      let status = 0;
      const waitPid = async (pid: number) => {
        try {
          const r = await sh.proc.waitpid(pid);
          if (r) {
            sh.jobs.update(r.pid, r.status);
            status = r.status.kind === 'exited' ? r.status.code : r.status.kind === 'signaled' ? 128 + r.status.signal : 0;
          }
        } catch (e) {
          if (e instanceof SyscallError && e.code === 'ECHILD') {
            status = 127;
            return;
          }
          throw e;
        }
      };
      if (specs.length === 0) {
        for (;;) {
          try {
            const r = await sh.proc.waitpid(-1);
            if (!r) break;
            sh.jobs.update(r.pid, r.status);
          } catch (e) {
            if (e instanceof SyscallError && e.code === 'ECHILD') break;
            throw e;
          }
        }
        for (const job of sh.jobs.all()) if (job.state === 'done') sh.jobs.remove(job);
        return 0;
      }
      for (const spec of specs) {
        if (spec.startsWith('%')) {
          const job = jobFor(sh, 'wait', spec);
          for (const pid of job.pids) if (!job.statuses.has(pid)) await waitPid(pid);
          if (job.state === 'done') sh.jobs.remove(job);
        } else if (/^\d+$/.test(spec)) {
          const job = sh.jobs.byPid(Number(spec));
          await waitPid(Number(spec));
          if (job?.state === 'done') sh.jobs.remove(job);
          if (status === 127) await sh.error(`wait: pid ${spec} is not a child of this shell`);
        } else throw new ShellError(`wait: \`${spec}': not a pid or valid job spec`);
      }
      return status;
    },
  },
  {
    name: 'kill',
    synopsis: 'kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]',
    async run(sh, argv) {
      let sig = SIG.TERM;
      let i = 1;
      const a = argv[1];
      if (a === '-l' || a === '-L') {
        const rest = argv.slice(2);
        if (rest.length === 0) {
          await sh.out(formatSignalTable() + '\n');
          return 0;
        }
        for (const r of rest) {
          if (/^\d+$/.test(r)) {
            const n = Number(r) > 128 ? Number(r) - 128 : Number(r);
            const name = signalName(n);
            if (name === String(n)) throw new ShellError(`kill: ${r}: invalid signal specification`);
            await sh.out(name + '\n');
          } else {
            const n = parseSignal(r);
            if (n === undefined) throw new ShellError(`kill: ${r}: invalid signal specification`);
            await sh.out(n + '\n');
          }
        }
        return 0;
      }
      if (a === '-s' || a === '-n') {
        const spec = argv[2];
        const n = spec === undefined ? undefined : parseSignal(spec);
        if (n === undefined) throw new ShellError(`kill: ${spec ?? ''}: invalid signal specification`);
        sig = n;
        i = 3;
      } else if (a !== undefined && a.startsWith('-') && a !== '--' && !/^-\d+$/.test(a.slice(0)) ) {
        const n = parseSignal(a.slice(1));
        if (n === undefined) throw new ShellError(`kill: ${a.slice(1)}: invalid signal specification`);
        sig = n;
        i = 2;
      } else if (a !== undefined && /^-\d+$/.test(a) && argv.length > 2) {
        const n = parseSignal(a.slice(1));
        if (n === undefined) throw new ShellError(`kill: ${a.slice(1)}: invalid signal specification`);
        sig = n;
        i = 2;
      }
      if (argv[i] === '--') i++;
      const targets = argv.slice(i);
      if (targets.length === 0) throw new ShellError('kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]', 2);
      let status = 0;
      for (const t of targets) {
        let pid: number;
        if (t.startsWith('%')) {
          const job = sh.jobs.find(t);
          if (!job) {
            await sh.error(`kill: ${t}: no such job`);
            status = 1;
            continue;
          }
          pid = -job.pgid;
        } else if (/^-?\d+$/.test(t)) pid = Number(t);
        else {
          await sh.error(`kill: ${t}: arguments must be process or job IDs`);
          status = 1;
          continue;
        }
        try {
          sh.proc.kill(pid, sig);
        } catch (e) {
          if (e instanceof SyscallError) {
            await sh.error(`kill: (${t.startsWith('%') ? -pid : pid}) - ${e.message}`);
            status = 1;
          } else throw e;
        }
      }
      return status;
    },
  },
  {
    name: 'disown',
    synopsis: 'disown [-h] [-ar] [jobspec ...]',
    async run(sh, argv) {
      const specs = argv.slice(1).filter((a) => !a.startsWith('-'));
      if (argv.includes('-a')) for (const j of sh.jobs.all()) sh.jobs.remove(j);
      else for (const s of specs.length ? specs : [undefined]) sh.jobs.remove(jobFor(sh, 'disown', s));
      return 0;
    },
  },
];

/** `kill -l` as bash prints it: four per row, " 1) SIGHUP\t 2) SIGINT\t…". */
function formatSignalTable(): string {
  const cells = allSignals().map((s) => `${String(s.number).padStart(2)}) SIG${s.name}`);
  const rows: string[] = [];
  for (let i = 0; i < cells.length; i += 4) rows.push(cells.slice(i, i + 4).join('\t'));
  return rows.join('\n');
}
