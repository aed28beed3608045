import { describe, expect, it } from 'vitest';
import './index.js';
import { runPipeline, runProgram, type RunOptions } from '../testing/run-program.js';

const yieldToHost = () => new Promise<void>((r) => setImmediate(r));
const run = (name: string, args: string[], opts: RunOptions = {}) => runProgram(name, args, { yieldToHost, ...opts });

describe('cat', () => {
  it('copies stdin and files', async () => {
    const r = await run('cat', ['a', '-', 'b'], { stdin: 'IN\n', files: { a: 'A\n', b: 'B' } });
    expect(r).toMatchObject({ stdout: 'A\nIN\nB', stderr: '', status: 0 });
  });
  it('reports missing files and directories and goes on', async () => {
    const r = await run('cat', ['nofile', 'etc', 'a'], { files: { a: 'A\n' }, dirs: ['etc'] });
    expect(r.stdout).toBe('A\n');
    expect(r.stderr).toBe('cat: nofile: No such file or directory\ncat: etc: Is a directory\n');
    expect(r.status).toBe(1);
  });
  it('numbers, shows ends and non-printing', async () => {
    const r = await run('cat', ['-nA'], { stdin: 'a\tb\x01\n\n\nc' });
    expect(r.stdout).toBe('     1\ta^Ib^A$\n     2\t$\n     3\t$\n     4\tc');
    expect((await run('cat', ['-bs'], { stdin: 'a\n\n\n\nb\n' })).stdout).toBe('     1\ta\n\n     2\tb\n');
    expect((await run('cat', ['-v'], { stdin: 'é\x7f\n' })).stdout).toBe('M-CM-)^?\n');
  });
  it('usage errors', async () => {
    const r = await run('cat', ['-z']);
    expect(r.stderr).toBe("cat: invalid option -- z\nTry `cat --help' for more information.\n");
    expect(r.status).toBe(1);
    const l = await run('cat', ['--frob']);
    expect(l.stderr).toBe("cat: unrecognized option `--frob'\nTry `cat --help' for more information.\n");
    const v = await run('cat', ['--vers']);
    expect(v.stdout.split('\n')[0]).toBe('cat (coreutils) 5.2.1');
  });
});

describe('yes', () => {
  it('ends by SIGPIPE when head goes away', async () => {
    const r = await runPipeline([['yes'], ['head', '-n', '3']], { yieldToHost });
    expect(r.stdout).toBe('y\ny\ny\n');
    expect(r.stages[0]).toEqual({ status: 141, signal: 13 });
  });
});

describe('echo and printf', () => {
  it('echo', async () => {
    expect((await run('echo', ['-n', 'a', 'b'])).stdout).toBe('a b');
    expect((await run('echo', ['-e', 'a\\tb\\c', 'x'])).stdout).toBe('a\tb');
    expect((await run('echo', ['-x', 'a'])).stdout).toBe('-x a\n');
    expect((await run('echo', ['a\\n'])).stdout).toBe('a\\n\n');
  });
  it('printf', async () => {
    expect((await run('printf', ['%s=%d\\n', 'a', '1', 'b', '2'])).stdout).toBe('a=1\nb=2\n');
    expect((await run('printf', ['%5.2f|%-4s|%04x|%e|%g\\n', '3.14159', 'ab', '255', '12345.678', '0.0001'])).stdout).toBe(
      ' 3.14|ab  |00ff|1.234568e+04|0.0001\n',
    );
    const bad = await run('printf', ['%d\\n', 'abc']);
    expect(bad).toMatchObject({ stdout: '0\n', stderr: 'printf: abc: expected a numeric value\n', status: 1 });
    expect((await run('printf', ['%b', 'a\\0101\\c', 'zz'])).stdout).toBe('aA');
    expect((await run('printf', ['hi\\n', 'x'])).stderr).toBe("printf: warning: ignoring excess arguments, starting with `x'\n");
  });
});

describe('head and tail', () => {
  const ten = Array.from({ length: 12 }, (_, i) => `l${i + 1}\n`).join('');
  it('head', async () => {
    expect((await run('head', [], { stdin: ten })).stdout).toBe(ten.split('\n').slice(0, 10).join('\n') + '\n');
    expect((await run('head', ['-n', '2'], { stdin: ten })).stdout).toBe('l1\nl2\n');
    expect((await run('head', ['-3'], { stdin: ten })).stdout).toBe('l1\nl2\nl3\n');
    expect((await run('head', ['-n', '-10'], { stdin: ten })).stdout).toBe('l1\nl2\n');
    expect((await run('head', ['-c', '4'], { stdin: ten })).stdout).toBe('l1\nl');
    const multi = await run('head', ['-n1', 'a', 'b', 'nofile'], { files: { a: 'A\nA2\n', b: 'B\n' } });
    expect(multi.stdout).toBe('==> a <==\nA\n\n==> b <==\nB\n');
    expect(multi.stderr).toBe("head: cannot open `nofile' for reading: No such file or directory\n");
    expect(multi.status).toBe(1);
    expect((await run('head', ['-n', 'x'])).stderr).toBe('head: x: invalid number of lines\n');
  });
  it('tail', async () => {
    expect((await run('tail', ['-n', '2'], { stdin: ten })).stdout).toBe('l11\nl12\n');
    expect((await run('tail', ['-n', '+11'], { stdin: ten })).stdout).toBe('l11\nl12\n');
    expect((await run('tail', ['-1'], { stdin: 'a\nb' })).stdout).toBe('b');
    expect((await run('tail', ['-c', '3'], { stdin: 'abcdef\n' })).stdout).toBe('ef\n');
    expect((await run('tail', ['+2'], { stdin: 'a\nb\nc\n' })).stdout).toBe('b\nc\n');
  });
  it('tail -f follows until interrupted', async () => {
    const r = await run('tail', ['-f', 'log'], { files: { log: 'one\n' }, signalAt: { ms: 3500, signal: 2 } });
    expect(r.stdout).toBe('one\n');
    expect(r.signal).toBe(2);
    expect(r.elapsedMs).toBeGreaterThanOrEqual(3500);
  });
});

describe('wc', () => {
  it('counts in 7-wide columns with a total', async () => {
    const r = await run('wc', ['a', 'b'], { files: { a: 'one two\nthree\n', b: 'x' } });
    expect(r.stdout).toBe('      2       3      14 a\n      0       1       1 b\n      2       4      15 total\n');
    expect((await run('wc', ['-l'], { stdin: 'a\nb\n' })).stdout).toBe('      2\n');
    expect((await run('wc', ['-L', '-m', '-c'], { stdin: 'é\ta\n' })).stdout).toBe('      4       5       9\n');
    const e = await run('wc', ['nofile']);
    expect(e).toMatchObject({ stdout: '', stderr: 'wc: nofile: No such file or directory\n', status: 1 });
  });
});

describe('small tools', () => {
  it('tac, rev, nl, tee, seq, basename, dirname', async () => {
    expect((await run('tac', [], { stdin: 'a\nb\nc\n' })).stdout).toBe('c\nb\na\n');
    expect((await run('tac', [], { stdin: 'a\nb' })).stdout).toBe('ba\n');
    expect((await run('rev', [], { stdin: 'abc\nde' })).stdout).toBe('cba\ned');
    expect((await run('nl', [], { stdin: 'a\n\nb\n' })).stdout).toBe('     1\ta\n       \n     2\tb\n');
    const t = await run('tee', ['out'], { stdin: 'hello\n' });
    expect(t.stdout).toBe('hello\n');
    expect(t.files['/out']).toBe('hello\n');
    const ta = await run('tee', ['-a', 'out'], { stdin: 'more\n', files: { out: 'old\n' } });
    expect(ta.files['/out']).toBe('old\nmore\n');
    expect((await run('seq', ['3'])).stdout).toBe('1\n2\n3\n');
    expect((await run('seq', ['-w', '8', '10'])).stdout).toBe('08\n09\n10\n');
    expect((await run('seq', ['-s', ',', '1', '2', '7'])).stdout).toBe('1,3,5,7\n');
    expect((await run('seq', ['1', '0.5', '2'])).stdout).toBe('1.0\n1.5\n2.0\n');
    expect((await run('seq', ['5', '-2', '1'])).stdout).toBe('5\n3\n1\n');
    expect((await run('seq', ['-f', '%.2f', '1', '2'])).stdout).toBe('1.00\n2.00\n');
    expect((await run('basename', ['/usr/bin/sort'])).stdout).toBe('sort\n');
    expect((await run('basename', ['include/stdio.h', '.h'])).stdout).toBe('stdio\n');
    expect((await run('dirname', ['/usr/bin/'])).stdout).toBe('/usr\n');
    expect((await run('dirname', ['stdio.h'])).stdout).toBe('.\n');
    expect((await run('basename', [])).stderr).toBe("basename: too few arguments\nTry `basename --help' for more information.\n");
  });
});
