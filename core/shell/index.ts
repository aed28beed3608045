/**
 * The shell language: syntax tree, parser, arithmetic, patterns, expansion and quoting.
 * (The interpreter that runs scripts lives in ./interpreter.)
 */
export type * from './ast.js';
export type * from './word.js';
export { staticValue, hasQuoting } from './word.js';
export { parse, splitAssignment, type ParseOptions, type ParseResult, type IncompleteReason, type ParseWarning } from './parser.js';
export { isName } from './lexer.js';
export { ArithError, parseArith, parseArithCached, evalArith, evaluateArith, type ArithEnv, type ArithExpr, type ArithNode } from './arith.js';
export {
  compilePattern,
  matchPattern,
  removePrefix,
  removeSuffix,
  replacePattern,
  hasGlobChars,
  escapeGlob,
  unescapeGlob,
  globMatches,
  globExpand,
  compileEre,
  escapeEre,
  type GlobFs,
  type GlobOptions,
  type PatternOptions,
  type ReplaceMode,
} from './pattern.js';
export {
  ExpansionError,
  expandWords,
  expandWord,
  expandPattern,
  expandRegex,
  expandHereDoc,
  expandArith,
  expandAssignment,
  expandRedirectTarget,
  matchesPatternWord,
  matchRegex,
  braceExpand,
  type ExpandContext,
  type ExpansionErrorCode,
  type ExpandWordsOptions,
} from './expand.js';
export { quoteForShell, quoteBackslash, singleQuote, doubleQuote, ansiCQuote, quoteAlways } from './quote.js';
