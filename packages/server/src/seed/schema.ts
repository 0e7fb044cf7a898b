import { z } from 'zod';
import { ServiceSchema } from '@showroom/core';
import { isTimeZone } from '@showroom/core/time';

/**
 * What a deployment seeds its database with: locations (with opening hours and the cars on
 * site) and advisors (with languages and working hours). The demo seed is in `demo.ts`; a
 * dealer group can pass its own file (`SHOWROOM_SEED_FILE`), validated by this schema.
 */

const Range = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d$/, 'must be HH:MM-HH:MM')
  .refine((r) => r.slice(0, 5) < r.slice(6), 'must end after it starts');

/** Weekly hours in the place's own time zone: `{ mon: ['10:00-21:00'], … }`; a missing day is closed. */
export const WeeklyHoursSchema = z
  .object({
    mon: z.array(Range),
    tue: z.array(Range),
    wed: z.array(Range),
    thu: z.array(Range),
    fri: z.array(Range),
    sat: z.array(Range),
    sun: z.array(Range),
  })
  .partial();

const Zone = z.string().refine(isTimeZone, 'not a known IANA time zone');
const Id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,47}$/, 'lower-case letters, digits and hyphens');

export const SeedLocationSchema = z.object({
  id: Id,
  name: z.string().min(1),
  address: z.string().min(1),
  city: z.string().min(1),
  postcode: z.string().optional(),
  geo: z.object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) }),
  timeZone: Zone,
  phone: z.string().optional(),
  services: z.array(ServiceSchema),
  /** Showroom opening hours; test-drive slots are cut from them. */
  hours: WeeklyHoursSchema,
  /** Days the showroom is closed (YYYY-MM-DD, local). */
  closed: z.array(z.iso.date()).default([]),
  /** The demo cars on site: capacity of each test-drive slot for that trim. */
  fleet: z.array(z.object({ modelId: z.string(), trimId: z.string(), cars: z.number().int().positive() })),
  /** Home test drives: how far the location drives and how many cars go out at once. */
  homeTestDrive: z
    .object({ radiusKm: z.number().positive(), cars: z.number().int().positive(), hours: WeeklyHoursSchema })
    .optional(),
});

export const SeedAdvisorSchema = z.object({
  id: Id,
  name: z.string().min(1),
  /** BCP 47 tags, e.g. `zh-CN`, `en`. */
  languages: z.array(z.string().min(2)).min(1),
  timeZone: Zone,
  /** Working hours for video and phone consultations. */
  hours: WeeklyHoursSchema,
});

export const SeedSchema = z.object({
  locations: z.array(SeedLocationSchema),
  advisors: z.array(SeedAdvisorSchema),
});

export type WeeklyHours = z.output<typeof WeeklyHoursSchema>;
export type SeedLocation = z.output<typeof SeedLocationSchema>;
export type SeedAdvisor = z.output<typeof SeedAdvisorSchema>;
export type Seed = z.output<typeof SeedSchema>;
