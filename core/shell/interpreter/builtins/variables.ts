/** Builtins about variables and options: export, unset, set, local, readonly, declare, read, let. */
import { SyscallError } from '../../../kernel/errno.js';
import { quoteForShell } from '../../quote.js';
import { ShellError } from '../control.js';
import type { Interpreter } from '../execute.js';
import type { ShellOptions } from '../state.js';
import type { Builtin } from './index.js';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function splitAssignment(arg: string): [string, string | undefined] {
  const eq = arg.indexOf('=');
  return eq < 0 ? [arg, undefined] : [arg.slice(0, eq), arg.slice(eq + 1)];
}

async function listVariables(sh: Interpreter, filter: (v: { exported: boolean; readonly: boolean }) => boolean, prefix: string): Promise<void> {
  const names = [...sh.state.vars.keys()].sort();
  let text = '';
  for (const name of names) {
    const v = sh.state.vars.get(name)!;
    if (!filter(v)) continue;
    const flags = (v.readonly ? 'r' : '') + (v.exported ? 'x' : '');
    text += `${prefix.replace('%F', flags ? '-' + flags : '--')}${name}="${v.value.replace(/(["\\$`])/g, '\\$1')}"\n`;
  }
  await sh.out(text);
}

/** `set -o` option names and their single letters. */
const OPTION_LETTERS: Record<string, keyof ShellOptions> = {
  e: 'errexit', u: 'nounset', x: 'xtrace', f: 'noglob', C: 'noclobber', m: 'monitor', b: 'notify', v: 'verbose', h: 'hashall', H: 'histexpand',
};
const LONG_OPTIONS: (keyof ShellOptions)[] = ['errexit', 'nounset', 'xtrace', 'noglob', 'noclobber', 'pipefail', 'monitor', 'notify', 'verbose', 'hashall', 'histexpand'];

export function optionFlags(options: ShellOptions): string {
  let flags = '';
  for (const [letter, name] of Object.entries(OPTION_LETTERS)) if (options[name]) flags += letter;
  if (options.interactive) flags += 'i';
  return flags;
}

export const variableBuiltins: Builtin[] = [
  {
    name: 'export',
    special: true,
    synopsis: 'export [-nf] [name[=value] ...] or export -p',
    async run(sh, argv) {
      const args = argv.slice(1).filter((a) => a !== '-p');
      const unexport = args.includes('-n');
      const names = args.filter((a) => a !== '-n' && a !== '-f');
      if (names.length === 0) {
        await listVariables(sh, (v) => v.exported, 'declare -x ');
        return 0;
      }
      let status = 0;
      for (const arg of names) {
        const [name, value] = splitAssignment(arg);
        if (!NAME.test(name)) {
          await sh.error(`export: \`${arg}': not a valid identifier`);
          status = 1;
          continue;
        }
        const existing = sh.state.vars.get(name);
        if (value !== undefined) {
          if (!sh.state.set(name, value, { exported: !unexport })) throw new ShellError(`${name}: readonly variable`);
        } else if (existing) existing.exported = !unexport;
        else if (!unexport) sh.state.vars.set(name, { value: '', exported: true, readonly: false });
      }
      return status;
    },
  },
  {
    name: 'unset',
    special: true,
    synopsis: 'unset [-f] [-v] [name ...]',
    async run(sh, argv) {
      const functions = argv.includes('-f');
      let status = 0;
      for (const name of argv.slice(1).filter((a) => a !== '-f' && a !== '-v')) {
        const isVariable = sh.state.vars.has(name);
        // Without -f, a name that is no variable unsets the function of that name, as bash does.
        if (functions || !isVariable) sh.state.functions.delete(name);
        if (!functions && isVariable && !sh.state.unset(name)) {
          await sh.error(`unset: ${name}: cannot unset: readonly variable`);
          status = 1;
        }
      }
      return status;
    },
  },
  {
    name: 'set',
    special: true,
    synopsis: 'set [--abefhkmnptuvxBCHP] [-o option] [arg ...]',
    async run(sh, argv) {
      const args = argv.slice(1);
      if (args.length === 0) {
        const names = [...sh.state.vars.keys()].sort();
        await sh.out(names.map((n) => `${n}=${quoteForShell(sh.state.vars.get(n)!.value)}`).join('\n') + (names.length ? '\n' : ''));
        return 0;
      }
      let i = 0;
      for (; i < args.length; i++) {
        const a = args[i]!;
        if (a === '--') {
          i++;
          sh.state.positional = args.slice(i);
          return 0;
        }
        if (a === '-o' || a === '+o') {
          const name = args[++i];
          if (name === undefined) {
            await sh.out(LONG_OPTIONS.map((o) => `${o.padEnd(15)}\t${sh.state.options[o] ? 'on' : 'off'}`).join('\n') + '\n');
            continue;
          }
          if (!LONG_OPTIONS.includes(name as keyof ShellOptions)) throw new ShellError(`set: ${name}: invalid option name`);
          sh.state.options[name as keyof ShellOptions] = a === '-o';
          continue;
        }
        if (/^[-+][a-zA-Z]+$/.test(a)) {
          for (const letter of a.slice(1)) {
            const name = OPTION_LETTERS[letter];
            if (!name) throw new ShellError(`set: ${a[0]}${letter}: invalid option\nset: usage: set [--abefhkmnptuvxBCHP] [-o option] [arg ...]`, 2);
            sh.state.options[name] = a[0] === '-';
          }
          continue;
        }
        break;
      }
      if (i < args.length) sh.state.positional = args.slice(i);
      return 0;
    },
  },
  {
    name: 'local',
    synopsis: 'local name[=value] ...',
    async run(sh, argv) {
      const frame = sh.state.localFrames[sh.state.localFrames.length - 1];
      if (!frame || sh.state.functionDepth === 0) throw new ShellError('local: can only be used in a function');
      for (const arg of argv.slice(1).filter((a) => !a.startsWith('-'))) {
        const [name, value] = splitAssignment(arg);
        if (!NAME.test(name)) {
          await sh.error(`local: \`${arg}': not a valid identifier`);
          continue;
        }
        if (!frame.has(name)) {
          const prev = sh.state.vars.get(name);
          frame.set(name, prev ? { ...prev } : undefined);
        }
        sh.state.vars.set(name, { value: value ?? '', exported: false, readonly: false });
      }
      return 0;
    },
  },
  {
    name: 'readonly',
    special: true,
    synopsis: 'readonly [-af] [name[=value] ...] or readonly -p',
    async run(sh, argv) {
      const names = argv.slice(1).filter((a) => !a.startsWith('-'));
      if (names.length === 0) {
        await listVariables(sh, (v) => v.readonly, 'declare -r ');
        return 0;
      }
      for (const arg of names) {
        const [name, value] = splitAssignment(arg);
        if (value !== undefined && !sh.state.set(name, value)) throw new ShellError(`${name}: readonly variable`);
        const v = sh.state.vars.get(name) ?? { value: '', exported: false, readonly: false };
        v.readonly = true;
        sh.state.vars.set(name, v);
      }
      return 0;
    },
  },
  {
    name: 'declare',
    synopsis: 'declare [-afFirtx] [-p] [name[=value] ...]',
    run: (sh, argv) => declare(sh, argv),
  },
  {
    name: 'typeset',
    synopsis: 'typeset [-afFirtx] [-p] name[=value] ...',
    run: (sh, argv) => declare(sh, argv),
  },
  {
    name: 'let',
    synopsis: 'let arg [arg ...]',
    async run(sh, argv) {
      if (argv.length < 2) throw new ShellError('let: expression expected');
      let last = 0n;
      for (const expr of argv.slice(1)) last = await sh.expander.arithmeticText(expr);
      return last !== 0n ? 0 : 1;
    },
  },
  {
    name: 'read',
    synopsis: 'read [-ers] [-p prompt] [-n nchars] [-d delim] [name ...]',
    async run(sh, argv) {
      let raw = false;
      let silent = false;
      let prompt = '';
      let delim = '\n';
      let nchars: number | undefined;
      const names: string[] = [];
      for (let i = 1; i < argv.length; i++) {
        const a = argv[i]!;
        if (a === '-r') raw = true;
        else if (a === '-s') silent = true;
        else if (a === '-p') prompt = argv[++i] ?? '';
        else if (a === '-d') delim = (argv[++i] ?? '\n')[0] ?? '\n';
        else if (a === '-n') nchars = Number(argv[++i]);
        else if (a === '-e') continue;
        else if (a.startsWith('-') && a.length > 1) throw new ShellError(`read: ${a}: invalid option\nread: usage: read [-ers] [-u fd] [-t timeout] [-p prompt] [-a array] [-n nchars] [-d delim] [name ...]`, 2);
        else names.push(a);
      }
      const tty = sh.proc.ttyOf(0);
      if (prompt && tty) await sh.proc.err(prompt);
      const saved = tty ? sh.proc.getTermios(0) : undefined;
      if (tty && (silent || nchars !== undefined)) sh.proc.setTermios(0, { ...saved!, echo: silent ? false : saved!.echo, icanon: nchars === undefined ? saved!.icanon : false });
      let line = '';
      let eof = false;
      try {
        // Read one character at a time so nothing after the line is consumed (other readers share stdin).
        for (;;) {
          const c = await sh.proc.read(0, 1);
          if (c === '') {
            eof = true;
            break;
          }
          if (c === delim) break;
          if (!raw && c === '\\') {
            const next = await sh.proc.read(0, 1);
            if (next === '\n' || next === '') continue;
            line += next;
          } else line += c;
          if (nchars !== undefined && [...line].length >= nchars) break;
        }
      } catch (e) {
        if (e instanceof SyscallError && e.code === 'EINTR') return 130;
        throw e;
      } finally {
        if (saved) sh.proc.setTermios(0, saved);
      }
      if (silent && tty) await sh.proc.err('\n');
      const targets = names.length ? names : ['REPLY'];
      const ifs = sh.state.get('IFS') ?? ' \t\n';
      if (names.length === 0) sh.assign('REPLY', line);
      else {
        const white = [...ifs].filter((c) => ' \t\n'.includes(c)).join('');
        let rest = line.replace(new RegExp(`^[${escapeClass(white)}]+`), '');
        for (let i = 0; i < targets.length; i++) {
          if (i === targets.length - 1) {
            sh.assign(targets[i]!, rest.replace(new RegExp(`[${escapeClass(white)}]+$`), ''));
            break;
          }
          const m = new RegExp(`^([^${escapeClass(ifs)}]*)[${escapeClass(white)}]*[${escapeClass(ifs.replace(/[ \t\n]/g, '')) || '\\s'}]?[${escapeClass(white)}]*`).exec(rest);
          const field = m ? m[1]! : rest;
          sh.assign(targets[i]!, field);
          rest = m ? rest.slice(m[0].length) : '';
        }
      }
      return eof && line === '' ? 1 : eof ? 1 : 0;
    },
  },
  {
    name: 'getopts',
    synopsis: 'getopts optstring name [arg]',
    async run(sh, argv) {
      const optstring = argv[1];
      const name = argv[2];
      if (optstring === undefined || name === undefined) throw new ShellError('getopts: usage: getopts optstring name [arg]', 2);
      const args = argv.length > 3 ? argv.slice(3) : sh.state.positional;
      let optind = Number(sh.state.get('OPTIND') ?? '1');
      let charIndex = Number(sh.state.get('__GETOPTS_CHAR') ?? '1');
      const current = args[optind - 1];
      if (current === undefined || !current.startsWith('-') || current === '-' ) {
        sh.assign(name, '?');
        return 1;
      }
      if (current === '--') {
        sh.assign('OPTIND', String(optind + 1));
        sh.assign(name, '?');
        return 1;
      }
      const letter = current[charIndex]!;
      const spec = optstring.indexOf(letter);
      const advance = () => {
        if (charIndex + 1 >= current.length) {
          optind++;
          charIndex = 1;
        } else charIndex++;
      };
      if (spec < 0 || letter === ':') {
        await sh.error(`illegal option -- ${letter}`);
        sh.assign(name, '?');
        advance();
      } else if (optstring[spec + 1] === ':') {
        let value = current.slice(charIndex + 1);
        optind++;
        charIndex = 1;
        if (value === '') {
          value = args[optind - 1] ?? '';
          if (args[optind - 1] === undefined) {
            await sh.error(`option requires an argument -- ${letter}`);
            sh.assign(name, '?');
            sh.assign('OPTIND', String(optind));
            return 0;
          }
          optind++;
        }
        sh.assign('OPTARG', value);
        sh.assign(name, letter);
      } else {
        sh.assign(name, letter);
        advance();
      }
      sh.assign('OPTIND', String(optind));
      sh.state.set('__GETOPTS_CHAR', String(charIndex));
      return 0;
    },
  },
];

function escapeClass(s: string): string {
  return s.replace(/[\\\]^-]/g, '\\$&').replace(/\t/g, '\\t').replace(/\n/g, '\\n');
}

async function declare(sh: Interpreter, argv: string[]): Promise<number> {
  const flags = argv.slice(1).filter((a) => /^[-+][a-zA-Z]+$/.test(a)).join('');
  const names = argv.slice(1).filter((a) => !/^[-+][a-zA-Z]+$/.test(a));
  if (flags.includes('f') || flags.includes('F')) {
    const fns = names.length ? names : [...sh.state.functions.keys()].sort();
    for (const n of fns) {
      const f = sh.state.functions.get(n);
      if (!f) return 1;
      await sh.out(flags.includes('F') ? `declare -f ${n}\n` : `${f.text}\n`);
    }
    return 0;
  }
  if (names.length === 0) {
    await listVariables(sh, () => true, 'declare %F ');
    return 0;
  }
  for (const arg of names) {
    const [name, value] = splitAssignment(arg);
    if (!NAME.test(name)) {
      await sh.error(`declare: \`${arg}': not a valid identifier`);
      return 1;
    }
    if (flags.includes('p')) {
      const v = sh.state.vars.get(name);
      if (!v) {
        await sh.error(`declare: ${name}: not found`);
        return 1;
      }
      const f = (v.readonly ? 'r' : '') + (v.exported ? 'x' : '');
      await sh.out(`declare ${f ? '-' + f : '--'} ${name}="${v.value}"\n`);
      continue;
    }
    let v = value;
    if (flags.includes('i') && v !== undefined) v = String(await sh.expander.arithmeticText(v));
    if (sh.state.localFrames.length && sh.state.functionDepth > 0) {
      const frame = sh.state.localFrames[sh.state.localFrames.length - 1]!;
      if (!frame.has(name)) frame.set(name, sh.state.vars.get(name) ? { ...sh.state.vars.get(name)! } : undefined);
    }
    if (v !== undefined && !sh.state.set(name, v)) throw new ShellError(`${name}: readonly variable`);
    const entry = sh.state.vars.get(name) ?? { value: '', exported: false, readonly: false };
    if (flags.includes('-x')) entry.exported = true;
    if (flags.includes('+x')) entry.exported = false;
    if (flags.includes('-r')) entry.readonly = true;
    if (flags.includes('i')) entry.integer = true;
    sh.state.vars.set(name, entry);
  }
  return 0;
}
