/** `test` and `[`: POSIX's argument-count rules, file tests against the emulated filesystem. */
import { SyscallError } from '../../../kernel/errno.js';
import type { FileStat } from '../../../kernel/fs-calls.js';
import { ShellError } from '../control.js';
import type { Interpreter } from '../execute.js';
import type { Builtin } from './index.js';

const UNARY_FILE = new Set(['-a', '-b', '-c', '-d', '-e', '-f', '-g', '-h', '-k', '-L', '-p', '-r', '-s', '-S', '-t', '-u', '-w', '-x', '-O', '-G', '-N']);
const BINARY = new Set(['=', '==', '!=', '<', '>', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '-nt', '-ot', '-ef']);

/** A file test, shared with [[ ]]. */
export function fileTest(sh: Interpreter, op: string, path: string): boolean {
  if (op === '-t') return /^\d+$/.test(path) && sh.proc.isatty(Number(path));
  let st: FileStat;
  try {
    st = op === '-h' || op === '-L' ? sh.proc.fs.lstat(path) : sh.proc.fs.stat(path);
  } catch (e) {
    if (e instanceof SyscallError) return false;
    throw e;
  }
  const access = (mode: number) => {
    try {
      sh.proc.fs.access(path, mode);
      return true;
    } catch {
      return false;
    }
  };
  switch (op) {
    case '-a':
    case '-e':
      return true;
    case '-b':
      return st.type === 'blockdev';
    case '-c':
      return st.type === 'chardev';
    case '-d':
      return st.type === 'dir';
    case '-f':
      return st.type === 'file';
    case '-g':
      return (st.perm & 0o2000) !== 0;
    case '-h':
    case '-L':
      return st.type === 'symlink';
    case '-k':
      return (st.perm & 0o1000) !== 0;
    case '-p':
      return st.type === 'fifo';
    case '-r':
      return access(4);
    case '-s':
      return st.size > 0;
    case '-S':
      return st.type === 'socket';
    case '-u':
      return (st.perm & 0o4000) !== 0;
    case '-w':
      return access(2);
    case '-x':
      return access(1);
    case '-O':
      return st.uid === sh.proc.task.cred.euid;
    case '-G':
      return st.gid === sh.proc.task.cred.egid;
    case '-N':
      return st.mtime > st.atime;
  }
  return false;
}

function integer(name: string, s: string): bigint {
  const t = s.trim();
  if (!/^[-+]?\d+$/.test(t)) throw new ShellError(`${name}: ${s}: integer expression expected`, 2);
  return BigInt(t);
}

export function binaryTest(sh: Interpreter, name: string, op: string, a: string, b: string): boolean {
  switch (op) {
    case '=':
    case '==':
      return a === b;
    case '!=':
      return a !== b;
    case '<':
      return a < b;
    case '>':
      return a > b;
    case '-eq':
      return integer(name, a) === integer(name, b);
    case '-ne':
      return integer(name, a) !== integer(name, b);
    case '-lt':
      return integer(name, a) < integer(name, b);
    case '-le':
      return integer(name, a) <= integer(name, b);
    case '-gt':
      return integer(name, a) > integer(name, b);
    case '-ge':
      return integer(name, a) >= integer(name, b);
    case '-nt':
    case '-ot': {
      const m = (p: string) => {
        try {
          return sh.proc.fs.stat(p).mtime;
        } catch {
          return undefined;
        }
      };
      const ma = m(a);
      const mb = m(b);
      if (op === '-nt') return ma !== undefined && (mb === undefined || ma > mb);
      return mb !== undefined && (ma === undefined || ma < mb);
    }
    case '-ef': {
      try {
        const sa = sh.proc.fs.stat(a);
        const sb = sh.proc.fs.stat(b);
        return sa.dev === sb.dev && sa.ino === sb.ino;
      } catch {
        return false;
      }
    }
  }
  throw new ShellError(`${name}: ${op}: binary operator expected`, 2);
}

/** Evaluate test's arguments (without the closing `]`). */
function evaluate(sh: Interpreter, name: string, args: string[]): boolean {
  // Recursive descent over -o (lowest), -a, !, ( ), primaries — with POSIX's 0–4 argument shortcuts.
  let pos = 0;
  const peek = () => args[pos];
  const primary = (): boolean => {
    const remaining = args.length - pos;
    const a = args[pos]!;
    if (a === '!' && remaining > 1) {
      pos++;
      return !primary();
    }
    if (a === '(' && remaining >= 3) {
      pos++;
      const v = orExpr();
      if (args[pos] !== ')') throw new ShellError(`${name}: \`)' expected`, 2);
      pos++;
      return v;
    }
    if (remaining >= 3 && BINARY.has(args[pos + 1]!)) {
      const v = binaryTest(sh, name, args[pos + 1]!, a, args[pos + 2]!);
      pos += 3;
      return v;
    }
    if (remaining >= 2 && (UNARY_FILE.has(a) || a === '-z' || a === '-n')) {
      const operand = args[pos + 1]!;
      pos += 2;
      if (a === '-z') return operand === '';
      if (a === '-n') return operand !== '';
      return fileTest(sh, a, operand);
    }
    if (remaining >= 2 && a.startsWith('-') && a.length === 2 && args[pos + 1] !== '-a' && args[pos + 1] !== '-o') throw new ShellError(`${name}: ${a}: unary operator expected`, 2);
    pos++;
    return a !== '';
  };
  const andExpr = (): boolean => {
    let v = primary();
    while (peek() === '-a') {
      pos++;
      const r = primary();
      v = v && r;
    }
    return v;
  };
  const orExpr = (): boolean => {
    let v = andExpr();
    while (peek() === '-o') {
      pos++;
      const r = andExpr();
      v = v || r;
    }
    return v;
  };
  if (args.length === 0) return false;
  const v = orExpr();
  if (pos < args.length) throw new ShellError(`${name}: too many arguments`, 2);
  return v;
}

async function runTest(sh: Interpreter, argv: string[]): Promise<number> {
  const name = argv[0]!;
  let args = argv.slice(1);
  if (name === '[') {
    if (args[args.length - 1] !== ']') throw new ShellError("[: missing `]'", 2);
    args = args.slice(0, -1);
  }
  return evaluate(sh, name, args) ? 0 : 1;
}

export const testBuiltins: Builtin[] = [
  { name: 'test', synopsis: 'test [expr]', run: runTest },
  { name: '[', synopsis: '[ arg... ]', run: runTest },
];
