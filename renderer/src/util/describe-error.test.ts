import { describe, expect, it } from 'vitest';
import { describeError } from './describe-error.js';

describe('describeError', () => {
  it('gives the message of an Error, without its stack', () => {
    const e = new Error('disk full\n    at foo (bar.js:1:1)');
    expect(describeError(e)).toBe('disk full');
  });
  it('never says undefined or [object Object]', () => {
    for (const v of [undefined, null, {}, [], new Error(''), '', Symbol('x')]) {
      const text = describeError(v);
      expect(text).toBe('unknown error');
    }
    expect(describeError({ code: 7 })).toBe('{"code":7}');
    expect(describeError({ message: 'nope' })).toBe('nope');
    expect(describeError(42)).toBe('42');
  });
  it('bounds long messages', () => {
    expect(describeError('x'.repeat(1000)).length).toBe(300);
  });
});
