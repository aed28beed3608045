/** Tab completion for the interactive shell: commands, paths, variables and the tools' options. */
import { SyscallError } from '../kernel/errno.js';
import { findProgram } from '../programs/registry.js';
import type { CompletionResult } from './readline.js';
import { builtinNames } from './interpreter/builtins/index.js';
import { commandsInPath, lookupCommand } from './interpreter/command-lookup.js';
import type { Interpreter } from './interpreter/execute.js';

const KEYWORDS = ['if', 'then', 'else', 'elif', 'fi', 'case', 'esac', 'for', 'while', 'until', 'do', 'done', 'function', 'time'];

export function completeLine(sh: Interpreter, line: string, cursor: number): CompletionResult {
  const before = line.slice(0, cursor);
  const m = /[^\s;&|<>()]*$/.exec(before)!;
  const start = m.index;
  const word = m[0];
  const head = before.slice(0, start);
  const isCommandPosition = /(^|[;&|(]|&&|\|\|)\s*$/.test(head) || /^\s*(sudo|exec|command|time|nice)\s+$/.test(head);

  if (word.startsWith('$')) {
    const prefix = word.slice(1).replace(/^\{/, '');
    const names = [...sh.state.vars.keys()].filter((n) => n.startsWith(prefix)).sort();
    return { start, candidates: names.map((n) => (word.startsWith('${') ? '${' + n + '}' : '$' + n)) };
  }
  if (isCommandPosition && !word.includes('/')) {
    const names = new Set<string>([...builtinNames(), ...KEYWORDS, ...sh.state.functions.keys(), ...sh.state.aliases.keys(), ...commandsInPath(sh.proc, sh.state)]);
    return { start, candidates: [...names].filter((n) => n.startsWith(word)).sort() };
  }
  if (word.startsWith('-')) {
    const command = head.trim().split(/\s+/)[0] ?? '';
    const found = command ? lookupCommand(sh.proc, sh.state, command) : undefined;
    const programName = found?.kind === 'found' ? programOf(sh, found.path) : undefined;
    const options = programName ? (findProgram(programName)?.options ?? []) : [];
    const matches = options.filter((o) => o.startsWith(word));
    if (matches.length) return { start, candidates: [...matches].sort(), appendSpace: !matches.every((o) => o.endsWith('=')) };
  }
  return completePath(sh, word, start);
}

/** The built-in program a file runs (following symlinks), for option completion. */
function programOf(sh: Interpreter, path: string): string | undefined {
  try {
    const real = sh.proc.fs.realpath(path);
    return real.split('/').pop();
  } catch {
    return undefined;
  }
}

function completePath(sh: Interpreter, word: string, start: number): CompletionResult {
  const home = sh.state.get('HOME') ?? '/';
  const expanded = word.startsWith('~/') ? home + word.slice(1) : word === '~' ? home + '/' : word;
  const slash = expanded.lastIndexOf('/');
  const dir = slash >= 0 ? expanded.slice(0, slash + 1) : '';
  const prefix = slash >= 0 ? expanded.slice(slash + 1) : expanded;
  let names: string[];
  try {
    names = sh.proc.fs.readdir(dir || '.');
  } catch (e) {
    if (e instanceof SyscallError) return { start, candidates: [] };
    throw e;
  }
  const shownDir = word.startsWith('~') ? '~' + dir.slice(home.length) : dir;
  const candidates = names
    .filter((n) => n !== '.' && n !== '..' && n.startsWith(prefix) && (prefix.startsWith('.') || !n.startsWith('.')))
    .sort()
    .map((n) => {
      let isDir = false;
      try {
        isDir = sh.proc.fs.stat(dir + n).type === 'dir';
      } catch {
        /* dangling link */
      }
      return shownDir + n + (isDir ? '/' : '');
    });
  return { start, candidates, appendSpace: true };
}
