/**
 * Defining a file program on the shared tool frame (lib/tool.ts): the registry entry with Tab
 * completion words derived from the option table, and small helpers every file program uses.
 */
import type { Process } from '../../../kernel/process.js';
import type { OptionDef, ParseResult } from '../../lib/getopt.js';
import { tryHelp } from '../../lib/messages.js';
import { runTool, type Tool, type ToolSpec } from '../../lib/tool.js';
import { defineProgram } from '../../registry.js';

export type ToolBody = (tool: Tool, parsed: ParseResult) => Promise<number>;

/** The words Tab completion offers for an option table. */
export function optionWords(defs: readonly OptionDef[]): string[] {
  const words: string[] = [];
  for (const d of defs) {
    if (d.short) words.push(`-${d.short}`);
    if (d.long) words.push(`--${d.long}`);
  }
  return [...new Set([...words, '--help', '--version'])];
}

export function defineTool(spec: ToolSpec, body: ToolBody, memory: { vszKb?: number; rssKb?: number } = {}): void {
  defineProgram({
    name: spec.name,
    options: optionWords(spec.options),
    main: (proc: Process) => runTool(proc, spec, body),
    ...memory,
  });
}

/** Effective user id of the process. */
export function euid(proc: Process): number {
  return proc.task.cred.euid;
}

export function umaskOf(proc: Process): number {
  return proc.task.fs.umask;
}

/** umask(2): set and return the old value. (Process has no call for it; the field is the kernel's.) */
export function setUmask(proc: Process, mask: number): number {
  const old = proc.task.fs.umask;
  proc.task.fs.umask = mask & 0o777;
  return old;
}

/** Did the user answer yes? (coreutils' yesno(): the first character is y or Y.) */
export async function yesno(proc: Process): Promise<boolean> {
  let line = '';
  for (;;) {
    const chunk = await proc.read(0, 1);
    if (chunk === '' || chunk === '\n') break;
    line += chunk;
  }
  return /^[yY]/.test(line);
}

/**
 * XARGMATCH: an option argument that must be one of a list (unique prefixes allowed). On failure,
 * argmatch_invalid + argmatch_valid + usage(1), as coreutils is configured (ARGMATCH_DIE).
 */
export async function argmatch(tool: Tool, context: string, value: string, choices: Record<string, string>): Promise<string> {
  if (value in choices) return choices[value]!;
  const matches = Object.keys(choices).filter((k) => k.startsWith(value));
  const targets = new Set(matches.map((m) => choices[m]));
  if (matches.length > 0 && targets.size === 1) return choices[matches[0]!]!;
  await tool.warn(`${matches.length ? 'ambiguous' : 'invalid'} argument \`${value}' for \`${context}'`);
  let text = 'Valid arguments are:';
  let last: string | undefined;
  for (const [k, v] of Object.entries(choices)) {
    text += v === last ? `, \`${k}'` : `\n  - \`${k}'`;
    last = v;
  }
  await tool.errText(text + '\n' + tryHelp(tool.name));
  return tool.exit(1);
}

/** usage(EXIT_FAILURE) after a message already printed: the "Try" line, status 1. */
export async function tryHelpExit(tool: Tool): Promise<never> {
  await tool.errText(tryHelp(tool.name));
  return tool.exit(1);
}
