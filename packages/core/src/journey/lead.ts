import type { PriceSummary } from '../lead/schema.js';
import type { FieldIssue } from '../lead/issues.js';
import type { Lead, LeadAppointment, LeadInterest } from '../lead/schema.js';
import type { GradableLead, LeadGrading } from '../lead/grade.js';
import { safeParseLead } from '../lead/parse.js';
import { resolveText } from '../i18n/text.js';
import type { Catalog } from '../catalog/schema.js';
import type { PriceBreakdown } from '../configurator/types.js';
import type { JourneyContact, JourneyContext } from './types.js';

/** Grades a lead (core's `gradeLead` fits). */
export type LeadGrader = (lead: GradableLead, context: { catalog?: Catalog }) => LeadGrading;

/** A price breakdown as the summary leads and saved builds carry. */
export function priceSummary(price: PriceBreakdown): PriceSummary {
  return {
    currency: price.currency,
    total: price.total,
    base: price.base,
    options: price.optionsTotal,
    fees: price.feesTotal,
  };
}

/** Drops blank fields (the lead schema refuses blank text) and trims the rest. */
function cleanContact(contact: JourneyContact): Partial<JourneyContact> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(contact)) {
    if (typeof value === 'string' && value.trim() !== '') out[key] = value.trim();
  }
  return out as Partial<JourneyContact>;
}

function interestOf(ctx: JourneyContext, locale: string): LeadInterest | undefined {
  const { catalog, build, price, configId } = ctx;
  if (!catalog || !build || !price || !configId) return undefined;
  const model = catalog.models.find((m) => m.id === build.modelId);
  const trim = model?.trims.find((t) => t.id === build.trimId);
  if (!model || !trim) return undefined;
  const text = (t: Parameters<typeof resolveText>[0]) => resolveText(t, locale, catalog.locales);
  // The price lines hold every option of the build with its group, code and what it adds.
  const options = price.options.map((line) => ({
    id: line.optionId,
    ...(line.code ? { code: line.code } : {}),
    name: text(line.name) || line.optionId,
    group: line.groupId,
    price: line.price,
  }));
  const interest: LeadInterest = {
    catalogId: catalog.id,
    modelId: model.id,
    modelYear: model.modelYear,
    make: text(catalog.brand.name) || catalog.brand.id,
    modelName: text(model.name) || model.id,
    trimId: trim.id,
    trimName: text(trim.name) || trim.id,
    configId,
    options,
    price: priceSummary(price),
  };
  const { finance, financeQuote } = ctx;
  if (finance?.method === 'cash') interest.finance = { method: 'cash' };
  else if (finance && financeQuote) {
    interest.finance = {
      method: finance.method,
      termMonths: financeQuote.termMonths,
      downPayment: financeQuote.downPayment,
      monthly: financeQuote.monthlyPayment,
      aprPercent: financeQuote.aprPercent,
    };
  }
  const { saved } = ctx;
  if (saved?.synced && saved.code && saved.configId === configId) {
    interest.buildCode = saved.code;
    if (saved.url) interest.buildUrl = saved.url;
  }
  return interest;
}

function appointmentOf(ctx: JourneyContext): LeadAppointment | undefined {
  const { booking, slot, address } = ctx;
  if (!booking) return undefined;
  const appointment: LeadAppointment = {
    service: booking.service,
    bookingId: booking.id,
    start: booking.start,
    end: booking.end,
    timeZone: booking.timeZone,
  };
  if (slot) appointment.slotId = slot.id;
  const location = booking.location ?? ctx.location;
  if (location) appointment.location = { id: location.id, name: location.name };
  if (booking.service === 'home-test-drive' && address) appointment.address = address;
  if (booking.joinUrl) appointment.joinUrl = booking.joinUrl;
  return appointment;
}

/**
 * Assembles the lead from the journey: who (contact, consent), the car (build, price, finance,
 * build code), the appointment, what the shopper did (steps, graded) and where it came from.
 * Validates it with the lead schema: `{ lead }` when valid, else `{ issues }` by path.
 */
export function assembleLead(
  ctx: JourneyContext,
  createdAt: string,
  grade: LeadGrader | undefined,
): { lead: Lead; issues: [] } | { lead: null; issues: FieldIssue[] } {
  const { settings, consent, catalog } = ctx;
  const locale = settings.locale ?? catalog?.locales[0] ?? 'en';
  const customer = cleanContact(ctx.contact);
  if (!customer.locale) customer.locale = locale;
  const candidate: Record<string, unknown> = {
    schema: 'showroom.lead/1',
    id: ctx.leadId,
    createdAt,
    source: { ...settings.leadSource, channel: settings.channel },
    customer,
    consent: {
      contact: consent.contact,
      ...(settings.leadSource.dealerId !== undefined || consent.shareWithDealer
        ? { shareWithDealer: consent.shareWithDealer }
        : {}),
      marketing: consent.marketing,
      textVersion: settings.consentTextVersion,
      at: consent.at ?? createdAt,
    },
  };
  const interest = interestOf(ctx, locale);
  if (interest) candidate['interest'] = interest;
  const appointment = appointmentOf(ctx);
  if (appointment) candidate['appointment'] = appointment;
  if (ctx.comments.trim() !== '') candidate['comments'] = ctx.comments.trim();
  const steps = ctx.steps;
  let journey: Record<string, unknown> = { grade: 'cold', score: 0, tags: [], focus: [], steps };
  if (grade) {
    try {
      journey = {
        ...grade({ ...(candidate as GradableLead), journey: { steps } }, catalog ? { catalog } : {}),
        steps,
      };
    } catch {
      // A lead that cannot be graded is still a lead: it goes out ungraded (cold, 0).
    }
  }
  candidate['journey'] = journey;
  const parsed = safeParseLead(candidate);
  return parsed.ok ? { lead: parsed.lead, issues: [] } : { lead: null, issues: parsed.issues };
}
