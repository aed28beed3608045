import { describe, expect, it } from 'vitest';
import './index.js';
import { runProgram, type RunOptions } from '../testing/run-program.js';

const yieldToHost = () => new Promise<void>((r) => setImmediate(r));
const run = (args: string[], opts: RunOptions = {}) => runProgram('awk', args, { yieldToHost, ...opts });
const passwd = 'root:x:0:0:root:/root:/bin/bash\nbin:x:1:1:bin:/bin:/sbin/nologin\nalice:x:500:500::/home/alice:/bin/bash\n';

describe('awk programs', () => {
  it.each([
    [['{print $1}'], 'a b\nc d\n', 'a\nc\n'],
    [['-F:', '{print $1, $NF}'], passwd, 'root /bin/bash\nbin /sbin/nologin\nalice /bin/bash\n'],
    [['-F:', '$3 >= 500 {print $1}'], passwd, 'alice\n'],
    [['/bash$/'], passwd, 'root:x:0:0:root:/root:/bin/bash\nalice:x:500:500::/home/alice:/bin/bash\n'],
    [['{s += $1} END {print s, NR}'], '1\n2\n3.5\n', '6.5 3\n'],
    [['BEGIN {print 1/3, 2^10, 7%3, -2^2, 10/2}'], '', '0.333333 1024 1 -4 5\n'],
    [['BEGIN {x = "3x"; print x+0, x*2, "a" "b", 1 " " 2}'], '', '3 6 ab 1 2\n'],
    [['{ $2 = "X"; print; print NF }'], 'a b c\n', 'a X c\n3\n'],
    [['BEGIN{OFS="-"} { $1 = $1; print }'], 'a b  c\n', 'a-b-c\n'],
    [['{ NF = 2; print }'], 'a b c\n', 'a b\n'],
    [['{ $5 = "e"; print; print NF }'], 'a b\n', 'a b   e\n5\n'],
    [['{ count[$1]++ } END { for (k in count) print k, count[k] }'], 'x\ny\nx\n', 'x 2\ny 1\n'],
    [['BEGIN { n = split("a:b:c", arr, ":"); print n, arr[1], arr[3] }'], '', '3 a c\n'],
    [['BEGIN { s = "hello world"; gsub(/o/, "0", s); print s; print sub(/l+/, "[&]", s), s }'], '', 'hell0 w0rld\n1 he[ll]0 w0rld\n'],
    [['BEGIN { print substr("hello", 2, 3), substr("hello", 0), substr("hello", -1, 3), index("hello", "ll"), length("héllo") }'], '', 'ell hello h 3 5\n'],
    [['BEGIN { print match("foobar", /ob+/), RSTART, RLENGTH }'], '', '3 3 2\n'],
    [['BEGIN { printf "%5.2f|%-3s|%03d|%x|%c|%c|%e\\n", 3.14159, "a", 7, 255, 65, "hi", 1234.5 }'], '', ' 3.14|a  |007|ff|A|h|1.234500e+03\n'],
    [['BEGIN { x = sprintf("%d items", 3.9); print x, toupper("abc"), tolower("DEF"), int(-3.7) }'], '', '3 items ABC def -3\n'],
    [['function f(n) { return n <= 1 ? 1 : n * f(n-1) } BEGIN { print f(10) }'], '', '3628800\n'],
    [['function fill(a) { a["k"] = 1 } BEGIN { fill(arr); print arr["k"], length(arr) }'], '', '1 1\n'],
    [['BEGIN { i = 0; while (i < 3) { i++; if (i == 2) continue; print i }; do { i-- } while (i > 0); print i }'], '', '1\n3\n0\n'],
    [['BEGIN { for (i = 0; i < 10; i++) { if (i == 3) break }; print i }'], '', '3\n'],
    [['NR == 2 { next } { print }'], 'a\nb\nc\n', 'a\nc\n'],
    [['NR == 2 { exit 3 } { print } END { print "end" }'], 'a\nb\nc\n', 'a\nend\n'],
    [['/b/,/c/'], 'a\nb\nx\nc\nd\n', 'b\nx\nc\n'],
    [['BEGIN { if (!(3 in a)) print "no"; a[3]; if (3 in a) print "yes"; delete a[3]; print length(a) }'], '', 'no\nyes\n0\n'],
    [['{ print ($1 < $2) }'], '10 9\nabc abd\n', '0\n1\n'],
    [['$1 == "1.0"'], '1\n1.0\n', '1.0\n'],
    [['$1 == 1'], '1\n1.0\nx\n', '1\n1.0\n'],
    [['BEGIN { a["x",1] = 5; for (k in a) { split(k, p, SUBSEP); print p[1], p[2] } }'], '', 'x 1\n'],
    [['BEGIN { RS = "" } { print NR": "$1 }'], 'a b\nc\n\n\nd e\n', '1: a\n2: d\n'],
    [['BEGIN { RS = ";" } { print }'], 'a;b;c', 'a\nb\nc\n'],
    [['{ print length }'], 'abc\n\n', '3\n0\n'],
    [['BEGIN { printf "%s %s\\n", "a", "b" > "/dev/stderr" }'], '', ''],
    [['BEGIN { print 1e6, 123456789, 0.1 + 0.2, 1e300*1e300, 100000 * 100000 }'], '', '1000000 123456789 0.3 inf 10000000000\n'],
    [['BEGIN { CONVFMT = "%.2g"; x = 3.14159; y = x ""; print y; OFMT = "%.3f"; print x }'], '', '3.1\n3.142\n'],
    [['{ print NR, FNR, FILENAME }', 'a', 'b'], '', '1 1 a\n2 1 b\n'],
    [['{ print v }', 'v=1', 'a', 'v=2', 'b'], '', '1\n2\n'],
    [['-v', 'x=a\\tb', 'BEGIN { print x }'], '', 'a\tb\n'],
    [['BEGIN { while ((getline line < "a") > 0) n++; print n, line }'], '', '1 A\n'],
    [['NR==1 { getline; print "got " $0 } END { print NR }'], '1\n2\n3\n', 'got 2\n3\n'],
    [['BEGIN { print "x" > "out"; print "y" > "out"; close("out"); while ((getline l < "out") > 0) print "read " l }'], '', 'read x\nread y\n'],
    [['BEGIN { srand(1); a = rand(); srand(1); b = rand(); print (a == b), (a >= 0 && a < 1) }'], '', '1 1\n'],
    [['BEGIN { print gensub(/(a)(b)/, "\\\\2\\\\1", "g", "abab") }'], '', 'baba\n'],
    [['BEGIN { print length() }'], '', '0\n'],
    [['{ $0 = "x y"; print $2 }'], 'a\n', 'y\n'],
    [['BEGIN { print -3 % 2, 2 ** 3, !0, !"a" }'], '', '-1 8 1 0\n'],
    [['BEGIN { printf "%d %d\\n", "0x1A", 1e3 }'], '', '0 1000\n'],
    [['{ FS = ":" } { print $1 }'], 'a:b c\nd:e f\n', 'a:b\nd\n'],
  ])('awk %j', async (args, input, expected) => {
    const r = await run(args as string[], { stdin: input, files: { a: 'A\n', b: 'B\n' } });
    expect(r.stderr).toBe(args[0]!.includes('stderr') ? 'a b\n' : '');
    expect(r.stdout).toBe(expected);
  });
});

describe('awk errors', () => {
  it('syntax errors show the line and a caret, status 1', async () => {
    const r = await run(['BEGIN { print 1 +* 2 }']);
    expect(r.stderr).toBe('awk: cmd. line:1: BEGIN { print 1 +* 2 }\nawk: cmd. line:1:                  ^ syntax error\n');
    expect(r.status).toBe(1);
    const u = await run(['BEGIN {']);
    expect(u.stderr).toBe('awk: cmd. line:1: BEGIN {\nawk: cmd. line:1:        ^ unexpected newline or end of string\n');
  });
  it('fatal errors', async () => {
    expect(await run(['BEGIN { print 1/0 }'])).toMatchObject({ status: 2, stderr: 'awk: cmd. line:1: fatal: division by zero attempted\n' });
    expect(await run(['{ print $1/0 }'], { stdin: '1\n' })).toMatchObject({ status: 2, stderr: 'awk: cmd. line:1: (FILENAME=- FNR=1) fatal: division by zero attempted\n' });
    expect(await run(['{ print }', 'nofile'])).toMatchObject({
      status: 2,
      stderr: "awk: cmd. line:1: fatal: cannot open file `nofile' for reading (No such file or directory)\n",
    });
    expect(await run(['BEGIN { x = 1; x[1] = 2 }'])).toMatchObject({ status: 2, stderr: "awk: cmd. line:1: fatal: attempt to use scalar `x' as array\n" });
    expect(await run(['BEGIN { f() }'])).toMatchObject({ status: 2, stderr: "awk: cmd. line:1: fatal: function `f' not defined\n" });
    expect((await run(['BEGIN { if ("a" ~ "[") print }'])).stderr).toBe('awk: cmd. line:1: fatal: Unmatched [ or [^: /[/\n');
    const u = await run([]);
    expect(u.status).toBe(2);
    expect(u.stderr.startsWith('Usage: awk [POSIX or GNU style options] -f progfile [--] file ...\n')).toBe(true);
    expect((await run(['--version'])).stdout.split('\n')[0]).toBe('GNU Awk 3.1.3');
  });
  it('exit status from exit', async () => {
    expect((await run(['BEGIN { exit 3 }'])).status).toBe(3);
  });
});
