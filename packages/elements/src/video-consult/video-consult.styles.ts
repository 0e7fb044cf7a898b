import { css } from 'lit';

export const videoConsultStyles = css`
  :host {
    --_max-width: var(--showroom-video-consult-max-width, 56rem);
  }
  .video-consult {
    display: grid;
    gap: var(--_space-m);
    max-width: var(--_max-width);
  }
  .language {
    max-width: 20rem;
  }
  .now,
  .in-call,
  .summary,
  .confirmation {
    display: grid;
    gap: var(--_space-xs);
    padding: var(--_space-m);
    border: 1px solid var(--_border);
    border-radius: var(--_radius-m);
    background: var(--_surface-raised);
  }
  .in-call .button,
  .in-call button,
  .summary button.link {
    justify-self: start;
  }
  .later {
    display: grid;
    gap: var(--_space-s);
  }
  #step-heading:focus {
    outline: none;
  }
  #step-heading:focus-visible {
    outline: var(--_focus-ring-width) solid var(--_focus-ring-color);
  }
  .when {
    font-weight: var(--_font-weight-strong);
  }
  .zone,
  .yours {
    display: block;
  }
  .loading {
    color: var(--_text-muted);
  }
`;
