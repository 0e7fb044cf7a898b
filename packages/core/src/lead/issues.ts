import type { z } from 'zod/mini';

/** One problem with a value that crossed a boundary: where it is, what is wrong, what was there. */
export interface FieldIssue {
  /** Dotted path into the value, e.g. `customer.phone` or `interest.options.0.price`; `''` for the root. */
  path: string;
  message: string;
  /** The offending value, when there was one. */
  value?: unknown;
}

/** Joins a zod path into `a.b.0.c`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.map((key) => String(key)).join('.');
}

function valueAt(input: unknown, path: readonly PropertyKey[]): { found: boolean; value?: unknown } {
  let current: unknown = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return { found: false };
    if (!Object.prototype.hasOwnProperty.call(current, key)) return { found: false };
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return { found: true, value: current };
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : typeof value;
}

/** A readable English message for a zod issue (zod/mini ships none without a global locale). */
function message(issue: z.core.$ZodIssue, value: unknown, found: boolean): string {
  if (issue.code === 'invalid_type' && !found) return `required (${issue.expected})`;
  if (issue.message && issue.message !== 'Invalid input') return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected}, got ${describe(value)}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_format':
      return `not a valid ${issue.format === 'regex' ? 'value' : issue.format}`;
    case 'too_small':
      return issue.origin === 'string' || issue.origin === 'array'
        ? `must have at least ${String(issue.minimum)} ${issue.origin === 'string' ? 'characters' : 'items'}`
        : `must be ${issue.inclusive ? 'at least' : 'more than'} ${String(issue.minimum)}`;
    case 'too_big':
      return issue.origin === 'string' || issue.origin === 'array'
        ? `must have at most ${String(issue.maximum)} ${issue.origin === 'string' ? 'characters' : 'items'}`
        : `must be ${issue.inclusive ? 'at most' : 'less than'} ${String(issue.maximum)}`;
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.divisor)}`;
    case 'unrecognized_keys':
      return `unknown keys ${issue.keys.join(', ')}`;
    case 'invalid_union':
      return 'matches none of the allowed shapes';
    default:
      return 'invalid value';
  }
}

/**
 * Turns zod issues into {@link FieldIssue}s that name the path and carry the value found
 * there in `input` (only primitives, and only when present, to keep errors small).
 */
export function toFieldIssues(issues: readonly z.core.$ZodIssue[], input: unknown): FieldIssue[] {
  return issues.map((issue) => {
    const at = valueAt(input, issue.path);
    const out: FieldIssue = { path: formatPath(issue.path), message: message(issue, at.value, at.found) };
    if (at.found && (at.value === null || typeof at.value !== 'object')) out.value = at.value;
    return out;
  });
}

function show(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Renders issues as one line each, `path: message (value)`. */
export function formatIssues(issues: readonly FieldIssue[]): string {
  return issues
    .map((i) => `${i.path || '(root)'}: ${i.message}${'value' in i ? ` (${show(i.value)})` : ''}`)
    .join('; ');
}
