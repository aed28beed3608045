import { describe, expect, it } from 'vitest';
import { getopt, UsageError } from './getopt.js';
import { formatFloat, formatInteger, interpretEscapes, parseFormat, parseIntegerArg, resolveSpec, type Conversion } from './printf.js';
import { compileRegex, matchAll, RegexError, translateRegex } from './regex.js';

describe('getopt', () => {
  const defs = [
    { short: 'n', long: 'number' },
    { short: 'r', long: 'reverse' },
    { short: 'k', long: 'key', arg: 'required' as const },
    { short: 'i', long: 'in-place', arg: 'optional' as const },
    { long: 'keep', key: 'keep' },
  ];
  it('clusters, attached and separate arguments, permutation and --', () => {
    const r = getopt(['-rn', 'file', '-k2', '-k', '3', '--key=4', '--key', '5', '--', '-x'], defs);
    expect(r.options.map((o) => [o.key, o.value])).toEqual([
      ['r', undefined],
      ['n', undefined],
      ['k', '2'],
      ['k', '3'],
      ['k', '4'],
      ['k', '5'],
    ]);
    expect(r.operands).toEqual(['file', '-x']);
    expect(getopt(['a', '-n'], defs, { posixOrder: true }).operands).toEqual(['a', '-n']);
    expect(getopt(['-i.bak', '-i', 'x'], defs).options.map((o) => o.value)).toEqual(['.bak', undefined]);
  });
  it('unambiguous prefixes and the era wording of errors', () => {
    expect(getopt(['--rev'], defs).options[0]!.key).toBe('r');
    const err = (args: string[]) => {
      try {
        getopt(args, defs);
      } catch (e) {
        return e instanceof UsageError ? e.message : 'other';
      }
      return 'none';
    };
    expect(err(['-z'])).toBe('invalid option -- z');
    expect(err(['-k'])).toBe('option requires an argument -- k');
    expect(err(['--frob'])).toBe("unrecognized option `--frob'");
    expect(err(['--ke'])).toBe("option `--ke' is ambiguous");
    expect(err(['--key'])).toBe("option `--key' requires an argument");
    expect(err(['--number=3'])).toBe("option `--number' doesn't allow an argument");
  });
});

describe('regex translation', () => {
  const m = (p: string, s: string, o = {}) => compileRegex(p, o).test(s);
  it('BRE and ERE basics', () => {
    expect(m('a\\{2\\}', 'aa')).toBe(true);
    expect(m('a{2}', 'a{2}')).toBe(true);
    expect(m('a{2}', 'aa', { extended: true })).toBe(true);
    expect(m('a\\+b', 'aab')).toBe(true);
    expect(m('a+b', 'a+b')).toBe(true);
    expect(m('x\\|y', 'y')).toBe(true);
    expect(m('(x)', '(x)')).toBe(true);
    expect(m('^*a', '*a')).toBe(true);
    expect(m('a^b', 'a^b')).toBe(true);
    expect(m('a$b', 'a$b')).toBe(true);
    expect(m('\\(ab\\)\\1', 'abab')).toBe(true);
    expect(m('[[:digit:]]x', '5x')).toBe(true);
    expect(m('[]a]', ']')).toBe(true);
    expect(m('[^]a]', 'b')).toBe(true);
    expect(m('[a\\]', '\\')).toBe(true);
    expect(m('\\<the\\>', 'in the end')).toBe(true);
    expect(m('\\<the\\>', 'other')).toBe(false);
    expect(m('a+?', 'a', { extended: true })).toBe(true);
    expect(m('a**', 'aaa')).toBe(true);
    expect(m('.', '\n')).toBe(true);
  });
  it('errors in glibc words', () => {
    const e = (p: string, o = {}) => {
      try {
        translateRegex(p, o);
      } catch (x) {
        return x instanceof RegexError ? x.message : 'other';
      }
      return 'none';
    };
    expect(e('[a')).toBe('Unmatched [ or [^');
    expect(e('\\(a')).toBe('Unmatched ( or \\(');
    expect(e('a\\)')).toBe('Unmatched ) or \\)');
    expect(e('(a', { extended: true })).toBe('Unmatched ( or \\(');
    expect(e('a\\{1')).toBe('Unmatched \\{');
    expect(e('a\\{2,1\\}')).toBe('Invalid content of \\{\\}');
    expect(e('[z-a]')).toBe('Invalid range end');
    expect(e('a\\')).toBe('Trailing backslash');
    expect(e('\\1')).toBe('Invalid back reference');
    expect(e('[[:foo:]]')).toBe('Invalid character class name');
    expect(e('*a', { extended: true, leadingRepeat: 'error' })).toBe('Invalid preceding regular expression');
  });
  it('POSIX empty-match stepping', () => {
    const re = compileRegex('x*', {}, 'g');
    expect([...matchAll(re, 'abc')].map((x) => x.index)).toEqual([0, 1, 2, 3]);
  });
});

describe('printf formatting', () => {
  const conv = (f: string) => parseFormat(f).find((p): p is Conversion => typeof p !== 'string')!;
  const fi = (f: string, v: bigint) => formatInteger(v, resolveSpec(conv(f), () => 0));
  const ff = (f: string, v: number) => formatFloat(v, resolveSpec(conv(f), () => 0));
  it('integers', () => {
    expect(fi('%5d', 42n)).toBe('   42');
    expect(fi('%-5d|', 42n)).toBe('42   ');
    expect(fi('%05d', -42n)).toBe('-0042');
    expect(fi('%+d', 5n)).toBe('+5');
    expect(fi('%x', 255n)).toBe('ff');
    expect(fi('%#X', 255n)).toBe('0XFF');
    expect(fi('%#o', 8n)).toBe('010');
    expect(fi('%u', -1n)).toBe('18446744073709551615');
    expect(fi('%.3d', 7n)).toBe('007');
    expect(fi('%.0d', 0n)).toBe('');
  });
  it('floats', () => {
    expect(ff('%f', 3.14159)).toBe('3.141590');
    expect(ff('%.2f', 2.675)).toBe('2.67');
    expect(ff('%e', 12345.678)).toBe('1.234568e+04');
    expect(ff('%g', 0.0001)).toBe('0.0001');
    expect(ff('%g', 0.00001)).toBe('1e-05');
    expect(ff('%g', 123456789)).toBe('1.23457e+08');
    expect(ff('%g', 100000)).toBe('100000');
    expect(ff('%#g', 1)).toBe('1.00000');
    expect(ff('%08.3f', -3.14159)).toBe('-003.142');
    expect(ff('%f', 1e22)).toBe('10000000000000000000000.000000');
    expect(ff('%f', Infinity)).toBe('inf');
    expect(ff('%G', 1e-10)).toBe('1E-10');
  });
  it('escapes and argument conversion', () => {
    expect(interpretEscapes('a\\tb\\101\\x41\\c', 'format').text).toBe('a\tbAA\\c');
    expect(interpretEscapes('x\\0101y\\cz', 'b')).toEqual({ text: 'xAy', stop: true });
    expect(parseIntegerArg("'A", false)).toEqual({ value: 65n });
    expect(parseIntegerArg('0x10', false)).toEqual({ value: 16n });
    expect(parseIntegerArg('010', false)).toEqual({ value: 8n });
    expect(parseIntegerArg('12abc', false)).toEqual({ value: 12n, error: '12abc: value not completely converted' });
    expect(parseIntegerArg('abc', false)).toEqual({ value: 0n, error: 'abc: expected a numeric value' });
  });
});
