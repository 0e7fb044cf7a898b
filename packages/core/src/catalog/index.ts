export {
  CATALOG_SCHEMA,
  CATALOG_ID_PATTERN,
  CatalogSchema,
  ModelSchema,
  TrimSchema,
  GroupSchema,
  OptionSchema,
  RuleSchema,
  FeeSchema,
  FinanceSchema,
  BrandSchema,
  PowertrainSchema,
  LocalizedTextSchema,
} from './schema.js';
export type {
  Catalog,
  CatalogInput,
  CatalogModel,
  CatalogTrim,
  CatalogGroup,
  CatalogOption,
  CatalogRule,
  CatalogFee,
  FinanceOffer,
  Cardinality,
} from './schema.js';
export { CatalogError, formatCatalogIssues } from './issues.js';
export type { CatalogIssue, CatalogIssueCode, CatalogIssueSeverity } from './issues.js';
export { parseCatalog } from './parse.js';
export type { ParsedCatalog, ParseCatalogOptions } from './parse.js';
export { lintCatalog } from './lint.js';
export {
  parseRuleExpression,
  evaluateRule,
  formatRuleExpression,
  ruleAtoms,
  RuleSyntaxError,
} from './rules.js';
export type { RuleExpr, RuleScope } from './rules.js';
