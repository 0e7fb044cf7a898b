import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { commentLines } from '@showroom/core';
import { describeLead, formFields } from '../src/index.js';
import { makeLead } from './support/leads.js';
import { checkWebToLead } from './support/web-to-lead.js';

describe('form format (Salesforce Web-to-Lead)', () => {
  it('maps a full lead to the default fields, with the idempotency key as a field', () => {
    const lead = makeLead(0);
    const fields = formFields(lead, { oid: '00D5g000004XyZa' });
    assert.deepEqual(checkWebToLead(fields), []);
    assert.deepEqual(
      [...fields.keys()],
      ['first_name', 'last_name', 'phone', 'company', 'lead_source', 'description', 'oid', 'idempotency_key'],
    );
    assert.equal(fields.get('first_name'), '小明');
    assert.equal(fields.get('last_name'), '王');
    assert.equal(fields.get('company'), '王小明', "the customer's name when there is no company");
    assert.equal(fields.get('lead_source'), 'brand-site');
    assert.equal(fields.get('idempotency_key'), lead.id);
  });

  it('splits a name without parts at the last space; a name without spaces is the last name', () => {
    const anna = formFields(makeLead(1));
    assert.equal(anna.get('first_name'), 'Anna Schmidt');
    assert.equal(anna.get('last_name'), '1');
    const lead = makeLead(2);
    lead.customer = { name: '李雷', email: 'li@example.com' };
    const li = formFields(lead);
    assert.equal(li.has('first_name'), false);
    assert.equal(li.get('last_name'), '李雷');
  });

  it('describes the car and price, then the notes ADF carries: appointment, grade, focus, build, comments', () => {
    const lead = makeLead(0);
    const text = describeLead(lead);
    assert.equal(
      text,
      [
        'Car: 2027 Aurora A6 Long Range with Crimson, Sport package',
        'Price: 313900 CNY, finance 36 months at 6489/month',
        ...commentLines(lead),
      ].join('\n'),
    );
    assert.match(text, /^Appointment: Test drive, 2026-11-28T10:00:00\+08:00 to /m);
    assert.match(text, /^Location: Aurora Space Pudong/m);
    assert.match(text, /^Focus: Compared Long Range and Performance; Opened finance 3 times$/m);
    assert.match(text, /^Comments: Prefers weekend mornings$/m);
    assert.equal(
      describeLead(makeLead(2)),
      'Grade: cold (score 12/100); tags: kiosk',
      'contact details only',
    );
  });

  it('takes a per-site field map: custom fields by id, constants, renamed and removed fields', () => {
    const lead = makeLead(0);
    const fields = formFields(
      lead,
      {
        oid: '00D5g000004XyZa',
        '00N5g00000AbCdE': (l) => l.interest?.buildCode,
        '00N5g00000FgHiJ': (l) => l.appointment?.start,
        lead_source: 'Showroom',
        description: false,
        company: (l) => `${l.customer.name} (private)`,
      },
      '00N5g00000KlMnO',
    );
    assert.deepEqual(checkWebToLead(fields, []), []);
    assert.equal(fields.get('00N5g00000AbCdE'), lead.interest!.buildCode);
    assert.equal(fields.get('00N5g00000FgHiJ'), '2026-11-28T10:00:00+08:00');
    assert.equal(fields.get('lead_source'), 'Showroom');
    assert.equal(fields.has('description'), false);
    assert.equal(fields.get('company'), '王小明 (private)');
    assert.equal(fields.get('00N5g00000KlMnO'), lead.id);
  });

  it('the check catches what Salesforce would refuse', () => {
    const fields = formFields(makeLead(2));
    assert.deepEqual(checkWebToLead(fields), ['oid is required']);
    fields.set('Nickname', 'x');
    assert.ok(checkWebToLead(fields).includes('unknown field Nickname'));
  });
});
