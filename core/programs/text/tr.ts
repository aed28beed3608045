/** tr (coreutils 5.2.1): translate, squeeze and delete characters of standard input. */
import { defineProgram } from '../registry.js';
import { Reader } from '../lib/io.js';
import { runTool, type ToolSpec } from '../lib/tool.js';

const HELP = `Usage: tr [OPTION]... SET1 [SET2]
Translate, squeeze, and/or delete characters from standard input,
writing to standard output.

  -c, --complement        first complement SET1
  -d, --delete            delete characters in SET1, do not translate
  -s, --squeeze-repeats   replace each input sequence of a repeated character
                            that is listed in SET1 with a single occurrence
                            of that character
  -t, --truncate-set1     first truncate SET1 to length of SET2
      --help     display this help and exit
      --version  output version information and exit

SETs are specified as strings of characters.  Most represent themselves.
Interpreted sequences are:

  \\NNN            character with octal value NNN (1 to 3 octal digits)
  \\\\              backslash
  \\a              audible BEL
  \\b              backspace
  \\f              form feed
  \\n              new line
  \\r              return
  \\t              horizontal tab
  \\v              vertical tab
  CHAR1-CHAR2     all characters from CHAR1 to CHAR2 in ascending order
  [CHAR*]         in SET2, copies of CHAR until length of SET1
  [CHAR*REPEAT]   REPEAT copies of CHAR, REPEAT octal if starting with 0
  [:alnum:]       all letters and digits
  [:alpha:]       all letters
  [:blank:]       all horizontal whitespace
  [:cntrl:]       all control characters
  [:digit:]       all digits
  [:graph:]       all printable characters, not including space
  [:lower:]       all lower case letters
  [:print:]       all printable characters, including space
  [:punct:]       all punctuation characters
  [:space:]       all horizontal or vertical whitespace
  [:upper:]       all upper case letters
  [:xdigit:]      all hexadecimal digits
  [=CHAR=]        all characters which are equivalent to CHAR

Translation occurs if -d is not given and both SET1 and SET2 appear.
-t may be used only when translating.  SET2 is extended to length of
SET1 by repeating its last character as necessary.  Excess characters
of SET2 are ignored.  Only [:lower:] and [:upper:] are guaranteed to
expand in ascending order; used in SET2 while translating, they may
only be used in pairs to specify case conversion.  -s uses SET1 if not
translating nor deleting; else squeezing uses SET2 and occurs after
translation or deletion.

Report bugs to <bug-coreutils@gnu.org>.
`;

const SPEC: ToolSpec = {
  name: 'tr',
  suite: 'coreutils',
  help: HELP,
  authors: 'Jim Meyering',
  options: [
    { short: 'c', long: 'complement' },
    { short: 'd', long: 'delete' },
    { short: 's', long: 'squeeze-repeats' },
    { short: 't', long: 'truncate-set1' },
  ],
};

const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => String.fromCharCode(a + i));
const CLASSES: Record<string, () => string[]> = {
  alnum: () => [...range(48, 57), ...range(65, 90), ...range(97, 122)],
  alpha: () => [...range(65, 90), ...range(97, 122)],
  blank: () => [' ', '\t'],
  cntrl: () => [...range(0, 31), '\x7f'],
  digit: () => range(48, 57),
  graph: () => range(33, 126),
  lower: () => range(97, 122),
  print: () => range(32, 126),
  punct: () => range(33, 126).filter((c) => !/[A-Za-z0-9]/.test(c)),
  space: () => ['\t', '\n', '\v', '\f', '\r', ' '],
  upper: () => range(65, 90),
  xdigit: () => [...range(48, 57), ...range(65, 70), ...range(97, 102)],
};

class SetError extends Error {}

interface ParsedSet {
  chars: string[];
  /** Index of a [c*] fill-to-length marker (SET2 only). */
  fillAt?: number;
  fillChar?: string;
  classes: string[];
}

const ESC: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };

/** Unescape to a list of "atoms": single characters (escaped ones can't start a range or bracket). */
function atoms(s: string): { c: string; escaped: boolean }[] {
  const out: { c: string; escaped: boolean }[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\' && i + 1 < s.length) {
      const m = /^[0-7]{1,3}/.exec(s.slice(i + 1));
      if (m) {
        out.push({ c: String.fromCharCode(parseInt(m[0], 8) & 0xff), escaped: true });
        i += m[0].length;
      } else {
        out.push({ c: ESC[s[i + 1]!] ?? s[i + 1]!, escaped: true });
        i++;
      }
    } else out.push({ c: s[i]!, escaped: false });
  }
  return out;
}

function parseSet(s: string, isSet2: boolean): ParsedSet {
  const a = atoms(s);
  const chars: string[] = [];
  const classes: string[] = [];
  let fillAt: number | undefined;
  let fillChar: string | undefined;
  const text = (i: number, j: number) => a.slice(i, j).map((x) => x.c).join('');
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    if (x.c === '[' && !x.escaped && i + 1 < a.length) {
      // [:class:], [=c=], [c*n]
      const close = a.findIndex((y, k) => k > i + 1 && y.c === ']' && !y.escaped);
      if (close > 0) {
        const inner = text(i + 1, close);
        const cls = /^:(\w+):$/.exec(inner);
        if (cls) {
          const f = CLASSES[cls[1]!];
          if (!f) throw new SetError(`invalid character class \`${cls[1]}'`);
          classes.push(cls[1]!);
          chars.push(...f());
          i = close;
          continue;
        }
        const eq = /^=(.)=$/s.exec(inner);
        if (eq) {
          chars.push(eq[1]!);
          i = close;
          continue;
        }
        const rep = /^(.)\*(\d*)$/s.exec(inner);
        if (rep) {
          if (rep[2] === '') {
            if (!isSet2) throw new SetError('the [c*] repeat construct may not appear in string1');
            fillAt = chars.length;
            fillChar = rep[1]!;
          } else {
            const n = rep[2]!.startsWith('0') ? parseInt(rep[2]!, 8) : Number(rep[2]);
            if (!Number.isFinite(n)) throw new SetError(`invalid repeat count \`${rep[2]}' in [c*n] construct`);
            if (n === 0 && isSet2) {
              fillAt = chars.length;
              fillChar = rep[1]!;
            } else for (let k = 0; k < n; k++) chars.push(rep[1]!);
          }
          i = close;
          continue;
        }
      }
    }
    if (i + 2 < a.length && a[i + 1]!.c === '-' && !a[i + 1]!.escaped) {
      const lo = x.c.charCodeAt(0);
      const hi = a[i + 2]!.c.charCodeAt(0);
      if (hi < lo) throw new SetError(`range-endpoints of \`${text(i, i + 3)}' are in reverse collating sequence order`);
      chars.push(...range(lo, hi));
      i += 2;
      continue;
    }
    chars.push(x.c);
  }
  return { chars, fillAt, fillChar, classes };
}

defineProgram({
  name: 'tr',
  options: ['-c', '-d', '-s', '-t'],
  main: (proc) =>
    runTool(proc, SPEC, async (tool, { options, operands }) => {
      const f = new Set(options.map((o) => o.key));
      const del = f.has('d');
      const squeeze = f.has('s');
      const translating = !del && operands.length >= 2;
      const n = operands.length;
      if (n === 0) return tool.usageError('too few arguments');
      if (del && !squeeze && n === 2) return tool.usageError('only one string may be given when deleting without squeezing repeats');
      if (n > 2) return tool.usageError('too many arguments');
      if (!del && !squeeze && n < 2) return tool.usageError('two strings must be given when translating');
      if (del && squeeze && n < 2) return tool.usageError('two strings must be given when both deleting and squeezing repeats');
      let set1: ParsedSet;
      let set2: ParsedSet | undefined;
      try {
        set1 = parseSet(operands[0]!, false);
        set2 = operands[1] !== undefined ? parseSet(operands[1], true) : undefined;
      } catch (e) {
        if (e instanceof SetError) return tool.fatal(e.message);
        throw e;
      }
      const complement = f.has('c');
      const in1 = new Set(set1.chars);
      const member1 = (c: string) => in1.has(c) !== complement;
      // Translation map.
      const map = new Map<string, string>();
      let fallback: string | undefined;
      if (translating && set2) {
        let s1 = complement ? range(0, 255).filter((c) => !in1.has(c)) : set1.chars;
        let s2 = [...set2.chars];
        if (set2.fillAt !== undefined) {
          const need = Math.max(0, s1.length - s2.length);
          s2.splice(set2.fillAt, 0, ...Array(need).fill(set2.fillChar));
        }
        if (f.has('t')) s1 = s1.slice(0, s2.length);
        if (s2.length === 0 && s1.length > 0) return tool.fatal('when not truncating set1, string2 must be non-empty');
        // [:lower:] / [:upper:] pairs convert case, whatever else the sets hold.
        while (s2.length < s1.length) s2.push(s2[s2.length - 1]!);
        s1.forEach((c, i) => map.set(c, s2[i]!));
        if (complement) fallback = s2[s2.length - 1];
      }
      const squeezeSet = new Set(translating || del ? (set2?.chars ?? []) : set1.chars);
      const squeezeMember = (c: string) => (translating || del ? squeezeSet.has(c) : member1(c));
      const reader = new Reader(proc, 0, tool.out);
      let last: string | undefined;
      for (let chunk = await reader.chunk(); chunk !== ''; chunk = await reader.chunk()) {
        let out = '';
        for (const ch of chunk) {
          let c = ch;
          if (del && member1(c)) continue;
          if (translating) c = map.get(c) ?? (complement && !in1.has(c) ? (fallback ?? c) : c);
          if (squeeze && c === last && squeezeMember(c)) continue;
          last = c;
          out += c;
        }
        tool.out.put(out);
        await tool.out.tick();
      }
      return 0;
    }),
});
