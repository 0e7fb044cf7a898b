import type { LocalizedText } from '../i18n/text.js';
import type { Build } from './build.js';

/** Why something is refused, unavailable, included, or needs other changes. */
export type ReasonCode =
  /** A catalog rule; `ruleId` names it and `message` is its text for shoppers, when it has one. */
  | 'rule'
  /** A group's cardinality (`one`, `optional-one`); `groupId` names it. */
  | 'group'
  /** The option is hidden: it only comes with a rule that includes it. */
  | 'hidden'
  /** The option id is not in this model. */
  | 'unknown-option'
  /** The trim id is not in this model. */
  | 'unknown-trim'
  /** The build belongs to another model. */
  | 'wrong-model'
  /** No valid build exists for this trim (a catalog that did not pass the lint). */
  | 'no-valid-build'
  /** Nothing to do: e.g. deselecting a trim. */
  | 'not-applicable';

/** One reason an element can show: a code, the ids it concerns, and the rule's message if any. */
export interface Reason {
  readonly code: ReasonCode;
  readonly ruleId?: string;
  readonly groupId?: string;
  readonly optionId?: string;
  readonly trimId?: string;
  /** The rule's own `message`, for `code: 'rule'`. Other codes are for the element to word. */
  readonly message?: LocalizedText;
}

/**
 * What forced a change: a rule, a group's cardinality, or a trim switch (standard options).
 * A hidden option that goes because nothing includes it any more names the rule that did
 * include it (or could), or carries `hidden` when no rule includes it at all.
 */
export interface ChangeCause {
  readonly ruleId?: string;
  readonly groupId?: string;
  readonly trim?: string;
  readonly hidden?: true;
}

/** One change a proposal makes beyond the shopper's pick. */
export interface Change {
  readonly optionId: string;
  readonly action: 'added' | 'removed';
  /** Empty only for an option id the catalog no longer has, which is dropped. */
  readonly because: ChangeCause;
  /** What this option adds to the total (negative when removed): 0 when standard or included. */
  readonly priceDelta: number;
}

/**
 * The answer to a pick. `ok: true` carries the valid build to apply and every change beyond
 * the pick itself (show them before applying when there are any); `ok: false` the reasons.
 */
export type Proposal =
  | {
      readonly ok: true;
      readonly build: Build;
      readonly changes: readonly Change[];
      readonly priceDelta: number;
    }
  | { readonly ok: false; readonly reasons: readonly Reason[] };

/** The state of one option for the current build. */
export type OptionStateKind =
  'selected' | 'included' | 'available' | 'available-with-changes' | 'unavailable';

export interface OptionState {
  readonly state: OptionStateKind;
  /**
   * `included`: the rules that include it. `available-with-changes`: the rules and groups the
   * pick alone would break (what the proposal will fix). `unavailable`: the rules that forbid it
   * on this trim (a minimal set), and `hidden` for options that only come with a package.
   * Empty for `selected` and `available`.
   */
  readonly reasons: readonly Reason[];
  /** What the option costs on this trim: 0 when standard or included, else its price. */
  readonly price: number;
  /** Hidden options only come through `includes`; elements list them only when included. */
  readonly hidden: boolean;
}

/** One line of a price breakdown. */
export interface PriceLine {
  readonly optionId: string;
  readonly groupId: string;
  readonly name: LocalizedText;
  readonly code?: string;
  /** What the shopper pays for it: 0 when standard or included. */
  readonly price: number;
  /** The catalog price. */
  readonly listPrice: number;
  readonly status: 'paid' | 'standard' | 'included';
  /** For `included`: the rule that includes it. */
  readonly ruleId?: string;
}

export interface FeeLine {
  readonly id: string;
  readonly name: LocalizedText;
  readonly price: number;
}

/** `total = base + optionsTotal + feesTotal`; all amounts tax included, in `currency`. */
export interface PriceBreakdown {
  readonly currency: string;
  readonly trimId: string;
  /** The trim's price. */
  readonly base: number;
  /** Every option in the build, in catalog order. */
  readonly options: readonly PriceLine[];
  readonly fees: readonly FeeLine[];
  readonly optionsTotal: number;
  readonly feesTotal: number;
  readonly total: number;
}

/** A problem with a build, from {@link Configurator.validate}. */
export interface BuildIssue {
  readonly code:
    | 'wrong-model'
    | 'unknown-trim'
    | 'unknown-option'
    | 'duplicate-option'
    | 'group-missing'
    | 'group-too-many'
    | 'hidden'
    | 'rule-requires'
    | 'rule-excludes'
    | 'rule-includes';
  /** Readable English, naming the ids. */
  readonly message: string;
  readonly optionId?: string;
  readonly groupId?: string;
  readonly ruleId?: string;
  readonly trimId?: string;
  /** The rule's message for shoppers, when it has one. */
  readonly ruleMessage?: LocalizedText;
}
