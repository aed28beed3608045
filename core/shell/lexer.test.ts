import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Script } from './ast.js';
import { Lexer, ParseFailure, type LexerHost, type Token } from './lexer.js';

/** A lexer with a host that refuses nested scripts (the parser provides the real one). */
function lexer(src: string, final = true): Lexer {
  const lx = new Lexer(src, final);
  const empty = (): Script => ({ type: 'Script', body: [], pos: { offset: 0, line: 1, column: 1 }, end: 0 });
  const host: LexerHost = {
    parseCommandSubstitution: () => {
      // Skip to the matching parenthesis (good enough for these tests).
      let depth = 1;
      while (lx.i < lx.len && depth > 0) {
        const c = lx.src[lx.i++];
        if (c === '(') depth++;
        else if (c === ')') depth--;
      }
      return empty();
    },
    parseNestedScript: () => empty(),
    parseHereDocParts: () => [],
  };
  lx.host = host;
  return lx;
}

function tokens(src: string): string[] {
  const lx = lexer(src);
  const out: string[] = [];
  for (;;) {
    const t: Token = lx.next();
    if (t.kind === 'eof') return out;
    out.push(t.kind === 'word' ? `w:${t.word.raw}` : t.kind === 'op' ? `op:${t.op}` : t.kind === 'io' ? `io:${t.fd}` : 'nl');
  }
}

describe('lexer', () => {
  it.each([
    ['echo a b', ['w:echo', 'w:a', 'w:b']],
    ['a|b||c&d&&e;f;;g', ['w:a', 'op:|', 'w:b', 'op:||', 'w:c', 'op:&', 'w:d', 'op:&&', 'w:e', 'op:;', 'w:f', 'op:;;', 'w:g']],
    ['a |& b', ['w:a', 'op:|&', 'w:b']],
    [';& ;;& ( )', ['op:;&', 'op:;;&', 'op:(', 'op:)']],
    ['< > >> >| <> << <<- <<< >& <& &> &>>', ['op:<', 'op:>', 'op:>>', 'op:>|', 'op:<>', 'op:<<', 'op:<<-', 'op:<<<', 'op:>&', 'op:<&', 'op:&>', 'op:&>>']],
    ['2>&1 10<x 2 >y', ['io:2', 'op:>&', 'w:1', 'io:10', 'op:<', 'w:x', 'w:2', 'op:>', 'w:y']],
    ['a # comment\nb', ['w:a', 'nl', 'w:b']],
    ['a#b #c', ['w:a#b']],
    ['#!/bin/bash\necho', ['nl', 'w:echo']],
    ['a \\\n b', ['w:a', 'w:b']],
    ['a\\\nb', ['w:a\\\nb']],
    ['"a b"c\'d e\'', ['w:"a b"c\'d e\'']],
    ['$(a b) `c d` $((1 + 2))', ['w:$(a b)', 'w:`c d`', 'w:$((1 + 2))']],
    ['${x:-a b} "${y}"z', ['w:${x:-a b}', 'w:"${y}"z']],
    ['a=(1 2\n 3) b', ['w:a=(1 2\n 3)', 'w:b']],
    ['{ a; }', ['w:{', 'w:a', 'op:;', 'w:}']],
    ['x=$\'a b\'', ["w:x=$'a b'"]],
  ])('%j', (src, expected) => {
    expect(tokens(src)).toEqual(expected);
  });

  it('reads a regular expression word with parentheses and bars', () => {
    const lx = lexer(' ^(a|b) c$ ]]');
    expect(lx.readRegexWord()!.raw).toBe('^(a|b)');
    expect(lx.readRegexWord()!.raw).toBe('c$');
    const l2 = lexer('( a b ) x');
    expect(l2.readRegexWord()!.raw).toBe('( a b )');
  });

  it('computes line and column positions', () => {
    const lx = lexer('ab\ncd\n\nef');
    expect(lx.posAt(0)).toEqual({ offset: 0, line: 1, column: 1 });
    expect(lx.posAt(4)).toEqual({ offset: 4, line: 2, column: 2 });
    expect(lx.posAt(6)).toEqual({ offset: 6, line: 3, column: 1 });
    expect(lx.posAt(8)).toEqual({ offset: 8, line: 4, column: 2 });
  });

  it('signals incomplete input', () => {
    for (const [src, reason] of [
      ["'abc", 'quote'],
      ['"abc', 'quote'],
      ['`abc', 'quote'],
      ['${abc', 'substitution'],
      ['$((1', 'substitution'],
      ['abc\\', 'continuation'],
    ] as const) {
      const lx = lexer(src, false);
      let failure: unknown;
      try {
        while (lx.next().kind !== 'eof');
      } catch (e) {
        failure = e;
      }
      expect(failure).toBeInstanceOf(ParseFailure);
      expect((failure as ParseFailure).reason).toBe(reason);
    }
  });

  it('never throws anything but ParseFailure (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (s) => {
        const lx = lexer(s);
        try {
          for (let k = 0; k < 200 && lx.next().kind !== 'eof'; k++);
        } catch (e) {
          expect(e).toBeInstanceOf(ParseFailure);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
