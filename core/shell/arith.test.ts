import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ArithError, evalArith, evaluateArith, parseArith, type ArithEnv } from './arith.js';

function env(initial: Record<string, string> = {}, nounset = false): ArithEnv & { vars: Map<string, string> } {
  const vars = new Map(Object.entries(initial));
  return { vars, get: (n) => vars.get(n), set: (n, v) => void vars.set(n, v), nounset };
}

/** What bash prints for $(( text )): the value, or the error message without `bash: line 1: `. */
function run(text: string, e: ArithEnv = env()): string {
  try {
    return evaluateArith(text, e).toString();
  } catch (err) {
    if (err instanceof ArithError) return err.message;
    throw err;
  }
}

describe('arithmetic: table checked against bash 5.2', () => {
  // Each expression is evaluated as `$(( expression ))` (bash adds the spaces around it).
  it.each([
  // [expression, bash 5.2 output of $(( expression ))] — errors are the message after `bash: line 1: `
    ["1+2", "3"],
    [" 1 + 2 * 3 ", "7"],
    ["(1+2)*3", "9"],
    ["2**10", "1024"],
    ["2**63", "-9223372036854775808"],
    ["2**64", "0"],
    ["-2**2", "4"],
    ["2**3**2", "512"],
    ["7/2", "3"],
    ["-7/2", "-3"],
    ["7%-3", "1"],
    ["-7%3", "-1"],
    ["-9223372036854775808/-1", "-9223372036854775808"],
    ["-9223372036854775808%-1", "0"],
    ["9223372036854775807+1", "-9223372036854775808"],
    ["99999999999999999999", "7766279631452241919"],
    ["1<<3", "8"],
    ["1<<64", "1"],
    ["1<<63", "-9223372036854775808"],
    ["1<<-1", "-9223372036854775808"],
    ["-16>>2", "-4"],
    ["-1>>63", "-1"],
    ["0x1F", "31"],
    ["0XfF", "255"],
    ["010", "8"],
    ["0", "0"],
    ["00", "0"],
    ["08", "08: value too great for base (error token is \"08\")"],
    ["09", "09: value too great for base (error token is \"09\")"],
    ["0x", "0"],
    ["2#101", "5"],
    ["8#17", "15"],
    ["16#ff", "255"],
    ["36#z", "35"],
    ["36#Z", "35"],
    ["64#@", "62"],
    ["64#_", "63"],
    ["62#z", "35"],
    ["37#Z", "37#Z: value too great for base (error token is \"37#Z\")"],
    ["1#1", "1#1: invalid arithmetic base (error token is \"1#1\")"],
    ["65#1", "65#1: invalid arithmetic base (error token is \"65#1\")"],
    ["0#1", "0#1: invalid number (error token is \"0#1\")"],
    ["3#", "3#: invalid integer constant (error token is \"3#\")"],
    ["2#3", "2#3: value too great for base (error token is \"2#3\")"],
    ["1e3", "1e3: value too great for base (error token is \"1e3\")"],
    ["1x", "1x: value too great for base (error token is \"1x\")"],
    ["08x", "08x: value too great for base (error token is \"08x\")"],
    ["5&3", "1"],
    ["5|3", "7"],
    ["5^3", "6"],
    ["~5", "-6"],
    ["!5", "0"],
    ["!0", "1"],
    ["-(-3)", "3"],
    ["+-+3", "-3"],
    ["3>2", "1"],
    ["3<2", "0"],
    ["3>=3", "1"],
    ["3<=2", "0"],
    ["3==3", "1"],
    ["3!=3", "0"],
    ["1&&0", "0"],
    ["1||0", "1"],
    ["0&&1/0", "0"],
    ["1||1/0", "1"],
    ["1?2:3", "2"],
    ["0?2:3", "3"],
    ["1?2:0?4:5", "2"],
    ["0?1:0?4:5", "5"],
    ["(0?1:2)", "2"],
    ["1?0:1/0", "0"],
    ["x=5", "5"],
    ["x=5,x*2", "10"],
    ["x=3,x+=2,x-=1,x*=3,x/=2,x%=4,x", "2"],
    ["x=1,x<<=4,x>>=2,x&=7,x|=8,x^=1,x", "13"],
    ["x=5,x++ + ++x", "12"],
    ["x=5,x-- - --x", "2"],
    ["x=3,y=x++,y*10+x", "34"],
    ["x=2,x**=3", "x=2,x**=3 : syntax error: operand expected (error token is \"=3 \")"],
    ["1/0", "1/0 : division by 0 (error token is \"0 \")"],
    ["5/0 + 1", "5/0 + 1 : division by 0 (error token is \"0 + 1 \")"],
    ["  5 / 0  ", "5 / 0   : division by 0 (error token is \"0   \")"],
    ["1%0", "1%0 : division by 0 (error token is \"0 \")"],
    ["x=0,5%x", "x=0,5%x : division by 0 (error token is \"x \")"],
    ["2**-1", "2**-1 : exponent less than 0 (error token is \"1 \")"],
    ["1 +", "1 + : syntax error: operand expected (error token is \"+ \")"],
    ["1 2", "1 2 : syntax error in expression (error token is \"2 \")"],
    ["(1", "(1 : missing `)' (error token is \"1 \")"],
    ["1)", "1) : syntax error in expression (error token is \") \")"],
    ["1 ? 2", "1 ? 2 : `:' expected for conditional expression (error token is \"2 \")"],
    ["1 ? 2 :", "1 ? 2 : : expression expected (error token is \": \")"],
    ["? 1", "? 1 : syntax error: operand expected (error token is \"? 1 \")"],
    ["1 +* 2", "1 +* 2 : syntax error: operand expected (error token is \"* 2 \")"],
    ["x=", "x= : syntax error: operand expected (error token is \"= \")"],
    ["1=2", "1=2 : attempted assignment to non-variable (error token is \"=2 \")"],
    ["(x)=1", "(x)=1 : attempted assignment to non-variable (error token is \"=1 \")"],
    ["x++=2", "x++=2 : attempted assignment to non-variable (error token is \"=2 \")"],
    ["1 @ 2", "1 @ 2 : syntax error: invalid arithmetic operator (error token is \"@ 2 \")"],
    ["'1' + 2", "'1' + 2 : syntax error: operand expected (error token is \"'1' + 2 \")"],
    ["a b", "a b : syntax error in expression (error token is \"b \")"],
    ["x++1", "x++1 : syntax error in expression (error token is \"1 \")"],
    ["5++", "5++ : syntax error: operand expected (error token is \"+ \")"],
    ["++5", "5"],
    ["--5", "5"],
    ["- -5", "5"],
    ["x--5", "x--5 : syntax error in expression (error token is \"5 \")"],
    ["1,,2", "1,,2 : syntax error: operand expected (error token is \",2 \")"],
    [",", ", : syntax error: operand expected (error token is \", \")"],
    [")", ") : syntax error: operand expected (error token is \") \")"],
    ["(", "( : syntax error: operand expected (error token is \"( \")"],
    ["a[1]", "0"],
    ["a[", "a[ : bad array subscript (error token is \"a[ \")"],
    ["  ", "0"],
    ["x=y,y=7,x+1", "1"],
    ["3 > 2 > 1", "0"],
    ["1 < 2 == 1", "1"],
    ["-3 % 2", "-1"],
  ])('$(( %s )) -> %s', (expr, expected) => {
    expect(run(` ${expr} `)).toBe(expected);
  });
});

describe('arithmetic: variables', () => {
  it('reads variables as expressions, recursively', () => {
    expect(run('x + 1', env({ x: '2*3' }))).toBe('7');
    expect(run('x * 3', env({ x: '1+2' }))).toBe('9');
    expect(run('x + 1', env({ x: 'y', y: '5' }))).toBe('6');
    expect(run('x', env({ x: '' }))).toBe('0');
    expect(run('x', env({ x: 'abc' }))).toBe('0');
    expect(run('x', env({ x: '  12 ' }))).toBe('12');
    expect(run('x', env({ x: '010' }))).toBe('8');
    expect(run('x+1', env({ x: '1/0' }))).toBe('1/0: division by 0 (error token is "0")');
    expect(run('x+1', env({ x: '1+' }))).toBe('1+: syntax error: operand expected (error token is "+")');
    expect(run('x', env({ x: 'x' }))).toBe('x: expression recursion level exceeded (error token is "x")');
    expect(run('$x + ${y}', env({ x: '2', y: '3' }))).toBe('5');
  });

  it('assigns', () => {
    const e = env({ a: '5' });
    expect(run('a += 2, a *= 3', e)).toBe('21');
    expect(e.vars.get('a')).toBe('21');
    expect(run('b = c = 4', e)).toBe('4');
    expect([e.vars.get('b'), e.vars.get('c')]).toEqual(['4', '4']);
    expect(run('i++ + i++', env({ i: '1' }))).toBe('3');
    const f = env({ i: '7' });
    expect(run('--i', f)).toBe('6');
    expect(run('i--', f)).toBe('6');
    expect(f.vars.get('i')).toBe('5');
  });

  it('does not evaluate the branches it skips', () => {
    const e = env({ x: '1' });
    expect(run('0 && (x = 5)', e)).toBe('0');
    expect(run('1 || (x = 5)', e)).toBe('1');
    expect(run('1 ? 2 : (x = 5)', e)).toBe('2');
    expect(e.vars.get('x')).toBe('1');
  });

  it('reports unset variables under set -u', () => {
    expect(run('y + 1', env({}, true))).toBe('y: unbound variable');
    expect(run('y = 1', env({}, true))).toBe('1');
  });

  it('uses array elements through the optional interface', () => {
    const arr = new Map([['1', '10']]);
    const e: ArithEnv = { get: () => undefined, set: () => {}, getElement: (n, i) => (n === 'a' ? arr.get(i) : undefined), setElement: (_n, i, v) => void arr.set(i, v) };
    expect(run('a[0+1] * 2', e)).toBe('20');
    expect(run('a[2] = 5', e)).toBe('5');
    expect(arr.get('2')).toBe('5');
    expect(run('a[0]', env({ a: '3' }))).toBe('3');
  });

  it('parses once and evaluates many times', () => {
    const expr = parseArith('i < 3');
    const e = env({ i: '0' });
    const seen: bigint[] = [];
    while (evalArith(expr, e) !== 0n) {
      seen.push(BigInt(e.vars.get('i')!));
      e.vars.set('i', String(Number(e.vars.get('i')) + 1));
    }
    expect(seen).toEqual([0n, 1n, 2n]);
    expect(parseArith('   ').root).toBeNull();
  });

  it('refuses absurd nesting with an error, not a crash', () => {
    expect(() => evaluateArith('('.repeat(10000) + '1' + ')'.repeat(10000), env())).toThrow(ArithError);
    expect(() => evaluateArith('-'.repeat(10000) + '1', env())).toThrow(ArithError);
    expect(evaluateArith(Array(5000).fill('1').join('+'), env())).toBe(5000n);
  });
});

describe('arithmetic: properties', () => {
  const MIN = -(2n ** 63n);
  const wrap = (x: bigint): bigint => BigInt.asIntN(64, x);

  type Tree = { n: bigint } | { op: '+' | '-' | '*' | '/' | '%' | '&' | '|' | '^' | '<<' | '>>'; l: Tree; r: Tree };
  const tree: fc.Arbitrary<Tree> = fc.letrec<{ t: Tree }>((tie) => ({
    t: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.bigInt({ min: -(2n ** 40n), max: 2n ** 40n }).map((n) => ({ n })),
      fc.record({ op: fc.constantFrom('+', '-', '*', '/', '%', '&', '|', '^', '<<', '>>'), l: tie('t'), r: tie('t') }) as fc.Arbitrary<Tree>,
    ),
  })).t;

  const text = (t: Tree): string => ('n' in t ? (t.n < 0n ? `(${t.n})` : `${t.n}`) : `(${text(t.l)} ${t.op} ${text(t.r)})`);
  const ref = (t: Tree): bigint | 'div0' => {
    if ('n' in t) return t.n;
    const a = ref(t.l);
    const b = ref(t.r);
    if (a === 'div0' || b === 'div0') return 'div0';
    switch (t.op) {
      case '+':
        return wrap(a + b);
      case '-':
        return wrap(a - b);
      case '*':
        return wrap(a * b);
      case '/':
        return b === 0n ? 'div0' : a === MIN && b === -1n ? MIN : wrap(a / b);
      case '%':
        return b === 0n ? 'div0' : a === MIN && b === -1n ? 0n : a % b;
      case '&':
        return a & b;
      case '|':
        return a | b;
      case '^':
        return a ^ b;
      case '<<':
        return wrap(a << (b & 63n));
      case '>>':
        return a >> (b & 63n);
    }
  };

  it('agrees with a 64-bit reference evaluator', () => {
    fc.assert(
      fc.property(tree, (t) => {
        const expected = ref(t);
        const src = text(t);
        if (expected === 'div0') expect(() => evaluateArith(src, env())).toThrow(/division by 0/);
        else expect(evaluateArith(src, env())).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  const tokens = ['1', '0', '07', '0x1f', '2#10', '64#@', 'x', 'y', 'a[1]', '+', '-', '*', '/', '%', '**', '<<', '>>', '<', '<=', '==', '!=', '&', '&&', '|', '||', '^', '~', '!', '?', ':', '=', '+=', '-=', '/=', '%=', '<<=', '++', '--', ',', '(', ')', ' ', '$', '#', '@', '"', "'", '[', ']', '9'];

  it('never throws anything but ArithError', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 30 }), fc.array(fc.constantFrom(...tokens), { maxLength: 25 }).map((a) => a.join(''))), (src) => {
        const e = env({ x: '3', y: 'x+1' });
        try {
          evaluateArith(src, e);
        } catch (err) {
          expect(err).toBeInstanceOf(ArithError);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
