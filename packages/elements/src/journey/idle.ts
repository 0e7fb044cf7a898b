import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** The phases of an unattended kiosk: in use, asking "still there?", or waiting for a shopper. */
export type IdlePhase = 'active' | 'warning' | 'attract';

export interface IdleOptions {
  /** Quiet time before the "still there?" question, in ms. */
  timeoutMs: () => number;
  /** How long the question waits for an answer before the reset, in ms. */
  countdownMs: () => number;
  /** Called when nobody answered: wipe everything. */
  onReset: () => void;
}

const activity = ['pointerdown', 'keydown', 'input', 'wheel', 'touchstart'] as const;

/**
 * Watches a kiosk for shoppers: any touch, key or input inside the host restarts the clock;
 * after `timeoutMs` of quiet it moves to `warning` and counts down `countdownMs`, then resets
 * and rests in `attract` until the next shopper touches the screen. `secondsLeft` is the
 * countdown the host shows. Inactive (always `active`) until `enable()`.
 */
export class IdleController implements ReactiveController {
  phase: IdlePhase = 'active';
  secondsLeft = 0;
  #enabled = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #tick: ReturnType<typeof setInterval> | undefined;
  #deadline = 0;
  readonly #onActivity = (): void => {
    if (this.phase === 'active') this.#arm();
  };

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: IdleOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    for (const type of activity) this.host.addEventListener(type, this.#onActivity, { passive: true });
    if (this.#enabled) this.#arm();
  }

  hostDisconnected(): void {
    for (const type of activity) this.host.removeEventListener(type, this.#onActivity);
    this.#clear();
  }

  /** Starts watching, in `attract` (a kiosk waiting for its first shopper) or `active`. */
  enable(phase: 'attract' | 'active'): void {
    this.#enabled = true;
    this.#set(phase);
    if (phase === 'active') this.#arm();
  }

  disable(): void {
    this.#enabled = false;
    this.#clear();
    this.#set('active');
  }

  /** A shopper is here: leave `warning` or `attract` and restart the clock. */
  resume(): void {
    if (!this.#enabled) return;
    this.#set('active');
    this.#arm();
  }

  #arm(): void {
    this.#clear();
    if (!this.#enabled) return;
    this.#timer = setTimeout(() => this.#warn(), this.options.timeoutMs());
  }

  #warn(): void {
    this.#set('warning');
    this.#deadline = Date.now() + this.options.countdownMs();
    this.secondsLeft = Math.ceil(this.options.countdownMs() / 1000);
    this.#tick = setInterval(() => {
      const left = this.#deadline - Date.now();
      if (left <= 0) {
        this.#clear();
        this.#set('attract');
        this.options.onReset();
        return;
      }
      const seconds = Math.ceil(left / 1000);
      if (seconds !== this.secondsLeft) {
        this.secondsLeft = seconds;
        this.host.requestUpdate();
      }
    }, 100);
  }

  #set(phase: IdlePhase): void {
    if (phase === this.phase) return;
    this.phase = phase;
    this.host.requestUpdate();
  }

  #clear(): void {
    clearTimeout(this.#timer);
    clearInterval(this.#tick);
    this.#timer = undefined;
    this.#tick = undefined;
  }
}
