/** awk (GNU Awk 3.1.3, installed as /bin/awk and /bin/gawk): pattern scanning and processing. */
import { SyscallError } from '../../../kernel/errno.js';
import type { Process } from '../../../kernel/process.js';
import { defineProgram } from '../../registry.js';
import { versionText } from '../../lib/messages.js';
import { runTool, type ToolSpec } from '../../lib/tool.js';
import { AwkFatal, Interpreter } from './interp.js';
import { LexError, unescapeString } from './lexer.js';
import { AwkSyntaxError, parseAwk } from './parser.js';

const USAGE = `Usage: awk [POSIX or GNU style options] -f progfile [--] file ...
Usage: awk [POSIX or GNU style options] [--] 'program' file ...
POSIX options:\t\tGNU long options:
\t-f progfile\t\t--file=progfile
\t-F fs\t\t\t--field-separator=fs
\t-v var=val\t\t--assign=var=val
\t-m[fr] val
\t-W compat\t\t--compat
\t-W copyleft\t\t--copyleft
\t-W copyright\t\t--copyright
\t-W dump-variables[=file]\t--dump-variables[=file]
\t-W gen-po\t\t--gen-po
\t-W help\t\t\t--help
\t-W lint[=fatal]\t\t--lint[=fatal]
\t-W lint-old\t\t--lint-old
\t-W non-decimal-data\t--non-decimal-data
\t-W profile[=file]\t--profile[=file]
\t-W posix\t\t--posix
\t-W re-interval\t\t--re-interval
\t-W source=program-text\t--source=program-text
\t-W traditional\t\t--traditional
\t-W usage\t\t--usage
\t-W version\t\t--version

To report bugs, see node \`Bugs' in \`gawk.info', which is
section \`Reporting Problems and Bugs' in the printed version.

gawk is a pattern scanning and processing language.
By default it reads standard input and writes standard output.

Examples:
\tgawk '{ sum += $1 }; END { print sum }' file
\tgawk -F: '{ print $1 }' /etc/passwd
`;

const SPEC: ToolSpec = {
  name: 'awk',
  suite: 'gawk',
  help: USAGE,
  usageStatus: 2,
  usageHint: () => USAGE,
  // gawk stops at the program text: options after it are operands.
  settings: { posixOrder: true },
  options: [
    { short: 'F', long: 'field-separator', arg: 'required' },
    { short: 'v', long: 'assign', arg: 'required' },
    { short: 'f', long: 'file', arg: 'required' },
    { short: 'm', arg: 'required' },
    { short: 'W', arg: 'required' },
    { long: 'source', key: 'source', arg: 'required' },
    { long: 'usage', key: 'help' },
    { long: 'posix', key: 'ignore' },
    { long: 'traditional', key: 'ignore' },
    { long: 'compat', key: 'ignore' },
    { long: 're-interval', key: 'ignore' },
    { long: 'lint', key: 'ignore', arg: 'optional' },
    { long: 'non-decimal-data', key: 'ignore' },
  ],
};

interface Source {
  text: string;
  /** "cmd. line" or the -f file's name. */
  name: string;
}

/** "awk: cmd. line:1: BEGIN {" then the caret line, as gawk shows a syntax error. */
function syntaxMessage(sources: Source[], joined: string, pos: number, message: string): string {
  let offset = 0;
  let src = sources[0]!;
  for (const s of sources) {
    if (pos <= offset + s.text.length) {
      src = s;
      break;
    }
    offset += s.text.length + 1;
  }
  const rel = Math.max(0, Math.min(pos - offset, src.text.length));
  const before = src.text.slice(0, rel);
  const lineNo = before.split('\n').length;
  const lineStart = before.lastIndexOf('\n') + 1;
  const lineEnd = src.text.indexOf('\n', lineStart);
  const lineText = src.text.slice(lineStart, lineEnd < 0 ? undefined : lineEnd);
  const prefix = `awk: ${src.name}:${lineNo}: `;
  void joined;
  return `${prefix}${lineText}\n${prefix}${' '.repeat(rel - lineStart)}^ ${message}\n`;
}

async function awkMain(proc: Process): Promise<number> {
  return runTool(proc, SPEC, async (tool, { options, operands }) => {
    const sources: Source[] = [];
    const assigns: [string, string][] = [];
    let fs: string | undefined;
    for (const o of options) {
      const v = o.value ?? '';
      if (o.key === 'F') fs = v === 't' ? '\t' : unescapeString(v);
      else if (o.key === 'v') {
        const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(v);
        if (!m) return tool.fatal(`\`${v}' argument to \`-v' not in \`var=value' form`, 2);
        assigns.push([m[1]!, m[2]!]);
      } else if (o.key === 'f') {
        try {
          sources.push({ text: (v === '-' ? await proc.readAll(0) : await proc.readFile(v)).replace(/\n$/, ''), name: v });
        } catch (e) {
          if (e instanceof SyscallError) return tool.fatal(`fatal: can't open source file \`${v}' for reading (${e.message})`, 2);
          throw e;
        }
      } else if (o.key === 'source') sources.push({ text: v, name: 'cmd. line' });
      else if (o.key === 'W') {
        const w = v.split('=')[0]!;
        if ('version'.startsWith(w) && w.length > 0) {
          tool.out.put(versionText('gawk', 'awk'));
          return 0;
        }
        if (('help'.startsWith(w) || 'usage'.startsWith(w)) && w.length > 0) {
          tool.out.put(USAGE);
          return 0;
        }
        if (w.startsWith('source')) sources.push({ text: v.slice(v.indexOf('=') + 1), name: 'cmd. line' });
      }
    }
    const args = [...operands];
    if (sources.length === 0) {
      const text = args.shift();
      if (text === undefined) {
        await tool.errText(USAGE);
        return 2;
      }
      sources.push({ text, name: 'cmd. line' });
    }
    const joined = sources.map((s) => s.text).join('\n');
    let program;
    try {
      program = parseAwk(joined);
    } catch (e) {
      if (e instanceof AwkSyntaxError || e instanceof LexError) {
        await tool.errText(syntaxMessage(sources, joined, e.pos, e.message));
        return 1;
      }
      throw e;
    }
    const interp: Interpreter = new Interpreter(proc, program, tool.out, (m: string): Promise<void> => tool.warn(`${sources[0]!.name}:${interp.line}: ${m}`));
    interp.setArgv(['awk', ...args]);
    if (fs !== undefined) interp.setVar('FS', fs);
    const where = () => `${sources.length === 1 ? sources[0]!.name : 'cmd. line'}:${interp.line}`;
    try {
      for (const [name, value] of assigns) interp.assignFromCommandLine(name, value, unescapeString);
      return await interp.run();
    } catch (e) {
      if (e instanceof AwkFatal) {
        await interp.flushAll().catch(() => {});
        await tool.warn(`${where()}: ${interp.contextPrefix()}fatal: ${e.message}`);
        return 2;
      }
      throw e;
    }
  });
}

defineProgram({ name: 'awk', main: awkMain, options: ['-F', '-v', '-f', '--version'] });
defineProgram({ name: 'gawk', main: awkMain, options: ['-F', '-v', '-f', '--version'] });
