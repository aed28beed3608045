import { describe, expect, it } from 'vitest';
import './index.js';
import { runProgram, type RunOptions } from '../testing/run-program.js';

const yieldToHost = () => new Promise<void>((r) => setImmediate(r));
const run = (args: string[], opts: RunOptions = {}) => runProgram('sed', args, { yieldToHost, ...opts });
const lines = 'one\ntwo\nthree\nfour\nfive\n';

describe('sed scripts', () => {
  it.each([
    [['s/o/0/'], lines, 'One\ntw0\nthree\nf0ur\nfive\n'.replace('One', '0ne')],
    [['s/o/0/g'], 'foo\n', 'f00\n'],
    [['s/o/0/2'], 'fooo\n', 'fo0o\n'],
    [['s/o/0/2g'], 'fooo\n', 'fo00\n'],
    [['-n', '2p'], lines, 'two\n'],
    [['-n', '$p'], lines, 'five\n'],
    [['2,4d'], lines, 'one\nfive\n'],
    [['/two/,/four/d'], lines, 'one\nfive\n'],
    [['-n', '/t/p'], lines, 'two\nthree\n'],
    [['1~2d'], lines, 'two\nfour\n'],
    [['0,/o/d'], lines, 'two\nthree\nfour\nfive\n'],
    [['2,+1d'], lines, 'one\nfour\nfive\n'],
    [['2!d'], lines, 'two\n'],
    [['-n', '/two/{n;p}'], lines, 'three\n'],
    [['s/\\(.\\)\\(.\\)/\\2\\1/'], 'abc\n', 'bac\n'],
    [['-r', 's/(a|b)+/[&]/'], 'xaabbx\n', 'x[aabb]x\n'],
    [['s/x*/-/g'], 'abc\n', '-a-b-c-\n'],
    [['s/b*/x/g'], 'baaac\n', 'xaxaxaxcx\n'],
    [['y/abc/xyz/'], 'aabbcc\n', 'xxyyzz\n'],
    [['='], 'a\nb\n', '1\na\n2\nb\n'],
    [['2q'], lines, 'one\ntwo\n'],
    [['2Q'], lines, 'one\n'],
    [['a\\\nadded'], 'x\n', 'x\nadded\n'],
    [['1i header'], 'x\n', 'header\nx\n'],
    [['2c changed'], 'a\nb\nc\n', 'a\nchanged\nc\n'],
    [['2,3c changed'], 'a\nb\nc\nd\n', 'a\nchanged\nd\n'],
    [['$!N;s/\\n/ /'], 'a\nb\nc\n', 'a b\nc\n'],
    [['-n', 'h;n;G;p'], 'a\nb\n', 'b\na\n'],
    [['1!G;h;$!d'], 'a\nb\nc\n', 'c\nb\na\n'],
    [[':a;N;$!ba;s/\\n/,/g'], 'a\nb\nc\n', 'a,b,c\n'],
    [['s/a/b/;ta;s/$/ no/;b;:a;s/$/ yes/'], 'a\nc\n', 'b yes\nc no\n'],
    [['s/\\w\\+/\\u&/g'], 'hello world\n', 'Hello World\n'],
    [['s/.*/\\U&/'], 'abc\n', 'ABC\n'],
    [['s/a/\\n/'], 'bab\n', 'b\nb\n'],
    [['-n', 'l'], 'a\tb\x01\n', 'a\\tb\\001$\n'],
    [['s|/|:|g'], '/usr/bin\n', ':usr:bin\n'],
    [['s/A/x/I'], 'aA\n', 'xA\n'],
    [['/^$/d'], 'a\n\nb\n', 'a\nb\n'],
    [['p'], 'a', 'a\na'],
    [['s/a/b/'], 'a', 'b'],
    [['#n\np'], 'a\n', 'a\n'],
    [['-e', 's/a/b/', '-e', 's/b/c/'], 'a\n', 'c\n'],
    [['s/x/&&/;s//y/'], 'x\n', 'yx\n'],
    [['-n', '/a/,/b/{/b/!p}'], 'a\n1\nb\n2\n', 'a\n1\n'],
  ])('sed %j', async (args, input, expected) => {
    const r = await run(args as string[], { stdin: input });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(expected);
  });
});

describe('sed errors', () => {
  it.each([
    ['s/a/b', "sed: -e expression #1, char 5: unterminated `s' command\n"],
    ['s/a/b/q', "sed: -e expression #1, char 7: unknown option to `s'\n"],
    ['k', "sed: -e expression #1, char 1: unknown command: `k'\n"],
    ['/abc', 'sed: -e expression #1, char 4: unterminated address regex\n'],
    ['y/abc/de/', "sed: -e expression #1, char 9: strings for `y' command are different lengths\n"],
    ['1,2q', 'sed: -e expression #1, char 4: command only uses one address\n'],
    ['b foo', "sed: can't find label for jump to `foo'\n"],
    ['{p', "sed: -e expression #1, char 0: unmatched `{'\n"],
    ['p}', "sed: -e expression #1, char 2: unexpected `}'\n"],
    ['s/\\(a/b/', 'sed: -e expression #1, char 8: Unmatched ( or \\(\n'],
    ['s/a/\\1/', "sed: -e expression #1, char 7: invalid reference \\1 on `s' command's RHS\n"],
    ['pq', 'sed: -e expression #1, char 2: extra characters after command\n'],
    ['1', 'sed: -e expression #1, char 1: missing command\n'],
  ])('sed %j', async (script, message) => {
    const r = await run([script], { stdin: 'a\n' });
    expect(r.stderr).toBe(message);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
  });

  it('missing files, usage', async () => {
    const r = await run(['p', 'nofile', 'a'], { files: { a: 'x\n' } });
    expect(r).toMatchObject({ status: 2, stderr: "sed: can't read nofile: No such file or directory\n", stdout: 'x\nx\n' });
    const u = await run([]);
    expect(u.status).toBe(4);
    expect(u.stderr.startsWith('Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...\n')).toBe(true);
    expect((await run(['--version'])).stdout.split('\n')[0]).toBe('GNU sed version 4.1.2');
    expect((await run(['s/a/b/;q5'], { stdin: 'a\nb\n' })).status).toBe(5);
  });
});

describe('sed -i and w', () => {
  it('edits in place through a new file, with an optional backup', async () => {
    const r = await run(['-i', 's/old/new/', 'f'], { files: { f: 'old\nkeep\n' } });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.files['/f']).toBe('new\nkeep\n');
    expect(Object.keys(r.files)).toEqual(['/f']);
    const b = await run(['-i.bak', '1d', 'f', 'g'], { files: { f: '1\n2\n', g: 'a\nb\n' } });
    expect(b.files).toEqual({ '/f': '2\n', '/g': 'b\n', '/f.bak': '1\n2\n', '/g.bak': 'a\nb\n' });
  });
  it('w writes matching lines to a file', async () => {
    const r = await run(['-n', '/x/w out'], { stdin: 'x1\ny\nx2\n' });
    expect(r.files['/out']).toBe('x1\nx2\n');
  });
});
