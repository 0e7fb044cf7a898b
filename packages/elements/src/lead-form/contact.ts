/**
 * Contact details as a shopper types them, and the pure rules that turn them into the
 * `customer` and `consent` parts of a lead (spec/lead.md). No DOM and no Lit here: this module
 * can move to `@showroom/core` unchanged.
 */
import type { ContactMethod, LeadConsent, LeadCustomer } from '@showroom/core';

/** The ways a shopper can ask to be contacted, in the order the form offers them. */
export const CONTACT_METHODS = [
  'phone',
  'sms',
  'email',
  'wechat',
] as const satisfies readonly ContactMethod[];

/** The consent purposes, each asked separately and never pre-ticked. */
export const CONSENT_PURPOSES = ['contact', 'shareWithDealer', 'marketing'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

/** What the shopper typed, exactly as typed (so nothing is lost when a step has to be redone). */
export interface ContactDraft {
  name: string;
  phone: string;
  email: string;
  /** `''` until the shopper picks one. */
  preferredContact: ContactMethod | '';
  wechatId: string;
  consent: Record<ConsentPurpose, boolean>;
}

/** An empty draft: nothing typed, nothing ticked. */
export function emptyContact(): ContactDraft {
  return {
    name: '',
    phone: '',
    email: '',
    preferredContact: '',
    wechatId: '',
    consent: { contact: false, shareWithDealer: false, marketing: false },
  };
}

/** The form fields a problem can be attached to. */
export type ContactField =
  'name' | 'phone' | 'email' | 'preferredContact' | 'wechatId' | 'consentContact' | 'consentShareWithDealer';

/** What is wrong with a field, as a stable code the elements translate. */
export type ContactProblem =
  | 'required'
  | 'too-long'
  | 'phone-invalid'
  | 'email-invalid'
  | 'wechat-invalid'
  | 'phone-or-email'
  | 'consent-required';

export interface ContactIssue {
  readonly field: ContactField;
  readonly problem: ContactProblem;
}

// ── phone numbers ──

/** Regions whose national numbers are understood without a `+` prefix. */
export type PhoneRegion = 'CN' | 'TW' | 'HK';

interface RegionRule {
  readonly code: string;
  /** National significant numbers (trunk `0` already removed) this region accepts. */
  readonly national: RegExp;
  /** Whether national numbers are written with a trunk prefix `0`. */
  readonly trunk: boolean;
}

const regions: Readonly<Record<PhoneRegion, RegionRule>> = {
  // Mobiles 1[3-9]x xxxx xxxx; landlines area code 2-4 digits (without the 0) + 7-8 digits.
  CN: { code: '86', national: /^(?:1[3-9]\d{9}|[2-9]\d{8,10})$/, trunk: true },
  // Mobiles 09xx xxx xxx; landlines 0x(x) + 7-8 digits.
  TW: { code: '886', national: /^(?:9\d{8}|[2-8]\d{7,8})$/, trunk: true },
  // Eight digits, no trunk prefix.
  HK: { code: '852', national: /^[2-9]\d{7}$/, trunk: false },
};

const byCode = new Map(Object.values(regions).map((rule) => [rule.code, rule]));

/** E.164 as the lead schema checks it: `+`, then 7 to 15 digits, the first not 0. */
const E164 = /^\+[1-9]\d{6,14}$/;

export type PhoneResult = { ok: true; e164: string } | { ok: false; problem: 'required' | 'phone-invalid' };

/**
 * Normalises a phone number as people write it to E.164.
 *
 * - Full-width digits and `＋` (as Chinese input methods type them), spaces, hyphens, dots,
 *   slashes and brackets are accepted; a `(0)` after the country code is dropped.
 * - `+` or `00` starts an international number: `+44 20 7946 0958` → `+442079460958`.
 * - Anything else is a national number of `region` (default `CN`): `138 1234 5678` →
 *   `+8613812345678`, `021-6888 8888` → `+862168888888`; a Chinese mobile typed with its
 *   country code but no `+` (`86 138…`) is understood too.
 * - Numbers of the regions above are checked against their national plan (a Chinese mobile has
 *   11 digits and starts with 13–19); other countries only against E.164's length.
 */
export function normalizePhone(input: string, region: PhoneRegion = 'CN'): PhoneResult {
  const text = input
    .replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/\uFF0B/g, '+')
    .trim();
  if (text === '') return { ok: false, problem: 'required' };
  if (!/^\+?[\d\s\-./()]+$/.test(text)) return { ok: false, problem: 'phone-invalid' };
  const international = text.startsWith('+') || text.startsWith('00');
  const digits = text.replace(/\(0\)/g, '').replace(/\D/g, '');
  let e164: string | undefined;
  if (international) {
    const rest = text.startsWith('+') ? digits : digits.slice(2);
    const rule = [...byCode].find(([code]) => rest.startsWith(code))?.[1];
    if (rule) {
      let national = rest.slice(rule.code.length);
      if (rule.trunk && national.startsWith('0')) national = national.slice(1);
      if (rule.national.test(national)) e164 = `+${rule.code}${national}`;
    } else e164 = `+${rest}`;
  } else {
    const rule = regions[region];
    const national = rule.trunk && digits.startsWith('0') ? digits.slice(1) : digits;
    if (rule.national.test(national) && (rule.trunk || !digits.startsWith('0')))
      e164 = `+${rule.code}${national}`;
    else if (region === 'CN' && /^861[3-9]\d{9}$/.test(digits)) e164 = `+${digits}`;
  }
  return e164 !== undefined && E164.test(e164) ? { ok: true, e164 } : { ok: false, problem: 'phone-invalid' };
}

// ── lead issues ──

const issueFields: Readonly<Record<string, ContactField>> = {
  'customer.name': 'name',
  'customer.phone': 'phone',
  'customer.email': 'email',
  'customer.preferredContact': 'preferredContact',
  'customer.wechatId': 'wechatId',
  'consent.contact': 'consentContact',
  'consent.shareWithDealer': 'consentShareWithDealer',
};

/**
 * The form field a problem with a lead belongs to, by its path: `customer.phone` from the lead
 * schema, or `lead.customer.phone` from a refused booking request; `undefined` for the rest.
 */
export function fieldOfIssue(path: string): ContactField | undefined {
  return issueFields[path.replace(/^lead\./, '')];
}

// ── validation ──

/**
 * The lead schema's email pattern (HTML's rule for `<input type="email">`), written out so that
 * the form checks an address before the first paint without loading zod; a test holds the two
 * together.
 */
const EMAIL =
  /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;
const WECHAT_ID = /^[a-zA-Z][-_a-zA-Z0-9]{5,19}$/;
const MAX_NAME = 200;
const MAX_EMAIL = 254;

/** True when `value` is an email address the lead schema accepts. */
export function isEmail(value: string): boolean {
  const trimmed = value.trim();
  return trimmed.length <= MAX_EMAIL && EMAIL.test(trimmed);
}

/**
 * True for a WeChat ID (6–20 letters, digits, `_` or `-`, starting with a letter) or a phone
 * number, since many shoppers find each other on WeChat by phone number.
 */
export function isWechatId(value: string, region: PhoneRegion = 'CN'): boolean {
  const trimmed = value.trim();
  return WECHAT_ID.test(trimmed) || normalizePhone(trimmed, region).ok;
}

export interface ValidateOptions {
  region?: PhoneRegion;
  /** The lead names a dealer, so sharing with that dealer must be agreed to. */
  dealer?: boolean;
}

/**
 * Every problem in a draft, in the order of the form's fields; `[]` when it can become a lead.
 *
 * Rules (the same as the lead schema's): a name; a phone or an email, each valid when given;
 * the preferred way of contact needs its detail (phone and SMS a phone, email an email, WeChat
 * a WeChat ID); consent to be contacted; consent to share with the dealer when there is one.
 */
export function validateContact(draft: ContactDraft, options: ValidateOptions = {}): ContactIssue[] {
  const region = options.region ?? 'CN';
  const issues: ContactIssue[] = [];
  const name = draft.name.trim();
  if (name === '') issues.push({ field: 'name', problem: 'required' });
  else if (name.length > MAX_NAME) issues.push({ field: 'name', problem: 'too-long' });

  const phone = draft.phone.trim();
  const email = draft.email.trim();
  const method = draft.preferredContact;
  const needsPhone = method === 'phone' || method === 'sms';
  if (phone !== '') {
    const result = normalizePhone(phone, region);
    if (!result.ok) issues.push({ field: 'phone', problem: 'phone-invalid' });
  } else if (needsPhone) issues.push({ field: 'phone', problem: 'required' });
  else if (email === '') issues.push({ field: 'phone', problem: 'phone-or-email' });

  if (email !== '') {
    if (!isEmail(email)) issues.push({ field: 'email', problem: 'email-invalid' });
  } else if (method === 'email') issues.push({ field: 'email', problem: 'required' });

  if (method === '') issues.push({ field: 'preferredContact', problem: 'required' });
  if (method === 'wechat') {
    const id = draft.wechatId.trim();
    if (id === '') issues.push({ field: 'wechatId', problem: 'required' });
    else if (!isWechatId(id, region)) issues.push({ field: 'wechatId', problem: 'wechat-invalid' });
  }

  if (!draft.consent.contact) issues.push({ field: 'consentContact', problem: 'consent-required' });
  if (options.dealer && !draft.consent.shareWithDealer) {
    issues.push({ field: 'consentShareWithDealer', problem: 'consent-required' });
  }
  return issues;
}

/**
 * The lead's `customer` from a valid draft: the phone in E.164, blanks left out, the WeChat ID
 * only when WeChat is the preferred way. Call {@link validateContact} first.
 */
export function toLeadCustomer(
  draft: ContactDraft,
  options: { region?: PhoneRegion; locale?: string } = {},
): LeadCustomer {
  const phone = draft.phone.trim() ? normalizePhone(draft.phone, options.region) : undefined;
  const customer: LeadCustomer = { name: draft.name.trim() };
  if (phone?.ok) customer.phone = phone.e164;
  if (draft.email.trim()) customer.email = draft.email.trim();
  if (draft.preferredContact) customer.preferredContact = draft.preferredContact;
  if (draft.preferredContact === 'wechat' && draft.wechatId.trim()) customer.wechatId = draft.wechatId.trim();
  if (options.locale) customer.locale = options.locale;
  return customer;
}

/** The lead's `consent`, stamped with the consent text version the shopper saw and when. */
export function toLeadConsent(draft: ContactDraft, textVersion: string, at: string): LeadConsent {
  return {
    contact: true,
    shareWithDealer: draft.consent.shareWithDealer,
    marketing: draft.consent.marketing,
    textVersion,
    at,
  };
}

/** An ISO 8601 date-time with the local offset (`2026-11-22T10:15:30+08:00`), as leads carry them. */
export function isoWithOffset(date: Date): string {
  const pad = (n: number, width = 2) => String(Math.trunc(Math.abs(n))).padStart(width, '0');
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}` +
    `${sign}${pad(offset / 60)}:${pad(offset % 60)}`
  );
}
