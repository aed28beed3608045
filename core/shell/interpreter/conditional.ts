/** `[[ … ]]`: like test, but words are not split or globbed and == matches patterns. */
import type { CondExpr } from '../ast.js';
import { binaryTest, fileTest } from './builtins/test.js';
import { ShellError } from './control.js';
import type { Interpreter } from './execute.js';

export async function evaluateCondition(sh: Interpreter, e: CondExpr): Promise<boolean> {
  switch (e.type) {
    case 'CondWord':
      return (await sh.expander.single(e.word)) !== '';
    case 'CondNot':
      return !(await evaluateCondition(sh, e.operand));
    case 'CondAnd':
      return (await evaluateCondition(sh, e.left)) && (await evaluateCondition(sh, e.right));
    case 'CondOr':
      return (await evaluateCondition(sh, e.left)) || (await evaluateCondition(sh, e.right));
    case 'CondGroup':
      return evaluateCondition(sh, e.inner);
    case 'CondUnary': {
      const operand = await sh.expander.single(e.operand);
      if (e.op === '-z') return operand === '';
      if (e.op === '-n') return operand !== '';
      if (e.op === '-v') return sh.state.vars.has(operand);
      if (e.op === '-o') return (sh.state.options as unknown as Record<string, boolean>)[operand] === true;
      if (e.op === '-R') return false;
      return fileTest(sh, e.op, operand);
    }
    case 'CondBinary': {
      const left = await sh.expander.single(e.left);
      if (e.op === '==' || e.op === '=' || e.op === '!=') {
        const matched = await sh.expander.matches(left, e.right);
        return e.op === '!=' ? !matched : matched;
      }
      if (e.op === '=~') {
        const source = await sh.expander.regexSource(e.right);
        let re: RegExp;
        try {
          re = new RegExp(source);
        } catch {
          throw new ShellError(`[[: invalid regular expression \`${source}'`, 2);
        }
        const m = re.exec(left);
        if (!m) return false;
        sh.state.set('BASH_REMATCH', m[0]);
        const entry = sh.state.vars.get('BASH_REMATCH')!;
        entry.array = [...m].map((g) => g ?? '');
        return true;
      }
      const right = await sh.expander.single(e.right);
      return binaryTest(sh, '[[', e.op, left, right);
    }
  }
}
