/**
 * The lead as flat form fields (spec/lead.md, "Salesforce Web-to-Lead field map"): the `form`
 * format of the connector, beside {@link toAdf}, the `adf` one.
 */
import { commentLines } from './adf.js';
import type { Lead, LeadCustomer } from './schema.js';

/** A form field's value: a constant, or computed from the lead (`undefined` leaves it out). */
export type FieldSource = string | ((lead: Lead) => string | undefined);

/**
 * Form fields by name. Merged over the Salesforce Web-to-Lead defaults: a name adds or replaces
 * a field, `false` removes a default one, e.g.
 * `{ '00N5g00000XyZ': (lead) => lead.interest?.buildCode, lead_source: 'Showroom', company: false }`.
 */
export type FieldMap = Record<string, FieldSource | false>;

/** `[first, last]` from the name parts, or split at the last space; a name without spaces is all last name. */
function names(c: LeadCustomer): [string | undefined, string] {
  if (c.familyName) return [c.givenName, c.familyName];
  const parts = c.name.trim().split(/\s+/);
  const last = parts.pop()!;
  return [parts.join(' ') || undefined, last];
}

/**
 * The car and its price, then core's notes (appointment, grade, focus, build code, comments):
 * the Web-to-Lead `description`, the same text an ADF lead carries in its comments.
 */
export function describeLead(lead: Lead): string {
  const i = lead.interest;
  const f = i?.finance;
  return [
    i &&
      `Car: ${i.modelYear} ${i.modelName} ${i.trimName}${i.options.map((o, n) => (n ? ', ' : ' with ') + o.name).join('')}`,
    i &&
      `Price: ${i.price.total} ${i.price.currency}` +
        (f && f.method !== 'cash' ? `, ${f.method} ${f.termMonths} months at ${f.monthly}/month` : ''),
    ...commentLines(lead),
  ]
    .filter(Boolean)
    .join('\n');
}

/** The Salesforce Web-to-Lead fields (spec/lead.md), the default map of the `form` format. */
export const webToLead: Record<string, (lead: Lead) => string | undefined> = {
  first_name: (l) => names(l.customer)[0],
  last_name: (l) => names(l.customer)[1],
  email: (l) => l.customer.email,
  phone: (l) => l.customer.phone,
  company: (l) => l.customer.name,
  lead_source: (l) => l.source.channel,
  description: describeLead,
};

/**
 * The form fields for `lead`, in order: the Web-to-Lead defaults, `fieldMap` over them, then the
 * idempotency key under `keyField`. `new URLSearchParams(formEntries(lead))` is the body of a
 * Web-to-Lead post (the connector's `formFields`).
 */
export function formEntries(
  lead: Lead,
  fieldMap: FieldMap = {},
  keyField = 'idempotency_key',
): [name: string, value: string][] {
  const fields = new Map<string, string>();
  for (const [name, source] of Object.entries({ ...webToLead, ...fieldMap })) {
    const value = typeof source === 'function' ? source(lead) : source;
    if (typeof value === 'string' && value !== '') fields.set(name, value);
  }
  fields.set(keyField, lead.id);
  return [...fields];
}
