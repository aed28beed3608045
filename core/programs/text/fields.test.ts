import { describe, expect, it } from 'vitest';
import './index.js';
import { runProgram, type RunOptions } from '../testing/run-program.js';

const yieldToHost = () => new Promise<void>((r) => setImmediate(r));
const run = (name: string, args: string[], opts: RunOptions = {}) => runProgram(name, args, { yieldToHost, ...opts });
const out = async (name: string, args: string[], stdin: string) => (await run(name, args, { stdin })).stdout;

describe('sort', () => {
  it.each([
    [[], 'b\na\nB\n10\n9\n', '10\n9\nB\na\nb\n'],
    [['-n'], '10\n9\n-1\nx\n', '-1\nx\n9\n10\n'],
    [['-r'], 'a\nc\nb\n', 'c\nb\na\n'],
    [['-u'], 'a\nb\na\n', 'a\nb\n'],
    [['-f'], 'b\nA\na\nB\n', 'A\na\nB\nb\n'],
    [['-t:', '-k2,2n'], 'x:10\ny:9\nz:1\n', 'z:1\ny:9\nx:10\n'],
    [['-k2'], 'a b 2\nc a 1\n', 'c a 1\na b 2\n'],
    [['-k', '1.2,1.2'], 'ab\nba\n', 'ba\nab\n'],
    [['-nr', '-k3'], 'a 1 5\nb 2 50\nc 3 7\n', 'b 2 50\nc 3 7\na 1 5\n'],
    [['-M'], 'Mar\nJan\nfeb\n', 'Jan\nfeb\nMar\n'],
    [['-h'], '2K\n1M\n3\n', '3\n2K\n1M\n'],
    [['-s', '-k1,1'], 'b 2\na 2\nb 1\n', 'a 2\nb 2\nb 1\n'],
    [['-k1,1'], 'b 2\na 2\nb 1\n', 'a 2\nb 1\nb 2\n'],
    [[], 'no newline\na', 'a\nno newline\n'],
  ])('sort %j', async (args, input, expected) => {
    expect(await out('sort', args as string[], input)).toBe(expected);
  });
  it('check, output file and errors', async () => {
    const c = await run('sort', ['-c'], { stdin: 'a\nc\nb\n' });
    expect(c).toMatchObject({ status: 1, stderr: 'sort: -:3: disorder: b\n' });
    const o = await run('sort', ['-o', 'f', 'f'], { files: { f: 'b\na\n' } });
    expect(o.files['/f']).toBe('a\nb\n');
    expect(await run('sort', ['nofile'])).toMatchObject({ status: 2, stderr: 'sort: nofile: No such file or directory\n' });
    expect(await run('sort', ['-t', 'ab'])).toMatchObject({ status: 2, stderr: "sort: multi-character tab `ab'\n" });
    expect(await run('sort', ['-k', '0'])).toMatchObject({ status: 2, stderr: "sort: invalid field specification `0'\n" });
    expect(await run('sort', ['-Q'])).toMatchObject({ status: 2, stderr: "sort: invalid option -- Q\nTry `sort --help' for more information.\n" });
  });
});

describe('uniq', () => {
  it.each([
    [[], 'a\na\nb\na\n', 'a\nb\na\n'],
    [['-c'], 'a\na\nb\n', '      2 a\n      1 b\n'],
    [['-d'], 'a\na\nb\n', 'a\n'],
    [['-u'], 'a\na\nb\n', 'b\n'],
    [['-i'], 'A\na\n', 'A\n'],
    [['-f', '1'], 'x a\ny a\nz b\n', 'x a\nz b\n'],
    [['-s', '1'], 'xa\nya\n', 'xa\n'],
    [['-w', '1'], 'ab\nac\n', 'ab\n'],
    [['-D'], 'a\na\nb\nc\nc\n', 'a\na\nc\nc\n'],
    [['-1'], 'x a\ny a\n', 'x a\n'],
  ])('uniq %j', async (args, input, expected) => {
    expect(await out('uniq', args as string[], input)).toBe(expected);
  });
});

describe('cut', () => {
  it.each([
    [['-d:', '-f1,3'], 'a:b:c:d\nnodelim\n', 'a:c\nnodelim\n'],
    [['-d:', '-f2-', '-s'], 'a:b:c\nnodelim\n', 'b:c\n'],
    [['-c2-3'], 'hello\n', 'el\n'],
    [['-c', '-2'], 'hello\n', 'he\n'],
    [['-b1,4-'], 'hello\n', 'hlo\n'],
    [['-f2'], 'a\tb\tc\n', 'b\n'],
    [['-d', ' ', '-f', '2', '--output-delimiter=,'], 'a b c\n', 'b\n'],
    [['-d', ' ', '-f', '1,3', '--output-delimiter=,'], 'a b c\n', 'a,c\n'],
  ])('cut %j', async (args, input, expected) => {
    expect(await out('cut', args as string[], input)).toBe(expected);
  });
  it('errors', async () => {
    const hint = "Try `cut --help' for more information.\n";
    expect(await run('cut', [])).toMatchObject({ status: 1, stderr: 'cut: you must specify a list of bytes, characters, or fields\n' + hint });
    expect((await run('cut', ['-f0'])).stderr).toBe('cut: fields and positions are numbered from 1\n' + hint);
    expect((await run('cut', ['-c1', '-d:'])).stderr).toBe('cut: an input delimiter may be specified only when operating on fields\n' + hint);
    expect((await run('cut', ['-d::', '-f1'])).stderr).toBe('cut: the delimiter must be a single character\n' + hint);
    expect((await run('cut', ['-f1', 'nofile'])).stderr).toBe('cut: nofile: No such file or directory\n');
  });
});

describe('tr', () => {
  it.each([
    [['a-z', 'A-Z'], 'hello\n', 'HELLO\n'],
    [['[:lower:]', '[:upper:]'], 'hi there\n', 'HI THERE\n'],
    [['-d', '0-9'], 'a1b2\n', 'ab\n'],
    [['-s', ' '], 'a   b  c\n', 'a b c\n'],
    [['-cs', 'a-zA-Z', '\\n'], 'hello, world!\n', 'hello\nworld\n'],
    [['-d', '\\n'], 'a\nb\n', 'ab'],
    [['abc', 'x'], 'abcd\n', 'xxxd\n'],
    [['-t', 'abc', 'xy'], 'abcd\n', 'xycd\n'],
    [['a-c', '[x*]'], 'abcd\n', 'xxxd\n'],
    [['-ds', 'a', 'b'], 'aabbcc\n', 'bcc\n'],
  ])('tr %j', async (args, input, expected) => {
    expect(await out('tr', args as string[], input)).toBe(expected);
  });
  it('errors', async () => {
    expect((await run('tr', ['a'])).stderr).toBe("tr: two strings must be given when translating\nTry `tr --help' for more information.\n");
    expect((await run('tr', ['z-a', 'b'])).stderr).toBe("tr: range-endpoints of `z-a' are in reverse collating sequence order\n");
  });
});

describe('paste, comm, join, expand, fold', () => {
  it('paste', async () => {
    const files = { a: '1\n2\n3\n', b: 'x\ny\n' };
    expect((await run('paste', ['a', 'b'], { files })).stdout).toBe('1\tx\n2\ty\n3\t\n');
    expect((await run('paste', ['-s', '-d,', 'a', 'b'], { files })).stdout).toBe('1,2,3\nx,y\n');
    expect((await run('paste', ['-d', ':', '-', '-'], { stdin: 'a\nb\nc\n' })).stdout).toBe('a:b\nc:\n');
  });
  it('comm', async () => {
    const files = { a: 'a\nb\nd\n', b: 'b\nc\nd\n' };
    expect((await run('comm', ['a', 'b'], { files })).stdout).toBe('a\n\t\tb\n\tc\n\t\td\n');
    expect((await run('comm', ['-12', 'a', 'b'], { files })).stdout).toBe('b\nd\n');
  });
  it('join', async () => {
    const files = { a: '1 alice\n2 bob\n3 carol\n', b: '1 x\n3 z\n4 w\n' };
    expect((await run('join', ['a', 'b'], { files })).stdout).toBe('1 alice x\n3 carol z\n');
    expect((await run('join', ['-a1', 'a', 'b'], { files })).stdout).toBe('1 alice x\n2 bob\n3 carol z\n');
    expect((await run('join', ['-v2', 'a', 'b'], { files })).stdout).toBe('4 w\n');
    expect((await run('join', ['-o', '2.2,1.2', 'a', 'b'], { files })).stdout).toBe('x alice\nz carol\n');
  });
  it('expand and fold', async () => {
    expect(await out('expand', [], 'a\tb\n')).toBe('a       b\n');
    expect(await out('expand', ['-t', '4'], '\tx\n')).toBe('    x\n');
    expect(await out('fold', ['-w', '3'], 'abcdefg\n')).toBe('abc\ndef\ng\n');
    expect(await out('fold', ['-s', '-w', '6'], 'aa bb cc\n')).toBe('aa bb \ncc\n');
  });
});
