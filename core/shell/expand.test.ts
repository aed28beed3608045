import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Script, SimpleCommand } from './ast.js';
import {
  ExpansionError,
  expandArith,
  expandAssignment,
  expandHereDoc,
  expandPattern,
  expandRedirectTarget,
  expandRegex,
  expandWord,
  expandWords,
  matchesPatternWord,
  matchRegex,
  type ExpandContext,
} from './expand.js';
import { parse } from './parser.js';
import type { GlobFs } from './pattern.js';
import type { Word } from './word.js';

function fakeFs(tree: Record<string, unknown>): GlobFs {
  const lookup = (path: string): unknown => {
    let node: unknown = tree;
    for (const p of path.split('/').filter((x) => x !== '' && x !== '.')) {
      if (node === null || typeof node !== 'object' || !(p in (node as object))) return undefined;
      node = (node as Record<string, unknown>)[p];
    }
    return node;
  };
  return {
    readdir: (path) => {
      const n = lookup(path);
      return n !== null && typeof n === 'object' ? Object.keys(n as object) : null;
    },
    isDirectory: (path) => {
      const n = lookup(path);
      return n !== null && typeof n === 'object';
    },
  };
}

const FS = fakeFs({ 'a.txt': null, 'b.txt': null, 'c.log': null, '.hidden': null, 'x y': null, dir1: { f1: null, sub: {} }, dir2: { f2: null } });

interface Fake extends ExpandContext {
  vars: Map<string, string>;
  arrays: Map<string, string[]>;
  substitutions: string[];
}

/**
 * A fake shell: variables, positional parameters ("p1" "p 2" "" "p4" unless given), and command
 * substitution that understands `echo` and `printf '%s\n'` by expanding their words.
 */
function ctx(vars: Record<string, string> = {}, options: Partial<ExpandContext> & { arrays?: Record<string, string[]> } = {}): Fake {
  const { arrays, ...opts } = options;
  const c: Fake = {
    vars: new Map(Object.entries(vars)),
    arrays: new Map(Object.entries(arrays ?? {})),
    substitutions: [],
    getVar: (n) => c.vars.get(n),
    setVar: (n, v) => void c.vars.set(n, v),
    positional: () => ['p1', 'p 2', '', 'p4'],
    special: (n) => ({ '?': '0', $: '42', '!': undefined, '-': 'hB', '0': 'bash' })[n],
    homeOf: (u) => (u === null ? '/home/me' : u === 'root' ? '/root' : undefined),
    commandSubstitution: async (script: Script, text: string) => {
      c.substitutions.push(text);
      const out: string[] = [];
      for (const item of script.body) {
        const cmd = item.command.first.commands[0] as SimpleCommand;
        const argv = await expandWords(cmd.words, c);
        if (argv[0] === 'echo') out.push(argv.slice(1).join(' ') + '\n');
        else if (argv[0] === 'printf') out.push(argv.length === 2 ? argv[1]!.replace(/\\n/g, '\n') : argv.slice(2).map((a) => argv[1]!.replace('%s', a).replace('\\n', '\n')).join(''));
      }
      return out.join('');
    },
    fs: FS,
    noglob: false,
    nounset: false,
    getArray: (n) => c.arrays.get(n) ?? (c.vars.has(n) ? [c.vars.get(n)!] : undefined),
    getElement: (n, k) => (c.arrays.has(n) ? c.arrays.get(n)![Number(k)] : k === '0' ? c.vars.get(n) : undefined),
    varNames: () => [...c.vars.keys()],
    ...opts,
  };
  return c;
}

function words(src: string): Word[] {
  const r = parse(`: ${src}`, { final: true });
  if (r.kind !== 'ok') throw new Error(`parse: ${JSON.stringify(r)}`);
  return (r.script.body[0]!.command.first.commands[0] as SimpleCommand).words.slice(1);
}

function word(src: string): Word {
  return words(src)[0]!;
}

async function fields(src: string, c: ExpandContext = ctx()): Promise<string[]> {
  return expandWords(words(src), c);
}

async function error(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ExpansionError) return `${e.code}: ${e.message}`;
    throw e;
  }
  throw new Error('no error');
}

describe('expandWords: table checked against bash 5.2', () => {
  // Positional parameters are "p1" "p 2" "" "p4"; the files are those of FS above.
  it.each<[Record<string, string>, string, string[]]>([
    [{ x: 'a b' }, `$x "$x" '$x'`, ['a', 'b', 'a b', '$x']],
    [{ x: '' }, `$x "$x" a$x ''$x`, ['', 'a', '']],
    [{}, '"$@"', ['p1', 'p 2', '', 'p4']],
    [{}, '$@', ['p1', 'p', '2', 'p4']],
    [{}, '"$*"', ['p1 p 2  p4']],
    [{}, '$*', ['p1', 'p', '2', 'p4']],
    [{ IFS: ':' }, '"$*"', ['p1:p 2::p4']],
    [{ IFS: '' }, '"$*" $*', ['p1p 2p4', 'p1', 'p 2', 'p4']],
    [{ IFS: ':' }, '$* a$@b', ['p1', 'p 2', '', 'p4', 'ap1', 'p 2', '', 'p4b']],
    [{}, `\${u:-$'a\\tb'} "\${u:-$'q'}" "\${u:-'q'}"`, ['a\tb', 'q', "'q'"]],
    [{}, '"a$@b"', ['ap1', 'p 2', '', 'p4b']],
    [{}, '${#@} $# ${#}', ['4', '4', '4']],
    [{ x: '  a  b  ' }, '$x', ['a', 'b']],
    [{ IFS: ':', x: 'a::b:' }, '$x', ['a', '', 'b']],
    [{ IFS: ': ', x: 'a : b :: c' }, '$x', ['a', 'b', '', 'c']],
    [{ IFS: ':', x: ':a' }, '$x', ['', 'a']],
    [{ IFS: ' :', x: ' : a' }, '$x', ['', 'a']],
    [{ IFS: ',', x: 'a,b,,c' }, '$x', ['a', 'b', '', 'c']],
    [{ x: 'a\nb' }, '$x', ['a', 'b']],
    [{ x: ' ' }, '$x""$x', ['']],
    [{ x: 'a  b' }, `pre$x post"$x" $x$x`, ['prea', 'b', 'posta  b', 'a', 'ba', 'b']],
    [{ x: '' }, '$x$x ""$x $x""', ['', '']],
    [{}, `"" '' """"`, ['', '', '']],
    [{}, '*.txt "*.txt" *.nomatch \\*.txt', ['a.txt', 'b.txt', '*.txt', '*.nomatch', '*.txt']],
    [{}, '* .* */', ['a.txt', 'b.txt', 'c.log', 'dir1', 'dir2', 'x y', '.hidden', 'dir1/', 'dir2/']],
    [{}, 'd*/* dir1/*/ [ab].txt [!a]*.*', ['dir1/f1', 'dir1/sub', 'dir2/f2', 'dir1/sub/', 'a.txt', 'b.txt', 'b.txt', 'c.log']],
    [{ x: '*.txt' }, '$x "$x" ${x}', ['a.txt', 'b.txt', '*.txt', 'a.txt', 'b.txt']],
    [{ f: 'x y' }, `*' '*`, ['x y']],
    [{}, '{a,b}{c,d} {1..3} {a..c} x{,y} {01..03} {5..1..2}', ['ac', 'ad', 'bc', 'bd', '1', '2', '3', 'a', 'b', 'c', 'x', 'xy', '01', '02', '03', '5', '3', '1']],
    [{}, '{a,{b} {a,b}.txt a{b,c{d,e}f}g {x,y}{1..2}', ['{a,{b}', 'a.txt', 'b.txt', 'abg', 'acdfg', 'acefg', 'x1', 'x2', 'y1', 'y2']],
    [{ x: '1' }, '{$x,2} ${x}{a,b} \\{a,b} {a..} {1..2..3..4} {a} {} {,}', ['1', '2', '1a', '1b', '{a,b}', '{a..}', '{1..2..3..4}', '{a}', '{}']],
    [{}, '{-05..5..3} {05..-3}', ['-05', '-02', '001', '004', '05', '04', '03', '02', '01', '00', '-1', '-2', '-3']],
    [{}, '~ ~/x ~root ~nouser a=~/b', ['/home/me', '/home/me/x', '/root', '~nouser', 'a=/home/me/b']],
    [{ x: 'hello' }, '${x:1:2} ${x: -3} ${x:1:-1} ${#x} ${x^^} ${x^} ${x,,}', ['el', 'llo', 'ell', '5', 'HELLO', 'Hello', 'hello']],
    [{ x: 'abc' }, '${x:0:1} ${x:5} ${x: -5} ${x:1:0}', ['a']],
    [{ x: 'aXbXc' }, '${x/X} ${x//X} ${x%X*} ${x%%X*} ${x#*X} ${x##*X} ${x/X/-} ${x//X/-} ${x/#a/A} ${x/%c/C}', ['abXc', 'abc', 'aXb', 'a', 'bXc', 'c', 'a-bXc', 'a-b-c', 'AXbXc', 'aXbXC']],
    [{ x: 'abc' }, '${x/b/[&]} "${x/b/\\&}" ${x/b/"&"}', ['a[b]c', 'a&c', 'a&c']],
    [{ x: 'a*b' }, `\${x/\\*/-} \${x/'*'/-} "\${x/"*"/-}"`, ['a-b', 'a-b', 'a-b']],
    [{ x: 'AbC' }, '${x~~} ${x~} ${x^^[ab]} ${x,,[A-B]}', ['aBc', 'abC', 'ABC', 'abC']],
    [{ x: 'abc' }, '${x@Q} ${x@U} ${x@u} ${x@A}', ["'abc'", 'ABC', 'Abc', "x='abc'"]],
    [{ x: '/a/b/c.tar.gz' }, '${x%.*} ${x%%.*} ${x##*.} ${x#*.} ${x##*/} ${x%/*}', ['/a/b/c.tar', '/a/b/c', 'gz', 'tar.gz', 'c.tar.gz', '/a/b']],
    [{ x: 'aaa' }, '${x/#a/b} ${x/%a/b} ${x//a/b} ${x/a*/b} ${x//*/z}', ['baa', 'aab', 'bbb', 'b', 'z']],
    [{ x: '' }, '${x//*/z}. ${x/#/y}.', ['z.', 'y.']],
    [{}, '${u:-def} ${u-def} ${u:+alt} "${u:-a b}" ${u:-a b}', ['def', 'def', 'a b', 'a', 'b']],
    [{ u: '' }, '${u:-def} ${u-def} ${u:+alt} ${u+alt}', ['def', 'alt']],
    [{}, `\${x:-""} \${x:+""} "\${x:+""}"`, ['', '']],
    [{}, `"\${x:-'q'}" \${x:-'q'}`, ["'q'", 'q']],
    [{}, '$(echo hi) "$(echo \'a  b\')" $(echo \'a  b\') `echo tick`', ['hi', 'a  b', 'a', 'b', 'tick']],
    [{}, "$(printf 'a\\n\\n\\n')x", ['ax']],
    [{}, '$[1+2] "$[2*3]"', ['3', '6']],
    [{}, '$((1+2)) $((2**10)) $(( 7 / 2 )) $((0x10)) $((010)) $((2#101)) $((-5 % 3)) $((1<<3))', ['3', '1024', '3', '16', '8', '5', '-2', '8']],
    [{}, "$'a\\tb' \\$HOME '${x}' \"\\$x\" a\"b\"'c'\\d", ['a\tb', '$HOME', '${x}', '$x', 'abcd']],
    [{}, '"${@:2}" ${@: -1} ${*:1:2}', ['p 2', '', 'p4', 'p4', 'p1', 'p', '2']],
    [{ a: 'x', b: 'a' }, '${!b}', ['x']],
    [{ x: 'a*' }, '${x}* ${x}"*"', ['a.txt', 'a**']],
  ])('%j %s', async (vars, src, expected) => {
    expect(await fields(src, ctx(vars))).toEqual(expected);
  });
});

describe('expandWords: more', () => {
  it('runs command substitutions left to right, with side effects in order', async () => {
    const c = ctx();
    expect(await fields('${x:=1}$(echo $x) $(echo a)$(echo b)', c)).toEqual(['11', 'ab']);
    expect(c.substitutions).toEqual(['$(echo $x)', '$(echo a)', '$(echo b)']);
    expect(c.vars.get('x')).toBe('1');
  });

  it('expands ${x:-$(cmd)} only when needed', async () => {
    const c = ctx({ x: 'set' });
    expect(await fields('${x:-$(echo no)}', c)).toEqual(['set']);
    expect(c.substitutions).toEqual([]);
    expect(await fields('${y:-$(echo yes)}', c)).toEqual(['yes']);
  });

  it('keeps nested quotes in command substitutions', async () => {
    expect(await fields('"$(echo "a b")" $(echo "a b")')).toEqual(['a b', 'a', 'b']);
    expect(await fields('"`echo \\"q\\"`"')).toEqual(['q']);
  });

  it('expands assignment-like arguments of declaration builtins without splitting or globbing', async () => {
    const c = ctx({ y: 'a b' });
    expect(await expandWords(words('x=$y z={1,2} w=* $y'), c, { declaration: true })).toEqual(['x=a b', 'z=1', 'z=2', 'w=*', 'a', 'b']);
    expect(await expandWords(words('x=$y'), c)).toEqual(['x=a', 'b']);
  });

  it('does not glob with set -f', async () => {
    expect(await fields('*.txt', ctx({}, { noglob: true }))).toEqual(['*.txt']);
  });

  it('honours nullglob and dotglob', async () => {
    expect(await fields('*.none x', ctx({}, { glob: { nullglob: true } }))).toEqual(['x']);
    expect(await fields('*', ctx({}, { glob: { dotglob: true } }))).toContain('.hidden');
  });

  it('expands arrays through the optional interface', async () => {
    const c = ctx({}, { arrays: { arr: ['a', 'b c', 'd'] } });
    expect(await fields('${arr[@]} "${arr[@]}" ${#arr[@]} ${arr[1]} "${arr[*]}" ${arr[@]:1:1}', c)).toEqual(['a', 'b', 'c', 'd', 'a', 'b c', 'd', '3', 'b', 'c', 'a b c d', 'b', 'c']);
    expect(await fields('${x[0]} ${#x[@]}', ctx({ x: 'abc' }))).toEqual(['abc', '1']);
  });

  it('lists variable names with ${!prefix*}', async () => {
    expect(await fields('${!my*}', ctx({ my1: 'a', my2: 'b', other: 'c' }))).toEqual(['my1', 'my2']);
  });

  it('reports errors with bash messages', async () => {
    const c = ctx();
    expect(await error(fields('${x:?}', c))).toBe('unset: x: parameter null or not set');
    expect(await error(fields('${x?}', c))).toBe('unset: x: parameter not set');
    expect(await error(fields('${x:?must be set}', c))).toBe('unset: x: must be set');
    expect(await error(fields('${x!}', c))).toBe('bad-substitution: ${x!}: bad substitution');
    expect(await error(fields('${}', c))).toBe('bad-substitution: ${}: bad substitution');
    expect(await error(fields('$((1/0))', c))).toBe('arith: 1/0: division by 0 (error token is "0")');
    expect(await error(fields('$(( 1 + ))', c))).toBe('arith: 1 + : syntax error: operand expected (error token is "+ ")');
    expect(await error(fields('${!nope}', c))).toBe('indirect: nope: invalid indirect expansion');
    expect(await error(fields('${3:=x}', c))).toBe('assign: $3: cannot assign in this way');
    expect(await error(fields('${x:3:-9}', ctx({ x: 'hello' })))).toBe('substring: -9: substring expression < 0');
    expect(await error(fields('{1..200000}', c))).toBe('too-many-words: brace expansion: too many words');
  });

  it('reports unset variables under set -u as bash does', async () => {
    const c = ctx({}, { nounset: true });
    expect(await error(fields('$y', c))).toBe('unbound: y: unbound variable');
    expect(await error(fields('${y}x', c))).toBe('unbound: y: unbound variable');
    expect(await error(fields('${#z}', c))).toBe('unbound: z: unbound variable');
    expect(await error(fields('$!', c))).toBe('unbound: $!: unbound variable');
    const none = ctx({}, { nounset: true, positional: () => [] });
    expect(await error(fields('$1', none))).toBe('unbound: $1: unbound variable');
    expect(await error(fields('${1}', none))).toBe('unbound: 1: unbound variable');
    expect(await fields('"$@" $# ${y:-ok} ${y-}', none)).toEqual(['0', 'ok']);
  });
});

describe('single-word expansion', () => {
  it('neither splits nor globs (assignments, here-strings, case subjects)', async () => {
    const c = ctx({ x: 'a  b', star: '*' });
    expect(await expandWord(word('$x'), c)).toBe('a  b');
    expect(await expandWord(word('$star'), c)).toBe('*');
    expect(await expandWord(word('*.txt'), c)).toBe('*.txt');
    expect(await expandWord(word('"$@"'), c)).toBe('p1 p 2  p4');
    expect(await expandWord(word('$*'), ctx({ IFS: ':' }))).toBe('p1:p 2::p4');
  });

  it('expands assignments: tildes after = and :, no brace expansion, arrays as words', async () => {
    const r = parse('A=~/a:~root/b B={a,b} C=(x "y z" *.txt) D=$x', { final: true });
    if (r.kind !== 'ok') throw new Error();
    const [a, b, cc, d] = (r.script.body[0]!.command.first.commands[0] as SimpleCommand).assignments;
    const c = ctx({ x: 'a b' });
    expect(await expandAssignment(a!, c)).toBe('/home/me/a:/root/b');
    expect(await expandAssignment(b!, c)).toBe('{a,b}');
    expect(await expandAssignment(cc!, c)).toEqual(['x', 'y z', 'a.txt', 'b.txt']);
    expect(await expandAssignment(d!, c)).toBe('a b');
  });

  it('builds patterns where quoted characters are literal', async () => {
    const c = ctx({ p: '*.txt' });
    expect(await expandPattern(word('"*"'), c)).toBe('\\*');
    expect(await expandPattern(word('*."t"xt'), c)).toBe('*.txt');
    expect(await expandPattern(word('$p'), c)).toBe('*.txt');
    expect(await expandPattern(word('"$p"'), c)).toBe('\\*.txt');
    expect(await matchesPatternWord('a.txt', word('$p'), c)).toBe(true);
    expect(await matchesPatternWord('a.txt', word('"$p"'), c)).toBe(false);
    expect(await matchesPatternWord('A.TXT', word('$p'), ctx({ p: '*.txt' }, { nocasematch: true }))).toBe(true);
  });

  it('builds regular expressions where quoted characters are literal', async () => {
    const c = ctx({ r: '^a.c$' });
    expect(await expandRegex(word('$r'), c)).toBe('^a.c$');
    expect(await expandRegex(word('"a.c"'), c)).toBe('a\\.c');
    expect(matchRegex('abc', await expandRegex(word('$r'), c))).not.toBeNull();
    expect(matchRegex('abc', await expandRegex(word('"a.c"'), c))).toBeNull();
    expect(matchRegex('x', '(')).toBe('invalid');
    expect([...(matchRegex('ab12', '([a-z]+)([0-9]+)') as RegExpExecArray)]).toEqual(['ab12', 'ab', '12']);
  });

  it('expands redirection targets to exactly one word', async () => {
    const c = ctx({ f: 'out.txt', two: 'a b', empty: '' });
    expect(await expandRedirectTarget(word('$f'), c)).toBe('out.txt');
    expect(await expandRedirectTarget(word('"$two"'), c)).toBe('a b');
    expect(await expandRedirectTarget(word('c.*'), c)).toBe('c.log');
    expect(await error(expandRedirectTarget(word('$two'), c))).toBe('ambiguous-redirect: $two: ambiguous redirect');
    expect(await error(expandRedirectTarget(word('$empty'), c))).toBe('ambiguous-redirect: $empty: ambiguous redirect');
    expect(await error(expandRedirectTarget(word('*.txt'), c))).toBe('ambiguous-redirect: *.txt: ambiguous redirect');
  });

  it('evaluates arithmetic words', async () => {
    const r = parse('(( x = y * 2 + $(echo 1) ))', { final: true });
    if (r.kind !== 'ok') throw new Error();
    const cmd = r.script.body[0]!.command.first.commands[0]!;
    if (cmd.type !== 'ArithCommand') throw new Error();
    const c = ctx({ y: '4' });
    expect(await expandArith(cmd.expression, c)).toBe(9n);
    expect(c.vars.get('x')).toBe('9');
  });
});

describe('here-documents', () => {
  const doc = (src: string) => {
    const r = parse(src, { final: true });
    if (r.kind !== 'ok') throw new Error(JSON.stringify(r));
    return (r.script.body[0]!.command.first.commands[0] as SimpleCommand).redirects[0]!.heredoc!;
  };

  it('expands $x, $(…), $((…)) and backslashes when the delimiter is unquoted', async () => {
    const c = ctx({ name: 'world', star: '*' });
    expect(await expandHereDoc(doc('cat <<EOF\nhello $name "$star" \'q\' $((1+1)) $(echo sub) \\$x\nEOF'), c)).toBe('hello world "*" \'q\' 2 sub $x\n');
  });

  it('keeps the body as is when the delimiter is quoted', async () => {
    expect(await expandHereDoc(doc("cat <<'EOF'\nhello $name\nEOF"), ctx())).toBe('hello $name\n');
  });

  it('strips leading tabs with <<-', async () => {
    expect(await expandHereDoc(doc('cat <<-EOF\n\t\tindented $x\n\tEOF'), ctx({ x: '1' }))).toBe('indented 1\n');
  });
});

describe('expansion never throws anything but ExpansionError (property)', () => {
  const tokens = [
    'a', 'b', ' ', '*', '?', '[', ']', '{', '}', ',', '..', '1', '~', '/', ':', '=', '"', "'", '\\', '$', '$x', '$y', '${x', '${#x}', '${x:-', '${x:=', '${x:?', '${x:+',
    '${x#', '${x%%', '${x/', '${x//', '${x:', '${x^^}', '${!x}', '${@}', '$@', '$*', '"$@"', '$#', '$1', '${10}', '$(', '$((', '))', ')', '`', '$\'', 'x', '-', '+', '&',
    '${a[1]}', '${a[@]}', '${x@Q}', '$?', '$$', '$!', '$-', '$0',
  ];
  const src = fc.array(fc.constantFrom(...tokens), { minLength: 1, maxLength: 20 }).map((t) => t.join(''));

  it('for random words', async () => {
    await fc.assert(
      fc.asyncProperty(src, fc.boolean(), fc.constantFrom(undefined, '', ':', ' x'), async (text, nounset, ifs) => {
        const r = parse(`: ${text}`, { final: true });
        if (r.kind !== 'ok') return;
        const c = ctx(ifs === undefined ? { x: 'v a*' } : { x: 'v a*', IFS: ifs }, { nounset });
        for (const item of r.script.body) {
          for (const cmd of item.command.first.commands) {
            if (cmd.type !== 'SimpleCommand') continue;
            try {
              await expandWords(cmd.words, c);
              for (const w of cmd.words) {
                await expandWord(w, c);
                await expandPattern(w, c);
              }
            } catch (e) {
              if (!(e instanceof ExpansionError)) throw e;
            }
          }
        }
      }),
      { numRuns: 1500 },
    );
  });
});
