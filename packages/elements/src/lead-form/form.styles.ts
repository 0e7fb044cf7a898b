import { css } from 'lit';

/**
 * Form controls shared by the booking elements (lead form, test drive, video consultation):
 * fields, buttons, choice rows and alerts, each at least 44 px tall so they are easy to hit on
 * touch screens. Colours and radii come from the base tokens.
 */
export const formStyles = css`
  /* At least 44 px, or the page's larger touch target (a kiosk sets --showroom-size-target). */
  :host {
    --_target: max(44px, var(--showroom-size-target, 0px));
  }
  button,
  select,
  input:not([type='checkbox']):not([type='radio']),
  label:has(> input[type='radio']),
  label:has(> input[type='checkbox']) {
    min-block-size: var(--_target);
  }
  button {
    min-inline-size: var(--_target);
  }
  .field {
    display: grid;
    gap: var(--_space-xs);
  }
  label,
  legend {
    font-weight: var(--_font-weight-strong);
  }
  .hint {
    color: var(--_text-muted);
    font-size: var(--_font-size-small);
  }
  input[type='text'],
  input[type='tel'],
  input[type='email'],
  input[type='search'],
  select {
    width: 100%;
    padding: var(--_space-s) var(--_space-m);
    border: 1px solid var(--_border-strong);
    border-radius: var(--_radius-m);
    background: var(--_surface);
  }
  input[aria-invalid='true'] {
    border-color: var(--_danger);
    border-width: 2px;
  }
  .error {
    color: var(--_danger);
    font-size: var(--_font-size-small);
  }
  fieldset {
    border: 0;
    margin: 0;
    padding: 0;
    min-width: 0;
    display: grid;
    gap: var(--_space-xs);
  }
  .choices {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-s);
  }
  .choice {
    display: flex;
    align-items: center;
    gap: var(--_space-s);
    padding: var(--_space-xs) var(--_space-m);
    border: 1px solid var(--_border);
    border-radius: var(--_radius-m);
    font-weight: normal;
    cursor: pointer;
  }
  .choice:has(input:checked) {
    border-color: var(--_accent);
    background: var(--_accent-soft);
  }
  .check {
    display: flex;
    align-items: flex-start;
    gap: var(--_space-s);
    padding-block: var(--_space-s);
    font-weight: normal;
    cursor: pointer;
  }
  input[type='checkbox'],
  input[type='radio'] {
    inline-size: 1.25rem;
    block-size: 1.25rem;
    margin: 0.125rem 0 0;
    flex: none;
    accent-color: var(--_accent);
  }
  button,
  .button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: var(--_space-s);
    padding: var(--_space-s) var(--_space-m);
    border: 1px solid var(--_border-strong);
    border-radius: var(--_radius-m);
    background: var(--_surface);
    color: var(--_text);
    text-decoration: none;
    cursor: pointer;
  }
  button.primary,
  .button.primary {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
    font-weight: var(--_font-weight-strong);
  }
  button.link {
    border-color: transparent;
    background: transparent;
    color: var(--_accent);
    text-decoration: underline;
  }
  button[disabled],
  button[aria-disabled='true'] {
    opacity: 0.6;
    cursor: not-allowed;
  }
  .alert {
    padding: var(--_space-s) var(--_space-m);
    border-radius: var(--_radius-m);
    border-inline-start: 4px solid var(--_danger);
    background: var(--_surface-raised);
  }
  .alert.info {
    border-inline-start-color: var(--_accent);
  }
  .alert.success {
    border-inline-start-color: var(--_success);
  }
  .alert ul {
    margin: var(--_space-xs) 0 0;
    padding-inline-start: var(--_space-l);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-s);
    align-items: center;
  }
  h2,
  h3 {
    margin: 0;
    font-size: var(--_font-size-large);
    line-height: 1.25;
  }
  h3 {
    font-size: var(--_font-size);
  }
  p {
    margin: 0;
  }
`;
