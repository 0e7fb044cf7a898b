import { css } from 'lit';

export const testDriveStyles = css`
  :host {
    --_max-width: var(--showroom-test-drive-max-width, 56rem);
  }
  .test-drive {
    display: grid;
    gap: var(--_space-m);
    max-width: var(--_max-width);
  }
  .steps {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-s);
    margin: 0;
    padding: 0;
    list-style: none;
    font-size: var(--_font-size-small);
    color: var(--_text-muted);
  }
  .steps li {
    padding: var(--_space-xs) var(--_space-s);
    border-radius: var(--_radius-s);
    border: 1px solid var(--_border);
  }
  .steps li.current {
    border-color: var(--_accent);
    color: var(--_text);
    font-weight: var(--_font-weight-strong);
  }
  #step-heading:focus {
    outline: none;
  }
  #step-heading:focus-visible {
    outline: var(--_focus-ring-width) solid var(--_focus-ring-color);
  }
  .search {
    align-items: end;
  }
  .grow {
    flex: 1 1 12rem;
  }
  .locations {
    display: grid;
    gap: var(--_space-s);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .locations li {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-s);
    align-items: center;
    justify-content: space-between;
    padding: var(--_space-m);
    border: 1px solid var(--_border);
    border-radius: var(--_radius-m);
    background: var(--_surface-raised);
  }
  .locations h4,
  .summary h4 {
    margin: 0;
    font-size: var(--_font-size);
  }
  .badge {
    display: inline-block;
    margin-inline-start: var(--_space-s);
    padding: 0 var(--_space-s);
    border-radius: var(--_radius-s);
    background: var(--_accent-soft);
    color: var(--_text);
  }
  .summary,
  .confirmation {
    display: grid;
    gap: var(--_space-xs);
    padding: var(--_space-m);
    border: 1px solid var(--_border);
    border-radius: var(--_radius-m);
    background: var(--_surface-raised);
  }
  .summary button.link {
    justify-self: start;
  }
  .when {
    font-weight: var(--_font-weight-strong);
  }
  .zone,
  .yours {
    display: block;
  }
  .place {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space-s);
  }
  .address {
    display: grid;
    gap: var(--_space-s);
  }
  .loading {
    color: var(--_text-muted);
  }
`;
