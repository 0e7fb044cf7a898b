import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  evaluateRule,
  formatRuleExpression,
  parseRuleExpression,
  ruleAtoms,
  RuleSyntaxError,
  type RuleExpr,
} from '@showroom/core';

const build = (trimId: string, ...options: string[]) => ({
  trimId,
  has: (id: string) => options.includes(id),
});

function syntaxError(source: string): RuleSyntaxError {
  try {
    parseRuleExpression(source);
  } catch (e) {
    assert.ok(e instanceof RuleSyntaxError, `expected a RuleSyntaxError for ${JSON.stringify(source)}`);
    return e;
  }
  assert.fail(`expected ${JSON.stringify(source)} not to parse`);
}

describe('rule language', () => {
  it('binds ! tighter than &, and & tighter than |', () => {
    assert.equal(formatRuleExpression(parseRuleExpression('a | b & !c')), 'a | b & !c');
    const expr = parseRuleExpression('a | b & !c');
    assert.equal(expr.type, 'or');
    const [left, right] = (expr as Extract<RuleExpr, { operands: unknown }>).operands;
    assert.deepEqual(left, { type: 'option', id: 'a', position: 0 });
    assert.equal(right!.type, 'and');
    // a | (b & !c): true with a alone, with b alone only when c is absent.
    assert.equal(evaluateRule(expr, build('t', 'a', 'c')), true);
    assert.equal(evaluateRule(expr, build('t', 'b')), true);
    assert.equal(evaluateRule(expr, build('t', 'b', 'c')), false);
  });

  it('follows parentheses over precedence', () => {
    const expr = parseRuleExpression('(a | b) & !(c & d)');
    assert.equal(formatRuleExpression(expr), '(a | b) & !(c & d)');
    assert.equal(evaluateRule(expr, build('t', 'b', 'c')), true);
    assert.equal(evaluateRule(expr, build('t', 'b', 'c', 'd')), false);
    assert.equal(evaluateRule(expr, build('t', 'c')), false);
  });

  it('reads trim:<id> as the build having that trim', () => {
    const expr = parseRuleExpression('trim:a6-perf & !paint-white');
    assert.deepEqual(ruleAtoms(expr), [
      { type: 'trim', id: 'a6-perf', position: 0 },
      { type: 'option', id: 'paint-white', position: 16 },
    ]);
    assert.equal(evaluateRule(expr, build('a6-perf', 'paint-red')), true);
    assert.equal(evaluateRule(expr, build('a6-lr', 'paint-red')), false);
  });

  it('takes whitespace anywhere between tokens, including tabs and newlines', () => {
    const tight = parseRuleExpression('!(a|b)&trim:x');
    const loose = parseRuleExpression(' ! ( a\t|\n b ) &   trim:x ');
    assert.equal(formatRuleExpression(loose), formatRuleExpression(tight));
  });

  it('accepts ids with dots, dashes, underscores and digits, and double negation', () => {
    const expr = parseRuleExpression('!!wheel-21.5_x');
    assert.equal(evaluateRule(expr, build('t', 'wheel-21.5_x')), true);
  });

  it('reports the character position of every kind of syntax error', () => {
    const cases: Array<[string, number, RegExp]> = [
      ['', 0, /empty expression/],
      ['   ', 3, /empty expression/],
      ['a &', 3, /found end of expression/],
      ['a && b', 3, /found "&"/],
      ['a | | b', 4, /found "\|"/],
      ['(a | b', 6, /expected "\)" to close the "\(" at position 0/],
      ['a | b)', 5, /unexpected "\)"/],
      ['a b', 2, /expected "&", "\|" or the end, found "b"/],
      ['a # b', 2, /found "#"/],
      ['trim:', 5, /expected a trim id after "trim:"/],
      ['trim: a6', 5, /expected a trim id/],
      ['a & -b', 4, /cannot start with "-"/],
      ['!', 1, /found end of expression/],
      ['a | ()', 5, /found "\)"/],
    ];
    for (const [source, position, message] of cases) {
      const error = syntaxError(source);
      assert.equal(error.position, position, `position in ${JSON.stringify(source)}`);
      assert.match(error.reason, message, `reason for ${JSON.stringify(source)}`);
      assert.equal(error.expression, source);
      assert.ok(error.message.includes(`at position ${position}`));
    }
  });

  it('points at the problem under the expression in its message', () => {
    const error = syntaxError('pkg-sport & )');
    assert.equal(error.message.split('\n')[2], `  ${' '.repeat(12)}^`);
  });
});
