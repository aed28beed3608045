/** cat (coreutils 5.2.1): concatenate files, optionally numbering lines and showing invisible characters. */
import { defineProgram } from '../registry.js';
import { eachInput } from '../lib/inputs.js';
import { Reader, utf8Bytes } from '../lib/io.js';
import { runTool, type ToolSpec } from '../lib/tool.js';

const HELP = `Usage: cat [OPTION] [FILE]...
Concatenate FILE(s), or standard input, to standard output.

  -A, --show-all           equivalent to -vET
  -b, --number-nonblank    number nonblank output lines
  -e                       equivalent to -vE
  -E, --show-ends          display $ at end of each line
  -n, --number             number all output lines
  -s, --squeeze-blank      never more than one single blank line
  -t                       equivalent to -vT
  -T, --show-tabs          display TAB characters as ^I
  -u                       (ignored)
  -v, --show-nonprinting   use ^ and M- notation, except for LFD and TAB
      --help     display this help and exit
      --version  output version information and exit

With no FILE, or when FILE is -, read standard input.

Report bugs to <bug-coreutils@gnu.org>.
`;

const SPEC: ToolSpec = {
  name: 'cat',
  suite: 'coreutils',
  help: HELP,
  authors: 'Torbjorn Granlund and Richard M. Stallman',
  options: [
    { short: 'A', long: 'show-all' },
    { short: 'b', long: 'number-nonblank' },
    { short: 'e' },
    { short: 'E', long: 'show-ends' },
    { short: 'n', long: 'number' },
    { short: 's', long: 'squeeze-blank' },
    { short: 't' },
    { short: 'T', long: 'show-tabs' },
    { short: 'u' },
    { short: 'v', long: 'show-nonprinting' },
  ],
};

/** cat -v's notation for one byte. */
function showByte(b: number): string {
  let prefix = '';
  if (b >= 128) {
    prefix = 'M-';
    b -= 128;
  }
  if (b < 32) return `${prefix}^${String.fromCharCode(b + 64)}`;
  if (b === 127) return `${prefix}^?`;
  return prefix + String.fromCharCode(b);
}

export function showNonprinting(text: string, tabs: boolean): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (ch === '\t') out += tabs ? '^I' : '\t';
    else if (cp >= 32 && cp < 127) out += ch;
    else for (const b of cp < 128 ? [cp] : utf8Bytes(ch)) out += showByte(b);
  }
  return out;
}

defineProgram({
  name: 'cat',
  options: ['-A', '-b', '-e', '-E', '-n', '-s', '-t', '-T', '-u', '-v', '--help', '--version'],
  main: (proc) =>
    runTool(proc, SPEC, async (tool, { options, operands }) => {
      const f = new Set<string>();
      for (const o of options) {
        if (o.key === 'A') ['v', 'E', 'T'].forEach((k) => f.add(k));
        else if (o.key === 'e') ['v', 'E'].forEach((k) => f.add(k));
        else if (o.key === 't') ['v', 'T'].forEach((k) => f.add(k));
        else f.add(o.key);
      }
      const out = tool.out;
      const plain = !['b', 'E', 'n', 's', 'T', 'v'].some((k) => f.has(k));
      // State that carries across files, as in cat: line numbers and the blank-line squeeze.
      let lineNo = 0;
      let blanks = 0;
      const ok = await eachInput(tool, operands, async (fd) => {
        const reader = new Reader(proc, fd, out);
        if (plain) {
          for (let chunk = await reader.chunk(); chunk !== ''; chunk = await reader.chunk()) {
            out.put(chunk);
            await out.tick();
          }
          return;
        }
        for (let line = await reader.line(); line; line = await reader.line()) {
          const blank = line.text === '' && line.nl;
          if (blank) {
            blanks++;
            if (f.has('s') && blanks > 1) continue;
          } else blanks = 0;
          let text = f.has('v') ? showNonprinting(line.text, f.has('T')) : f.has('T') ? line.text.replace(/\t/g, '^I') : line.text;
          if (f.has('b') ? !blank : f.has('n')) text = `${String(++lineNo).padStart(6)}\t${text}`;
          if (line.nl) text += f.has('E') ? '$\n' : '\n';
          out.put(text);
          await out.tick();
        }
      });
      return ok ? 0 : 1;
    }),
});
