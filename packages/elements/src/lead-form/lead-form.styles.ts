import { css } from 'lit';

export const leadFormStyles = css`
  :host {
    --_gap: var(--showroom-lead-form-gap, var(--_space-m));
    --_max-width: var(--showroom-lead-form-max-width, 40rem);
  }
  form {
    display: grid;
    gap: var(--_gap);
    max-width: var(--_max-width);
  }
  fieldset.all {
    display: contents;
  }
  .honeypot {
    position: absolute;
    inset-inline-start: -10000px;
    width: 1px;
    height: 1px;
    overflow: hidden;
  }
  .consent-note {
    color: var(--_text-muted);
    font-size: var(--_font-size-small);
  }
  .summary a {
    color: inherit;
  }
`;
