/** sort (coreutils 5.2.1): sort lines by keys, in byte order (the C locale). Exit status 2 for trouble. */
import { SyscallError } from '../../kernel/errno.js';
import { O_CREAT, O_TRUNC, O_WRONLY } from '../../kernel/file.js';
import { defineProgram } from '../registry.js';
import { eachInput } from '../lib/inputs.js';
import { Reader } from '../lib/io.js';
import { runTool, type ToolSpec } from '../lib/tool.js';

const HELP = `Usage: sort [OPTION]... [FILE]...
Write sorted concatenation of all FILE(s) to standard output.

Mandatory arguments to long options are mandatory for short options too.
Ordering options:

  -b, --ignore-leading-blanks ignore leading blanks
  -d, --dictionary-order      consider only blanks and alphanumeric characters
  -f, --ignore-case           fold lower case to upper case characters
  -g, --general-numeric-sort  compare according to general numerical value
  -i, --ignore-nonprinting    consider only printable characters
  -M, --month-sort            compare (unknown) < \`JAN' < ... < \`DEC'
  -n, --numeric-sort          compare according to string numerical value
  -r, --reverse               reverse the result of comparisons

Other options:

  -c, --check               check whether input is sorted; do not sort
  -k, --key=POS1[,POS2]     start a key at POS1, end it at POS 2 (origin 1)
  -m, --merge               merge already sorted files; do not sort
  -o, --output=FILE         write result to FILE instead of standard output
  -s, --stable              stabilize sort by disabling last-resort comparison
  -S, --buffer-size=SIZE    use SIZE for main memory buffer
  -t, --field-separator=SEP use SEP instead of non-blank to blank transition
  -T, --temporary-directory=DIR  use DIR for temporaries, not $TMPDIR or /tmp
                              multiple options specify multiple directories
  -u, --unique              with -c, check for strict ordering;
                              without -c, output only the first of an equal run
  -z, --zero-terminated     end lines with 0 byte, not newline
      --help     display this help and exit
      --version  output version information and exit

POS is F[.C][OPTS], where F is the field number and C the character position
in the field.  OPTS is one or more single-letter ordering options, which
override global ordering options for that key.  If no key is given, use the
entire line as the key.

SIZE may be followed by the following multiplicative suffixes:
% 1% of memory, b 1, K 1024 (default), and so on for M, G, T, P, E, Z, Y.

With no FILE, or when FILE is -, read standard input.

*** WARNING ***
The locale specified by the environment affects sort order.
Set LC_ALL=C to get the traditional sort order that uses
native byte values.

Report bugs to <bug-coreutils@gnu.org>.
`;

const ORDERING = 'bdfgiMnrh';

const SPEC: ToolSpec = {
  name: 'sort',
  suite: 'coreutils',
  help: HELP,
  authors: 'Mike Haertel and Paul Eggert',
  usageStatus: 2,
  options: [
    { short: 'b', long: 'ignore-leading-blanks' },
    { short: 'd', long: 'dictionary-order' },
    { short: 'f', long: 'ignore-case' },
    { short: 'g', long: 'general-numeric-sort' },
    { short: 'h', long: 'human-numeric-sort' },
    { short: 'i', long: 'ignore-nonprinting' },
    { short: 'M', long: 'month-sort' },
    { short: 'n', long: 'numeric-sort' },
    { short: 'r', long: 'reverse' },
    { short: 'c', long: 'check' },
    { short: 'k', long: 'key', arg: 'required' },
    { short: 'm', long: 'merge' },
    { short: 'o', long: 'output', arg: 'required' },
    { short: 's', long: 'stable' },
    { short: 'S', long: 'buffer-size', arg: 'required' },
    { short: 't', long: 'field-separator', arg: 'required' },
    { short: 'T', long: 'temporary-directory', arg: 'required' },
    { short: 'u', long: 'unique' },
    { short: 'z', long: 'zero-terminated' },
  ],
};

interface Key {
  startField: number;
  startChar: number;
  /** 0 = end of line. */
  endField: number;
  /** 0 = end of the field. */
  endChar: number;
  flags: string;
  /** Leading blanks skipped at the start (b on POS1) and at the end (b on POS2). */
  skipStart: boolean;
  skipEnd: boolean;
}

const isBlank = (c: string | undefined) => c === ' ' || c === '\t';

class KeySyntaxError extends Error {}

function parseKey(spec: string, global: string): Key {
  const [p1, p2] = spec.split(',', 2) as [string, string | undefined];
  const m1 = /^(\d+)(?:\.(\d+))?([a-zA-Z]*)$/.exec(p1);
  if (!m1 || Number(m1[1]) === 0 || (m1[2] !== undefined && Number(m1[2]) === 0)) throw new KeySyntaxError(spec);
  let flags = m1[3]!;
  let endField = 0;
  let endChar = 0;
  let endFlags = '';
  if (p2 !== undefined) {
    const m2 = /^(\d+)(?:\.(\d+))?([a-zA-Z]*)$/.exec(p2);
    if (!m2 || Number(m2[1]) === 0) throw new KeySyntaxError(spec);
    endField = Number(m2[1]);
    endChar = m2[2] === undefined ? 0 : Number(m2[2]);
    endFlags = m2[3]!;
  }
  for (const f of flags + endFlags) if (!ORDERING.includes(f)) throw new KeySyntaxError(spec);
  const own = flags + endFlags;
  const effective = own === '' ? global : own;
  return {
    startField: Number(m1[1]),
    startChar: m1[2] === undefined ? 1 : Number(m1[2]),
    endField,
    endChar,
    flags: effective,
    skipStart: own === '' ? global.includes('b') : flags.includes('b'),
    skipEnd: own === '' ? global.includes('b') : endFlags.includes('b'),
  };
}

/** Start offsets of the fields of a line: with a separator, after each one; without, at each blank run. */
function fieldStarts(line: string, tab: string | undefined): number[] {
  const starts = [0];
  if (tab !== undefined) {
    for (let i = line.indexOf(tab); i >= 0; i = line.indexOf(tab, i + 1)) starts.push(i + 1);
    return starts;
  }
  let i = 0;
  for (;;) {
    while (i < line.length && isBlank(line[i])) i++;
    while (i < line.length && !isBlank(line[i])) i++;
    if (i >= line.length) break;
    starts.push(i);
  }
  return starts;
}

export function keyText(line: string, key: Key, tab: string | undefined): string {
  const starts = fieldStarts(line, tab);
  const fieldEnd = (f: number) => (f < starts.length ? (f + 1 < starts.length ? starts[f + 1]! - (tab !== undefined ? 1 : 0) : line.length) : line.length);
  let s: number;
  if (key.startField - 1 >= starts.length) s = line.length;
  else {
    s = starts[key.startField - 1]!;
    if (key.skipStart) while (s < line.length && isBlank(line[s])) s++;
    s = Math.min(s + key.startChar - 1, fieldEnd(key.startField - 1));
  }
  let e: number;
  if (key.endField === 0) e = line.length;
  else if (key.endField - 1 >= starts.length) e = line.length;
  else if (key.endChar === 0) e = fieldEnd(key.endField - 1);
  else {
    e = starts[key.endField - 1]!;
    if (key.skipEnd) while (e < line.length && isBlank(line[e])) e++;
    e = Math.min(e + key.endChar, fieldEnd(key.endField - 1));
  }
  return e > s ? line.slice(s, e) : '';
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

function numericValue(s: string): number {
  const m = /^\s*(-?)(\d*)(?:\.(\d*))?/.exec(s)!;
  if (m[2] === '' && (m[3] ?? '') === '') return 0;
  return Number(`${m[1]}${m[2] || '0'}.${m[3] ?? ''}0`);
}

function humanValue(s: string): number {
  const m = /^\s*(-?\d*(?:\.\d*)?)([KMGTPEZY]?)/.exec(s)!;
  const n = Number(m[1]) || 0;
  return m[2] ? n * 1024 ** ('KMGTPEZY'.indexOf(m[2]) + 1) : n;
}

function generalValue(s: string): number {
  const m = /^\s*[+-]?(?:inf(?:inity)?|nan|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)/i.exec(s);
  return m ? Number(m[0].trim().replace(/^(\+?)inf.*$/i, 'Infinity').replace(/^-inf.*$/i, '-Infinity')) : -Infinity - 1;
}

const byteCompare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function compareBy(a: string, b: string, flags: string): number {
  let r: number;
  if (flags.includes('n')) r = numericValue(a) - numericValue(b);
  else if (flags.includes('h')) r = humanValue(a) - humanValue(b);
  else if (flags.includes('g')) {
    const x = generalValue(a);
    const y = generalValue(b);
    r = Number.isNaN(x) ? (Number.isNaN(y) ? 0 : -1) : Number.isNaN(y) ? 1 : x < y ? -1 : x > y ? 1 : 0;
  } else if (flags.includes('M')) {
    const month = (s: string) => MONTHS.indexOf(s.trim().slice(0, 3).toUpperCase()) + 1;
    r = month(a) - month(b);
  } else {
    let x = a;
    let y = b;
    if (flags.includes('d')) {
      x = x.replace(/[^ \tA-Za-z0-9]/g, '');
      y = y.replace(/[^ \tA-Za-z0-9]/g, '');
    }
    if (flags.includes('i')) {
      x = x.replace(/[^ -~]/g, '');
      y = y.replace(/[^ -~]/g, '');
    }
    if (flags.includes('f')) {
      x = x.toUpperCase();
      y = y.toUpperCase();
    }
    r = byteCompare(x, y);
  }
  r = Math.sign(r);
  return flags.includes('r') ? -r : r;
}

export interface SortSettings {
  keys: Key[];
  global: string;
  tab: string | undefined;
  stable: boolean;
  unique: boolean;
}

/** The comparison sort uses: keys in order, then (unless -s or -u) the whole line in byte order. */
export function makeComparator(s: SortSettings): (a: string, b: string) => number {
  const keyed = (a: string, b: string): number => {
    if (s.keys.length === 0) {
      const skip = s.global.includes('b');
      return compareBy(skip ? a.replace(/^[ \t]+/, '') : a, skip ? b.replace(/^[ \t]+/, '') : b, s.global);
    }
    for (const k of s.keys) {
      const r = compareBy(keyText(a, k, s.tab), keyText(b, k, s.tab), k.flags);
      if (r !== 0) return r;
    }
    return 0;
  };
  if (s.stable || s.unique) return keyed;
  const reverse = s.global.includes('r');
  return (a, b) => keyed(a, b) || (reverse ? -byteCompare(a, b) : byteCompare(a, b));
}

defineProgram({
  name: 'sort',
  options: ['-b', '-d', '-f', '-g', '-i', '-M', '-n', '-r', '-c', '-k', '-m', '-o', '-s', '-t', '-u', '-z'],
  main: (proc) =>
    runTool(proc, SPEC, async (tool, { options, operands }) => {
      let global = '';
      const keySpecs: string[] = [];
      let tab: string | undefined;
      let output: string | undefined;
      let check = false;
      let stable = false;
      let unique = false;
      let eol = '\n';
      for (const o of options) {
        if (ORDERING.includes(o.key) && o.key.length === 1) global += o.key;
        else if (o.key === 'k') keySpecs.push(o.value!);
        else if (o.key === 't') {
          const t = o.value!;
          if (t === '') return tool.fatal('empty tab', 2);
          if (t.length > 1 && t !== '\\0') return tool.fatal(`multi-character tab \`${t}'`, 2);
          tab = t === '\\0' ? '\0' : t;
        } else if (o.key === 'o') output = o.value;
        else if (o.key === 'c') check = true;
        else if (o.key === 's') stable = true;
        else if (o.key === 'u') unique = true;
        else if (o.key === 'z') eol = '\0';
      }
      const keys: Key[] = [];
      for (const k of keySpecs) {
        try {
          keys.push(parseKey(k, global));
        } catch (e) {
          if (e instanceof KeySyntaxError) return tool.fatal(`invalid field specification \`${k}'`, 2);
          throw e;
        }
      }
      const cmp = makeComparator({ keys, global, tab, stable, unique });
      const lines: string[] = [];
      const ok = await eachInput(tool, operands, async (fd) => {
        const reader = new Reader(proc, fd, tool.out);
        for (let l = await reader.line(eol); l; l = await reader.line(eol)) {
          lines.push(l.text);
          await proc.checkpoint();
        }
      });
      if (!ok) return 2;
      if (check) {
        for (let i = 1; i < lines.length; i++) {
          const r = cmp(lines[i - 1]!, lines[i]!);
          if (r > 0 || (unique && r === 0)) {
            await tool.warn(`${operands[0] ?? '-'}:${i + 1}: disorder: ${lines[i]}`);
            return 1;
          }
        }
        return 0;
      }
      lines.sort(cmp);
      let text = '';
      const parts: string[] = [];
      for (let i = 0; i < lines.length; i++) {
        if (unique && i > 0 && cmp(lines[i - 1]!, lines[i]!) === 0) continue;
        parts.push(lines[i]! + eol);
      }
      text = parts.join('');
      if (output === undefined) {
        tool.out.put(text);
        return 0;
      }
      // -o is opened only after all input is read, so `sort -o f f` works.
      try {
        const fd = proc.open(output, O_WRONLY | O_CREAT | O_TRUNC);
        await proc.write(fd, text);
        proc.close(fd);
      } catch (e) {
        if (!(e instanceof SyscallError)) throw e;
        return tool.fatal(`${output}: ${e.message}`, 2);
      }
      return 0;
    }),
});
