import { describe, expect, it } from 'vitest';
import { computeChanges, groupHunks, lineKey, splitDiffLines } from './engine.js';
import { formatContext, formatNormal, formatUnified } from './format.js';

const lines = (s: string) => splitDiffLines(s);
const keys = (s: string) => lines(s).map((l) => lineKey(l, {}));
const diff = (a: string, b: string) => computeChanges(keys(a), keys(b));

describe('computeChanges', () => {
  it('finds nothing between equal texts', () => {
    expect(diff('a\nb\n', 'a\nb\n')).toEqual([]);
  });
  it('finds a change, an insertion and a deletion', () => {
    expect(diff('a\nb\nc\nd\n', 'a\nB\nc\nd\ne\n')).toEqual([
      { a0: 1, a1: 2, b0: 1, b1: 2 },
      { a0: 4, a1: 4, b0: 4, b1: 5 },
    ]);
    expect(diff('a\nb\nc\n', 'a\nc\n')).toEqual([{ a0: 1, a1: 2, b0: 1, b1: 1 }]);
  });
  it('is a minimal script on interleaved edits', () => {
    const a = 'a\nb\nc\nd\ne\nf\ng\n';
    const b = 'a\nx\nc\nd\ny\nf\ng\nh\n';
    const changes = diff(a, b);
    const edited = changes.reduce((n, c) => n + (c.a1 - c.a0) + (c.b1 - c.b0), 0);
    expect(edited).toBe(5);
  });
  it('treats a last line without newline as different', () => {
    expect(diff('a\n', 'a')).toEqual([{ a0: 0, a1: 1, b0: 0, b1: 1 }]);
  });
  it('compares under -i, -b and -w', () => {
    expect(lineKey({ text: 'A  b ', nl: true }, { ignoreCase: true, ignoreSpaceChange: true })).toBe('a b\n');
    expect(lineKey({ text: ' a\tb ', nl: true }, { ignoreAllSpace: true })).toBe('ab\n');
  });
  it('merges hunks whose gap is at most twice the context', () => {
    const c = [
      { a0: 1, a1: 2, b0: 1, b1: 2 },
      { a0: 8, a1: 9, b0: 8, b1: 9 },
      { a0: 16, a1: 17, b0: 16, b1: 17 },
    ];
    expect(groupHunks(c, 3).map((h) => h.length)).toEqual([2, 1]);
  });
});

describe('output formats', () => {
  const a = 'a\nb\nc\nd\n';
  const b = 'a\nB\nc\nd\ne\n';
  it('normal', () => {
    expect(formatNormal(lines(a), lines(b), diff(a, b))).toBe('2c2\n< b\n---\n> B\n4a5\n> e\n');
    expect(formatNormal(lines('x\ny\nz\n'), lines('z\n'), diff('x\ny\nz\n', 'z\n'))).toBe('1,2d0\n< x\n< y\n');
  });
  it('unified', () => {
    expect(formatUnified(lines(a), lines(b), diff(a, b), 3)).toBe('@@ -1,4 +1,5 @@\n a\n-b\n+B\n c\n d\n+e\n');
    expect(formatUnified(lines(''), lines('new\n'), diff('', 'new\n'), 3)).toBe('@@ -0,0 +1 @@\n+new\n');
  });
  it('context', () => {
    expect(formatContext(lines(a), lines(b), diff(a, b), 3)).toBe('***************\n*** 1,4 ****\n  a\n! b\n  c\n  d\n--- 1,5 ----\n  a\n! B\n  c\n  d\n+ e\n');
  });
  it('marks a missing final newline', () => {
    expect(formatNormal(lines('a\n'), lines('a'), diff('a\n', 'a'))).toBe('1c1\n< a\n---\n> a\n\\ No newline at end of file\n');
  });
});
