/** wc (coreutils 5.2.1): newline, word, byte, character counts and longest line, in 7-wide columns. */
import { SyscallError } from '../../kernel/errno.js';
import { defineProgram } from '../registry.js';
import { eachInput } from '../lib/inputs.js';
import { Reader, utf8Length } from '../lib/io.js';
import { runTool, type ToolSpec } from '../lib/tool.js';

const HELP = `Usage: wc [OPTION]... [FILE]...
Print byte, word, and newline counts for each FILE, and a total line if
more than one FILE is specified.  With no FILE, or when FILE is -,
read standard input.
  -c, --bytes            print the byte counts
  -m, --chars            print the character counts
  -l, --lines            print the newline counts
  -L, --max-line-length  print the length of the longest line
  -w, --words            print the word counts
      --help     display this help and exit
      --version  output version information and exit

Report bugs to <bug-coreutils@gnu.org>.
`;

const SPEC: ToolSpec = {
  name: 'wc',
  suite: 'coreutils',
  help: HELP,
  authors: 'Paul Rubin and David MacKenzie',
  options: [
    { short: 'c', long: 'bytes' },
    { short: 'm', long: 'chars' },
    { short: 'l', long: 'lines' },
    { short: 'L', long: 'max-line-length' },
    { short: 'w', long: 'words' },
  ],
};

export interface Counts {
  lines: number;
  words: number;
  chars: number;
  bytes: number;
  maxLine: number;
}

/** Counts over a stream of chunks; a word may span two chunks, a line's width too. */
export class Counter {
  readonly c: Counts = { lines: 0, words: 0, chars: 0, bytes: 0, maxLine: 0 };
  private inWord = false;
  private col = 0;

  add(chunk: string): void {
    const c = this.c;
    c.bytes += utf8Length(chunk);
    for (const ch of chunk) {
      c.chars++;
      if (ch === '\n') {
        c.lines++;
        if (this.col > c.maxLine) c.maxLine = this.col;
        this.col = 0;
      } else if (ch === '\t') this.col += 8 - (this.col % 8);
      else if (ch === '\r' || ch === '\f') {
        if (this.col > c.maxLine) c.maxLine = this.col;
        this.col = 0;
      } else if (ch >= ' ' && ch !== '\x7f') this.col++;
      if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\v' || ch === '\f' || ch === '\r') this.inWord = false;
      else if (!this.inWord) {
        this.inWord = true;
        c.words++;
      }
    }
  }

  finish(): Counts {
    if (this.col > this.c.maxLine) this.c.maxLine = this.col;
    this.col = 0;
    return this.c;
  }
}

defineProgram({
  name: 'wc',
  options: ['-c', '-m', '-l', '-L', '-w', '--bytes', '--chars', '--lines', '--max-line-length', '--words'],
  main: (proc) =>
    runTool(proc, SPEC, async (tool, { options, operands }) => {
      const want = new Set(options.map((o) => o.key));
      if (want.size === 0) ['l', 'w', 'c'].forEach((k) => want.add(k));
      const fields: (keyof Counts)[] = [];
      if (want.has('l')) fields.push('lines');
      if (want.has('w')) fields.push('words');
      if (want.has('m')) fields.push('chars');
      if (want.has('c')) fields.push('bytes');
      if (want.has('L')) fields.push('maxLine');
      const line = (c: Counts, name: string | undefined) =>
        fields.map((f) => String(c[f]).padStart(7)).join(' ') + (name !== undefined ? ` ${name}` : '') + '\n';
      const total: Counts = { lines: 0, words: 0, chars: 0, bytes: 0, maxLine: 0 };
      const names = operands.length ? operands : ['-'];
      let readFailed = false;
      const ok = await eachInput(tool, names, async (fd, name) => {
        const counter = new Counter();
        const reader = new Reader(proc, fd, tool.out);
        try {
          for (let chunk = await reader.chunk(); chunk !== ''; chunk = await reader.chunk()) {
            counter.add(chunk);
            await proc.checkpoint();
          }
        } catch (e) {
          // A read error (a directory) is reported, and the counts so far are still printed, as wc does.
          if (!(e instanceof SyscallError)) throw e;
          await tool.warn(`${name}: ${e.message}`);
          readFailed = true;
        }
        const c = counter.finish();
        tool.out.put(line(c, operands.length ? name : undefined));
        total.lines += c.lines;
        total.words += c.words;
        total.chars += c.chars;
        total.bytes += c.bytes;
        total.maxLine = Math.max(total.maxLine, c.maxLine);
      });
      if (names.length > 1) tool.out.put(line(total, 'total'));
      return ok && !readFailed ? 0 : 1;
    }),
});
