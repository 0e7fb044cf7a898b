import { css } from 'lit';

/** The week grid of free slots; every cell is a touch target of at least 44 × 44 px. */
export const slotGridStyles = css`
  .slot-grid {
    display: grid;
    gap: var(--_space-s);
  }
  .week-nav {
    justify-content: space-between;
    flex-wrap: nowrap;
  }
  .week-title {
    font-size: var(--_font-size);
    text-align: center;
  }
  .grid-scroll {
    overflow-x: auto;
  }
  table[role='grid'] {
    border-collapse: separate;
    border-spacing: var(--showroom-slot-grid-gap, 4px);
    width: 100%;
    min-width: 36rem;
    table-layout: fixed;
  }
  th {
    font-size: var(--_font-size-small);
    font-weight: var(--_font-weight-strong);
    color: var(--_text-muted);
    text-align: center;
    padding: var(--_space-xs);
  }
  th.corner {
    width: 5rem;
  }
  th abbr {
    text-decoration: none;
  }
  td {
    padding: 0;
    text-align: center;
    vertical-align: middle;
    height: var(--_target);
  }
  td.none {
    color: var(--_text-muted);
    border-radius: var(--_radius-s);
  }
  td.slot button {
    width: 100%;
    flex-direction: column;
    gap: 0;
    padding: var(--_space-xs);
    border-color: var(--_accent);
    background: var(--showroom-slot-grid-slot-background, var(--_accent-soft));
    color: var(--_text);
    line-height: 1.2;
  }
  td.slot button:hover {
    background: var(--_accent);
    color: var(--_on-accent);
  }
  td.slot .time {
    font-weight: var(--_font-weight-strong);
  }
  td.slot .yours {
    font-size: 0.75rem;
  }
  .empty {
    padding: var(--_space-m);
    color: var(--_text-muted);
  }
`;
