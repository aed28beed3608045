import { describe, expect, it } from 'vitest';
import { splitArguments } from './xargs.js';

describe('xargs argument splitting', () => {
  it.each([
    ['a b\tc\nd', ['a', 'b', 'c', 'd']],
    ['"a b" c', ['a b', 'c']],
    ["'it''s' x", ['its', 'x']],
    ['a\\ b c', ['a b', 'c']],
    ['  ', []],
  ])('%j', (input, expected) => {
    expect(splitArguments(input)).toEqual({ args: expected });
  });

  it('reports an unmatched quote', () => {
    expect(splitArguments('"open\n').error).toBe('unmatched double quote');
  });
});
