import { resolveText } from '../i18n/text.js';
import type { LocalizedText } from '../i18n/text.js';
import type { JourneyStep, Lead, LeadGrade } from './schema.js';

/**
 * Lead grading: a documented, deterministic function of the lead, so a dealer can read why a
 * lead got its grade (table in docs/lead-grading.md).
 *
 * Grade — the first rule that holds:
 *
 * | grade  | when                                                        |
 * | ------ | ----------------------------------------------------------- |
 * | `hot`  | an appointment is booked (`appointment` present)            |
 * | `warm` | a saved build (`interest.buildCode`) with contact details   |
 * | `cold` | contact details only (also: configured but not saved)       |
 *
 * Score — orders leads within their grade: the grade's floor plus the points of every signal
 * that holds, capped at the grade's ceiling (hot 70–100, warm 40–69, cold 10–39), so a higher
 * grade always scores higher.
 *
 * | signal                                                     | points |
 * | ---------------------------------------------------------- | -----: |
 * | configured a car (`interest`)                              | 8      |
 * | chose finance or lease                                     | 6      |
 * | booked a drive in person (test drive, home test drive)     | 6      |
 * | gave a phone number                                        | 4      |
 * | compared two or more trims (picked or looked at)           | 4      |
 * | opened finance two or more times                           | 3      |
 * | talked to an advisor on video                              | 3      |
 * | came back to a saved build                                 | 3      |
 * | an active journey (10 or more steps)                       | 3      |
 * | left a comment                                             | 2      |
 * | agreed to marketing                                        | 2      |
 * | came through an owner's referral                           | 2      |
 *
 * Tags, in this order: powertrain type and drive of the configured trim (from the catalog,
 * when given, e.g. `bev`, `awd`), `finance` / `lease` / `cash`, `saved-build`,
 * `<service>-booked` (e.g. `test-drive-booked`), `video-consulted`, `referral`, `kiosk`.
 *
 * Focus points are English sentences for the dealer, from the journey steps (see
 * {@link JOURNEY_STEP_EVENTS}): "Compared Long Range and Performance", "Opened finance 3 times",
 * "Changed options 12 times", "Came back to a saved build", "Talked to an advisor on video",
 * "Wants finance over 36 months".
 */

/** The journey step events grading reads; other events are kept in the lead but not graded. */
export const JOURNEY_STEP_EVENTS = {
  /** Picked a trim; `detail` = trim id. */
  trim: 'configurator.trim',
  /** Looked at a trim without picking it; `detail` = trim id. */
  compare: 'configurator.compare',
  /** Selected an option; `detail` = option id. */
  select: 'configurator.select',
  /** Removed an option; `detail` = option id. */
  deselect: 'configurator.deselect',
  /** Opened the finance calculator. */
  financeOpen: 'finance.open',
  /** Saved the build; `detail` = build code. */
  buildSave: 'build.save',
  /** Opened a saved build (by code or link); `detail` = code or config id. */
  buildOpen: 'build.open',
  /** Started a video call now. */
  consultationStart: 'consultation.start',
  /** Booked an appointment; `detail` = service. */
  bookingConfirm: 'booking.confirm',
} as const;

/** The part of a catalog grading reads (trim names and powertrains); a parsed `Catalog` fits. */
export interface GradeCatalog {
  locales?: readonly string[];
  models: readonly {
    id: string;
    trims: readonly { id: string; name: LocalizedText; powertrain?: { type?: string; drive?: string } }[];
  }[];
}

/** A lead to grade: any valid lead; its `journey` may be absent or carry only `steps`. */
export type GradableLead = Omit<Lead, 'journey'> & { journey?: { steps?: readonly JourneyStep[] } };

/** The result of {@link gradeLead}; with `steps` it is the lead's `journey`. */
export interface LeadGrading {
  grade: LeadGrade;
  score: number;
  tags: string[];
  focus: string[];
}

const BANDS: Record<LeadGrade, { floor: number; ceiling: number }> = {
  hot: { floor: 70, ceiling: 100 },
  warm: { floor: 40, ceiling: 69 },
  cold: { floor: 10, ceiling: 39 },
};

function times(n: number): string {
  return n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`;
}

function list(items: readonly string[]): string {
  return items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * Grades a lead: `{ grade, score, tags, focus }` by the rules above. Pure and deterministic;
 * pass the catalog to get powertrain tags and trim names in focus points.
 */
export function gradeLead(lead: GradableLead, context: { catalog?: GradeCatalog } = {}): LeadGrading {
  const steps = lead.journey?.steps ?? [];
  const count = (event: string) => steps.filter((s) => s.event === event).length;
  const interest = lead.interest;
  const model = interest && context.catalog?.models.find((m) => m.id === interest.modelId);
  const trimName = (trimId: string) => {
    const trim = model?.trims.find((t) => t.id === trimId);
    if (trim) return resolveText(trim.name, 'en', context.catalog?.locales);
    return trimId === interest?.trimId ? interest.trimName : trimId;
  };

  const trimsSeen: string[] = [];
  for (const step of steps) {
    const trimStep = step.event === JOURNEY_STEP_EVENTS.trim || step.event === JOURNEY_STEP_EVENTS.compare;
    if (trimStep && step.detail && !trimsSeen.includes(step.detail)) trimsSeen.push(step.detail);
  }
  const financeOpens = count(JOURNEY_STEP_EVENTS.financeOpen);
  const selects = count(JOURNEY_STEP_EVENTS.select) + count(JOURNEY_STEP_EVENTS.deselect);
  const cameBack = count(JOURNEY_STEP_EVENTS.buildOpen) > 0;
  const videoNow = count(JOURNEY_STEP_EVENTS.consultationStart) > 0;
  const plan = interest?.finance?.method;
  const financed = plan === 'finance' || plan === 'lease';
  const service = lead.appointment?.service;

  const grade: LeadGrade = lead.appointment ? 'hot' : interest?.buildCode ? 'warm' : 'cold';
  const signals: [boolean, number][] = [
    [interest !== undefined, 8],
    [financed, 6],
    [service === 'test-drive' || service === 'home-test-drive', 6],
    [lead.customer.phone !== undefined, 4],
    [trimsSeen.length >= 2, 4],
    [financeOpens >= 2, 3],
    [videoNow, 3],
    [cameBack, 3],
    [steps.length >= 10, 3],
    [(lead.comments ?? '').trim() !== '', 2],
    [lead.consent.marketing === true, 2],
    [lead.source.referral !== undefined, 2],
  ];
  const band = BANDS[grade];
  const points = signals.reduce((sum, [holds, p]) => sum + (holds ? p : 0), 0);
  const score = Math.min(band.ceiling, band.floor + points);

  const tags: string[] = [];
  const trim = model?.trims.find((t) => t.id === interest?.trimId);
  for (const tag of [trim?.powertrain?.type, trim?.powertrain?.drive]) if (tag) tags.push(tag.toLowerCase());
  if (plan) tags.push(plan);
  if (interest?.buildCode) tags.push('saved-build');
  if (service) tags.push(`${service}-booked`);
  if (videoNow) tags.push('video-consulted');
  if (lead.source.referral !== undefined) tags.push('referral');
  if (lead.source.channel === 'kiosk') tags.push('kiosk');

  const focus: string[] = [];
  if (trimsSeen.length >= 2) {
    const sentence = `Compared ${list(trimsSeen.map(trimName))}`;
    focus.push(sentence.length <= 200 ? sentence : `Compared ${trimsSeen.length} trims`);
  }
  if (financeOpens > 0) focus.push(`Opened finance ${times(financeOpens)}`);
  if (selects >= 5) focus.push(`Changed options ${times(selects)}`);
  if (cameBack) focus.push('Came back to a saved build');
  if (videoNow) focus.push('Talked to an advisor on video');
  if (financed && interest?.finance?.termMonths) {
    focus.push(
      `Wants ${plan === 'lease' ? 'a lease' : 'finance'} over ${interest.finance.termMonths} months`,
    );
  }

  return { grade, score, tags: [...new Set(tags)], focus };
}
