import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compileEre,
  escapeGlob,
  globExpand,
  globMatches,
  hasGlobChars,
  matchPattern,
  removePrefix,
  removeSuffix,
  replacePattern,
  unescapeGlob,
  type GlobFs,
} from './pattern.js';

describe('matchPattern: table checked against bash [[ s == p ]]', () => {
  it.each([
    ["abc", "a*", true],
    ["abc", "*c", true],
    ["abc", "a?c", true],
    ["abc", "a??c", false],
    ["abc", "*", true],
    ["abc", "[abc]bc", true],
    ["abc", "[!a]bc", false],
    ["abc", "[^a]bc", false],
    ["bbc", "[!a]bc", true],
    ["abc", "[a-c][a-c][a-c]", true],
    ["a-c", "a[-]c", true],
    ["a]c", "a[]]c", true],
    ["a]c", "a[!]]c", false],
    ["abc", "a[!]]c", true],
    ["a^c", "a[\\^]c", true],
    ["abc", "[[:alpha:]]*", true],
    ["1bc", "[[:alpha:]]*", false],
    ["1bc", "[[:digit:]]*", true],
    [" bc", "[[:space:]]*", true],
    ["Abc", "[[:upper:]]*", true],
    ["abc", "[[:upper:]]*", false],
    ["abc", "[[:lower:]]bc", true],
    ["a.c", "a[[:punct:]]c", true],
    ["aXc", "a[[:xdigit:]]c", false],
    ["aFc", "a[[:xdigit:]]c", true],
    ["a*c", "a\\*c", true],
    ["abc", "a\\*c", false],
    ["a\\c", "a\\\\c", true],
    ["[ab", "[ab", true],
    ["[ab", "\\[ab", true],
    ["ab", "[ab", false],
    ["a[b", "a[b", true],
    ["a[b", "a[[]b", true],
    ["*", "\\*", true],
    [".hidden", "*", true],
    [".hidden", ".*", true],
    ["a/b", "a*b", true],
    ["a/b", "a?b", true],
    ["a/b", "a[/]b", true],
    ["abc", "a[b-]c", true],
    ["a-c", "a[b-]c", true],
    ["abc", "[z-a]bc", false],
    ["\u00e9bc", "?bc", true],
    ["\u00e9bc", "[[:alpha:]]bc", true],
    ["aaa", "*a*a*a*", true],
    ["aaab", "*a*a*a*", true],
    ["xyz", "*[xyz]", true],
    ["abc", "a[[=b=]]c", true],
    ["abc", "a[[.b.]]c", true],
    ["abc", "[[:foo:]]bc", false],
    ["", "*", true],
    ["", "?", false],
  ])('%j == %j -> %s', (s, p, expected) => {
    expect(matchPattern(s, p)).toBe(expected);
  });

  it('ignores case with nocase', () => {
    expect(matchPattern('ABC', 'a*c', { nocase: true })).toBe(true);
    expect(matchPattern('ABC', '[a-b]bc', { nocase: true })).toBe(true);
    expect(matchPattern('ABC', 'a*c')).toBe(false);
  });
});

describe('prefix, suffix and replacement', () => {
  it.each([
    // text, pattern, #, ##, %, %%  (checked against bash)
    ['/usr/local/bin', '*/', 'usr/local/bin', 'bin', '/usr/local/bin', '/usr/local/bin'],
    ['/usr/local/bin', '/*', 'usr/local/bin', '', '/usr/local', ''],
    ['a.tar.gz', '*.', 'tar.gz', 'gz', 'a.tar.gz', 'a.tar.gz'],
    ['a.tar.gz', '.*', 'a.tar.gz', 'a.tar.gz', 'a.tar', 'a'],
    ['aaa', 'a', 'aa', 'aa', 'aa', 'aa'],
    ['aaa', 'a*', 'aa', '', 'aa', ''],
    ['abc', '', 'abc', 'abc', 'abc', 'abc'],
    ['abc', 'x', 'abc', 'abc', 'abc', 'abc'],
    ['héllo', 'h?', 'llo', 'llo', 'héllo', 'héllo'],
  ])('%j with %j', (text, p, shortPre, longPre, shortSuf, longSuf) => {
    expect(removePrefix(text, p, false)).toBe(shortPre);
    expect(removePrefix(text, p, true)).toBe(longPre);
    expect(removeSuffix(text, p, false)).toBe(shortSuf);
    expect(removeSuffix(text, p, true)).toBe(longSuf);
  });

  const r = (text: string, p: string, repl: string, mode: 'first' | 'all' | 'start' | 'end'): string => replacePattern(text, p, () => repl, mode);

  it.each([
    // checked against bash ${x/p/r} ${x//p/r} ${x/#p/r} ${x/%p/r}
    ['aXbXc', 'X', '-', 'first', 'a-bXc'],
    ['aXbXc', 'X', '-', 'all', 'a-b-c'],
    ['aXbXc', 'X', '', 'all', 'abc'],
    ['aaa', 'a', 'b', 'start', 'baa'],
    ['aaa', 'a', 'b', 'end', 'aab'],
    ['abc', '*', 'z', 'all', 'z'],
    ['abc', 'b*', '', 'all', 'a'],
    ['abc', '?', 'z', 'first', 'zbc'],
    ['abc', '', 'y', 'start', 'yabc'],
    ['abc', '', 'y', 'end', 'abcy'],
    ['abc', '', 'y', 'all', 'abc'],
    ['', '*', 'z', 'all', 'z'],
    ['a b c', ' ', '_', 'all', 'a_b_c'],
    ['abcabc', 'b*c', 'X', 'first', 'aX'],
    ['x.y.z', '.', '/', 'all', 'x/y/z'],
  ])('%j %j -> %j (%s)', (text, p, repl, mode, expected) => {
    expect(r(text, p, repl, mode as 'first')).toBe(expected);
  });

  it('passes the matched text to the replacement (bash 5.2 &)', () => {
    expect(replacePattern('abc', 'b', (m) => `[${m}]`, 'first')).toBe('a[b]c');
  });
});

describe('glob helpers', () => {
  it.each([
    ['*', true],
    ['a?', true],
    ['[ab]', true],
    ['[ab', false],
    ['\\*', false],
    ['abc', false],
    ['a]', false],
  ])('hasGlobChars(%j) = %s', (p, expected) => {
    expect(hasGlobChars(p)).toBe(expected);
  });

  it('escapes and unescapes', () => {
    expect(escapeGlob('a*b?[c]\\')).toBe('a\\*b\\?\\[c\\]\\\\');
    expect(unescapeGlob(escapeGlob('a*b?[c]\\'))).toBe('a*b?[c]\\');
    expect(matchPattern('a*b?[c]', escapeGlob('a*b?[c]'))).toBe(true);
    expect(matchPattern('axbc', escapeGlob('a*b'))).toBe(false);
  });

  it('matches any string quoted with escapeGlob, and only it (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), fc.string({ maxLength: 20 }), (a, b) => {
        expect(matchPattern(a, escapeGlob(a))).toBe(true);
        expect(matchPattern(b, escapeGlob(a))).toBe(a === b);
      }),
    );
  });

  it('agrees with a regular-expression reference for * and ? (property)', () => {
    const alphabet = fc.constantFrom('a', 'b', '*', '?');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 8 }).map((x) => x.join('')), fc.array(fc.constantFrom('a', 'b'), { maxLength: 8 }).map((x) => x.join('')), (p, s) => {
        const re = new RegExp('^' + p.replace(/\*/g, '.*').replace(/\?/g, '.') + '$', 's');
        expect(matchPattern(s, p)).toBe(re.test(s));
        if (matchPattern(s, p)) {
          expect(removePrefix(s, p, true)).toBe('');
          expect(removeSuffix(s, p, false)).toBe(s.length === 0 || !matchPattern('', p) ? removeSuffix(s, p, false) : s);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on arbitrary patterns', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), fc.string({ maxLength: 30 }), (p, s) => {
        matchPattern(s, p);
        removePrefix(s, p, true);
        removeSuffix(s, p, false);
        replacePattern(s, p, () => 'x', 'all');
        replacePattern(s, p, () => 'x', 'end');
        hasGlobChars(p);
        compileEre(p);
      }),
      { numRuns: 3000 },
    );
  });
});

/** A small in-memory tree: directories are objects, files are null. */
function fakeFs(tree: Record<string, unknown>): GlobFs {
  const lookup = (path: string): unknown => {
    let node: unknown = tree;
    const parts = path.split('/').filter((p) => p !== '' && p !== '.');
    for (const p of parts) {
      if (node === null || typeof node !== 'object' || !(p in (node as object))) return undefined;
      node = (node as Record<string, unknown>)[p];
    }
    return node;
  };
  return {
    readdir: (path) => {
      const n = lookup(path);
      return n !== null && typeof n === 'object' ? Object.keys(n as object) : null;
    },
    isDirectory: (path) => {
      const n = lookup(path);
      return n !== null && typeof n === 'object';
    },
  };
}

describe('globExpand', () => {
  const fs = fakeFs({
    'a.txt': null,
    'b.txt': null,
    'c.log': null,
    '.hidden': null,
    '.config': { x: null },
    'x y': null,
    dir1: { f1: null, sub: { g: null }, '.h': null },
    dir2: { f2: null },
    etc: { passwd: null, hosts: null },
  });

  it.each([
    // same tree as a real directory, results checked against bash
    ['*.txt', ['a.txt', 'b.txt']],
    ['*', ['a.txt', 'b.txt', 'c.log', 'dir1', 'dir2', 'etc', 'x y']],
    ['.*', ['.config', '.hidden']],
    ['*/', ['dir1/', 'dir2/', 'etc/']],
    ['d*/*', ['dir1/f1', 'dir1/sub', 'dir2/f2']],
    ['dir1/*/g', ['dir1/sub/g']],
    ['dir1/*', ['dir1/f1', 'dir1/sub']],
    ['dir1/.*', ['dir1/.h']],
    ['[ab].txt', ['a.txt', 'b.txt']],
    ['[!a]*', ['b.txt', 'c.log', 'dir1', 'dir2', 'etc', 'x y']],
    ['x\\ *', ['x y']],
    ['*.nomatch', ['*.nomatch']],
    ['\\*.txt', ['*.txt']],
    ['/etc/*', ['/etc/hosts', '/etc/passwd']],
    ['/e*/p*', ['/etc/passwd']],
    ['dir?', ['dir1', 'dir2']],
    ['nodir/*', ['nodir/*']],
    ['a.txt/*', ['a.txt/*']],
    ['dir1/f1', ['dir1/f1']],
    ['*/f?', ['dir1/f1', 'dir2/f2']],
  ])('%j', (pattern, expected) => {
    expect(globExpand(pattern, fs)).toEqual(expected);
  });

  it('honours dotglob, nullglob and nocaseglob', () => {
    expect(globExpand('*', fs, { dotglob: true })).toContain('.hidden');
    expect(globExpand('*.none', fs, { nullglob: true })).toEqual([]);
    expect(globMatches('*.TXT', fs, { nocase: true })).toEqual(['a.txt', 'b.txt']);
  });
});

describe('compileEre', () => {
  it.each([
    ['^[0-9]+$', '123', true],
    ['^[0-9]+$', '12a', false],
    ['^(a|b)c$', 'bc', true],
    ['[[:alpha:]]+', '12ab', true],
    ['^[[:digit:]]{3}$', '123', true],
    ['a.c', 'a\nc', true],
    ['[\\d]', 'd', true],
    ['[\\d]', '5', false],
    ['\\<ab', 'x ab', true],
  ])('%j ~ %j', (re, s, expected) => {
    expect(compileEre(re)!.test(s)).toBe(expected);
  });

  it('returns null for invalid expressions', () => {
    expect(compileEre('(')).toBeNull();
    expect(compileEre('[a')).toBeNull();
    expect(compileEre('[[:nope:]]')).toBeNull();
  });
});
