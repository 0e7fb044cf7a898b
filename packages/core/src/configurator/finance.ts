import type { LocalizedText } from '../i18n/text.js';
import type { FinanceOffer } from '../catalog/schema.js';

/** What the shopper asks for: a term and a down payment (whole currency units). */
export interface FinanceTerms {
  readonly termMonths: number;
  readonly downPayment: number;
}

/** A monthly-payment quote for a price under a model's finance offer. */
export interface FinanceQuote {
  readonly currency: string;
  readonly name?: LocalizedText;
  /** The price financed against (the build's total). */
  readonly price: number;
  readonly aprPercent: number;
  readonly termMonths: number;
  readonly downPayment: number;
  /** `price - downPayment`. */
  readonly principal: number;
  /** Rounded up to the whole currency unit, so the payments never fall short of the principal. */
  readonly monthlyPayment: number;
  /** `downPayment + monthlyPayment * termMonths`. */
  readonly totalPayable: number;
  /** `totalPayable - price`. */
  readonly totalInterest: number;
  /** The bounds of the down payment: the offer's minimum percent of the price (rounded up) … the price. */
  readonly minDownPayment: number;
  readonly maxDownPayment: number;
  /** The terms the offer allows. */
  readonly termsMonths: readonly number[];
  /** True when the request was outside the offer and was brought within it (see {@link financeQuote}). */
  readonly adjusted: boolean;
}

/**
 * Quotes a standard annuity: `monthly = P·r / (1 − (1 + r)^−n)` with `r = APR / 12`, or `P / n`
 * at 0% APR, rounded up to the whole currency unit.
 *
 * Requests outside the offer are brought within it rather than refused, and `adjusted` says so:
 * a down payment below the minimum percent or above the price is clamped to the bound; one that
 * is not a whole amount is rounded; a term the offer does not list becomes the nearest listed
 * term (the shorter on a tie); a missing or non-finite value takes the offer's default (default
 * term, else the first listed; default down payment percent, else the minimum).
 */
export function financeQuote(
  price: number,
  currency: string,
  offer: FinanceOffer,
  terms: Partial<FinanceTerms> = {},
): FinanceQuote {
  const minDownPayment = Math.min(price, Math.ceil((price * offer.minDownPaymentPercent) / 100 - 1e-9));
  const maxDownPayment = price;
  let adjusted = false;

  const defaultTerm = offer.defaultTermMonths ?? offer.termsMonths[0]!;
  let termMonths = terms.termMonths;
  if (termMonths === undefined || !Number.isFinite(termMonths)) {
    adjusted ||= termMonths !== undefined;
    termMonths = defaultTerm;
  } else if (!offer.termsMonths.includes(termMonths)) {
    const wanted = termMonths;
    termMonths = [...offer.termsMonths].sort(
      (a, b) => Math.abs(a - wanted) - Math.abs(b - wanted) || a - b,
    )[0]!;
    adjusted = true;
  }

  const defaultDown = Math.ceil(
    (price * (offer.defaultDownPaymentPercent ?? offer.minDownPaymentPercent)) / 100 - 1e-9,
  );
  let downPayment = terms.downPayment;
  if (downPayment === undefined || !Number.isFinite(downPayment)) {
    adjusted ||= downPayment !== undefined;
    downPayment = defaultDown;
  }
  const rounded = Math.round(downPayment);
  const clamped = Math.min(maxDownPayment, Math.max(minDownPayment, rounded));
  if (clamped !== downPayment)
    adjusted ||= terms.downPayment !== undefined && Number.isFinite(terms.downPayment);
  downPayment = clamped;

  const principal = price - downPayment;
  const r = offer.aprPercent / 100 / 12;
  const exact =
    principal === 0
      ? 0
      : r === 0
        ? principal / termMonths
        : (principal * r) / (1 - Math.pow(1 + r, -termMonths));
  // A hair of tolerance so that 100000 / 4 does not round up to 25001 through floating point.
  const monthlyPayment = exact === 0 ? 0 : Math.ceil(exact - 1e-7);
  const totalPayable = downPayment + monthlyPayment * termMonths;
  return {
    currency,
    ...(offer.name === undefined ? {} : { name: offer.name }),
    price,
    aprPercent: offer.aprPercent,
    termMonths,
    downPayment,
    principal,
    monthlyPayment,
    totalPayable,
    totalInterest: totalPayable - price,
    minDownPayment,
    maxDownPayment,
    termsMonths: [...offer.termsMonths],
    adjusted,
  };
}
