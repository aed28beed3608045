import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyMode, compileMode } from './modes.js';

const apply = (text: string, old: number, isDir = false, umask = 0o022) => {
  const c = compileMode(text, umask, true);
  if (!c) return undefined;
  return applyMode(old, isDir, c);
};

describe('symbolic modes (modechange.c)', () => {
  it.each([
    ['u+x', 0o644, 0o744],
    ['go-w', 0o666, 0o644],
    ['a=r', 0o755, 0o444],
    ['u=rwx,go=rx', 0, 0o755],
    ['+x', 0o644, 0o755],
    ['-w', 0o666, 0o466], // the umask (022) shields group and other write bits
    ['=rw', 0o777, 0o644],
    ['g=u', 0o750, 0o770],
    ['o=g', 0o754, 0o755],
    ['u+s', 0o755, 0o4755],
    ['g+s', 0o755, 0o2755],
    ['+t', 0o777, 0o1777],
    ['o+t', 0o777, 0o1777],
    ['u-s', 0o4755, 0o755],
    ['a+X', 0o644, 0o644],
    ['a+X', 0o744, 0o755],
    ['755', 0o600, 0o755],
    ['4711', 0, 0o4711],
    ['0', 0o777, 0],
    ['u+x,g+w', 0o600, 0o720],
    ['ug+rw', 0, 0o660],
  ])('%s on %o gives %o', (text, old, expected) => {
    expect(apply(text, old)).toBe(expected);
  });
  it('X affects directories', () => {
    expect(apply('a+X', 0o644, true)).toBe(0o755);
  });
  it.each(['', 'u', 'x+', 'u+q', '8', '77777', 'rw'])('rejects %j', (text) => {
    expect(compileMode(text, 0o22)).toBeUndefined();
  });
  it('mkdir -m does not mask with the umask', () => {
    expect(applyMode(0o755, true, compileMode('+w', 0o022, false)!)).toBe(0o777);
    expect(applyMode(0o755, true, compileMode('+w', 0o022, true)!)).toBe(0o755);
  });

  it('agrees with an independent octal model for who/op/perm clauses', () => {
    const who = fc.subarray(['u', 'g', 'o'], { minLength: 1 });
    const perms = fc.subarray(['r', 'w', 'x'], { minLength: 0 });
    const op = fc.constantFrom('+', '-', '=');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0o777 }), fc.array(fc.tuple(who, op, perms), { minLength: 1, maxLength: 4 }), (old, clauses) => {
        const text = clauses.map(([w, o, p]) => w.join('') + o + p.join('')).join(',');
        let model = old;
        for (const [w, o, p] of clauses) {
          let bits = 0;
          for (const c of w) {
            const shift = c === 'u' ? 6 : c === 'g' ? 3 : 0;
            for (const q of p) bits |= (q === 'r' ? 4 : q === 'w' ? 2 : 1) << shift;
          }
          let mask = 0;
          for (const c of w) mask |= 7 << (c === 'u' ? 6 : c === 'g' ? 3 : 0);
          if (o === '+') model |= bits;
          else if (o === '-') model &= ~bits;
          else model = (model & ~mask) | bits;
        }
        expect(apply(text, old)).toBe(model);
      }),
    );
  });

  it('octal modes are exact', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 0o7777 }), fc.integer({ min: 0, max: 0o7777 }), (old, m) => {
      expect(apply(m.toString(8), old)).toBe(m);
    }));
  });
});
