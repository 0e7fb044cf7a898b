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
  /* The answer to "who is free now" and its placeholder share one cell: the box is as tall as the
     larger of the two, so the answer arriving moves nothing. */
  .advisor {
    display: grid;
  }
  .advisor > * {
    grid-area: 1 / 1;
  }
  .answer,
  .placeholder {
    display: grid;
    gap: var(--_space-m);
    align-content: start;
  }
  .placeholder {
    visibility: hidden;
  }
  .placeholder .button {
    min-block-size: var(--_target);
  }
  .placeholder.skeleton {
    visibility: visible;
  }
  .skeleton p,
  .skeleton .button {
    color: transparent;
    background: var(--_border);
    border-color: var(--_border);
    border-radius: var(--_radius-s);
  }
  @media (prefers-reduced-motion: no-preference) {
    .skeleton {
      animation: showroom-pulse 1.5s ease-in-out infinite;
    }
  }
  @keyframes showroom-pulse {
    50% {
      opacity: 0.6;
    }
  }
`;
