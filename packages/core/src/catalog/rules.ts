/**
 * The rule language of `when`, `requires` and `excludes` (spec/catalog.md): option ids,
 * `trim:<id>`, `!`, `&`, `|` and parentheses, with `!` binding tighter than `&`, and `&` than `|`.
 * Whitespace is free; anything else is a syntax error with its character position.
 */

/** A parsed rule expression. `position` is the 0-based offset of the node's first character. */
export type RuleExpr =
  | { readonly type: 'option'; readonly id: string; readonly position: number }
  | { readonly type: 'trim'; readonly id: string; readonly position: number }
  | { readonly type: 'not'; readonly operand: RuleExpr; readonly position: number }
  | { readonly type: 'and' | 'or'; readonly operands: readonly RuleExpr[]; readonly position: number };

/** A rule expression that does not parse. `position` is the 0-based offset of the problem. */
export class RuleSyntaxError extends Error {
  override name = 'RuleSyntaxError';
  constructor(
    /** What is wrong, without the position. */
    readonly reason: string,
    readonly expression: string,
    readonly position: number,
  ) {
    super(`${reason} at position ${position}\n  ${expression}\n  ${' '.repeat(position)}^`);
  }
}

const ID_CHAR = /[A-Za-z0-9_.-]/;
const TRIM_PREFIX = 'trim:';

/**
 * Parses a rule expression.
 *
 * @throws RuleSyntaxError naming the character position of the first problem.
 */
export function parseRuleExpression(source: string): RuleExpr {
  let pos = 0;

  const skip = (): void => {
    while (pos < source.length && /\s/.test(source[pos]!)) pos++;
  };
  const describe = (at: number): string => {
    if (at >= source.length) return 'end of expression';
    const ch = source[at]!;
    return `"${ch}"`;
  };
  const fail = (reason: string, at: number): never => {
    throw new RuleSyntaxError(reason, source, at);
  };

  const readId = (): string => {
    const start = pos;
    while (pos < source.length && ID_CHAR.test(source[pos]!)) pos++;
    return source.slice(start, pos);
  };

  const primary = (): RuleExpr => {
    skip();
    const start = pos;
    const ch = source[pos];
    if (ch === '(') {
      pos++;
      const inner = or();
      skip();
      if (source[pos] !== ')')
        fail(`expected ")" to close the "(" at position ${start}, found ${describe(pos)}`, pos);
      pos++;
      return inner;
    }
    if (ch !== undefined && ID_CHAR.test(ch)) {
      const id = readId();
      if (id === 'trim' && source[pos] === ':') {
        pos++;
        const trimId = readId();
        if (!trimId) fail(`expected a trim id after "${TRIM_PREFIX}", found ${describe(pos)}`, pos);
        return { type: 'trim', id: trimId, position: start };
      }
      if (/^[.-]/.test(id)) fail(`an id cannot start with "${id[0]!}"`, start);
      return { type: 'option', id, position: start };
    }
    return fail(`expected an option id, "trim:<id>", "!" or "(", found ${describe(pos)}`, pos);
  };

  const unary = (): RuleExpr => {
    skip();
    if (source[pos] === '!') {
      const start = pos++;
      return { type: 'not', operand: unary(), position: start };
    }
    return primary();
  };

  const chain = (type: 'and' | 'or', symbol: string, next: () => RuleExpr): RuleExpr => {
    skip();
    const start = pos;
    const operands = [next()];
    for (;;) {
      skip();
      if (source[pos] !== symbol) break;
      pos++;
      operands.push(next());
    }
    return operands.length === 1 ? operands[0]! : { type, operands, position: start };
  };

  const and = (): RuleExpr => chain('and', '&', unary);
  const or = (): RuleExpr => chain('or', '|', and);

  skip();
  if (pos >= source.length) fail('empty expression', pos);
  const expr = or();
  skip();
  if (pos < source.length) {
    fail(
      source[pos] === ')'
        ? 'unexpected ")" without a matching "("'
        : `expected "&", "|" or the end, found ${describe(pos)}`,
      pos,
    );
  }
  return expr;
}

/** Every option id and `trim:<id>` the expression mentions, in order, with positions. */
export function ruleAtoms(expr: RuleExpr): Array<Extract<RuleExpr, { type: 'option' | 'trim' }>> {
  switch (expr.type) {
    case 'option':
    case 'trim':
      return [expr];
    case 'not':
      return ruleAtoms(expr.operand);
    default:
      return expr.operands.flatMap(ruleAtoms);
  }
}

/** What an expression is evaluated over: the build's trim and whether it holds an option. */
export interface RuleScope {
  readonly trimId: string;
  has(optionId: string): boolean;
}

/** Evaluates a parsed expression over a build (`options` as a Set, or anything with `has`). */
export function evaluateRule(expr: RuleExpr, scope: RuleScope): boolean {
  switch (expr.type) {
    case 'option':
      return scope.has(expr.id);
    case 'trim':
      return scope.trimId === expr.id;
    case 'not':
      return !evaluateRule(expr.operand, scope);
    case 'and':
      return expr.operands.every((e) => evaluateRule(e, scope));
    case 'or':
      return expr.operands.some((e) => evaluateRule(e, scope));
  }
}

/** Writes an expression back as text, fully parenthesised where precedence needs it. */
export function formatRuleExpression(expr: RuleExpr): string {
  const wrap = (e: RuleExpr, parent: 'and' | 'or' | 'not'): string => {
    const text = formatRuleExpression(e);
    const needs =
      (parent === 'not' && (e.type === 'and' || e.type === 'or')) || (parent === 'and' && e.type === 'or');
    return needs ? `(${text})` : text;
  };
  switch (expr.type) {
    case 'option':
      return expr.id;
    case 'trim':
      return `${TRIM_PREFIX}${expr.id}`;
    case 'not':
      return `!${wrap(expr.operand, 'not')}`;
    default:
      return expr.operands
        .map((e) => wrap(e, expr.type as 'and' | 'or'))
        .join(expr.type === 'and' ? ' & ' : ' | ');
  }
}
