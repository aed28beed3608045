/**
 * The frame of the network tools (iproute2, net-tools, iputils, netcat): buffered standard
 * output, messages on standard error after what stdout holds, and ending with a status from
 * anywhere. These tools print their own usage texts and wordings, not GNU's, so they parse
 * with the shared getopt but report errors themselves.
 */
import { SyscallError } from '../../../kernel/errno.js';
import type { Process } from '../../../kernel/process.js';
import { getopt, UsageError, type OptionDef, type ParseResult } from '../../lib/getopt.js';
import { Output, WriteFailed } from '../../lib/io.js';

/** Thrown to end the tool with a status once its messages are printed. */
export class ToolExit {
  constructor(readonly status: number) {}
}

export class NetTool {
  readonly out: Output;

  constructor(
    readonly proc: Process,
    /** The name messages start with ("ping", "netstat"). */
    readonly name: string,
  ) {
    this.out = new Output(proc);
  }

  print(text: string): void {
    this.out.put(text);
  }

  /** Write what is buffered now (interactive tools: ping, nc). */
  flush(): Promise<void> {
    return this.out.flush();
  }

  /** Raw text on standard error, after standard output's pending text. */
  async err(text: string): Promise<void> {
    await this.out.flush();
    await this.proc.err(text);
  }

  /** Print on standard error and end with `status`. */
  async fail(text: string, status: number): Promise<never> {
    await this.err(text);
    throw new ToolExit(status);
  }

  exit(status: number): never {
    throw new ToolExit(status);
  }

  /**
   * getopt_long with glibc's messages ("ping: invalid option -- x"), followed by the tool's
   * usage text and `status` on error.
   */
  async options(args: readonly string[], defs: readonly OptionDef[], usage: string, status: number, posixOrder = false): Promise<ParseResult> {
    try {
      return getopt(args, defs, { posixOrder });
    } catch (e) {
      if (!(e instanceof UsageError)) throw e;
      await this.err(`${this.name}: ${e.message}\n${usage}`);
      throw new ToolExit(status);
    }
  }
}

/** Run a tool's body: its exit, a write error or an unexpected failed call all end as a status. */
export async function runNetTool(proc: Process, name: string, body: (tool: NetTool) => Promise<number>): Promise<number> {
  const tool = new NetTool(proc, name);
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

async function ending(tool: NetTool, e: unknown): Promise<number> {
  if (e instanceof ToolExit) return e.status;
  if (e instanceof WriteFailed) return 1;
  if (e instanceof SyscallError) {
    await tool.proc.err(`${tool.name}: ${e.message}\n`);
    return 1;
  }
  throw e;
}
