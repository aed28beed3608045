/**
 * The frame every text tool runs in: option parsing with --help/--version, messages prefixed with
 * the program's name, buffered standard output, and the error paths (usage errors, write errors)
 * that must end in a message and an exit status, never a JavaScript exception.
 */
import { SyscallError } from '../../kernel/errno.js';
import type { Process } from '../../kernel/process.js';
import { getopt, HELP_VERSION, UsageError, type OptionDef, type ParseResult, type ParseSettings } from './getopt.js';
import { Output, WriteFailed } from './io.js';
import { tryHelp, versionText, type Suite } from './messages.js';

export interface ToolSpec {
  /** Canonical name (the program file's name). */
  name: string;
  suite: Suite;
  /** The whole --help text. */
  help: string;
  options: readonly OptionDef[];
  /** The "Written by" line of coreutils' --version. */
  authors?: string;
  /** Exit status of a usage error: 1 for most coreutils, 2 for grep and sort. */
  usageStatus?: number;
  /** What follows a usage error's first line; coreutils print only the "Try" line. */
  usageHint?: (name: string) => string;
  settings?: ParseSettings;
  /** coreutils print argv[0] as given (`/bin/cat: x: …`); grep, sed and gawk print the base name. */
  nameStyle?: 'argv0' | 'basename';
}

/** Thrown to end the program with a status after its message has been printed. */
class ToolExit extends Error {
  constructor(readonly status: number) {
    super(`exit ${status}`);
  }
}

export class Tool {
  readonly name: string;
  readonly out: Output;

  constructor(
    readonly proc: Process,
    readonly spec: ToolSpec,
  ) {
    const argv0 = proc.argv[0] ?? spec.name;
    const style = spec.nameStyle ?? (spec.suite === 'coreutils' ? 'argv0' : 'basename');
    this.name = style === 'argv0' ? argv0 : argv0.slice(argv0.lastIndexOf('/') + 1) || spec.name;
    this.out = new Output(proc);
  }

  /** Parse the arguments. --help and --version print and end the program; errors end it with the usage status. */
  async parse(args: readonly string[] = this.proc.argv.slice(1)): Promise<ParseResult> {
    let parsed: ParseResult;
    try {
      parsed = getopt(args, [...this.spec.options, ...HELP_VERSION], {
        posixOrder: this.proc.env.POSIXLY_CORRECT !== undefined,
        ...this.spec.settings,
      });
    } catch (e) {
      if (e instanceof UsageError) return this.usageError(e.message);
      throw e;
    }
    for (const o of parsed.options) {
      if (o.key === 'help') return this.printAndExit(this.spec.help);
      if (o.key === 'version') return this.printAndExit(versionText(this.spec.suite, this.spec.name, this.spec.authors));
    }
    return parsed;
  }

  private async printAndExit(text: string): Promise<never> {
    this.out.put(text);
    throw new ToolExit(0);
  }

  /** "PROG: message" on standard error (after what stdout has buffered, to keep the screen's order). */
  async warn(message: string): Promise<void> {
    await this.out.flush();
    await this.proc.err(`${this.name}: ${message}\n`);
  }

  /** Raw text on standard error. */
  async errText(text: string): Promise<void> {
    await this.out.flush();
    await this.proc.err(text);
  }

  /** A usage error: the message, then the tool's hint, then exit with the usage status. */
  async usageError(message: string): Promise<never> {
    await this.warn(message);
    await this.proc.err((this.spec.usageHint ?? tryHelp)(this.name));
    throw new ToolExit(this.spec.usageStatus ?? 1);
  }

  /** Only the usage hint (grep without a pattern), then exit with the usage status. */
  async usage(): Promise<never> {
    await this.errText((this.spec.usageHint ?? tryHelp)(this.name));
    throw new ToolExit(this.spec.usageStatus ?? 1);
  }

  /** Print "PROG: message" and end with the status. */
  async fatal(message: string, status = 1): Promise<never> {
    await this.warn(message);
    throw new ToolExit(status);
  }

  /** End now with a status (output is flushed by run()). */
  exit(status: number): never {
    throw new ToolExit(status);
  }
}

/**
 * Run a tool's body and turn its ways of ending into an exit status. A SyscallError that escapes
 * the body is a bug in the tool, but it still ends as a message, not a stack trace.
 */
export async function runTool(
  proc: Process,
  spec: ToolSpec,
  body: (tool: Tool, parsed: ParseResult) => Promise<number>,
  /** The arguments to parse, when the tool rewrote obsolete forms (head -5); argv[1..] by default. */
  args?: readonly string[],
): Promise<number> {
  const tool = new Tool(proc, spec);
  let status: number;
  try {
    status = await body(tool, await tool.parse(args));
  } catch (e) {
    status = await handleEnd(tool, e);
  }
  try {
    await tool.out.flush();
  } catch (e) {
    status = await handleEnd(tool, e);
  }
  return status;
}

async function handleEnd(tool: Tool, e: unknown): Promise<number> {
  if (e instanceof ToolExit) return e.status;
  if (e instanceof WriteFailed) {
    await tool.proc.err(`${tool.name}: write error: ${e.error.message}\n`);
    return 1;
  }
  if (e instanceof SyscallError) {
    await tool.proc.err(`${tool.name}: ${e.message}\n`);
    return 1;
  }
  throw e;
}

/** Split "PROG [OPTION]..." usage texts: most tools print the first line plus option lines. */
export function helpText(lines: readonly string[], footer = '\nReport bugs to <bug-coreutils@gnu.org>.\n'): string {
  return lines.join('\n') + '\n' + footer;
}
