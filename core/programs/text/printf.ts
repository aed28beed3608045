/** printf (coreutils 5.2.1): format and print ARGUMENTs under control of FORMAT, reusing FORMAT as needed. */
import { defineProgram } from '../registry.js';
import {
  FormatError,
  formatChar,
  formatFloat,
  formatInteger,
  formatString,
  interpretEscapes,
  parseFloatArg,
  parseFormat,
  parseIntegerArg,
  resolveSpec,
  type FormatPiece,
} from '../lib/printf.js';
import { runTool, type Tool, type ToolSpec } from '../lib/tool.js';

const HELP = `Usage: printf FORMAT [ARGUMENT]...
  or:  printf OPTION
Print ARGUMENT(s) according to FORMAT.

      --help     display this help and exit
      --version  output version information and exit

FORMAT controls the output as in C printf.  Interpreted sequences are:

  \\"      double quote
  \\NNN    character with octal value NNN (1 to 3 digits)
  \\\\      backslash
  \\a      alert (BEL)
  \\b      backspace
  \\c      produce no further output
  \\f      form feed
  \\n      new line
  \\r      carriage return
  \\t      horizontal tab
  \\v      vertical tab
  \\xHH    byte with hexadecimal value HH (1 to 2 digits)
  \\uHHHH  Unicode (ISO/IEC 10646) character with hex value HHHH (4 digits)
  \\UHHHHHHHH  Unicode character with hex value HHHHHHHH (8 digits)
  %%      a single %
  %b      ARGUMENT as a string with \`\\' escapes interpreted,
            except that octal escapes are of the form \\0 or \\0NNN

and all C format specifications ending with one of diouxXfeEgGcs, with
ARGUMENTs converted to proper type first.  Variable widths are handled.

Report bugs to <bug-coreutils@gnu.org>.
`;

const SPEC: ToolSpec = {
  name: 'printf',
  suite: 'coreutils',
  help: HELP,
  options: [],
  authors: 'David MacKenzie',
  // Only --help and --version are options; anything else (even "-x") is the format.
  settings: { special: (a) => a !== '--help' && a !== '--version' },
};

/**
 * Apply the format once to the arguments from `args[start]`; returns how many were used, or -1
 * when \c asked to stop. Conversion complaints are reported and make the status 1.
 */
async function formatOnce(tool: Tool, pieces: FormatPiece[], args: string[], start: number, state: { status: number }): Promise<number> {
  let k = start;
  const next = () => (k < args.length ? args[k++] : undefined);
  const complain = async (msg: string | undefined) => {
    if (msg) {
      await tool.warn(msg);
      state.status = 1;
    }
  };
  const intArg = async (unsigned: boolean): Promise<bigint> => {
    const a = next();
    if (a === undefined) return 0n;
    const r = parseIntegerArg(a, unsigned);
    await complain(r.error);
    return r.value;
  };
  for (const piece of pieces) {
    if (typeof piece === 'string') {
      tool.out.put(piece);
      continue;
    }
    const stars: number[] = [];
    if (piece.width === '*') stars.push(Number(await intArg(false)));
    if (piece.precision === '*') stars.push(Number(await intArg(false)));
    const spec = resolveSpec(piece, () => stars.shift() ?? 0);
    switch (spec.conv) {
      case 'd':
      case 'i':
      case 'o':
      case 'u':
      case 'x':
      case 'X':
        tool.out.put(formatInteger(await intArg(spec.conv !== 'd' && spec.conv !== 'i'), spec));
        break;
      case 'e':
      case 'E':
      case 'f':
      case 'F':
      case 'g':
      case 'G': {
        const a = next();
        let v = 0;
        if (a !== undefined) {
          const r = parseFloatArg(a);
          await complain(r.error);
          v = r.value;
        }
        tool.out.put(formatFloat(v, spec));
        break;
      }
      case 'c':
        tool.out.put(formatChar(next() ?? '', spec));
        break;
      case 'b': {
        const r = interpretEscapes(next() ?? '', 'b');
        tool.out.put(formatString(r.text, spec));
        if (r.stop) return -1;
        break;
      }
      default:
        tool.out.put(formatString(next() ?? '', spec));
    }
  }
  return k - start;
}

defineProgram({
  name: 'printf',
  main: (proc) =>
    runTool(proc, SPEC, async (tool, { operands }) => {
      if (operands.length === 0) return tool.usageError('too few arguments');
      const format = interpretEscapes(operands[0]!, 'format').text;
      let pieces: FormatPiece[];
      try {
        pieces = parseFormat(format, { extra: 'b' });
      } catch (e) {
        if (e instanceof FormatError) return tool.fatal(e.message);
        throw e;
      }
      const args = operands.slice(1);
      const state = { status: 0 };
      const hasConversions = pieces.some((p) => typeof p !== 'string');
      let at = 0;
      do {
        const used = await formatOnce(tool, pieces, args, at, state);
        if (used < 0) break;
        at += used;
        await tool.out.tick();
        if (used === 0) break;
      } while (at < args.length);
      if (!hasConversions && args.length > 0) await tool.warn(`warning: ignoring excess arguments, starting with \`${args[0]}'`);
      return state.status;
    }),
});
