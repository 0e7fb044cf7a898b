import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { LeadError, LeadSchema, gradeLead, parseLead, safeParseLead } from '@showroom/core';
import type { GradeCatalog, Lead } from '@showroom/core';
import { testCatalog } from './fixtures/catalog.js';
import { exampleLead, leadArbitrary, specExample } from './fixtures/leads.js';

type Json = Record<string, unknown>;

function leaves(value: unknown, path: string[] = []): [string, unknown][] {
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]));
  }
  return [[path.join('.'), value]];
}

function rejects(lead: unknown, path: string): LeadError {
  try {
    parseLead(lead);
  } catch (error) {
    assert.ok(error instanceof LeadError, 'throws a LeadError');
    assert.ok(
      error.issues.some((i) => i.path === path),
      `an issue at ${path}; got ${JSON.stringify(error.issues)}`,
    );
    return error;
  }
  assert.fail(`expected an issue at ${path}`);
}

function mutate(change: (lead: Json & Lead) => void): Lead {
  const lead = structuredClone(exampleLead()) as Json & Lead;
  change(lead);
  return lead;
}

describe('parseLead', () => {
  it('accepts the example of spec/lead.md and keeps every field', () => {
    const example = exampleLead();
    assert.deepEqual(parseLead(example), example);
  });

  it('agrees with the page: the fixture is the spec example with only its … placeholders filled in', () => {
    const fixture = new Map(leaves(exampleLead()));
    const spec = leaves(specExample());
    assert.equal(fixture.size, spec.length, 'same fields as the page');
    for (const [path, value] of spec) {
      assert.ok(fixture.has(path), `fixture has ${path}`);
      if (typeof value === 'string' && value.includes('…')) continue;
      assert.deepEqual(fixture.get(path), value, path);
    }
  });

  it('accepts the minimum: name, one way to reach, consent to contact', () => {
    const lead = {
      schema: 'showroom.lead/1',
      id: '0b6c9c9e-8f0e-4d8e-9a39-2f1f7a0e4a11',
      createdAt: '2026-11-22T02:15:30Z',
      source: { channel: 'dealer-site' },
      customer: { name: 'Anna', email: 'anna@example.com' },
      consent: { contact: true, textVersion: 'v1', at: '2026-11-22T02:15:00Z' },
    };
    assert.deepEqual(parseLead(lead), lead);
  });

  it('names the path and the value of each problem', () => {
    const error = rejects(
      mutate((l) => {
        l.customer.phone = '138 1234 5678';
      }),
      'customer.phone',
    );
    assert.deepEqual(error.issues[0], {
      path: 'customer.phone',
      message: 'must be an E.164 phone number such as +8613812345678',
      value: '138 1234 5678',
    });
    assert.match(error.message, /customer\.phone: .*"138 1234 5678"/);
  });

  const cases: [string, string, (l: Json & Lead) => void][] = [
    ['missing name', 'customer.name', (l) => delete (l.customer as Partial<Lead['customer']>).name],
    ['blank name', 'customer.name', (l) => (l.customer.name = '   ')],
    [
      'neither phone nor email',
      'customer.phone',
      (l) => {
        delete l.customer.phone;
        delete l.customer.email;
      },
    ],
    ['bad email', 'customer.email', (l) => (l.customer.email = 'not-an-email')],
    ['preferred contact it cannot use', 'customer.preferredContact', (l) => delete l.customer.phone],
    [
      'wechat without an id',
      'customer.preferredContact',
      (l) => ((l.customer.preferredContact = 'wechat'), delete l.customer.wechatId),
    ],
    ['contact consent not given', 'consent.contact', (l) => ((l.consent as Json).contact = false)],
    [
      'share consent missing with a dealer',
      'consent.shareWithDealer',
      (l) => delete l.consent.shareWithDealer,
    ],
    [
      'share consent refused with a dealer',
      'consent.shareWithDealer',
      (l) => (l.consent.shareWithDealer = false),
    ],
    ['consent time missing', 'consent.at', (l) => delete (l.consent as Partial<Lead['consent']>).at],
    ['unknown channel', 'source.channel', (l) => ((l.source as Json).channel = 'billboard')],
    ['unknown service', 'appointment.service', (l) => ((l.appointment as Json).service = 'teleport')],
    ['unknown grade', 'journey.grade', (l) => ((l.journey as Json).grade = 'lukewarm')],
    ['score over 100', 'journey.score', (l) => (l.journey!.score = 101)],
    ['fractional score', 'journey.score', (l) => (l.journey!.score = 50.5)],
    ['negative price', 'interest.options.0.price', (l) => (l.interest!.options[0]!.price = -1)],
    ['total that does not add up', 'interest.price.total', (l) => (l.interest!.price.total += 1)],
    ['bad currency', 'interest.price.currency', (l) => (l.interest!.price.currency = 'yuan')],
    ['build code with a bad check', 'interest.buildCode', (l) => (l.interest!.buildCode = 'K7F3-QX9M-2Q')],
    ['config id of another model', 'interest.configId', (l) => (l.interest!.configId = 'a8~a8-lr~x')],
    ['finance without a term', 'interest.finance.termMonths', (l) => delete l.interest!.finance!.termMonths],
    ['date without offset', 'createdAt', (l) => (l.createdAt = '2026-11-22T10:15:30')],
    [
      'appointment ending before it starts',
      'appointment.end',
      (l) => (l.appointment!.end = '2026-11-28T09:00:00+08:00'),
    ],
    ['test drive without location', 'appointment.location', (l) => delete l.appointment!.location],
    [
      'home test drive without address',
      'appointment.address',
      (l) => {
        l.appointment!.service = 'home-test-drive';
        delete l.appointment!.address;
      },
    ],
    ['unknown time zone', 'appointment.timeZone', (l) => (l.appointment!.timeZone = 'Mars/Olympus')],
    ['wrong schema', 'schema', (l) => ((l as Json).schema = 'showroom.lead/2')],
    ['id not a UUID', 'id', (l) => (l.id = 'lead-1')],
    ['javascript: page', 'source.page', (l) => (l.source.page = 'javascript:alert(1)')],
  ];
  for (const [name, path, change] of cases) {
    it(`rejects ${name} at ${path}`, () => {
      rejects(mutate(change), path);
    });
  }

  it('reports every problem at once', () => {
    const error = rejects(
      mutate((l) => {
        l.customer.name = '';
        l.interest!.price.total = 1;
      }),
      'customer.name',
    );
    assert.ok(error.issues.some((i) => i.path === 'interest.price.total'));
  });

  it('never throws anything but a LeadError, whatever the input', () => {
    fc.assert(
      fc.property(
        fc.anything({
          withBigInt: true,
          withDate: true,
          withMap: true,
          withSet: true,
          withTypedArray: true,
          withSparseArray: true,
          withNullPrototype: true,
        }),
        (input) => {
          try {
            parseLead(input);
            return false; // nothing arbitrary is a lead
          } catch (error) {
            return (
              error instanceof LeadError &&
              error.issues.length > 0 &&
              error.issues.every((i) => typeof i.path === 'string' && typeof i.message === 'string')
            );
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('on mutated valid leads gives a lead or a LeadError naming a path inside the lead', () => {
    const paths = leaves(exampleLead()).map(([p]) => p.split('.'));
    fc.assert(
      fc.property(
        fc.constantFrom(...paths),
        fc.nat(),
        fc.oneof(fc.anything({ withBigInt: true }), fc.constant(undefined), fc.string()),
        (path, cut, replacement) => {
          const lead = structuredClone(exampleLead()) as unknown as Json;
          const at = path.slice(0, 1 + (cut % path.length));
          let parent: Json = lead;
          for (const key of at.slice(0, -1)) parent = parent[key] as Json;
          parent[at[at.length - 1]!] = replacement;
          try {
            const parsed = parseLead(lead);
            return LeadSchema.safeParse(parsed).success;
          } catch (error) {
            if (!(error instanceof LeadError)) return false;
            return error.issues.length > 0 && error.issues.every((i) => typeof i.path === 'string');
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('accepts every generated valid lead', () => {
    fc.assert(
      fc.property(leadArbitrary, (lead) => {
        const result = safeParseLead(lead);
        if (!result.ok) throw new Error(JSON.stringify(result.issues));
        assert.deepEqual(result.lead, lead);
      }),
      { numRuns: 300 },
    );
  });
});

describe('gradeLead', () => {
  const catalog: GradeCatalog = {
    locales: ['zh-CN', 'en'],
    models: [
      {
        id: 'a6',
        trims: [
          {
            id: 'a6-lr',
            name: { 'zh-CN': '长续航版', en: 'Long Range' },
            powertrain: { type: 'bev', drive: 'awd' },
          },
          {
            id: 'a6-perf',
            name: { 'zh-CN': '高性能版', en: 'Performance' },
            powertrain: { type: 'bev', drive: 'awd' },
          },
        ],
      },
    ],
  };
  const at = '2026-11-22T10:02:01+08:00';
  const step = (event: string, detail?: string) => ({ at, event, ...(detail ? { detail } : {}) });

  it('grades the spec example hot with tags and focus from its journey', () => {
    const lead = mutate((l) => {
      l.journey!.steps = [
        step('configurator.trim', 'a6-lr'),
        step('configurator.trim', 'a6-perf'),
        step('configurator.trim', 'a6-lr'),
        step('finance.open'),
        step('finance.open'),
        step('finance.open'),
      ];
    });
    const result = gradeLead(lead, { catalog });
    assert.equal(result.grade, 'hot');
    assert.deepEqual(result.tags, ['bev', 'awd', 'finance', 'saved-build', 'test-drive-booked', 'referral']);
    assert.deepEqual(result.focus, [
      'Compared Long Range and Performance',
      'Opened finance 3 times',
      'Wants finance over 36 months',
    ]);
    // 70 + configured 8 + finance 6 + test drive 6 + phone 4 + compared 4 + finance opened 3 + comment 2 + referral 2, capped
    assert.equal(result.score, 100);
    assert.deepEqual(gradeLead(lead, { catalog }), result, 'deterministic');
  });

  it('grades a saved build with contact details warm, and contact details alone cold', () => {
    const warm = mutate((l) => {
      delete l.appointment;
      delete l.journey;
    });
    assert.equal(gradeLead(warm).grade, 'warm');
    const configuredOnly = mutate((l) => {
      delete l.appointment;
      delete l.journey;
      delete l.interest!.buildCode;
    });
    assert.equal(gradeLead(configuredOnly).grade, 'cold');
    const contactOnly = mutate((l) => {
      delete l.appointment;
      delete l.journey;
      delete l.interest;
      delete l.comments;
      delete l.source.referral;
    });
    assert.deepEqual(gradeLead(contactOnly), { grade: 'cold', score: 14, tags: [], focus: [] });
  });

  it('keeps scores inside their grade band, so a higher grade always scores higher', () => {
    fc.assert(
      fc.property(leadArbitrary, (lead) => {
        const { grade, score } = gradeLead(lead);
        const [lo, hi] = grade === 'hot' ? [70, 100] : grade === 'warm' ? [40, 69] : [10, 39];
        assert.ok(Number.isInteger(score) && score >= lo && score <= hi, `${grade} ${score}`);
        assert.equal(grade, lead.appointment ? 'hot' : lead.interest?.buildCode ? 'warm' : 'cold');
        // The result is a valid journey for the lead.
        parseLead({ ...lead, journey: { ...gradeLead(lead), steps: lead.journey?.steps ?? [] } });
      }),
      { numRuns: 300 },
    );
  });

  it('reads trim names and powertrains from a parsed catalog', () => {
    const lead = mutate((l) => {
      l.journey!.steps = [step('configurator.trim', 'a6-perf'), step('configurator.trim', 'a6-lr')];
    });
    const { tags, focus } = gradeLead(lead, { catalog: testCatalog() });
    assert.deepEqual(tags.slice(0, 2), ['bev', 'awd']);
    assert.equal(focus[0], 'Compared Performance and Long Range');
  });

  it('writes focus points people can read', () => {
    const lead = mutate((l) => {
      delete l.interest!.finance;
      l.journey!.steps = [
        step('finance.open'),
        ...Array.from({ length: 4 }, () => step('configurator.select', 'paint-red')),
        step('configurator.deselect', 'pkg-sport'),
        step('configurator.deselect', 'paint-red'),
        step('build.open', 'K7F3-QX9M-2P'),
        step('consultation.start'),
        step('configurator.trim', 'a6-lr'),
        step('configurator.compare', 'a6-unknown'),
      ];
    });
    const { focus, tags } = gradeLead(lead);
    assert.deepEqual(focus, [
      'Compared Long Range and a6-unknown',
      'Opened finance once',
      'Changed options 6 times',
      'Came back to a saved build',
      'Talked to an advisor on video',
    ]);
    assert.ok(tags.includes('video-consulted'));
  });
});

describe('lead URLs', () => {
  it('accept hosts without a dot (localhost, an IP, an intranet name) and refuse other protocols', async () => {
    const { HttpUrlSchema } = await import('@showroom/core');
    for (const url of [
      'http://127.0.0.1:4310/',
      'http://localhost:4310/a6',
      'http://kiosk-server/x',
      'https://www.aurora.example/a6',
    ]) {
      assert.equal(HttpUrlSchema.safeParse(url).success, true, url);
    }
    for (const url of ['javascript:alert(1)', 'ftp://x.example/', 'data:text/html,x', '/relative']) {
      assert.equal(HttpUrlSchema.safeParse(url).success, false, url);
    }
  });
});
