/**
 * The frame of util-vserver's C tools (showattr, setattr, lsxid, chxid, vdu, vdlimit): buffered
 * standard output, messages on standard error after what stdout holds, glibc getopt_long with its
 * own error line followed by the tool's "Try" hint, and ending with a status from anywhere.
 * util-vserver writes its own messages (perror, WRITE_MSG), never GNU's `tool: …` wording.
 */
import { SyscallError } from '../../../kernel/errno.js';
import type { Process } from '../../../kernel/process.js';
import { getopt, UsageError, type OptionDef, type ParseResult } from '../../lib/getopt.js';
import { Output, WriteFailed } from '../../lib/io.js';
import { PACKAGE_STRING, PACKAGE_VERSION } from '../../vserver/manage/paths.js';

/** Thrown to end the tool with a status once its messages are printed. */
class ToolExit {
  constructor(readonly status: number) {}
}

export class UvTool {
  readonly out: Output;
  /** argv[0] as typed: util-vserver's usage and "Try" lines name the program this way. */
  readonly argv0: string;

  constructor(
    readonly proc: Process,
    /** The program's own name (the --version line). */
    readonly name: string,
    /** The argument vector (the process's, unless another tool runs this one's code in-process). */
    readonly argv: readonly string[] = proc.argv,
  ) {
    this.out = new Output(proc);
    this.argv0 = argv[0] ?? name;
  }

  print(text: string): void {
    this.out.put(text);
  }

  /** Raw text on standard error, after standard output's pending text. */
  async err(text: string): Promise<void> {
    await this.out.flush();
    await this.proc.err(text);
  }

  /** perror(3): `<what>: <strerror>`. */
  perror(what: string, e: SyscallError): Promise<void> {
    return this.err(`${what}: ${e.message}\n`);
  }

  /** Print on standard error and end with `status`. */
  async fail(text: string, status = 1): Promise<never> {
    await this.err(text);
    throw new ToolExit(status);
  }

  exit(status: number): never {
    throw new ToolExit(status);
  }

  /**
   * getopt_long: on an unknown option or a missing argument, glibc's line (`setattr: invalid
   * option -- z`) then the tool's hint, and the tool's status.
   */
  async options(defs: readonly OptionDef[], hint: string, status: number, posixOrder = false): Promise<ParseResult> {
    try {
      return getopt(this.argv.slice(1), defs, { posixOrder });
    } catch (e) {
      if (!(e instanceof UsageError)) throw e;
      return this.fail(`${this.argv0}: ${e.message}\n${hint}`, status);
    }
  }

  /** showVersion(): the banner every util-vserver C tool prints for --version. */
  version(description: string, copyrightYear: number): never {
    this.print(
      `${this.name} ${PACKAGE_VERSION} -- ${description}\n` +
        `This program is part of ${PACKAGE_STRING}\n\n` +
        `Copyright (C) ${copyrightYear} Enrico Scholz\n` +
        'This program is free software; you may redistribute it under the terms of\n' +
        'the GNU General Public License.  This program has absolutely no warranty.\n',
    );
    throw new ToolExit(0);
  }

  /** showHelp(): print the usage text and end with 0. */
  help(text: string): never {
    this.print(text);
    throw new ToolExit(0);
  }
}

/** Run a tool's body: its exit, a write error or an unexpected failed call all end as a status. */
export async function runUvTool(proc: Process, name: string, body: (tool: UvTool) => Promise<number>, argv?: readonly string[]): Promise<number> {
  const tool = new UvTool(proc, name, argv);
  let status: number;
  try {
    status = await body(tool);
  } catch (e) {
    status = await ending(tool, e);
  }
  try {
    await tool.out.flush();
  } catch (e) {
    status = await ending(tool, e);
  }
  return status;
}

async function ending(tool: UvTool, e: unknown): Promise<number> {
  if (e instanceof ToolExit) return e.status;
  // A full disk or a closed pipe on stdout: the tools use write(2) and ignore its result.
  if (e instanceof WriteFailed) return 1;
  if (e instanceof SyscallError) {
    await tool.proc.err(`${tool.name}: ${e.message}\n`);
    return 1;
  }
  throw e;
}
