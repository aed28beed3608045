/**
 * The bridge between the interpreter and word expansion (core/shell/expand.ts): variables,
 * command substitution in a forked subshell, globbing against the emulated filesystem.
 */
import { SyscallError } from '../../kernel/errno.js';
import { ArithError, evaluateArith } from '../arith.js';
import type { ArithWord, Assignment, HereDoc, Script } from '../ast.js';
import {
  ExpansionError,
  expandArith,
  expandAssignment,
  expandHereDoc,
  expandRedirectTarget,
  expandRegex,
  expandWord,
  expandWords,
  matchesPatternWord,
  type ExpandContext,
} from '../expand.js';
import type { Word } from '../word.js';
import { ShellError } from './control.js';
import type { Interpreter } from './execute.js';
import { optionFlags } from './builtins/variables.js';

export class Expander {
  /** Exit status of the last command substitution, which becomes $? of an assignment-only command. */
  lastSubstitutionStatus: number | undefined;
  private readonly ctx: ExpandContext;

  constructor(private readonly sh: Interpreter) {
    const st = () => sh.state;
    this.ctx = {
      getVar: (name) => st().get(name),
      setVar: (name, value) => sh.assign(name, value),
      positional: () => st().positional,
      special: (name) => {
        switch (name) {
          case '?':
            return String(st().lastStatus);
          case '$':
            return String(this.shellPid());
          case '!':
            return st().lastBackgroundPid === undefined ? undefined : String(st().lastBackgroundPid);
          case '-':
            return optionFlags(st().options);
          case '0':
            return st().arg0;
        }
      },
      homeOf: (user) => this.homeOf(user),
      commandSubstitution: (script, text) => this.substitute(script, text),
      fs: {
        readdir: (path) => {
          try {
            return sh.proc.fs.readdir(path).filter((n) => n !== '.' && n !== '..');
          } catch (e) {
            if (e instanceof SyscallError) return null;
            throw e;
          }
        },
        isDirectory: (path) => {
          try {
            return sh.proc.fs.stat(path).type === 'dir';
          } catch (e) {
            if (e instanceof SyscallError) return false;
            throw e;
          }
        },
      },
      get noglob() {
        return st().options.noglob;
      },
      get nounset() {
        return st().options.nounset;
      },
      getArray: (name) => st().vars.get(name)?.array ?? (st().vars.has(name) ? [st().get(name)!] : undefined),
      varNames: () => [...st().vars.keys()],
    };
  }

  /** $$ is the pid of the top-level shell, even inside subshells. */
  private shellPid(): number {
    return this.sh.state.shellPid || this.sh.proc.pid;
  }

  private homeOf(user: string | null): string | undefined {
    if (user === null) return this.sh.state.get('HOME');
    try {
      // Synchronous read is impossible through file descriptors; /etc/passwd is small, use the cached copy.
      return this.passwdHome(user);
    } catch {
      return undefined;
    }
  }

  /** Home directories from /etc/passwd, read once per shell (tilde expansion must be synchronous). */
  passwd: Map<string, string> | undefined;
  private passwdHome(user: string): string | undefined {
    return this.passwd?.get(user);
  }

  /** Load /etc/passwd for ~user expansion (called at shell start-up). */
  async loadPasswd(): Promise<void> {
    try {
      const text = await this.sh.proc.readFile('/etc/passwd');
      this.passwd = new Map(
        text
          .split('\n')
          .map((l) => l.split(':'))
          .filter((f) => f.length >= 6)
          .map((f) => [f[0]!, f[5]!]),
      );
    } catch {
      this.passwd = new Map();
    }
  }

  /** $(…): run the script in a forked subshell with stdout on a pipe, read it all, wait. */
  private async substitute(script: Script, text: string): Promise<string> {
    const proc = this.sh.proc;
    const [r, w] = proc.pipe();
    const pid = proc.fork(async (child) => {
      child.close(r);
      child.dup2(w, 1);
      child.close(w);
      const sub = this.sh.subshell(child);
      try {
        return await sub.runScript(script, text);
      } catch (e) {
        return sub.exitStatusOf(e);
      }
    });
    proc.close(w);
    let output: string;
    try {
      output = await proc.readAll(r);
    } finally {
      proc.close(r);
    }
    const result = await proc.waitpid(pid);
    const s = result?.status;
    this.lastSubstitutionStatus = s?.kind === 'exited' ? s.code : s?.kind === 'signaled' ? 128 + s.signal : 0;
    this.sh.state.lastStatus = this.lastSubstitutionStatus;
    return output;
  }

  private async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (e) {
      if (e instanceof ExpansionError) throw new ShellError(e.message, 1);
      if (e instanceof ArithError) throw new ShellError(e.message, 1);
      throw e;
    }
  }

  words(words: readonly Word[]): Promise<string[]> {
    this.lastSubstitutionStatus = undefined;
    return this.guard(() => expandWords(words, this.ctx));
  }

  single(word: Word): Promise<string> {
    return this.guard(() => expandWord(word, this.ctx));
  }

  redirectTarget(word: Word): Promise<string> {
    return this.guard(() => expandRedirectTarget(word, this.ctx));
  }

  async assignmentValue(a: Assignment): Promise<string> {
    const v = await this.guard(() => expandAssignment(a, this.ctx));
    const value = Array.isArray(v) ? v.join(' ') : v;
    if (a.append) return (this.sh.state.get(a.name) ?? '') + value;
    return value;
  }

  hereDoc(doc: HereDoc): Promise<string> {
    return this.guard(() => expandHereDoc(doc, this.ctx));
  }

  arithmetic(expr: ArithWord): Promise<bigint> {
    return this.guard(() => expandArith(expr, this.ctx));
  }

  /** `let` and `declare -i`: arithmetic on plain text. */
  async arithmeticText(text: string): Promise<bigint> {
    return this.guard(async () => evaluateArith(text, { get: (n) => this.sh.state.get(n), set: (n, v) => this.sh.assign(n, v), nounset: this.sh.state.options.nounset }));
  }

  matches(subject: string, pattern: Word): Promise<boolean> {
    return this.guard(() => matchesPatternWord(subject, pattern, this.ctx));
  }

  regexSource(word: Word): Promise<string> {
    return this.guard(() => expandRegex(word, this.ctx));
  }
}
