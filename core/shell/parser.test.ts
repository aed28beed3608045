import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sexp } from './ast-debug.js';
import type { Command, Script, SimpleCommand } from './ast.js';
import { parse, type ParseResult } from './parser.js';
import type { WordPart } from './word.js';

function ok(src: string, aliases?: Record<string, string>): Script {
  const r = parse(src, { aliases: aliases ? (n) => aliases[n] : undefined });
  if (r.kind !== 'ok') throw new Error(`expected ok for ${JSON.stringify(src)}, got ${JSON.stringify(r)}`);
  return r.script;
}

function show(src: string, aliases?: Record<string, string>): string {
  return sexp(ok(src, aliases));
}

function first(src: string): Command {
  return ok(src).body[0]!.command.first.commands[0]!;
}

function simple(src: string): SimpleCommand {
  const c = first(src);
  if (c.type !== 'SimpleCommand') throw new Error('not a simple command');
  return c;
}

describe('parse: structure', () => {
  it.each([
    ['echo hi', '(cmd echo hi)'],
    ['a=1 b=2 cmd', '(cmd a=1 b=2 cmd)'],
    ['a=1', '(cmd a=1)'],
    ['echo a=1', '(cmd echo a=1)'],
    ['echo a | grep b | wc -l', '(| | (cmd echo a) (cmd grep b) (cmd wc -l))'],
    ['a |& b', '(|& (cmd a) (cmd b))'],
    ['a && b || c', '(|| (&& (cmd a) (cmd b)) (cmd c))'],
    ['a; b & c', '(cmd a); (cmd b) &; (cmd c)'],
    ['a &\nb', '(cmd a) &; (cmd b)'],
    ['! a | b', '(! (| (cmd a) (cmd b)))'],
    ['! ! a', '(cmd a)'],
    ['time a | b', '(time (| (cmd a) (cmd b)))'],
    ['time -p a', '(time -p (cmd a))'],
    ['!', '(! ())'],
    ['cmd 2>&1 >/dev/null', '(cmd cmd 2>&1 >/dev/null)'],
    ['a 2>&1>b', '(cmd a 2>&1 >b)'],
    ['>out echo a 2>err b', '(cmd echo a b >out 2>err)'],
    ['ls &> /dev/null; ls &>> log', '(cmd ls &>/dev/null); (cmd ls &>>log)'],
    ['exec 3>&- 4<&0 5<>f 6>|g <&3 >&2', '(cmd exec 3>&- 4<&0 5<>f 6>|g <&3 >&2)'],
    ['cat <<< "a $x"', '(cmd cat <<<"a $x")'],
    ['echo \\$HOME # comment', '(cmd echo \\$HOME)'],
    ['echo a#b #c', '(cmd echo a#b)'],
    ["echo '${x}'", "(cmd echo '${x}')"],
    ['echo a\\\nb', '(cmd echo a\\\nb)'],
    ['echo a \\\n b', '(cmd echo a b)'],
    ['(a; b) > f', '(sub (cmd a); (cmd b) >f)'],
    ['{ a; b; } 2>&1', '(group (cmd a); (cmd b) 2>&1)'],
    ['{ a\n}', '(group (cmd a))'],
    ['if [ -f x ]; then echo y; fi', '(if (cmd [ -f x ]) then (cmd echo y))'],
    ['if a; then b; elif c; then d; else e; fi', '(if (cmd a) then (cmd b) elif (cmd c) then (cmd d) else (cmd e))'],
    ['if\na\nthen\nb\nfi', '(if (cmd a) then (cmd b))'],
    ['while true; do :; done', '(while (cmd true) do (cmd :))'],
    ['until false; do break; done', '(until (cmd false) do (cmd break))'],
    ['while read l; do echo $l; done < file', '(while (cmd read l) do (cmd echo $l) <file)'],
    ['for x in a b; do echo $x; done', '(for x in a b do (cmd echo $x))'],
    ['for x in "$@"; do echo "$x"; done', '(for x in "$@" do (cmd echo "$x"))'],
    ['for x; do echo; done', '(for x do (cmd echo))'],
    ['for x do echo; done', '(for x do (cmd echo))'],
    ['for x in a b; { echo $x; }', '(for x in a b do (cmd echo $x))'],
    ['for x in; do :; done', '(for x in  do (cmd :))'],
    ['select x in a b; do echo $x; done', '(select x in a b do (cmd echo $x))'],
    ['for ((i=0;i<3;i++)); do echo $i; done', '(for (( i=0; i<3; i++ )) do (cmd echo $i))'],
    ['for ((;;)); do :; done', '(for (( ; ;  )) do (cmd :))'],
    ['for (( i=0 ; i<3 ; i++ )) { :; }', '(for ((  i=0 ;  i<3 ;  i++  )) do (cmd :))'],
    ['case $x in\n  a|b) echo ab ;;\n  *) echo other ;;\nesac', '(case $x (a|b) (cmd echo ab) ;; (*) (cmd echo other) ;;)'],
    ['case x in (a) echo;; (b|c) ;; esac', '(case x (a) (cmd echo) ;; (b|c)  ;;)'],
    ['case a in a) echo y;& b) echo z;;& c) w; esac', '(case a (a) (cmd echo y) ;& (b) (cmd echo z) ;;& (c) (cmd w) ;;)'],
    ['case x in esac', '(case x)'],
    ['case x in x) esac', '(case x (x)  ;;)'],
    ['f() { echo; }', '(function f (group (cmd echo)))'],
    ['f () { echo; } > log', '(function f (group (cmd echo) >log))'],
    ['function f { echo; }', '(function f (group (cmd echo)))'],
    ['function f() { echo; }', '(function f (group (cmd echo)))'],
    ['f()\n{\n echo\n}', '(function f (group (cmd echo)))'],
    ['f() ( echo sub )', '(function f (sub (cmd echo sub)))'],
    ['f() if a; then b; fi', '(function f (if (cmd a) then (cmd b)))'],
    [':(){ :|:& };:', '(function : (group (| (cmd :) (cmd :)) &)); (cmd :)'],
    ['((x++))', '((x++))'],
    ['(( x = 1 )) && echo', '(&& (( x = 1 )) (cmd echo))'],
    ['((echo a); echo b)', '(sub (sub (cmd echo a)); (cmd echo b))'],
    ['[[ -f x && ! -d y || ( a == b* ) ]]', '[[ (((-f x) && (! (-d y))) || {(a == b*)}) ]]'],
    ['[[ $x =~ ^[0-9]+$ ]]', '[[ ($x =~ ^[0-9]+$) ]]'],
    ['[[ $x =~ ^(a|b)$ ]]', '[[ ($x =~ ^(a|b)$) ]]'],
    ['[[ a < b ]]', '[[ (a < b) ]]'],
    ['[[ a ]]', '[[ a ]]'],
    ['[[ a &&\n b ]]', '[[ (a && b) ]]'],
    ['a=(1 2 3)', '(cmd a=(1 2 3))'],
    ['a+=(4 "5 6")', '(cmd a+=(4 "5 6"))'],
    ['declare -a x=(1 2)', '(cmd declare -a x=(1 2))'],
    ['x[1]=a x[$i]=b', '(cmd x[1]=a x[$i]=b)'],
    ['x[i+1]+=c', '(cmd x[i+1]+=c)'],
    ['a[1 + 1]=x b[ $i ]=y', '(cmd a[1 + 1]=x b[ $i ]=y)'],
    ['a[1 2]', '(cmd a[1 2])'],
    ['echo a[1 2]', '(cmd echo a[1 2])'],
    ['echo $(echo "a b")', '(cmd echo $(echo "a b"))'],
    ['echo "$(echo "a b")"', '(cmd echo "$(echo "a b")")'],
    ['x=${x:-$(cmd)}', '(cmd x=${x:-$(cmd)})'],
    ['echo $(case x in x) echo y;; esac)', '(cmd echo $(case x in x) echo y;; esac))'],
    ['echo $( (a) )', '(cmd echo $( (a) ))'],
    ['echo $((echo a); echo b)', '(cmd echo $((echo a); echo b))'],
    ['coproc x', '(cmd coproc x)'],
    ['echo then fi done }', '(cmd echo then fi done })'],
    ['2>/dev/null', '(cmd 2>/dev/null)'],
    ['echo a >&2 b', '(cmd echo a b >&2)'],
  ])('%j', (src, expected) => {
    expect(show(src)).toBe(expected);
  });
});

describe('parse: here-documents', () => {
  it('reads the body after the command line, expanding when unquoted', () => {
    const s = ok('cat <<EOF\nhello $x\nEOF\necho after');
    expect(sexp(s)).toBe('(cmd cat <<EOF["hello $x\\n"]); (cmd echo after)');
    const doc = (s.body[0]!.command.first.commands[0] as SimpleCommand).redirects[0]!.heredoc!;
    expect(doc.quoted).toBe(false);
    expect(doc.parts!.map((p) => p.type)).toEqual(['Literal', 'Param', 'Literal']);
  });

  it.each([
    ["cat <<'EOF'\n$x `y`\nEOF\n", '(cmd cat <<\'EOF\'["$x `y`\\n" quoted])'],
    ['cat <<"EOF"\nx\nEOF', '(cmd cat <<"EOF"["x\\n" quoted])'],
    ['cat <<\\EOF\nx\nEOF', '(cmd cat <<\\EOF["x\\n" quoted])'],
    ['cat <<E"O"F\nx\nEOF', '(cmd cat <<E"O"F["x\\n" quoted])'],
    ["cat <<-'EOF'\n\thello\n\t\tworld\n\tEOF\n", '(cmd cat <<-\'EOF\'["hello\\nworld\\n" quoted])'],
    ['cat <<A <<B\na\nA\nb\nB', '(cmd cat <<A["a\\n"] <<B["b\\n"])'],
    ['cat <<EOF | grep x\nxx\nEOF', '(| (cmd cat <<EOF["xx\\n"]) (cmd grep x))'],
    ['cat <<EOF\nEOF', '(cmd cat <<EOF[""])'],
    ['f() { cat <<EOF; }\nbody\nEOF\n', '(function f (group (cmd cat <<EOF["body\\n"])))'],
    ['echo $(cat <<EOF\nhi\nEOF\n)', '(cmd echo $(cat <<EOF\nhi\nEOF\n))'],
  ])('%j', (src, expected) => {
    expect(show(src)).toBe(expected);
  });

  it('handles \\$, \\` and \\\\ in unquoted bodies, and line continuation', () => {
    const s = ok('cat <<EOF\na\\$b \\\\ \\x "q"\nc\\\nd\nEOF');
    const doc = (s.body[0]!.command.first.commands[0] as SimpleCommand).redirects[0]!.heredoc!;
    expect(doc.parts).toEqual([{ type: 'Literal', value: 'a$b \\ \\x "q"\ncd\n', glob: false }]);
  });

  it('is incomplete without its delimiter, and a warning at the end of a script', () => {
    expect(parse('cat <<EOF\nhello\n')).toMatchObject({ kind: 'incomplete', reason: 'heredoc' });
    expect(parse('cat <<EOF')).toMatchObject({ kind: 'incomplete', reason: 'heredoc' });
    const r = parse('cat <<EOF\nhello\n', { final: true });
    expect(r.kind).toBe('ok');
    if (r.kind === 'ok') {
      expect(r.warnings.map((w) => w.message)).toEqual(["warning: here-document at line 1 delimited by end-of-file (wanted `EOF')"]);
      expect(sexp(r.script)).toBe('(cmd cat <<EOF["hello\\n"])');
    }
  });
});

describe('parse: words', () => {
  const parts = (src: string, n = 1): WordPart[] => simple(src).words[n]!.parts;

  it('keeps quoting structure', () => {
    expect(parts(`echo a"b $c"'d'\\e$'\\t'`)).toEqual([
      { type: 'Literal', value: 'a', glob: false },
      {
        type: 'DoubleQuoted',
        parts: [
          { type: 'Literal', value: 'b ', glob: false },
          { type: 'Param', name: 'c', braced: false, indirect: false, index: null, op: null, text: '$c' },
        ],
      },
      { type: 'SingleQuoted', value: 'd' },
      { type: 'Escaped', value: 'e' },
      { type: 'AnsiC', value: '\t' },
    ]);
  });

  it('marks unquoted glob characters', () => {
    expect(parts('echo *.txt')).toEqual([{ type: 'Literal', value: '*.txt', glob: true }]);
    expect(parts('echo "*.txt"')).toEqual([{ type: 'DoubleQuoted', parts: [{ type: 'Literal', value: '*.txt', glob: false }] }]);
    expect(parts('echo \\*')).toEqual([{ type: 'Escaped', value: '*' }]);
  });

  it.each([
    ['$x', { name: 'x', braced: false, op: null }],
    ['${x}', { name: 'x', braced: true, op: null }],
    ['$10', { name: '1' }],
    ['${10}', { name: '10' }],
    ['$?', { name: '?' }],
    ['$$', { name: '$' }],
    ['$!', { name: '!' }],
    ['$#', { name: '#' }],
    ['$@', { name: '@' }],
    ['$*', { name: '*' }],
    ['$-', { name: '-' }],
    ['$0', { name: '0' }],
    ['${#}', { name: '#', op: null }],
    ['${#x}', { name: 'x', op: { kind: 'length' } }],
    ['${##}', { name: '#', op: { kind: 'length' } }],
    ['${#@}', { name: '@', op: { kind: 'length' } }],
    ['${!}', { name: '!', indirect: false }],
    ['${!x}', { name: 'x', indirect: true }],
    ['${!pre*}', { name: 'pre', op: { kind: 'names', star: true } }],
    ['${x:-w}', { op: { kind: 'default', colon: true } }],
    ['${x-w}', { op: { kind: 'default', colon: false } }],
    ['${x:=w}', { op: { kind: 'assign', colon: true } }],
    ['${x?w}', { op: { kind: 'error', colon: false } }],
    ['${x:+w}', { op: { kind: 'alternative', colon: true } }],
    ['${x#p}', { op: { kind: 'removePrefix', longest: false } }],
    ['${x##p}', { op: { kind: 'removePrefix', longest: true } }],
    ['${x%p}', { op: { kind: 'removeSuffix', longest: false } }],
    ['${x%%p}', { op: { kind: 'removeSuffix', longest: true } }],
    ['${x/p/r}', { op: { kind: 'replace', all: false, anchor: null } }],
    ['${x//p/r}', { op: { kind: 'replace', all: true, anchor: null } }],
    ['${x/#p/r}', { op: { kind: 'replace', all: false, anchor: 'start' } }],
    ['${x/%p/r}', { op: { kind: 'replace', all: false, anchor: 'end' } }],
    ['${x/p}', { op: { kind: 'replace', replacement: null } }],
    ['${x:1:2}', { op: { kind: 'substring' } }],
    ['${x: -1}', { op: { kind: 'substring', length: null } }],
    ['${x^^}', { op: { kind: 'case', mode: 'upper', all: true, pattern: null } }],
    ['${x,}', { op: { kind: 'case', mode: 'lower', all: false, pattern: null } }],
    ['${x@Q}', { op: { kind: 'transform', operator: 'Q' } }],
    ['${a[1]}', { name: 'a', index: { raw: '1' } }],
    ['${a[@]}', { name: 'a', index: '@' }],
    ['${#a[*]}', { name: 'a', index: '*', op: { kind: 'length' } }],
    ['${x!}', { op: { kind: 'bad' }, text: '${x!}' }],
    ['${}', { op: { kind: 'bad' }, text: '${}' }],
    ['${x:-${y:-z}}', { op: { kind: 'default', word: { raw: '${y:-z}' } } }],
    ['${x:-a}b}', { op: { kind: 'default', word: { raw: 'a' } } }],
    ['${x:-{a}}', { op: { kind: 'default', word: { raw: '{a}' } } }],
  ])('%s', (src, expected) => {
    expect(parts(`echo ${src}`)[0]).toMatchObject({ type: 'Param', ...expected });
  });

  it('parses $(…), backticks and $((…))', () => {
    const [cs] = parts('echo $(echo "a b")');
    expect(cs).toMatchObject({ type: 'CommandSubst', backtick: false, text: '$(echo "a b")' });
    if (cs?.type === 'CommandSubst') expect(sexp(cs.script)).toBe('(cmd echo "a b")');
    const [bt] = parts('echo `echo \\`echo hi\\``');
    expect(bt).toMatchObject({ type: 'CommandSubst', backtick: true });
    if (bt?.type === 'CommandSubst') expect(sexp(bt.script)).toBe('(cmd echo `echo hi`)');
    const [ar] = parts('echo $((1 + $(echo 2)))');
    expect(ar).toMatchObject({ type: 'ArithSubst', parsed: null, text: '$((1 + $(echo 2)))' });
    const [st] = parts('echo $(( (1+2) * 3 ))');
    expect(st).toMatchObject({ type: 'ArithSubst' });
    if (st?.type === 'ArithSubst') expect(st.parsed?.source).toBe(' (1+2) * 3 ');
  });

  it('parses brace expansion only when unquoted and with a comma or range', () => {
    expect(parts('echo {a,b}c')[0]).toEqual({
      type: 'Brace',
      alternatives: [[{ type: 'Literal', value: 'a', glob: false }], [{ type: 'Literal', value: 'b', glob: false }]],
    });
    expect(parts('echo {1..5}')[0]).toEqual({ type: 'BraceRange', start: '1', end: '5', step: null, text: '{1..5}' });
    expect(parts('echo {a..e..2}')[0]).toMatchObject({ type: 'BraceRange', start: 'a', end: 'e', step: 2 });
    expect(parts('echo {a}')).toEqual([{ type: 'Literal', value: '{a}', glob: false }]);
    expect(parts('echo "{a,b}"')[0]!.type).toBe('DoubleQuoted');
    expect(parts('echo {a,{b}')).toEqual([{ type: 'Literal', value: '{a,{b}', glob: false }]);
    expect(parts('echo x{,y}')[1]).toMatchObject({ type: 'Brace', alternatives: [[], [{ value: 'y' }]] });
    expect(parts('find . -exec rm {} ;', 4)).toEqual([{ type: 'Literal', value: '{}', glob: false }]);
  });

  it('handles pathological braces without blowing up', () => {
    for (const src of ['echo ' + '{'.repeat(1000) + 'a', 'echo ' + '{a,'.repeat(500), 'echo ' + '{a,b}'.repeat(20), 'echo ' + '{,'.repeat(300) + '}'.repeat(300)]) {
      const t0 = performance.now();
      expect(parse(src).kind).toBe('ok');
      expect(performance.now() - t0).toBeLessThan(1000);
    }
  });

  it('recognises tildes at the start of words and after = and : in assignments', () => {
    expect(parts('echo ~ ~/x ~root/y ~+')).toEqual([{ type: 'Tilde', user: null }]);
    expect(parts('echo ~root/y')).toEqual([{ type: 'Tilde', user: 'root' }, { type: 'Literal', value: '/y', glob: false }]);
    expect(parts('echo "~"')[0]!.type).toBe('DoubleQuoted');
    expect(parts('echo ~"x"')[0]).toEqual({ type: 'Literal', value: '~', glob: false });
    expect(parts('echo x~')).toEqual([{ type: 'Literal', value: 'x~', glob: false }]);
    const a = simple('PATH=~/bin:~root/sbin:/usr').assignments[0]!;
    expect(a.value!.parts).toEqual([
      { type: 'Tilde', user: null },
      { type: 'Literal', value: '/bin:', glob: false },
      { type: 'Tilde', user: 'root' },
      { type: 'Literal', value: '/sbin:/usr', glob: false },
    ]);
    expect(parts('export A=~/x')).toEqual([{ type: 'Literal', value: 'A=', glob: false }, { type: 'Tilde', user: null }, { type: 'Literal', value: '/x', glob: false }]);
  });

  it('splits assignments', () => {
    const c = simple('a=1 b+=x c= d[2]=y e[$i]+=z echo f=g');
    expect(c.assignments.map((a) => [a.name, a.append, a.index?.raw ?? null, a.value?.raw])).toEqual([
      ['a', false, null, '1'],
      ['b', true, null, 'x'],
      ['c', false, null, ''],
      ['d', false, '2', 'y'],
      ['e', true, '$i', 'z'],
    ]);
    expect(c.words.map((w) => w.raw)).toEqual(['echo', 'f=g']);
    expect(simple('"a"=1').assignments).toEqual([]);
    expect(simple('a=(x "y z")').assignments[0]!.array!.map((w) => w.raw)).toEqual(['x', '"y z"']);
  });

  it('decodes $\'…\'', () => {
    expect(parts("echo $'a\\tb\\n\\x41\\101\\u00e9\\cA\\e\\'q\\z'")).toEqual([{ type: 'AnsiC', value: "a\tb\nAA\u00e9\x01\x1b'q\\z" }]);
  });

  it('keeps io numbers only directly before < or >', () => {
    const c = simple('echo 2 >x 3>y 2>>z 10>w');
    expect(c.words.map((w) => w.raw)).toEqual(['echo', '2']);
    expect(c.redirects.map((r) => [r.fd, r.op, r.target.raw])).toEqual([
      [null, '>', 'x'],
      [3, '>', 'y'],
      [2, '>>', 'z'],
      [10, '>', 'w'],
    ]);
  });

  it('gives positions (offset, line, column) to nodes', () => {
    const s = ok('echo a\n  if true; then\n    x=1 cmd\n  fi');
    const ifc = s.body[1]!.command.first.commands[0]!;
    expect(ifc.pos).toEqual({ offset: 9, line: 2, column: 3 });
    expect(s.body[1]!.pos.line).toBe(2);
    if (ifc.type === 'If') {
      const cmd = ifc.clauses[0]!.body[0]!.command.first.commands[0] as SimpleCommand;
      expect(cmd.pos).toEqual({ offset: 27, line: 3, column: 5 });
      expect(cmd.words[0]!.pos).toEqual({ offset: 31, line: 3, column: 9 });
    }
    const f = first('f() { echo; } # c');
    expect(f.type === 'FunctionDef' && f.text).toBe('f() { echo; }');
  });
});

describe('parse: aliases', () => {
  it.each([
    ['ll /tmp', { ll: 'ls -l' }, '(cmd ls -l /tmp)'],
    ['ls x', { ls: 'ls --color' }, '(cmd ls --color x)'],
    ['a', { a: 'b', b: 'a' }, '(cmd a)'],
    ['sudo ll', { sudo: 'sudo ', ll: 'ls -l' }, '(cmd sudo ls -l)'],
    ['sudo ll', { sudo: 'sudo', ll: 'ls -l' }, '(cmd sudo ll)'],
    ['x | ll', { ll: 'ls -l' }, '(| (cmd x) (cmd ls -l))'],
    ['echo ll', { ll: 'ls -l' }, '(cmd echo ll)'],
    ['"ll"', { ll: 'ls -l' }, '(cmd "ll")'],
    ['g', { g: 'grep x | wc' }, '(| (cmd grep x) (cmd wc))'],
    ['t; ll', { t: 'if true; then echo y; fi', ll: 'ls' }, '(if (cmd true) then (cmd echo y)); (cmd ls)'],
    ['e ls', { e: '' }, '(cmd ls)'],
    ['q', { q: 'echo "unterminated' }, '(cmd q)'],
  ])('%s with %j', (src, aliases, expected) => {
    expect(show(src, aliases)).toBe(expected);
  });
});

describe('parse: errors and incomplete input', () => {
  const err = (src: string, final = false): string => {
    const r = parse(src, { final });
    if (r.kind !== 'error') throw new Error(`expected an error for ${JSON.stringify(src)}, got ${JSON.stringify(r)}`);
    return r.message;
  };

  // Expected messages checked against `bash -n -c` (bash 5.2).
  it.each([
    ['echo >', "syntax error near unexpected token `newline'"],
    ['echo (', "syntax error near unexpected token `newline'"],
    ['echo a (', "syntax error near unexpected token `('"],
    [')', "syntax error near unexpected token `)'"],
    [';;', "syntax error near unexpected token `;;'"],
    ['echo a;;', "syntax error near unexpected token `;;'"],
    ['f() echo', "syntax error near unexpected token `echo'"],
    ['fi', "syntax error near unexpected token `fi'"],
    ['done', "syntax error near unexpected token `done'"],
    ['then', "syntax error near unexpected token `then'"],
    ['|', "syntax error near unexpected token `|'"],
    ['&& a', "syntax error near unexpected token `&&'"],
    ['echo a |;', "syntax error near unexpected token `;'"],
    ['echo > >', "syntax error near unexpected token `>'"],
    ['echo 2>&', "syntax error near unexpected token `newline'"],
    ['if; then fi', "syntax error near unexpected token `;'"],
    ['while do done', "syntax error near unexpected token `do'"],
    ['echo a & & b', "syntax error near unexpected token `&'"],
    ['case a in a) echo;; b', "syntax error near unexpected token `newline'"],
    ['function', "syntax error near unexpected token `newline'"],
    ['(  )', "syntax error near unexpected token `)'"],
    ['{ }', "syntax error near unexpected token `}'"],
    ['echo a; ;', "syntax error near unexpected token `;'"],
    ['x=1 (echo)', "syntax error near unexpected token `('"],
    ['echo a > (b)', "syntax error near unexpected token `('"],
    ['echo a | !', "syntax error near unexpected token `!'"],
    ['for', "syntax error near unexpected token `newline'"],
    ['case', "syntax error near unexpected token `newline'"],
    ['cat <<', "syntax error near unexpected token `newline'"],
    ['for ((i=0;i<2;i++)) echo', "syntax error near unexpected token `echo'"],
    ['echo a=(1)', "syntax error near unexpected token `('"],
    ['for 1 in a; do :; done', "`1': not a valid identifier"],
    ['for ((i=0;i<1;i++;)); do :; done', "syntax error: `;' unexpected"],
    ['for ((i=0)); do :; done', 'syntax error: arithmetic expression required'],
    ['[[ a b ]]', 'conditional binary operator expected'],
    ['[[ -f ]]', "unexpected argument `]]' to conditional unary operator"],
    ['[[ ( a ]]', "unexpected token `]]', expected `)'"],
    ['[[ a == ]]', "unexpected argument `]]' to conditional binary operator"],
    ['{ echo; } foo', "syntax error near unexpected token `foo'"],
    ['if true; then echo a ) fi', "syntax error near unexpected token `)'"],
    ['in x', "syntax error near unexpected token `in'"],
    ['echo >2>&1', "syntax error near unexpected token `2'"],
    ['echo; ]]', "syntax error near unexpected token `]]'"],
  ])('%j', (src, message) => {
    expect(err(src)).toBe(message);
  });

  it.each([
    ["echo 'abc", 'quote', "unexpected EOF while looking for matching `''"],
    ['echo "abc', 'quote', 'unexpected EOF while looking for matching `"\''],
    ['echo `ls', 'quote', "unexpected EOF while looking for matching ``'"],
    ["echo $'abc", 'quote', "unexpected EOF while looking for matching `''"],
    ['echo $(', 'substitution', "unexpected EOF while looking for matching `)'"],
    ['echo $(if true', 'substitution', "unexpected EOF while looking for matching `)'"],
    ['echo "$(echo a', 'substitution', "unexpected EOF while looking for matching `)'"],
    ['echo $(echo "a', 'quote', 'unexpected EOF while looking for matching `"\''],
    ['echo ${x', 'substitution', "unexpected EOF while looking for matching `}'"],
    ['echo "${x', 'substitution', "unexpected EOF while looking for matching `}'"],
    ['echo $((1+', 'substitution', "unexpected EOF while looking for matching `)'"],
    ['((1+2', 'substitution', "unexpected EOF while looking for matching `)'"],
    ['x=(a b', 'substitution', "unexpected EOF while looking for matching `)'"],
    ['a[', 'substitution', "unexpected EOF while looking for matching `]'"],
    ['if true; then', 'compound', 'syntax error: unexpected end of file'],
    ['if', 'compound', 'syntax error: unexpected end of file'],
    ['while', 'compound', 'syntax error: unexpected end of file'],
    ['for x', 'compound', 'syntax error: unexpected end of file'],
    ['for x in a b; do', 'compound', 'syntax error: unexpected end of file'],
    ['case x', 'compound', 'syntax error: unexpected end of file'],
    ['case x in', 'compound', 'syntax error: unexpected end of file'],
    ['case x in a)', 'compound', 'syntax error: unexpected end of file'],
    ['{ echo a }', 'compound', 'syntax error: unexpected end of file'],
    ['f()', 'compound', 'syntax error: unexpected end of file'],
    ['function f', 'compound', 'syntax error: unexpected end of file'],
    ['(', 'compound', 'syntax error: unexpected end of file'],
    ['[[ a', 'compound', "unexpected token `newline', conditional binary operator expected"],
    ['[[ a ==', 'compound', "unexpected argument `newline' to conditional binary operator"],
    ['[[', 'compound', "unexpected token `EOF' in conditional command"],
    ['echo |', 'pipeline', 'syntax error: unexpected end of file'],
    ['a &&', 'pipeline', 'syntax error: unexpected end of file'],
    ['a ||\n', 'pipeline', 'syntax error: unexpected end of file'],
  ])('%j is incomplete (%s); final: %s', (src, reason, message) => {
    expect(parse(src)).toEqual({ kind: 'incomplete', reason, message });
    expect(err(src, true)).toBe(message);
  });

  it.each(['echo a \\\n', 'echo a\\', 'echo a \\\n\\\n'])('%j is incomplete until the next line, fine at the end of a script', (src) => {
    expect(parse(src)).toMatchObject({ kind: 'incomplete', reason: 'continuation' });
    expect(parse(src, { final: true }).kind).toBe('ok');
  });

  it('treats a trailing backslash as literal at the end of a script', () => {
    const r = parse('echo a\\', { final: true });
    expect(r.kind === 'ok' && sexp(r.script)).toBe('(cmd echo a\\)');
  });

  it('becomes complete when the next line arrives', () => {
    const lines = ['for x in a b; do', '  echo "$x', '  y"', 'done'];
    let text = '';
    const kinds: string[] = [];
    for (const l of lines) {
      text += (text ? '\n' : '') + l;
      kinds.push(parse(text).kind);
    }
    expect(kinds).toEqual(['incomplete', 'incomplete', 'incomplete', 'ok']);
  });

  it('reports the position and source line of errors', () => {
    const r = parse('echo ok\nif then fi', { final: true });
    expect(r).toMatchObject({ kind: 'error', message: "syntax error near unexpected token `then'", position: { line: 2, column: 4 }, line: 'if then fi' });
    const e = parse('if true\nthen', { final: true });
    expect(e).toMatchObject({ kind: 'error', message: 'syntax error: unexpected end of file', position: { line: 2, column: 5 } });
  });

  it('reports errors inside backticks', () => {
    expect(parse('echo `if true`').kind).toBe('error');
  });

  it('survives deep nesting with an error instead of a crash', () => {
    for (const src of ['('.repeat(5000), '$('.repeat(3000), '"$('.repeat(2000), '${x:-'.repeat(3000), '{ '.repeat(5000), 'if '.repeat(3000), '$(( '.repeat(3000), '[[ ' + '( '.repeat(5000)]) {
      const r = parse(src, { final: true });
      expect(['error', 'ok']).toContain(r.kind);
    }
  });
});

describe('parse: speed', () => {
  it('parses a 1,000-line script in a few milliseconds', () => {
    const block = [
      'for f in *.txt "$@"; do',
      '  if [[ -f $f && ${f##*.} == txt ]]; then',
      '    n=$(( n + $(wc -l < "$f") ))',
      "    echo \"file: $f\" | sed -e 's/a/b/' >> out.log 2>&1",
      '  fi',
      'done',
      'case $1 in start|stop) service x "$1" ;; *) echo "usage: $0 {start|stop}" >&2; exit 1 ;; esac',
      'f() { local a=${1:-default} b; b=${a//x/y}; printf "%s\\n" "$b"; }',
      'while read -r line; do echo "${line^^}"; done <<EOF',
      '$HOME',
      'EOF',
      'x=(1 2 3); echo ${x[@]} ${#x[@]} $((x[1]*2))',
    ];
    const lines: string[] = [];
    while (lines.length < 1000) lines.push(...block);
    const src = lines.join('\n');
    // Best of several runs, with a wide margin: the machine running the tests may be busy
    // (about 3-5 ms on an idle machine once the JIT has warmed up).
    let best = Infinity;
    for (let k = 0; k < 15 && best > 20; k++) {
      const t0 = performance.now();
      const r = parse(src);
      best = Math.min(best, performance.now() - t0);
      expect(r.kind).toBe('ok');
    }
    expect(best).toBeLessThan(150);
  });
});

describe('parse: never throws (property)', () => {
  const tokens = [
    ' ', ' ', '\n', '\t', ';', '&', '|', '&&', '||', '(', ')', '{', '}', '<', '>', '>>', '<<', '<<-', '<<<', '>&', '<&', '&>', '2>',
    "'", '"', '`', '\\', '$', '${', '}', '$(', '$((', '))', '#', '=', '~', '*', '?', '[', ']', '[[', ']]', '!', ',', '..', ':', '-', '+', '%', '/', '^',
    'if', 'then', 'else', 'elif', 'fi', 'for', 'in', 'do', 'done', 'while', 'until', 'case', 'esac', ';;', ';&', 'function', 'time', 'select',
    'x', 'a', 'EOF', 'echo', '1', 'a=', 'x[1]=', '=~', '==', '-f', 'f()', '$x', '$@', '"$@"', "'q'", '{a,b}', '{1..3}',
  ];
  const shellish = fc.array(fc.constantFrom(...tokens), { maxLength: 40 }).map((ts) => ts.join(''));

  const check = (src: string, final: boolean): void => {
    let r: ParseResult;
    try {
      r = parse(src, { final });
    } catch (e) {
      throw new Error(`parse threw on ${JSON.stringify(src)}: ${String(e)}`);
    }
    expect(['ok', 'incomplete', 'error']).toContain(r.kind);
    if (final) expect(r.kind).not.toBe('incomplete');
    if (r.kind === 'error') expect(r.message).not.toMatch(/^internal/);
  };

  it('on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), fc.boolean(), (s, final) => check(s, final)),
      { numRuns: 2000 },
    );
  });

  it('on strings built from shell tokens', () => {
    fc.assert(
      fc.property(shellish, fc.boolean(), (s, final) => check(s, final)),
      { numRuns: 3000 },
    );
  });

  it('with aliases', () => {
    const aliases: Record<string, string> = { x: 'echo $(', a: 'if true;', echo: 'echo ', EOF: 'cat <<EOF' };
    fc.assert(
      fc.property(shellish, (s) => {
        const r = parse(s, { aliases: (n) => aliases[n] });
        expect(['ok', 'incomplete', 'error']).toContain(r.kind);
      }),
      { numRuns: 1000 },
    );
  });
});
