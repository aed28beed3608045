import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expandWords, type ExpandContext } from './expand.js';
import { parse } from './parser.js';
import { ansiCQuote, doubleQuote, quoteAlways, quoteBackslash, quoteForShell, singleQuote } from './quote.js';
import type { SimpleCommand } from './ast.js';

describe('quoting', () => {
  // Expected values are what bash 5.2 prints with `set -x`.
  it.each([
    ['a b', "'a b'"],
    ["it's", "'it'\\''s'"],
    ['', "''"],
    ['abc', 'abc'],
    ['a=b', 'a=b'],
    ['~x', "'~x'"],
    ['x~', 'x~'],
    ['#a', "'#a'"],
    ['a#', 'a#'],
    ['a*', "'a*'"],
    ['a\tb', "'a\tb'"],
    ['a\nb', "'a\nb'"],
    ['a$b', "'a$b'"],
    ['{a}', "'{a}'"],
    ['a,b', 'a,b'],
    ['!', "'!'"],
    ['é', 'é'],
    ['%', '%'],
    ['^', "'^'"],
    [':', ':'],
    ['x]', "'x]'"],
    ['\\', "'\\'"],
    ['\x01', "$'\\001'"],
  ])('set -x: %j -> %s', (s, expected) => {
    expect(quoteForShell(s)).toBe(expected);
  });

  // Expected values are what bash 5.2 prints with printf %q.
  it.each([
    ['a b', 'a\\ b'],
    ["it's", "it\\'s"],
    ['', "''"],
    ['~x', '\\~x'],
    ['a*', 'a\\*'],
    ['a\tb', "$'a\\tb'"],
    ['é', 'é'],
    ['a=b', 'a=b'],
    ['#a', '\\#a'],
    ['a#', 'a#'],
    ['a,b', 'a\\,b'],
  ])('printf %%q: %j -> %s', (s, expected) => {
    expect(quoteBackslash(s)).toBe(expected);
  });

  it('other styles', () => {
    expect(singleQuote('ls -l')).toBe("'ls -l'");
    expect(doubleQuote('a b"c$d')).toBe('"a b\\"c\\$d"');
    expect(ansiCQuote('a\tb\x1b')).toBe("$'a\\tb\\E'");
    expect(quoteAlways('abc')).toBe("'abc'");
  });

  const ctx: ExpandContext = {
    getVar: () => undefined,
    setVar: () => {},
    positional: () => [],
    special: () => undefined,
    homeOf: () => undefined,
    commandSubstitution: async () => '',
    fs: { readdir: () => [], isDirectory: () => false },
    noglob: true,
    nounset: false,
  };

  it('round-trips: parsing and expanding the quoted text gives the string back (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 30 }), fc.constantFrom(quoteForShell, quoteBackslash, singleQuote, quoteAlways), async (s, quote) => {
        const r = parse(`: ${quote(s)}`, { final: true });
        expect(r.kind).toBe('ok');
        if (r.kind !== 'ok') return;
        const words = (r.script.body[0]!.command.first.commands[0] as SimpleCommand).words.slice(1);
        expect(await expandWords(words, ctx)).toEqual([s]);
      }),
      { numRuns: 2000 },
    );
  });
});
