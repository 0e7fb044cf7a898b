import { css } from 'lit';

export const journeyStyles = css`
  :host {
    --_gap: var(--showroom-journey-gap, var(--_space-l));
    --_target: var(--showroom-journey-target-size, 2.75rem);
  }
  :host([kiosk]) {
    --_target: var(--showroom-journey-target-size, 3.5rem);
    /* Every element inside grows its controls to a touch size. */
    --showroom-size-target: var(--showroom-journey-target-size, 3rem);
    position: fixed;
    inset: 0;
    overflow: auto;
    font-size: calc(var(--_font-size) * 1.125);
    z-index: var(--showroom-journey-z-index, 1000);
  }
  .shell {
    display: grid;
    gap: var(--_gap);
    padding: var(--_space-m);
  }
  :host([kiosk]) .shell {
    min-height: 100%;
    padding: var(--_space-xl);
    align-content: start;
  }
  ol.progress {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-s);
    margin: 0;
    padding: 0;
    list-style: none;
    counter-reset: step;
  }
  ol.progress li {
    counter-increment: step;
    display: flex;
    align-items: center;
    gap: var(--_space-xs);
    color: var(--_text-muted);
    font-size: var(--_font-size-small);
  }
  ol.progress li::before {
    content: counter(step);
    display: inline-grid;
    place-items: center;
    width: 1.75em;
    height: 1.75em;
    border-radius: 50%;
    border: 1px solid var(--_border-strong);
  }
  ol.progress li[data-state='current'] {
    color: var(--_text);
    font-weight: var(--_font-weight-strong);
  }
  ol.progress li[data-state='current']::before,
  ol.progress li[data-state='done']::before {
    background: var(--_accent);
    color: var(--_on-accent);
    border-color: var(--_accent);
  }
  ol.progress li:not(:last-child)::after {
    content: '';
    width: 1.5rem;
    border-top: 1px solid var(--_border);
  }
  h2 {
    font-size: var(--_font-size-large);
    margin: 0;
  }
  h2:focus {
    outline: none;
  }
  .choices {
    display: grid;
    gap: var(--_space-m);
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 14rem), 1fr));
  }
  .choice {
    display: grid;
    gap: var(--_space-xs);
    text-align: start;
    padding: var(--_space-m);
    border: 1px solid var(--_border-strong);
    border-radius: var(--_radius-m);
    background: var(--_surface-raised);
    cursor: pointer;
    min-height: var(--_target);
  }
  .choice strong {
    font-size: var(--_font-size-large);
  }
  .choice span {
    color: var(--_text-muted);
  }
  .choice:hover {
    border-color: var(--_accent);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-s);
    justify-content: space-between;
  }
  button.primary,
  button.secondary,
  a.button {
    display: inline-flex;
    align-items: center;
    text-decoration: none;
    min-height: var(--_target);
    min-width: var(--_target);
    padding: 0 var(--_space-l);
    border-radius: var(--_radius-m);
    border: 1px solid var(--_accent);
    cursor: pointer;
  }
  button.primary,
  a.button.primary {
    background: var(--_accent);
    color: var(--_on-accent);
  }
  button.secondary {
    background: transparent;
    color: var(--_accent);
  }
  .done {
    display: grid;
    gap: var(--_space-m);
    justify-items: start;
  }
  .attract {
    position: fixed;
    inset: 0;
    display: grid;
    place-content: center;
    justify-items: center;
    gap: var(--_space-xl);
    background: var(--showroom-journey-attract-background, var(--_surface));
    z-index: 1;
  }
  .attract h2 {
    font-size: clamp(2rem, 6vw, 5rem);
  }
  .attract button {
    font-size: var(--_font-size-large);
    min-height: calc(var(--_target) * 1.5);
  }
  dialog {
    border: none;
    border-radius: var(--_radius-l);
    padding: var(--_space-xl);
    background: var(--_surface);
    color: var(--_text);
    max-width: min(32rem, 90vw);
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.5);
  }
  dialog .actions {
    margin-top: var(--_space-l);
  }
  button:disabled {
    cursor: default;
    opacity: 0.5;
  }
`;
