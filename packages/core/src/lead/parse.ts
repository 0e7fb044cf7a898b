import { formatIssues, toFieldIssues } from './issues.js';
import type { FieldIssue } from './issues.js';
import { LeadSchema } from './schema.js';
import type { Lead } from './schema.js';

/** A value that is not a valid `showroom.lead/1` lead. `issues` names each path, problem and value. */
export class LeadError extends Error {
  override readonly name = 'LeadError';
  readonly issues: FieldIssue[];
  constructor(issues: FieldIssue[]) {
    super(`Invalid lead: ${formatIssues(issues)}`);
    this.issues = issues;
  }
}

/**
 * Parses and validates a lead (spec/lead.md) from JSON-like data. Returns the lead; throws a
 * {@link LeadError} listing every problem, and nothing else, whatever `json` is.
 */
export function parseLead(json: unknown): Lead {
  let issues: FieldIssue[];
  try {
    const result = LeadSchema.safeParse(json);
    if (result.success) return result.data;
    issues = toFieldIssues(result.error.issues, json);
  } catch (cause) {
    // Only hostile inputs (throwing getters, proxies) get here.
    issues = [
      { path: '', message: `unreadable value (${cause instanceof Error ? cause.message : 'unknown error'})` },
    ];
  }
  throw new LeadError(issues);
}

/** Like {@link parseLead} without throwing: `{ ok: true, lead }` or `{ ok: false, issues }`. */
export function safeParseLead(json: unknown): { ok: true; lead: Lead } | { ok: false; issues: FieldIssue[] } {
  try {
    return { ok: true, lead: parseLead(json) };
  } catch (error) {
    return { ok: false, issues: (error as LeadError).issues };
  }
}
