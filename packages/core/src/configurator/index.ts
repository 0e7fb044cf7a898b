export { createConfigurator, ConfiguratorError } from './configurator.js';
export type { Configurator } from './configurator.js';
export { configId, parseConfigId, ConfigIdError, compareCodePoints } from './build.js';
export type { Build } from './build.js';
export { financeQuote } from './finance.js';
export type { FinanceQuote, FinanceTerms } from './finance.js';
export type {
  Proposal,
  Change,
  ChangeCause,
  Reason,
  ReasonCode,
  OptionState,
  OptionStateKind,
  PriceBreakdown,
  PriceLine,
  FeeLine,
  BuildIssue,
} from './types.js';
