/**
 * Everything a shell remembers between commands: variables, functions, aliases, options,
 * positional parameters. A subshell gets a deep copy, so nothing it changes leaks back.
 */
import type { FunctionDef } from '../ast.js';

export interface Variable {
  value: string;
  /** Indexed array values, when the variable is an array. */
  array?: string[];
  exported: boolean;
  readonly: boolean;
  integer?: boolean;
}

export interface ShellOptions {
  errexit: boolean;
  nounset: boolean;
  xtrace: boolean;
  noglob: boolean;
  noclobber: boolean;
  pipefail: boolean;
  /** Job control (set -m): on in interactive shells. */
  monitor: boolean;
  /** Report finished jobs immediately (set -b). */
  notify: boolean;
  verbose: boolean;
  hashall: boolean;
  interactive: boolean;
  login: boolean;
  histexpand: boolean;
}

export class ShellState {
  vars = new Map<string, Variable>();
  functions = new Map<string, FunctionDef>();
  aliases = new Map<string, string>();
  /** $1…, without $0. */
  positional: string[] = [];
  /** $0 */
  arg0 = 'bash';
  options: ShellOptions = {
    errexit: false,
    nounset: false,
    xtrace: false,
    noglob: false,
    noclobber: false,
    pipefail: false,
    monitor: false,
    notify: false,
    verbose: false,
    hashall: true,
    interactive: false,
    login: false,
    histexpand: false,
  };
  lastStatus = 0;
  lastBackgroundPid: number | undefined;
  /** Signal number (0 = EXIT) → command text. */
  traps = new Map<number, string>();
  /** Stack of saved variables for `local` in functions (undefined = did not exist). */
  localFrames: Map<string, Variable | undefined>[] = [];
  /** Command hash table (hash builtin): name → full path. */
  hashed = new Map<string, string>();
  /** Depth of function calls (FUNCNAME-like, for `return` outside a function). */
  functionDepth = 0;
  /** Depth of sourced files (`return` is allowed there too). */
  sourceDepth = 0;
  loopDepth = 0;
  /** Line number in a script, for error messages ("line 3: …"). */
  lineNumber = 0;
  umask = 0o022;
  /** Error messages name the script and line ("x.sh: line 3: ") when running a script file. */
  scriptErrors = false;
  /** $$: the pid of the shell that was started, kept by subshells. */
  shellPid = 0;

  get(name: string): string | undefined {
    return this.vars.get(name)?.value;
  }

  /** Assign, keeping the exported flag. Returns false for a read-only variable. */
  set(name: string, value: string, options: { exported?: boolean } = {}): boolean {
    const existing = this.vars.get(name);
    if (existing?.readonly) return false;
    if (existing) {
      existing.value = value;
      existing.array = undefined;
      if (options.exported) existing.exported = true;
    } else {
      this.vars.set(name, { value, exported: options.exported ?? false, readonly: false });
    }
    return true;
  }

  unset(name: string): boolean {
    const existing = this.vars.get(name);
    if (existing?.readonly) return false;
    this.vars.delete(name);
    return true;
  }

  /** The environment passed to programs: exported variables. */
  environment(): Record<string, string> {
    const env: Record<string, string> = {};
    for (const [name, v] of this.vars) if (v.exported) env[name] = v.value;
    return env;
  }

  clone(): ShellState {
    const copy = new ShellState();
    for (const [k, v] of this.vars) copy.vars.set(k, { ...v, array: v.array ? [...v.array] : undefined });
    copy.functions = new Map(this.functions);
    copy.aliases = new Map(this.aliases);
    copy.positional = [...this.positional];
    copy.arg0 = this.arg0;
    copy.options = { ...this.options };
    copy.lastStatus = this.lastStatus;
    copy.lastBackgroundPid = this.lastBackgroundPid;
    copy.traps = new Map(this.traps);
    copy.localFrames = this.localFrames.map((f) => new Map(f));
    copy.hashed = new Map(this.hashed);
    copy.functionDepth = this.functionDepth;
    copy.sourceDepth = this.sourceDepth;
    copy.loopDepth = this.loopDepth;
    copy.lineNumber = this.lineNumber;
    copy.umask = this.umask;
    copy.shellPid = this.shellPid;
    copy.scriptErrors = this.scriptErrors;
    return copy;
  }
}
