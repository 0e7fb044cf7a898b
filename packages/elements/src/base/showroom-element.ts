import { LitElement } from 'lit';
import { VERSION } from '../version.js';
import { baseStyles, tokens } from './styles.js';

/**
 * The base of every Showroom element: the design tokens and base styles, the `theme`
 * attribute, and the SDK version `defineElement` compares. Behaviour (journey binding, text)
 * comes from reactive controllers, not from here.
 *
 * @cssprop --showroom-color-accent - Buttons, selection and links.
 * @cssprop --showroom-color-on-accent - Text on the accent colour.
 * @cssprop --showroom-color-accent-soft - Background of selected choices.
 * @cssprop --showroom-color-surface - Background.
 * @cssprop --showroom-color-surface-raised - Background of panels and cards.
 * @cssprop --showroom-color-text - Text.
 * @cssprop --showroom-color-text-muted - Secondary text.
 * @cssprop --showroom-color-border - Dividers and card borders.
 * @cssprop --showroom-color-border-strong - Borders of inputs and unselected choices.
 * @cssprop --showroom-color-danger - Errors and unavailable choices.
 * @cssprop --showroom-color-success - Confirmations.
 * @cssprop --showroom-color-warning - Warnings such as a saved build that changed.
 * @cssprop --showroom-radius-small - Radius of chips and inputs.
 * @cssprop --showroom-radius-medium - Radius of cards and buttons.
 * @cssprop --showroom-radius-large - Radius of panels and dialogs.
 * @cssprop --showroom-spacing-xs - Extra-small spacing.
 * @cssprop --showroom-spacing-s - Small spacing.
 * @cssprop --showroom-spacing-m - Medium spacing.
 * @cssprop --showroom-spacing-l - Large spacing.
 * @cssprop --showroom-spacing-xl - Extra-large spacing.
 * @cssprop --showroom-font-family - Font family.
 * @cssprop --showroom-font-size - Base font size.
 * @cssprop --showroom-font-size-small - Small text.
 * @cssprop --showroom-font-size-large - Headings and totals.
 * @cssprop --showroom-font-line-height - Line height.
 * @cssprop --showroom-font-weight-strong - Weight of headings and totals.
 * @cssprop --showroom-focus-ring-color - Focus ring colour.
 * @cssprop --showroom-focus-ring-width - Focus ring width.
 * @cssprop --showroom-focus-ring-offset - Focus ring offset.
 */
export class ShowroomElement extends LitElement {
  /** The SDK version that defined this element. */
  static readonly version = VERSION;

  static override styles = [tokens, baseStyles];

  static override properties = {
    theme: { type: String, reflect: true },
  };

  /**
   * `light`, `dark`, or `auto` (the shopper's system setting). Unset: the page's
   * `color-scheme`, light when the page declares none.
   */
  declare theme: 'light' | 'dark' | 'auto' | undefined;
}
