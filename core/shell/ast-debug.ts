/**
 * A compact one-line rendering of syntax trees, for tests and debugging:
 * `a=1 echo "$x" >f | grep y && z &` renders as
 * `(&& (| (cmd a=1 echo "$x" >f) (cmd grep y)) (cmd z)) &`.
 */
import type { AndOr, Command, CondExpr, List, Pipeline, Redirect, Script } from './ast.js';

export function sexp(node: Script | List | Command): string {
  if (Array.isArray(node)) return list(node);
  if (node.type === 'Script') return list(node.body);
  return command(node);
}

function list(items: List): string {
  return items.map((i) => andOr(i.command) + (i.background ? ' &' : '')).join('; ');
}

function andOr(a: AndOr): string {
  let s = pipeline(a.first);
  for (const r of a.rest) s = `(${r.op} ${s} ${pipeline(r.pipeline)})`;
  return s;
}

function pipeline(p: Pipeline): string {
  let s = p.commands.length === 1 ? command(p.commands[0]!) : `(${p.ops.map((o) => o).join(' ')} ${p.commands.map(command).join(' ')})`;
  if (p.commands.length === 0) s = '()';
  if (p.negated) s = `(! ${s})`;
  if (p.timed) s = `(time${p.timePosix ? ' -p' : ''} ${s})`;
  return s;
}

function redirects(rs: readonly Redirect[]): string {
  return rs.map((r) => ' ' + (r.fd ?? '') + r.op + r.target.raw + (r.heredoc ? `[${JSON.stringify(r.heredoc.body)}${r.heredoc.quoted ? ' quoted' : ''}]` : '')).join('');
}

function command(c: Command): string {
  switch (c.type) {
    case 'SimpleCommand': {
      const parts = [
        ...c.assignments.map((a) => `${a.name}${a.index ? `[${a.index.raw}]` : ''}${a.append ? '+' : ''}=${a.array ? `(${a.array.map((w) => w.raw).join(' ')})` : (a.value?.raw ?? '')}`),
        ...c.words.map((w) => w.raw),
      ];
      return `(cmd${parts.length ? ' ' + parts.join(' ') : ''}${redirects(c.redirects)})`;
    }
    case 'Subshell':
      return `(sub ${list(c.body)}${redirects(c.redirects)})`;
    case 'Group':
      return `(group ${list(c.body)}${redirects(c.redirects)})`;
    case 'If':
      return `(if ${c.clauses.map((k) => `${list(k.condition)} then ${list(k.body)}`).join(' elif ')}${c.elseBody ? ` else ${list(c.elseBody)}` : ''}${redirects(c.redirects)})`;
    case 'While':
      return `(${c.until ? 'until' : 'while'} ${list(c.condition)} do ${list(c.body)}${redirects(c.redirects)})`;
    case 'For':
    case 'Select':
      return `(${c.type === 'For' ? 'for' : 'select'} ${c.variable}${c.words ? ` in ${c.words.map((w) => w.raw).join(' ')}` : ''} do ${list(c.body)}${redirects(c.redirects)})`;
    case 'ArithFor':
      return `(for (( ${c.init?.word.raw ?? ''}; ${c.test?.word.raw ?? ''}; ${c.update?.word.raw ?? ''} )) do ${list(c.body)}${redirects(c.redirects)})`;
    case 'Case':
      return `(case ${c.subject.raw}${c.items.map((i) => ` (${i.patterns.map((p) => p.raw).join('|')}) ${list(i.body)} ${i.terminator}`).join('')}${redirects(c.redirects)})`;
    case 'FunctionDef':
      return `(function ${c.name} ${command(c.body)})`;
    case 'ArithCommand':
      return `((${c.expression.word.raw}))${redirects(c.redirects)}`;
    case 'TestCommand':
      return `[[ ${cond(c.expression)} ]]${redirects(c.redirects)}`;
  }
}

function cond(e: CondExpr): string {
  switch (e.type) {
    case 'CondWord':
      return e.word.raw;
    case 'CondUnary':
      return `(${e.op} ${e.operand.raw})`;
    case 'CondBinary':
      return `(${e.left.raw} ${e.op} ${e.right.raw})`;
    case 'CondNot':
      return `(! ${cond(e.operand)})`;
    case 'CondAnd':
      return `(${cond(e.left)} && ${cond(e.right)})`;
    case 'CondOr':
      return `(${cond(e.left)} || ${cond(e.right)})`;
    case 'CondGroup':
      return `{${cond(e.inner)}}`;
  }
}
