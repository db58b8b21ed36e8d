/**
 * Focus is never left on <body>: after an action that removes or replaces the focused
 * control, focus moves somewhere sensible. Screens render their title with PageHeading
 * (id PAGE_HEADING_ID, tabIndex -1), the fallback target.
 *
 * React commits after these helpers are called (state updates outside React events are
 * scheduled), so they wait, frame by frame, until their target is in the page and not inert.
 */
export const PAGE_HEADING_ID = 'page-heading';

const MAX_FRAMES = 30;

function focusable(el: Element | null): el is HTMLElement {
  return el instanceof HTMLElement && el.isConnected && !el.closest('[inert]') && !(el as HTMLButtonElement).disabled;
}

function tryFocus(el: HTMLElement): boolean {
  el.focus();
  return el.contains(document.activeElement);
}

/**
 * A ref that focuses its element as React commits it, once: the function is one value for
 * every render, so React calls it on mount and unmount only (an inline arrow would refocus
 * the element at every render and take focus from wherever the user had moved it).
 */
export const focusOnMount = (el: HTMLElement | null): void => el?.focus();

let generation = 0;

/**
 * Calls `find` each frame until it yields something focusable (then focuses it) or time runs
 * out. A newer request cancels an older one still waiting.
 */
function focusWhenReady(find: () => Element | null, fallback: () => void, frames = MAX_FRAMES): void {
  const mine = ++generation;
  const step = (left: number) => {
    if (mine !== generation) return;
    const el = find();
    if (focusable(el) && tryFocus(el)) return;
    if (left <= 0) fallback();
    else requestAnimationFrame(() => step(left - 1));
  };
  requestAnimationFrame(() => step(frames));
}

let headingFocusPending = false;

function focusCurrentHeading(): void {
  const h = document.getElementById(PAGE_HEADING_ID);
  if (focusable(h)) h.focus();
}

/**
 * Asks for the page heading to take focus: the next PageHeading to mount takes it, or, if
 * the page does not change (same section), the current one does after two frames.
 */
export function focusHeading(): void {
  headingFocusPending = true;
  requestAnimationFrame(() =>
    requestAnimationFrame(() => {
      if (!headingFocusPending) return;
      headingFocusPending = false;
      focusCurrentHeading();
    }),
  );
}

/** For PageHeading: take focus on mount if asked to, or if focus was lost with the previous screen. */
export function claimHeadingFocus(): boolean {
  const lost = !document.activeElement || document.activeElement === document.body;
  if (headingFocusPending || lost) {
    headingFocusPending = false;
    return true;
  }
  return false;
}

/** Focuses an element by id once it is rendered; falls back to the page heading. */
export function focusLater(id: string): void {
  focusWhenReady(() => document.getElementById(id), focusCurrentHeading);
}

/** Focuses the first element matching a CSS selector once it is rendered (e.g. a radio group's Tab stop). */
export function focusSelectorLater(selector: string): void {
  focusWhenReady(() => document.querySelector(selector), focusCurrentHeading);
}

/** Focuses whatever `find` returns once it is rendered and usable. */
export function focusFoundLater(find: () => Element | null | undefined): void {
  focusWhenReady(() => find() ?? null, focusCurrentHeading);
}

/** Gives focus back to an element (e.g. the control that opened a dialog) once it is usable again, else to the heading. */
export function restoreFocus(el: Element | null): void {
  if (!el || el === document.body) {
    focusWhenReady(() => document.getElementById(PAGE_HEADING_ID), () => undefined);
    return;
  }
  focusWhenReady(() => el, focusCurrentHeading);
}

/** True when a key press is aimed at a text field (so global shortcuts for digits stay out of its way). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (target as HTMLInputElement).type;
  return !['button', 'submit', 'reset', 'checkbox', 'radio'].includes(type);
}
