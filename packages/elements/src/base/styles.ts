import { css } from 'lit';

/**
 * The global design tokens, resolved on every element's `:host` into private `--_…`
 * properties that the element's own styles use. A page themes every Showroom element at once
 * by setting the public `--showroom-<category>-<name>` properties on any ancestor (or on one
 * element); nothing else in the page changes.
 *
 * Colours use `light-dark()`, so they follow the element's `color-scheme`: inherited from the
 * page by default (a page that declares `color-scheme: light dark` gets the shopper's
 * preference), forced with `theme="light"` / `theme="dark"`, or `theme="auto"` for the
 * shopper's `prefers-color-scheme` whatever the page says.
 */
export const tokens = css`
  :host {
    --_accent: var(--showroom-color-accent, light-dark(#1849a9, #8ab4ff));
    --_on-accent: var(--showroom-color-on-accent, light-dark(#ffffff, #0b1730));
    --_accent-soft: var(--showroom-color-accent-soft, light-dark(#e8effc, #1d2b45));
    --_surface: var(--showroom-color-surface, light-dark(#ffffff, #14161a));
    --_surface-raised: var(--showroom-color-surface-raised, light-dark(#f4f5f7, #1e2127));
    --_text: var(--showroom-color-text, light-dark(#1a1c21, #eceef2));
    --_text-muted: var(--showroom-color-text-muted, light-dark(#535965, #a9afba));
    --_border: var(--showroom-color-border, light-dark(#c9ced6, #3a3f48));
    --_border-strong: var(--showroom-color-border-strong, light-dark(#6b717d, #8d94a0));
    --_danger: var(--showroom-color-danger, light-dark(#b42318, #ff8a80));
    --_success: var(--showroom-color-success, light-dark(#067647, #6ee7a8));
    --_warning: var(--showroom-color-warning, light-dark(#93370d, #fdba74));

    --_radius-s: var(--showroom-radius-small, 4px);
    --_radius-m: var(--showroom-radius-medium, 8px);
    --_radius-l: var(--showroom-radius-large, 16px);

    --_space-xs: var(--showroom-spacing-xs, 0.25rem);
    --_space-s: var(--showroom-spacing-s, 0.5rem);
    --_space-m: var(--showroom-spacing-m, 1rem);
    --_space-l: var(--showroom-spacing-l, 1.5rem);
    --_space-xl: var(--showroom-spacing-xl, 2rem);

    --_font-family: var(
      --showroom-font-family,
      system-ui,
      -apple-system,
      'Segoe UI',
      Roboto,
      'PingFang SC',
      'Hiragino Sans GB',
      'Microsoft YaHei',
      'Noto Sans CJK SC',
      sans-serif
    );
    --_font-size: var(--showroom-font-size, 1rem);
    --_font-size-small: var(--showroom-font-size-small, 0.875rem);
    --_font-size-large: var(--showroom-font-size-large, 1.375rem);
    --_line-height: var(--showroom-font-line-height, 1.5);
    --_font-weight-strong: var(--showroom-font-weight-strong, 600);

    --_focus-ring-color: var(--showroom-focus-ring-color, var(--_accent));
    --_focus-ring-width: var(--showroom-focus-ring-width, 2px);
    --_focus-ring-offset: var(--showroom-focus-ring-offset, 2px);
  }
  :host([theme='light']) {
    color-scheme: light;
  }
  :host([theme='dark']) {
    color-scheme: dark;
  }
  :host([theme='auto']) {
    color-scheme: light dark;
  }
`;

/**
 * What every element needs besides the tokens: a predictable box that survives the host page's
 * inherited text styles, `[hidden]` that works, one focus ring, and a visually hidden utility.
 */
export const baseStyles = css`
  :host {
    display: block;
    box-sizing: border-box;
    container-type: inline-size;
    font-family: var(--_font-family);
    font-size: var(--_font-size);
    font-weight: normal;
    font-style: normal;
    line-height: var(--_line-height);
    letter-spacing: normal;
    word-spacing: normal;
    text-align: start;
    text-transform: none;
    text-indent: 0;
    white-space: normal;
    color: var(--_text);
    background: var(--_surface);
  }
  :host([hidden]),
  [hidden] {
    display: none !important;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  button,
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
    letter-spacing: inherit;
  }
  /* Touch targets: unset by default; a kiosk (or a touch-first page) sets
     --showroom-size-target (e.g. 44px) and every control in every element grows to it. */
  button,
  select,
  input:not([type='checkbox']):not([type='radio']),
  [role='radio'],
  [role='checkbox'],
  label:has(> input[type='radio']),
  label:has(> input[type='checkbox']) {
    min-block-size: var(--showroom-size-target, auto);
    min-inline-size: var(--showroom-size-target, auto);
  }
  :focus-visible {
    outline: var(--_focus-ring-width) solid var(--_focus-ring-color);
    outline-offset: var(--_focus-ring-offset);
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }
  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      animation-duration: 0.01ms !important;
      transition-duration: 0.01ms !important;
    }
  }
`;
