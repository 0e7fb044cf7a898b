import { html, nothing } from 'lit';
import type { ReactiveController, ReactiveControllerHost, TemplateResult } from 'lit';
import type { Slot } from '@showroom/core';
import { I18nController } from '../base/i18n.js';
import {
  formatDay,
  formatLongDay,
  formatRange,
  formatTime,
  formatWallTime,
  formatWhen,
  zoneName,
} from './format.js';
import { slotGridMessages } from './slot-grid.messages.js';
import {
  addDays,
  earliestWeekendSlot,
  layoutWeek,
  offsetLabel,
  wallTime,
  weekStart,
  zonesDiffer,
  type Week,
} from './week.js';

type Host = ReactiveControllerHost & HTMLElement;

export interface SlotGridOptions {
  /** The shopper picked `slot` (a click, Enter or Space on it, or a shortcut). */
  pick(slot: Slot): void;
  /** The shopper's own time zone, shown beside the slot's when the clocks differ. */
  shopperZone(): string;
  /**
   * Show every slot in the shopper's zone instead of where it takes place (calls, which happen
   * wherever the shopper is).
   */
  inShopperZone?: boolean;
  /**
   * Asks for the slots after the loaded range (the journey's `slots.more`); true when the request
   * went out. Without it the grid ends at the last loaded week.
   */
  more?(): boolean;
  /** True while the slots after the loaded range are loading. */
  loadingMore?(): boolean;
}

/**
 * A week grid of free slots, shared by the test drive and the video consultation: one column a
 * day, one row per start time, in the zone where the appointment takes place (with the shopper's
 * own time beside it when the clocks differ), and shortcuts to the next free slot and the
 * earliest weekend slot.
 *
 * Keyboard, as the ARIA grid pattern has it, with one tab stop (roving `tabindex`): arrow keys
 * move by cell, Home/End to the row's first/last day, Ctrl+Home/End to the first/last cell,
 * Page Up/Page Down to the previous/next week; Enter or Space picks the focused slot. Page Down
 * (or "next week") past the last loaded week loads the following range, when the host can, and
 * moves there once it has arrived; the grid says so while it loads.
 *
 * The grid holds only view state (the week shown and the focused cell); the slots are the
 * journey's.
 */
export class SlotGrid implements ReactiveController {
  readonly #host: Host;
  readonly #options: SlotGridOptions;
  readonly #i18n: I18nController<keyof (typeof slotGridMessages)['en']>;
  #slots: readonly Slot[] = [];
  #weeks: string[] = [];
  #week = '';
  #layout: Week | undefined;
  #row = 0;
  #col = 0;
  #focusPending = false;
  /** The week to show once more slots arrive (`''`: the first), and whether to move focus there. */
  #pending: { week: string; col: number; focus: boolean } | null = null;
  /** The last load of more slots brought no later week. */
  #noMore = false;

  constructor(host: Host, options: SlotGridOptions) {
    this.#host = host;
    this.#options = options;
    this.#i18n = new I18nController(host, slotGridMessages);
    host.addController(this);
  }

  hostConnected(): void {}

  /** The zone a slot is laid out and shown in. */
  readonly #zoneOf = (slot: Slot): string =>
    this.#options.inShopperZone ? this.#options.shopperZone() : slot.timeZone;

  hostUpdated(): void {
    if (!this.#focusPending) return;
    this.#focusPending = false;
    this.#host.shadowRoot?.querySelector<HTMLElement>('[data-grid-active]')?.focus();
  }

  /** The Monday of the week shown. */
  get week(): string {
    return this.#week;
  }

  /** Shows the week starting `start` (a Monday among the weeks with slots). */
  showWeek(start: string, focus = false): void {
    if (!this.#weeks.includes(start)) return;
    this.#week = start;
    this.#layout = layoutWeek(this.#slots, start, this.#zoneOf);
    this.#focusFirst();
    this.#focusPending = focus;
    this.#host.requestUpdate();
  }

  #sync(slots: readonly Slot[]): void {
    if (slots === this.#slots) {
      // A load of more slots that ended without any (it failed): nothing to wait for.
      if (this.#pending && !this.#options.loadingMore?.()) this.#pending = null;
      return;
    }
    const shown = this.#week;
    const pending = this.#pending;
    this.#pending = null;
    this.#noMore = false;
    this.#slots = slots;
    const free = slots
      .filter((s) => s.remaining > 0)
      .sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
    const first = free[0];
    const last = free[free.length - 1];
    this.#weeks = [];
    if (first && last) {
      const end = weekStart(wallTime(last.start, this.#zoneOf(last)).date);
      for (let w = weekStart(wallTime(first.start, this.#zoneOf(first)).date); w <= end; w = addDays(w, 7)) {
        this.#weeks.push(w);
      }
    }
    if (pending) {
      // More slots arrived: on to the week asked for, or stay where the shopper is.
      const target = pending.week || this.#weeks[0] || '';
      if (this.#weeks.includes(target) && target !== shown) {
        this.#setWeek(target, pending.col, pending.focus);
        return;
      }
      this.#noMore = true;
      if (this.#weeks.includes(shown)) {
        this.#layout = layoutWeek(slots, shown, this.#zoneOf);
        return;
      }
    }
    this.#week = this.#weeks[0] ?? '';
    this.#layout = this.#week ? layoutWeek(slots, this.#week, this.#zoneOf) : undefined;
    this.#focusFirst();
  }

  /** Asks the host for the slots after the loaded range, to show the week after this one. */
  #loadMore(col: number, focus: boolean): void {
    if (this.#pending || !this.#options.more?.()) return;
    this.#pending = { week: this.#week && addDays(this.#week, 7), col, focus };
    this.#noMore = false;
    this.#host.requestUpdate();
  }

  /** Puts the roving focus on the earliest slot of the week shown. */
  #focusFirst(): void {
    this.#row = 0;
    this.#col = 0;
    let best: number | undefined;
    this.#layout?.rows.forEach((row, r) =>
      row.cells.forEach((slot, c) => {
        if (slot && (best === undefined || Date.parse(slot.start) < best)) {
          best = Date.parse(slot.start);
          this.#row = r;
          this.#col = c;
        }
      }),
    );
  }

  #onKey(event: KeyboardEvent): void {
    const rows = this.#layout?.rows.length ?? 0;
    if (!rows) return;
    let { row, col } = { row: this.#row, col: this.#col };
    const index = this.#weeks.indexOf(this.#week);
    switch (event.key) {
      case 'ArrowRight':
        col = Math.min(6, col + 1);
        break;
      case 'ArrowLeft':
        col = Math.max(0, col - 1);
        break;
      case 'ArrowDown':
        row = Math.min(rows - 1, row + 1);
        break;
      case 'ArrowUp':
        row = Math.max(0, row - 1);
        break;
      case 'Home':
        col = 0;
        if (event.ctrlKey) row = 0;
        break;
      case 'End':
        col = 6;
        if (event.ctrlKey) row = rows - 1;
        break;
      case 'PageDown':
      case 'PageUp': {
        event.preventDefault();
        const next = this.#weeks[index + (event.key === 'PageDown' ? 1 : -1)];
        if (next) this.#moveWeek(next, col, true);
        else if (event.key === 'PageDown') this.#loadMore(col, true);
        return;
      }
      default:
        return;
    }
    event.preventDefault();
    this.#row = row;
    this.#col = col;
    this.#focusPending = true;
    this.#host.requestUpdate();
  }

  /** Changes week and keeps the focus in the same column, on a row of the new week. */
  #moveWeek(start: string, col: number, focus: boolean): void {
    this.#setWeek(start, col, focus);
    this.#host.requestUpdate();
  }

  #setWeek(start: string, col: number, focus: boolean): void {
    const row = this.#row;
    this.#week = start;
    this.#layout = layoutWeek(this.#slots, start, this.#zoneOf);
    const rows = this.#layout.rows.length;
    if (rows === 0) this.#focusFirst();
    else {
      this.#row = Math.min(row, rows - 1);
      this.#col = col;
    }
    this.#focusPending = focus;
  }

  /**
   * The grid for `slots`, with its week navigation and shortcuts. `label` names the grid for
   * assistive technology (defaults to the week).
   */
  render(slots: readonly Slot[]): TemplateResult {
    this.#sync(slots);
    const t = this.#i18n.t.bind(this.#i18n);
    const locale = this.#i18n.locale;
    const layout = this.#layout;
    const loadingMore = this.#pending !== null || (this.#options.loadingMore?.() ?? false);
    const moreNote = loadingMore
      ? html`<p class="hint loading-more" role="status">${t('loadingMore')}</p>`
      : this.#noMore
        ? html`<p class="hint" role="status">${t('noMore')}</p>`
        : nothing;
    if (!layout) {
      return html`<p class="empty" part="grid-empty">${t('noSlots')}</p>
        ${
          this.#options.more
            ? html`<div class="actions">
                <button
                  type="button"
                  part="week-button"
                  aria-disabled=${loadingMore ? 'true' : 'false'}
                  @click=${() => this.#loadMore(0, false)}
                >
                  ${t('later')}
                </button>
              </div>`
            : nothing
        }
        ${moreNote}`;
    }
    const shopper = this.#options.shopperZone();
    const sample = slots.find((s) => s.remaining > 0);
    const zone = sample ? this.#zoneOf(sample) : shopper;
    const differ = sample ? zonesDiffer(zone, shopper, sample.start) : false;
    const index = this.#weeks.indexOf(this.#week);
    const next = slots
      .filter((s) => s.remaining > 0)
      .sort((a, b) => Date.parse(a.start) - Date.parse(b.start))[0];
    const weekend = earliestWeekendSlot(slots, Number.NEGATIVE_INFINITY, this.#zoneOf);
    const when = (slot: Slot) => formatWhen(slot.start, this.#zoneOf(slot), locale);
    const captionId = 'slot-grid-caption';
    const rows = layout.rows;
    return html`<div class="slot-grid" part="slot-grid">
      <div class="shortcuts actions">
        ${
          next
            ? html`<button type="button" part="shortcut" @click=${() => this.#options.pick(next)}>
                ${t('nextFree', { when: when(next) })}
              </button>`
            : nothing
        }
        ${
          weekend && weekend !== next
            ? html`<button type="button" part="shortcut" @click=${() => this.#options.pick(weekend)}>
                ${t('earliestWeekend', { when: when(weekend) })}
              </button>`
            : nothing
        }
      </div>
      <p class="hint zone-note">
        ${
          differ && sample
            ? t('zoneNote', {
                zone: zoneName(zone, locale, sample.start),
                yours: zoneName(shopper, locale, sample.start),
              })
            : t('zoneOnly', { zone: zoneName(zone, locale, sample?.start ?? layout.days[0]!) })
        }
      </p>
      <div class="week-nav actions">
        <button
          type="button"
          part="week-button"
          aria-label=${t('prevWeek')}
          ?disabled=${index <= 0}
          @click=${() => this.showWeek(this.#weeks[index - 1] ?? '')}
        >
          ‹
        </button>
        <h3 class="week-title" id=${captionId} aria-live="polite">
          ${t('week', { date: formatLongDay(layout.start, locale) })}
        </h3>
        <button
          type="button"
          part="week-button"
          aria-label=${t('nextWeek')}
          ?disabled=${index < 0 || (index >= this.#weeks.length - 1 && !this.#options.more)}
          aria-disabled=${loadingMore ? 'true' : 'false'}
          @click=${() => {
            const next = this.#weeks[index + 1];
            if (next) this.showWeek(next);
            else this.#loadMore(this.#col, false);
          }}
        >
          ›
        </button>
      </div>
      ${moreNote}
      <p class="visually-hidden" id="slot-grid-help">${t('gridHelp')}</p>
      ${
        rows.length === 0
          ? html`<p class="empty" part="grid-empty">${t('weekEmpty')}</p>`
          : html`<div class="grid-scroll">
              <table
                role="grid"
                part="grid"
                aria-label=${t('gridLabel', { date: formatLongDay(layout.start, locale) })}
                aria-describedby="slot-grid-help"
                aria-busy=${loadingMore ? 'true' : 'false'}
                @keydown=${(e: KeyboardEvent) => this.#onKey(e)}
              >
                <thead>
                  <tr>
                    <th scope="col" class="corner">${t('time')}</th>
                    ${layout.days.map(
                      (day) =>
                        html`<th scope="col" role="columnheader">
                          <abbr title=${formatLongDay(day, locale)}>${formatDay(day, locale)}</abbr>
                        </th>`,
                    )}
                  </tr>
                </thead>
                <tbody>
                  ${rows.map(
                    (row, r) =>
                      html`<tr>
                        <th scope="row" role="rowheader">
                          ${formatWallTime(row.time, locale)}${
                            row.offset !== undefined
                              ? html` <small>(UTC${offsetLabel(row.offset)})</small>`
                              : nothing
                          }
                        </th>
                        ${row.cells.map((slot, c) =>
                          this.#cell(slot, row.places[c] ?? 0, r, c, layout.days[c]!, shopper, locale),
                        )}
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
      }
    </div>`;
  }

  #cell(
    slot: Slot | undefined,
    places: number,
    r: number,
    c: number,
    day: string,
    shopper: string,
    locale: string,
  ): TemplateResult {
    const t = this.#i18n.t.bind(this.#i18n);
    const active = r === this.#row && c === this.#col;
    const tabindex = active ? '0' : '-1';
    if (!slot) {
      return html`<td
        role="gridcell"
        class="none"
        tabindex=${tabindex}
        ?data-grid-active=${active}
        @focus=${() => this.#focusCell(r, c)}
      >
        <span aria-hidden="true">–</span><span class="visually-hidden">${t('noSlot')}</span>
      </td>`;
    }
    const zone = this.#zoneOf(slot);
    const time = formatTime(slot.start, zone, locale);
    const differ = zonesDiffer(zone, shopper, slot.start);
    const yours = differ ? formatTime(slot.start, shopper, locale) : '';
    const yoursDay = differ ? wallTime(slot.start, shopper).date : day;
    const yoursText = yoursDay === day ? yours : `${formatDay(yoursDay, locale)} ${yours}`;
    const left = t('slotSuffix', { left: t('left', { count: places }) });
    return html`<td role="gridcell" class="slot">
      <button
        type="button"
        part="slot"
        tabindex=${tabindex}
        ?data-grid-active=${active}
        data-slot=${slot.id}
        @focus=${() => this.#focusCell(r, c)}
        @click=${() => this.#options.pick(slot)}
      >
        <span class="visually-hidden">${formatLongDay(day, locale)} </span><span class="time">${time}</span>${
          differ ? html` <small class="yours">${t('yourTime', { time: yoursText })}</small>` : nothing
        }<span class="visually-hidden">${left}</span>
      </button>
    </td>`;
  }

  /**
   * When an appointment takes place, for a summary or a confirmation: the day and times in its
   * zone, the zone's name, and the shopper's own time when their clock differs.
   */
  renderWhen(start: string, end: string, timeZone: string): TemplateResult {
    const locale = this.#i18n.locale;
    const shopper = this.#options.shopperZone();
    return html`<span class="when">${formatRange(start, end, timeZone, locale)}</span>
      <span class="hint zone">(${zoneName(timeZone, locale, start)})</span>
      ${
        zonesDiffer(timeZone, shopper, start)
          ? html`<span class="hint yours"
              >${this.#i18n.t('yourTimeIs', {
                time: formatWhen(start, shopper, locale),
                zone: zoneName(shopper, locale, start),
              })}</span
            >`
          : nothing
      }`;
  }

  /** Follows focus that arrives by pointer, so the tab stop stays where the shopper was. */
  #focusCell(r: number, c: number): void {
    if (r === this.#row && c === this.#col) return;
    this.#row = r;
    this.#col = c;
    this.#host.requestUpdate();
  }
}
