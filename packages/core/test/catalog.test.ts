import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CatalogError, createConfigurator, parseCatalog, type CatalogIssue } from '@showroom/core';
import { demoCatalog } from '@showroom/core/demo';
import { firstModel, specCatalog } from './support/fixtures.js';

/** The issues parseCatalog throws for `input` (fails when it does not throw a CatalogError). */
function issuesOf(input: unknown): readonly CatalogIssue[] {
  try {
    parseCatalog(input);
  } catch (e) {
    assert.ok(e instanceof CatalogError, `expected a CatalogError, got ${String(e)}`);
    return e.issues;
  }
  assert.fail('expected the catalog to be refused');
}

function find(issues: readonly CatalogIssue[], path: string): CatalogIssue {
  const issue = issues.find((i) => i.path === path);
  assert.ok(issue, `no issue at ${path}; issues at ${issues.map((i) => i.path).join(', ')}`);
  return issue;
}

describe('parseCatalog', () => {
  it('loads the spec example with defaults applied and no warnings', () => {
    const { catalog, warnings } = parseCatalog(specCatalog());
    assert.deepEqual(warnings, []);
    assert.equal(catalog.models[0]!.groups[3]!.options[1]!.hidden, false);
    assert.deepEqual(catalog.models[0]!.trims[1]!.standard, ['paint-red', 'wheel-21']);
  });

  it('loads JSON text as well as objects', () => {
    const { catalog } = parseCatalog(JSON.stringify(specCatalog()));
    assert.equal(catalog.id, 'aurora-cn-2027');
  });

  it('refuses text that is not JSON with a CatalogError', () => {
    const issues = issuesOf('{ "schema": ');
    assert.equal(issues.length, 1);
    assert.equal(issues[0]!.code, 'json');
    assert.equal(issues[0]!.path, '');
  });

  it('refuses anything that is not a catalog with a CatalogError, never another exception', () => {
    for (const input of [null, undefined, 42, [], 'null', { schema: 'showroom.catalog/2' }, new Date()]) {
      const issues = issuesOf(input);
      assert.ok(issues.length > 0);
      assert.ok(issues.every((i) => i.severity === 'error' || i.severity === 'warning'));
    }
  });

  it('lists every schema error with its JSON path and the offending value', () => {
    const catalog = specCatalog();
    const model = firstModel(catalog);
    model.groups[1].options[2].price = 1.5;
    model.groups[0].options[1].swatch = 'red';
    model.groups[2].cardinality = 'many';
    model.trims[0].name = 42;
    catalog.currency = 'yuan';
    delete (model as Record<string, unknown>).body;
    const issues = issuesOf(catalog);
    assert.ok(issues.every((i) => i.code === 'schema' && i.severity === 'error'));

    const price = find(issues, 'models[0].groups[1].options[2].price');
    assert.equal(price.value, 1.5);
    assert.match(price.message, /whole/);
    const swatch = find(issues, 'models[0].groups[0].options[1].swatch');
    assert.equal(swatch.value, 'red');
    assert.match(swatch.message, /hex colour/);
    assert.equal(find(issues, 'models[0].groups[2].cardinality').value, 'many');
    const name = find(issues, 'models[0].trims[0].name');
    assert.equal(name.value, 42);
    assert.match(name.message, /string, or a map of locale/);
    assert.equal(find(issues, 'currency').value, 'yuan');
    const body = find(issues, 'models[0].body');
    assert.equal('value' in body, false);
    assert.match(body.message, /required/);
    assert.equal(issues.length, 6);
  });

  it('names the paths inside locale maps', () => {
    const catalog = specCatalog();
    (catalog.brand as { name: unknown }).name = { 'zh-CN': 7 };
    const issue = find(issuesOf(catalog), 'brand.name');
    assert.deepEqual(issue.value, { 'zh-CN': 7 });
  });

  it('says how many errors there are and shows them in its message', () => {
    const catalog = specCatalog();
    firstModel(catalog).trims[0].price = -1;
    try {
      parseCatalog(catalog);
      assert.fail('expected a CatalogError');
    } catch (e) {
      assert.ok(e instanceof CatalogError);
      assert.equal(e.name, 'CatalogError');
      assert.match(e.message, /^Invalid catalog: 1 error\n/);
      assert.match(
        e.message,
        /models\[0\]\.trims\[0\]\.price: must be a whole amount of 0 or more \(value: -1\)/,
      );
    }
  });

  it('reports duplicate ids of models, trims, groups, options across groups, rules and fees', () => {
    const catalog = specCatalog();
    const model = firstModel(catalog);
    model.trims[1].id = 'a6-lr';
    model.groups[2].id = 'paint';
    model.groups[3].options[1].id = 'paint-red';
    model.rules[2].id = 'sport-wheels';
    catalog.fees!.push({ id: 'delivery', name: 'Again', price: 1 });
    catalog.models.push({ ...structuredClone(model), groups: [], rules: [] });
    const issues = issuesOf(catalog).filter((i) => i.code === 'duplicate-id');
    assert.deepEqual(
      issues.map((i) => [i.path, i.value]),
      [
        ['models[1].id', 'a6'],
        ['fees[1].id', 'delivery'],
        ['models[0].trims[1].id', 'a6-lr'],
        ['models[0].groups[2].id', 'paint'],
        ['models[0].groups[3].options[1].id', 'paint-red'],
        ['models[0].rules[2].id', 'sport-wheels'],
        // The second model is a copy, so it repeats its trim ids too.
        ['models[1].trims[1].id', 'a6-lr'],
      ],
    );
    assert.match(
      issues[4]!.message,
      /duplicate option id "paint-red" \(first at models\[0\]\.groups\[0\]\.options\[1\]\)/,
    );
  });

  it('reports rule expressions that do not parse with the rule id and the position', () => {
    const catalog = specCatalog();
    firstModel(catalog).rules[0].requires = 'wheel-21 | | wheel-21-forged';
    firstModel(catalog).rules[1].when = 'trim:a6-perf &';
    const issues = issuesOf(catalog);
    const requires = find(issues, 'models[0].rules[0].requires');
    assert.equal(requires.code, 'rule-syntax');
    assert.equal(requires.ruleId, 'sport-wheels');
    assert.equal(requires.position, 11);
    assert.equal(requires.value, 'wheel-21 | | wheel-21-forged');
    assert.match(
      requires.message,
      /^rule "sport-wheels" requires: expected an option id.*found "\|" at position 11/,
    );
    const when = find(issues, 'models[0].rules[1].when');
    assert.equal(when.ruleId, 'perf-paint');
    assert.equal(when.position, 14);
  });

  it('reports ids that do not exist in rules, standard options and includes', () => {
    const catalog = specCatalog();
    const model = firstModel(catalog);
    model.rules[0].requires = 'wheel-21 | wheel-22';
    model.rules[1].when = 'trim:a6-sport';
    model.rules[2].includes = ['hifi', 'massage'];
    model.trims[0].standard = ['paint-white', 'wheel-18'];
    const issues = issuesOf(catalog).filter((i) => i.code === 'unknown-id');
    assert.deepEqual(
      issues.map((i) => [i.path, i.value, i.position]),
      [
        ['models[0].trims[0].standard[1]', 'wheel-18', undefined],
        ['models[0].rules[0].requires', 'wheel-21 | wheel-22', 11],
        ['models[0].rules[1].when', 'trim:a6-sport', 0],
        ['models[0].rules[2].includes[1]', 'massage', undefined],
      ],
    );
    assert.match(issues[1]!.message, /unknown option "wheel-22"/);
    assert.match(issues[2]!.message, /unknown trim "trim:a6-sport"/);
  });

  it("with rules: 'later', checks the schema and catalog-wide ids and leaves the rules to the engine", () => {
    const catalog = specCatalog();
    firstModel(catalog).rules[0].requires = 'wheel-21 | wheel-22';
    const { catalog: loaded, warnings } = parseCatalog(catalog, { rules: 'later' });
    assert.deepEqual(warnings, []);
    assert.throws(
      () => createConfigurator(loaded, 'a6'),
      (err: unknown) =>
        err instanceof CatalogError && err.issues.some((i) => i.path === 'models[0].rules[0].requires'),
    );
    const broken = specCatalog() as Record<string, unknown>;
    broken['currency'] = 'yuan';
    assert.throws(() => parseCatalog(broken, { rules: 'later' }), CatalogError);
    const twice = specCatalog() as { fees?: unknown[] };
    twice.fees = [
      { id: 'delivery', name: 'Delivery', price: 1 },
      { id: 'delivery', name: 'Delivery', price: 2 },
    ];
    assert.throws(
      () => parseCatalog(twice, { rules: 'later' }),
      (err: unknown) => err instanceof CatalogError && err.issues.some((i) => i.code === 'duplicate-id'),
    );
  });

  it('reports one-groups without options', () => {
    const catalog = specCatalog();
    firstModel(catalog).groups.push({ id: 'seats', name: 'Seats', cardinality: 'one', options: [] });
    const issue = find(issuesOf(catalog), 'models[0].groups[4].options');
    assert.equal(issue.code, 'empty-group');
    assert.deepEqual(issue.value, []);
  });

  it('reports a trim without any valid build as an error naming the rules that conflict', () => {
    const catalog = specCatalog();
    firstModel(catalog).rules.push(
      { id: 'perf-no-red', when: 'trim:a6-perf', excludes: 'paint-red' },
      { id: 'perf-no-blue', when: 'trim:a6-perf', excludes: 'paint-blue' },
    );
    const issues = issuesOf(catalog);
    const issue = find(issues, 'models[0].trims[1]');
    assert.equal(issue.code, 'trim-no-valid-build');
    assert.equal(issue.severity, 'error');
    assert.equal(issue.value, 'a6-perf');
    assert.match(issue.message, /rules "perf-paint", "perf-no-red", "perf-no-blue" cannot all hold/);
  });

  it('warns about options no valid build of any trim can hold, and loads', () => {
    const catalog = specCatalog();
    firstModel(catalog).rules.push({
      id: 'forged-never',
      when: 'wheel-21-forged',
      requires: 'paint-red & paint-blue',
    });
    const { warnings } = parseCatalog(catalog);
    assert.deepEqual(
      warnings.map((w) => [w.code, w.severity, w.path, w.value]),
      [['option-never-buildable', 'warning', 'models[0].groups[1].options[2]', 'wheel-21-forged']],
    );
    assert.match(
      warnings[0]!.message,
      /\(on "a6-lr": rules "forged-never"; on "a6-perf": rules "forged-never"\)$/,
    );
  });

  it('warns about hidden options nothing includes, and about standard options that are not a valid build', () => {
    const catalog = specCatalog();
    firstModel(catalog).rules.pop();
    firstModel(catalog).trims[0].standard = ['paint-white', 'paint-red', 'wheel-19'];
    const { warnings } = parseCatalog(catalog);
    assert.deepEqual(
      warnings.map((w) => [w.code, w.path]),
      [
        ['standard-invalid', 'models[0].trims[0].standard'],
        ['option-never-buildable', 'models[0].groups[3].options[0]'],
      ],
    );
    assert.match(warnings[0]!.message, /Group "paint" takes at most one option/);
    assert.match(warnings[1]!.message, /on "a6-lr": hidden and nothing includes it/);
  });

  it('warns about unknown keys and rules without effect, and still loads', () => {
    const catalog = specCatalog();
    firstModel(catalog).groups[0].options[0].hiden = true;
    firstModel(catalog).rules.push({ id: 'noop', when: 'pkg-sport' });
    const { warnings } = parseCatalog(catalog);
    assert.deepEqual(
      warnings.map((w) => [w.code, w.path, w.value]),
      [
        ['unknown-key', 'models[0].groups[0].options[0].hiden', true],
        ['rule-no-effect', 'models[0].rules[3]', undefined],
      ],
    );
  });

  it('checks the finance offer: a default term that is offered, a default down payment above the minimum', () => {
    const catalog = specCatalog();
    firstModel(catalog).finance.defaultTermMonths = 30;
    firstModel(catalog).finance.defaultDownPaymentPercent = 10;
    const issues = issuesOf(catalog);
    assert.equal(find(issues, 'models[0].finance.defaultTermMonths').value, 30);
    assert.equal(find(issues, 'models[0].finance.defaultDownPaymentPercent').value, 10);
  });

  it('still checks ids and rules of well-formed models when another part fails the schema', () => {
    const catalog = specCatalog();
    catalog.market = 'China';
    firstModel(catalog).rules[0].requires = 'wheel-21 |';
    const issues = issuesOf(catalog);
    assert.ok(issues.some((i) => i.path === 'market'));
    assert.ok(issues.some((i) => i.path === 'models[0].rules[0].requires' && i.code === 'rule-syntax'));
  });

  it('loads the demo catalog without errors or warnings', () => {
    const { catalog, warnings } = parseCatalog(demoCatalog);
    assert.deepEqual(warnings, []);
    assert.deepEqual(catalog.locales, ['zh-CN', 'en', 'zh-TW']);
    assert.deepEqual(
      catalog.models.map((m) => [m.id, m.body, m.trims.length]),
      [
        ['a6', 'suv', 3],
        ['s7', 'sedan', 3],
        ['e3', 'hatchback', 2],
      ],
    );
    for (const model of catalog.models) {
      const options = model.groups.flatMap((g) => g.options);
      assert.ok(options.length >= 30, `${model.id} has ${options.length} options`);
      for (const o of options) {
        assert.deepEqual(
          Object.keys(o.name as object).sort(),
          ['en', 'zh-CN', 'zh-TW'],
          `${model.id} ${o.id}`,
        );
      }
      assert.ok(model.groups.find((g) => g.id === 'paint')!.options.every((o) => o.swatch));
      assert.ok(options.some((o) => o.hidden));
      assert.ok(model.finance);
      for (const trim of model.trims) assert.ok(trim.specs?.rangeKm && trim.specs.zeroTo100s);
    }
  });
});
