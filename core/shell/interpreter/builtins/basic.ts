/** Builtins about running things and moving around: cd, pwd, echo, exit, eval, source, type… */
import { SyscallError } from '../../../kernel/errno.js';
import { O_RDONLY } from '../../../kernel/file.js';
import { lookupCommand } from '../command-lookup.js';
import { BreakLoop, ContinueLoop, ReturnFromFunction, ShellError, ShellExit } from '../control.js';
import type { Interpreter } from '../execute.js';
import type { Builtin } from './index.js';
import { findBuiltin, allBuiltins } from './index.js';

/** Normalise an absolute path logically (bash's cd keeps symlinks in $PWD). */
export function normalizePath(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return '/' + out.join('/');
}

function parseCount(sh: Interpreter, name: string, arg: string | undefined): number {
  if (arg === undefined) return 1;
  if (!/^\d+$/.test(arg) || Number(arg) < 1) throw new ShellError(`${name}: ${arg}: loop count out of range`);
  return Number(arg);
}

/** echo as bash's builtin: -n, -e, -E; unknown options are printed. */
function echoText(args: string[]): { text: string; newline: boolean } {
  let newline = true;
  let escapes = false;
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (!/^-[neE]+$/.test(a)) break;
    for (const c of a.slice(1)) {
      if (c === 'n') newline = false;
      else if (c === 'e') escapes = true;
      else escapes = false;
    }
  }
  let text = args.slice(i).join(' ');
  if (escapes) {
    const stop = text.indexOf('\\c');
    if (stop >= 0) {
      text = text.slice(0, stop);
      newline = false;
    }
    text = text.replace(/\\(0[0-7]{0,3}|x[0-9a-fA-F]{1,2}|[abefnrtv\\])/g, (_m, e: string) => {
      if (e[0] === '0') return String.fromCharCode(parseInt(e.slice(1) || '0', 8));
      if (e[0] === 'x') return String.fromCharCode(parseInt(e.slice(1), 16));
      return { a: '\x07', b: '\b', e: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' }[e]!;
    });
  }
  return { text, newline };
}

export const basicBuiltins: Builtin[] = [
  { name: ':', special: true, synopsis: ': [arguments]', run: async () => 0 },
  { name: 'true', synopsis: 'true', run: async () => 0 },
  { name: 'false', synopsis: 'false', run: async () => 1 },
  {
    name: 'echo',
    synopsis: 'echo [-neE] [arg ...]',
    async run(sh, argv) {
      const { text, newline } = echoText(argv.slice(1));
      await sh.out(text + (newline ? '\n' : ''));
      return 0;
    },
  },
  {
    name: 'pwd',
    synopsis: 'pwd [-LP]',
    async run(sh, argv) {
      const physical = argv.includes('-P');
      const bad = argv.slice(1).find((a) => a.startsWith('-') && a !== '-L' && a !== '-P');
      if (bad) throw new ShellError(`pwd: ${bad}: invalid option\npwd: usage: pwd [-LP]`, 2);
      const pwd = sh.state.get('PWD');
      await sh.out((physical || !pwd ? sh.proc.fs.getcwd() : pwd) + '\n');
      return 0;
    },
  },
  {
    name: 'cd',
    synopsis: 'cd [-L|-P] [dir]',
    async run(sh, argv) {
      const args = argv.slice(1).filter((a) => a !== '-L' && a !== '-P');
      let target: string;
      let print = false;
      if (args[0] === undefined) {
        const home = sh.state.get('HOME');
        if (home === undefined) throw new ShellError('cd: HOME not set');
        target = home;
      } else if (args[0] === '-') {
        const old = sh.state.get('OLDPWD');
        if (old === undefined) throw new ShellError('cd: OLDPWD not set');
        target = old;
        print = true;
      } else target = args[0];
      if (target === '') return 0;
      const pwd = sh.state.get('PWD') ?? sh.proc.fs.getcwd();
      const logical = normalizePath(target.startsWith('/') ? target : `${pwd}/${target}`);
      try {
        sh.proc.fs.chdir(logical);
      } catch (e) {
        if (e instanceof SyscallError) throw new ShellError(`cd: ${target}: ${e.message}`);
        throw e;
      }
      sh.state.set('OLDPWD', pwd);
      sh.state.set('PWD', logical);
      if (print) await sh.out(logical + '\n');
      return 0;
    },
  },
  {
    name: 'exit',
    special: true,
    synopsis: 'exit [n]',
    async run(sh, argv) {
      const arg = argv[1];
      if (sh.state.options.interactive && sh.state.sourceDepth === 0) await sh.proc.err(sh.state.options.login ? 'logout\n' : 'exit\n');
      if (arg !== undefined && !/^-?\d+$/.test(arg)) {
        await sh.error(`exit: ${arg}: numeric argument required`);
        throw new ShellExit(255);
      }
      throw new ShellExit(arg === undefined ? sh.state.lastStatus : Number(arg) & 0xff);
    },
  },
  {
    name: 'logout',
    synopsis: 'logout [n]',
    async run(sh, argv) {
      if (!sh.state.options.login) throw new ShellError('logout: not login shell: use `exit\'');
      await sh.proc.err('logout\n');
      throw new ShellExit(argv[1] !== undefined ? Number(argv[1]) & 0xff : sh.state.lastStatus);
    },
  },
  {
    name: 'return',
    special: true,
    synopsis: 'return [n]',
    async run(sh, argv) {
      if (sh.state.functionDepth === 0 && sh.state.sourceDepth === 0)
        throw new ShellError("return: can only `return' from a function or sourced script");
      const arg = argv[1];
      if (arg !== undefined && !/^-?\d+$/.test(arg)) throw new ShellError(`return: ${arg}: numeric argument required`, 2);
      throw new ReturnFromFunction(arg === undefined ? sh.state.lastStatus : Number(arg) & 0xff);
    },
  },
  {
    name: 'break',
    special: true,
    synopsis: 'break [n]',
    async run(sh, argv) {
      if (sh.state.loopDepth === 0) return 0;
      throw new BreakLoop(Math.min(parseCount(sh, 'break', argv[1]), sh.state.loopDepth));
    },
  },
  {
    name: 'continue',
    special: true,
    synopsis: 'continue [n]',
    async run(sh, argv) {
      if (sh.state.loopDepth === 0) return 0;
      throw new ContinueLoop(Math.min(parseCount(sh, 'continue', argv[1]), sh.state.loopDepth));
    },
  },
  {
    name: 'shift',
    special: true,
    synopsis: 'shift [n]',
    async run(sh, argv) {
      const n = argv[1] === undefined ? 1 : Number(argv[1]);
      if (!Number.isInteger(n) || n < 0) throw new ShellError(`shift: ${argv[1]}: numeric argument required`);
      if (n > sh.state.positional.length) return 1;
      sh.state.positional = sh.state.positional.slice(n);
      return 0;
    },
  },
  {
    name: 'eval',
    special: true,
    synopsis: 'eval [arg ...]',
    async run(sh, argv) {
      const text = argv.slice(1).join(' ');
      if (text.trim() === '') return 0;
      return sh.evalText(text);
    },
  },
  {
    name: 'source',
    synopsis: 'source filename [arguments]',
    run: (sh, argv) => sourceFile(sh, argv),
  },
  {
    name: '.',
    special: true,
    synopsis: '. filename [arguments]',
    run: (sh, argv) => sourceFile(sh, argv),
  },
  {
    name: 'exec',
    special: true,
    synopsis: 'exec [command [arguments ...]]',
    async run(sh, argv) {
      if (argv.length < 2) return 0; // only redirections: they were applied permanently by the caller
      const found = lookupCommand(sh.proc, sh.state, argv[1]!);
      if (found.kind === 'error') {
        await sh.error(found.message);
        if (!sh.state.options.interactive) throw new ShellExit(found.status);
        return found.status;
      }
      return sh.proc.exec(found.path, argv.slice(1), sh.state.environment());
    },
  },
  {
    name: 'command',
    synopsis: 'command [-pVv] command [arg ...]',
    async run(sh, argv) {
      let i = 1;
      let describe: 'v' | 'V' | undefined;
      for (; i < argv.length && argv[i]!.startsWith('-'); i++) {
        if (argv[i] === '-v') describe = 'v';
        else if (argv[i] === '-V') describe = 'V';
        else if (argv[i] === '--') {
          i++;
          break;
        }
      }
      const rest = argv.slice(i);
      if (rest.length === 0) return 0;
      if (describe) return describeCommands(sh, rest, describe === 'V' ? 'long' : 'path');
      const builtin = findBuiltin(rest[0]!);
      if (builtin) return sh.runBuiltin(builtin, rest);
      const found = lookupCommand(sh.proc, sh.state, rest[0]!);
      if (found.kind === 'error') {
        await sh.error(found.message);
        return found.status;
      }
      const pid = sh.proc.spawn(found.path, rest, sh.state.environment());
      const r = await sh.proc.waitpid(pid);
      return r?.status.kind === 'exited' ? r.status.code : 128 + (r?.status.kind === 'signaled' ? r.status.signal : 0);
    },
  },
  {
    name: 'builtin',
    synopsis: 'builtin [shell-builtin [arg ...]]',
    async run(sh, argv) {
      if (argv.length < 2) return 0;
      const b = findBuiltin(argv[1]!);
      if (!b) throw new ShellError(`builtin: ${argv[1]}: not a shell builtin`);
      return sh.runBuiltin(b, argv.slice(1));
    },
  },
  {
    name: 'type',
    synopsis: 'type [-afptP] name [name ...]',
    async run(sh, argv) {
      const flags = argv.slice(1).filter((a) => a.startsWith('-')).join('');
      const names = argv.slice(1).filter((a) => !a.startsWith('-'));
      return describeCommands(sh, names, flags.includes('t') ? 'type' : flags.includes('p') || flags.includes('P') ? 'path' : 'long');
    },
  },
  {
    name: 'hash',
    synopsis: 'hash [-lr] [-p pathname] [-dt] [name ...]',
    async run(sh, argv) {
      if (argv.includes('-r')) {
        sh.state.hashed.clear();
        return 0;
      }
      const names = argv.slice(1).filter((a) => !a.startsWith('-'));
      if (names.length === 0) {
        if (sh.state.hashed.size === 0) {
          await sh.out('hash: hash table empty\n');
          return 0;
        }
        let text = 'hits\tcommand\n';
        for (const path of sh.state.hashed.values()) text += `   1\t${path}\n`;
        await sh.out(text);
        return 0;
      }
      let status = 0;
      for (const name of names) {
        const found = lookupCommand(sh.proc, sh.state, name);
        if (found.kind === 'error') {
          await sh.error(`hash: ${name}: not found`);
          status = 1;
        }
      }
      return status;
    },
  },
  {
    name: 'help',
    synopsis: 'help [pattern ...]',
    async run(sh, argv) {
      const pattern = argv[1];
      const list = allBuiltins().filter((b) => !pattern || b.name.startsWith(pattern));
      if (list.length === 0) throw new ShellError(`help: no help topics match \`${pattern}'.  Try \`help help' or \`man -k ${pattern}' or \`info ${pattern}'.`);
      let text = pattern ? '' : 'GNU bash, version 3.00.15(1)-release (i386-redhat-linux-gnu)\nThese shell commands are defined internally.  Type `help\' to see this list.\nType `help name\' to find out more about the function `name\'.\n\n';
      for (const b of list) text += (pattern ? `${b.name}: ` : ' ') + b.synopsis + '\n';
      await sh.out(text);
      return 0;
    },
  },
];

async function sourceFile(sh: Interpreter, argv: string[]): Promise<number> {
  const name = argv[1];
  if (name === undefined) throw new ShellError(`${argv[0]}: filename argument required\n${argv[0]}: usage: ${argv[0]} filename [arguments]`, 2);
  let path = name;
  if (!name.includes('/')) {
    for (const dir of (sh.state.get('PATH') ?? '').split(':')) {
      try {
        if (sh.proc.fs.stat(`${dir}/${name}`).type === 'file') {
          path = `${dir}/${name}`;
          break;
        }
      } catch {
        /* keep looking */
      }
    }
  }
  let text: string;
  try {
    const fd = sh.proc.open(path, O_RDONLY);
    try {
      text = await sh.proc.readAll(fd);
    } finally {
      sh.proc.close(fd);
    }
  } catch (e) {
    if (e instanceof SyscallError) throw new ShellError(`${name}: ${e.message}`);
    throw e;
  }
  const st = sh.state;
  const savedPositional = st.positional;
  if (argv.length > 2) st.positional = argv.slice(2);
  st.sourceDepth++;
  try {
    return await sh.evalText(text);
  } catch (e) {
    if (e instanceof ReturnFromFunction) return e.status;
    throw e;
  } finally {
    st.sourceDepth--;
    if (argv.length > 2) st.positional = savedPositional;
  }
}

const KEYWORDS = ['if', 'then', 'else', 'elif', 'fi', 'case', 'esac', 'for', 'select', 'while', 'until', 'do', 'done', 'in', 'function', 'time', '{', '}', '!', '[[', ']]'];

async function describeCommands(sh: Interpreter, names: string[], mode: 'long' | 'type' | 'path'): Promise<number> {
  let status = 0;
  for (const name of names) {
    const alias = sh.state.aliases.get(name);
    const fn = sh.state.functions.get(name);
    let line: string | undefined;
    if (alias !== undefined && mode !== 'path') line = mode === 'type' ? 'alias' : `${name} is aliased to \`${alias}'`;
    else if (KEYWORDS.includes(name) && mode !== 'path') line = mode === 'type' ? 'keyword' : `${name} is a shell keyword`;
    else if (fn && mode !== 'path') line = mode === 'type' ? 'function' : `${name} is a function\n${fn.text}`;
    else if (findBuiltin(name) && mode !== 'path') line = mode === 'type' ? 'builtin' : `${name} is a shell builtin`;
    else {
      const found = lookupCommand(sh.proc, sh.state, name);
      if (found.kind === 'found') line = mode === 'type' ? 'file' : mode === 'path' ? found.path : `${name} is ${found.path}`;
    }
    if (line === undefined) {
      if (mode === 'long') await sh.error(`type: ${name}: not found`);
      status = 1;
    } else await sh.out(line + '\n');
  }
  return status;
}
