/** seq (coreutils 5.2.1): print numbers from FIRST to LAST in steps of INCREMENT. */
import { defineProgram } from '../registry.js';
import { FormatError, formatFloat, parseFormat, resolveSpec, type Conversion } from '../lib/printf.js';
import { runTool, type ToolSpec } from '../lib/tool.js';

const HELP = `Usage: seq [OPTION]... LAST
  or:  seq [OPTION]... FIRST LAST
  or:  seq [OPTION]... FIRST INCREMENT LAST
Print numbers from FIRST to LAST, in steps of INCREMENT.

  -f, --format=FORMAT      use printf style floating-point FORMAT (default: %g)
  -s, --separator=STRING   use STRING to separate numbers (default: \\n)
  -w, --equal-width        equalize width by padding with leading zeroes
      --help     display this help and exit
      --version  output version information and exit

If FIRST or INCREMENT is omitted, it defaults to 1.  That is, an
omitted INCREMENT defaults to 1 even when LAST is smaller than FIRST.
FIRST, INCREMENT, and LAST are interpreted as floating point values.
INCREMENT is usually positive if FIRST is smaller than LAST, and
INCREMENT is usually negative if FIRST is greater than LAST.
When given, the FORMAT argument must contain exactly one of
the printf-style, floating point output formats %e, %f, %g

Report bugs to <bug-coreutils@gnu.org>.
`;

const SPEC: ToolSpec = {
  name: 'seq',
  suite: 'coreutils',
  help: HELP,
  authors: 'Ulrich Drepper',
  options: [
    { short: 'f', long: 'format', arg: 'required' },
    { short: 's', long: 'separator', arg: 'required' },
    { short: 'w', long: 'equal-width' },
  ],
  // Negative numbers are operands, not options.
  settings: { special: (a) => /^-(\d|\.\d)/.test(a) },
};

/** Digits after the decimal point of an operand as written ("1.50" → 2). */
const decimals = (s: string) => {
  const m = /\.(\d*)/.exec(s.replace(/[eE].*$/, ''));
  return m ? m[1]!.length : 0;
};

defineProgram({
  name: 'seq',
  main: (proc) =>
    runTool(proc, SPEC, async (tool, { options, operands }) => {
      let format: string | undefined;
      let sep = '\n';
      let equal = false;
      for (const o of options) {
        if (o.key === 'f') format = o.value;
        else if (o.key === 's') sep = o.value!;
        else if (o.key === 'w') equal = true;
      }
      if (operands.length === 0) return tool.usageError('too few arguments');
      if (operands.length > 3) return tool.usageError('too many arguments');
      const nums: number[] = [];
      for (const a of operands) {
        const v = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(a) ? Number(a) : NaN;
        if (Number.isNaN(v)) return tool.usageError(`invalid floating point argument: ${a}`);
        nums.push(v);
      }
      const [first, step, last] = nums.length === 1 ? [1, 1, nums[0]!] : nums.length === 2 ? [nums[0]!, 1, nums[1]!] : (nums as [number, number, number]);
      if (step === 0) return tool.usageError('zero increment');
      let conv: Conversion | undefined;
      let prefix = '';
      let suffix = '';
      if (format !== undefined) {
        try {
          const pieces = parseFormat(format);
          const convs = pieces.filter((p): p is Conversion => typeof p !== 'string');
          const at = pieces.findIndex((p) => typeof p !== 'string');
          if (convs.length !== 1 || !'eEfgG'.includes(convs[0]!.conv))
            return tool.fatal(`invalid format string: \`${format}'`);
          conv = convs[0];
          prefix = pieces.slice(0, at).join('');
          suffix = pieces.slice(at + 1).join('');
        } catch (e) {
          if (e instanceof FormatError) return tool.fatal(`invalid format string: \`${format}'`);
          throw e;
        }
      }
      // Without a format, numbers print with as many decimals as the operands have (integers stay integers).
      const places = Math.max(...operands.map(decimals));
      const plain = (x: number) => (places > 0 ? x.toFixed(places) : String(Math.round(x) === x ? x : Number(x.toPrecision(15))));
      let width = 0;
      if (equal && !conv) {
        const ends = [first, last].map((x) => plain(x));
        width = Math.max(...ends.map((s) => s.length));
      }
      const show = (x: number) => {
        if (conv) return prefix + formatFloat(x, resolveSpec(conv, () => 0)) + suffix;
        const s = plain(x);
        if (!width) return s;
        return s.startsWith('-') ? '-' + s.slice(1).padStart(width - 1, '0') : s.padStart(width, '0');
      };
      let firstOut = true;
      for (let i = 0; ; i++) {
        const x = first + i * step;
        if (step > 0 ? x > last + 1e-10 * Math.abs(step) : x < last - 1e-10 * Math.abs(step)) break;
        tool.out.put((firstOut ? '' : sep) + show(x));
        firstOut = false;
        await tool.out.tick();
      }
      if (!firstOut) tool.out.put('\n');
      return 0;
    }),
});
