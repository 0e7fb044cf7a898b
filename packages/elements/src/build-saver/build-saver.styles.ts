import { css } from 'lit';

export const buildSaverStyles = css`
  :host {
    --_qr-size: var(--showroom-build-saver-qr-size, 10rem);
    --_qr-color: var(--showroom-build-saver-qr-color, #111111);
    --_qr-background: var(--showroom-build-saver-qr-background, #ffffff);
    --_code-font: var(
      --showroom-build-saver-code-font,
      ui-monospace,
      'SFMono-Regular',
      Menlo,
      Consolas,
      monospace
    );
  }
  .base {
    display: grid;
    gap: var(--_space-l);
    padding: var(--_space-m);
    border: 1px solid var(--_border);
    border-radius: var(--_radius-l);
    background: var(--_surface-raised);
  }
  h2,
  h3,
  p,
  figure,
  ul {
    margin: 0;
  }
  .save,
  .retrieve,
  .saved {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--_space-s);
  }
  .save > .button {
    justify-self: start;
  }
  .title {
    font-size: var(--_font-size-large);
    font-weight: var(--_font-weight-strong);
  }
  .subtitle,
  .saved-title {
    font-size: var(--_font-size);
    font-weight: var(--_font-weight-strong);
  }
  .intro,
  .hint,
  figcaption {
    color: var(--_text-muted);
    font-size: var(--_font-size-small);
  }
  .field {
    display: grid;
    gap: var(--_space-xs);
    inline-size: 100%;
  }
  .label {
    font-size: var(--_font-size-small);
    color: var(--_text-muted);
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-s);
    align-items: center;
  }
  .code {
    font-family: var(--_code-font);
    font-size: calc(var(--_font-size-large) * 1.2);
    font-weight: var(--_font-weight-strong);
    letter-spacing: 0.08em;
  }
  .link,
  .input {
    flex: 1 1 12rem;
    min-inline-size: 0;
    min-block-size: 2.75rem;
    padding: var(--_space-s);
    border: 1px solid var(--_border-strong);
    border-radius: var(--_radius-s);
    background: var(--_surface);
    color: var(--_text);
  }
  .input {
    font-family: var(--_code-font);
    text-transform: uppercase;
    letter-spacing: 0.05em;
  }
  .input::placeholder {
    color: var(--_text-muted);
    text-transform: none;
  }
  .input[aria-invalid='true'] {
    border-color: var(--_danger);
  }
  .retrieve-form {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-s);
    inline-size: 100%;
  }
  .button {
    min-block-size: 2.75rem;
    padding: var(--_space-s) var(--_space-m);
    border: 1px solid var(--_accent);
    border-radius: var(--_radius-m);
    background: var(--_accent);
    color: var(--_on-accent);
    font-weight: var(--_font-weight-strong);
    cursor: pointer;
  }
  .button.secondary {
    background: transparent;
    color: var(--_accent);
  }
  .button:disabled,
  .button[aria-disabled='true'] {
    opacity: 0.6;
    cursor: default;
  }
  .qr-figure {
    display: grid;
    gap: var(--_space-xs);
    justify-items: start;
  }
  .qr {
    display: block;
    inline-size: var(--_qr-size);
    block-size: var(--_qr-size);
    border-radius: var(--_radius-s);
  }
  .qr-bg {
    fill: var(--_qr-background);
  }
  .qr-fg {
    fill: var(--_qr-color);
  }
  .qr-placeholder {
    background: var(--_qr-background);
    outline: 1px solid var(--_border);
  }
  .notice {
    display: grid;
    gap: var(--_space-xs);
    inline-size: 100%;
    padding: var(--_space-s) var(--_space-m);
    border-inline-start: 4px solid var(--_border-strong);
    border-radius: var(--_radius-s);
    background: var(--_surface);
  }
  .notice.error {
    border-color: var(--_danger);
    color: var(--_danger);
  }
  .notice.warning {
    border-color: var(--_warning);
  }
  .notice.success {
    border-color: var(--_success);
  }
  .changes {
    display: grid;
    gap: var(--_space-xs);
    padding-inline-start: 1.25rem;
  }
  .delta {
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  .because {
    color: var(--_text-muted);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-s);
    margin-block-start: var(--_space-xs);
  }
`;
