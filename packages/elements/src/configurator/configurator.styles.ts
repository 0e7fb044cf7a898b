import { css } from 'lit';

export const configuratorStyles = css`
  :host {
    --_max-width: var(--showroom-configurator-max-width, 1600px);
    --_summary-width: var(--showroom-configurator-summary-width, 22rem);
    --_swatch-size: var(--showroom-configurator-swatch-size, 2.5rem);
    --_tile-min: var(--showroom-configurator-tile-min-width, 11rem);
    --_selected: var(--showroom-configurator-selected-color, var(--_accent));
  }
  .base {
    max-inline-size: var(--_max-width);
    margin-inline: auto;
    padding: var(--_space-m);
  }
  h2,
  h3,
  p,
  dl,
  dd,
  ul,
  fieldset {
    margin: 0;
  }
  ul {
    padding: 0;
    list-style: none;
  }

  /* header */
  .header {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-m);
    align-items: end;
    margin-block-end: var(--_space-l);
  }
  .media:empty,
  .media img[hidden] {
    display: none;
  }
  .media ::slotted(*),
  .media img {
    display: block;
    max-inline-size: 100%;
    block-size: auto;
    border-radius: var(--_radius-l);
  }
  .brand,
  .meta {
    color: var(--_text-muted);
    font-size: var(--_font-size-small);
  }
  .model {
    font-size: calc(var(--_font-size-large) * 1.25);
    font-weight: var(--_font-weight-strong);
    line-height: 1.2;
  }

  /* layout: one column, then options + a sticky summary */
  .layout {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--_space-l);
  }
  @container (min-width: 48rem) {
    .layout {
      grid-template-columns: minmax(0, 1fr) var(--_summary-width);
      align-items: start;
    }
    .summary {
      position: sticky;
      inset-block-start: var(--_space-m);
    }
  }
  @container (min-width: 120rem) {
    :host {
      --_swatch-size: var(--showroom-configurator-swatch-size, 3rem);
    }
    .base {
      font-size: 1.125em;
    }
  }
  .choices {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--_space-l);
    min-inline-size: 0;
  }
  .group-title,
  .summary-title,
  .finance-title {
    font-size: var(--_font-size);
    font-weight: var(--_font-weight-strong);
    margin-block-end: var(--_space-s);
  }
  /* Groups off screen skip style, layout and paint until they scroll near (a long catalog stays fast). */
  .group {
    content-visibility: auto;
    contain-intrinsic-size: auto 12rem;
  }
  .group-description {
    color: var(--_text-muted);
    font-size: var(--_font-size-small);
    margin-block: calc(var(--_space-s) * -0.5) var(--_space-s);
  }

  /* choices: one card style for trims, tiles, swatches and toggles */
  .trims,
  .tiles,
  .toggles {
    display: grid;
    gap: var(--_space-s);
    grid-template-columns: repeat(auto-fill, minmax(min(100%, var(--_tile-min)), 1fr));
  }
  .trims {
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 14rem), 1fr));
  }
  .swatches {
    display: grid;
    gap: var(--_space-s);
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 8rem), 1fr));
  }
  .card {
    position: relative;
    display: flex;
    gap: var(--_space-s);
    align-items: flex-start;
    inline-size: 100%;
    min-block-size: 2.75rem;
    margin: 0;
    padding: var(--_space-s) var(--_space-m);
    border: 1px solid var(--_border-strong);
    border-radius: var(--_radius-m);
    background: var(--_surface);
    color: var(--_text);
    text-align: start;
    cursor: pointer;
  }
  .card:hover {
    border-color: var(--_selected);
  }
  .card[aria-checked='true'] {
    border-color: var(--_selected);
    background: var(--_accent-soft);
    box-shadow: inset 0 0 0 1px var(--_selected);
  }
  .card[aria-disabled='true'] {
    cursor: default;
  }
  /* The pick whose changes the conflict dialog is about to show (one frame before it opens). */
  .card[data-proposed] {
    outline: 2px dashed var(--_selected);
    outline-offset: 2px;
    cursor: progress;
  }
  .card.state-unavailable {
    border-style: dashed;
    background: var(--_surface-raised);
  }
  .card.state-unavailable .name {
    text-decoration: line-through;
  }
  .trim {
    flex-direction: column;
    padding: var(--_space-m);
  }
  .name {
    font-weight: var(--_font-weight-strong);
  }
  .text {
    display: flex;
    flex-direction: column;
    min-inline-size: 0;
  }
  .trim-desc {
    display: flex;
    flex-direction: column;
    gap: var(--_space-xs);
    font-size: var(--_font-size-small);
  }
  .powertrain,
  .spec-label,
  .description {
    color: var(--_text-muted);
    font-size: var(--_font-size-small);
  }
  .specs {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-m);
  }
  .spec {
    display: flex;
    flex-direction: column;
  }
  .spec-value {
    font-size: var(--_font-size);
    font-weight: var(--_font-weight-strong);
    font-variant-numeric: tabular-nums;
  }
  .from,
  .price {
    font-size: var(--_font-size-small);
    font-variant-numeric: tabular-nums;
  }
  .note {
    font-size: var(--_font-size-small);
    color: var(--_text-muted);
  }
  .state-unavailable .note {
    color: var(--_danger);
  }
  .swatch {
    flex-direction: column;
    align-items: center;
    text-align: center;
  }
  .swatch .text {
    align-items: center;
  }
  .chip {
    flex: none;
    inline-size: var(--_swatch-size);
    block-size: var(--_swatch-size);
    border-radius: 50%;
    background: var(--_swatch, var(--_surface-raised));
    box-shadow: inset 0 0 0 1px color-mix(in srgb, var(--_text) 25%, transparent);
  }
  .chip-none {
    background: linear-gradient(
      135deg,
      transparent 46%,
      var(--_text-muted) 46%,
      var(--_text-muted) 54%,
      transparent 54%
    );
  }
  .box {
    flex: none;
    inline-size: 1.125rem;
    block-size: 1.125rem;
    margin-block-start: 0.2rem;
    border: 2px solid var(--_border-strong);
    border-radius: var(--_radius-s);
  }
  .card[aria-checked='true'] .box {
    border-color: var(--_selected);
    background: var(--_selected);
    box-shadow: inset 0 0 0 2px var(--_surface);
  }
  .lock {
    position: absolute;
    inset-block-start: var(--_space-s);
    inset-inline-end: var(--_space-s);
    inline-size: 0.75rem;
    block-size: 0.875rem;
    border-radius: 2px;
    background: var(--_text-muted);
    mask: linear-gradient(#000 0 0) bottom / 100% 60% no-repeat;
  }
  .refused:empty {
    display: none;
  }
  .refused {
    margin-block-start: var(--_space-s);
    color: var(--_danger);
    font-size: var(--_font-size-small);
  }

  /* summary, breakdown, finance */
  .summary {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--_space-m);
    padding: var(--_space-m);
    border: 1px solid var(--_border);
    border-radius: var(--_radius-l);
    background: var(--_surface-raised);
  }
  .summary-line {
    color: var(--_text-muted);
    font-size: var(--_font-size-small);
  }
  .breakdown {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--_space-xs);
  }
  .row {
    display: flex;
    justify-content: space-between;
    gap: var(--_space-m);
    font-variant-numeric: tabular-nums;
  }
  .row dd {
    text-align: end;
    white-space: nowrap;
  }
  .row-option,
  .row-fee {
    font-size: var(--_font-size-small);
    color: var(--_text-muted);
  }
  .row-total {
    padding-block-start: var(--_space-s);
    border-block-start: 1px solid var(--_border);
    font-size: var(--_font-size-large);
    font-weight: var(--_font-weight-strong);
  }
  .finance {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--_space-s);
    padding-block-start: var(--_space-m);
    border-block-start: 1px solid var(--_border);
  }
  fieldset {
    min-inline-size: 0;
    border: 0;
    padding: 0;
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-xs);
  }
  legend {
    padding: 0;
    margin-block-end: var(--_space-xs);
    font-size: var(--_font-size-small);
  }
  .term {
    position: relative;
  }
  .term input {
    position: absolute;
    opacity: 0;
    inset: 0;
    margin: 0;
    cursor: pointer;
  }
  .term span {
    display: block;
    padding: var(--_space-xs) var(--_space-s);
    border: 1px solid var(--_border-strong);
    border-radius: var(--_radius-s);
    font-size: var(--_font-size-small);
  }
  .term input:checked + span {
    border-color: var(--_selected);
    background: var(--_accent-soft);
    box-shadow: inset 0 0 0 1px var(--_selected);
  }
  .term input:focus-visible + span {
    outline: var(--_focus-ring-width) solid var(--_focus-ring-color);
    outline-offset: var(--_focus-ring-offset);
  }
  .down {
    display: flex;
    justify-content: space-between;
    flex-wrap: wrap;
    gap: var(--_space-s);
    font-size: var(--_font-size-small);
  }
  .range {
    inline-size: 100%;
    accent-color: var(--_accent);
  }
  .monthly {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    align-items: baseline;
    gap: var(--_space-s);
    font-variant-numeric: tabular-nums;
  }
  .monthly strong {
    font-size: var(--_font-size-large);
  }
  .apr {
    color: var(--_text-muted);
    font-size: var(--_font-size-small);
  }

  /* buttons, dialog */
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
  /* Centred over the page, modal by its backdrop (see #syncDialog for why not showModal()). */
  .dialog {
    position: fixed;
    inset: 0;
    z-index: var(--showroom-dialog-z-index, 2147483000);
    margin: auto;
    block-size: fit-content;
    overflow: auto;
    inline-size: min(32rem, calc(100vw - 2rem));
    max-block-size: calc(100dvh - 2rem);
    padding: var(--_space-l);
    border: 1px solid var(--_border);
    border-radius: var(--_radius-l);
    background: var(--_surface);
    color: var(--_text);
  }
  .backdrop {
    display: none;
  }
  .backdrop:has(+ .dialog[open]) {
    display: block;
    position: fixed;
    inset: 0;
    z-index: var(--showroom-dialog-z-index, 2147483000);
    background: rgb(0 0 0 / 0.5);
  }
  .dialog-title {
    font-size: var(--_font-size-large);
    font-weight: var(--_font-weight-strong);
    margin-block-end: var(--_space-s);
  }
  .changes {
    display: grid;
    gap: var(--_space-s);
    margin-block: var(--_space-m);
  }
  .change {
    display: grid;
    grid-template-columns: 1fr auto;
    gap: 0 var(--_space-m);
    padding-block-end: var(--_space-s);
    border-block-end: 1px solid var(--_border);
  }
  .change-price {
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  .change-because {
    grid-column: 1 / -1;
    color: var(--_text-muted);
    font-size: var(--_font-size-small);
  }
  .dialog-actions {
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    gap: var(--_space-s);
    margin-block-start: var(--_space-l);
  }

  /* error */
  .error {
    padding: var(--_space-l);
    border: 1px solid var(--_danger);
    border-radius: var(--_radius-l);
    background: var(--_surface-raised);
  }
  .error-title {
    font-size: var(--_font-size-large);
    color: var(--_danger);
    margin-block-end: var(--_space-s);
  }
  .issues {
    display: grid;
    gap: var(--_space-xs);
    margin-block: var(--_space-s) var(--_space-m);
    overflow-wrap: anywhere;
  }
  code {
    font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
    font-size: 0.9em;
  }

  /* loading skeleton */
  .skeleton {
    display: grid;
    gap: var(--_space-m);
  }
  .bone-row {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-s);
  }
  .bone {
    border-radius: var(--_radius-m);
    background: linear-gradient(
        90deg,
        var(--_surface-raised) 25%,
        var(--_border) 50%,
        var(--_surface-raised) 75%
      )
      0 0 / 200% 100%;
    animation: shimmer 1.4s linear infinite;
  }
  .bone-title {
    inline-size: min(18rem, 70%);
    block-size: 2.25rem;
  }
  .bone-card {
    flex: 1 1 12rem;
    block-size: 7rem;
  }
  .bone-line {
    inline-size: 8rem;
    block-size: 1.25rem;
  }
  .bone-chip {
    inline-size: var(--_swatch-size);
    block-size: var(--_swatch-size);
    border-radius: 50%;
  }
  @keyframes shimmer {
    to {
      background-position: -200% 0;
    }
  }

  @media (forced-colors: active) {
    .card[aria-checked='true'] {
      outline: 3px solid Highlight;
    }
    .chip {
      forced-color-adjust: none;
    }
  }
`;
