/** Small line tools: tac (coreutils), rev (util-linux), nl (coreutils). */
import { defineProgram } from '../registry.js';
import { eachInput } from '../lib/inputs.js';
import { Reader } from '../lib/io.js';
import { MSG } from '../lib/messages.js';
import { compileRegex, RegexError } from '../lib/regex.js';
import { runTool, type ToolSpec } from '../lib/tool.js';

const TAC_HELP = `Usage: tac [OPTION]... [FILE]...
Write each FILE to standard output, last line first.
With no FILE, or when FILE is -, read standard input.

Mandatory arguments to long options are mandatory for short options too.
  -b, --before             attach the separator before instead of after
  -r, --regex              interpret the separator as a regular expression
  -s, --separator=STRING   use STRING as the separator instead of newline
      --help     display this help and exit
      --version  output version information and exit

Report bugs to <bug-coreutils@gnu.org>.
`;

const TAC: ToolSpec = {
  name: 'tac',
  suite: 'coreutils',
  help: TAC_HELP,
  authors: 'Jay Lepreau and David MacKenzie',
  options: [
    { short: 'b', long: 'before' },
    { short: 'r', long: 'regex' },
    { short: 's', long: 'separator', arg: 'required' },
  ],
};

/** Records of a text, each with its separator attached after (or before with -b), last first. */
export function tacText(text: string, sep: string, before: boolean): string {
  if (text === '') return '';
  const parts = text.split(sep);
  const records: string[] = [];
  if (before) {
    // "a\nb\nc" with -b: records are "a", "\nb", "\nc".
    records.push(parts[0]!);
    for (let i = 1; i < parts.length; i++) records.push(sep + parts[i]!);
    if (records[0] === '') records.shift();
  } else {
    for (let i = 0; i < parts.length - 1; i++) records.push(parts[i]! + sep);
    if (parts[parts.length - 1] !== '') records.push(parts[parts.length - 1]!);
  }
  return records.reverse().join('');
}

defineProgram({
  name: 'tac',
  main: (proc) =>
    runTool(proc, TAC, async (tool, { options, operands }) => {
      let sep = '\n';
      let before = false;
      for (const o of options) {
        if (o.key === 's') {
          if (o.value === '') return tool.fatal('separator cannot be empty');
          sep = o.value!;
        } else if (o.key === 'b') before = true;
      }
      const ok = await eachInput(
        tool,
        operands,
        async (fd) => {
          const text = await new Reader(proc, fd, tool.out).rest();
          tool.out.put(tacText(text, sep, before));
        },
        (name, reason, phase) => (phase === 'open' ? MSG.cannotOpen(name, reason) : `${name}: read error: ${reason}`),
      );
      return ok ? 0 : 1;
    }),
});

// ----- rev ---------------------------------------------------------------------------------------

const REV: ToolSpec = {
  name: 'rev',
  suite: 'util-linux',
  help: 'usage: rev [file ...]\n',
  options: [],
  usageHint: () => 'usage: rev [file ...]\n',
};

defineProgram({
  name: 'rev',
  main: (proc) =>
    runTool(proc, REV, async (tool, { operands }) => {
      const ok = await eachInput(tool, operands, async (fd) => {
        const reader = new Reader(proc, fd, tool.out);
        for (let line = await reader.line(); line; line = await reader.line()) {
          tool.out.put([...line.text].reverse().join('') + (line.nl ? '\n' : ''));
          await tool.out.tick();
        }
      });
      return ok ? 0 : 1;
    }),
});

// ----- nl ----------------------------------------------------------------------------------------

const NL_HELP = `Usage: nl [OPTION]... [FILE]...
Write each FILE to standard output, with line numbers added.
With no FILE, or when FILE is -, read standard input.

Mandatory arguments to long options are mandatory for short options too.
  -b, --body-numbering=STYLE      use STYLE for numbering body lines
  -d, --section-delimiter=CC      use CC for separating logical pages
  -f, --footer-numbering=STYLE    use STYLE for numbering footer lines
  -h, --header-numbering=STYLE    use STYLE for numbering header lines
  -i, --page-increment=NUMBER     line number increment at each line
  -l, --join-blank-lines=NUMBER   group of NUMBER empty lines counted as one
  -n, --number-format=FORMAT      insert line numbers according to FORMAT
  -p, --no-renumber               do not reset line numbers at logical pages
  -s, --number-separator=STRING   add STRING after (possible) line number
  -v, --first-page=NUMBER         first line number on each logical page
  -w, --number-width=NUMBER       use NUMBER columns for line numbers
      --help     display this help and exit
      --version  output version information and exit

By default, selects -v1 -i1 -l1 -sTAB -w6 -nrn -hn -bt -fn.  CC are
two delimiter characters for separating logical pages, a missing
second character implies :.  Type \\\\ for \\.  STYLE is one of:

  a         number all lines
  t         number only nonempty lines
  n         number no lines
  pBRE      number only lines that contain a match for the basic regular
              expression, BRE

FORMAT is one of:

  ln   left justified, no leading zeros
  rn   right justified, no leading zeros
  rz   right justified, leading zeros


Report bugs to <bug-coreutils@gnu.org>.
`;

const NL: ToolSpec = {
  name: 'nl',
  suite: 'coreutils',
  help: NL_HELP,
  authors: 'Scott Bartram and David MacKenzie',
  options: [
    { short: 'b', long: 'body-numbering', arg: 'required' },
    { short: 'd', long: 'section-delimiter', arg: 'required' },
    { short: 'f', long: 'footer-numbering', arg: 'required' },
    { short: 'h', long: 'header-numbering', arg: 'required' },
    { short: 'i', long: 'page-increment', arg: 'required' },
    { short: 'l', long: 'join-blank-lines', arg: 'required' },
    { short: 'n', long: 'number-format', arg: 'required' },
    { short: 'p', long: 'no-renumber' },
    { short: 's', long: 'number-separator', arg: 'required' },
    { short: 'v', long: 'first-page', arg: 'required' },
    { short: 'w', long: 'number-width', arg: 'required' },
  ],
};

defineProgram({
  name: 'nl',
  main: (proc) =>
    runTool(proc, NL, async (tool, { options, operands }) => {
      let style = 't';
      let regex: RegExp | undefined;
      let format = 'rn';
      let width = 6;
      let sep = '\t';
      let next = 1;
      let incr = 1;
      const int = async (v: string, what: string) => {
        if (!/^-?\d+$/.test(v)) return tool.fatal(`invalid ${what}: \`${v}'`);
        return Number(v);
      };
      for (const o of options) {
        const v = o.value ?? '';
        if (o.key === 'b') {
          if (v.startsWith('p')) {
            try {
              regex = compileRegex(v.slice(1));
            } catch (e) {
              if (e instanceof RegexError) return tool.fatal(e.message);
              throw e;
            }
          } else if (!['a', 't', 'n'].includes(v)) return tool.fatal(`invalid body numbering style: \`${v}'`);
          style = v[0]!;
        } else if (o.key === 'n') {
          if (!['ln', 'rn', 'rz'].includes(v)) return tool.fatal(`invalid line numbering format: \`${v}'`);
          format = v;
        } else if (o.key === 'w') width = await int(v, 'line number field width');
        else if (o.key === 's') sep = v;
        else if (o.key === 'v') next = await int(v, 'starting line number');
        else if (o.key === 'i') incr = await int(v, 'line number increment');
      }
      const blank = ' '.repeat(width + sep.length);
      const number = (n: number) => {
        const s = String(n);
        return format === 'ln' ? s.padEnd(width) : format === 'rz' ? s.padStart(width, '0') : s.padStart(width);
      };
      const ok = await eachInput(tool, operands, async (fd) => {
        const reader = new Reader(proc, fd, tool.out);
        for (let line = await reader.line(); line; line = await reader.line()) {
          const numbered = style === 'a' || (style === 't' && line.text !== '') || (style === 'p' && regex!.test(line.text));
          if (numbered) {
            tool.out.put(number(next) + sep);
            next += incr;
          } else tool.out.put(blank);
          tool.out.put(line.text + (line.nl ? '\n' : ''));
          await tool.out.tick();
        }
      });
      return ok ? 0 : 1;
    }),
});
