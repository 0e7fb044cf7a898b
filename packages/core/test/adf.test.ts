import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { escapeXml, gradeLead, parseLead, toAdf } from '@showroom/core';
import type { AdfOptions, Lead } from '@showroom/core';
import { NASTY, exampleLead, leadArbitrary, specDir } from './fixtures/leads.js';

const DTD = fileURLToPath(new URL('adf.dtd', specDir));
const vendor: AdfOptions['vendor'] = {
  name: 'Aurora Space Pudong & Co <Shanghai>',
  contact: { name: "Li 'Sales' Lei", phone: '+862158880000' },
};

/**
 * libxml2 cannot check the two content models of adf.dtd that are not deterministic (contact,
 * colorcombination): it reports them and then lets any content through. This copy states the
 * same languages deterministically, so xmllint checks them too.
 */
function deterministicDtd(dtd: string): string {
  const swaps: [string, string][] = [
    [
      '<!ELEMENT colorcombination (((interiorcolor | exteriorcolor) | (interiorcolor, exteriorcolor)), preference)>',
      '<!ELEMENT colorcombination (((interiorcolor, exteriorcolor?) | exteriorcolor), preference)>',
    ],
    [
      '<!ELEMENT contact (name+, ((email | phone+) | (email, phone+)), address?)>',
      '<!ELEMENT contact (name+, ((email, phone*) | phone+), address?)>',
    ],
  ];
  for (const [from, to] of swaps) {
    assert.ok(dtd.includes(from), `adf.dtd still declares ${from}`);
    dtd = dtd.replace(from, to);
  }
  return dtd;
}

function xmllint(dtd: string, files: string[]): { ok: boolean; stderr: string } {
  const res = spawnSync('xmllint', ['--noout', '--dtdvalid', dtd, ...files], { encoding: 'utf8' });
  return { ok: res.status === 0, stderr: res.stderr };
}

/** A corpus that reaches every corner the ADF mapping has, plus generated leads. */
function corpus(): { name: string; lead: Lead }[] {
  const base = exampleLead();
  const variant = (name: string, change: (l: Lead) => void) => {
    const lead = structuredClone(base);
    change(lead);
    return { name, lead: parseLead(lead) };
  };
  const fixed = [
    { name: 'spec-example', lead: parseLead(base) },
    variant('chinese-full-name-only', (l) => {
      delete l.customer.givenName;
      delete l.customer.familyName;
      l.customer.name = '欧阳娜娜';
    }),
    variant('xml-specials', (l) => {
      l.customer.name = `Tom's <Auto> & "Co"`;
      l.customer.givenName = '<b>&amp;';
      l.comments = '5 < 6 && 7 > 3, "quoted" \'single\' ]]> end';
      l.interest!.options[0]!.name = 'Red & <Black> "Edition"';
      l.interest!.options[0]!.code = 'P&31';
      l.appointment!.location!.name = 'Space <Pudong> & "Partners"';
    }),
    variant('control-characters', (l) => {
      l.customer.name = 'Bell\u0007 and \uD800 lone';
      l.comments = 'Form\u000Cfeed';
    }),
    variant('missing-optional-parts', (l) => {
      l.source = { channel: 'dealer-site' };
      l.customer = { name: 'Anna', email: 'anna@example.com' };
      l.consent = { contact: true, textVersion: 'v1', at: l.createdAt };
      delete l.journey;
      delete l.comments;
      delete l.interest!.finance;
      delete l.interest!.buildCode;
      delete l.interest!.buildUrl;
      l.interest!.options = [];
    }),
    variant('phone-only-sms', (l) => {
      delete l.customer.email;
      l.customer.preferredContact = 'sms';
    }),
    variant('email-only-preferred', (l) => {
      delete l.customer.phone;
      l.customer.preferredContact = 'email';
    }),
    variant('wechat-preferred', (l) => (l.customer.preferredContact = 'wechat')),
    variant('home-test-drive', (l) => {
      l.appointment = {
        service: 'home-test-drive',
        bookingId: 'bk_home1',
        start: '2026-12-01T14:00:00+08:00',
        end: '2026-12-01T15:00:00+08:00',
        timeZone: 'Asia/Shanghai',
        address: { street: '世纪大道 100 号 <3F> & B', city: '上海', postcode: '200120' },
      };
    }),
    variant('video', (l) => {
      l.appointment = {
        service: 'video',
        bookingId: 'bk_video1',
        start: '2026-12-01T09:00:00+01:00',
        end: '2026-12-01T09:30:00+01:00',
        timeZone: 'Europe/Berlin',
        joinUrl: 'https://meet.aurora.example/j/1?a=1&b=2',
      };
    }),
    variant('phone-call', (l) => {
      l.appointment = {
        service: 'phone',
        bookingId: 'bk_p',
        start: '2026-12-01T09:00:00+08:00',
        end: '2026-12-01T09:15:00+08:00',
        timeZone: 'Asia/Taipei',
      };
    }),
    variant('no-build-no-appointment', (l) => {
      delete l.interest;
      delete l.appointment;
    }),
    variant('test-drive-without-build', (l) => delete l.interest),
    variant('lease-with-interior', (l) => {
      l.interest!.finance = { method: 'lease', termMonths: 48, monthly: 4999.5 };
      l.interest!.options.push({ id: 'int-tan', name: 'Tan leather', group: 'interior', price: 0 });
    }),
    variant('interior-only', (l) => {
      l.interest!.options = [{ id: 'int-tan', name: 'Tan', group: 'interior', price: 8000 }];
      l.interest!.price = { currency: 'CNY', base: 279900, options: 8000, fees: 2000, total: 289900 };
      l.interest!.finance = { method: 'cash' };
    }),
  ];
  const generated = fc
    .sample(leadArbitrary, { numRuns: 40, seed: 20261122 })
    .map((lead, i) => ({ name: `generated-${i}`, lead }));
  return [...fixed, ...generated];
}

describe('toAdf', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'showroom-adf-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a corpus of leads that xmllint validates against spec/adf.dtd', () => {
    const leads = corpus();
    assert.ok(leads.length >= 30);
    const has = (test: (l: Lead) => boolean) => leads.filter(({ lead }) => test(lead)).length;
    assert.ok(has((l) => /[\u4e00-\u9fff]/.test(l.customer.name)) >= 3, 'Chinese names');
    assert.ok(has((l) => /[&<>"']/.test(JSON.stringify(l))) >= 5, 'XML special characters');
    assert.ok(has((l) => l.appointment?.service === 'home-test-drive') >= 3, 'home test drives');
    assert.ok(has((l) => l.appointment?.service === 'video') >= 3, 'video');
    assert.ok(has((l) => !l.interest) >= 5, 'no build');
    assert.ok(has((l) => !l.appointment) >= 5, 'no appointment');

    const files = leads.map(({ name, lead }) => {
      const file = join(dir, `${name}.xml`);
      writeFileSync(file, toAdf(lead, { vendor, make: 'Aurora' }));
      return file;
    });
    const strict = join(dir, 'adf-deterministic.dtd');
    writeFileSync(strict, deterministicDtd(readFileSync(DTD, 'utf8')));

    const asPublished = xmllint(DTD, files);
    assert.ok(asPublished.ok, asPublished.stderr);
    const checked = xmllint(strict, files);
    assert.ok(checked.ok, checked.stderr);
    assert.doesNotMatch(checked.stderr, /not determinist/);
  });

  it('would notice an invalid document (the check is real)', () => {
    const xml = toAdf(exampleLead(), { vendor })
      .replace(/<phone [^>]*>[^<]*<\/phone>\n\s*/g, '')
      .replace(/<email [^>]*>[^<]*<\/email>/, '');
    const file = join(dir, 'invalid.xml');
    writeFileSync(file, xml);
    const strict = join(dir, 'adf-deterministic-2.dtd');
    writeFileSync(strict, deterministicDtd(readFileSync(DTD, 'utf8')));
    const result = xmllint(strict, [file]);
    assert.equal(result.ok, false);
    assert.match(result.stderr, /contact/);
  });

  it('maps the spec example as spec/lead.md says', () => {
    const xml = toAdf(exampleLead(), {
      vendor: { name: 'Aurora Space Pudong', contact: { name: 'Sales', email: 'sales@pudong.example' } },
    });
    const expected = [
      '<?xml version="1.0"?>\n<?adf version="1.0"?>\n<adf>',
      '<prospect status="new">',
      '<id sequence="1" source="showroom.lead">0b6c9c9e-8f0e-4d8e-9a39-2f1f7a0e4a11</id>',
      '<id sequence="1" source="showroom.build">K7F3-QX9M-2P</id>',
      '<requestdate>2026-11-22T10:15:30+08:00</requestdate>',
      '<vehicle interest="buy" status="new">',
      '<year>2027</year>',
      '<make>Aurora</make>',
      '<model>A6</model>',
      '<trim>Long Range</trim>',
      '<exteriorcolor>Crimson</exteriorcolor>',
      '<preference>1</preference>',
      '<price type="msrp" currency="CNY">313900</price>',
      '<optionname>Crimson</optionname>',
      '<manufacturercode>P31</manufacturercode>',
      '<price currency="CNY">12000</price>',
      '<method>finance</method>',
      '<amount type="monthly" limit="exact" currency="CNY">6489</amount>',
      '<amount type="downpayment" limit="exact" currency="CNY">94170</amount>',
      '<vehicle interest="test-drive" status="new">',
      '<name part="first">小明</name>',
      '<name part="last">王</name>',
      '<email preferredcontact="0">xm@example.com</email>',
      '<phone type="cellphone" preferredcontact="1">+8613812345678</phone>',
      '<earliestdate>2026-11-28T10:00:00+08:00</earliestdate>',
      'Location: Aurora Space Pudong (sh-pudong)',
      'Grade: hot (score 82/100); tags: bev, awd, finance, test-drive-booked',
      'Focus: Compared Long Range and Performance; Opened finance 3 times',
      'Comments: Prefers weekend mornings',
      '<id source="showroom.dealer">sh-pudong</id>',
      '<vendorname>Aurora Space Pudong</vendorname>',
      '<name part="full" type="business">Sales</name>',
      '<name part="full" type="business">www.aurora.example</name>',
      '<service>Showroom</service>',
    ];
    let from = 0;
    for (const part of expected) {
      const at = xml.indexOf(part, from);
      assert.ok(at >= 0, `has ${part} (in order)`);
      from = at;
    }
    assert.equal((xml.match(/<vehicle /g) ?? []).length, 2);
  });

  it('escapes every XML special character and keeps the text itself', () => {
    assert.equal(escapeXml(`a & b < c > d "e" 'f'`), 'a &amp; b &lt; c &gt; d &quot;e&quot; &apos;f&apos;');
    assert.equal(escapeXml('\u0001ok\uD800\uFFFF😀'), 'ok😀');
    const lead = parseLead({ ...exampleLead(), comments: NASTY.join(' | ') });
    const xml = toAdf(lead, { vendor });
    for (const raw of ['<script>', "O'Brien", "Tom's <Auto>", '"Z"', ']]>'])
      assert.ok(!xml.includes(raw), raw);
    assert.ok(xml.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'));
    assert.ok(xml.includes('王小明') && xml.includes('😀 Emoji'));
  });

  it('grades a lead without a journey itself, and fills in a vehicle for a lead without a car', () => {
    const lead = structuredClone(exampleLead());
    delete lead.journey;
    delete lead.interest;
    const xml = toAdf(lead, { vendor, make: 'Aurora' });
    const g = gradeLead(lead);
    assert.ok(xml.includes(`Grade: ${g.grade} (score ${g.score}/100)`));
    assert.ok(xml.includes('<year>2026</year>') && xml.includes('<make>Aurora</make>'));
    assert.ok(!xml.includes('showroom.build'));
  });

  it('refuses a vendor ADF cannot describe', () => {
    const bad = { name: 'X', contact: { name: 'Y' } } as unknown as AdfOptions['vendor'];
    assert.throws(() => toAdf(exampleLead(), { vendor: bad }), TypeError);
  });
});
