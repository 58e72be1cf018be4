import { clickDecision, stylesIntact } from '@/lib/fill/click-guard';
import { t } from '@/lib/i18n';
import type { AccountChoice, ContentStringKey, ContentStrings, FillKind } from '@/lib/protocol';

const STYLE = `
:host { all: initial; position: absolute; z-index: 2147483647; font: 13px/1.35 system-ui, sans-serif; }
.row { display: flex; gap: 2px; }
button { all: unset; box-sizing: border-box; cursor: pointer; display: grid; place-items: center; height: 24px; min-width: 24px;
  border-radius: 4px; background: #2fc6f6; color: #fff; }
button:hover { background: #1fa8d6; } button:focus-visible { outline: 2px solid #0b66c3; outline-offset: 1px; }
button.secondary { background: #e6f7fd; color: #0b66c3; font-size: 12px; padding: 0 4px; }
button.wide { padding: 0 10px; gap: 6px; display: flex; align-items: center; }
button[hidden] { display: none; }
:host([data-mode="enrol"]) .panel { left: 0; right: auto; }
:host([data-mode="offer"]) .panel { position: static; margin-top: 4px; }
/* Its shadow stays clear of the buttons: over them, the browser would count them as covered (click-guard). */
.panel { position: absolute; right: 0; top: 30px; min-width: 220px; max-width: 320px; background: #fff; color: #1f2a37;
  border: 1px solid #c9d2da; border-radius: 6px; box-shadow: 0 3px 4px #0003; padding: 8px; }
.panel[hidden] { display: none; }
/* A note must never stand between the user and the page's own button under it. */
.panel.note { pointer-events: none; }
.panel button { display: block; width: 100%; height: auto; padding: 6px 8px; margin-top: 4px; background: #f2f5f7; color: #1f2a37; text-align: left; }
.panel button:hover { background: #e1e8ee; }
.panel input { all: revert; box-sizing: border-box; display: block; width: 100%; margin-top: 6px; padding: 4px 6px; font: inherit; }
`;

const SVG = 'http://www.w3.org/2000/svg';

/**
 * The key icon, built node by node: the content script writes no markup into the page (no innerHTML),
 * which also keeps addons.mozilla.org's linter free of UNSAFE_VAR_ASSIGNMENT warnings.
 */
function keyIcon(): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  const attributes = { width: '14', height: '14', viewBox: '0 0 24 24', 'aria-hidden': 'true' };
  for (const [name, value] of Object.entries(attributes)) svg.setAttribute(name, value);
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('fill', 'currentColor');
  path.setAttribute('d', 'M7 14a5 5 0 1 1 4.9-6H22v4h-2v3h-3v-3h-5.1A5 5 0 0 1 7 14Zm0-3a2 2 0 1 0 0-4 2 2 0 0 0 0 4Z');
  svg.append(path);
  return svg;
}

export interface FillButtonHandlers {
  /** Only ever called for a click or key press the browser marks as the user's own. */
  onFill(kind: FillKind, accountId?: string): void;
  /** The enrolment page's "Add to Bitrix24 Authenticator"; also only for the user's own clicks. */
  onEnrol(): void;
  /** The push step's "Use a recovery code": go to the page's recovery-code step. */
  onRecoveryStep(): void;
  /**
   * A trusted click on a one-time-code button that may not have been meant for it: it was covered,
   * faded, restyled or had just moved (lib/fill/click-guard), or the browser cannot tell (Firefox).
   * The extension's popup opens instead, where the user fills from the extension's own window.
   */
  onUnsureClick(): void;
}

/** IntersectionObserver v2 (Chromium), not yet in TypeScript's DOM types. */
interface VisibilityEntry extends IntersectionObserverEntry {
  readonly isVisible?: boolean;
}

/** IntersectionObserver v2 (Chromium): tells whether an element is really visible, not only on screen. */
const canTrackVisibility = 'isVisible' in (globalThis.IntersectionObserverEntry?.prototype ?? {});

/** `inside`: in the field's right edge (a text field). `beside`: right of it (a row of one-character boxes). */
export type Placement = 'inside' | 'beside';

/**
 * The button beside the code field, in a closed shadow root so the page can neither restyle nor
 * reach it, and reacting only to trusted events, so a script on the page cannot press it.
 */
export class FillButton {
  readonly #host = document.createElement('b24a-fill');
  readonly #root = this.#host.attachShadow({ mode: 'closed' });
  readonly #panel: HTMLDivElement;
  readonly #main: HTMLButtonElement;
  readonly #recovery: HTMLButtonElement;
  readonly #enrol: HTMLButtonElement;
  #field: HTMLElement | null = null;
  #kind: FillKind = 'otp';
  #mode: 'fill' | 'enrol' | 'offer' = 'fill';
  #placement: Placement = 'inside';
  #hideTimer: number | undefined;
  #strings: ContentStrings | null = null;
  /** Since when the row and the panel have been reported really visible (performance.now()), or null. */
  readonly #visibleSince = new Map<Element, number | null>();
  #movedAt = 0;
  #position = '';

  constructor(private readonly handlers: FillButtonHandlers) {
    const style = document.createElement('style');
    style.textContent = STYLE;
    const row = document.createElement('div');
    row.className = 'row';
    this.#panel = document.createElement('div');
    this.#panel.className = 'panel';
    this.#panel.setAttribute('role', 'status');
    this.#panel.hidden = true;
    this.#root.append(style, row, this.#panel);
    this.#watchVisibility([row, this.#panel]);
    this.#main = this.#button(
      keyIcon(),
      t('fillButtonLabel'),
      () => handlers.onFill(this.#kind),
      () => this.#kind !== 'recovery',
    );
    this.#recovery = this.#button(null, t('fillRecoveryButtonLabel'), () => handlers.onFill('recovery'), 'any-click');
    this.#recovery.className = 'secondary';
    this.#recovery.textContent = '#';
    this.#enrol = this.#button(keyIcon(), t('enrolButtonLabel'), () => handlers.onEnrol(), 'any-click');
    this.#enrol.className = 'wide';
    this.#enrol.append(` ${t('enrolButtonLabel')}`);
    row.append(this.#main, this.#recovery, this.#enrol);
  }

  /** The words in the language chosen in the settings, as the background sent them. */
  relabel(strings: ContentStrings): void {
    this.#strings = strings;
    this.#name(this.#main, this.#kind === 'recovery' ? 'fillRecoveryButtonLabel' : 'fillButtonLabel');
    this.#name(this.#recovery, 'fillRecoveryButtonLabel');
    this.#name(this.#enrol, 'enrolButtonLabel');
    this.#enrol.lastChild!.textContent = ` ${strings.enrolButtonLabel}`;
    // The push note in the chosen language, unless the user already used or closed it.
    if (this.#mode === 'offer' && this.#field && !this.#panel.hidden) this.attachRecoveryOffer(this.#field);
  }

  text(key: ContentStringKey): string {
    return this.#strings?.[key] ?? t(key);
  }

  #name(button: HTMLButtonElement, key: ContentStringKey): void {
    button.title = this.text(key);
    button.setAttribute('aria-label', this.text(key));
  }

  /**
   * `guarded` (true while the button releases a one-time code): a click counts only when the user
   * plainly saw the button (lib/fill/click-guard); otherwise the popup opens. `any-click`: any
   * trusted click acts, in Firefox too, which cannot tell whether the button was covered, because
   * what it does is safe from a click the user did not mean. A recovery code is entered only after
   * the user's yes in the extension's popup (background/fill.ts), which a page cannot click: the
   * popup's plain Fill must never be where a doubted click on a recovery button leads. Enrolment
   * fills codes of the page's own QR code and replacing an account asks in the popup; the push
   * note's button only goes to the page's recovery step.
   */
  #button(
    icon: Node | null,
    label: string,
    action: () => void,
    guarded: (() => boolean) | 'any-click',
  ): HTMLButtonElement {
    const button = document.createElement('button');
    button.type = 'button';
    if (icon) button.append(icon);
    button.title = label;
    button.setAttribute('aria-label', label);
    button.addEventListener('click', (event) => {
      event.preventDefault();
      event.stopPropagation();
      if (!event.isTrusted) return;
      if (guarded === 'any-click' || !guarded() || this.#clickCounts(button)) action();
      else this.handlers.onUnsureClick();
    });
    return button;
  }

  #watchVisibility(parts: Element[]): void {
    for (const part of parts) this.#visibleSince.set(part, null);
    if (!canTrackVisibility) return;
    const observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries as VisibilityEntry[]) {
          const visible = entry.isIntersecting && entry.intersectionRatio >= 0.99 && entry.isVisible === true;
          if (!visible) this.#visibleSince.set(entry.target, null);
          else if (this.#visibleSince.get(entry.target) == null) this.#visibleSince.set(entry.target, entry.time);
        }
      },
      { threshold: [0, 0.99, 1], trackVisibility: true, delay: 100 } as IntersectionObserverInit,
    );
    for (const part of parts) observer.observe(part);
  }

  /** The click lands on what the user saw: the button visible, still and in its own styles (lib/fill/click-guard). */
  #clickCounts(button: HTMLButtonElement): boolean {
    const part = button.closest('.panel') ?? button.closest('.row');
    const computed = [this.#host, document.documentElement].map((element) => {
      const style = getComputedStyle(element);
      return {
        opacity: style.opacity,
        visibility: style.visibility,
        filter: style.filter,
        mixBlendMode: style.mixBlendMode,
        clipPath: style.clipPath,
        mask: style.mask,
        transform: style.transform,
        pointerEvents: style.pointerEvents,
      };
    });
    const decision = clickDecision({
      visibleSince: (part && this.#visibleSince.get(part)) ?? null,
      movedAt: this.#movedAt,
      stylesIntact: stylesIntact(computed),
      now: performance.now(),
    });
    return decision === 'act';
  }

  /** Shows the button at `field`, for an OTP step or a recovery-code entry; follows the field as it moves. */
  attach(field: HTMLElement, kind: FillKind, placement: Placement = 'inside'): void {
    this.#show(field, 'fill');
    this.#kind = kind;
    this.#placement = placement;
    this.#recovery.hidden = kind === 'recovery';
    this.#name(this.#main, kind === 'recovery' ? 'fillRecoveryButtonLabel' : 'fillButtonLabel');
    this.place();
  }

  /**
   * The push step has nothing to fill: a note under the page's "other way" link that sign-in is
   * confirmed in the app, with one button to the recovery-code step.
   */
  attachRecoveryOffer(anchor: HTMLElement): void {
    this.#show(anchor, 'offer');
    this.#panel.textContent = this.text('pushNote');
    this.#panel.classList.remove('note');
    const go = this.#button(
      null,
      this.text('pushUseRecovery'),
      () => {
        this.#panel.hidden = true;
        this.handlers.onRecoveryStep();
      },
      'any-click',
    );
    go.textContent = this.text('pushUseRecovery');
    this.#panel.append(go);
    clearTimeout(this.#hideTimer);
    this.#panel.hidden = false;
    this.place();
  }

  /** On the enrolment page: one labelled button above the portal's first code input. */
  attachEnrol(anchor: HTMLElement): void {
    this.#show(anchor, 'enrol');
    this.place();
  }

  #show(anchor: HTMLElement, mode: 'fill' | 'enrol' | 'offer'): void {
    this.#field = anchor;
    this.#mode = mode;
    this.#placement = 'inside';
    this.#host.dataset.mode = mode;
    this.#main.hidden = mode !== 'fill';
    this.#recovery.hidden = mode !== 'fill';
    this.#enrol.hidden = mode !== 'enrol';
    if (!this.#host.isConnected) document.documentElement.append(this.#host);
  }

  detach(): void {
    this.#field = null;
    this.#panel.hidden = true;
    this.#host.remove();
  }

  get attachedTo(): HTMLElement | null {
    return this.#field;
  }

  /** Fill: inside the field's right edge, vertically centred. Enrol: just above the first code input. */
  place(): void {
    this.#layout();
    const position = `${this.#host.style.left},${this.#host.style.top}`;
    // Moved under the pointer: a click right after may have been meant for what was there before.
    if (position !== this.#position) this.#movedAt = performance.now();
    this.#position = position;
  }

  #layout(): void {
    if (!this.#field) return;
    const rect = this.#field.getBoundingClientRect();
    if (this.#mode === 'offer') {
      this.#host.style.left = `${Math.round(rect.left + window.scrollX)}px`;
      this.#host.style.top = `${Math.round(rect.bottom + window.scrollY + 4)}px`;
      return;
    }
    if (this.#placement === 'beside') {
      this.#host.style.left = `${Math.round(rect.right + window.scrollX + 6)}px`;
      this.#host.style.top = `${Math.round(rect.top + window.scrollY + (rect.height - 24) / 2)}px`;
      return;
    }
    if (this.#mode === 'enrol') {
      this.#host.style.left = `${Math.round(rect.left + window.scrollX)}px`;
      this.#host.style.top = `${Math.round(rect.top + window.scrollY - 30)}px`;
      return;
    }
    const width = this.#recovery.hidden ? 28 : 54;
    this.#host.style.left = `${Math.round(rect.right + window.scrollX - width)}px`;
    this.#host.style.top = `${Math.round(rect.top + window.scrollY + (rect.height - 24) / 2)}px`;
  }

  /**
   * Asks for one line of text (the login an enrolment is for, when the page names nobody). Only a
   * trusted click or Enter answers; the page can neither read nor type into the closed root's field.
   */
  ask(text: string, actionLabel: string, answer: (value: string) => void): void {
    this.#panel.textContent = text;
    this.#panel.classList.remove('note');
    const input = document.createElement('input');
    input.type = 'text';
    input.maxLength = 256;
    input.setAttribute('aria-label', text);
    const submit = () => {
      const value = input.value.trim();
      if (value === '') return;
      this.#panel.hidden = true;
      answer(value);
    };
    input.addEventListener('keydown', (event) => {
      event.stopPropagation();
      if (event.key === 'Enter' && event.isTrusted) submit();
    });
    // Only the enrolment asks (for the login its QR code does not name).
    const button = this.#button(null, actionLabel, submit, 'any-click');
    button.textContent = actionLabel;
    this.#panel.append(input, button);
    this.#showPanel(60_000);
    input.focus();
  }

  say(text: string): void {
    this.#panel.textContent = text;
    this.#panel.classList.add('note');
    this.#showPanel(6000);
  }

  /** Several accounts on this portal: the user picks one (the last one chosen comes first). */
  choose(kind: FillKind, choices: AccountChoice[]): void {
    this.#panel.textContent = this.text('fillChooseAccount');
    this.#panel.classList.remove('note');
    for (const choice of choices) {
      const label = choice.issuer ? `${choice.label} — ${choice.issuer}` : choice.label;
      const button = this.#button(
        null,
        label,
        () => {
          this.#panel.hidden = true;
          this.handlers.onFill(kind, choice.id);
        },
        kind === 'recovery' ? 'any-click' : () => true,
      );
      button.textContent = label;
      this.#panel.append(button);
    }
    this.#showPanel(30_000);
    this.#panel.querySelector('button')?.focus();
  }

  #showPanel(ms: number): void {
    this.#panel.hidden = false;
    clearTimeout(this.#hideTimer);
    this.#hideTimer = window.setTimeout(() => (this.#panel.hidden = true), ms);
  }
}
