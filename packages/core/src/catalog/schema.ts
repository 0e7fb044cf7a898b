import * as z from 'zod/mini';

/**
 * The zod/mini schema of `showroom.catalog/1` (spec/catalog.md). Shapes only: cross-references
 * (duplicate ids, rule expressions, ids that do not exist, builds that cannot exist) are the
 * lint's job, see {@link parseCatalog}.
 */

/** The schema tag every catalog carries. */
export const CATALOG_SCHEMA = 'showroom.catalog/1';

/**
 * Ids of models, trims, groups, options, rules and fees: letters, digits, `_`, `.` and `-`,
 * not starting with `.` or `-`. This keeps them usable in rule expressions (`trim:` is the only
 * prefix) and in config ids (joined with `~`).
 */
export const CATALOG_ID_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

const Id = z
  .string()
  .check(
    z.maxLength(128, 'must be at most 128 characters'),
    z.regex(CATALOG_ID_PATTERN, 'must be a non-empty id of letters, digits, "_", "." and "-"'),
  );

const NonEmpty = z.string().check(z.minLength(1, 'must not be empty'));

/** Text shown to shoppers: one string, or a map of locale → string. */
export const LocalizedTextSchema = z.union([z.string(), z.record(z.string(), z.string())], {
  error: 'expected text: a string, or a map of locale to string',
});

const Money = z.int().check(z.minimum(0, 'must be a whole amount of 0 or more'));
const Percent = z.number().check(z.minimum(0, 'must be 0 or more'), z.maximum(100, 'must be 100 or less'));

/** Media paths or urls, by role (`hero`, `side`, …). */
const Media = z.record(z.string(), z.string());

export const FeeSchema = z.object({
  id: Id,
  name: LocalizedTextSchema,
  description: z.optional(LocalizedTextSchema),
  price: Money,
});

export const PowertrainSchema = z.object({
  type: z.enum(['bev', 'phev', 'erev', 'hev', 'ice'], {
    error: 'expected one of "bev", "phev", "erev", "hev", "ice"',
  }),
  drive: z.optional(z.enum(['fwd', 'rwd', 'awd'], { error: 'expected one of "fwd", "rwd", "awd"' })),
  batteryKwh: z.optional(z.number().check(z.minimum(0, 'must be 0 or more'))),
  powerKw: z.optional(z.number().check(z.minimum(0, 'must be 0 or more'))),
});

export const TrimSchema = z.object({
  id: Id,
  name: LocalizedTextSchema,
  description: z.optional(LocalizedTextSchema),
  price: Money,
  powertrain: z.optional(PowertrainSchema),
  /** Free numeric facts: `rangeKm`, `zeroTo100s`, `topSpeedKmh`, … */
  specs: z.optional(z.record(z.string(), z.number())),
  /** Options selected by default and free on this trim. */
  standard: z._default(z.array(Id), []),
  media: z.optional(Media),
});

export const OptionSchema = z.object({
  id: Id,
  /** Manufacturer option code; goes into ADF. */
  code: z.optional(NonEmpty),
  name: LocalizedTextSchema,
  description: z.optional(LocalizedTextSchema),
  price: Money,
  /** CSS hex colour for colour chips. */
  swatch: z.optional(
    z
      .string()
      .check(
        z.regex(
          /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$/,
          'expected a hex colour such as #a51c30',
        ),
      ),
  ),
  image: z.optional(NonEmpty),
  /** Hidden options can only arrive through a rule's `includes`. */
  hidden: z._default(z.boolean(), false),
});

export const GroupSchema = z.object({
  id: Id,
  name: LocalizedTextSchema,
  description: z.optional(LocalizedTextSchema),
  cardinality: z.enum(['one', 'optional-one', 'any'], {
    error: 'expected one of "one", "optional-one", "any"',
  }),
  options: z.array(OptionSchema),
});

export const RuleSchema = z.object({
  id: Id,
  /** The rule applies while this holds; a rule without `when` always applies. */
  when: z.optional(z.string()),
  requires: z.optional(z.string()),
  excludes: z.optional(z.string()),
  includes: z.optional(z.array(Id)),
  message: z.optional(LocalizedTextSchema),
});

export const FinanceSchema = z.object({
  /** The offer's name, e.g. the lender or campaign. */
  name: z.optional(LocalizedTextSchema),
  aprPercent: Percent,
  termsMonths: z
    .array(z.int().check(z.minimum(1, 'must be 1 or more')))
    .check(z.minLength(1, 'must list at least one term')),
  /** Defaults to the first of `termsMonths`. */
  defaultTermMonths: z.optional(z.int()),
  minDownPaymentPercent: z._default(Percent, 0),
  /** Defaults to `minDownPaymentPercent`. */
  defaultDownPaymentPercent: z.optional(Percent),
});

export const ModelSchema = z.object({
  id: Id,
  modelYear: z.int().check(z.minimum(1900, 'must be a year'), z.maximum(2200, 'must be a year')),
  name: LocalizedTextSchema,
  description: z.optional(LocalizedTextSchema),
  /** Body style: `sedan`, `suv`, `hatchback`, `wagon`, `coupe`, `mpv`, `pickup`, … */
  body: NonEmpty,
  media: z.optional(Media),
  trims: z.array(TrimSchema).check(z.minLength(1, 'a model needs at least one trim')),
  groups: z._default(z.array(GroupSchema), []),
  rules: z._default(z.array(RuleSchema), []),
  finance: z.optional(FinanceSchema),
});

export const BrandSchema = z.object({
  id: Id,
  name: LocalizedTextSchema,
  logo: z.optional(NonEmpty),
});

export const CatalogSchema = z.object({
  schema: z.literal(CATALOG_SCHEMA, { error: `expected "${CATALOG_SCHEMA}"` }),
  id: Id,
  market: z.string().check(z.regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 code such as "CN"')),
  currency: z.string().check(z.regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code such as "CNY"')),
  /** The first is the default locale. */
  locales: z
    .array(
      z.string().check(z.regex(/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, 'expected a locale such as "zh-CN"')),
    )
    .check(z.minLength(1, 'must list at least one locale')),
  brand: BrandSchema,
  fees: z._default(z.array(FeeSchema), []),
  models: z.array(ModelSchema).check(z.minLength(1, 'a catalog needs at least one model')),
});

/** A parsed catalog, defaults applied. */
export type Catalog = z.output<typeof CatalogSchema>;
export type CatalogModel = z.output<typeof ModelSchema>;
export type CatalogTrim = z.output<typeof TrimSchema>;
export type CatalogGroup = z.output<typeof GroupSchema>;
export type CatalogOption = z.output<typeof OptionSchema>;
export type CatalogRule = z.output<typeof RuleSchema>;
export type CatalogFee = z.output<typeof FeeSchema>;
export type FinanceOffer = z.output<typeof FinanceSchema>;
export type Cardinality = CatalogGroup['cardinality'];
/** What a catalog author writes (defaults not yet applied). */
export type CatalogInput = z.input<typeof CatalogSchema>;
