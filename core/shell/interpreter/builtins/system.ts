/** Builtins about the shell's process and session: umask, ulimit, trap, alias, history, times, shopt. */
import { parseSignal, signalName } from '../../../kernel/signals.js';
import type { RlimitName } from '../../../kernel/task.js';
import { quoteForShell } from '../../quote.js';
import { ShellError } from '../control.js';
import type { Builtin } from './index.js';

/** ulimit's options: letter → limit, description, unit divisor (KiB for sizes). */
const ULIMITS: [string, RlimitName, string, number][] = [
  ['c', 'core', 'core file size          (blocks, -c)', 1024],
  ['d', 'data', 'data seg size           (kbytes, -d)', 1024],
  ['f', 'fsize', 'file size               (blocks, -f)', 1024],
  ['l', 'memlock', 'max locked memory       (kbytes, -l)', 1024],
  ['m', 'rss', 'max memory size         (kbytes, -m)', 1024],
  ['n', 'nofile', 'open files                      (-n)', 1],
  ['s', 'stack', 'stack size              (kbytes, -s)', 1024],
  ['t', 'cpu', 'cpu time               (seconds, -t)', 1],
  ['u', 'nproc', 'max user processes              (-u)', 1],
  ['v', 'as', 'virtual memory          (kbytes, -v)', 1024],
];

export const systemBuiltins: Builtin[] = [
  {
    name: 'umask',
    synopsis: 'umask [-p] [-S] [mode]',
    async run(sh, argv) {
      const args = argv.slice(1).filter((a) => a !== '-p');
      const symbolic = args.includes('-S');
      const mode = args.find((a) => a !== '-S');
      if (mode === undefined) {
        const m = sh.state.umask;
        if (symbolic) {
          const part = (shift: number) => ['r', 'w', 'x'].filter((_, i) => !((m >> shift) & (4 >> i))).join('');
          await sh.out(`u=${part(6)},g=${part(3)},o=${part(0)}\n`);
        } else await sh.out(m.toString(8).padStart(4, '0') + '\n');
        return 0;
      }
      if (!/^[0-7]{1,4}$/.test(mode)) throw new ShellError(`umask: ${mode}: octal number out of range`);
      sh.state.umask = parseInt(mode, 8);
      sh.proc.task.fs.umask = sh.state.umask;
      return 0;
    },
  },
  {
    name: 'ulimit',
    synopsis: 'ulimit [-SHacdflmnpstuv] [limit]',
    async run(sh, argv) {
      let hard = false;
      let soft = false;
      let all = false;
      let letter = 'f';
      let value: string | undefined;
      for (const a of argv.slice(1)) {
        if (a.startsWith('-')) {
          for (const c of a.slice(1)) {
            if (c === 'H') hard = true;
            else if (c === 'S') soft = true;
            else if (c === 'a') all = true;
            else if (ULIMITS.some(([l]) => l === c)) letter = c;
            else throw new ShellError(`ulimit: -${c}: invalid option\nulimit: usage: ulimit [-SHacdfilmnpqstuvx] [limit]`, 2);
          }
        } else value = a;
      }
      const limits = sh.proc.task.rlimits;
      const show = (n: number, div: number) => (n === Infinity ? 'unlimited' : String(Math.floor(n / div)));
      if (all) {
        await sh.out(ULIMITS.map(([, name, label, div]) => `${label} ${show(hard ? limits[name].hard : limits[name].soft, div)}`).join('\n') + '\n');
        return 0;
      }
      const [, name, , div] = ULIMITS.find(([l]) => l === letter)!;
      if (value === undefined) {
        await sh.out(show(hard ? limits[name].hard : limits[name].soft, div) + '\n');
        return 0;
      }
      const n = value === 'unlimited' ? Infinity : /^\d+$/.test(value) ? Number(value) * div : NaN;
      if (Number.isNaN(n)) throw new ShellError(`ulimit: ${value}: invalid number`);
      const lim = limits[name];
      const setHard = hard || !soft;
      const setSoft = soft || !hard;
      const privileged = (sh.proc.task.cred.caps & (1n << 24n)) !== 0n; // CAP_SYS_RESOURCE
      if (setHard && n > lim.hard && !privileged) throw new ShellError(`ulimit: ${describeLimit(letter)}: cannot modify limit: Operation not permitted`);
      if (setSoft && !setHard && n > lim.hard) throw new ShellError(`ulimit: ${describeLimit(letter)}: cannot modify limit: Invalid argument`);
      if (setHard) lim.hard = n;
      if (setSoft) lim.soft = Math.min(n, lim.hard);
      return 0;
    },
  },
  {
    name: 'trap',
    special: true,
    synopsis: 'trap [-lp] [arg signal_spec ...]',
    async run(sh, argv) {
      const args = argv.slice(1);
      if (args.length === 0 || args[0] === '-p') {
        let text = '';
        for (const [sig, action] of sh.state.traps) text += `trap -- ${quoteForShell(action)} ${sig === 0 ? 'EXIT' : 'SIG' + signalName(sig)}\n`;
        await sh.out(text);
        return 0;
      }
      if (args[0] === '-l') {
        await sh.out('Use kill -l\n');
        return 0;
      }
      const action = args[0]!;
      const specs = args.slice(1);
      for (const spec of specs) {
        const sig = spec === 'EXIT' || spec === '0' ? 0 : parseSignal(spec);
        if (sig === undefined) throw new ShellError(`trap: ${spec}: invalid signal specification`);
        if (action === '-') {
          sh.state.traps.delete(sig);
          if (sig) sh.proc.task.dispositions.delete(sig);
        } else {
          sh.state.traps.set(sig, action);
          if (sig) {
            if (action === '') sh.proc.signal(sig, 'ignore');
            else sh.proc.signal(sig, () => sh.pendingTraps.push(sig));
          }
        }
      }
      return 0;
    },
  },
  {
    name: 'alias',
    synopsis: 'alias [-p] [name[=value] ... ]',
    async run(sh, argv) {
      const args = argv.slice(1).filter((a) => a !== '-p');
      if (args.length === 0) {
        const names = [...sh.state.aliases.keys()].sort();
        await sh.out(names.map((n) => `alias ${n}=${quoteForShell(sh.state.aliases.get(n)!)}`).join('\n') + (names.length ? '\n' : ''));
        return 0;
      }
      let status = 0;
      for (const arg of args) {
        const eq = arg.indexOf('=');
        if (eq > 0) sh.state.aliases.set(arg.slice(0, eq), arg.slice(eq + 1));
        else {
          const v = sh.state.aliases.get(arg);
          if (v === undefined) {
            await sh.error(`alias: ${arg}: not found`);
            status = 1;
          } else await sh.out(`alias ${arg}=${quoteForShell(v)}\n`);
        }
      }
      return status;
    },
  },
  {
    name: 'unalias',
    synopsis: 'unalias [-a] name [name ...]',
    async run(sh, argv) {
      if (argv.includes('-a')) {
        sh.state.aliases.clear();
        return 0;
      }
      if (argv.length < 2) throw new ShellError('unalias: usage: unalias [-a] name [name ...]', 2);
      let status = 0;
      for (const n of argv.slice(1)) {
        if (!sh.state.aliases.delete(n)) {
          await sh.error(`unalias: ${n}: not found`);
          status = 1;
        }
      }
      return status;
    },
  },
  {
    name: 'history',
    synopsis: 'history [-c] [n]',
    async run(sh, argv) {
      const history = sh.history;
      if (argv[1] === '-c') {
        history.length = 0;
        return 0;
      }
      const n = argv[1] !== undefined ? Number(argv[1]) : history.length;
      if (!Number.isInteger(n) || n < 0) throw new ShellError(`history: ${argv[1]}: numeric argument required`);
      const start = Math.max(0, history.length - n);
      await sh.out(history.slice(start).map((line, i) => `${String(start + i + 1).padStart(5)}  ${line}`).join('\n') + (history.length > start ? '\n' : ''));
      return 0;
    },
  },
  {
    name: 'times',
    synopsis: 'times',
    async run(sh) {
      const t = sh.proc.task;
      const fmt = (ms: number) => `${Math.floor(ms / 60000)}m${((ms % 60000) / 1000).toFixed(3)}s`;
      let cu = 0;
      let cs = 0;
      for (const c of t.children) {
        cu += c.utimeMs;
        cs += c.stimeMs;
      }
      await sh.out(`${fmt(t.utimeMs)} ${fmt(t.stimeMs)}\n${fmt(cu)} ${fmt(cs)}\n`);
      return 0;
    },
  },
  {
    name: 'shopt',
    synopsis: 'shopt [-pqsu] [-o] [optname ...]',
    async run(sh, argv) {
      const names = argv.slice(1).filter((a) => !a.startsWith('-'));
      for (const n of names) if (!['expand_aliases', 'extglob', 'nullglob', 'dotglob', 'checkwinsize', 'histappend', 'cdspell'].includes(n)) throw new ShellError(`shopt: ${n}: invalid shell option name`);
      return 0;
    },
  },
];

function describeLimit(letter: string): string {
  const entry = ULIMITS.find(([l]) => l === letter)!;
  return entry[2].replace(/\s+\(.*$/, '');
}

