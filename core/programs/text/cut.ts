/** cut (coreutils 5.2.1): select bytes, characters or fields of each line. */
import { defineProgram } from '../registry.js';
import { eachInput } from '../lib/inputs.js';
import { Reader } from '../lib/io.js';
import { runTool, type ToolSpec } from '../lib/tool.js';

const HELP = `Usage: cut [OPTION]... [FILE]...
Print selected parts of lines from each FILE to standard output.

Mandatory arguments to long options are mandatory for short options too.
  -b, --bytes=LIST        output only these bytes
  -c, --characters=LIST   output only these characters
  -d, --delimiter=DELIM   use DELIM instead of TAB for field delimiter
  -f, --fields=LIST       output only these fields;  also print any line
                            that contains no delimiter character, unless
                            the -s option is specified
  -n                      (ignored)
  -s, --only-delimited    do not print lines not containing delimiters
      --output-delimiter=STRING  use STRING as the output delimiter
                            the default is to use the input delimiter
      --help     display this help and exit
      --version  output version information and exit

Use one, and only one of -b, -c or -f.  Each LIST is made up of one
range, or many ranges separated by commas.  Each range is one of:

  N     N'th byte, character or field, counted from 1
  N-    from N'th byte, character or field, to end of line
  N-M   from N'th to M'th (included) byte, character or field
  -M    from first to M'th (included) byte, character or field

With no FILE, or when FILE is -, read standard input.

Report bugs to <bug-coreutils@gnu.org>.
`;

const SPEC: ToolSpec = {
  name: 'cut',
  suite: 'coreutils',
  help: HELP,
  authors: 'David Ihnat, David MacKenzie, and Jim Meyering',
  options: [
    { short: 'b', long: 'bytes', arg: 'required' },
    { short: 'c', long: 'characters', arg: 'required' },
    { short: 'd', long: 'delimiter', arg: 'required' },
    { short: 'f', long: 'fields', arg: 'required' },
    { short: 'n' },
    { short: 's', long: 'only-delimited' },
    { long: 'output-delimiter', key: 'output-delimiter', arg: 'required' },
    { long: 'complement', key: 'complement' },
  ],
};

/** A parsed LIST: inclusive 1-based ranges (hi = Infinity for "N-"). */
export type Ranges = { lo: number; hi: number }[];

export function parseList(list: string): Ranges | string {
  const ranges: Ranges = [];
  for (const part of list.split(/[,\s]/)) {
    if (part === '') return 'invalid byte or field list';
    const m = /^(\d*)(-?)(\d*)$/.exec(part);
    if (!m) return 'invalid byte or field list';
    if (m[2] === '') {
      if (Number(m[1]) === 0) return 'fields and positions are numbered from 1';
      ranges.push({ lo: Number(m[1]), hi: Number(m[1]) });
      continue;
    }
    if (m[1] === '' && m[3] === '') return 'invalid range with no endpoint: -';
    const lo = m[1] === '' ? 1 : Number(m[1]);
    const hi = m[3] === '' ? Infinity : Number(m[3]);
    if (lo === 0) return 'fields and positions are numbered from 1';
    if (hi < lo) return 'invalid byte or field list';
    ranges.push({ lo, hi });
  }
  return ranges;
}

const selected = (ranges: Ranges, n: number) => ranges.some((r) => n >= r.lo && n <= r.hi);

defineProgram({
  name: 'cut',
  options: ['-b', '-c', '-d', '-f', '-s', '--output-delimiter='],
  main: (proc) =>
    runTool(proc, SPEC, async (tool, { options, operands }) => {
      let mode: 'b' | 'c' | 'f' | undefined;
      let list = '';
      let delim: string | undefined;
      let outDelim: string | undefined;
      let onlyDelimited = false;
      let complement = false;
      for (const o of options) {
        if (o.key === 'b' || o.key === 'c' || o.key === 'f') {
          if (mode !== undefined) return tool.usageError('only one type of list may be specified');
          mode = o.key;
          list = o.value!;
        } else if (o.key === 'd') {
          if ([...o.value!].length > 1) return tool.usageError('the delimiter must be a single character');
          delim = o.value === '' ? '\0' : o.value;
        } else if (o.key === 's') onlyDelimited = true;
        else if (o.key === 'output-delimiter') outDelim = o.value;
        else if (o.key === 'complement') complement = true;
      }
      if (mode === undefined) return tool.usageError('you must specify a list of bytes, characters, or fields');
      if (delim !== undefined && mode !== 'f') return tool.usageError('an input delimiter may be specified only when operating on fields');
      if (onlyDelimited && mode !== 'f') return tool.usageError('suppressing non-delimited lines makes sense\n\tonly when operating on fields');
      const parsed = parseList(list);
      if (typeof parsed === 'string') return tool.usageError(parsed);
      const want = (n: number) => selected(parsed, n) !== complement;
      const d = delim ?? '\t';
      const od = outDelim ?? (mode === 'f' ? d : undefined);
      const cutLine = (line: string): string | undefined => {
        if (mode !== 'f') {
          const chars = [...line];
          if (od === undefined) return chars.filter((_, i) => want(i + 1)).join('');
          // With --output-delimiter, separate runs of selected positions.
          let out = '';
          let prev = -2;
          chars.forEach((c, i) => {
            if (!want(i + 1)) return;
            if (out !== '' && prev !== i - 1) out += od;
            out += c;
            prev = i;
          });
          return out;
        }
        if (!line.includes(d)) return onlyDelimited ? undefined : line;
        return line
          .split(d)
          .filter((_, i) => want(i + 1))
          .join(od);
      };
      const ok = await eachInput(tool, operands, async (fd) => {
        const reader = new Reader(proc, fd, tool.out);
        for (let l = await reader.line(); l; l = await reader.line()) {
          const r = cutLine(l.text);
          if (r !== undefined) tool.out.put(r + '\n');
          await tool.out.tick();
        }
      });
      return ok ? 0 : 1;
    }),
});
