import { gradeLead } from './grade.js';
import type { GradeCatalog } from './grade.js';
import type { Lead, LeadOption } from './schema.js';

/**
 * ADF/XML 1.0 (Auto-lead Data Format) for dealer CRMs, by the mapping in spec/lead.md.
 * Every document validates against spec/adf.dtd.
 */

/** The dealer the lead goes to. ADF needs a contact name and an email or a phone for it. */
export interface AdfVendor {
  /** Dealer id; defaults to the lead's `source.dealerId`. */
  id?: string;
  name: string;
  url?: string;
  contact: { name: string } & ({ email: string; phone?: string } | { email?: string; phone: string });
}

export interface AdfOptions {
  vendor: AdfVendor;
  /** `provider/name`; defaults to the lead's `source.site`, then "Showroom". */
  provider?: string;
  /** `provider/url`, when wanted. */
  providerUrl?: string;
  /** The make for leads without a configured car (ADF needs a vehicle); defaults to "". */
  make?: string;
  /** For grading leads that carry no `journey` (powertrain tags, trim names). */
  catalog?: GradeCatalog;
}

type Node = string | undefined | false | Node[];

// XML 1.0 cannot carry C0 controls (other than tab, LF, CR), U+FFFE/U+FFFF or lone surrogates.
const NOT_XML =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escapes text for XML content and attribute values (`& < > " '`), dropping characters XML cannot hold. */
export function escapeXml(value: string | number): string {
  return String(value)
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

type Attrs = Record<string, string | number | undefined>;

function attributes(attrs: Attrs): string {
  return Object.entries(attrs)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(v)}"`)
    .join('');
}

function flatten(node: Node): string[] {
  if (Array.isArray(node)) return node.flatMap(flatten);
  return typeof node === 'string' ? [node] : [];
}

/** An element holding child elements, one per line and indented (lines of text content stay as they are: after escaping they never start with `<`). */
function el(name: string, attrs: Attrs, ...children: Node[]): string {
  const kids = flatten(children);
  if (kids.length === 0) return `<${name}${attributes(attrs)}/>`;
  return `<${name}${attributes(attrs)}>\n${kids.join('\n').replace(/^(?=\s*<)/gm, '  ')}\n</${name}>`;
}

/** An element holding text, escaped. */
function tx(name: string, value: string | number, attrs: Attrs = {}): string {
  return `<${name}${attributes(attrs)}>${escapeXml(value)}</${name}>`;
}

const INTERIOR = /interior|upholstery|seat/i;
const EXTERIOR = /paint|exterior|colou?r/i;

function colorCombination(options: readonly LeadOption[]): string | undefined {
  const interior = options.find((o) => INTERIOR.test(o.group));
  const exterior = options.find((o) => o !== interior && EXTERIOR.test(o.group));
  if (!interior && !exterior) return undefined;
  return el(
    'colorcombination',
    {},
    interior && tx('interiorcolor', interior.name),
    exterior && tx('exteriorcolor', exterior.name),
    tx('preference', 1),
  );
}

function money(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2);
}

function vehicles(lead: Lead, options: AdfOptions): string[] {
  const i = lead.interest;
  const model =
    i && i.modelName.startsWith(`${i.make} `) ? i.modelName.slice(i.make.length + 1) : i?.modelName;
  const car = (interest: 'buy' | 'test-drive') => [
    tx('year', i?.modelYear ?? Number(lead.createdAt.slice(0, 4))),
    tx('make', i?.make ?? options.make ?? ''),
    tx('model', model ?? ''),
    i && tx('trim', i.trimName),
    i && interest === 'buy' && colorCombination(i.options),
  ];
  const f = i?.finance;
  const buy = el(
    'vehicle',
    { interest: 'buy', status: 'new' },
    car('buy'),
    i && tx('price', money(i.price.total), { type: 'msrp', currency: i.price.currency }),
    i &&
      tx(
        'pricecomments',
        `Base ${money(i.price.base)} + options ${money(i.price.options)} + fees ${money(i.price.fees)} ${i.price.currency}`,
      ),
    i?.options.map((o) =>
      el(
        'option',
        {},
        tx('optionname', o.name),
        o.code !== undefined && tx('manufacturercode', o.code),
        tx('price', money(o.price), { currency: i.price.currency }),
      ),
    ) ?? [],
    f &&
      f.method !== 'cash' &&
      f.monthly !== undefined &&
      el(
        'finance',
        {},
        tx('method', f.method),
        tx('amount', money(f.monthly), { type: 'monthly', limit: 'exact', currency: i.price.currency }),
        f.downPayment !== undefined &&
          tx('amount', money(f.downPayment), {
            type: 'downpayment',
            limit: 'exact',
            currency: i.price.currency,
          }),
      ),
  );
  const service = lead.appointment?.service;
  const drive = service === 'test-drive' || service === 'home-test-drive';
  return drive ? [buy, el('vehicle', { interest: 'test-drive', status: 'new' }, car('test-drive'))] : [buy];
}

const SERVICE_NAMES = {
  'test-drive': 'Test drive',
  'home-test-drive': 'Home test drive',
  video: 'Video call',
  phone: 'Phone call',
} as const;

/**
 * The notes a dealer reads before calling, as lines of text: appointment, location, grade,
 * focus, build, contact preferences and comments. ADF `customer/comments`; the connector's
 * Web-to-Lead `description` too.
 */
export function commentLines(lead: Lead, options: Pick<AdfOptions, 'catalog'> = {}): string[] {
  const lines: string[] = [];
  const a = lead.appointment;
  if (a) {
    lines.push(
      `Appointment: ${SERVICE_NAMES[a.service]}, ${a.start} to ${a.end} (${a.timeZone}), booking ${a.bookingId}`,
    );
    if (a.location) lines.push(`Location: ${a.location.name} (${a.location.id})`);
    if (a.service === 'home-test-drive' && a.address) {
      lines.push(
        `Address: ${[a.address.street, a.address.postcode, a.address.city].filter(Boolean).join(', ')}`,
      );
    }
    if (a.joinUrl) lines.push(`Join: ${a.joinUrl}`);
  }
  const g = lead.journey ?? gradeLead(lead, { catalog: options.catalog });
  lines.push(
    `Grade: ${g.grade} (score ${g.score}/100)${g.tags.length ? `; tags: ${g.tags.join(', ')}` : ''}`,
  );
  if (g.focus.length) lines.push(`Focus: ${g.focus.join('; ')}`);
  const i = lead.interest;
  if (i?.buildCode) lines.push(`Build: ${i.buildCode}${i.buildUrl ? ` ${i.buildUrl}` : ''}`);
  else if (i) lines.push(`Configuration: ${i.configId}`);
  const c = lead.customer;
  if (c.preferredContact === 'wechat' && c.wechatId) lines.push(`Preferred contact: WeChat ${c.wechatId}`);
  else if (c.preferredContact === 'sms') lines.push('Preferred contact: SMS');
  else if (c.wechatId) lines.push(`WeChat: ${c.wechatId}`);
  if (c.postcode) lines.push(`Postcode: ${c.postcode}`);
  if (lead.comments?.trim()) lines.push(`Comments: ${lead.comments.trim()}`);
  return lines;
}

function customer(lead: Lead, options: AdfOptions): string {
  const c = lead.customer;
  const a = lead.appointment;
  const preferred = c.preferredContact;
  const names =
    c.givenName && c.familyName
      ? [tx('name', c.givenName, { part: 'first' }), tx('name', c.familyName, { part: 'last' })]
      : [tx('name', c.name, { part: 'full' })];
  const home = a?.service === 'home-test-drive' ? a.address : undefined;
  const contact = el(
    'contact',
    { primarycontact: '1' },
    names,
    c.email !== undefined && tx('email', c.email, { preferredcontact: preferred === 'email' ? '1' : '0' }),
    c.phone !== undefined &&
      tx('phone', c.phone, {
        type: 'cellphone',
        preferredcontact: preferred === 'phone' || preferred === 'sms' ? '1' : '0',
      }),
    home &&
      el(
        'address',
        { type: 'home' },
        tx('street', home.street, { line: '1' }),
        tx('city', home.city),
        home.postcode !== undefined && tx('postalcode', home.postcode),
      ),
  );
  return el(
    'customer',
    {},
    contact,
    a && el('timeframe', {}, tx('earliestdate', a.start)),
    tx('comments', commentLines(lead, options).join('\n')),
  );
}

function vendor(lead: Lead, v: AdfVendor): string {
  const id = v.id ?? lead.source.dealerId;
  return el(
    'vendor',
    {},
    id !== undefined && tx('id', id, { source: 'showroom.dealer' }),
    tx('vendorname', v.name),
    v.url !== undefined && tx('url', v.url),
    el(
      'contact',
      {},
      tx('name', v.contact.name, { part: 'full', type: 'business' }),
      v.contact.email !== undefined && tx('email', v.contact.email),
      v.contact.phone !== undefined && tx('phone', v.contact.phone, { type: 'voice' }),
    ),
  );
}

/**
 * The lead as an ADF/XML 1.0 document (spec/lead.md), valid against spec/adf.dtd:
 *
 * - `prospect@status="new"`; `id@source="showroom.lead"` = lead id; `id@source="showroom.build"` = build code;
 * - `requestdate` = `createdAt`;
 * - `vehicle@interest="buy"`: model year, make, model (without a leading make), trim, a
 *   `colorcombination` (interior from an `interior`/`upholstery`/`seat` group option, exterior
 *   from a `paint`/`exterior`/`colour` group option, preference 1), `price@type="msrp"` (the
 *   total) with the breakdown in `pricecomments`, one `option` per option (name, code, price),
 *   and `finance` (method, monthly and down payment, exact) for a finance or lease plan.
 *   Without a configured car the vehicle carries the year of the lead and `options.make`;
 * - a test drive (or home test drive) adds `vehicle@interest="test-drive"` for the same car;
 * - `customer/contact`: first/last names (or full), email, cell phone, `preferredcontact="1"`
 *   on the preferred one, the home address for a home test drive; `timeframe/earliestdate` =
 *   the appointment start; `comments` = appointment, location, grade, focus, build and comments;
 * - `vendor` = the dealer; `provider/name` = the site (or `options.provider`), `provider/service` = "Showroom".
 *
 * The grade comes from `lead.journey`, or from `gradeLead(lead)` when the lead has none.
 * @throws TypeError when the vendor has no contact email or phone (ADF requires one).
 */
export function toAdf(lead: Lead, options: AdfOptions): string {
  const v = options.vendor;
  if (!v?.name || !v.contact?.name || (v.contact.email === undefined && v.contact.phone === undefined)) {
    throw new TypeError('toAdf: vendor needs a name and a contact with a name and an email or a phone');
  }
  const prospect = el(
    'prospect',
    { status: 'new' },
    tx('id', lead.id, { sequence: '1', source: 'showroom.lead' }),
    lead.interest?.buildCode !== undefined &&
      tx('id', lead.interest.buildCode, { sequence: '1', source: 'showroom.build' }),
    tx('requestdate', lead.createdAt),
    vehicles(lead, options),
    customer(lead, options),
    vendor(lead, v),
    el(
      'provider',
      {},
      tx('name', options.provider ?? lead.source.site ?? 'Showroom', { part: 'full', type: 'business' }),
      tx('service', 'Showroom'),
      options.providerUrl !== undefined && tx('url', options.providerUrl),
    ),
  );
  return `<?xml version="1.0"?>\n<?adf version="1.0"?>\n${el('adf', {}, prospect)}\n`;
}
