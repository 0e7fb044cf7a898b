/** How bad a catalog issue is: errors stop the catalog from loading, warnings do not. */
export type CatalogIssueSeverity = 'error' | 'warning';

/** What kind of problem a {@link CatalogIssue} is, for code that reacts to some of them. */
export type CatalogIssueCode =
  | 'json'
  | 'schema'
  | 'unknown-key'
  | 'duplicate-id'
  | 'rule-syntax'
  | 'unknown-id'
  | 'empty-group'
  | 'rule-no-effect'
  | 'finance'
  | 'standard-invalid'
  | 'trim-no-valid-build'
  | 'option-never-buildable';

/** One problem found while loading a catalog. */
export interface CatalogIssue {
  severity: CatalogIssueSeverity;
  code: CatalogIssueCode;
  /** JSON path of the offending value, e.g. `models[0].groups[1].options[3].price`; `''` is the root. */
  path: string;
  /** Readable English explanation, naming ids where there are some. */
  message: string;
  /** The offending value, when there is one. */
  value?: unknown;
  /** For rule issues: the rule's id. */
  ruleId?: string;
  /** For rule expression issues: 0-based character offset into the expression. */
  position?: number;
}

function show(value: unknown): string {
  try {
    const text = JSON.stringify(value) ?? String(value);
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
  } catch {
    return String(value);
  }
}

/** One line per issue: `error models[0].trims[0].price: must be … (value: 1.5)`. */
export function formatCatalogIssues(issues: readonly CatalogIssue[]): string {
  return issues
    .map(
      (i) =>
        `${i.severity} ${i.path || '(root)'}: ${i.message}${'value' in i ? ` (value: ${show(i.value)})` : ''}`,
    )
    .join('\n');
}

/**
 * Thrown by {@link parseCatalog} (and by {@link createConfigurator} for a catalog that did not
 * go through it) when a catalog has errors. `issues` lists every error and warning found.
 */
export class CatalogError extends Error {
  override name = 'CatalogError';
  readonly issues: readonly CatalogIssue[];

  constructor(issues: readonly CatalogIssue[]) {
    const errors = issues.filter((i) => i.severity === 'error');
    super(
      `Invalid catalog: ${errors.length} error${errors.length === 1 ? '' : 's'}\n${formatCatalogIssues(errors.length ? errors : issues)}`,
    );
    this.issues = issues;
  }
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Joins path segments as `models[0].name["zh-CN"]`. */
export function jsonPath(segments: readonly PropertyKey[]): string {
  let out = '';
  for (const key of segments) {
    if (typeof key === 'number') out += `[${key}]`;
    else {
      const name = String(key);
      if (IDENTIFIER.test(name)) out += out ? `.${name}` : name;
      else out += `[${JSON.stringify(name)}]`;
    }
  }
  return out;
}
