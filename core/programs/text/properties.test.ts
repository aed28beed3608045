import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import './index.js';
import { runPipeline, runProgram, type RunOptions } from '../testing/run-program.js';

const yieldToHost = () => new Promise<void>((r) => setImmediate(r));
const run = (name: string, args: string[], opts: RunOptions = {}) => runProgram(name, args, { yieldToHost, maxTurns: 200, ...opts });

/** Strings built from characters that matter to the parsers. */
const scriptChars = (chars: string, maxLength = 24) =>
  fc.array(fc.constantFrom(...chars.split('')), { maxLength }).map((a) => a.join(''));

const noInternalError = (r: { internalErrors: string[]; status: number }) => {
  expect(r.internalErrors).toEqual([]);
  expect(r.status).toBeGreaterThanOrEqual(0);
  expect(r.status).toBeLessThan(256);
};

describe('robustness: arbitrary scripts end in a message, never a JavaScript exception', () => {
  it('grep patterns', async () => {
    await fc.assert(
      fc.asyncProperty(scriptChars('ab.*+?[]()\\{}|^$-:12,wWE<>'), fc.constantFrom('-G', '-E', '-F', '-w', '-x', '-o', '-i'), async (pat, flag) => {
        noInternalError(await run('grep', [flag, '--', pat], { stdin: 'abc\na.b\n\n(x)\n' }));
      }),
      { numRuns: 150 },
    );
  });
  it('sed scripts', async () => {
    await fc.assert(
      fc.asyncProperty(scriptChars('spdyqbtnNDGHhx;{}!/\\,$12~+ab&.*\n:=aic'), fc.boolean(), async (script, ere) => {
        noInternalError(await run('sed', [...(ere ? ['-r'] : []), '-e', script], { stdin: 'a1\nb2\nab\n' }));
      }),
      { numRuns: 200 },
    );
  });
  it('awk programs', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom('BEGIN', 'END', '{', '}', '(', ')', 'print', 'printf', '$', '1', '0', 'x', 'a[1]', '=', '+', '-', '*', '/', '%', '^', '"s"', '/re/', ';', '\n', ',', '>', '<', '~', '!', '&&', '||', '?', ':', 'if', 'else', 'in', 'NF', 'NR', 'length', 'substr(', 'split(', 'getline', 'next', 'exit', 'function', 'f(', 'return', 'delete', '++', '--', ' '), { maxLength: 16 }).map((a) => a.join(' ')),
        async (program) => {
          noInternalError(await run('awk', [program], { stdin: 'a b 1\nc d 2\n' }));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('properties of sort and wc', () => {
  const linesArb = fc.array(fc.stringMatching(/^[ a-zA-Z0-9:.-]{0,8}$/), { maxLength: 30 });
  it('sort output is a sorted permutation of its input', async () => {
    await fc.assert(
      fc.asyncProperty(linesArb, fc.constantFrom([], ['-n'], ['-r'], ['-f'], ['-t:', '-k2'], ['-n', '-k2']), async (lines, args) => {
        const r = await run('sort', [...args], { stdin: lines.map((l) => l + '\n').join('') });
        const out = r.stdout === '' ? [] : r.stdout.replace(/\n$/, '').split('\n');
        expect([...out].sort()).toEqual([...lines].sort());
        if (args.length === 0) for (let i = 1; i < out.length; i++) expect(out[i - 1]! <= out[i]!).toBe(true);
        const check = await run('sort', ['-c', ...args], { stdin: r.stdout });
        expect(check.status).toBe(0);
      }),
      { numRuns: 60 },
    );
  });
  it('wc -l counts newlines', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: fc.constantFrom('a', ' ', '\n', 'é', '\t') }), async (text) => {
        const r = await run('wc', ['-l'], { stdin: text });
        expect(Number(r.stdout.trim())).toBe(text.split('\n').length - 1);
      }),
      { numRuns: 60 },
    );
  });
});

describe('pipelines end early', () => {
  it('yes | head -n 3 ends yes with SIGPIPE', async () => {
    const r = await runPipeline([['yes', 'hi'], ['head', '-n', '3']], { yieldToHost });
    expect(r.stdout).toBe('hi\nhi\nhi\n');
    expect(r.stages).toEqual([{ status: 141, signal: 13 }, { status: 0 }]);
  });
  it('seq | grep | head stops the producers', async () => {
    const r = await runPipeline([['seq', '1000000'], ['grep', '7$'], ['head', '-n', '2']], { yieldToHost });
    expect(r.stdout).toBe('7\n17\n');
    expect(r.stages[2]).toEqual({ status: 0 });
  });
  it('yes | awk exits when awk does', async () => {
    const r = await runPipeline([['yes'], ['awk', 'NR == 2 { exit } { print NR }']], { yieldToHost });
    expect(r.stdout).toBe('1\n');
    expect(r.stages[0]!.signal).toBe(13);
  });
});
