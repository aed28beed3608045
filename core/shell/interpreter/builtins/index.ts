/** The shell's builtin commands, by name. */
import type { Interpreter } from '../execute.js';
import { basicBuiltins } from './basic.js';
import { jobBuiltins } from './jobs.js';
import { systemBuiltins } from './system.js';
import { testBuiltins } from './test.js';
import { variableBuiltins } from './variables.js';

export interface Builtin {
  name: string;
  /** POSIX special builtins: assignments before them persist, errors can end a script. */
  special?: boolean;
  /** One line for `help`. */
  synopsis: string;
  run(sh: Interpreter, argv: string[]): Promise<number>;
}

const table = new Map<string, Builtin>();
for (const b of [...basicBuiltins, ...variableBuiltins, ...jobBuiltins, ...systemBuiltins, ...testBuiltins]) table.set(b.name, b);

export function findBuiltin(name: string): Builtin | undefined {
  return table.get(name);
}

export function builtinNames(): string[] {
  return [...table.keys()].sort();
}

export function allBuiltins(): Builtin[] {
  return [...table.values()].sort((a, b) => a.name.localeCompare(b.name));
}
