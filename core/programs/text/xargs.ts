/** xargs (findutils 4.1.20): build and run command lines from standard input. */
import type { Process } from '../../kernel/process.js';
import { searchPath } from '../lib/search-path.js';
import { defineProgram } from '../registry.js';
import { runTool, type ToolSpec } from '../lib/tool.js';

const HELP = `Usage: xargs [-0prtx] [-e[eof-str]] [-i[replace-str]] [-l[max-lines]]
       [-n max-args] [-s max-chars] [-P max-procs] [--null] [--eof[=eof-str]]
       [--replace[=replace-str]] [--max-lines[=max-lines]] [--interactive]
       [--max-chars=max-chars] [--verbose] [--exit] [--max-procs=max-procs]
       [--max-args=max-args] [--no-run-if-empty] [--version] [--help]
       [command [initial-arguments]]

Report bugs to <bug-findutils@gnu.org>.
`;

const SPEC: ToolSpec = {
  name: 'xargs',
  suite: 'coreutils',
  help: HELP,
  usageHint: () => HELP,
  options: [
    { short: '0', long: 'null' },
    { short: 'n', long: 'max-args', arg: 'required' },
    { short: 'I', arg: 'required' },
    { short: 'i', long: 'replace', arg: 'optional' },
    { short: 'r', long: 'no-run-if-empty' },
    { short: 't', long: 'verbose' },
    { short: 'd', long: 'delimiter', arg: 'required' },
    { short: 'P', long: 'max-procs', arg: 'required' },
    { short: 's', long: 'max-chars', arg: 'required' },
    { short: 'x', long: 'exit' },
  ],
  // Everything after the command name belongs to the command.
  settings: { posixOrder: true },
};

/** Split input into arguments the way xargs does: blanks separate, quotes and backslashes group. */
export function splitArguments(text: string): { args: string[]; error?: string } {
  const args: string[] = [];
  let cur = '';
  let inWord = false;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\n') return { args, error: `unmatched ${quote === '"' ? 'double' : 'single'} quote` };
      else cur += c;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < text.length) {
      cur += text[++i];
      inWord = true;
    } else if (c === ' ' || c === '\t' || c === '\n') {
      if (inWord) args.push(cur);
      cur = '';
      inWord = false;
    } else {
      cur += c;
      inWord = true;
    }
  }
  if (quote) return { args, error: `unmatched ${quote === '"' ? 'double' : 'single'} quote` };
  if (inWord) args.push(cur);
  return { args };
}

async function runCommand(proc: Process, argv: string[]): Promise<number> {
  const path = searchPath(proc, argv[0]!);
  if (!path) {
    await proc.err(`xargs: ${argv[0]}: No such file or directory\n`);
    return 127;
  }
  const pid = proc.spawn(path, argv, proc.env);
  const s = await proc.waitStatus(pid);
  if (s.kind === 'signaled') {
    await proc.err(`xargs: ${argv[0]}: terminated by signal ${s.signal}\n`);
    return 125;
  }
  return s.kind === 'exited' ? s.code : 0;
}

defineProgram({
  name: 'xargs',
  options: ['-0', '-n', '-I', '-r', '-t', '-d', '--null', '--max-args=', '--no-run-if-empty', '--verbose', '--help', '--version'],
  main: (proc) =>
    runTool(proc, SPEC, async (tool, parsed) => {
      let maxArgs: number | undefined;
      let replace: string | undefined;
      let nul = false;
      let delimiter: string | undefined;
      let noRunIfEmpty = false;
      let verbose = false;
      for (const o of parsed.options) {
        if (o.key === '0') nul = true;
        else if (o.key === 'n') {
          maxArgs = Number(o.value);
          if (!Number.isInteger(maxArgs) || maxArgs < 1) return tool.fatal(`value for -n option should be >= 1`, 1);
        } else if (o.key === 'I') replace = o.value;
        else if (o.key === 'i') replace = o.value ?? '{}';
        else if (o.key === 'r') noRunIfEmpty = true;
        else if (o.key === 't') verbose = true;
        else if (o.key === 'd') delimiter = o.value;
      }
      const command = parsed.operands.length ? parsed.operands : ['/bin/echo'];
      const input = await proc.readAll(0);
      let items: string[];
      if (nul || delimiter !== undefined) {
        const sep = nul ? '\0' : delimiter!.replace(/^\\n$/, '\n').replace(/^\\t$/, '\t');
        items = input.split(sep);
        if (items[items.length - 1] === '') items.pop();
      } else if (replace !== undefined) {
        items = input.split('\n').map((l) => l.replace(/^[ \t]+/, '')).filter((l) => l !== '');
      } else {
        const r = splitArguments(input);
        if (r.error) {
          await tool.warn(`${r.error}; by default quotes are special to xargs unless you use the -0 option`);
          return 1;
        }
        items = r.args;
      }
      if (items.length === 0 && (noRunIfEmpty || replace !== undefined)) return 0;
      const batches: string[][] = [];
      if (replace !== undefined) for (const item of items) batches.push(command.map((a) => a.split(replace!).join(item)));
      else if (items.length === 0) batches.push([...command]);
      else {
        const size = maxArgs ?? items.length;
        for (let i = 0; i < items.length; i += size) batches.push([...command, ...items.slice(i, i + size)]);
      }
      let status = 0;
      for (const argv of batches) {
        await proc.checkpoint();
        if (verbose) await proc.err(argv.join(' ') + '\n');
        const code = await runCommand(proc, argv);
        if (code === 127 || code === 126) return code;
        if (code === 255) {
          await tool.warn(`${argv[0]}: exited with status 255; aborting`);
          return 124;
        }
        if (code === 125) return 125;
        if (code !== 0) status = 123;
      }
      return status;
    }),
});
