import { z } from 'zod';
import * as core from '@showroom/core';

/**
 * The OpenAPI 3.1 document of `/api/v1`, generated from the very zod schemas the server
 * validates with (zod 4's `toJSONSchema`, JSON Schema 2020-12, which OpenAPI 3.1 uses).
 */

const components = {
  Lead: core.LeadSchema,
  Location: core.LocationSchema,
  Advisor: core.AdvisorSchema,
  Slot: core.SlotSchema,
  Booking: core.BookingSchema,
  BookingRequest: core.BookingRequestSchema,
  BuildSpec: core.BuildSpecSchema,
  BuildChange: core.BuildChangeSchema,
  SavedBuild: core.SavedBuildSchema,
  SaveBuildRequest: core.SaveBuildRequestSchema,
  BuildSaved: core.BuildSavedSchema,
  ConsultationNow: core.ConsultationNowSchema,
  ConsultationRequest: core.ConsultationRequestSchema,
  ConsultationStarted: core.ConsultationStartedSchema,
  LeadAccepted: core.LeadAcceptedSchema,
  PriceSummary: core.PriceSummarySchema,
  Error: core.ApiErrorBodySchema,
} as const;

type Name = keyof typeof components;
const ref = (name: Name) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: object) => ({ content: { 'application/json': { schema } } });
const error = (description: string) => ({ description, ...json(ref('Error')) });
const query = (name: string, description: string, schema: object = { type: 'string' }, required = false) => ({
  name,
  in: 'query',
  required,
  description,
  schema,
});
const path = (name: string, description: string) => ({
  name,
  in: 'path',
  required: true,
  description,
  schema: { type: 'string' },
});
const service = { type: 'string', enum: core.ServiceSchema.options };
const idempotencyKey = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description: 'Repeats with the same key (for 7 days) get the first answer.',
  schema: { type: 'string', maxLength: 255 },
};
const common = {
  '413': error('Body over 64 KiB'),
  '422': error('Invalid body'),
  '429': {
    ...error('Too many requests from this address'),
    headers: { 'Retry-After': { schema: { type: 'integer' } } },
  },
};

let cached: object | undefined;

/** The document (built once). */
export function openApiDocument(): object {
  if (cached) return cached;
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(components)) registry.add(schema as unknown as z.ZodType, { id });
  const { schemas } = z.toJSONSchema(registry, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'any',
    uri: (id) => `#/components/schemas/${id}`,
  });
  for (const s of Object.values(schemas)) {
    delete (s as Record<string, unknown>).$schema;
    delete (s as Record<string, unknown>).$id;
  }
  const advisor = { type: 'http', scheme: 'bearer' };
  cached = {
    openapi: '3.1.0',
    info: {
      title: 'Showroom reference API',
      version: '1.0.0',
      description:
        'Catalog, locations, slots, bookings, builds and leads (spec/api.md). Errors always have the `Error` shape.',
    },
    servers: [{ url: '/api/v1' }],
    components: {
      schemas,
      securitySchemes: {
        advisor,
        manageToken: { type: 'http', scheme: 'bearer', description: 'The booking’s manageToken' },
      },
    },
    paths: {
      '/catalog': {
        get: {
          summary: "The market's catalog (showroom.catalog/1)",
          responses: {
            '200': { description: 'The catalog, with an ETag', ...json({ type: 'object' }) },
            '304': { description: 'Not modified' },
          },
        },
      },
      '/locations': {
        get: {
          summary: 'Showrooms and service points; nearest first with `near`',
          parameters: [
            query('service', 'Only locations offering this service', service),
            query('model', 'Only locations with this model on site'),
            query('trim', 'Only locations with this trim on site'),
            query('powertrain', 'Only locations with a trim of this powertrain type (bev, phev, …) on site'),
            query('near', 'lat,lng: fills distanceKm and sorts by it'),
          ],
          responses: {
            '200': { description: 'Locations', ...json({ type: 'array', items: ref('Location') }) },
            '422': common['422'],
          },
        },
      },
      '/slots': {
        get: {
          summary: 'Free slots',
          parameters: [
            query('service', 'Kind of appointment', service, true),
            query('from', 'First day (YYYY-MM-DD, in each location’s zone) or an instant; default now'),
            query('days', 'Number of days, 1–60; default 7', { type: 'integer', minimum: 1, maximum: 60 }),
            query('location', 'Location id'),
            query('model', 'Model id (test drives: only where that model is on site)'),
            query('trim', 'Trim id (test drives)'),
            query('powertrain', 'Powertrain type (bev, phev, …) instead of a trim (test drives)'),
            query('language', 'BCP 47 language the advisor speaks (video, phone)'),
            query('near', 'lat,lng: home test drives only from locations that drive that far'),
          ],
          responses: {
            '200': {
              description: 'Slots, soonest first',
              ...json({
                type: 'object',
                properties: { slots: { type: 'array', items: ref('Slot') } },
                required: ['slots'],
              }),
            },
            '422': common['422'],
          },
        },
      },
      '/bookings': {
        post: {
          summary: 'Book a slot for a lead',
          parameters: [idempotencyKey],
          requestBody: { required: true, ...json(ref('BookingRequest')) },
          responses: {
            '201': { description: 'Booked', ...json(ref('Booking')) },
            '404': error('No such slot'),
            '409': error('`slot_unavailable` with `alternatives`, or `idempotency_in_flight`'),
            ...common,
          },
        },
      },
      '/bookings/{id}': {
        delete: {
          summary: 'Cancel a booking (frees its place)',
          security: [{ manageToken: [] }],
          parameters: [path('id', 'Booking id')],
          responses: {
            '204': { description: 'Cancelled' },
            '401': error('No token'),
            '404': error('No such booking'),
          },
        },
      },
      '/bookings/{id}/calendar.ics': {
        get: {
          summary: 'The appointment as iCalendar (RFC 5545)',
          parameters: [path('id', 'Booking id')],
          responses: {
            '200': { description: 'iCalendar', content: { 'text/calendar': { schema: { type: 'string' } } } },
            '404': error('No such booking'),
          },
        },
      },
      '/consultations/now': {
        get: {
          summary: 'Can an advisor take a video call now',
          parameters: [query('language', 'BCP 47 language')],
          responses: { '200': { description: 'Availability', ...json(ref('ConsultationNow')) } },
        },
        post: {
          summary: 'Start a video call now for a lead',
          requestBody: { required: true, ...json(ref('ConsultationRequest')) },
          responses: {
            '201': { description: 'Started', ...json(ref('ConsultationStarted')) },
            '409': error('`no_advisor`'),
            ...common,
          },
        },
      },
      '/builds': {
        post: {
          summary: 'Save a build',
          requestBody: { required: true, ...json(ref('SaveBuildRequest')) },
          responses: { '201': { description: 'Saved', ...json(ref('BuildSaved')) }, ...common },
        },
      },
      '/builds/{code}': {
        get: {
          summary: 'A saved build, re-checked against the current catalog',
          parameters: [path('code', 'Build code; case, hyphens, I/L/O read leniently')],
          responses: {
            '200': { description: 'The build', ...json(ref('SavedBuild')) },
            '404': error('No such build'),
          },
        },
      },
      '/leads': {
        post: {
          summary: 'Receive a lead',
          parameters: [idempotencyKey],
          requestBody: { required: true, ...json(ref('Lead')) },
          responses: {
            '200': { description: 'Already received: the first answer', ...json(ref('LeadAccepted')) },
            '201': { description: 'Received', ...json(ref('LeadAccepted')) },
            '409': error('`idempotency_in_flight`'),
            ...common,
            '422': error('Invalid lead, or `idempotency_mismatch`'),
          },
        },
        get: {
          summary: "The dealer's inbox, newest first",
          security: [{ advisor: [] }],
          parameters: [
            query('since', 'Only leads received at or after this instant', {
              type: 'string',
              format: 'date-time',
            }),
            query('grade', 'Only this grade', { type: 'string', enum: core.LeadGradeSchema.options }),
          ],
          responses: {
            '200': { description: 'Leads', ...json({ type: 'array', items: ref('Lead') }) },
            '401': error('No advisor token'),
          },
        },
      },
      '/leads/{id}.adf': {
        get: {
          summary: 'The lead as ADF/XML 1.0',
          security: [{ advisor: [] }],
          parameters: [path('id', 'Lead id')],
          responses: {
            '200': { description: 'ADF', content: { 'application/xml': { schema: { type: 'string' } } } },
            '401': error('No advisor token'),
            '404': error('No such lead'),
          },
        },
      },
    },
  };
  return cached;
}
