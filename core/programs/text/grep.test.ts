import { describe, expect, it } from 'vitest';
import './index.js';
import { runProgram, type RunOptions } from '../testing/run-program.js';

const yieldToHost = () => new Promise<void>((r) => setImmediate(r));
const run = (name: string, args: string[], opts: RunOptions = {}) => runProgram(name, args, { yieldToHost, ...opts });
const text = 'root:x:0:0:root:/root:/bin/bash\nbin:x:1:1:bin:/bin:/sbin/nologin\nnobody:x:99:99:Nobody:/:/sbin/nologin\nalice:x:500:500::/home/alice:/bin/bash\n';

describe('grep', () => {
  it.each([
    [['root'], 'root:x:0:0:root:/root:/bin/bash\n'],
    [['-c', 'bash'], '2\n'],
    [['-n', 'nologin'], '2:bin:x:1:1:bin:/bin:/sbin/nologin\n3:nobody:x:99:99:Nobody:/:/sbin/nologin\n'],
    [['-v', 'nologin'], 'root:x:0:0:root:/root:/bin/bash\nalice:x:500:500::/home/alice:/bin/bash\n'],
    [['-i', '^NOBODY'], 'nobody:x:99:99:Nobody:/:/sbin/nologin\n'],
    [['-o', '[0-9]\\+'], '0\n0\n1\n1\n99\n99\n500\n500\n'],
    [['-E', '^(root|bin):'], 'root:x:0:0:root:/root:/bin/bash\nbin:x:1:1:bin:/bin:/sbin/nologin\n'],
    [['-w', 'bin'], 'root:x:0:0:root:/root:/bin/bash\nbin:x:1:1:bin:/bin:/sbin/nologin\nalice:x:500:500::/home/alice:/bin/bash\n'],
    [['-x', 'bin'], ''],
    [['-F', '.'], ''],
    [['-e', 'alice', '-e', '^bin'], 'bin:x:1:1:bin:/bin:/sbin/nologin\nalice:x:500:500::/home/alice:/bin/bash\n'],
    [['-m1', 'x'], 'root:x:0:0:root:/root:/bin/bash\n'],
    [['\\(o\\)\\1'], 'root:x:0:0:root:/root:/bin/bash\n'],
    [['-E', '(ob)o?dy'], 'nobody:x:99:99:Nobody:/:/sbin/nologin\n'],
    [['[[:digit:]]\\{3\\}'], 'alice:x:500:500::/home/alice:/bin/bash\n'],
    [['\\<al'], 'alice:x:500:500::/home/alice:/bin/bash\n'],
    [['-b', '^bin'], '32:bin:x:1:1:bin:/bin:/sbin/nologin\n'],
  ])('grep %j', async (args, expected) => {
    const r = await run('grep', args as string[], { stdin: text });
    expect(r.stdout).toBe(expected);
    expect(r.status).toBe(expected === '' ? 1 : 0);
  });

  it('prefixes file names with several files, -h/-H, -l/-L, -c', async () => {
    const files = { a: 'foo\nbar\n', b: 'baz\nfoo foo\n' };
    expect((await run('grep', ['foo', 'a', 'b'], { files })).stdout).toBe('a:foo\nb:foo foo\n');
    expect((await run('grep', ['-h', 'foo', 'a', 'b'], { files })).stdout).toBe('foo\nfoo foo\n');
    expect((await run('grep', ['-H', 'foo', 'a'], { files })).stdout).toBe('a:foo\n');
    expect((await run('grep', ['-l', 'ba', 'a', 'b'], { files })).stdout).toBe('a\nb\n');
    expect((await run('grep', ['-L', 'bar', 'a', 'b'], { files })).stdout).toBe('b\n');
    expect((await run('grep', ['-c', 'foo', 'a', 'b'], { files })).stdout).toBe('a:1\nb:1\n');
    expect((await run('grep', ['-n', 'foo', '-', 'b'], { files, stdin: 'x\nfoo\n' })).stdout).toBe('(standard input):2:foo\nb:2:foo foo\n');
  });

  it('context', async () => {
    const input = '1\n2\nmatch\n4\n5\n6\n7\nmatch\n9\n';
    expect((await run('grep', ['-C1', 'match'], { stdin: input })).stdout).toBe('2\nmatch\n4\n--\n7\nmatch\n9\n');
    expect((await run('grep', ['-n', '-A', '1', 'match'], { stdin: input })).stdout).toBe('3:match\n4-4\n--\n8:match\n9-9\n');
    expect((await run('grep', ['-2', 'match'], { stdin: input })).stdout).toBe('1\n2\nmatch\n4\n5\n6\n7\nmatch\n9\n');
  });

  it('errors and exit statuses', async () => {
    expect(await run('grep', ['x', 'nofile'])).toMatchObject({ status: 2, stderr: 'grep: nofile: No such file or directory\n' });
    expect(await run('grep', ['-s', 'x', 'nofile'])).toMatchObject({ status: 2, stderr: '' });
    expect(await run('grep', ['x', 'etc'], { dirs: ['etc'] })).toMatchObject({ status: 2, stderr: 'grep: etc: Is a directory\n' });
    expect(await run('grep', ['x', 'a', 'nofile'], { files: { a: 'x\n' } })).toMatchObject({ status: 2, stdout: 'a:x\n' });
    expect(await run('grep', ['-q', 'x', 'a', 'nofile'], { files: { a: 'x\n' } })).toMatchObject({ status: 0, stdout: '' });
    expect(await run('grep', [])).toMatchObject({ status: 2, stderr: "Usage: grep [OPTION]... PATTERN [FILE]...\nTry `grep --help' for more information.\n" });
    expect(await run('grep', ['-z'.replace('z', 'k'), 'x'])).toMatchObject({
      status: 2,
      stderr: "grep: invalid option -- k\nUsage: grep [OPTION]... PATTERN [FILE]...\nTry `grep --help' for more information.\n",
    });
    expect(await run('grep', ['[a'])).toMatchObject({ status: 2, stderr: 'grep: Unmatched [ or [^\n' });
    expect(await run('grep', ['\\(a'])).toMatchObject({ status: 2, stderr: 'grep: Unmatched ( or \\(\n' });
    expect(await run('grep', ['-A', 'x', 'y'])).toMatchObject({ status: 2, stderr: 'grep: x: invalid context length argument\n' });
    expect((await run('grep', ['-V'])).stdout.split('\n')[0]).toBe('grep (GNU grep) 2.5.1');
  });

  it('binary files, recursion, egrep and fgrep', async () => {
    expect((await run('grep', ['x'], { stdin: 'a\0x\n' })).stdout).toBe('Binary file (standard input) matches\n');
    const files = { 'd/a': 'hit\n', 'd/sub/b.txt': 'hit too\n', 'd/sub/c.log': 'hit\n' };
    expect((await run('grep', ['-r', 'hit', 'd'], { files })).stdout).toBe('d/a:hit\nd/sub/b.txt:hit too\nd/sub/c.log:hit\n');
    expect((await run('grep', ['-r', '--include=*.txt', 'hit', 'd'], { files })).stdout).toBe('d/sub/b.txt:hit too\n');
    expect((await run('egrep', ['a+b'], { stdin: 'aab\nab+\n' })).stdout).toBe('aab\nab+\n');
    expect((await run('fgrep', ['a+b'], { stdin: 'aab\nab+\na+b\n' })).stdout).toBe('a+b\n');
    expect((await run('egrep', ['-F', 'x'])).stderr).toBe('egrep: conflicting matchers specified\n');
  });
});
