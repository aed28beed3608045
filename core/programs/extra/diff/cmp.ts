/**
 * cmp — GNU diffutils 2.8.1: the first differing byte ("a b differ: byte 3, line 1"), -l (every
 * differing byte, offsets in decimal and values in octal), -s (status only), "cmp: EOF on a",
 * exit 0 (same), 1 (different), 2 (trouble).
 */
import { utf8Bytes } from '../../lib/io.js';
import { defineExtraTool, errorMessage } from '../lib/frame.js';

const VERSION = `cmp (GNU diffutils) 2.8.1
Copyright (C) 2002 Free Software Foundation, Inc.

This program comes with NO WARRANTY, to the extent permitted by law.
You may redistribute copies of this program
under the terms of the GNU General Public License.
For more information about these matters, see the file named COPYING.

Written by Torbjorn Granlund and David MacKenzie.
`;

const HELP = `Usage: cmp [OPTION]... FILE1 [FILE2 [SKIP1 [SKIP2]]]
If a FILE is \`-' or missing, read standard input.

  -b  --print-bytes  Print differing bytes.
  -i SKIP  --ignore-initial=SKIP  Skip the first SKIP bytes of input.
  -i SKIP1:SKIP2  --ignore-initial=SKIP1:SKIP2
    Skip the first SKIP1 bytes of FILE1 and the first SKIP2 bytes of FILE2.
  -l  --verbose  Output byte numbers and values of all differing bytes.
  -n LIMIT  --bytes=LIMIT  Compare at most LIMIT bytes.
  -s  --quiet  --silent  Output nothing; yield exit status only.
  -v  --version  Output version info.
  --help  Output this help.

SKIP1 and SKIP2 are the number of bytes to skip in each file.
SKIP values may be followed by the following multiplicative suffixes:
kB 1000, K 1024, MB 1,000,000, M 1,048,576,
GB 1,000,000,000, G 1,073,741,824, and so on for T, P, E, Z, Y.

If a FILE is \`-' or missing, read standard input.

Report bugs to <bug-gnu-utils@gnu.org>.
`;

/** The verdict of comparing two byte sequences, as cmp reports it. */
export type CmpResult =
  | { kind: 'same' }
  | { kind: 'differ'; byte: number; line: number }
  | { kind: 'eof'; shorter: 0 | 1 };

/** Compare two byte arrays: the first difference (1-based byte and line), or which one ended first. */
export function compareBytes(a: readonly number[], b: readonly number[]): CmpResult {
  let line = 1;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a[i] !== b[i]) return { kind: 'differ', byte: i + 1, line };
    if (a[i] === 10) line++;
  }
  if (a.length === b.length) return { kind: 'same' };
  return { kind: 'eof', shorter: a.length < b.length ? 0 : 1 };
}

defineExtraTool(
  {
    name: 'cmp',
    help: HELP,
    version: VERSION,
    usageStatus: 2,
    usageHint: (name) => `${name}: Try \`${name} --help' for more information.\n`,
    options: [
      { short: 'l', long: 'verbose' },
      { short: 's', long: 'silent' },
      { long: 'quiet', key: 's' },
      { short: 'v', key: 'own-version' },
    ],
  },
  async (tool, { options, operands }) => {
    const verbose = options.some((o) => o.key === 'l');
    const silent = options.some((o) => o.key === 's');
    if (operands.length === 0) return tool.usageError(`missing operand after \`${tool.proc.argv[tool.proc.argv.length - 1]}'`);
    if (operands.length > 2) return tool.usageError(`extra operand \`${operands[2]}'`);
    const names = [operands[0]!, operands[1] ?? '-'];
    const texts: string[] = [];
    for (const name of names) {
      try {
        texts.push(name === '-' ? await tool.proc.readAll(0) : await tool.proc.readFile(name));
      } catch (e) {
        await tool.warn(`${name}: ${errorMessage(e)}`);
        return 2;
      }
    }
    if (texts[0] === texts[1]) return 0;
    const a = utf8Bytes(texts[0]!);
    const b = utf8Bytes(texts[1]!);
    const result = compareBytes(a, b);
    if (result.kind === 'same') return 0;
    if (silent) return 1;
    if (verbose) {
      const width = String(Math.min(a.length, b.length)).length;
      const n = Math.min(a.length, b.length);
      for (let i = 0; i < n; i++) {
        if (a[i] !== b[i]) tool.out.put(`${String(i + 1).padStart(width)} ${a[i]!.toString(8).padStart(3)} ${b[i]!.toString(8).padStart(3)}\n`);
        if (i % 4096 === 0) await tool.out.tick();
      }
      if (a.length !== b.length) await tool.errText(`cmp: EOF on ${names[a.length < b.length ? 0 : 1]}\n`);
      return 1;
    }
    if (result.kind === 'eof') await tool.errText(`cmp: EOF on ${names[result.shorter]}\n`);
    else tool.out.put(`${names[0]} ${names[1]} differ: byte ${result.byte}, line ${result.line}\n`);
    return 1;
  },
);
