/**
 * What Salesforce Web-to-Lead accepts: its standard field names with their length limits,
 * custom fields by id (`00N…`), and the two fields a Lead cannot be saved without.
 */
const standard: Record<string, number> = {
  oid: 18,
  first_name: 40,
  last_name: 80,
  salutation: 40,
  title: 128,
  company: 255,
  email: 80,
  phone: 40,
  mobile: 40,
  fax: 40,
  street: 255,
  city: 40,
  state: 80,
  zip: 20,
  country: 80,
  URL: 255,
  description: 32_000,
  lead_source: 40,
  industry: 40,
  rating: 40,
  emailOptOut: 1,
  doNotCall: 1,
  retURL: 255,
  encoding: 20,
};
const customField = /^00N[A-Za-z0-9]{12}(?:[A-Za-z0-9]{3})?$/;

/** Problems Salesforce would have with these form fields; `[]` when it would create the lead. */
export function checkWebToLead(fields: URLSearchParams, extra: string[] = ['idempotency_key']): string[] {
  const problems: string[] = [];
  for (const [name, value] of fields) {
    const max = standard[name];
    if (max === undefined && !customField.test(name) && !extra.includes(name))
      problems.push(`unknown field ${name}`);
    if (max !== undefined && value.length > max) problems.push(`${name} longer than ${max}`);
  }
  for (const required of ['oid', 'last_name', 'company'])
    if (!fields.get(required)) problems.push(`${required} is required`);
  if (fields.getAll('last_name').length > 1) problems.push('last_name twice');
  return problems;
}
