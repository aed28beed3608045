/** expand and fold (coreutils 5.2.1): tabs to spaces, and wrapping long lines. */
import { defineProgram } from '../registry.js';
import { eachInput } from '../lib/inputs.js';
import { Reader } from '../lib/io.js';
import { runTool, type ToolSpec } from '../lib/tool.js';

const EXPAND: ToolSpec = {
  name: 'expand',
  suite: 'coreutils',
  authors: 'David MacKenzie',
  help: `Usage: expand [OPTION]... [FILE]...
Convert tabs in each FILE to spaces, writing to standard output.
With no FILE, or when FILE is -, read standard input.

Mandatory arguments to long options are mandatory for short options too.
  -i, --initial       do not convert TABs after non whitespace
  -t, --tabs=NUMBER   have tabs NUMBER characters apart, not 8
  -t, --tabs=LIST     use comma separated list of explicit tab positions
      --help     display this help and exit
      --version  output version information and exit

Report bugs to <bug-coreutils@gnu.org>.
`,
  options: [
    { short: 'i', long: 'initial' },
    { short: 't', long: 'tabs', arg: 'required' },
  ],
};

defineProgram({
  name: 'expand',
  main: (proc) =>
    runTool(proc, EXPAND, async (tool, { options, operands }) => {
      let stops = [8];
      let initial = false;
      for (const o of options) {
        if (o.key === 'i') initial = true;
        else if (o.key === 't') {
          const list = o.value!.split(/[,\s]+/).map(Number);
          if (list.some((n) => !Number.isInteger(n) || n <= 0)) return tool.fatal('tab size contains an invalid character');
          stops = list;
        }
      }
      const nextStop = (col: number) => {
        if (stops.length === 1) return col + stops[0]! - (col % stops[0]!);
        const s = stops.find((t) => t > col);
        return s ?? col + 1;
      };
      const ok = await eachInput(tool, operands, async (fd) => {
        const reader = new Reader(proc, fd, tool.out);
        for (let l = await reader.line(); l; l = await reader.line()) {
          let out = '';
          let leading = true;
          for (const c of l.text) {
            if (c === '\t' && (!initial || leading)) out += ' '.repeat(nextStop(out.length) - out.length);
            else {
              if (c !== ' ' && c !== '\t') leading = false;
              out += c;
            }
          }
          tool.out.put(out + (l.nl ? '\n' : ''));
          await tool.out.tick();
        }
      });
      return ok ? 0 : 1;
    }),
});

const FOLD: ToolSpec = {
  name: 'fold',
  suite: 'coreutils',
  authors: 'David MacKenzie',
  help: `Usage: fold [OPTION]... [FILE]...
Wrap input lines in each FILE (standard input by default), writing to
standard output.

Mandatory arguments to long options are mandatory for short options too.
  -b, --bytes         count bytes rather than columns
  -s, --spaces        break at spaces
  -w, --width=WIDTH   use WIDTH columns instead of 80
      --help     display this help and exit
      --version  output version information and exit

Report bugs to <bug-coreutils@gnu.org>.
`,
  options: [
    { short: 'b', long: 'bytes' },
    { short: 's', long: 'spaces' },
    { short: 'w', long: 'width', arg: 'required' },
  ],
};

/** Wrap one line at `width` columns (tabs to the next multiple of 8 unless counting bytes). */
export function foldLine(line: string, width: number, spaces: boolean, bytes: boolean): string {
  let out = '';
  let cur = '';
  let col = 0;
  const adv = (c: string, at: number) => (bytes ? at + 1 : c === '\t' ? at + 8 - (at % 8) : c === '\b' ? Math.max(0, at - 1) : c === '\r' ? 0 : at + 1);
  for (const c of line) {
    const next = adv(c, col);
    if (next > width && cur !== '') {
      const space = spaces ? cur.lastIndexOf(' ') : -1;
      if (space >= 0) {
        out += cur.slice(0, space + 1) + '\n';
        cur = cur.slice(space + 1);
      } else {
        out += cur + '\n';
        cur = '';
      }
      col = 0;
      for (const d of cur) col = adv(d, col);
    }
    cur += c;
    col = adv(c, col);
  }
  return out + cur;
}

defineProgram({
  name: 'fold',
  main: (proc) => {
    // Obsolete "-N" means -w N.
    const argv = proc.argv.slice(1).map((a) => (/^-\d+$/.test(a) ? `-w${a.slice(1)}` : a));
    return runTool(
      proc,
      FOLD,
      async (tool, { options, operands }) => {
        let width = 80;
        let spaces = false;
        let bytes = false;
        for (const o of options) {
          if (o.key === 'w') {
            if (!/^\d+$/.test(o.value!) || Number(o.value) === 0) return tool.fatal(`invalid number of columns: \`${o.value}'`);
            width = Number(o.value);
          } else if (o.key === 's') spaces = true;
          else if (o.key === 'b') bytes = true;
        }
        const ok = await eachInput(tool, operands, async (fd) => {
          const reader = new Reader(proc, fd, tool.out);
          for (let l = await reader.line(); l; l = await reader.line()) {
            tool.out.put(foldLine(l.text, width, spaces, bytes) + (l.nl ? '\n' : ''));
            await tool.out.tick();
          }
        });
        return ok ? 0 : 1;
      },
      argv,
    );
  },
});
